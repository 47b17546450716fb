"""Conditional requests: ETag and Last-Modified on reads, If-Match preconditions on writes.

The ETag is a hash of the JSON representation, so it changes exactly when
what a client sees changes (a claim's quotes included). A write that sends
If-Match with a stale ETag is refused with 412 instead of overwriting. If-Match
compares strongly (RFC 9110 13.1.1): a weak validator W/"…" never matches.
"""

import hashlib
from datetime import datetime

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

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.data is None:
            return response
        etag = etag_for(response.data)
        response["ETag"] = etag
        # Whole seconds: HTTP dates have no fractions, so a fraction would never compare equal.
        timestamp = int(self.last_modified.timestamp()) if self.last_modified else None
        if timestamp:
            response["Last-Modified"] = http_date(timestamp)
        return get_conditional_response(
            request._request, etag=etag, last_modified=timestamp, response=response
        )

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
            if self.require_precondition and "version" not in request.data:
                raise PreconditionRequired()
            return
        current = etag_for(self.get_serializer(instance, serializer_class=self.read_serializer_class).data)
        if current not in named:
            raise PreconditionFailed()
