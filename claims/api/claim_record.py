"""A claim's full API record (ClaimDetailSerializer's schema) built from rows rather than model instances.

The claim detail is the API's most read answer. Serializing it through nested
ModelSerializers builds a model instance and a copy of every serializer field
for each quote, source, speaker and conflict; here each part is one values()
query, compiled once per database connection (claims/prepared.py), and each value
is shown as the very serializer field that documents it shows it (the fields are
bound once, at import, and the common ones reduced to what their to_representation
comes to for a database value: _shows()), so the JSON is the same, byte for byte
in meaning, as ClaimDetailSerializer's (tests/api/test_claim_record.py compares the
two on every kind of claim).
"""

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from rest_framework import serializers
from rest_framework.settings import ISO_8601, api_settings

from claims.api import serializers as s
from claims.models import Claim, Conflict, Correction, ExternalReview, Quote
from claims.prepared import ID_MARKER, TEXT_MARKER, PreparedValues
from claims.quantities import describe
from claims.verdicts import Verdict, review_rating
from claims.visibility import claims_seen
from sources.models import Source
from sources.serializers import ActorBriefSerializer, SourceBriefSerializer

Formatter = list[tuple[str, str, Callable[[Any], Any]]]
_FORMATTERS: list[tuple[Formatter, type, tuple[str, ...], str]] = []


def _formatter(serializer: type, names: Iterable[str], prefix: str = "") -> Formatter:
    """(key in the record, key in the values() row, how the serializer's field shows a value) per field."""
    formatter: Formatter = []
    _FORMATTERS.append((formatter, serializer, tuple(names), prefix))
    _bind(formatter, serializer, names, prefix)
    return formatter


def _bind(formatter: Formatter, serializer: type, names: Iterable[str], prefix: str) -> None:
    fields = serializer().fields
    formatter[:] = [(name, prefix + name, _shows(fields[name])) for name in names]


def _shows(field: serializers.Field) -> Callable[[Any], Any]:
    """field.to_representation, or, for the fields whose to_representation reads settings and checks types
    on every call, what it comes to for the values a database row holds (str, int, bool, date, an aware
    datetime), with the settings read once (and again when they change, in tests)."""
    show = type(field).to_representation

    def iso(setting: str) -> bool:
        return (getattr(field, "format", getattr(api_settings, setting)) or "").lower() == ISO_8601

    # A text column's value is a str; ChoiceField shows str(value) as the choice of that name, which for
    # choices named by strings is the value itself.
    text_choices = show is serializers.ChoiceField.to_representation and all(
        isinstance(choice, str) for choice in field.choice_strings_to_values.values()
    )
    if show is serializers.CharField.to_representation or text_choices:
        return str
    if show is serializers.IntegerField.to_representation:
        return int
    if show is serializers.BigIntegerField.to_representation:
        return str if getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING) else int
    if show is serializers.BooleanField.to_representation:
        return bool  # a boolean column's value is a bool (0 or 1 on some backends)
    if show is serializers.DateField.to_representation and iso("DATE_FORMAT"):
        return date.isoformat
    if (
        show is serializers.DateTimeField.to_representation
        and not hasattr(field, "timezone")
        and iso("DATETIME_FORMAT")
        and settings.USE_TZ
    ):
        return partial(_iso_datetime, field.to_representation)
    return field.to_representation


