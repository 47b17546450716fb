from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.conflicts import check_closing, check_new_conflict
from claims.corrections import PUBLIC_FIELDS, PUBLIC_PARTS, check_edit
from claims.jobs import progress_of
from claims.models import (
    CitationSuggestion,
    Claim,
    Conflict,
    Correction,
    ExternalReview,
    Job,
    Quote,
    QuoteSuggestion,
)
from claims.verdicts import Verdict, review_rating
from sources.capture import CaptureError, clean_text
from sources.models import Actor, Source, validate_language
from sources.serializers import (
    ActorBriefSerializer,
    SourceBriefSerializer,
    SourceSerializer,
    StrictModelSerializer,
    strict_body_errors,
)
from sources.urlnorm import normalize_url


@contextmanager
def domain_errors():
    """Show a domain rule's ValidationError as the serializer's own, field by field."""
    try:
        yield
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.message_dict) from None


class StrictSerializer(serializers.Serializer):
    """A request body whose fields are all known and typed as the schema says; others are refused by name."""

    def to_internal_value(self, data):
        if errors := strict_body_errors(self, data):
            raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class ReviewRatingSerializer(serializers.Serializer):
    """schema.org reviewRating; ratingValue is left out for verdicts off the scale."""

    ratingValue = serializers.IntegerField(required=False)  # schema.org names
    bestRating = serializers.IntegerField()
    worstRating = serializers.IntegerField()
    alternateName = serializers.CharField()


class QuantitySerializer(serializers.Serializer):
    comparator = serializers.CharField()
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    value_upper = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    unit = serializers.CharField()
    display = serializers.CharField(source="quantity_display")


class QuoteNestedSerializer(serializers.ModelSerializer):
    source = SourceBriefSerializer(read_only=True)
    speaker = ActorBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Quote
        fields = [
            "id",
            *(name for name in Quote.EDITOR_FIELDS if name != "claim"),
            *(name for name in Quote.ANCHOR_FIELDS if name not in Quote.EDITOR_FIELDS),
        ]


