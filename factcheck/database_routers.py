"""Reads from a replica for anonymous readers, everything else on the primary (DATABASE_REPLICA_URL).

A replica lags its primary by a moment, which a reader of published claims never notices but an
editor who just saved would ("my change is gone"). So only anonymous GET and HEAD requests read
from the replica (ReplicaReadsMiddleware marks them); a request that writes, carries credentials or
a session, every management command and every Celery job read and write on the primary, as does any
read inside a transaction, and sessions, users, tokens and jobs are always read there.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

PRIMARY, REPLICA = "default", "replica"
# Tables a request may have written a moment ago or that say who is asking: never read from a replica.
PRIMARY_ONLY_APPS = frozenset({"auth", "sessions", "authtoken", "axes", "contenttypes", "admin"})
PRIMARY_ONLY_MODELS = frozenset({"claims.job", "claims.idempotencykey"})

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Send this block's reads of public data to the replica."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if (
            _replica_reads.get()
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and model._meta.label_lower not in PRIMARY_ONLY_MODELS
            and not connections[PRIMARY].in_atomic_block
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY  # the replica receives the primary's schema by replication


class ReplicaReadsMiddleware:
    """Anonymous GET and HEAD requests read from the replica; any other request stays on the primary.

    Whether a request is anonymous is told from its headers (no Authorization header, no session
    cookie), not by loading its user, which would cost a query on every signed-in request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        anonymous = (
            "HTTP_AUTHORIZATION" not in request.META and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        if request.method in ("GET", "HEAD", "OPTIONS") and anonymous:
            with replica_reads():
                response = self.get_response(request)
            if response.streaming and not response.is_async:
                response.streaming_content = _on_replica(response.streaming_content)
            return response
        return self.get_response(request)


def _on_replica(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """A streamed body is read after the view and this middleware returned: each of its steps reads
    from the replica too, as the view did, without the setting outliving the step."""
    chunks = iter(chunks)
    while True:
        with replica_reads():
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk
