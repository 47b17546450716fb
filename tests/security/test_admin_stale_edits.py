"""Two editors open the same admin change form and save: the second is refused, nothing is overwritten.

For quotes, sources, actors, conflicts and citations (claims carry their own version and are tested
in tests/claims/test_admin.py). One editor after the other on either database; both at once, from
real threads with their own connections, on PostgreSQL.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from tests.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    ConflictFactory,
    QuoteFactory,
    SourceFactory,
    UserFactory,
)
from tests.forms import form_data

STALE = "since you opened it. Nothing was saved"

# What to make, its admin page, and one field an editor changes there.
RESOURCES = {
    "quote": (lambda: QuoteFactory(claim=ClaimFactory()), "claims/quote", "time_label"),
    "source": (SourceFactory, "sources/source", "title"),
    "actor": (ActorFactory, "sources/actor", "description"),
    "conflict": (lambda: ConflictFactory(claim=ClaimFactory()), "claims/conflict", "note"),
    "citation": (CitationFactory, "sources/citation", "span_text"),
}


def opened_form(client: Client, url: str, model: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.text, f"{model}_form")


def save(client: Client, url: str, data: dict, field: str, value: str):
    return client.post(url, {**data, field: value})


def editor() -> Client:
    client = Client()
    client.force_login(UserFactory(group="reviewer"))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("resource", list(RESOURCES))
def test_a_save_from_a_form_opened_before_another_editors_save_is_refused(resource):
    make, page, field = RESOURCES[resource]
    row = make()
    model = page.split("/")[1]
    url = f"/admin/{page}/{row.pk}/change/"
    first, second = editor(), editor()
    stale = opened_form(first, url, model)
    fresh = opened_form(second, url, model)

    assert save(second, url, fresh, field, "Saved by the second editor").status_code == 302
    refused = save(first, url, stale, field, "Saved by the first editor")

    assert refused.status_code == 200 and STALE in refused.text
    row.refresh_from_db()
    assert getattr(row, field) == "Saved by the second editor"
    # Reopened, the form carries the row as it is now and saves.
    assert save(first, url, opened_form(first, url, model), field, "Saved again").status_code == 302
    row.refresh_from_db()
    assert getattr(row, field) == "Saved again"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL")
@pytest.mark.parametrize("resource", list(RESOURCES))
def test_two_editors_saving_one_form_at_once_one_wins_one_is_refused(resource, migrated_rows):
    make, page, field = RESOURCES[resource]
    row = make()
    model = page.split("/")[1]
    url = f"/admin/{page}/{row.pk}/change/"
    editors = [editor(), editor()]
    forms = [opened_form(client, url, model) for client in editors]
    statuses, pages = {}, {}
    barrier = threading.Barrier(2)

    def write(n: int) -> None:
        try:
            barrier.wait()
            response = save(editors[n], url, forms[n], field, f"Saved by editor {n}")
            statuses[n], pages[n] = response.status_code, response.content.decode()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses.values()) == [200, 302]
    (winner,) = [n for n, status in statuses.items() if status == 302]
    assert STALE in pages[1 - winner]
    row.refresh_from_db()
    assert getattr(row, field) == f"Saved by editor {winner}"
