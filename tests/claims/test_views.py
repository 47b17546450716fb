"""The public pages readers see: home, search, claim, source and actor pages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims import workflow
from claims.conflicts import refresh_conflicts
from claims.models import Claim
from claims.quantities import Comparator
from sources.models import Actor, Source
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"


def claim_url(slug):
    return reverse("claims:claim-detail", args=[slug])


def queries(client, url):
    client.get(url)  # warm per-process caches
    cache.clear()  # but count the page's own queries, not the rendered copy's
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


def listed(response):
    return [claim.slug for claim in response.context["page"]]


def test_home_lists_published_claims_with_their_verdicts(client, demo):
    response = client.get(reverse("claims:home"))

    assert set(listed(response)) == {
        SEVENTEEN,
        "eight-svr-and-nine-gru-officers-among-the-17-expelled",
        "nato-expelled-eight-russian-mission-members-2021",
        "dutch-spying-allegations-against-two-russians-were-baseless",
    }
    assert '<span class="verdict-label">Unproven</span>' in response.text
    assert "In 2018 the Netherlands expelled four Russians" not in response.text  # a draft


def test_home_query_count_does_not_grow_with_claims(client, demo, django_assert_num_queries):
    cache.clear()
    # The latest change to any claim, the count of the published claims alone (kept in the cache under
    # that change), the page of claims (with flags and quote counts as subqueries); no list of actors.
    with django_assert_num_queries(3):
        client.get(reverse("claims:home"))
    before = queries(client, reverse("claims:home"))

    for _ in range(30):
        QuoteFactory(claim=PublishedClaimFactory())

    assert queries(client, reverse("claims:home")) == before


def test_home_pages_through_claims(client, db):
    for _ in range(25):
        PublishedClaimFactory()

    first = client.get(reverse("claims:home"))
    second = client.get(reverse("claims:home"), {"page": 2})

    assert len(listed(first)) == 20 and len(listed(second)) == 5
    assert 'rel="next"' in first.text and "Page 1 of 2" in first.text


def test_home_pages_list_every_claim_once_newest_first_and_count_what_is_published_now(client, db, reviewer):
    moment = timezone.now()
    # Five claims published at the same moment: their order is by id, the same on every page.
    claims = [PublishedClaimFactory(published_at=moment - timedelta(days=n // 5)) for n in range(23)]
    expected = sorted(claims, key=lambda claim: (claim.published_at, claim.pk), reverse=True)

    pages = [listed(client.get(reverse("claims:home"), {"page": page})) for page in (1, 2)]
    assert [slug for page in pages for slug in page] == [claim.slug for claim in expected]
    assert "23 claims" in client.get(reverse("claims:home")).text

    draft = ClaimFactory(verdict="true", status=Claim.Status.IN_REVIEW)
    QuoteFactory(claim=draft)
    assert "23 claims" in client.get(reverse("claims:home")).text  # a claim in review changes nothing listed
    workflow.publish(claim=draft, by=reviewer, confirmed=True)
    assert "24 claims" in client.get(reverse("claims:home")).text  # counted again once it is published


@pytest.mark.parametrize("words", ["seventeen expelled", "17 Russians"])
def test_search_finds_the_17_expelled_claim(client, demo, words):
    response = client.get(reverse("claims:home"), {"q": words})

    assert SEVENTEEN in listed(response)
    assert "nato-expelled-eight-russian-mission-members-2021" not in listed(response)


def test_search_without_a_match_says_so(client, demo):
    response = client.get(reverse("claims:home"), {"q": "kangaroo"})

    assert listed(response) == []
    assert "No published claim matches" in response.text


def test_search_never_finds_drafts(client, demo):
    response = client.get(reverse("claims:home"), {"q": "OPCW four Russians"})

    assert listed(response) == []


def test_filter_by_verdict(client, demo):
    response = client.get(reverse("claims:home"), {"verdict": "unproven"})

    assert listed(response) == ["eight-svr-and-nine-gru-officers-among-the-17-expelled"]


def test_filter_by_quoted_actor(client, demo):
    stoltenberg = Actor.objects.get(name="Jens Stoltenberg")

    by_name = client.get(reverse("claims:home"), {"actor": stoltenberg.name})
    folded = client.get(reverse("claims:home"), {"actor": "  jens STOLTENBERG "})

    assert listed(by_name) == listed(folded) == ["nato-expelled-eight-russian-mission-members-2021"]


def test_filter_by_contested(client, demo, reviewer):
    claim = Claim.objects.get(slug="netherlands-expelled-two-russian-diplomats-december-2020")
    claim.verdict = "mixed"
    claim.save()
    workflow.publish(claim=claim, by=reviewer, confirmed=True)

    contested = client.get(reverse("claims:home"), {"contested": "yes"})
    calm = client.get(reverse("claims:home"), {"contested": "no"})

    # The demo's Russian denial is published with its disagreement open too.
    assert set(listed(contested)) == {
        claim.slug,
        "dutch-spying-allegations-against-two-russians-were-baseless",
    }
    assert claim.slug not in listed(calm) and SEVENTEEN in listed(calm)


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"verdict": "pants-on-fire"}, "Verdict “pants-on-fire”"),
        ({"actor": "Nobody At All"}, "Quoted actor “Nobody At All”"),
    ],
)
def test_an_unknown_filter_value_is_ignored_with_a_note(client, demo, params, note):
    # An old bookmark still opens: the filter it names no longer exists, so it is dropped and said so.
    response = client.get(reverse("claims:home"), params)

    assert response.status_code == 200
    assert SEVENTEEN in listed(response)
    assert "Ignored what we could not use:" in response.text and note in response.text


def test_an_unknown_filter_value_leaves_the_other_filters_applied(client, demo):
    response = client.get(reverse("claims:home"), {"actor": "Nobody At All", "q": "NATO"})

    assert response.status_code == 200
    assert listed(response) == ["nato-expelled-eight-russian-mission-members-2021"]


def test_the_home_page_has_one_search_box(client, demo):
    page = client.get(reverse("claims:home")).text

    assert page.count('name="q"') == 1 and page.count('role="search"') == 1


def test_other_pages_keep_the_search_box_in_their_header(client, demo):
    page = client.get(claim_url(SEVENTEEN)).text

    assert page.count('name="q"') == 1 and 'role="search"' in page


def test_quote_captions_separate_stance_value_and_links(client, demo):
    import re

    page = client.get(claim_url(SEVENTEEN)).text
    quote = page[page.index('<figure class="quote"') :]
    caption = quote[quote.index("<figcaption>") : quote.index("</figcaption>")]
    words = " ".join(re.sub(r"<[^>]+>", " ", caption).split())

    assert re.search(r"Supports — [\w ]+ says 17 intelligence officers ?\.", words), words


def test_an_actor_known_only_from_drafts_is_not_a_filter(client, demo):
    nos = client.get(reverse("claims:home"), {"actor": "NOS"})
    draft_only = client.get(
        reverse("claims:home"), {"actor": "Unnamed Dutch officials"}
    )  # speaks only on a claim in review

    assert nos.status_code == 200 and listed(nos)
    # Ignored with a note that says why, rather than a 400 (issue 17: an old bookmark still opens).
    assert draft_only.status_code == 200 and SEVENTEEN in listed(draft_only)
    assert "No actor of that name or alias is quoted in a published claim." in draft_only.text


def test_filtering_by_actor_takes_a_fixed_number_of_queries(client, demo, django_assert_num_queries):
    cache.clear()
    # The public actors of that name or alias, the latest change to any claim (the key their count is
    # kept under), the count of their claims, the page of them.
    with django_assert_num_queries(4):
        response = client.get(reverse("claims:home"), {"actor": "Jens Stoltenberg"})

    assert listed(response) == ["nato-expelled-eight-russian-mission-members-2021"]


def test_claim_page_shows_the_claim_verdict_and_every_quote(client, demo):
    page = client.get(claim_url(SEVENTEEN)).text

    assert (
        "<h1><bdi>The Netherlands expelled 17 Russian intelligence officers in March 2022.</bdi></h1>" in page
    )
    assert '<span class="verdict-label">True</span>' in page
    assert 'aria-label="Rated 5 on a scale from 1 (False) to 5 (True)"' in page
    assert "Two independent accounts agree." in page
    assert "17 intelligence officers" in page and "March 2022" in page and "Netherlands" in page
    assert (
        "<mark>Seventeen Russian diplomats expelled from the Netherlands at the end of March were intelligence "
        "officers</mark> engaged in encrypting" in page
    )
    assert page.count('<figure class="quote"') == 3
    assert '<a href="/actors/' in page and "Wopke Hoekstra</a>" in page
    assert "Last reviewed" in page


def test_claim_page_shows_related_claims(client, demo):
    response = client.get(claim_url(SEVENTEEN))

    assert [c.slug for c in response.context["related"]] == [
        "eight-svr-and-nine-gru-officers-among-the-17-expelled"
    ]


def test_claim_page_shows_a_conflict_side_by_side(client, demo, reviewer):
    claim = Claim.objects.get(slug="netherlands-expelled-two-russian-diplomats-december-2020")
    claim.verdict = "mostly_true"
    claim.save()
    workflow.publish(claim=claim, by=reviewer, confirmed=True)

    page = client.get(claim_url(claim.slug)).text

    assert "Where accounts disagree" in page
    assert page.count('<p class="account-value">2 Russian diplomats</p>') == 2
    assert '<p class="account-value">1 Russian diplomat</p>' in page  # the unit agrees with its number


def test_claim_page_shows_dated_correction_notes(client, demo, reviewer):
    claim = Claim.objects.get(slug=SEVENTEEN)
    workflow.correct(claim=claim, by=reviewer, note="The month was March, not April.")

    page = client.get(claim_url(SEVENTEEN)).text

    assert '<h2 id="corrections-heading">Corrections</h2>' in page
    assert "The month was March, not April." in page and "Corrected on" in page


def test_a_retracted_claim_keeps_a_page_with_its_notice_but_no_verdict(client, demo, reviewer):
    claim = Claim.objects.get(slug=SEVENTEEN)
    workflow.retract(claim=claim, by=reviewer, note="The letter was misread.")

    response = client.get(claim_url(SEVENTEEN))

    assert response.status_code == 200
    assert "This fact-check was retracted" in response.text and "The letter was misread." in response.text
    assert "application/ld+json" not in response.text
    assert SEVENTEEN not in listed(client.get(reverse("claims:home")))


@pytest.mark.parametrize("status", [Claim.Status.DRAFT, Claim.Status.IN_REVIEW])
def test_unpublished_claim_pages_are_404(client, db, status):
    claim = ClaimFactory(status=status)

    assert client.get(claim_url(claim.slug)).status_code == 404


def test_claim_page_query_count_is_the_same_with_1_or_50_quotes(client, db):
    claim = PublishedClaimFactory(comparator=Comparator.EXACT, value=Decimal(17), unit="officers")
    source = SourceFactory(publisher=ActorFactory())
    QuoteFactory(claim=claim, source=source, speaker=ActorFactory(), value=Decimal(17))
    PublishedClaimFactory().quotes.create(source=source, exact="Seventeen Russian diplomats")
    one = queries(client, claim_url(claim.slug))

    for value in range(49):
        QuoteFactory(
            claim=claim,
            source=SourceFactory(publisher=ActorFactory()),
            speaker=ActorFactory(),
            value=Decimal(value),
        )
    refresh_conflicts(claim=claim)
    fifty = queries(client, claim_url(claim.slug))

    # The claim with its flags (and so the validator the page is cached under: id, version, last
    # change), quotes with sources and speakers, conflicts, their quote ids, corrections, other
    # fact-checkers' reviews, related, and the provenance walk over the quotes already loaded: the
    # quoted sources' citations (they cite no document, so no authors to read).
    assert one == fifty == 8


def test_source_page_shows_what_it_said_and_whom_it_relies_on(client, demo):
    article = Source.objects.get(title__startswith="Russians expelled")

    page = client.get(reverse("claims:source-detail", args=[article.pk])).text

    assert "The Netherlands expelled 17 Russian intelligence officers in March 2022." in page
    assert "NOS investigation into the 17 expelled Russian diplomats" in page  # cited source
    assert "Ben de Jong" in page  # cited actor


def test_source_reached_only_through_citations_has_a_page(client, demo):
    nos_report = Source.objects.get(title__startswith="NOS investigation")

    page = client.get(reverse("claims:source-detail", args=[nos_report.pk])).text

    assert "Unnamed Dutch intelligence sources" in page
    assert "Russians expelled from NL were spying" in page  # relied on by


def test_actor_page_shows_what_the_actor_said(client, demo):
    hoekstra = Actor.objects.get(name="Wopke Hoekstra")

    page = client.get(reverse("claims:actor-detail", args=[hoekstra.pk])).text

    assert "The 17 Russians were registered as diplomats" in page
    assert "The Netherlands expelled 17 Russian intelligence officers in March 2022." in page


def test_sources_and_actors_known_only_from_drafts_are_404(client, demo):
    officials = Actor.objects.get(name="Unnamed Dutch officials")  # speaks only on a claim in review
    draft_only = SourceFactory()
    QuoteFactory(claim=ClaimFactory(), source=draft_only)

    assert client.get(reverse("claims:actor-detail", args=[officials.pk])).status_code == 404
    assert client.get(reverse("claims:source-detail", args=[draft_only.pk])).status_code == 404


def test_source_and_actor_page_query_counts_do_not_grow(client, demo):
    article = Source.objects.get(title__startswith="Russians expelled")
    nos = Actor.objects.get(name="NOS")
    urls = [reverse("claims:source-detail", args=[article.pk]), reverse("claims:actor-detail", args=[nos.pk])]
    before = [queries(client, url) for url in urls]

    for _ in range(20):
        QuoteFactory(
            claim=PublishedClaimFactory(), source=article, speaker=nos, exact="Seventeen Russian diplomats"
        )

    # Source page: the source with its publisher, its authors, its quotes, what it cites, who cites it.
    # Actor page: the actor, its aliases, the quotes it spoke, the sources it published.
    assert [queries(client, url) for url in urls] == before == [5, 4]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL full-text search's")
def test_postgres_ranks_the_claim_quoting_seventeen_first(client, demo):
    response = client.get(reverse("claims:home"), {"q": "seventeen expelled"})

    assert listed(response) == [SEVENTEEN]


def test_favicon_ico_points_at_our_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
