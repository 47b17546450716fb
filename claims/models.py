from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from claims.quantities import Comparator, Interval, describe, interval
from claims.ratings import RATING_VALUES, Rating
from sources.anchoring import find_quote
from sources.models import Actor, ActorKind, Citation, CitationRelation, Source


class StaleEditError(Exception):
    """Raised when a save is based on a copy that someone else has changed since."""


def quantity_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(comparator="", value__isnull=True, value_upper__isnull=True)
            | Q(comparator__in=Comparator.values, value__isnull=False),
            name=f"{prefix}_value_needs_comparator",
        ),
        models.CheckConstraint(
            condition=Q(comparator=Comparator.RANGE, value_upper__isnull=False, value_upper__gte=F("value"))
            | (~Q(comparator=Comparator.RANGE) & Q(value_upper__isnull=True)),
            name=f"{prefix}_range_bounds_ordered",
        ),
    ]


def period_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(time_start__isnull=True, time_end__isnull=True)
            | Q(time_start__isnull=False, time_end__isnull=False, time_end__gte=F("time_start")),
            name=f"{prefix}_period_ordered",
        ),
    ]


class QuantityFields(models.Model):
    comparator = models.CharField(max_length=16, choices=Comparator.choices, blank=True)
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    value_upper = models.DecimalField(
        "upper bound",
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Only for a range: the largest value.",
    )

    class Meta:
        abstract = True

    def clean_quantity(self) -> dict[str, str]:
        errors = {}
        if self.value is not None and not self.comparator:
            errors["comparator"] = "Say how the value is meant: exactly, approximately, at least…"
        if self.comparator and self.value is None:
            errors["value"] = "Enter the value, or clear the comparator."
        if self.comparator == Comparator.RANGE:
            if self.value_upper is None:
                errors["value_upper"] = "A range needs an upper bound."
            elif self.value is not None and self.value_upper < self.value:
                errors["value_upper"] = "The upper bound must not be below the lower bound."
        elif self.value_upper is not None:
            errors["value_upper"] = "Only a range has an upper bound."
        return errors

    @property
    def quantity_fields(self) -> dict:
        """The value as field values, to give another record with a quantity the same one."""
        return {"comparator": self.comparator, "value": self.value, "value_upper": self.value_upper}

    @property
    def interval(self) -> Interval | None:
        if self.value is None or not self.comparator:
            return None
        return interval(self.comparator, self.value, self.value_upper)


class PeriodFields(models.Model):
    time_start = models.DateField(
        "from", null=True, blank=True, help_text="First day of the time the fact refers to."
    )
    time_end = models.DateField(
        "until", null=True, blank=True, help_text="Last day; the same day for a single date."
    )
    time_label = models.CharField(
        "time as written", max_length=100, blank=True, help_text='For example "March 2022".'
    )

    class Meta:
        abstract = True

    def clean_period(self) -> dict[str, str]:
        if self.time_start and self.time_end and self.time_end < self.time_start:
            return {"time_end": "The period cannot end before it starts."}
        if bool(self.time_start) != bool(self.time_end):
            return {"time_end" if self.time_start else "time_start": "Give both ends of the period."}
        return {}

    @property
    def period_fields(self) -> dict:
        """The period as field values, to give another record with a period the same one."""
        return {"time_start": self.time_start, "time_end": self.time_end, "time_label": self.time_label}

    @property
    def period(self) -> tuple:
        return (self.time_start, self.time_end)


class ClaimQuerySet(models.QuerySet):
    def published(self) -> "ClaimQuerySet":
        """Claims readers find in listings, search, feeds and exports: published or corrected."""
        return self.filter(status__in=Claim.PUBLIC_STATUSES)

    def with_pages(self) -> "ClaimQuerySet":
        """Claims with a public page: the published ones, and retracted ones showing their notice."""
        return self.filter(status__in=(*Claim.PUBLIC_STATUSES, Claim.Status.RETRACTED))

    def with_flags(self) -> "ClaimQuerySet":
        """Annotate `contested` (an open conflict), `has_unverified` (a quote not found) and `needs_review`."""
        return self.annotate(
            contested=Exists(Conflict.objects.filter(claim=OuterRef("pk"), status=Conflict.Status.OPEN)),
            has_unverified=Exists(Quote.objects.filter(claim=OuterRef("pk"), is_verified=False)),
            needs_review=Exists(ReviewFlag.objects.filter(claim=OuterRef("pk"), cleared_at__isnull=True)),
        )

    def with_quote_count(self) -> "ClaimQuerySet":
        """Annotate `quote_count`, a subquery per row: counting the claims then needs no quote at all."""
        quotes = Quote.objects.filter(claim=OuterRef("pk")).order_by().values("claim").annotate(n=Count("pk"))
        return self.annotate(quote_count=Coalesce(Subquery(quotes.values("n")), 0))


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    CORRECTED = "corrected", "Corrected"
    RETRACTED = "retracted", "Retracted"


