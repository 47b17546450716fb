"""A claim's page is kept rendered for anonymous readers, and every change that alters it shows at once.

Each test reads the page (now cached) and the API record's ETag, changes the claim through the
domain function an editor, a reviewer or an import uses, and reads again: the page shows the change
and the ETag read before no longer answers 304. Each runs twice: with the process's own cache (the
validator read from the database) and with the shared Redis cache that production uses, where the
validator and the page are both kept in the cache (claims/validator_cache.py).
"""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from claims import workflow
from claims.claimreview.importer import import_claim_reviews
from claims.models import Claim
from claims.provenance.review_flags import save_source
from claims.quotes import save_quote
from sources.models import Actor, Source, SourceWatch
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["own cache", "shared cache"])
def shared(request) -> bool:
    if request.param == "shared cache":
        request.getfixturevalue("shared_cache")
    return request.param == "shared cache"


TEXT = "The Netherlands expelled 17 Russian intelligence officers in March 2022."


@pytest.fixture
def claim():
    claim = PublishedClaimFactory(text=TEXT)
    QuoteFactory(claim=claim, source=SourceFactory(title="First report"))
    return Claim.objects.get(pk=claim.pk)


class Reader:
    """An anonymous reader of one claim's page and API record."""

    def __init__(self, claim: Claim):
        self.page_url = claim.get_absolute_url()
        self.api_url = f"/api/v1/claims/{claim.slug}/"
        self.client = APIClient()
        self.etag = self.client.get(self.api_url)["ETag"]
        self.client.get(self.page_url)

    def page(self) -> str:
        response = self.client.get(self.page_url)
        assert response.status_code == 200
        return response.content.decode()

    def record_changed(self) -> bool:
        return self.client.get(self.api_url, HTTP_IF_NONE_MATCH=self.etag).status_code == 200


def test_an_unchanged_page_comes_from_the_cache(claim, shared, django_assert_num_queries):
    reader = Reader(claim)

    # Expect no query with the shared cache (the validator is kept there too), else the validator.
    with django_assert_num_queries(0 if shared else 1):
        page = reader.page()

    assert "First report" in page and not reader.record_changed()


def test_publishing_a_claim_lists_it_on_the_pages_sharing_its_source(claim, reviewer):
    shared = claim.quotes.get().source
    other = ClaimFactory(text="Russia expelled Dutch diplomats in return.", status=Claim.Status.IN_REVIEW)
    other.verdict, other.explanation = "true", "Both governments said so."
    other.save()
    QuoteFactory(claim=other, source=shared)
    reader = Reader(claim)
    assert "Russia expelled Dutch diplomats" not in reader.page()

    workflow.publish(claim=Claim.objects.get(pk=other.pk), by=reviewer, confirmed=True)

    assert "Russia expelled Dutch diplomats" in reader.page()


def test_a_correction_shows_its_note(claim, reviewer):
    reader = Reader(claim)

    workflow.correct(claim=claim, by=reviewer, note="The figure was 17, not 71.")

    assert "The figure was 17, not 71." in reader.page() and reader.record_changed()


def test_a_retraction_withdraws_the_verdict(claim, reviewer):
    reader = Reader(claim)
    assert "First report" in reader.page()

    workflow.retract(claim=claim, by=reviewer, note="The report was a hoax.")

    page = reader.page()
    assert "The report was a hoax." in page and "First report" not in page and reader.record_changed()


def test_a_new_quote_appears(claim, reviewer):
    reader = Reader(claim)
    source = SourceFactory(title="Second report")

    save_quote(quote=QuoteFactory.build(claim=claim, source=source), by=reviewer)

    assert "Second report" in reader.page() and reader.record_changed()


def test_a_deleted_quote_disappears(claim, reviewer):
    second = QuoteFactory(claim=claim, source=SourceFactory(title="Second report"))
    reader = Reader(claim)
    assert "Second report" in reader.page()

    from claims.quotes import delete_quotes

    delete_quotes(quotes=[second], by=reviewer)

    assert "Second report" not in reader.page() and reader.record_changed()


def test_another_fact_checkers_review_appears(claim):
    reader = Reader(claim)

    import_claim_reviews(
        [
            {
                "@type": "ClaimReview",
                "url": "https://factcheck.afp.com/reviews/1",
                "claimReviewed": TEXT,
                "author": {"@type": "Organization", "name": "AFP"},
                "reviewRating": {"alternateName": "Verdadero"},
                "datePublished": "2022-04-02",
            }
        ]
    )

    assert "Verdadero" in reader.page() and reader.record_changed()


def test_a_sources_correction_shows(claim, reviewer):
    reader = Reader(claim)
    source = Source.objects.get(pk=claim.quotes.get().source_id)

    source.title, source.status = "First report (corrected)", Source.Status.CORRECTED
    save_source(source=source, by=reviewer)

    assert "First report (corrected)" in reader.page() and reader.record_changed()


def test_a_quoted_page_found_removed_shows(claim):
    source = Source.objects.get(pk=claim.quotes.get().source_id)
    watch = SourceWatch.objects.create(source=source)
    reader = Reader(claim)

    watch.state, watch.removed_at = SourceWatch.State.REMOVED, timezone.now()
    watch.save()

    assert "The publisher removed this page after we quoted it" in reader.page() and reader.record_changed()


def test_a_renamed_speaker_shows(claim):
    speaker = ActorFactory(name="Minister Bot", kind=Actor.Kind.OFFICIAL)
    claim.quotes.update(speaker=speaker)
    reader = Reader(claim)
    assert "Minister Bot" in reader.page()

    speaker.name = "Minister Hoekstra"
    speaker.save()

    assert "Minister Hoekstra" in reader.page() and reader.record_changed()


def test_a_change_to_a_source_the_quoted_one_relies_on_moves_the_page_on(claim, client):
    """The provenance drawing names the sources the quoted one cites, and those they cite in turn."""
    quoted = claim.quotes.get().source
    letter, memo = SourceFactory(title="Ministry letter"), SourceFactory(title="Internal memo")
    quoted.citations.create(cited_source=letter, relation="reports")
    letter.citations.create(cited_source=memo, relation="quotes")
    etag = client.get(claim.get_absolute_url())["ETag"]

    memo.title = "Internal memo of 2 March"
    memo.save()

    assert client.get(claim.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_staff_are_never_served_the_cached_page(claim, client, django_assert_num_queries):
    Reader(claim)  # cached for anonymous readers
    client.force_login(UserFactory(group="reviewer"))
    client.get(claim.get_absolute_url())  # the session and the user, loaded once

    response = client.get(claim.get_absolute_url())

    assert response.status_code == 200 and response.context is not None  # rendered, not cached


def test_a_published_claim_enters_the_sitemap_file_at_once(claim, reviewer, client):
    waiting = ClaimFactory(text="Russia expelled Dutch diplomats in return.", status=Claim.Status.IN_REVIEW)
    waiting.verdict, waiting.explanation = "true", "Both governments said so."
    waiting.save()
    QuoteFactory(claim=waiting)
    before = client.get("/sitemap-claims.xml").content.decode()

    workflow.publish(claim=Claim.objects.get(pk=waiting.pk), by=reviewer, confirmed=True)

    after = client.get("/sitemap-claims.xml").content.decode()
    assert waiting.slug not in before and waiting.slug in after
