"""Watching: the scheduler fetches the pages published claims rely on again and acts on what changed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.ingestion.from_url import ingest_url
from claims.models import ReviewFlag
from claims.tasks import watch_due_sources
from claims.watching import check_interval, due_sources, watch_due
from sources.models import Capture, CaptureArchive, SourceWatch
from tests.factories import ClaimFactory, PublishedClaimFactory, QuoteFactory, SourceFactory
from tests.news_site import EXPULSION, article_html

pytestmark = pytest.mark.django_db

PATH = "/world/expelled/"


@pytest.fixture
def quoted(news_site):
    """A page ingested from its URL, quoted by a claim published today."""
    news_site.pages[PATH] = article_html(title="Netherlands expels 17 officers", paragraphs=EXPULSION)
    source = ingest_url(url=news_site.url(PATH)).source
    claim = PublishedClaimFactory()
    QuoteFactory(claim=claim, source=source, exact="expelled 17 Russian intelligence officers")
    return source


def edit(news_site, old: str, new: str) -> None:
    news_site.pages[PATH] = news_site.pages[PATH].replace(old, new)


def later(hours: float):
    return timezone.now() + timedelta(hours=hours)


def test_an_edit_between_two_scheduled_fetches_flags_the_claim_with_the_word_diff(news_site, quoted):
    first = watch_due()
    assert (first.checked, dict(first.outcomes)) == (1, {"unchanged": 1})

    edit(news_site, "has expelled 17 Russian", "has expelled 15 Russian")
    second = watch_due(now=later(2))

    assert (second.checked, dict(second.outcomes), second.flags) == (1, {"changed": 1}, 1)
    flag = ReviewFlag.objects.get()
    assert flag.claim == quoted.quotes.get().claim
    assert "“expelled 17 Russian intelligence officers”" in flag.reason
    assert "<del>17</del><ins>15</ins>" in flag.word_diff()
    assert flag.previous_capture.text_sha256 != flag.capture.text_sha256
    assert "has expelled 15 Russian" in flag.capture.text
    # The new capture is archived like the first.
    assert CaptureArchive.objects.filter(capture=flag.capture).exists()
    quoted.refresh_from_db()
    assert quoted.watch.state == SourceWatch.State.CHANGED and quoted.watch.changed_at


def test_an_edit_that_keeps_the_quoted_words_is_a_new_capture_without_a_flag(news_site, quoted):
    watch_due()
    edit(news_site, "in due course", "within days")

    run = watch_due(now=later(2))

    assert dict(run.outcomes) == {"changed": 1}
    assert quoted.captures.count() == 2
    assert not ReviewFlag.objects.exists()


def test_an_unchanged_page_is_asked_for_conditionally_and_answers_304(news_site, quoted):
    watch_due()
    watch_due(now=later(2))

    conditional = [headers for path, headers in news_site.requests if path == PATH][-1]
    assert conditional.get("If-None-Match")
    assert quoted.captures.count() == 1


def test_a_page_that_is_gone_is_recorded_removed_and_flags_once(news_site, quoted):
    watch_due()
    del news_site.pages[PATH]

    watch_due(now=later(2))
    watch_due(now=later(4))

    watch = SourceWatch.objects.get(source=quoted)
    assert (watch.state, watch.http_status) == (SourceWatch.State.REMOVED, 404)
    assert watch.removed_at is not None
    assert [flag.reason.split(" (")[0] for flag in ReviewFlag.objects.all()] == [
        "“Netherlands expels 17 officers” was removed by its publisher"
    ]


def test_a_page_that_redirects_elsewhere_is_recorded_with_where_it_goes(news_site, quoted):
    watch_due()
    del news_site.pages[PATH]
    news_site.pages["/redirect-target/"] = article_html(title="Home", paragraphs=["Front page."])
    moved_to = news_site.url("/redirect-target/")
    quoted.url = news_site.url(f"/redirect/?to={moved_to}")
    quoted.save(update_fields=["url"])

    watch_due(now=later(2))

    watch = SourceWatch.objects.get(source=quoted)
    assert (watch.state, watch.moved_to) == (SourceWatch.State.REDIRECTED, moved_to)
    assert quoted.captures.count() == 1


def test_a_pasted_text_is_compared_with_the_page_from_the_second_fetch_on(news_site):
    news_site.pages[PATH] = article_html(title="Expelled", paragraphs=EXPULSION)
    source = SourceFactory(url=news_site.url(PATH), text="The editor's own copy of the article.")
    QuoteFactory(claim=PublishedClaimFactory(), source=source, exact="own copy")

    first = watch_due()

    assert dict(first.outcomes) == {"unchanged": 1}  # the page's baseline, not a change
    assert source.captures.count() == 1 and not ReviewFlag.objects.exists()


def test_only_sources_a_published_claim_relies_on_are_watched(news_site, quoted):
    draft_only = SourceFactory(url=news_site.url("/draft/"))
    QuoteFactory(claim=ClaimFactory(), source=draft_only)
    without_url = SourceFactory()
    QuoteFactory(claim=PublishedClaimFactory(), source=without_url)

    assert [source.pk for source in due_sources()] == [quoted.pk]


def test_a_source_is_checked_hourly_while_its_claim_is_new_and_daily_after(news_site, quoted):
    watch_due_sources()  # the beat task, run eagerly

    watch = SourceWatch.objects.get(source=quoted)
    assert timedelta(minutes=59) < watch.next_check_at - watch.checked_at <= timedelta(hours=1)
    assert due_sources(now=later(0.5)) == []
    assert [source.pk for source in due_sources(now=later(1.5))] == [quoted.pk]
    assert check_interval(timezone.now() - timedelta(days=8)) == timedelta(days=1)


def test_an_unreachable_page_is_recorded_with_the_reason(news_site, quoted, settings):
    watch_due()
    news_site.robots = "User-agent: *\nDisallow: /world/\n"
    from django.core.cache import cache

    cache.clear()

    watch_due(now=later(2))

    watch = SourceWatch.objects.get(source=quoted)
    assert watch.state == SourceWatch.State.BLOCKED
    assert "robots.txt" in watch.note and watch.failures == 1
    assert Capture.objects.filter(source=quoted).count() == 1


def test_the_beat_schedule_runs_the_watch_task(settings):
    assert settings.CELERY_BEAT_SCHEDULE["watch-sources"]["task"] == watch_due_sources.name


def test_a_page_grown_too_long_to_capture_is_recorded_and_the_run_goes_on(news_site, quoted, settings):
    watch_due()
    edit(news_site, "in due course", "in due course. " + "More words. " * 2000)
    settings.INGEST_MAX_TEXT_BYTES = 5_000

    run = watch_due(now=later(2))

    watch = SourceWatch.objects.get(source=quoted)
    assert dict(run.outcomes) == {"unreachable": 1}
    assert "texts of at most" in watch.note
    assert quoted.captures.count() == 1