def _iso_datetime(fallback: Callable[[Any], Any], value) -> str:
    """DateTimeField.to_representation of an aware datetime in ISO 8601: in the current time zone, UTC as Z."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        return fallback(value)
    text = value.astimezone(timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs) -> None:
    if setting in ("REST_FRAMEWORK", "USE_TZ"):
        for formatter, serializer, names, prefix in _FORMATTERS:
            _bind(formatter, serializer, names, prefix)


def _format(formatter: Formatter, row: dict) -> dict:
    # As a DRF serializer does: a None value stays None without reaching the field.
    return {name: None if (value := row[key]) is None else show(value) for name, key, show in formatter}


CLAIM_SIMPLE = (
    "slug",
    "text",
    "status",
    "verdict",
    "contested",
    "published_at",
    "reviewed_on",
    "updated_at",
    "explanation",
    "time_start",
    "time_end",
    "time_label",
    "place",
    "version",
)
CLAIM = _formatter(s.ClaimDetailSerializer, CLAIM_SIMPLE)
QUANTITY = _formatter(s.QuantitySerializer, ("comparator", "value", "value_upper", "unit"))
QUOTE_SIMPLE = [name for name in s.QuoteNestedSerializer.Meta.fields if name not in ("source", "speaker")]
QUOTE = _formatter(s.QuoteNestedSerializer, QUOTE_SIMPLE)
SOURCE_SIMPLE = [name for name in SourceBriefSerializer.Meta.fields if name != "publisher"]
SOURCE = _formatter(SourceBriefSerializer, SOURCE_SIMPLE, "source__")
ACTOR = ActorBriefSerializer.Meta.fields
PUBLISHER = _formatter(ActorBriefSerializer, ACTOR, "source__publisher__")
SPEAKER = _formatter(ActorBriefSerializer, ACTOR, "speaker__")
CONFLICT_SIMPLE = [name for name in s.ConflictNestedSerializer.Meta.fields if name != "quotes"]
CONFLICT = _formatter(s.ConflictNestedSerializer, CONFLICT_SIMPLE)
CORRECTION = _formatter(s.CorrectionSerializer, s.CorrectionSerializer.Meta.fields)
REVIEW_SIMPLE = [
    name
    for name in s.ExternalReviewSerializer.Meta.fields
    if name not in ("reviewer", "claimant", "verdict_label", "appearances")
]
REVIEW = _formatter(s.ExternalReviewSerializer, REVIEW_SIMPLE)
REVIEWER = _formatter(ActorBriefSerializer, ACTOR, "reviewer__")
CLAIMANT = _formatter(ActorBriefSerializer, ACTOR, "claimant__")

# What the claim's row must hold: its own fields, its quantity, its flag (ClaimQuerySet.with_contested()), its
# validator, and whether it has any conflict, correction note or external review at all: most claims have
# none, and their records then need no query for them.
PARTS = {"has_conflicts": Conflict, "has_corrections": Correction, "has_reviews": ExternalReview}
ROW_FIELDS = ("id", *CLAIM_SIMPLE, "comparator", "value", "value_upper", "unit", "changed_at", *PARTS)


def _rows_of_claims(*, staff: bool, lookup: str) -> PreparedValues:
    def build(value):
        parts = {name: Exists(model.objects.filter(claim=OuterRef("pk"))) for name, model in PARTS.items()}
        claims = claims_seen(staff=staff).with_contested().annotate(**parts)
        return claims.filter(**{lookup: value}).values(*ROW_FIELDS)[:1]

    return PreparedValues(Claim, build, TEXT_MARKER if lookup == "slug" else ID_MARKER)


_CLAIM_ROWS = {
    (staff, lookup): _rows_of_claims(staff=staff, lookup=lookup)
    for staff in (False, True)
    for lookup in ("slug", "pk")
}


def claim_row(*, staff: bool, slug: str | None = None, pk: int | None = None) -> dict | None:
    """The claim with this slug (or id) among those staff, or readers, may see (claims/visibility.py), as one
    row of its record's own fields, its contested flag and its validator. One query."""
    return _CLAIM_ROWS[staff, "pk" if slug is None else "slug"].first(pk if slug is None else slug)


def claim_etag(validator: dict, *, staff: bool) -> str:
    """The record's ETag from the claim's validator (ClaimQuerySet.validators()), and whether the reader
    sees what staff see (a retracted claim's record differs)."""
    changed = validator["changed_at"].timestamp()
    return f'"{validator["id"]}.{validator["version"]}.{changed:.6f}{".staff" if staff else ""}"'


def claim_record(row: dict, *, request, staff: bool) -> dict:
    """The claim's full record, as ClaimDetailSerializer gives it to this reader, from claim_row()'s row.

    Queries: the quotes with their sources, publishers and speakers; and only when the row says the claim
    has any, the conflicts with their quotes' ids, the correction notes, and the external reviews with
    reviewers, claimants and their appearances. A retracted claim shows readers other than staff only its
    notes.
    """
    withdrawn = row["status"] == Claim.Status.RETRACTED and not staff
    record = _format(CLAIM, row)
    slug, verdict = row["slug"], row["verdict"]
    record.update(
        api_url=request.build_absolute_uri(_path("api:claim-detail", slug)),
        html_url=request.build_absolute_uri(_path("claims:claim-detail", slug)),
        verdict_label=Verdict(verdict).label if verdict else "",
        quantity={
            **_format(QUANTITY, row),
            "display": describe(row["comparator"], row["value"], row["value_upper"], row["unit"]),
        },
        review_rating=None,
        quotes=[],
        conflicts=[],
        corrections=[
            _format(CORRECTION, correction)
            for correction in (_CORRECTIONS.rows(row["id"]) if row["has_corrections"] else ())
        ],
        external_reviews=[],
    )
    if withdrawn:
        record.update(verdict=None, verdict_label=None, contested=None, explanation="")
        # What a correction changed would tell the withdrawn verdict; the notes themselves stay.
        record["corrections"] = [{**note, "changes": []} for note in record["corrections"]]
        return record
    if verdict:
        record["review_rating"] = {
            key: value for key, value in review_rating(verdict).items() if key != "@type"
        }
    record["quotes"] = [_quote(quote) for quote in _QUOTES.rows(row["id"])]
    if row["has_conflicts"]:
        record["conflicts"] = _conflicts(row["id"])
    if row["has_reviews"]:
        record["external_reviews"] = _external_reviews(row["id"])
    return record


