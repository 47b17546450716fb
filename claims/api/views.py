"""The REST API's viewsets. Anonymous clients read what the public pages show; staff write.

Visibility follows claims/visibility.py, writes go through the same domain
functions as the admin (conflict detection, the workflow), and every update
can be made conditional on the ETag the client read.
"""

import json

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import validator_cache, workflow
from claims.api import serializers as s
from claims.api.claim_record import claim_etag, claim_record, claim_row
from claims.api.conditional import ConditionalMixin
from claims.api.encoding import accepts_gzip
from claims.api.errors import Conflict as ConflictError
from claims.api.errors import Moved
from claims.api.filters import MAX_ID, CitationFilter, ClaimFilter, ConflictFilter, QuoteFilter, SourceFilter
from claims.api.pagination import RankedCursorPagination
from claims.api.parsers import IngestJSONParser, LimitedJSONParser
from claims.api.permissions import (
    CanDecideSuggestions,
    CanIngest,
    EditableClaim,
    ReadPublishedOrStaffWrite,
    Reviewer,
    may_hold_token,
)
from claims.api.throttling import ScopedThrottle
from claims.claimreview.feed_file import feed_state, latest_feed_file, refresh_feed
from claims.claimreview.markup import claim_review, organisation
from claims.conflicts import raise_conflict, update_conflict
from claims.ingestion.decide import SuggestionError, link_to_claim
from claims.ingestion.from_url import ingest_url
from claims.ingestion.suggest import ingest
from claims.jobs import current, queue_ingest, queue_ingest_url
from claims.models import Claim, IdempotencyKey, Job, Quote, QuoteSuggestion
from claims.provenance.graph import build_provenance
from claims.provenance.prov import prov_document
from claims.provenance.review_flags import save_source
from claims.quotes import delete_quotes, save_quote
from claims.search import is_ranked
from claims.validator_cache import slot
from claims.visibility import (
    sees_drafts,
    visible_actors,
    visible_citations,
    visible_claims,
    visible_conflicts,
    visible_quotes,
    visible_sources,
)
from sources.models import Actor
from sources.serializers import (
    ActorSerializer,
    CitationSerializer,
    SourceDetailSerializer,
    SourceSerializer,
    SourceWriteSerializer,
)

ERROR = OpenApiResponse(
    response={
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": True},
        },
        "required": ["detail"],
    },
    description="An error, with a message and, for invalid input, the fields at fault.",
)
READ_ERRORS = {
    304: OpenApiResponse(description="Not modified since the ETag or date sent."),
    400: ERROR,
    401: ERROR,
    404: ERROR,
    429: ERROR,
}
WRITE_ERRORS = {
    400: ERROR,
    401: ERROR,
    403: ERROR,
    404: ERROR,
    409: ERROR,
    412: ERROR,
    413: ERROR,
    415: ERROR,
    428: ERROR,
    429: ERROR,
}
IDEMPOTENCY_KEY_LENGTH = 200
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Any unique string of yours; sending the same request again with it acts only once.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag you read; a write based on a stale copy is refused with 412.",
)


def documented(read, write, *, detail_read=None, written=None, list_parameters=()):
    """Schema for a standard viewset: what each action takes and answers, errors included."""
    detail_read = detail_read or read
    written = OpenApiResponse(
        written or detail_read,
        description="The new representation; ETag gives its entity tag, Location its address.",
    )
    return extend_schema_view(
        list=extend_schema(parameters=list(list_parameters), responses={200: read(many=True), **READ_ERRORS}),
        retrieve=extend_schema(responses={200: detail_read, 404: ERROR, **READ_ERRORS}),
        create=extend_schema(request=write, responses={201: written, **WRITE_ERRORS}),
        update=extend_schema(request=write, parameters=[IF_MATCH], responses={200: written, **WRITE_ERRORS}),
        partial_update=extend_schema(
            request=write, parameters=[IF_MATCH], responses={200: written, **WRITE_ERRORS}
        ),
        destroy=extend_schema(parameters=[IF_MATCH], responses={204: None, **WRITE_ERRORS}),
    )


