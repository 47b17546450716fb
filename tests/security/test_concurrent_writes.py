"""Twenty clients PATCH one row at once with the ETag they all read: exactly one wins, nineteen get 412.

Real threads, each with its own database connection, against PostgreSQL (SQLite serialises
writers by locking the whole file, so it cannot show a lost update).
"""

import threading

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from tests.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    ConflictFactory,
    QuoteFactory,
    SourceFactory,
    UserFactory,
)

WRITERS = 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL"),
]


RESOURCES = {
    "quotes": (lambda: QuoteFactory(claim=ClaimFactory()), lambda n: {"time_label": f"Week {n}"}),
    "sources": (SourceFactory, lambda n: {"title": f"Title {n}"}),
    "actors": (ActorFactory, lambda n: {"name": f"Name {n}"}),
    "citations": (CitationFactory, lambda n: {"span_text": f"Span {n}"}),
    "conflicts": (lambda: ConflictFactory(claim=ClaimFactory()), lambda n: {"note": f"Note {n}"}),
    "claims": (ClaimFactory, lambda n: {"place": f"Place {n}"}),
}


def race(path: str, bodies: list[dict], etag: str, user) -> list[int]:
    """PATCH `path` with each body from its own thread, all released together; the statuses."""
    statuses: list[int] = []
    barrier = threading.Barrier(len(bodies))

    def write(body: dict) -> None:
        client = APIClient()
        client.force_authenticate(user)
        try:
            barrier.wait()
            statuses.append(client.patch(path, body, format="json", HTTP_IF_MATCH=etag).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.parametrize("resource", list(RESOURCES))
def test_twenty_concurrent_conditional_patches_one_wins_nineteen_get_412(resource, migrated_rows):
    make, body = RESOURCES[resource]
    row = make()
    key = row.slug if resource == "claims" else row.pk
    path = f"/api/v1/{resource}/{key}/"
    user = UserFactory(group="reviewer")
    reader = APIClient()
    reader.force_authenticate(user)
    etag = reader.get(path)["ETag"]

    statuses = race(path, [body(n) for n in range(WRITERS)], etag, user)

    assert sorted(statuses) == [200] + [412] * (WRITERS - 1)
    # What the winner wrote is what is stored: nothing was overwritten after it.
    final = reader.get(path).json()
    field, _ = next(iter(body(0).items()))
    assert final[field] in {body(n)[field] for n in range(WRITERS)}
    assert reader.patch(path, body(99), format="json", HTTP_IF_MATCH=etag).status_code == 412
