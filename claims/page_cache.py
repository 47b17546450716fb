"""A claim's public page: answered 304 from its validator, and kept rendered in the shared cache.

The validator is the claim's version and the moment anything its page shows
last changed (`changed_at`, moved by claims/freshness.py on every such
change), read in one query on the unique slug. A reader who holds it gets
304 before anything is loaded; an anonymous reader gets the page rendered for
the same validator from the cache (Django's default cache: Redis when
configured, so all server processes share it; in-process otherwise). A change
moves the validator, so the next reader renders and stores the page anew and
the stale copy is never read again; it expires after PAGE_SECONDS. Staff are
always served a fresh rendering.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

PAGE_SECONDS = 24 * 3600


def serve_page(request: HttpRequest, validator: dict, render: Callable[[], HttpResponse]) -> HttpResponse:
    """304 when the request holds the validator (ClaimQuerySet.validators()); else the cached page for
    anonymous readers, or `render()`."""
    changed = validator["changed_at"].timestamp()
    tag = f"{validator['id']}.{validator['version']}.{changed:.6f}"
    etag = f'"{tag}"'
    last_modified = int(changed)
    headers = {"ETag": etag, "Last-Modified": http_date(last_modified)}
    if (answer := get_conditional_response(request, etag=etag, last_modified=last_modified)) is not None:
        return _with(answer, headers)
    anonymous = not request.user.is_authenticated
    # The page names its own address, so the host and scheme it was asked under are part of the key.
    key = f"claim-page:{tag}:{request.scheme}://{request.get_host()}"
    if anonymous and (content := cache.get(key)) is not None:
        return HttpResponse(content, headers=headers)
    response = render()
    if anonymous and response.status_code == 200:
        cache.set(key, response.content, PAGE_SECONDS)
    return _with(response, headers)


def _with(response: HttpResponse, headers: dict[str, str]) -> HttpResponse:
    for name, value in headers.items():
        response[name] = value
    return response
