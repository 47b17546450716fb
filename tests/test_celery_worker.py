"""A 5 MB article POSTed to the API is answered 202 at once and ingested by a real Celery worker.

gunicorn and `celery -A factcheck worker` run as production runs them, sharing the test's PostgreSQL
database and a Redis (the broker, and the cache where the worker reports progress).
"""

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