class ApiViewSet(ConditionalMixin, viewsets.ModelViewSet):
    """A viewset with a read serializer for lists and details and another for writes."""

    lookup_value_regex = r"[0-9]+"
    list_serializer_class = None
    read_serializer_class = None
    write_serializer_class = None
    permission_classes = [ReadPublishedOrStaffWrite]

    def get_serializer_class(self):
        if self.action == "list":
            return self.list_serializer_class or self.read_serializer_class
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class
        return self.read_serializer_class

    def get_serializer(self, *args, serializer_class=None, **kwargs):
        serializer_class = serializer_class or self.get_serializer_class()
        kwargs.setdefault("context", self.get_serializer_context())
        return serializer_class(*args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "staff": sees_drafts(self.request.user)}

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.last_modified = getattr(instance, "updated_at", None)
        return Response(self.get_serializer(instance).data)

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.perform_create(serializer)
        return self.written(instance, status=status.HTTP_201_CREATED)

    # Conditional writes are atomic: the row is locked (SELECT … FOR UPDATE) before If-Match is
    # compared with it, and stays locked until the write commits. Of concurrent writers who read the
    # same ETag, the first to take the lock writes; the others then read its result and get 412.
    locking = False

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.select_for_update(of=("self",)) if self.locking else queryset

    def get_object_for_write(self):
        """The object, locked for the rest of the current transaction."""
        self.locking = True
        try:
            return self.get_object()
        finally:
            self.locking = False

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        instance = self.get_object_for_write()
        self.check_precondition(request, instance, update=True)
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        instance = self.perform_update(serializer)
        return self.written(instance)

    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        instance = self.get_object_for_write()
        self.check_precondition(request, instance)
        self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def perform_create(self, serializer):
        return serializer.save()

    def perform_update(self, serializer):
        return serializer.save()

    def represent(self, instance) -> dict:
        fresh = self.get_queryset().get(pk=instance.pk)
        return self.get_serializer(fresh, serializer_class=self.read_serializer_class).data

    def warnings(self, instance) -> list[str] | None:
        """What a client should know about what it wrote, or None where a resource has no warnings."""
        return None

    def written(self, instance, *, status: int = status.HTTP_200_OK) -> Response:
        """The new representation, with the ETag a GET would give and the address to GET it from."""
        fresh = self.get_queryset().get(pk=instance.pk)
        data = self.get_serializer(fresh, serializer_class=self.read_serializer_class).data
        headers = {
            "ETag": self.etag_of(fresh, data),
            "Location": self.reverse_action(
                "detail",
                kwargs={self.lookup_url_kwarg or self.lookup_field: getattr(instance, self.lookup_field)},
            ),
        }
        if (warnings := self.warnings(instance)) is not None:
            data = {**data, "warnings": warnings}
        return Response(data, status=status, headers=headers)


