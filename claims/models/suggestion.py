"""What ingestion proposes an editor record: suggested citations and quotes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from claims.models.claim import Claim
from claims.models.fields import PeriodFields, QuantityFields, period_constraints, quantity_constraints
from claims.models.quote import Quote, QuoteStance, quoted
from claims.quantities import describe
from sources.models import Actor, ActorKind, Citation, CitationRelation, Source


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
    # The event the number counts (claims/ingestion/statements.Frame): "expel", by "netherlands", of "russian".
    event = models.CharField(max_length=40, blank=True, editable=False)
    event_agent = models.CharField(max_length=100, blank=True, editable=False)
    event_nationality = models.CharField(max_length=100, blank=True, editable=False)
    proposal = models.CharField(
        "proposed with",
        max_length=100,
        blank=True,
        editable=False,
        help_text="Suggestions about the same event share this key and one proposed claim.",
    )
    base_value = models.DecimalField(
        "of how many",
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="The count given earlier that this one is a part of: “half of them” of 30.",
    )
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
            # Pending suggestions about one event, re-linked when an editor creates a claim for it.
            models.Index(fields=["event", "status"], name="quotesugg_event_status_idx"),
            # The pending suggestions of one proposal, linked together when an editor creates or picks its claim.
            models.Index(fields=["proposal", "status"], name="quotesugg_proposal_status_idx"),
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

    def proposed_with(self, limit: int = 20) -> list["QuoteSuggestion"]:
        """The other suggestions of this one's proposal (the same event), with their sources, in reading order."""
        if not self.proposal:
            return []
        return list(
            QuoteSuggestion.objects.filter(proposal=self.proposal)
            .exclude(pk=self.pk)
            .select_related("source")
            .only("exact", "status", "source__title")
            .order_by("source_id", "start")[:limit]
        )
