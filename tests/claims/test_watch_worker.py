"""The beat's watch task, sent through Redis, run by a real Celery worker against the local news site."""

import os
import time

import pytest
from celery import Celery

from claims.ingestion.from_url import ingest_url
from claims.models import ReviewFlag
from sources.models import SourceWatch
from tests.browser.conftest import migrated_rows  # noqa: F401 -- the groups, written again
from tests.factories import PublishedClaimFactory, QuoteFactory
from tests.news_site import EXPULSION, article_html
from tests.servers import REDIS_URL, celery_worker, flush_redis, output_of, shared_database_url

pytestmark = [
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="the worker shares the test's database, which SQLite keeps in memory",
    ),
    pytest.mark.usefixtures("migrated_rows"),
]


def test_a_worker_runs_the_scheduled_watch_and_flags_the_edited_page(news_site, settings):
    flush_redis(REDIS_URL)
    path = "/world/expelled/"
    news_site.pages[path] = article_html(title="Netherlands expels 17 officers", paragraphs=EXPULSION)
    source = ingest_url(url=news_site.url(path)).source
    quote = QuoteFactory(
        claim=PublishedClaimFactory(), source=source, exact="expelled 17 Russian intelligence officers"
    )
    news_site.pages[path] = news_site.pages[path].replace("has expelled 17", "has expelled 15")
    services = {
        "DATABASE_URL": shared_database_url(),
        "REDIS_URL": REDIS_URL,
        "FETCH_ALLOW_PRIVATE": "1",
        "FETCH_HOST_DELAY": "0",
    }

    with celery_worker(**services) as worker, Celery(broker=REDIS_URL) as sender:
        sender.send_task(settings.CELERY_BEAT_SCHEDULE["watch-sources"]["task"])
        deadline = time.monotonic() + 120
        while not SourceWatch.objects.filter(source=source).exists():
            assert time.monotonic() < deadline, f"the watch did not run: {output_of(worker)}"
            time.sleep(1)

    watch = SourceWatch.objects.get(source=source)
    assert watch.state == SourceWatch.State.CHANGED, output_of(worker)
    flag = ReviewFlag.objects.get(claim=quote.claim)
    assert "<del>17</del><ins>15</ins>" in flag.word_diff()
