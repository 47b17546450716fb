"""Read ClaimReview records out of whatever shape fact-checkers publish them in.

A JSON-LD object, an array, an @graph, JSON Lines, a Data Commons DataFeed
(dataFeedElement[].item[]) or HTML pages with JSON-LD scripts. Forgiving about
form (types as lists, empty-string numbers, URLs without a scheme, the usual
date spellings), strict about meaning: a record without the claim or a rating
label is refused with its reason.
"""

import html
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from urllib.parse import urljoin, urlsplit

from dateutil import parser as date_parser
from django.core.exceptions import ValidationError

from claims.claimreview.labels import map_label
from claims.verdicts import Verdict
from sources.models import Actor, Source, validate_language
from sources.urlnorm import normalize_url

MAX_FEED_BYTES = 32 * 1024 * 1024
CLAIM_MAX_LENGTH = 500
SOCIAL_HOSTS = ("facebook.com", "twitter.com", "x.com", "instagram.com", "tiktok.com", "kwai-video.com")
ORGANISATION_TYPES = {"Organization", "NewsMediaOrganization", "Corporation", "GovernmentOrganization"}


class FeedError(Exception):
    """The input as a whole cannot be read: nothing in it is imported."""


class RecordError(Exception):
    """One record cannot be imported; the others still can."""


@dataclass(frozen=True)
class Agent:
    name: str
    kind: str
    url: str = ""


@dataclass(frozen=True)
class Appearance:
    url: str | None
    title: str
    published_on: date | None = None
    publisher: Agent | None = None


@dataclass
class ReviewRecord:
    """One ClaimReview, read and tidied, not yet matched against the database."""

    claim_text: str
    reviewer: Agent
    rating_label: str
    verdict: Verdict | None
    url: str = ""
    title: str = ""
    rating_value: Decimal | None = None
    best_rating: Decimal | None = None
    worst_rating: Decimal | None = None
    reviewed_on: date | None = None
    language: str = ""
    claimant: Agent | None = None
    claimed_on: date | None = None
    appearances: list[Appearance] = field(default_factory=list)
    first_appearance: Appearance | None = None