class Claim(QuantityFields, PeriodFields):
    Status = ClaimStatus

    PUBLIC_STATUSES = (Status.PUBLISHED, Status.CORRECTED)
    # What editors set by hand, in the admin and the API; the rest follows from the workflow.
    EDITOR_FIELDS = (
        "text",
        "slug",
        "comparator",
        "value",
        "value_upper",
        "unit",
        "time_start",
        "time_end",
        "time_label",
        "place",
        "rating",
        "explanation",
    )
    EDITABLE_STATUSES = (Status.DRAFT, Status.IN_REVIEW)

    text = models.CharField(
        "claim",
        max_length=500,
        help_text="The proposition checked, in one canonical sentence.",
    )
    slug = models.SlugField(
        max_length=120, unique=True, blank=True, help_text="Made from the claim when left empty."
    )
    unit = models.CharField(
        max_length=100, blank=True, help_text='What is counted, e.g. "intelligence officers".'
    )
    place = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    rating = models.CharField("verdict", max_length=16, choices=Rating.choices, blank=True)
    explanation = models.TextField(blank=True, help_text="Why the verdict is what it is, for readers.")
    reviewed_on = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        editable=False,
        help_text="When the verdict was last published.",
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-updated_at"]
        permissions = [("publish_claim", "Can publish, correct and retract claims")]
        constraints = [
            *quantity_constraints("claim"),
            *period_constraints("claim"),
            models.CheckConstraint(condition=~Q(text=""), name="claim_text_not_empty"),
            models.CheckConstraint(condition=~Q(slug=""), name="claim_slug_not_empty"),
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"),
            models.CheckConstraint(
                condition=Q(rating="") | Q(rating__in=Rating.values), name="claim_rating_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[ClaimStatus.DRAFT, ClaimStatus.IN_REVIEW])
                | (~Q(rating="") & Q(published_at__isnull=False, reviewed_on__isnull=False)),
                name="claim_published_has_verdict",
            ),
        ]
        indexes = [
            # The reviewer's changelist, filtered by status and newest first.
            models.Index(fields=["status", "-updated_at"], name="claim_status_updated_idx"),
            # The home page's published claims, the latest first: a page without sorting them all.
            models.Index(
                fields=["-published_at"],
                condition=Q(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.CORRECTED]),
                name="claim_public_published_idx",
            ),
            # The Atom feed: the latest reviewed first.
            models.Index(
                fields=["-reviewed_on", "-published_at"],
                condition=Q(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.CORRECTED]),
                name="claim_public_reviewed_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        if self._state.adding:
            super().save(*args, **kwargs)
            return
        # Optimistic locking: only the copy carrying the current version may save.
        with transaction.atomic(using=kwargs.get("using")):
            bumped = Claim.objects.filter(pk=self.pk, version=self.version).update(version=F("version") + 1)
            if not bumped:
                raise StaleEditError(
                    "Someone else changed this claim since you opened it. "
                    "Reload it to see their changes, then make yours again."
                )
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version", "updated_at"}
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("claim-detail", args=[self.slug])

    def clean(self) -> None:
        if not self.slug and self.text.strip():
            self.slug = self._unique_slug()
        errors = {**self.clean_quantity(), **self.clean_period()}
        if self.unit and self.value is None:
            errors["unit"] = "A unit needs a value."
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def quantity_display(self) -> str:
        return describe(self.comparator, self.value, self.value_upper, self.unit)

    @property
    def rating_value(self) -> int | None:
        return RATING_VALUES.get(self.rating)

    def _unique_slug(self) -> str:
        base = slugify(self.text)[:100].strip("-") or "claim"
        slug, suffix = base, 2
        while Claim.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    RETRACTION = "retraction", "Retraction"


