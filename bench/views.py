"""Two reference points for bench/serve.py, never routed by the product.

`hello` is the cost of Django's request cycle alone. `claim_floor` returns the
same JSON as the API's claim detail for an anonymous reader, written by hand
with the fewest queries (values() rows, no serializers), so the API can be
measured against what the data itself costs.
"""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from rest_framework.renderers import JSONRenderer

from claims.models import Claim, Conflict, Correction, ExternalReview, Quote
from claims.quantities import describe
from claims.verdicts import Verdict, review_rating

CLAIM_FIELDS = (
    "id",
    "slug",
    "text",
    "status",
    "verdict",
    "published_at",
    "reviewed_on",
    "updated_at",
    "explanation",
    "comparator",
    "value",
    "value_upper",
    "unit",
    "time_start",
    "time_end",
    "time_label",
    "place",
    "version",
)
QUOTE_FIELDS = (
    "id",
    "source_id",
    "source__kind",
    "source__title",
    "source__url",
    "source__archive_url",
    "source__publisher_id",
    "source__publisher__name",
    "source__publisher__kind",
    "source__published_on",
    "source__language",
    "speaker_id",
    "speaker__name",
    "speaker__kind",
    "exact",
    "prefix",
    "suffix",
    "stance",
    "comparator",
    "value",
    "value_upper",
    "time_start",
    "time_end",
    "time_label",
    "start",
    "end",
    "is_verified",
)

FOUR_PLACES = Decimal("0.0001")


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world", content_type="text/plain")


