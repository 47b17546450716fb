"""Other fact-checkers' reviews of our claims, imported from their ClaimReview."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.models.claim import Claim
from claims.verdicts import Verdict
from sources.models import Actor, Source


class ExternalReview(models.Model):
    """Another fact-checker's published review of a claim, imported from its ClaimReview.

    It stands beside our own verdict and never replaces it. The reviewer's label is kept as
    written; `verdict` is its place on our scale, empty while the label is unmapped. The rating_*
    fields mirror ClaimReview's reviewRating as the reviewer published it.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="external_reviews")
    reviewer = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="external_reviews",
        help_text="The fact-checking organisation (ClaimReview author).",
    )
    url = models.URLField("review URL", max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    claim_reviewed = models.TextField(
        "claim as reviewed",
        blank=True,
        help_text="The claim in the reviewer's words, whole: a whole viral post is shortened for the claim.",
    )
    rating_label = models.CharField(
        "rating as written", max_length=500, help_text="The reviewer's own label, verbatim."
    )
    verdict = models.CharField(
        "on our scale",
        max_length=16,
        choices=Verdict.choices,
        blank=True,
        help_text="Empty while the label is unmapped.",
    )
    rating_value = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    best_rating = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    worst_rating = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    reviewed_on = models.DateField("review date", null=True, blank=True)
    language = models.CharField(max_length=35, blank=True, help_text="BCP 47 tag, when the record gives one.")
    claimant = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_claims",
        help_text="Who made the claim, as the reviewer names them.",
    )
    claimed_on = models.DateField("claim date", null=True, blank=True)
    appearances = models.ManyToManyField(Source, blank=True, related_name="external_reviews")
    first_appearance = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The review's identity across imports: its URL, or a digest of what it says when it has none.
    # Its unique index also serves re-importing a feed: is this review already recorded?
    key = models.CharField(max_length=2100, editable=False)
    imported_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords(m2m_fields=[appearances])

    class Meta:
        ordering = ["-reviewed_on", "pk"]
        constraints = [
            # One record per review, on whichever claim: two imports meeting it at once cannot both
            # record it (the second waits for the first, fails, and finds it on its retry).
            models.UniqueConstraint(fields=["key"], name="externalreview_key_unique"),
            models.CheckConstraint(condition=~Q(key=""), name="externalreview_key_not_empty"),
            models.CheckConstraint(condition=~Q(rating_label=""), name="externalreview_label_not_empty"),
            models.CheckConstraint(
                condition=Q(verdict="") | Q(verdict__in=Verdict.values), name="externalreview_verdict_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.rating_label}"

    @property
    def is_mapped(self) -> bool:
        return bool(self.verdict)