class Correction(models.Model):
    """A dated public note that explains a correction or a retraction."""

    Kind = CorrectionKind

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    note = models.TextField(help_text="Shown to readers beside the claim.")
    published_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["published_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=CorrectionKind.values), name="correction_kind_valid"),
            models.CheckConstraint(condition=~Q(note=""), name="correction_note_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.published_at:%Y-%m-%d}"


def quoted(words: str) -> str:
    """Words in quotation marks, cut to a line: how a quote is named in lists and messages."""
    return f"“{words if len(words) <= 80 else f'{words[:77]}…'}”"


class QuoteQuerySet(models.QuerySet):
    def unverified(self) -> "QuoteQuerySet":
        return self.filter(is_verified=False)

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


class ConflictQuerySet(models.QuerySet):
    def open(self) -> "ConflictQuerySet":
        return self.filter(status=Conflict.Status.OPEN)


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
            # The "contested" flag and filter: the open conflicts only.
            models.Index(fields=["claim"], condition=Q(status=ConflictStatus.OPEN), name="conflict_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on “{self.claim}”"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


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


class ExternalReview(models.Model):
    """Another fact-checker's published review of a claim, imported from its ClaimReview.

    It stands beside our own verdict and never replaces it. The rating label is kept as the
    reviewer wrote it; `rating` is its place on our scale, empty while the label is unmapped.
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
    rating_label = models.CharField(
        "rating as written", max_length=500, help_text="The reviewer's own label, verbatim."
    )
    rating = models.CharField(
        "on our scale",
        max_length=16,
        choices=Rating.choices,
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
    key = models.CharField(max_length=2100, editable=False)
    imported_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords(m2m_fields=[appearances])

    class Meta:
        ordering = ["-reviewed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "key"], name="externalreview_claim_key_unique"),
            models.CheckConstraint(condition=~Q(key=""), name="externalreview_key_not_empty"),
            models.CheckConstraint(condition=~Q(rating_label=""), name="externalreview_label_not_empty"),
            models.CheckConstraint(
                condition=Q(rating="") | Q(rating__in=Rating.values), name="externalreview_rating_valid"
            ),
        ]
        indexes = [
            # Re-importing a feed: is this review already recorded, on whichever claim?
            models.Index(fields=["key"], name="externalreview_key_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.rating_label}"

    @property
    def is_mapped(self) -> bool:
        return bool(self.rating)


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class SuggestionQuerySet(models.QuerySet):
    def pending(self) -> "SuggestionQuerySet":
        return self.filter(status=SuggestionStatus.PENDING)


class Suggestion(models.Model):
    """What the ingester proposes an editor record from a source; the editor accepts or rejects it.

    `key` names what is proposed independently of where it sits in the text, so that ingesting the
    text again proposes nothing already pending, accepted or rejected.
    """

    Status = SuggestionStatus

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    start = models.PositiveIntegerField(help_text="Where the words start in the source's text.")
    end = models.PositiveIntegerField()
    key = models.CharField(max_length=300, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["source", "start", "pk"]

    @property
    def is_pending(self) -> bool:
        return self.status == SuggestionStatus.PENDING


def suggestion_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.UniqueConstraint(fields=["source", "key"], name=f"{prefix}_source_key_unique"),
        models.CheckConstraint(
            condition=Q(status__in=SuggestionStatus.values), name=f"{prefix}_status_valid"
        ),
        models.CheckConstraint(condition=Q(end__gt=F("start")), name=f"{prefix}_span_ordered"),
        models.CheckConstraint(
            condition=Q(status=SuggestionStatus.PENDING, decided_at__isnull=True)
            | (~Q(status=SuggestionStatus.PENDING) & Q(decided_at__isnull=False)),
            name=f"{prefix}_decided_has_date",
        ),
    ]


class CitationSuggestion(Suggestion):
    """A proposed citation: the source names someone it relies on ("NOS reported")."""

    span_text = models.CharField("words that say so", max_length=1000)
    cited_name = models.CharField("named as", max_length=200, help_text="The name as the text gives it.")
    relation = models.CharField(
        max_length=16, choices=CitationRelation.choices, default=CitationRelation.REPORTS
    )
    cited_actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The recorded actor the name was matched to.",
    )
    cited_source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The recorded document relied on, when one of the actor's fits.",
    )
    match_score = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="How alike the names are, 0–100."
    )
    new_actor_name = models.CharField(
        "new actor",
        max_length=200,
        help_text="The actor to create on accepting, when no recorded actor or document is chosen.",
    )
    new_actor_kind = models.CharField(max_length=24, choices=ActorKind.choices)
    new_actor_aliases = models.JSONField(default=list, blank=True, help_text="Other spellings in the text.")
    citation = models.ForeignKey(
        Citation, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta(Suggestion.Meta):
        verbose_name = "suggested citation"
        constraints = [
            *suggestion_constraints("citationsuggestion"),
            models.CheckConstraint(
                condition=Q(relation__in=CitationRelation.values), name="citationsuggestion_relation_valid"
            ),
            # Kept even when a recorded actor was matched, so the suggestion stands if that actor is deleted.
            models.CheckConstraint(
                condition=~Q(new_actor_name=""), name="citationsuggestion_new_actor_named"
            ),
            models.CheckConstraint(
                condition=Q(new_actor_kind__in=ActorKind.values), name="citationsuggestion_kind_valid"
            ),
        ]
        indexes = [
            # The pending suggestions of one source, on its admin page and when it is ingested again.
            models.Index(fields=["source", "status"], name="citationsugg_source_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.relation} {self.cited_label}"

    def clean(self) -> None:
        if self.cited_source_id and self.cited_source_id == self.source_id:
            raise ValidationError({"cited_source": "A source cannot cite itself."})

    @property
    def cited_label(self) -> str:
        return str(self.cited_source or self.cited_actor or self.new_actor_name)


class QuoteSuggestion(QuantityFields, PeriodFields, Suggestion):
    """A proposed quote: words of the source that assert a number, for an existing or a new claim."""

    exact = models.TextField("exact words")
    number_text = models.CharField("number as written", max_length=100)
    counted = models.CharField(max_length=200, blank=True, help_text='What is counted: "Russian diplomats".')
    stance = models.CharField(max_length=16, choices=QuoteStance.choices, default=QuoteStance.SUPPORTS)
    speaker = models.ForeignKey(Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    speaker_name = models.CharField(
        max_length=200, blank=True, help_text="Who the text attributes the words to, when not yet an actor."
    )
    speaker_kind = models.CharField(max_length=24, choices=ActorKind.choices, blank=True)
    claim = models.ForeignKey(
        Claim,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The existing claim these words are about; leave empty to create the claim below.",
    )
    claim_text = models.CharField(
        "new claim",
        max_length=500,
        help_text="The claim to create on accepting, when no existing claim is chosen.",
    )
    similarity = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="How alike the words and the claim are, 0–100."
    )
    # The event the number counts, as claims/statements.Frame: "expel|netherlands|russian".
    frame = models.CharField(max_length=200, blank=True, editable=False)
    quote = models.ForeignKey(
        Quote, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta(Suggestion.Meta):
        verbose_name = "suggested quote"
        constraints = [
            *suggestion_constraints("quotesuggestion"),
            *quantity_constraints("quotesuggestion"),
            *period_constraints("quotesuggestion"),
            models.CheckConstraint(condition=~Q(exact=""), name="quotesuggestion_exact_not_empty"),
            models.CheckConstraint(
                condition=Q(stance__in=QuoteStance.values), name="quotesuggestion_stance_valid"
            ),
            # Kept even when an existing claim was matched, so the suggestion stands if that claim is deleted.
            models.CheckConstraint(condition=~Q(claim_text=""), name="quotesuggestion_claim_text_not_empty"),
            models.CheckConstraint(
                condition=Q(speaker_kind="") | Q(speaker_kind__in=ActorKind.values),
                name="quotesuggestion_kind_valid",
            ),
        ]
        indexes = [
            # The pending suggestions of one source, on its admin page and when it is ingested again.
            models.Index(fields=["source", "status"], name="quotesugg_source_status_idx"),
        ]

    def __str__(self) -> str:
        return quoted(self.exact)

    def clean(self) -> None:
        errors = {**self.clean_quantity(), **self.clean_period()}
        if self.value is None:
            errors["value"] = "A suggested quote asserts a number: enter it."
        if errors:
            raise ValidationError(errors)

    @property
    def value_display(self) -> str:
        return describe(self.comparator, self.value, self.value_upper, self.counted)
