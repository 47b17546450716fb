"""What editors and readers see of the watch: the queue, the claim page's notice, the text as quoted and
the archived response replayed for staff."""

import hashlib
from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from warcio.archiveiterator import ArchiveIterator

from claims.ingestion.from_url import ingest_url
from claims.watching import watch_due
from sources.models import Capture, SourceWatch
from tests.factories import PublishedClaimFactory, QuoteFactory, UserFactory
from tests.news_site import EXPULSION, article_html

pytestmark = pytest.mark.django_db

PATH = "/world/expelled/"
QUEUE = reverse("admin:sources_sourcewatch_changelist")


@pytest.fixture
def quoted(news_site):
    """A page ingested from its URL and quoted by a published claim, watched once."""
    news_site.pages[PATH] = article_html(title="Netherlands expels 17 officers", paragraphs=EXPULSION)
    source = ingest_url(url=news_site.url(PATH)).source
    quote = QuoteFactory(
        claim=PublishedClaimFactory(), source=source, exact="expelled 17 Russian intelligence officers"
    )
    watch_due()
    return quote


@pytest.fixture
def edited(news_site, quoted):
    """The page's publisher changed the number after we quoted it; the next scheduled fetch found it."""
    news_site.pages[PATH] = news_site.pages[PATH].replace("has expelled 17", "has expelled 15")
    watch_due(now=timezone.now() + timedelta(hours=2))
    return quoted


@pytest.fixture
def staff(client):
    def login(group="editor"):
        client.force_login(UserFactory(group=group))
        return client

    return login


def test_the_queue_shows_the_word_diff_and_the_quotes_affected(staff, edited, django_assert_num_queries):
    client = staff()
    client.get(QUEUE)  # per-process caches (content types) fill on a first request
    # Session, user, permissions (2), the unreviewed watches with their sources, their captures,
    # the quotes taken from them with their claims.
    with django_assert_num_queries(7):
        response = client.get(QUEUE)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Netherlands expels 17 officers" in page
    assert "<del>17</del><ins>15</ins>" in page
    assert "expelled 17 Russian intelligence officers" in page and "its words are gone" in page


def test_an_editor_takes_a_change_off_the_queue(staff, edited):
    client = staff()
    watch = SourceWatch.objects.get(source=edited.source)

    response = client.post(QUEUE, {"reviewed": watch.pk})

    assert response.status_code == 302
    assert "Nothing changed on the watched pages" in client.get(QUEUE).content.decode()


def test_the_queue_is_for_staff_only(client, edited):
    assert client.get(QUEUE).status_code == 302  # to the login page


def test_the_claim_page_says_the_quoted_text_changed_after_we_quoted_it(client, edited):
    response = client.get(edited.claim.get_absolute_url())

    page = response.content.decode()
    assert "The publisher changed this text on" in page and "after we quoted it" in page
    assert reverse("claims:quote-as-quoted", args=[edited.pk]) in page


def test_the_claim_page_says_a_quoted_page_was_removed(client, news_site, quoted):
    del news_site.pages[PATH]
    watch_due(now=timezone.now() + timedelta(hours=2))

    page = client.get(quoted.claim.get_absolute_url()).content.decode()

    assert "The publisher removed this page after we quoted it" in page


def test_an_unchanged_source_has_no_notice(client, quoted):
    page = client.get(quoted.claim.get_absolute_url()).content.decode()

    assert "after we quoted it" not in page


def test_the_text_as_quoted_is_the_capture_of_that_time_with_its_sha256(
    client, edited, django_assert_num_queries
):
    url = reverse("claims:quote-as-quoted", args=[edited.pk])
    first = Capture.objects.filter(source=edited.source).order_by("captured_at").first()
    # The quote with its claim, source and publisher; the capture current when it was quoted.
    with django_assert_num_queries(2):
        response = client.get(url)

    page = response.content.decode()
    assert first.text_sha256 in page
    assert (
        'has <mark class="quote" title="the quoted words">expelled 17 Russian intelligence officers</mark>'
        in page
    )
    assert "has expelled 15" not in page
    text = client.get(url, {"format": "txt"}).content
    assert hashlib.sha256(text).hexdigest() == first.text_sha256


def test_the_text_of_a_draft_s_quote_is_not_public(client, quoted):
    quoted.claim.status = "draft"
    quoted.claim.save(update_fields=["status"])

    assert client.get(reverse("claims:quote-as-quoted", args=[quoted.pk])).status_code == 404


def test_staff_replay_the_archived_response_from_our_warc(
    staff, news_site, edited, django_assert_num_queries
):
    client = staff()
    capture = Capture.objects.filter(source=edited.source).order_by("captured_at").first()
    url = reverse("admin:sources_source_archive", args=[edited.source_id, capture.pk])
    del news_site.pages[PATH]  # the live page is gone; the archive still answers
    client.get(url)
    # Session, user, permissions (2), the archive with its capture and source.
    with django_assert_num_queries(5):
        response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert capture.text_sha256 in page and "the same text as the capture" in page
    assert "has expelled 17 Russian" in page
    warc = client.get(url, {"download": "warc"})
    assert warc["Content-Type"] == "application/warc"
    records = [record.rec_type for record in ArchiveIterator(BytesIO(warc.content))]
    assert "response" in records


def test_the_archived_response_is_not_for_readers(client, edited):
    capture = Capture.objects.filter(source=edited.source).first()

    response = client.get(reverse("admin:sources_source_archive", args=[edited.source_id, capture.pk]))

    assert response.status_code == 302  # to the admin's login


def test_a_text_captured_after_the_quote_by_an_editor_is_no_notice(client, news_site):
    from claims.ingestion.suggest import ingest
    from tests.factories import SourceFactory

    source = SourceFactory(text="", url=news_site.url("/elsewhere/"))
    quote = QuoteFactory(claim=PublishedClaimFactory(), source=source, exact="Seventeen Russian diplomats")
    ingest(text="Seventeen Russian diplomats were expelled.", source=source)

    page = client.get(quote.claim.get_absolute_url()).content.decode()

    assert "after we quoted it" not in page


def test_the_claim_s_admin_page_shows_the_flag_s_word_diff(staff, edited):
    client = staff("reviewer")

    page = client.get(reverse("admin:claims_claim_change", args=[edited.claim_id])).content.decode()

    assert "<del>17</del><ins>15</ins>" in page


def test_the_reviewer_s_desk_lists_the_changed_page_and_leads_to_its_diff(staff, edited):
    from claims.admin.desk import desk_queues

    client = staff("reviewer")
    user = client.get("/admin/").wsgi_request.user

    changed = next(queue for queue in desk_queues(user) if queue.key == "changed_since_captured")

    watch = SourceWatch.objects.get(source=edited.source)
    assert changed.count == 1
    assert [(item.label, item.detail) for item in changed.items] == [
        ("Netherlands expels 17 officers", "Text changed")
    ]
    assert changed.items[0].url == f"{QUEUE}#watch-{watch.pk}"
    assert "<del>17</del><ins>15</ins>" in client.get(changed.items[0].url).content.decode()