class QuoteSerializer(QuoteNestedSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:quote-detail")
    claim = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta(QuoteNestedSerializer.Meta):
        fields = ["api_url", "claim", *QuoteNestedSerializer.Meta.fields]


class QuoteWrittenSerializer(QuoteSerializer):
    """A quote as a write answers it: with what the client should know, such as words not found."""

    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(QuoteSerializer.Meta):
        fields = [*QuoteSerializer.Meta.fields, "warnings"]


CLAIM_REFERENCE = "The slug of the claim the words are about."


class QuoteWriteSerializer(StrictModelSerializer):
    claim = serializers.SlugRelatedField(
        slug_field="slug", queryset=Claim.objects.all(), help_text=CLAIM_REFERENCE
    )
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Quote
        fields = list(Quote.EDITOR_FIELDS)


class ConflictNestedSerializer(serializers.ModelSerializer):
    quotes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Conflict
        fields = ["id", "kind", "status", "detected", "note", "opened_at", "resolved_at", "quotes"]


class ConflictSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:conflict-detail")
    claim = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    resolved_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    quotes = QuoteNestedSerializer(many=True, read_only=True)

    class Meta:
        model = Conflict
        fields = [
            "id",
            "api_url",
            "claim",
            "kind",
            "status",
            "detected",
            "note",
            "opened_at",
            "resolved_at",
            "resolved_by",
            "quotes",
        ]


class ConflictCreateSerializer(StrictModelSerializer):
    claim = serializers.SlugRelatedField(
        slug_field="slug", queryset=Claim.objects.all(), help_text="The slug of the claim the quotes are on."
    )
    quotes = serializers.PrimaryKeyRelatedField(many=True, queryset=Quote.objects.all())
    note = serializers.CharField(help_text="Why these accounts cannot all be true.")

    class Meta:
        model = Conflict
        fields = ["claim", "quotes", "note"]

    def validate(self, attrs):
        with domain_errors():
            check_new_conflict(claim=attrs["claim"], quotes=attrs.get("quotes", []))
        return attrs


class ConflictUpdateSerializer(StrictModelSerializer):
    class Meta:
        model = Conflict
        fields = ["status", "note"]

    def validate(self, attrs):
        with domain_errors():
            check_closing(
                status=attrs.get("status", self.instance.status), note=attrs.get("note", self.instance.note)
            )
        return attrs


class CorrectionChangeSerializer(serializers.Serializer):
    field = serializers.ChoiceField(choices=[part.key for part in PUBLIC_PARTS])
    label = serializers.CharField()
    old = serializers.CharField(help_text="As readers saw it before the correction.")
    new = serializers.CharField()


class CorrectionSerializer(serializers.ModelSerializer):
    changes = CorrectionChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Correction
        fields = ["kind", "note", "published_at", "changes"]


class ExternalReviewSerializer(serializers.ModelSerializer):
    """Another fact-checker's review: its label verbatim, and its place on our scale when known."""

    reviewer = ActorBriefSerializer(read_only=True)
    claimant = ActorBriefSerializer(read_only=True, allow_null=True)
    verdict_label = serializers.SerializerMethodField()
    appearances = serializers.SlugRelatedField(slug_field="url", many=True, read_only=True)

    class Meta:
        model = ExternalReview
        fields = [
            "reviewer",
            "url",
            "title",
            "rating_label",
            "verdict",
            "verdict_label",
            "rating_value",
            "best_rating",
            "worst_rating",
            "reviewed_on",
            "language",
            "claimant",
            "claimed_on",
            "appearances",
        ]

    def get_verdict_label(self, review: ExternalReview) -> str:
        return review.get_verdict_display() if review.verdict else "unmapped"


class ClaimListSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:claim-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    verdict = serializers.ChoiceField(
        choices=Verdict.choices, allow_blank=True, allow_null=True, read_only=True
    )
    verdict_label = serializers.CharField(source="get_verdict_display", allow_null=True)
    contested = serializers.BooleanField(
        read_only=True, allow_null=True, help_text="Whether a conflict is open; null for a retracted claim."
    )

    class Meta:
        model = Claim
        fields = [
            "slug",
            "api_url",
            "html_url",
            "text",
            "status",
            "verdict",
            "verdict_label",
            "contested",
            "published_at",
            "reviewed_on",
            "updated_at",
        ]

    def withdrawn(self, claim: Claim) -> bool:
        """A retracted claim's verdict and evidence are withdrawn from everyone but staff."""
        return claim.status == Claim.Status.RETRACTED and not self.context.get("staff")

    def to_representation(self, claim: Claim) -> dict:
        data = super().to_representation(claim)
        if self.withdrawn(claim):
            data["verdict"] = data["verdict_label"] = data["contested"] = None
        return data

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, claim: Claim) -> str:
        request = self.context.get("request")
        path = claim.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class ClaimDetailSerializer(ClaimListSerializer):
    """Everything about a claim in one response."""

    quantity = QuantitySerializer(source="*")
    review_rating = serializers.SerializerMethodField()
    quotes = serializers.SerializerMethodField()
    conflicts = serializers.SerializerMethodField()
    corrections = CorrectionSerializer(many=True, read_only=True)
    external_reviews = ExternalReviewSerializer(many=True, read_only=True)

    class Meta(ClaimListSerializer.Meta):
        fields = [
            *ClaimListSerializer.Meta.fields,
            "explanation",
            "review_rating",
            "quantity",
            "time_start",
            "time_end",
            "time_label",
            "place",
            "version",
            "quotes",
            "conflicts",
            "corrections",
            "external_reviews",
        ]

    def to_representation(self, claim: Claim) -> dict:
        data = super().to_representation(claim)
        if self.withdrawn(claim):
            data["explanation"] = ""
            data["external_reviews"] = []
            # What a correction changed would tell the withdrawn verdict; the notes themselves stay.
            data["corrections"] = [{**note, "changes": []} for note in data["corrections"]]
        return data

    @extend_schema_field(ReviewRatingSerializer(allow_null=True))
    def get_review_rating(self, claim: Claim) -> dict | None:
        if not claim.verdict or self.withdrawn(claim):
            return None
        return {key: value for key, value in review_rating(claim.verdict).items() if key != "@type"}

    @extend_schema_field(QuoteNestedSerializer(many=True))
    def get_quotes(self, claim: Claim) -> list:
        # A retracted claim shows its notes, not the evidence behind a withdrawn verdict.
        if self.withdrawn(claim):
            return []
        return QuoteNestedSerializer(claim.quotes.all(), many=True).data

    @extend_schema_field(ConflictNestedSerializer(many=True))
    def get_conflicts(self, claim: Claim) -> list:
        if self.withdrawn(claim):
            return []
        return ConflictNestedSerializer(claim.conflicts.all(), many=True).data


