"""A 5 MB article POSTed to the API is answered 202 at once and ingested by a real Celery worker.

gunicorn and `celery -A factcheck worker` run as production runs them, sharing the test's PostgreSQL
database and a Redis (the broker, and the cache where the worker reports progress).
"""

import gzip
import json
import os
import time

import pytest
from rest_framework.authtoken.models import Token

from bench.ingest import long_article
from claims.models import Job, QuoteSuggestion
from sources.models import Source
from tests.browser.conftest import migrated_rows  # noqa: F401 -- the groups, written again
from tests.factories import UserFactory
from tests.servers import (
    REDIS_URL,
    celery_worker,
    flush_redis,
    gunicorn,
    output_of,
    request,
    shared_database_url,
)

pytestmark = [
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="the server and the worker share the test's database, which SQLite keeps in memory",
    ),
    pytest.mark.usefixtures("migrated_rows"),
]


def test_a_five_megabyte_article_is_ingested_by_a_celery_worker():
    flush_redis(REDIS_URL)
    token = Token.objects.create(user=UserFactory(group="editor")).key
    text = long_article(5_000_000)
    services = {"DATABASE_URL": shared_database_url(), "REDIS_URL": REDIS_URL}
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}

    with celery_worker(**services) as worker, gunicorn(**services) as server:
        body = json.dumps({"text": text, "url": "https://example.org/long", "published_on": "2024-04-13"})
        status, answer_headers, answer = request(
            "POST", f"{server}/api/v1/ingest/", body=body.encode(), headers=headers
        )
        assert status == 202, answer
        assert json.loads(answer)["status"] in ("queued", "running")  # answered before the work is done
        seen = []
        deadline = time.monotonic() + 30 * 60
        while not seen or seen[-1]["status"] in ("queued", "running"):
            assert time.monotonic() < deadline, f"the job did not finish: {output_of(worker)}"
            time.sleep(2)
            seen.append(json.loads(request("GET", answer_headers["Location"], headers=headers)[2]))

    job = seen[-1]
    assert job["status"] == "done", (job["error"], output_of(worker))
    assert any(poll["status"] == "running" and 0 < poll["progress"]["percent"] < 100 for poll in seen)
    source = Source.objects.get(url="https://example.org/long")
    assert source.text == text
    assert job["links"]["source"].endswith(f"/api/v1/sources/{source.pk}/")
    assert job["result"]["quotes"] == QuoteSuggestion.objects.filter(source=source).count() > 1000
    assert bytes(Job.objects.get().payload) == b""  # the text is not kept twice


def test_the_whole_datafeed_is_written_by_a_worker_and_served_from_its_file(tmp_path):
    from claims.claimreview.feed_file import feed_bytes
    from tests.factories import PublishedClaimFactory, QuoteFactory

    flush_redis(REDIS_URL)
    for n in range(3):
        QuoteFactory(claim=PublishedClaimFactory(text=f"Archived verdict {n}."))
    services = {"DATABASE_URL": shared_database_url(), "REDIS_URL": REDIS_URL, "EXPORT_ROOT": str(tmp_path)}

    def feed_until(server: str, worker, done) -> tuple:
        deadline = time.monotonic() + 120
        while True:
            answer = request("GET", f"{server}/api/v1/claimreview-feed/")
            if done(answer):
                return answer
            assert time.monotonic() < deadline, f"the feed was not written: {output_of(worker)}"
            time.sleep(1)

    with celery_worker(**services) as worker, gunicorn(**services) as server:
        stream = lambda: b"".join(feed_bytes(base_url=f"{server}/", indent=None))  # noqa: E731
        status, headers, _ = request("GET", f"{server}/api/v1/claimreview-feed/")
        assert status == 503 and headers["Retry-After"] == "60"  # no file yet: the worker writes it
        first = feed_until(server, worker, lambda answer: answer[0] == 200)
        assert first[2] == stream() and int(first[1]["Content-Length"]) == len(first[2])
        assert "X-Feed-Stale" not in first[1]
        etag = first[1]["ETag"]
        assert request("GET", f"{server}/api/v1/claimreview-feed/", headers={"If-None-Match": etag})[0] == 304

        QuoteFactory(claim=PublishedClaimFactory(text="A verdict published after the file was written."))
        stale = request("GET", f"{server}/api/v1/claimreview-feed/")
        assert stale[0] == 200 and stale[1]["X-Feed-Stale"] == "refreshing" and stale[2] == first[2]
        fresh = feed_until(server, worker, lambda answer: "X-Feed-Stale" not in answer[1])
        # The gzip copy the worker wrote with the new file holds the same version, never the old one's.
        packed = request("GET", f"{server}/api/v1/claimreview-feed/", headers={"Accept-Encoding": "gzip"})
        packed_etag = packed[1]["ETag"]
        revalidated = request(
            "GET",
            f"{server}/api/v1/claimreview-feed/",
            headers={"Accept-Encoding": "gzip", "If-None-Match": packed_etag},
        )

    assert fresh[2] == stream() != first[2] and fresh[1]["ETag"] != etag
    assert packed[1]["Content-Encoding"] == "gzip" and int(packed[1]["Content-Length"]) == len(packed[2])
    assert gzip.decompress(packed[2]) == fresh[2] and packed_etag == fresh[1]["ETag"][:-1] + '-gzip"'
    assert revalidated[0] == 304 and revalidated[1]["ETag"] == packed_etag
    assert b"A verdict published after the file was written." in fresh[2]
    assert len(list(tmp_path.glob("claimreview-feed/*.feed"))) == 2  # the replaced one is kept a while
    assert len(list(tmp_path.glob("claimreview-feed/*.feed.gz"))) == 2  # and its copy
