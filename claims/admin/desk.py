"""The reviewer's desk on the admin home: what waits for an editor or a reviewer, newest first.

Each queue is built by one function of QUEUES from the signed-in user; a new queue is one more
function there (it returns None when the user may not see what it lists).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.text import Truncator

from claims.models import CitationSuggestion, Claim, Conflict, ExternalReview, QuoteSuggestion, ReviewFlag
from sources.models import Source, SourceWatch

SHOWN = 5  # the newest rows of each queue; its count and link lead to the rest
LABEL_CHARS = 90


@dataclass(frozen=True)
class Item:
    label: str
    url: str
    when: datetime | None
    detail: str = ""


@dataclass(frozen=True)
class Queue:
    """One kind of work waiting: how many, where to find them all, and the newest few."""

    key: str
    title: str
    count: int
    url: str
    items: list[Item] = field(default_factory=list)
    empty: str = "Nothing waits."


def _changelist(model, **query) -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(query)}" if query else url


def _change(model, pk) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])


def _short(text: str) -> str:
    return Truncator(text).chars(LABEL_CHARS)


def _may_view(user: AbstractBaseUser, model) -> bool:
    return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")


def claims_in_review(user: AbstractBaseUser) -> Queue | None:
    if not _may_view(user, Claim):
        return None
    waiting = Claim.objects.filter(status=Claim.Status.IN_REVIEW)
    newest = waiting.only("pk", "text", "updated_at").order_by("-updated_at", "-pk")[:SHOWN]
    return Queue(
        key="in_review",
        title="Claims in review",
        count=waiting.count(),
        url=_changelist(Claim, status__exact=Claim.Status.IN_REVIEW),
        items=[Item(_short(c.text), _change(Claim, c.pk), c.updated_at, "submitted") for c in newest],
        empty="No claim waits for a reviewer.",
    )


def _pending_per_source(model):
    """The number of `model`'s pending suggestions of the outer source."""
    counts = (
        model.objects.pending()
        .filter(source=OuterRef("pk"))
        .order_by()
        .values("source")
        .annotate(n=Count("pk"), newest=Max("created_at"))
    )
    return Coalesce(Subquery(counts.values("n")), 0), Subquery(counts.values("newest"))


def pending_suggestions(user: AbstractBaseUser) -> Queue | None:
    if not (_may_view(user, QuoteSuggestion) and _may_view(user, CitationSuggestion)):
        return None
    quotes, quotes_newest = _pending_per_source(QuoteSuggestion)
    citations, citations_newest = _pending_per_source(CitationSuggestion)
    sources = (
        # One list of the sources with pending suggestions (a UNION): an OR of two IN subqueries would
        # test every source of the archive against both.
        Source.objects.filter(
            pk__in=QuoteSuggestion.objects.pending()
            .order_by()
            .values("source")
            .union(CitationSuggestion.objects.pending().order_by().values("source"))
        )
        .annotate(
            pending_quotes=quotes,
            pending_citations=citations,
            # Greatest() is NULL on SQLite when either is; the Coalesce keeps the other.
            newest=Greatest(
                Coalesce(quotes_newest, citations_newest), Coalesce(citations_newest, quotes_newest)
            ),
        )
        .only("pk", "title")
        .order_by("-newest", "-pk")[:SHOWN]
    )
    items = []
    for source in sources:
        parts = []
        if source.pending_quotes:
            parts.append(f"{source.pending_quotes} quote{'s' if source.pending_quotes != 1 else ''}")
        if source.pending_citations:
            parts.append(f"{source.pending_citations} citation{'s' if source.pending_citations != 1 else ''}")
        # The quotes first when there are any: the numbers are what claims are made of.
        model = QuoteSuggestion if source.pending_quotes else CitationSuggestion
        url = _changelist(model, status__exact="pending", source=source.pk)
        items.append(Item(_short(source.title), url, source.newest, " and ".join(parts)))
    total = QuoteSuggestion.objects.pending().count() + CitationSuggestion.objects.pending().count()
    return Queue(
        key="suggestions",
        title="Pending suggestions, by source",
        count=total,
        url=_changelist(QuoteSuggestion, status__exact="pending"),
        items=items,
        empty="Every suggestion has been decided.",
    )


