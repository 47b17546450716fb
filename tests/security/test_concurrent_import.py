"""Two import_claimreview runs read one feed at the same time: every record is recorded once, none rejected.

Two real threads, each with its own database connection, against PostgreSQL (SQLite serialises
writers by locking the whole file, so it cannot show the race).
"""

import json
import re
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections

from claims.models import Claim, ExternalReview
from sources.models import Actor, Source

RECORDS = 30

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL"),
]


def record(n: int) -> dict:
    """A review of its own claim by one of three fact-checkers, whose appearances partly overlap others'."""
    appearances = [
        {
            "@type": "CreativeWork",
            "url": f"https://social.example/posts/{n}",
            "author": {"name": f"Poster {n % 4}"},
        },
        {"@type": "CreativeWork", "url": f"https://blog.example/shared-{n % 5}"},
    ]
    if n % 6 == 0:
        appearances.append({"@type": "CreativeWork", "name": f"A leaflet, edition {n}"})
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        # Every seventh review has no URL: its identity is a digest of what it says.
        **({} if n % 7 == 0 else {"url": f"https://checks.example/reviews/{n}"}),
        "claimReviewed": f"The town of Exampleton counted {1000 + n} new residents in {2000 + n}.",
        "author": {"@type": "Organization", "name": f"Checker {n % 3}"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": f"Claimant {n % 4}"},
            "appearance": appearances,
        },
        "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": 1},
        "datePublished": "2024-05-01",
    }


def summary(output: str) -> dict[str, int]:
    found = re.search(r"(\d+) created, (\d+) matched, (\d+) skipped, (\d+) rejected", output)
    return dict(zip(["created", "matched", "skipped", "rejected"], map(int, found.groups()), strict=True))


def test_two_imports_of_one_feed_at_once_record_each_review_once_and_reject_none(tmp_path, migrated_rows):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(record(n)) for n in range(RECORDS)))
    outputs = []
    barrier = threading.Barrier(2)

    def run() -> None:
        out, err = StringIO(), StringIO()
        try:
            barrier.wait()
            call_command("import_claimreview", str(feed), stdout=out, stderr=err)
        finally:
            outputs.append((out.getvalue(), err.getvalue()))
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all("rejected" not in err for _, err in outputs), outputs
    counts = [summary(out) for out, _ in outputs]
    assert [c["rejected"] for c in counts] == [0, 0]
    # Each record was recorded by one run and found already recorded by the other.
    assert sum(c["created"] + c["matched"] for c in counts) == RECORDS
    assert sum(c["skipped"] for c in counts) == RECORDS
    assert ExternalReview.objects.count() == RECORDS
    assert Claim.objects.count() == sum(c["created"] for c in counts)
    assert Actor.objects.filter(name__startswith="Checker").count() == 3
    assert Actor.objects.filter(name__startswith="Claimant").count() == 4
    assert Source.objects.filter(url__startswith="https://blog.example/").count() == 5
    assert Source.objects.filter(url__isnull=True).count() == len(range(0, RECORDS, 6))