def read_nodes(data: bytes, *, name: str = "input") -> list[dict]:
    """Every JSON-LD object in `data`, however it is packed; raises FeedError when it cannot be read."""
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(
            f"{name} is {len(data) / 1024 / 1024:.0f} MB; feeds of at most "
            f"{MAX_FEED_BYTES // 1024 // 1024} MB are read. Split it into smaller files."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FeedError(f"{name} is not UTF-8 text (byte {error.start} cannot be read).") from None
    stripped = text.lstrip()
    if not stripped:
        raise FeedError(f"{name} is empty.")
    if stripped.startswith("<"):
        return _html_nodes(text, name=name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        document = _json_lines(text, name=name, error=error)
    return list(_flatten(document))


def _html_nodes(text: str, *, name: str) -> list[dict]:
    import extruct

    try:
        found = extruct.extract(text, syntaxes=["json-ld"], uniform=True, errors="ignore")["json-ld"]
    except Exception as error:  # extruct raises whatever its parsers raise on broken markup
        raise FeedError(f"{name} could not be read as HTML: {error}.") from None
    nodes = [node for document in found for node in _flatten(document)]
    if not nodes:
        raise FeedError(f"{name} is an HTML page without JSON-LD: there is no ClaimReview in it.")
    return nodes


def _json_lines(text: str, *, name: str, error: json.JSONDecodeError) -> list:
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    if len(lines) < 2:
        raise FeedError(_json_message(name, error)) from None
    documents = []
    for number, line in lines:
        try:
            documents.append(json.loads(line))
        except json.JSONDecodeError as line_error:
            if number == lines[0][0]:
                raise FeedError(_json_message(name, error)) from None
            raise FeedError(f"{name}, line {number}: {_json_reason(line_error)}") from None
    return documents


def _json_message(name: str, error: json.JSONDecodeError) -> str:
    if error.pos >= len(error.doc.rstrip()):
        return f"{name} ends before its JSON is complete (line {error.lineno}): is the file truncated?"
    return f"{name} is not valid JSON: {_json_reason(error)}"


def _json_reason(error: json.JSONDecodeError) -> str:
    if error.pos >= len(error.doc.rstrip()):
        return "the JSON ends before it is complete (truncated?)."
    return f"{error.msg} at line {error.lineno}, column {error.colno}."


def _types(node: dict) -> set[str]:
    kind = node.get("@type", [])
    return {str(item).rsplit("/", 1)[-1] for item in (kind if isinstance(kind, list) else [kind])}


def _flatten(document):
    if isinstance(document, list):
        for item in document:
            yield from _flatten(item)
        return
    if not isinstance(document, dict):
        return
    if "@graph" in document:
        yield from _flatten(document["@graph"])
        return
    types = _types(document)
    if "DataFeed" in types or "dataFeedElement" in document:
        yield from _flatten(document.get("dataFeedElement", []))
    elif "DataFeedItem" in types:
        yield from _flatten(document.get("item", []))
    elif (
        "claimreview" in document and "ClaimReview" not in types and isinstance(document["claimreview"], dict)
    ):
        yield from _flatten(document["claimreview"])  # a line of a crawler's dump: {"claimreview": {...}}
    else:
        yield document


def is_claim_review(node: dict) -> bool:
    return "ClaimReview" in _types(node) or ("claimReviewed" in node and "@type" not in node)


def parse_review(node: dict) -> ReviewRecord:
    """Read one ClaimReview object; raises RecordError with the reason when it lacks what it must have."""
    claim_text = _claim_text(node.get("claimReviewed"))
    if not claim_text:
        raise RecordError("it has no claimReviewed: there is no claim to attach the review to.")
    if len(claim_text) > CLAIM_MAX_LENGTH:
        raise RecordError(
            f"its claimReviewed is {len(claim_text)} characters long; a claim is one sentence of at most "
            f"{CLAIM_MAX_LENGTH}."
        )
    rating = _first_dict(node.get("reviewRating"))
    label = _text(rating.get("alternateName")) or _text(rating.get("name"))
    if not label:
        raise RecordError("its reviewRating has no alternateName: there is no verdict to record.")
    reviewer = _reviewer(node)
    url = fix_url(node.get("url"), base=reviewer.url if reviewer else "") or ""
    if reviewer is None:
        host = urlsplit(url).hostname if url else None
        if not host:
            raise RecordError("neither an author nor a URL says who published the review.")
        reviewer = Agent(name=host.removeprefix("www."), kind=Actor.Kind.OUTLET, url=f"https://{host}/")
    item = _first_dict(node.get("itemReviewed"))
    appearances = [
        appearance
        for value in (*_as_list(item.get("appearance")), _url_only(item.get("url")))
        if (appearance := _appearance(value)) is not None
    ]
    first = _appearance(item.get("firstAppearance"))
    if first is not None and first not in appearances:
        appearances.insert(0, first)
    return ReviewRecord(
        claim_text=claim_text,
        reviewer=reviewer,
        rating_label=label[:500],
        verdict=map_label(label, site=urlsplit(url or reviewer.url).hostname or ""),
        url=url,
        title=(_text(node.get("name")) or _text(node.get("headline")) or _text(node.get("title")))[:500],
        rating_value=_number(rating.get("ratingValue")),
        best_rating=_number(rating.get("bestRating")),
        worst_rating=_number(rating.get("worstRating")),
        reviewed_on=parse_date(node.get("datePublished")),
        language=_language(node.get("inLanguage")),
        claimant=_agent(item.get("author"), default_kind=Actor.Kind.PERSON),
        claimed_on=parse_date(item.get("datePublished")),
        appearances=list(dict.fromkeys(appearances)),
        first_appearance=first,
    )


def fix_url(value, *, base: str = "") -> str | None:
    """A normalised absolute URL from what records give: no scheme, protocol-relative or site-relative."""
    value = _text(value if not isinstance(value, dict) else value.get("@id") or value.get("url"))
    if not value:
        return None
    if value.startswith("//"):
        value = f"https:{value}"
    elif value.startswith("/"):
        if not base:
            return None
        value = urljoin(base, value)
    elif not re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
        if not re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", value):
            return None
        value = f"https://{value}"
    try:
        return normalize_url(value)
    except ValidationError:
        return None


def parse_date(value) -> date | None:
    """A date from ISO 8601 and the other spellings records use; None when there is none."""
    text = _text(value)
    if not text:
        return None
    if match := re.match(r"^(\d{4})-(\d{2})-(\d{2})", text):
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            return None
    try:
        return date_parser.parse(text, default=None).date()
    except (ValueError, OverflowError, TypeError):
        return None


def _claim_text(value) -> str:
    for item in _as_list(value):
        if text := _text(item):
            return text
    return ""


def _text(value) -> str:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str) and item.strip()), "")
    if not isinstance(value, str):
        return ""
    return html.unescape(value).strip()


