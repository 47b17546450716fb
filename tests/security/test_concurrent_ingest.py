"""Ten clients POST the same article to /api/v1/ingest/ at once: one source, one set of suggestions, no 500.

Real threads, each with its own database connection, released together by a barrier, against
PostgreSQL (SQLite serialises writers by locking the whole file, so it cannot show the race).
"""

import threading
from pathlib import Path

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from claims.models import CitationSuggestion, QuoteSuggestion
from sources.models import Actor, Source
from tests.factories import SourceFactory, UserFactory

CLIENTS = 10
ARTICLE = (Path(__file__).parents[2] / "claims/demo/articles/nl-17-expelled-spying-high-tech.txt").read_text()

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL"),
]


def post_together(body: dict, user, clients: int = CLIENTS) -> list:
    """POST `body` to the ingest endpoint from `clients` threads released at once; their responses."""
    responses = []
    barrier = threading.Barrier(clients)

    def post() -> None:
        client = APIClient()
        client.force_authenticate(user)
        try:
            barrier.wait()
            responses.append(client.post("/api/v1/ingest/", body, format="json"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def suggestion_counts() -> tuple[int, int]:
    return CitationSuggestion.objects.count(), QuoteSuggestion.objects.count()


@pytest.mark.parametrize("publisher", ["", "A Newly Named Outlet"])
def test_ten_identical_ingests_without_url_make_one_source_and_one_set_of_suggestions(
    publisher, migrated_rows
):
    user = UserFactory(group="editor")

    responses = post_together({"text": ARTICLE, "publisher": publisher}, user)

    assert sorted(response.status_code for response in responses) == [200] * (CLIENTS - 1) + [201]
    assert Source.objects.count() == 1
    assert Actor.objects.filter(name=publisher).count() == (1 if publisher else 0)
    (created,) = [response.json() for response in responses if response.status_code == 201]
    assert created["citation_suggestions"] and created["quote_suggestions"]
    # Every suggestion was made once, by the client that captured the text; the others propose nothing.
    assert suggestion_counts() == (len(created["citation_suggestions"]), len(created["quote_suggestions"]))
    assert all(
        not r.json()["citation_suggestions"] and not r.json()["quote_suggestions"]
        for r in responses
        if r.status_code == 200
    )


def test_ten_identical_ingests_at_one_url_make_one_source(migrated_rows):
    user = UserFactory(group="editor")
    url = "https://news.example.org/2022/03/17-expelled"

    responses = post_together({"text": ARTICLE, "url": url, "publisher": "Another New Outlet"}, user)

    assert sorted(response.status_code for response in responses) == [200] * (CLIENTS - 1) + [201]
    assert list(Source.objects.values_list("url", flat=True)) == [url]
    assert {response.json()["source"]["id"] for response in responses} == {Source.objects.get().pk}
    assert suggestion_counts() == tuple(
        len(response.json()[what])
        for response in responses
        if response.status_code == 201
        for what in ("citation_suggestions", "quote_suggestions")
    )


def test_ten_ingests_of_a_source_recorded_without_suggestions_suggest_once(migrated_rows):
    """The source exists already (typed in the admin), so all ten find it and none creates it: the
    suggestions for it must still be made by one of them only."""
    user = UserFactory(group="editor")
    url = "https://news.example.org/typed-in"
    SourceFactory(url=url, text=ARTICLE)

    responses = post_together({"text": ARTICLE, "url": url}, user)

    assert [response.status_code for response in responses] == [200] * CLIENTS
    proposing = [
        r.json() for r in responses if r.json()["citation_suggestions"] or r.json()["quote_suggestions"]
    ]
    assert len(proposing) == 1
    assert suggestion_counts() == (
        len(proposing[0]["citation_suggestions"]),
        len(proposing[0]["quote_suggestions"]),
    )