class ClaimWriteSerializer(StrictModelSerializer):
    version = serializers.IntegerField(
        required=False,
        write_only=True,
        min_value=1,
        max_value=2**31 - 1,
        help_text="On an update, the version you read; a stale one is refused with 412. Ignored on create.",
    )
    slug = serializers.SlugField(max_length=120, required=False, allow_blank=True)

    class Meta:
        model = Claim
        fields = [*Claim.EDITOR_FIELDS, "version"]
        validators = []  # the model's constraints run in validate()

    normalised_fields = ("slug",)

    def validate(self, attrs):
        version = attrs.pop("version", None)
        if self.instance is not None:
            with domain_errors():
                check_edit(claim=self.instance, values=attrs)
        attrs = super().validate(attrs)
        # A new claim starts at version 1 whatever the client says: the number only guards updates.
        if version is not None and self.instance is not None:
            attrs["version"] = version
        return attrs


class PublishSerializer(StrictSerializer):
    confirm_warnings = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Publish even with open conflicts or quotes not found in their sources (else 409 lists them).",
    )


class NoteSerializer(StrictSerializer):
    note = serializers.CharField(help_text="Public: shown beside the claim with today's date.")


class CorrectionRequestSerializer(serializers.ModelSerializer):
    """A correction: the public note, and the public fields it changes (the others stay as they are)."""

    note = serializers.CharField(
        help_text="Public: shown beside the claim with today's date and each change before and after."
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="The version you read; a correction of a claim changed since is refused with 412.",
    )

    class Meta:
        model = Claim
        fields = ["note", *PUBLIC_FIELDS, "version"]
        extra_kwargs = {name: {"required": False} for name in PUBLIC_FIELDS}
        validators = []  # the correction validates the changed claim as a whole

    def to_internal_value(self, data):
        if isinstance(data, dict) and (unknown := sorted(set(data) - set(self.fields))):
            raise serializers.ValidationError(
                {name: ["Unknown field; a correction changes only what readers see."] for name in unknown}
            )
        return super().to_internal_value(data)


class ProvenanceNodeSerializer(serializers.Serializer):
    id = serializers.CharField(help_text='"source:<id>" or "actor:<id>".')
    type = serializers.ChoiceField(choices=["source", "actor"])
    label = serializers.CharField()
    kind = serializers.CharField()
    primary = serializers.BooleanField(help_text="An official document or a speaker in person.")
    hops = serializers.IntegerField(help_text="Citations between a quoted source and this node.")


class ProvenanceEdgeSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="The node that relies on the other.")
    target = serializers.CharField()
    relation = serializers.CharField()


class ProvenanceOriginSerializer(serializers.Serializer):
    nodes = serializers.ListField(
        child=serializers.CharField(), help_text="One node, or the nodes of a loop."
    )
    hops = serializers.IntegerField()
    primary = serializers.BooleanField()


class ProvenanceSerializer(serializers.Serializer):
    claim = serializers.CharField()
    documents = serializers.IntegerField(help_text="Documents that carry the claim.")
    independent_origins = serializers.IntegerField()
    single_origin = serializers.BooleanField()
    circular = serializers.BooleanField()
    primary_reached = serializers.BooleanField()
    appearances = serializers.ListField(child=serializers.CharField(), help_text="The quoted sources.")
    origins = ProvenanceOriginSerializer(many=True)
    cycles = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))
    nodes = ProvenanceNodeSerializer(many=True)
    edges = ProvenanceEdgeSerializer(many=True)


def provenance_data(claim: Claim, graph) -> dict:
    return {
        "claim": claim.slug,
        "documents": graph.documents,
        "independent_origins": graph.independent_origins,
        "single_origin": graph.single_origin,
        "circular": graph.circular,
        "primary_reached": graph.primary_reached,
        "appearances": graph.appearances,
        "origins": [
            {
                "nodes": origin,
                "hops": graph.origin_hops(origin),
                "primary": any(graph.nodes[key].primary for key in origin),
            }
            for origin in graph.origins
        ],
        "cycles": graph.cycles,
        "nodes": [
            {
                "id": key,
                "type": "source" if node.is_source else "actor",
                "label": node.label,
                "kind": node.kind,
                "primary": node.primary,
                "hops": graph.hops[key],
            }
            for key, node in graph.nodes.items()
        ],
        "edges": [{"source": e.origin, "target": e.target, "relation": e.relation} for e in graph.edges],
    }