@documented(s.ClaimListSerializer, s.ClaimWriteSerializer, detail_read=s.ClaimDetailSerializer)
class ClaimViewSet(ApiViewSet):
    """Claims with their verdicts. The detail holds quotes, conflicts and correction notes."""

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    list_serializer_class = s.ClaimListSerializer
    read_serializer_class = s.ClaimDetailSerializer
    write_serializer_class = s.ClaimWriteSerializer
    filterset_class = ClaimFilter
    ordering_fields = ["id", "updated_at", "published_at"]
    require_precondition = True

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            self.follow_former_slug(self.get_queryset())
            raise

    def retrieve(self, request, *args, **kwargs):
        # The claim's validator (from the shared cache, else with the claim's row); a client holding it gets
        # 304 at once. Querysets are built only when needed: a 304 from the cache needs none.
        staff, slug, row = sees_drafts(request.user), self.kwargs["slug"], None

        def read() -> dict | None:
            nonlocal row
            row = claim_row(staff=staff, slug=slug)
            return row and {name: row[name] for name in ("id", "version", "changed_at")}

        validator = slot(slug, reader_is_public=not staff, found=self.read_for_slot).validator(read)
        if validator is None:
            self.follow_former_slug(visible_claims(request.user))
            raise Http404
        self.etag, self.last_modified = claim_etag(validator, staff=staff), validator["changed_at"]
        if (answer := self.not_modified(request)) is not None:
            return answer
        row = row or claim_row(staff=staff, pk=validator["id"])
        return Response(claim_record(row, request=request, staff=staff))

    #: The claim's cache slot as the throttle read it, counting this request in the same round trip.
    read_for_slot: tuple | None = None

    def read_with_throttle(self) -> tuple[str, list[str]] | None:
        """What retrieve() reads from the shared cache, for the throttle to read (claims/api/throttling.py)."""
        if self.action != "retrieve" or self.read_for_slot is not None or sees_drafts(self.request.user):
            return None
        return validator_cache.wanted(self.kwargs["slug"]) if validator_cache.enabled() else None

    def read_by_throttle(self, found: tuple) -> None:
        self.read_for_slot = found

    def etag_of(self, instance, data=None) -> str:
        return claim_etag(
            {"id": instance.pk, "version": instance.version, "changed_at": instance.changed_at},
            staff=sees_drafts(self.request.user),
        )

    def follow_former_slug(self, claims) -> None:
        """Raise Moved when the slug asked for is one a claim among `claims` had before."""
        slug = self.kwargs[self.lookup_field]
        moved = claims.filter(former_slugs__slug=slug).only("slug").first()
        if moved is not None:
            path = self.request.path.replace(f"/{slug}/", f"/{moved.slug}/", 1)
            query = self.request.META.get("QUERY_STRING")
            location = self.request.build_absolute_uri(f"{path}?{query}" if query else path)
            raise Moved(location, safe=self.request.method in ("GET", "HEAD", "OPTIONS"))

    def get_permissions(self):
        if self.action in ("publish", "correct", "retract"):
            return [Reviewer()]
        return [ReadPublishedOrStaffWrite(), EditableClaim()]

    def get_queryset(self):
        claims = visible_claims(self.request.user).with_flags()
        if self.action in ("list", "provenance", "prov"):
            # Lists are lean; the provenance walk reads the claim's own fields and loads the rest itself.
            return claims
        return claims.prefetch_detail()

    def paginate_queryset(self, queryset):
        # A search without ?ordering= comes best first (claims/search.py), paged by its rank.
        if is_ranked(queryset) and "ordering" not in self.request.query_params:
            self._paginator = RankedCursorPagination()
        return super().paginate_queryset(queryset)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        page = getattr(self.paginator, "page", None) or []
        self.last_modified = max((claim.updated_at for claim in page), default=None)
        return response

    def perform_create(self, serializer):
        data = {name: value for name, value in serializer.validated_data.items() if name != "version"}
        return workflow.save_claim(claim=Claim(**data), by=self.request.user)

    def perform_update(self, serializer):
        claim = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(claim, name, value)
        return workflow.save_claim(claim=claim, by=self.request.user)

    def perform_destroy(self, instance):
        instance.delete()

    def _step(self, request, step, **kwargs):
        claim = self.get_object()
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key:
            with transaction.atomic():
                step(claim=claim, by=request.user, **kwargs)
            return Response(self.represent(claim))
        if len(key) > IDEMPOTENCY_KEY_LENGTH:
            raise serializers.ValidationError(
                {"Idempotency-Key": [f"At most {IDEMPOTENCY_KEY_LENGTH} characters."]}
            )
        with transaction.atomic():
            try:
                with transaction.atomic():
                    IdempotencyKey.objects.create(user=request.user, key=key, action=self.action, claim=claim)
            except IntegrityError:
                return self._replay(request, key, claim)
            step(claim=claim, by=request.user, **kwargs)
        return Response(self.represent(claim))

    def _replay(self, request, key: str, claim: Claim) -> Response:
        """The same key again (a retry, or sent twice at once): answer as before without acting again."""
        used = IdempotencyKey.objects.get(user=request.user, key=key)
        if (used.action, used.claim_id) != (self.action, claim.pk):
            raise ConflictError(
                "This Idempotency-Key was used for another request; send a new key for a new request."
            )
        response = Response(self.represent(claim))
        response["Idempotent-Replayed"] = "true"
        return response

    def _noted_step(self, request, step):
        note = s.NoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        return self._step(request, step, note=note.validated_data["note"])

    @extend_schema(request=None, responses={200: s.ClaimDetailSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, slug=None):
        """Submit a draft for review."""
        return self._step(request, workflow.submit_for_review)

    @extend_schema(
        request=s.PublishSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: s.ClaimDetailSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, slug=None):
        """Publish a claim in review (reviewers only): it needs a verdict and a quote found in its source."""
        confirm = s.PublishSerializer(data=request.data or {})
        confirm.is_valid(raise_exception=True)
        return self._step(request, workflow.publish, confirmed=confirm.validated_data["confirm_warnings"])

    @extend_schema(
        request=s.CorrectionRequestSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: s.ClaimDetailSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, slug=None):
        """Correct a published claim (reviewers only): change its public fields (sentence, value, time,
        place, verdict, explanation) and publish the dated note that explains it, in one step. The
        note lists each change before and after; fields left out stay as they are."""
        body = s.CorrectionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        changes = dict(body.validated_data)
        note, version = changes.pop("note"), changes.pop("version", None)
        return self._step(request, workflow.correct, note=note, changes=changes, version=version)

    @extend_schema(
        request=s.NoteSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: s.ClaimDetailSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def retract(self, request, slug=None):
        """Retract a published claim with a dated public note (reviewers only)."""
        return self._noted_step(request, workflow.retract)

    def _traceable(self) -> Claim:
        claim = self.get_object()
        # The sources and speakers behind a withdrawn verdict are as hidden as its quotes.
        if claim.status == Claim.Status.RETRACTED and not sees_drafts(self.request.user):
            raise NotFound("A retracted claim's provenance is withdrawn with its verdict.")
        return claim

    @extend_schema(responses={200: s.ProvenanceSerializer, **READ_ERRORS})
    @action(detail=True, methods=["get"])
    def provenance(self, request, slug=None):
        """Who quoted whom: the claim's provenance graph, its origins and the signals derived from them."""
        claim = self._traceable()
        self.last_modified = claim.updated_at
        return Response(s.provenance_data(claim, build_provenance(claim)))

    @extend_schema(
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="W3C PROV-JSON"), **READ_ERRORS}
    )
    @action(detail=True, methods=["get"], url_path="prov")
    def prov(self, request, slug=None):
        """The provenance as W3C PROV-JSON: sources as entities, actors as agents."""
        claim = self._traceable()
        graph = build_provenance(claim)
        document = prov_document(claim=claim, graph=graph, base_url=request.build_absolute_uri("/"))
        self.last_modified = claim.updated_at
        return Response(json.loads(document.serialize(format="json")))

    @extend_schema(
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="schema.org ClaimReview"),
            404: ERROR,
            **READ_ERRORS,
        }
    )
    @action(detail=True, methods=["get"])
    def claimreview(self, request, slug=None):
        """The claim's ClaimReview JSON-LD: the same object as on its public page."""
        claim = Claim.objects.published().filter(slug=slug).first()
        if claim is None:
            self.follow_former_slug(Claim.objects.published())
            raise Http404
        quotes = list(claim.quotes.with_sources().in_reading_order())
        url = request.build_absolute_uri(claim.get_absolute_url())
        self.last_modified = claim.updated_at
        return Response(
            claim_review(
                claim=claim,
                quotes=quotes,
                url=url,
                organisation=organisation(request.build_absolute_uri("/")),
            )
        )


