"""The claim checked, its workflow state and verdict, and the public notes that correct or retract it."""

from django.conf import settings
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections, models, transaction
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from claims.models.fields import PeriodFields, QuantityFields, period_constraints, quantity_constraints
from claims.quantities import describe
from claims.validator_cache import forget
from claims.verdicts import VERDICT_VALUES, Verdict


class StaleEditError(Exception):
    """Raised when a save is based on a copy that someone else has changed since."""


class ClaimQuerySet(models.QuerySet):
    def published(self) -> "ClaimQuerySet":
        """Claims readers find in listings, search, feeds and exports: published or corrected."""
        return self.filter(status__in=Claim.PUBLIC_STATUSES)

    def with_pages(self) -> "ClaimQuerySet":
        """Claims with a public page: the published ones, and retracted ones showing their notice."""
        return self.filter(status__in=(*Claim.PUBLIC_STATUSES, Claim.Status.RETRACTED))

    def prefetch_detail(self) -> "ClaimQuerySet":
        """Everything a claim's full record shows: quotes with sources and speakers, conflicts with
        their quotes, correction notes, and other fact-checkers' reviews with their appearances."""
        from claims.models.conflict import Conflict
        from claims.models.external_review import ExternalReview
        from claims.models.quote import Quote
        from sources.models import Source

        return self.prefetch_related(
            Prefetch("quotes", queryset=Quote.objects.with_sources().in_reading_order()),
            Prefetch(
                "conflicts",
                queryset=Conflict.objects.prefetch_related(Prefetch("quotes", Quote.objects.only("pk"))),
            ),
            "corrections",
            Prefetch(
                "external_reviews",
                queryset=ExternalReview.objects.select_related("reviewer", "claimant").prefetch_related(
                    Prefetch("appearances", queryset=Source.objects.only("pk", "url"))
                ),
            ),
        )

    def related_to(self, claim: "Claim") -> "ClaimQuerySet":
        """Other claims quoting the same sources, the most shared first."""
        return (
            self.exclude(pk=claim.pk)
            .filter(quotes__source__in=claim.quotes.values("source"))
            .annotate(shared=Count("quotes"))
            .order_by("-shared", "-published_at")
        )

    def with_contested(self) -> "ClaimQuerySet":
        """Annotate `contested` (an open conflict) alone: what a reader's record of the claim shows."""
        from claims.models.conflict import Conflict

        return self.annotate(
            contested=Exists(Conflict.objects.filter(claim=OuterRef("pk"), status=Conflict.Status.OPEN))
        )

    def with_flags(self) -> "ClaimQuerySet":
        """Annotate `contested` (an open conflict), `has_unverified` (a quote not found) and `needs_review`."""
        # The related models are defined on top of Claim, so they are looked up when the query is built.
        from claims.models.quote import Quote
        from claims.models.review_flag import ReviewFlag

        return self.with_contested().annotate(
            has_unverified=Exists(Quote.objects.filter(claim=OuterRef("pk"), is_verified=False)),
            needs_review=Exists(ReviewFlag.objects.filter(claim=OuterRef("pk"), cleared_at__isnull=True)),
        )

    def validators(self) -> "ClaimQuerySet":
        """Each claim's id with its validator: its version and when what its page shows last changed."""
        return self.values("id", "version", "changed_at")

    def latest_change(self) -> float:
        """When anything any of these claims' pages show last changed, as a timestamp (0 for none)."""
        latest = self.aggregate(latest=models.Max("changed_at"))["latest"]
        return latest.timestamp() if latest else 0.0

    def mark_changed(self) -> int:
        """Record that what these claims' pages show has changed: their validator and cache key move on,
        and what the shared cache kept for them is forgotten (claims/validator_cache.py)."""
        qs = self._chain()
        qs._for_write = True  # the primary, as update() would
        using = qs.db
        connection = connections[using]
        try:
            inner, params = qs.order_by().values("pk").query.get_compiler(using).as_sql()
        except EmptyResultSet:  # such as pk__in=[]: no claim to move
            return 0
        table, quote = self.model._meta.db_table, connection.ops.quote_name
        with connection.cursor() as cursor:
            # One statement that also names the claims it moved (RETURNING: PostgreSQL, SQLite >= 3.35).
            cursor.execute(
                f"UPDATE {quote(table)} SET {quote('changed_at')} = %s WHERE {quote('id')} IN ({inner}) "
                f"RETURNING {quote('slug')}",
                [connection.ops.adapt_datetimefield_value(timezone.now()), *params],
            )
            slugs = [slug for (slug,) in cursor.fetchall()]
        forget(slugs, using=using)
        return len(slugs)

    def with_quote_count(self) -> "ClaimQuerySet":
        """Annotate `quote_count`, a subquery per row: counting the claims then needs no quote at all."""
        from claims.models.quote import Quote

        quotes = Quote.objects.filter(claim=OuterRef("pk")).order_by().values("claim").annotate(n=Count("pk"))
        return self.annotate(quote_count=Coalesce(Subquery(quotes.values("n")), 0))

    def with_source_count(self) -> "ClaimQuerySet":
        """Annotate `source_count`: the distinct sources quoted, however many quotes each gives."""
        from claims.models.quote import Quote

        sources = (
            Quote.objects.filter(claim=OuterRef("pk"))
            .order_by()
            .values("claim")
            .annotate(n=Count("source", distinct=True))
        )
        return self.annotate(source_count=Coalesce(Subquery(sources.values("n")), 0))


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
        "verdict",
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
    verdict = models.CharField("verdict", max_length=16, choices=Verdict.choices, blank=True)
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
    changed_at = models.DateTimeField(
        default=timezone.now,
        db_default=Now(),
        editable=False,
        help_text="When anything its page shows last changed: the claim, its quotes, conflicts, notes, "
        "other fact-checkers' reviews, or the sources and actors behind them.",
    )

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "changed_at"])

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
                condition=Q(verdict="") | Q(verdict__in=Verdict.values), name="claim_verdict_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[ClaimStatus.DRAFT, ClaimStatus.IN_REVIEW])
                | (~Q(verdict="") & Q(published_at__isnull=False, reviewed_on__isnull=False)),
                name="claim_published_has_verdict",
            ),
        ]
        indexes = [
            # The changelist, newest change first: a page of 100 without sorting every claim.
            models.Index(fields=["-updated_at", "-id"], name="claim_updated_idx"),
            # The latest change of all (max(changed_at)): the validator of sitemaps and feeds.
            models.Index(fields=["-changed_at"], name="claim_changed_idx"),
            # The DataFeed file's validator (claimreview/feed_file.py feed_change()): the latest change to a
            # published claim and their number, both read from this index alone.
            models.Index(
                fields=["-changed_at"],
                condition=Q(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.CORRECTED]),
                name="claim_public_changed_idx",
            ),
            # The reviewer's changelist, filtered by status and newest first.
            models.Index(fields=["status", "-updated_at"], name="claim_status_updated_idx"),
            # The home page's published claims, the latest first: a page without sorting them all, its ids
            # read from the index alone at any depth (claims/paging.py); each search tier's order too.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.CORRECTED]),
                name="claim_public_published_idx",
            ),
            # The Atom feed: the latest reviewed first, retractions included.
            models.Index(
                fields=["-reviewed_on", "-published_at", "-id"],
                condition=Q(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.CORRECTED, ClaimStatus.RETRACTED]),
                name="claim_feed_reviewed_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @classmethod
    def from_db(cls, db, field_names, values):
        claim = super().from_db(db, field_names, values)
        # The address it was read under: a save under a new slug must forget what was kept for the old.
        claim.loaded_slug = claim.__dict__.get("slug")
        return claim

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        self.changed_at = timezone.now()
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
                kwargs["update_fields"] = {*kwargs["update_fields"], "version", "updated_at", "changed_at"}
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("claims:claim-detail", args=[self.slug])

    @property
    def validator(self) -> dict:
        """What ClaimQuerySet.validators() reads for this claim."""
        return {"id": self.pk, "version": self.version, "changed_at": self.changed_at}

    def clean(self) -> None:
        if not self.slug and self.text.strip():
            self.slug = self._unique_slug()
        errors = {**self.clean_quantity(), **self.clean_period()}
        if self.slug and FormerSlug.objects.filter(slug=self.slug).exclude(claim_id=self.pk).exists():
            errors["slug"] = (
                "Another claim had this address before; its old links lead there. Choose another."
            )
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
    def verdict_value(self) -> int | None:
        return VERDICT_VALUES.get(self.verdict)

    def _unique_slug(self) -> str:
        base = slugify(self.text)[:100].strip("-") or "claim"
        slug, suffix = base, 2
        while (
            Claim.objects.filter(slug=slug).exclude(pk=self.pk).exists()
            or FormerSlug.objects.filter(slug=slug).exclude(claim_id=self.pk).exists()
        ):
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug


class FormerSlug(models.Model):
    """An address a claim had before its slug changed; it answers with a permanent redirect for ever."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=120, unique=True)
    retired_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-retired_at"]
        constraints = [models.CheckConstraint(condition=~Q(slug=""), name="formerslug_slug_not_empty")]

    def __str__(self) -> str:
        return self.slug


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
    changes = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text='What the correction changed, as readers see it: [{"field", "label", "old", "new"}].',
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