def _path(view: str, slug: str) -> str:
    """reverse(view, args=[slug]), the URL resolver's work done once per view, script prefix and URLconf."""
    if not _PLAIN_SLUG.fullmatch(slug):  # one reverse() would quote
        return reverse(view, args=[slug])
    key = (view, get_script_prefix(), get_urlconf())
    if (template := _PATHS.get(key)) is None:
        template = _PATHS[key] = reverse(view, args=[_SLUG_MARKER])
    return template.replace(_SLUG_MARKER, slug, 1)


_SLUG_MARKER = "prepared-slug-marker"  # a slug reverse() takes as it is, found nowhere else in a path
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PATHS: dict[tuple, str] = {}


def _ordering(relation: str, model: type) -> list[str]:
    """`model`'s default ordering, followed from a query through `relation`."""
    return [
        f"-{relation}__{name[1:]}" if name.startswith("-") else f"{relation}__{name}"
        for name in model._meta.ordering
    ]


def _actor(formatter: Formatter, row: dict) -> dict | None:
    return None if row[formatter[0][1]] is None else _format(formatter, row)


_QUOTES = PreparedValues(
    Quote,
    lambda claim_id: (
        Quote.objects.filter(claim_id=claim_id)
        .in_reading_order()
        .values(
            *QUOTE_SIMPLE,
            *(key for _, key, _ in SOURCE),
            *(key for _, key, _ in PUBLISHER),
            *(key for _, key, _ in SPEAKER),
        )
    ),
)


def _quote(row: dict) -> dict:
    quote = _format(QUOTE, row)
    quote["source"] = {**_format(SOURCE, row), "publisher": _actor(PUBLISHER, row)}
    quote["speaker"] = _actor(SPEAKER, row)
    # The nested serializer's order: id, source, speaker, then the rest.
    return {"id": quote.pop("id"), "source": quote.pop("source"), "speaker": quote.pop("speaker"), **quote}


# Each conflict's quotes in the quotes' own order, as the nested serializer lists them.
_CONFLICTS = PreparedValues(
    Conflict,
    lambda claim_id: (
        Conflict.objects.filter(claim_id=claim_id)
        .values(*CONFLICT_SIMPLE, "quotes")
        .order_by(*Conflict._meta.ordering, "pk", *_ordering("quotes", Quote))
    ),
)


def _conflicts(claim_id: int) -> list[dict]:
    conflicts: dict[int, dict] = {}
    for row in _CONFLICTS.rows(claim_id):
        conflict = conflicts.get(row["id"])
        if conflict is None:
            conflict = conflicts[row["id"]] = {**_format(CONFLICT, row), "quotes": []}
        if row["quotes"] is not None:
            conflict["quotes"].append(row["quotes"])
    return list(conflicts.values())


_CORRECTIONS = PreparedValues(
    Correction,
    lambda claim_id: (
        Correction.objects.filter(claim_id=claim_id)
        .order_by(*Correction._meta.ordering, "pk")
        .values(*s.CorrectionSerializer.Meta.fields)
    ),
)

# The reviews with their reviewers and claimants, one row per appearance (a review without any has one row,
# its URL null): each review's appearances in the sources' own order, as the nested serializer lists them.
_REVIEWS = PreparedValues(
    ExternalReview,
    lambda claim_id: (
        ExternalReview.objects.filter(claim_id=claim_id)
        .order_by(*ExternalReview._meta.ordering, "pk", *_ordering("appearances", Source), "appearances__id")
        .values(
            "id",
            *REVIEW_SIMPLE,
            *(key for _, key, _ in REVIEWER),
            *(key for _, key, _ in CLAIMANT),
            "appearances__url",
        )
    ),
)


def _external_reviews(claim_id: int) -> list[dict]:
    reviews: dict[int, dict] = {}
    for row in _REVIEWS.rows(claim_id):
        review = reviews.get(row["id"])
        if review is None:
            verdict = row["verdict"]
            review = reviews[row["id"]] = {
                "reviewer": _actor(REVIEWER, row),
                **_format(REVIEW, row),
                "verdict_label": Verdict(verdict).label if verdict else "unmapped",
                "claimant": _actor(CLAIMANT, row),
                "appearances": [],
            }
        if row["appearances__url"] is not None:
            review["appearances"].append(row["appearances__url"])
    return list(reviews.values())