QUOTE_NOT_FOUND = (
    "The exact words were not found in the source's captured text; the quote is kept, flagged unverified."
)


@documented(s.QuoteSerializer, s.QuoteWriteSerializer, written=s.QuoteWrittenSerializer)
class QuoteViewSet(ApiViewSet):
    """Quotes: a source's exact words about a claim, anchored in the source's text."""

    read_serializer_class = s.QuoteSerializer
    write_serializer_class = s.QuoteWriteSerializer
    filterset_class = QuoteFilter
    ordering_fields = ["id", "created_at"]
    permission_classes = [ReadPublishedOrStaffWrite, EditableClaim]

    def get_queryset(self):
        return visible_quotes(self.request.user).with_sources().select_related("claim")

    def perform_create(self, serializer):
        return save_quote(quote=Quote(**serializer.validated_data), by=self.request.user)

    def perform_update(self, serializer):
        quote = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(quote, name, value)
        return save_quote(quote=quote, by=self.request.user)

    def perform_destroy(self, instance):
        delete_quotes(quotes=[instance], by=self.request.user)

    def warnings(self, instance) -> list[str]:
        return [] if instance.is_verified else [QUOTE_NOT_FOUND]


@extend_schema_view(
    list=extend_schema(responses={200: s.ConflictSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: s.ConflictSerializer, 404: ERROR, **READ_ERRORS}),
    create=extend_schema(
        request=s.ConflictCreateSerializer, responses={201: s.ConflictSerializer, **WRITE_ERRORS}
    ),
    partial_update=extend_schema(
        request=s.ConflictUpdateSerializer,
        parameters=[IF_MATCH],
        responses={200: s.ConflictSerializer, **WRITE_ERRORS},
    ),
    destroy=extend_schema(parameters=[IF_MATCH], responses={204: None, **WRITE_ERRORS}),
)
class ConflictViewSet(ApiViewSet):
    """Conflicts: quotes on one claim whose accounts cannot all be true. Close one with a status and a note."""

    read_serializer_class = s.ConflictSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filterset_class = ConflictFilter
    ordering_fields = ["id", "opened_at"]

    def get_serializer_class(self):
        if self.action == "create":
            return s.ConflictCreateSerializer
        if self.action == "partial_update":
            return s.ConflictUpdateSerializer
        return s.ConflictSerializer

    def get_queryset(self):
        return (
            visible_conflicts(self.request.user)
            .select_related("claim", "resolved_by")
            .prefetch_related(Prefetch("quotes", queryset=Quote.objects.with_sources()))
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        return raise_conflict(
            claim=data["claim"], quotes=data["quotes"], note=data["note"], by=self.request.user
        )

    def perform_update(self, serializer):
        conflict, data = serializer.instance, serializer.validated_data
        return update_conflict(
            conflict=conflict,
            status=data.get("status", conflict.status),
            note=data.get("note", conflict.note),
            by=self.request.user,
        )


@documented(SourceSerializer, SourceWriteSerializer, detail_read=SourceDetailSerializer)
class SourceViewSet(ApiViewSet):
    """Sources: documents with their captured text and the citations they make."""

    list_serializer_class = SourceSerializer
    read_serializer_class = SourceDetailSerializer
    write_serializer_class = SourceWriteSerializer
    filterset_class = SourceFilter
    ordering_fields = ["id", "published_on"]

    def get_queryset(self):
        sources = visible_sources(self.request.user).select_related("publisher")
        if self.action == "list":
            return sources.defer("text")
        citations = visible_citations(self.request.user, of_visible_sources=False).select_related(
            "cited_actor"
        )
        return sources.prefetch_related("authors", Prefetch("citations", queryset=citations))

    def perform_update(self, serializer):
        source = serializer.instance
        for name, value in serializer.validated_data.items():
            if name != "authors":
                setattr(source, name, value)
        save_source(source=source, by=self.request.user)
        if "authors" in serializer.validated_data:
            source.authors.set(serializer.validated_data["authors"])
        return source


ACTOR_NAME = OpenApiParameter(
    "name", OpenApiTypes.STR, description="A name or a recorded alias, ignoring case and accents."
)


@documented(ActorSerializer, ActorSerializer, list_parameters=[ACTOR_NAME])
class ActorViewSet(ApiViewSet):
    """Actors: people and organisations who speak or publish, with the aliases they go by."""

    read_serializer_class = ActorSerializer
    write_serializer_class = ActorSerializer
    filterset_fields = ["kind"]
    ordering_fields = ["id", "name"]

    def get_queryset(self):
        actors = visible_actors(self.request.user)
        if name := self.request.query_params.get("name"):
            actors = actors.filter(pk__in=Actor.objects.named(name).values("pk"))
        return actors.prefetch_related("aliases")


@documented(CitationSerializer, CitationSerializer)
class CitationViewSet(ApiViewSet):
    """Citations: one source relying on another source or on an actor."""

    read_serializer_class = CitationSerializer
    write_serializer_class = CitationSerializer
    filterset_class = CitationFilter
    ordering_fields = ["id"]

    def get_queryset(self):
        return visible_citations(self.request.user)


class ObtainTokenView(ObtainAuthToken):
    """Exchange a staff username and password for the API token to send as "Authorization: Token …"."""

    # Many clients first try a form for their credentials; everything else stays JSON only.
    parser_classes = [LimitedJSONParser, FormParser, MultiPartParser]
    renderer_classes = [JSONRenderer]
    # Password guesses: API_TOKEN_RATE per client address (this budget replaces the anonymous one).
    throttle_classes = [ScopedThrottle]
    throttle_scope = "token"

    @extend_schema(
        request=AuthTokenSerializer,
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            400: ERROR,
            403: ERROR,
            413: ERROR,
            415: ERROR,
            429: ERROR,
        },
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        if not may_hold_token(user):
            raise PermissionDenied("API tokens are only issued to editors and reviewers.")
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any other address under the API, in the API's JSON. A plain view, not a REST framework one: the
    browsable API lists every REST framework view a page's address passes through as a breadcrumb, and
    /api/v1/claims (no slash) would be "Not Found" on the way to /api/v1/claims/."""
    return JsonResponse({"detail": "There is no such API address."}, status=status.HTTP_404_NOT_FOUND)


FEED_RETRY_AFTER = 60  # seconds: a client asking before the first file is written


class ClaimReviewFeedView(ConditionalMixin, APIView):
    """Our published verdicts as a Data Commons DataFeed of ClaimReview items, for aggregators.

    Served from the file written in the background (claims/claimreview/feed_file.py). When what the feed
    holds changed since, the latest file is served with `X-Feed-Stale: refreshing` while a job writes
    the new one (`X-Feed-Written-At` says when each file was written); 503 with Retry-After until the
    first file is written. Without a worker (the demo) the file is written within the request."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="schema.org DataFeed of ClaimReview, from the file written in the background: "
                "`X-Feed-Written-At` says when; `X-Feed-Stale: refreshing` while a newer one is written.",
            ),
            **READ_ERRORS,
            503: OpenApiResponse(
                ERROR.response, description="No file written yet: ask again after Retry-After."
            ),
        }
    )
    def get(self, request):
        base_url = request.build_absolute_uri("/")
        indent = JSONRenderer().get_indent(request.accepted_media_type, {})
        state = feed_state(base_url, indent)
        file, stale = state.file, not state.current
        if stale:
            # Without a worker (the demo) the file is written now; with one, a job writes it while the
            # latest file, if any, is served, saying when it was written.
            refresh_feed(base_url, indent, state.change)
            file = latest_feed_file(base_url, indent)
            stale = file is None or file.etag != state.etag
        if file is None:
            return Response(
                {"detail": "The feed is being written; ask again in a minute."},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
                headers={"Retry-After": str(FEED_RETRY_AFTER)},
            )
        # The gzip copy to a client accepting it (a sixth of the bytes), else the file itself, each with its
        # own strong ETag; a cache in between keeps one per Accept-Encoding (and per Accept: the indentation).
        accepts = accepts_gzip(request.headers.get("Accept-Encoding"))
        vary = ["Accept", "Accept-Encoding"]
        path, self.etag = file.variant(gzip=accepts)
        self.last_modified = file.modified or file.written_at
        if answer := self.not_modified(request):
            patch_vary_headers(answer, vary)
            return answer
        try:
            opened = path.open("rb")
        except FileNotFoundError:  # replaced and removed since its record was read: the newer one
            file = latest_feed_file(base_url, indent)
            path, self.etag = file.variant(gzip=accepts)
            opened = path.open("rb")
            self.last_modified = file.modified or file.written_at
        # Streamed from disk a block at a time, with its Content-Length (the copy's own when compressed).
        response = FileResponse(
            opened, content_type=JSONRenderer.media_type, filename="claimreview-feed.json"
        )
        if path == file.gzip_path:
            # Set in the view: GZipMiddleware, where installed, leaves an encoded body alone.
            response["Content-Encoding"] = "gzip"
        response["X-Feed-Written-At"] = http_date(file.written_at.timestamp())
        patch_vary_headers(response, vary)
        if stale:
            response["X-Feed-Stale"] = "refreshing"
        return response


