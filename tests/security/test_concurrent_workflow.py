"""The workflow's writes under a crowd: publish, retract, quotes on one claim, opening and closing conflicts.

Real threads, each with its own database connection, released together by a barrier, against
PostgreSQL (SQLite serialises writers by locking the whole file, so it cannot show the race).
Correcting is tested the same way in tests/api/test_idempotency.py, conditional updates in
test_concurrent_writes.py.
"""

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from claims.models import Claim, Conflict, Correction, Quote
from claims.verdicts import Verdict
from tests.factories import ClaimFactory, PublishedClaimFactory, QuoteFactory, SourceFactory, UserFactory

CLIENTS = 10

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL"),
]


def together(request: Callable[[APIClient, int], object], user, clients: int = CLIENTS) -> Counter:
    """Run `request(client, n)` from `clients` threads released at once; how many got each status."""
    statuses: list[int] = []
    barrier = threading.Barrier(clients)

    def run(n: int) -> None:
        client = APIClient()
        client.force_authenticate(user)
        try:
            barrier.wait()
            statuses.append(request(client, n).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == clients, "a request raised instead of answering"
    return Counter(statuses)


@pytest.fixture
def reviewer(migrated_rows):
    return UserFactory(group="reviewer")


def test_ten_reviewers_publishing_one_claim_at_once_publish_it_once(reviewer):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW, verdict=Verdict.TRUE)
    QuoteFactory(claim=claim)

    statuses = together(
        lambda client, n: client.post(f"/api/v1/claims/{claim.slug}/publish/", {}, format="json"), reviewer
    )

    assert statuses[200] == 1 and 500 not in statuses and sum(statuses.values()) == CLIENTS
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    assert claim.history.filter(status=Claim.Status.PUBLISHED).count() == 1


def test_ten_reviewers_retracting_one_claim_at_once_retract_it_once(reviewer):
    claim = PublishedClaimFactory()

    statuses = together(
        lambda client, n: client.post(
            f"/api/v1/claims/{claim.slug}/retract/", {"note": f"Retracted, reason {n}."}, format="json"
        ),
        reviewer,
    )

    assert statuses[200] == 1 and 500 not in statuses and sum(statuses.values()) == CLIENTS
    assert Correction.objects.filter(claim=claim, kind=Correction.Kind.RETRACTION).count() == 1
    claim.refresh_from_db()
    assert claim.status == Claim.Status.RETRACTED


def test_ten_disagreeing_quotes_added_to_one_claim_at_once_open_one_conflict_holding_them_all(reviewer):
    claim = ClaimFactory()
    sources = [SourceFactory() for _ in range(CLIENTS)]

    statuses = together(
        lambda client, n: client.post(
            "/api/v1/quotes/",
            {
                "claim": claim.slug,
                "source": sources[n].pk,
                "exact": "Seventeen Russian diplomats",
                "comparator": "exact",
                "value": 10 + n,
            },
            format="json",
        ),
        reviewer,
    )

    assert statuses == Counter({201: CLIENTS})
    conflicts = Conflict.objects.filter(claim=claim, status=Conflict.Status.OPEN)
    assert conflicts.count() == 1
    assert set(conflicts.get().quotes.values_list("pk", flat=True)) == set(
        Quote.objects.filter(claim=claim).values_list("pk", flat=True)
    )


def test_ten_editors_opening_the_same_conflict_by_hand_at_once_open_it_once(reviewer):
    claim = ClaimFactory()
    quotes = [QuoteFactory(claim=claim).pk for _ in range(2)]

    statuses = together(
        lambda client, n: client.post(
            "/api/v1/conflicts/",
            {"claim": claim.slug, "quotes": quotes, "note": "Two narratives that cannot both be true."},
            format="json",
        ),
        reviewer,
    )

    assert statuses == Counter({201: 1, 400: CLIENTS - 1})
    assert Conflict.objects.filter(claim=claim).count() == 1


def test_ten_editors_closing_one_conflict_at_once_close_it_once(reviewer):
    conflict = Conflict.objects.create(claim=ClaimFactory(), kind=Conflict.Kind.OTHER)

    statuses = together(
        lambda client, n: client.patch(
            f"/api/v1/conflicts/{conflict.pk}/",
            {"status": "resolved", "note": f"Resolved, reason {n}."},
            format="json",
        ),
        reviewer,
    )

    # One closes it; the others find it closed and reword the note, as an editor may.
    assert statuses == Counter({200: CLIENTS})
    closings = conflict.history.filter(status=Conflict.Status.RESOLVED)
    assert len(set(closings.values_list("resolved_at", flat=True))) == 1
