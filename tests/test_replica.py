"""A read replica (DATABASE_REPLICA_URL) serves anonymous reads; staff read and write on the primary.

The test replicates by itself: it copies the test database into a second PostgreSQL database (a
replica frozen at that moment, as one lagging behind would be), changes the primary, and asks a
real gunicorn with both databases, and Django's connection pool on, who sees what.
"""

import json
import os

import psycopg
import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from claims.models import Claim
from tests.browser.conftest import migrated_rows  # noqa: F401 -- the groups, written again
from tests.factories import PublishedClaimFactory, UserFactory
from tests.servers import gunicorn, request, shared_database_url

pytestmark = [
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""), reason="replicas and pools are PostgreSQL's"
    ),
    pytest.mark.usefixtures("migrated_rows"),
]


@pytest.fixture
def replica_url():
    """A copy of the test database as it is now, dropped after the test."""
    name = f"{connection.settings_dict['NAME']}_replica"
    connection.close()  # a database is copied only while nobody is connected to it
    maintenance = shared_database_url().rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{connection.settings_dict["NAME"]}"')
    yield maintenance.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def before_replication(transactional_db):
    """A published claim and a reviewer's token, written before the replica is copied."""
    claim = PublishedClaimFactory(explanation="As first published.")
    token = Token.objects.create(user=UserFactory(group="reviewer")).key
    return claim, token


@pytest.fixture
def request_replica(before_replication, replica_url):
    """After the copy: the claim corrected and another published on the primary only; a server on both."""
    claim, token = before_replication
    Claim.objects.filter(pk=claim.pk).update(explanation="Corrected on the primary.")
    later = PublishedClaimFactory()
    with gunicorn(
        DATABASE_URL=shared_database_url(),
        DATABASE_REPLICA_URL=replica_url,
        DATABASE_POOL="1",
        WEB_CONCURRENCY="1",
    ) as server:
        yield claim, token, later, server


def test_anonymous_readers_read_the_replica_and_staff_the_primary(request_replica):
    claim, token, later, server = request_replica

    def explanation(slug: str, **headers) -> tuple[int, str | None]:
        status, _, body = request("GET", f"{server}/api/v1/claims/{slug}/", headers=headers)
        return status, json.loads(body).get("explanation")

    assert explanation(claim.slug) == (200, "As first published.")  # the replica, not yet up to date
    assert explanation(later.slug)[0] == 404  # published on the primary after the copy
    staff = {"Authorization": f"Token {token}"}
    assert explanation(claim.slug, **staff) == (200, "Corrected on the primary.")
    assert explanation(later.slug, **staff)[0] == 200
    # A signed-in browser (its session cookie) reads the primary too, whatever its session holds.
    assert explanation(claim.slug, Cookie="sessionid=unknown") == (200, "Corrected on the primary.")


def test_staff_read_what_they_just_wrote(request_replica):
    _, token, _, server = request_replica
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    body = json.dumps({"text": "Belgium expelled 21 Russian diplomats in 2022."}).encode()

    status, created, answer = request("POST", f"{server}/api/v1/claims/", body=body, headers=headers)
    assert status == 201, answer

    assert request("GET", created["Location"], headers=headers)[0] == 200
    assert Claim.objects.filter(text__startswith="Belgium").exists()  # written on the primary