class IngestView(APIView):
    """Capture a document as a source and suggest the citations and numeric quotes to record from it.

    With a `url` and no `text`, the page is fetched (safely: public http and https addresses only, robots.txt
    honoured, at most 10 MB), its article read and the response archived as WARC records with the capture.

    The same text (or the same text at the same URL) again changes nothing; a changed text for a known
    URL is kept as a new capture of that source. Suggestions are reviewed in the admin.
    """

    permission_classes = [CanIngest]
    parser_classes = [IngestJSONParser]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        request=s.IngestSerializer,
        responses={
            200: OpenApiResponse(s.IngestResultSerializer, description="A source already recorded."),
            201: OpenApiResponse(s.IngestResultSerializer, description="A new source."),
            202: OpenApiResponse(
                s.JobSerializer,
                description="A text over INGEST_BACKGROUND_BYTES (200 KB) is ingested by a background job: "
                "poll the job's address (Location) until its status is done or failed.",
            ),
            **WRITE_ERRORS,
        },
    )
    def post(self, request):
        serializer = s.IngestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["text"] and len(data["text"].encode()) > settings.INGEST_BACKGROUND_BYTES:
            return self._accepted(
                request, queue_ingest(**{**data, "language": data["language"] or "en"}, by=request.user)
            )
        if not data["text"] and settings.INGEST_URL_BACKGROUND:
            fields = {k: v for k, v in data.items() if k not in ("text", "source")}
            return self._accepted(request, queue_ingest_url(**fields, by=request.user))
        if data["text"]:
            result = ingest(**{**data, "language": data["language"] or "en"}, by=request.user)
        else:
            result = ingest_url(**{k: v for k, v in data.items() if k != "text"}, by=request.user)
        created = result.outcome == "created"
        return Response(
            s.IngestResultSerializer(result, context={"request": request}).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers={
                "Location": request.build_absolute_uri(reverse("api:source-detail", args=[result.source.pk]))
            },
        )

    @staticmethod
    def _accepted(request, job: Job) -> Response:
        """202 with the job's address to poll (without a broker it has run already)."""
        job = current(job)
        url = request.build_absolute_uri(job.get_absolute_url())
        body = s.JobSerializer(job, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": url})


@extend_schema_view(retrieve=extend_schema(responses={200: s.JobSerializer, **READ_ERRORS}))
class JobViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Background jobs (large ingestions, ClaimReview imports and exports): status, progress and result."""

    queryset = Job.objects.defer("payload")  # the text or feed read is of no use to a poller
    serializer_class = s.JobSerializer
    permission_classes = [CanIngest]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        responses={
            200: OpenApiResponse(OpenApiTypes.BINARY, description="The file the job wrote."),
            **READ_ERRORS,
        }
    )
    @action(detail=True, url_path="output")
    def output(self, request, pk=None):
        job = self.get_object()
        if not job.output:
            raise NotFound("This job wrote no file.")
        return FileResponse(
            job.output.open("rb"), as_attachment=True, filename=job.output.name.rsplit("/", 1)[-1]
        )


class QuoteSuggestionClaimView(APIView):
    """Pick the claim a pending suggested quote is about.

    The pending suggestions proposed with it (about the same event, in this source or others) and those
    whose event matches the claim are pointed at the same claim; accepting them later records their quotes
    there. The same rule as choosing the claim in the admin.
    """

    permission_classes = [CanDecideSuggestions]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        request=s.SuggestionClaimSerializer,
        responses={200: OpenApiResponse(s.SuggestionLinkedSerializer), **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        suggestion = QuoteSuggestion.objects.filter(pk=pk).first() if 0 < pk <= MAX_ID else None
        if suggestion is None:
            raise NotFound("There is no suggested quote with this id.")
        serializer = s.SuggestionClaimSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = serializer.validated_data["claim"]
        try:
            relinked = link_to_claim(suggestion=suggestion, claim=claim)
        except SuggestionError as error:
            raise ConflictError(str(error)) from None
        suggestion = QuoteSuggestion.objects.select_related("claim", "speaker").get(pk=pk)
        return Response(
            s.SuggestionLinkedSerializer({"suggestion": suggestion, "relinked": relinked}).data,
            headers={"Location": request.build_absolute_uri(reverse("api:claim-detail", args=[claim.slug]))},
        )
