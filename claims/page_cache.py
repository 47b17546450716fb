"""A claim's public page: answered 304 from its validator, and kept rendered in the cache.

The validator is the claim's version and the moment anything its page shows
last changed (`changed_at`, moved by claims/freshness.py on every such
change). A reader who holds it gets 304 before anything else is loaded; an
anonymous reader gets the page rendered for the same validator from the cache.
Staff are always served a fresh rendering.

With a cache all server processes share (claims/validator_cache.py), the
validator and the page are both kept under the claim's cache token, read in
one round trip: an anonymous 304 or cached page makes no query. Otherwise the
validator is read from the database (one query on the unique slug) and the
page is kept in the process's own cache under it: a change moves the
validator, so the next reader renders and stores the page anew. Either way a
kept page expires after PAGE_SECONDS.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from claims.validator_cache import slot as claim_slot

PAGE_SECONDS = 24 * 3600


def serve_page(
    request: HttpRequest,
    slug: str,
    *,
    read: Callable[[], dict | None],
    render: Callable[[int], HttpResponse],
    missing: Callable[[], HttpResponse],
) -> HttpResponse:
    """304 when the request holds the claim's validator (`read()`: ClaimQuerySet.validators()); else the
    kept page for anonymous readers, or `render(claim id)`; `missing()` when no claim has a page there."""
    anonymous = not request.user.is_authenticated
    # The page names its own address, so the host and scheme it was asked under are part of the key.
    host = f"{request.scheme}://{request.get_host()}"
    # A reader revalidating its copy most likely gets 304: the page is read only if it does not.
    revalidating = "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META
    reading = [("validator",)] if revalidating else [("validator",), ("page", host)]
    slot = claim_slot(slug, reader_is_public=anonymous, reading=reading)
    shared = slot.key("page", host)
    validator = slot.validator(read)
    if validator is None:
        return missing()
    changed = validator["changed_at"].timestamp()
    tag = f"{validator['id']}.{validator['version']}.{changed:.6f}"
    etag = f'"{tag}"'
    last_modified = int(changed)
    headers = {"ETag": etag, "Last-Modified": http_date(last_modified)}
    if (answer := get_conditional_response(request, etag=etag, last_modified=last_modified)) is not None:
        return _with(answer, headers)
    key = shared if slot.token is not None else f"claim-page:{tag}:{host}"
    if anonymous:
        kept = slot.found.get(key) if slot.token is not None and not revalidating else cache.get(key)
        if kept is not None and kept[0] == tag:
            return HttpResponse(kept[1], headers=headers)
    response = render(validator["id"])
    if anonymous and response.status_code == 200:
        cache.set(key, (tag, response.content), PAGE_SECONDS)
    return _with(response, headers)


def _with(response: HttpResponse, headers: dict[str, str]) -> HttpResponse:
    for name, value in headers.items():
        response[name] = value
    return response
