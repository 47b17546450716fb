"""Conditional requests: ETag and Last-Modified on reads, If-Match preconditions on writes.

The ETag is a hash of the JSON representation, so it changes exactly when
what a client sees changes, except where a view knows a cheaper validator: a
claim's is its version and the moment anything its record shows last changed
(claims/freshness.py), read in one indexed query, and a request that still
holds it is answered 304 before the record is loaded or serialised. A write that sends
If-Match with a stale ETag is refused with 412 instead of overwriting. If-Match
compares strongly (RFC 9110 13.1.1): a weak validator W/"…" never matches.
"""

import hashlib
from collections.abc import Mapping
from datetime import datetime

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_etags
from rest_framework.renderers import JSONRenderer

from claims.api.errors import PreconditionFailed, PreconditionRequired


def etag_for(data) -> str:
    digest = hashlib.sha256(JSONRenderer().render(data)).hexdigest()[:40]
    return f'"{digest}"'


class ConditionalMixin:
    #: Whether updates must carry If-Match (or a "version" in the body).
    require_precondition = False
    last_modified: datetime | None = None
    #: Set by a view that knows its validator without the representation (else a hash of it).
    etag: str | None = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if self.etag:
            return self.conditional(request, response, self.etag)
        # A streamed response has no data to hash: its view sets self.etag.
        if getattr(response, "data", None) is None:
            return response
        return self.conditional(request, response, etag_for(response.data))

    def conditional(self, request, response: HttpResponse, etag: str) -> HttpResponse:
        """`response` with its validators, or 304 Not Modified when the request holds them."""
        response["ETag"] = etag
        # Whole seconds: HTTP dates have no fractions, so a fraction would never compare equal.
        timestamp = int(self.last_modified.timestamp()) if self.last_modified else None
        if timestamp:
            response["Last-Modified"] = http_date(timestamp)
        return get_conditional_response(
            request._request, etag=etag, last_modified=timestamp, response=response
        )

    def not_modified(self, request) -> HttpResponse | None:
        """304 when the request holds the current validators (self.etag, self.last_modified), else None."""
        answer = self.conditional(request, HttpResponse(), self.etag)
        return answer if answer.status_code == 304 else None

    def etag_of(self, instance, data=None) -> str:
        """The ETag a GET of `instance` answers with; `data` is its representation when already made."""
        if data is None:
            data = self.get_serializer(instance, serializer_class=self.read_serializer_class).data
        return etag_for(data)

    def check_precondition(self, request, instance, *, update: bool = False) -> None:
        """Refuse a write based on a stale read: If-Match must name the current representation.

        "*" only says the resource exists, not which copy was read, so it does not stand in for
        the precondition an update must carry.
        """
        wanted = set(parse_etags(request.headers.get("If-Match", "")))
        named = wanted - {"*"}
        if not named:
            if "*" in wanted and not update:
                return
            if not isinstance(request.data, Mapping):
                return  # not a JSON object: the serializer refuses it (400), so nothing is written
            if self.require_precondition and "version" not in request.data:
                raise PreconditionRequired()
            return
        if self.etag_of(instance) not in named:
            raise PreconditionFailed()
