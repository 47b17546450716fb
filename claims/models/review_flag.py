"""Reasons to review a claim again after something it relies on changed."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.models.claim import Claim
from sources.diff import word_diff
from sources.models import Capture, Source


class ReviewFlagQuerySet(models.QuerySet):
    def open(self) -> "ReviewFlagQuerySet":
        return self.filter(cleared_at__isnull=True)


class ReviewFlag(models.Model):
    """A reason to review a claim again, raised when something it relies on changed."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="review_flags")
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The source that changed.",
    )
    reason = models.TextField()
    # Set when the source's text changed: the capture the claim was reviewed on, and the new one.
    previous_capture = models.ForeignKey(
        Capture, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    capture = models.ForeignKey(
        Capture, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    raised_at = models.DateTimeField(default=timezone.now)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReviewFlagQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="reviewflag_reason_not_empty"),
            models.CheckConstraint(
                condition=Q(cleared_at__isnull=True) | Q(cleared_at__gte=F("raised_at")),
                name="reviewflag_cleared_after_raised",
            ),
        ]
        indexes = [
            # The "needs re-review" flag and filter: the flags not yet cleared.
            models.Index(fields=["claim"], condition=Q(cleared_at__isnull=True), name="reviewflag_open_idx"),
        ]

    def __str__(self) -> str:
        return self.reason

    def word_diff(self) -> str:
        """The words removed and added between the two captures, when the flag is for a changed text."""
        if self.previous_capture is None or self.capture is None:
            return ""
        return word_diff(self.previous_capture.text, self.capture.text)
