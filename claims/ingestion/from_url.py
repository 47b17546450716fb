"""Ingest an article from its URL: fetch the page safely, read the article out of it, archive the response,
then go on as ingesting a pasted text does (claims/ingestion/suggest.py)."""

import re
from collections.abc import Callable
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from claims.ingestion.suggest import IngestResult, ingest
from sources.actor_matching import ActorIndex
from sources.actors import get_or_create_actor
from sources.archive import keep_response
from sources.capture import CaptureError
from sources.extraction import Article, ExtractionError, extract_response
from sources.fetching import FetchError, Response, fetch
from sources.models import Actor, Source
from sources.urlnorm import normalize_url

BYLINE_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&)\s*")


def read_page(url: str) -> tuple[Response, Article]:
    """Fetch `url` and read its article; ValidationError on the `url` field saying what went wrong."""
    normalize_url(url)  # a malformed URL is refused before anything is fetched
    try:
        response = fetch(url)
    except FetchError as error:
        raise ValidationError({"url": [str(error)]}) from None
    if response.status != 200:
        raise ValidationError(
            {"url": [f"The page answered {response.status} {response.reason}".strip() + "."]}
        )
    try:
        article = extract_response(response, url=response.final_url)
    except (ExtractionError, FetchError) as error:
        raise ValidationError({"url": [str(error)]}) from None
    return response, article


def ingest_url(
    *,
    url: str,
    title: str = "",
    kind: str = Source.Kind.ARTICLE,
    publisher: str = "",
    published_on: date | None = None,
    language: str = "",
    by: AbstractBaseUser | None = None,
    index: ActorIndex | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Capture the article at `url` as a source, its response kept as WARC records, and suggest what to
    record from it. What the caller gives wins over what the page says of itself. `progress` as for
    ingest()."""
    response, article = read_page(url)  # no transaction is held open while the network answers
    with transaction.atomic():
        try:
            result = ingest(
                text=article.text,
                url=response.final_url,
                title=title or article.title,
                kind=kind,
                publisher=publisher or article.publisher,
                published_on=published_on or article.published_on,
                language=language or article.language or "en",
                by=by,
                index=index,
                progress=progress,
            )
        except CaptureError as error:
            raise ValidationError({"url": [str(error)]}) from None
        source = result.source
        capture = (
            source.captures.filter(text_sha256=source.text_sha256).order_by("-captured_at", "-pk").first()
        )
        if capture is not None and (result.outcome != "unchanged" or not hasattr(capture, "archive")):
            keep_response(capture=capture, response=response)
        if result.outcome == "created" and article.byline:
            _add_authors(source, article.byline, by=by)
    read = f"Read from {response.final_url}"
    if response.redirects:
        read += f" (redirected from {url})"
    result.notes.insert(0, read + "; the response is archived with the capture.")
    return result


def _add_authors(source: Source, byline: str, *, by: AbstractBaseUser | None) -> None:
    byline = re.sub(r"^by\s+", "", byline, flags=re.IGNORECASE)
    for name in BYLINE_SEPARATORS.split(byline):
        if 2 < len(name) <= 200 and any(char.isalpha() for char in name):
            actor, _ = get_or_create_actor(name=name, kind=Actor.Kind.PERSON, by=by)
            source.authors.add(actor)