def _as_list(value) -> list:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _first_dict(value) -> dict:
    return next((item for item in _as_list(value) if isinstance(item, dict)), {})


def _url_only(value):
    return {"url": value} if isinstance(value, str) else None


def _number(value) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() and abs(number) < 1_000_000 else None


def _language(value) -> str:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    tag = _text(value).replace("_", "-")
    if not tag:
        return ""
    tag = tag.split("-", 1)[0].lower() + (f"-{tag.split('-', 1)[1]}" if "-" in tag else "")
    try:
        validate_language(tag)
    except ValidationError:
        return ""
    return tag[:35]


def _agent(value, *, default_kind: str) -> Agent | None:
    for item in _as_list(value):
        if isinstance(item, str) and item.strip():
            return Agent(name=item.strip()[:200], kind=default_kind)
        if isinstance(item, dict) and (name := _text(item.get("name"))):
            if _types(item) & ORGANISATION_TYPES:
                kind = Actor.Kind.ORGANISATION
            elif "Person" in _types(item):
                kind = Actor.Kind.PERSON
            else:
                kind = default_kind
            return Agent(name=" ".join(name.split())[:200], kind=kind, url=fix_url(item.get("url")) or "")
    return None


def _reviewer(node: dict) -> Agent | None:
    """The reviewing organisation: an author that is one, else the publisher, else the first author."""
    authors = [item for item in _as_list(node.get("author")) if isinstance(item, dict | str)]
    organisations = [item for item in authors if isinstance(item, dict) and _types(item) & ORGANISATION_TYPES]
    for candidate in (*organisations, *_as_list(node.get("publisher")), *authors):
        if agent := _agent(candidate, default_kind=Actor.Kind.OUTLET):
            kind = Actor.Kind.OUTLET if agent.kind == Actor.Kind.ORGANISATION else agent.kind
            return Agent(name=agent.name, kind=kind, url=agent.url)
    return None


def _appearance(value) -> Appearance | None:
    if isinstance(value, str):
        value = {"url": value}
    if not isinstance(value, dict):
        return None
    url = fix_url(value.get("url"))
    title = _text(value.get("headline")) or _text(value.get("name"))
    if not url and not title:
        return None
    return Appearance(
        url=url,
        title=(title or url)[:500],
        published_on=parse_date(value.get("datePublished")),
        publisher=_agent(value.get("publisher"), default_kind=Actor.Kind.OUTLET),
    )


def source_kind(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    if any(host == social or host.endswith(f".{social}") for social in SOCIAL_HOSTS):
        return Source.Kind.POST
    return Source.Kind.ARTICLE
