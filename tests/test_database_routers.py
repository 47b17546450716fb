"""Which database a read goes to: the replica only for anonymous reads of public data."""

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from claims.models import Claim, Job
from factcheck.database_routers import PrimaryReplicaRouter, ReplicaReadsMiddleware, replica_reads

router = PrimaryReplicaRouter()


def test_reads_go_to_the_primary_unless_a_request_asked_for_the_replica():
    # Management commands, Celery jobs and the shell: always the primary.
    assert router.db_for_read(Claim) == "default"
    with replica_reads():
        assert router.db_for_read(Claim) == "replica"


@pytest.mark.parametrize("model", [User, Session, Job])
def test_who_is_asking_and_jobs_are_always_read_on_the_primary(model):
    with replica_reads():
        assert router.db_for_read(model) == "default"


def test_writes_and_migrations_go_to_the_primary():
    with replica_reads():
        assert router.db_for_write(Claim) == "default"
    assert router.allow_migrate("default", "claims") and not router.allow_migrate("replica", "claims")


def database_for(request) -> str:
    seen = []

    def view(request):
        seen.append(router.db_for_read(Claim))
        return HttpResponse()

    ReplicaReadsMiddleware(view)(request)
    return seen[0]


@pytest.mark.parametrize(
    ("method", "headers", "expected"),
    [
        ("get", {}, "replica"),
        ("head", {}, "replica"),
        ("get", {"HTTP_AUTHORIZATION": "Token abc"}, "default"),
        ("get", {"HTTP_COOKIE": "sessionid=abc"}, "default"),
        ("post", {}, "default"),
        ("patch", {}, "default"),
    ],
)
def test_only_anonymous_reads_are_sent_to_the_replica(method, headers, expected):
    request = getattr(RequestFactory(), method)("/api/v1/claims/", **headers)

    assert database_for(request) == expected


def test_a_streamed_body_is_read_where_its_view_read():
    # A StreamingHttpResponse's body runs after the middleware returned (the DataFeed's claims are
    # read while it is sent): it must still read from the replica, and nothing after it.
    seen = []

    def body():
        for _ in range(2):
            seen.append(router.db_for_read(Claim))
            yield b"{}"

    response = ReplicaReadsMiddleware(lambda request: StreamingHttpResponse(body()))(
        RequestFactory().get("/")
    )

    assert b"".join(response.streaming_content) == b"{}{}"
    assert seen == ["replica", "replica"]
    assert router.db_for_read(Claim) == "default"