def open_conflicts(user: AbstractBaseUser) -> Queue | None:
    if not _may_view(user, Conflict):
        return None
    waiting = Conflict.objects.open()
    newest = waiting.select_related("claim").only("pk", "kind", "opened_at", "claim__text")
    newest = newest.order_by("-opened_at", "-pk")[:SHOWN]
    return Queue(
        key="conflicts",
        title="Open conflicts",
        count=waiting.count(),
        url=_changelist(Conflict, status__exact=Conflict.Status.OPEN),
        items=[
            Item(_short(c.claim.text), _change(Conflict, c.pk), c.opened_at, c.get_kind_display())
            for c in newest
        ],
        empty="No conflict is open.",
    )


def review_flags(user: AbstractBaseUser) -> Queue | None:
    if not _may_view(user, Claim):
        return None
    flagged = ReviewFlag.objects.open().order_by().values("claim")
    newest = flagged.annotate(flags=Count("pk"), raised=Max("raised_at"), text=Max("claim__text"))
    newest = newest.order_by("-raised", "-claim")[:SHOWN]
    return Queue(
        key="review_flags",
        title="Claims flagged for re-review",
        count=flagged.distinct().count(),
        url=_changelist(Claim, needs_review="yes"),
        items=[
            Item(
                _short(row["text"]),
                _change(Claim, row["claim"]),
                row["raised"],
                f"{row['flags']} flag{'s' if row['flags'] != 1 else ''}",
            )
            for row in newest
        ],
        empty="No source a claim relies on has changed.",
    )


def unmapped_labels(user: AbstractBaseUser) -> Queue | None:
    if not _may_view(user, ExternalReview):
        return None
    unmapped = ExternalReview.objects.filter(verdict="")
    labels = (
        unmapped.order_by()
        .values("rating_label")
        .annotate(reviews=Count("pk"), newest=Max("imported_at"))
        .order_by("-newest", "rating_label")[:SHOWN]
    )
    return Queue(
        key="unmapped_labels",
        title="Other fact-checkers' labels not on our scale",
        count=unmapped.count(),
        url=_changelist(ExternalReview, mapped="no"),
        items=[
            Item(
                _short(row["rating_label"]),
                _changelist(ExternalReview, mapped="no", q=row["rating_label"]),
                row["newest"],
                f"{row['reviews']} review{'s' if row['reviews'] != 1 else ''}",
            )
            for row in labels
        ],
        empty="Every imported label is placed on our scale.",
    )


def changed_since_captured(user: AbstractBaseUser) -> Queue | None:
    """Watched pages that changed, were removed or redirect elsewhere since an editor last looked;
    each leads to its word diff and the quotes it affects (claims/admin/watch.py)."""
    if not _may_view(user, SourceWatch):
        return None
    waiting = SourceWatch.objects.unreviewed()
    newest = waiting.select_related("source").only("pk", "state", "noticed_at", "changed_at", "source__title")
    url = _changelist(SourceWatch)
    return Queue(
        key="changed_since_captured",
        title="Changed since captured",
        count=waiting.count(),
        url=url,
        items=[
            Item(
                _short(watch.source.title),
                f"{url}#watch-{watch.pk}",
                watch.noticed_at,
                watch.finding,
            )
            for watch in newest.order_by("-noticed_at", "-pk")[:SHOWN]
        ],
        empty="No watched page changed since an editor last looked.",
    )


QUEUES: list[Callable[[AbstractBaseUser], Queue | None]] = [
    claims_in_review,
    pending_suggestions,
    open_conflicts,
    review_flags,
    changed_since_captured,
    unmapped_labels,
]


def desk_queues(user: AbstractBaseUser) -> list[Queue]:
    """The queues of the reviewer's desk that this user may see, in QUEUES' order."""
    return [queue for build in QUEUES if (queue := build(user)) is not None]
