"""Read an article out of a fetched web page: its text without the page's furniture, and what it says of itself.

trafilatura finds the article's body (leaving navigation, related links, comments and
footers behind) and reads the title, byline, site name and date from the page's markup;
the language comes from the page's own `lang` or Content-Language. A plain-text
response is its own text.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import lxml.html
import trafilatura
from django.core.exceptions import ValidationError
from lxml.etree import ParserError

from sources.models import validate_language

HTML_TYPES = ("text/html", "application/xhtml+xml")
CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


class ExtractionError(ValueError):
    """No article could be read from the page; the message says why."""


@dataclass
class Article:
    text: str
    title: str = ""
    byline: str = ""
    publisher: str = ""
    published_on: date | None = None
    language: str = ""


class HTTPResponse(Protocol):
    """A response as fetched (sources.fetching.Response) or replayed from its WARC (sources.archive)."""

    content: bytes

    def header(self, name: str) -> str: ...


def extract_response(response: HTTPResponse, *, url: str) -> Article:
    """The article in `response`, read as its Content-Type and Content-Language headers say; ExtractionError."""
    return extract_article(
        response.content,
        content_type=response.header("Content-Type"),
        url=url,
        content_language=response.header("Content-Language"),
    )


def extract_article(
    content: bytes, *, content_type: str, url: str = "", content_language: str = ""
) -> Article:
    """The article in a response body of `content_type`, or ExtractionError."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    charset = _charset(content_type)
    if media_type == "text/plain":
        return Article(
            text=content.decode(charset or "utf-8", "replace"), language=_language(content_language)
        )
    if media_type and media_type not in HTML_TYPES:
        raise ExtractionError(
            f"The page is {media_type}, not a web page or plain text; save its text and paste it."
        )
    markup = content.decode(charset, "replace") if charset else content
    document = trafilatura.bare_extraction(
        markup,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if document is None or not (document.text or "").strip():
        raise ExtractionError("No article text was found on the page.")
    return Article(
        text=document.text,
        title=" ".join((document.title or "").split())[:500],
        byline=" ".join((document.author or "").split())[:200],
        publisher=" ".join((document.sitename or "").split())[:200],
        published_on=_date(document.date),
        language=_language(_page_language(markup) or content_language),
    )


def _charset(content_type: str) -> str:
    match = CHARSET.search(content_type)
    if not match:
        return ""
    try:
        "".encode(match.group(1))
    except LookupError:
        return ""
    return match.group(1)


def _page_language(markup: str | bytes) -> str:
    try:
        root = lxml.html.fromstring(markup[:200_000])
    except (ParserError, ValueError):
        return ""
    return root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""


def _language(tag: str) -> str:
    """A BCP 47 tag we accept, from a page's `lang` ("en-US", "en_GB", "nl, en"), else ""."""
    tag = tag.split(",", 1)[0].strip().replace("_", "-")
    if not tag:
        return ""
    primary, _, rest = tag.partition("-")
    tag = primary.lower() + (f"-{rest}" if rest else "")
    try:
        validate_language(tag)
    except ValidationError:
        return ""
    return tag[:35]


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
