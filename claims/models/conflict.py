"""Quotes on one claim whose accounts cannot all be true."""

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.models.claim import Claim
from claims.models.quote import Quote


class ConflictQuerySet(models.QuerySet):
    def open(self) -> "ConflictQuerySet":
        return self.filter(status=Conflict.Status.OPEN)

    def with_quote_count(self) -> "ConflictQuerySet":
        """Annotate `quote_count`, the competing accounts: a subquery per row, so a page never groups all."""
        links = Conflict.quotes.through.objects.filter(conflict=OuterRef("pk")).order_by().values("conflict")
        return self.annotate(quote_count=Coalesce(Subquery(links.annotate(n=Count("pk")).values("n")), 0))


class ConflictKind(models.TextChoices):
    VALUES = "values", "Values disagree"
    STANCE = "stance", "Support and dispute"
    OTHER = "other", "Other (raised by hand)"


class ConflictStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"
    EXPLAINED = "explained", "Explained"


class Conflict(models.Model):
    """Quotes on one claim whose accounts cannot all be true."""

    Kind = ConflictKind

    Status = ConflictStatus

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="conflicts")
    quotes = models.ManyToManyField(Quote, related_name="conflicts")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    detected = models.BooleanField(
        default=True, editable=False, help_text="Opened by conflict detection rather than by hand."
    )
    closed_by_detection = models.BooleanField(
        default=False, editable=False, help_text="Closed because the accounts stopped disagreeing."
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(blank=True, help_text="How the disagreement was resolved or why it is explained.")
    opened_at = models.DateTimeField(default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True, editable=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ConflictQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[quotes])

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ConflictKind.values), name="conflict_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=ConflictStatus.values), name="conflict_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="open", resolved_at__isnull=True)
                | (~Q(status="open") & Q(resolved_at__isnull=False) & ~Q(note="")),
                name="conflict_closed_has_note_and_date",
            ),
        ]
        indexes = [
            # The admin's list and the desk's open conflicts, newest first: a page read from the index,
            # not every conflict joined to its claim and sorted.
            models.Index(fields=["-opened_at", "-id"], name="conflict_opened_idx"),
            # The "contested" flag and filter: the open conflicts only.
            models.Index(fields=["claim"], condition=Q(status=ConflictStatus.OPEN), name="conflict_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on “{self.claim}”"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