class IngestSerializer(StrictSerializer):
    """A document to capture as a source, with what is known of it; a `url` alone is fetched and read."""

    text = serializers.CharField(
        trim_whitespace=False,
        required=False,
        allow_blank=True,
        default="",
        help_text="The full text, UTF-8; at most 5 MB. Without it, the page at `url` is fetched and its article read.",
    )
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    url = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Where the document is published; fetched when no text is given.",
    )
    kind = serializers.ChoiceField(choices=Source.Kind.choices, required=False, default=Source.Kind.ARTICLE)
    publisher = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="A recorded actor's name or alias; a new name is added as a news outlet.",
    )
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
    language = serializers.CharField(
        max_length=35,
        required=False,
        allow_blank=True,
        default="",
        help_text="BCP 47 tag; by default the page's own, else en.",
    )

    def validate_text(self, text: str) -> str:
        if not text:
            return ""  # the page at the URL is fetched instead; validate() asks for one of them
        try:
            return clean_text(text)
        except CaptureError as error:
            raise serializers.ValidationError(str(error)) from None

    def validate(self, data: dict) -> dict:
        if not data["text"] and not data["url"].strip():
            raise serializers.ValidationError({"text": ["Give the text, or a url to fetch it from."]})
        return data

    def validate_url(self, url: str) -> str:
        if url.strip():
            normalize_url(url)  # a Django ValidationError: the message names the field
        return url

    def validate_language(self, language: str) -> str:
        if language:
            validate_language(language)
        return language


class CitationSuggestionSerializer(serializers.ModelSerializer):
    cited_actor = ActorBriefSerializer(read_only=True, allow_null=True)
    cited_source = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = CitationSuggestion
        fields = [
            "id",
            "status",
            "start",
            "end",
            "span_text",
            "cited_name",
            "relation",
            "cited_actor",
            "cited_source",
            "match_score",
            "new_actor_name",
            "new_actor_kind",
        ]


class QuoteSuggestionSerializer(serializers.ModelSerializer):
    speaker = ActorBriefSerializer(read_only=True, allow_null=True)
    claim = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = QuoteSuggestion
        fields = [
            "id",
            "status",
            "start",
            "end",
            "exact",
            "number_text",
            "comparator",
            "value",
            "value_upper",
            "counted",
            "time_start",
            "time_end",
            "time_label",
            "speaker",
            "speaker_name",
            "claim",
            "claim_text",
            "similarity",
            "proposal",
            "base_value",
        ]


class SuggestionClaimSerializer(StrictSerializer):
    """The claim an editor picks for a pending suggested quote."""

    claim = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Claim.objects.exclude(status=Claim.Status.RETRACTED),
        help_text="The slug of the claim the suggested quote is about (not a retracted one).",
    )


class SuggestionLinkedSerializer(serializers.Serializer):
    suggestion = QuoteSuggestionSerializer()
    relinked = serializers.IntegerField(
        help_text="How many other pending suggestions (proposed with it, or about the same event) now point at "
        "the claim."
    )


class IngestResultSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=["created", "unchanged", "recaptured"],
        help_text="A new source, the same text as before, or a changed text kept as a new capture.",
    )
    source = SourceSerializer()
    notes = serializers.ListField(child=serializers.CharField())
    citation_suggestions = CitationSuggestionSerializer(many=True, source="citations")
    quote_suggestions = QuoteSuggestionSerializer(many=True, source="quotes")


class JobProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField(
        help_text="Steps of work: records for an import, numbers read for an ingestion."
    )
    percent = serializers.IntegerField()


class JobSerializer(serializers.ModelSerializer):
    """A background job: poll its address until `status` is done or failed, then follow `links`."""

    url = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "url",
            "kind",
            "status",
            "progress",
            "result",
            "links",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]

    def get_url(self, job: Job) -> str:
        return self.context["request"].build_absolute_uri(job.get_absolute_url())

    @extend_schema_field(JobProgressSerializer)
    def get_progress(self, job: Job) -> dict:
        done, total = progress_of(job)
        return {"done": done, "total": total, "percent": 100 * done // total if total else 0}

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string", "format": "uri"}})
    def get_links(self, job: Job) -> dict[str, str]:
        """Where the job's result is: the ingested source and its suggestions, an export's file."""
        absolute = self.context["request"].build_absolute_uri
        links = {}
        if job.kind == Job.Kind.INGEST and (source := job.result.get("source")):
            links["source"] = absolute(reverse("api:source-detail", args=[source]))
            links["source_admin"] = absolute(reverse("admin:sources_source_change", args=[source]))
            for model in ("citationsuggestion", "quotesuggestion"):
                changelist = reverse(f"admin:claims_{model}_changelist")
                links[f"{model.removesuffix('suggestion')}_suggestions"] = absolute(
                    f"{changelist}?status__exact=pending&source={source}"
                )
        if job.output:
            links["output"] = absolute(reverse("api:job-output", args=[job.pk]))
        return links
