"""A source's own words about a claim, anchored in the source's text."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.models.claim import Claim
from claims.models.fields import PeriodFields, QuantityFields, period_constraints, quantity_constraints
from claims.quantities import describe
from sources.anchoring import find_quote
from sources.models import Actor, Source


def quoted(words: str) -> str:
    """Words in quotation marks, cut to a line: how a quote is named in lists and messages."""
    return f"“{words if len(words) <= 80 else f'{words[:77]}…'}”"


class QuoteQuerySet(models.QuerySet):
    def unverified(self) -> "QuoteQuerySet":
        return self.filter(is_verified=False)

    def with_sources(self, *, with_text: bool = False) -> "QuoteQuerySet":
        """Quotes with their source, its publisher and the speaker loaded; the source's long text only
        when the quote is shown in its context."""
        quotes = self.select_related("source__publisher", "speaker")
        return quotes if with_text else quotes.defer("source__text")

    def in_reading_order(self) -> "QuoteQuerySet":
        """The oldest source first: how a claim page and ClaimReview list a claim's appearances."""
        return self.order_by("source__published_on", "pk")

    def reanchor(self) -> set[int]:
        """Anchor each quote again in its source's current text; return the ids of claims whose quotes moved."""
        moved = set()
        for quote in self.select_related("source"):
            before = (quote.is_verified, quote.start, quote.end)
            quote.anchor()
            if (quote.is_verified, quote.start, quote.end) != before:
                quote.save(update_fields=[])
                moved.add(quote.claim_id)
        return moved


class QuoteStance(models.TextChoices):
    SUPPORTS = "supports", "supports"
    DISPUTES = "disputes", "disputes"
    QUALIFIES = "qualifies", "qualifies"
    MENTIONS = "mentions", "mentions"


class Quote(QuantityFields, PeriodFields):
    """A source's own words about a claim, anchored in the source's captured text."""

    Stance = QuoteStance
    # What editors set by hand, in the admin and the API.
    EDITOR_FIELDS = (
        "claim",
        "source",
        "speaker",
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
    )
    # What anchor() writes: the words as the source has them, and where they are.
    ANCHOR_FIELDS = ("exact", "prefix", "suffix", "start", "end", "is_verified")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="quotes")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="quotes")
    exact = models.TextField("exact words", help_text="Copied from the source; anchored in its text on save.")
    prefix = models.CharField(
        max_length=200, blank=True, help_text="A few words just before, to tell repeats apart."
    )
    suffix = models.CharField(max_length=200, blank=True, help_text="A few words just after.")
    start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    is_verified = models.BooleanField(
        "found in source",
        default=False,
        editable=False,
        help_text="Whether the exact words were found in the source's captured text.",
    )
    speaker = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="Who said it.",
    )
    stance = models.CharField(max_length=16, choices=Stance.choices, default=Stance.SUPPORTS)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = QuoteQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["source__published_on", "pk"]
        constraints = [
            *quantity_constraints("quote"),
            *period_constraints("quote"),
            models.CheckConstraint(condition=~Q(exact=""), name="quote_exact_not_empty"),
            models.CheckConstraint(condition=Q(stance__in=QuoteStance.values), name="quote_stance_valid"),
            models.CheckConstraint(
                condition=Q(is_verified=True, start__isnull=False, end__isnull=False, end__gt=F("start"))
                | Q(is_verified=False, start__isnull=True, end__isnull=True),
                name="quote_verified_has_offsets",
            ),
        ]
        indexes = [
            # Claims with unverified quotes (with_flags(), the changelist's filter): a few rows, not all quotes.
            models.Index(fields=["claim"], condition=Q(is_verified=False), name="quote_unverified_idx"),
        ]

    def __str__(self) -> str:
        return quoted(self.exact)

    def save(self, *args, **kwargs) -> None:
        self.anchor()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.ANCHOR_FIELDS}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {**self.clean_quantity(), **self.clean_period()}
        if self.source_id and not self.source.has_text:
            errors["source"] = "This source has no captured text to quote from. Capture its text first."
        if errors:
            raise ValidationError(errors)

    def anchor(self) -> None:
        """Find the exact words in the source's text; unfound words stay, flagged unverified."""
        found = find_quote(
            self.source.text, self.exact, prefix=self.prefix, suffix=self.suffix, hint=self.start
        )
        if found is None:
            self.is_verified, self.start, self.end = False, None, None
            return
        self.is_verified = True
        self.exact, self.prefix, self.suffix = found.exact, found.prefix, found.suffix
        self.start, self.end = found.start, found.end

    @property
    def value_display(self) -> str:
        return describe(self.comparator, self.value, self.value_upper, self.claim.unit)

    @property
    def said_by(self) -> str:
        """Whose account this is, for a caption: the speaker, else the source's publisher."""
        if self.speaker_id:
            return self.speaker.name
        return self.source.publisher.name if self.source.publisher_id else "the source"

    def in_context(self, width: int = 160) -> tuple[str, str, str]:
        """The words around the quote in its source, cut at word boundaries: (before, exact, after)."""
        if not self.is_verified:
            return "", self.exact, ""
        text = self.source.text
        before, after = text[max(0, self.start - width) : self.start], text[self.end : self.end + width]
        if self.start > width:
            before = "…" + before.split(" ", 1)[-1]
        if self.end + width < len(text):
            after = after.rsplit(" ", 1)[0] + "…"
        return before, text[self.start : self.end], after

    @property
    def effective_period(self) -> tuple:
        """The time this account speaks of: its own, else the claim's."""
        return self.period if self.time_start else self.claim.period