def _when(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _decimal(value) -> Decimal | None:
    """As the API's DecimalField gives it: four places, rendered as a JSON number (COERCE_DECIMAL_TO_STRING off)."""
    return None if value is None else Decimal(value).quantize(FOUR_PLACES)


def _actor(pk, name, kind) -> dict | None:
    return None if pk is None else {"id": pk, "name": name, "kind": kind}


def claim_floor(request: HttpRequest, slug: str) -> HttpResponse:
    statuses = (*Claim.PUBLIC_STATUSES, Claim.Status.RETRACTED)
    open_conflict = Conflict.objects.filter(claim=OuterRef("pk"), status=Conflict.Status.OPEN)
    claim = (
        Claim.objects.filter(slug=slug, status__in=statuses)
        .annotate(contested=Exists(open_conflict))
        .values(*CLAIM_FIELDS, "contested")
        .first()
    )
    if claim is None:
        raise Http404
    path = Claim(slug=slug).get_absolute_url()
    retracted = claim["status"] == Claim.Status.RETRACTED
    quotes, conflicts = [], []
    if not retracted:
        for row in (
            Quote.objects.filter(claim_id=claim["id"])
            .order_by("source__published_on", "pk")
            .values(*QUOTE_FIELDS)
        ):
            quotes.append(
                {
                    "id": row["id"],
                    "source": {
                        "id": row["source_id"],
                        "kind": row["source__kind"],
                        "title": row["source__title"],
                        "url": row["source__url"],
                        "archive_url": row["source__archive_url"],
                        "publisher": _actor(
                            row["source__publisher_id"],
                            row["source__publisher__name"],
                            row["source__publisher__kind"],
                        ),
                        "published_on": _when(row["source__published_on"]),
                        "language": row["source__language"],
                    },
                    "speaker": _actor(row["speaker_id"], row["speaker__name"], row["speaker__kind"]),
                    **{name: row[name] for name in ("exact", "prefix", "suffix", "stance", "comparator")},
                    "value": _decimal(row["value"]),
                    "value_upper": _decimal(row["value_upper"]),
                    "time_start": _when(row["time_start"]),
                    "time_end": _when(row["time_end"]),
                    "time_label": row["time_label"],
                    "start": row["start"],
                    "end": row["end"],
                    "is_verified": row["is_verified"],
                }
            )
        by_conflict: dict[int, dict] = {}
        rows = Conflict.objects.filter(claim_id=claim["id"]).order_by("-opened_at", "pk", "quotes__pk")
        for row in rows.values(
            "id", "kind", "status", "detected", "note", "opened_at", "resolved_at", "quotes"
        ):
            conflict = by_conflict.setdefault(
                row["id"],
                {
                    **{name: row[name] for name in ("id", "kind", "status", "detected", "note")},
                    "opened_at": _when(row["opened_at"]),
                    "resolved_at": _when(row["resolved_at"]),
                    "quotes": [],
                },
            )
            if row["quotes"] is not None:
                conflict["quotes"].append(row["quotes"])
        conflicts = list(by_conflict.values())
    corrections = [
        {
            "kind": row["kind"],
            "note": row["note"],
            "published_at": _when(row["published_at"]),
            "changes": [
                {key: str(change[key]) for key in ("field", "label", "old", "new")}
                for change in (row["changes"] if not retracted else [])
            ],
        }
        for row in Correction.objects.filter(claim_id=claim["id"])
        .order_by("published_at", "pk")
        .values("kind", "note", "published_at", "changes")
    ]
    data = {
        "slug": slug,
        "api_url": request.build_absolute_uri(reverse("api:claim-detail", args=[slug])),
        "html_url": request.build_absolute_uri(path),
        "text": claim["text"],
        "status": claim["status"],
        "verdict": claim["verdict"],
        "verdict_label": Verdict(claim["verdict"]).label if claim["verdict"] else "",
        "contested": claim["contested"],
        "published_at": _when(claim["published_at"]),
        "reviewed_on": _when(claim["reviewed_on"]),
        "updated_at": _when(claim["updated_at"]),
        "explanation": claim["explanation"],
        "review_rating": (
            {key: value for key, value in review_rating(claim["verdict"]).items() if key != "@type"}
            if claim["verdict"]
            else None
        ),
        "quantity": {
            "comparator": claim["comparator"],
            "value": _decimal(claim["value"]),
            "value_upper": _decimal(claim["value_upper"]),
            "unit": claim["unit"],
            "display": describe(claim["comparator"], claim["value"], claim["value_upper"], claim["unit"]),
        },
        "time_start": _when(claim["time_start"]),
        "time_end": _when(claim["time_end"]),
        "time_label": claim["time_label"],
        "place": claim["place"],
        "version": claim["version"],
        "quotes": quotes,
        "conflicts": conflicts,
        "corrections": corrections,
        "external_reviews": external_reviews(claim["id"]),
    }
    return HttpResponse(JSONRenderer().render(data), content_type="application/json")


def external_reviews(claim_id: int) -> list[dict]:
    reviews = list(ExternalReview.objects.filter(claim_id=claim_id).select_related("reviewer", "claimant"))
    if not reviews:
        return []
    appearances: dict[int, list[str]] = {}
    through = ExternalReview.appearances.through.objects.filter(externalreview__claim_id=claim_id)
    for review_id, url in through.values_list("externalreview_id", "source__url"):
        appearances.setdefault(review_id, []).append(url)
    return [
        {
            "reviewer": _actor(review.reviewer_id, review.reviewer.name, review.reviewer.kind),
            "url": review.url,
            "title": review.title,
            "rating_label": review.rating_label,
            "verdict": review.verdict,
            "verdict_label": review.get_verdict_display() if review.verdict else "unmapped",
            "rating_value": _decimal(review.rating_value),
            "best_rating": _decimal(review.best_rating),
            "worst_rating": _decimal(review.worst_rating),
            "reviewed_on": _when(review.reviewed_on),
            "language": review.language,
            "claimant": review.claimant
            and _actor(review.claimant_id, review.claimant.name, review.claimant.kind),
            "claimed_on": _when(review.claimed_on),
            "appearances": appearances.get(review.pk, []),
        }
        for review in reviews
    ]
