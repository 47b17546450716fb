"""Google Fact Check Tools compatibility: GET /v1alpha1/claims:search in Google's own shape.

Clients written for factchecktools.googleapis.com (google-api-python-client
among them) work against this server unchanged: the same parameters, the same
response fields, page tokens, and Google's error envelope.
"""

import base64
import binascii
import re
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.claimreview.markup import first_appearance
from claims.models import Claim, ExternalReview, Quote
from claims.search import is_ranked, ranked_page, search_claims

DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
MAX_OFFSET = 1_000_000


class SearchParameters(serializers.Serializer):
    query = serializers.CharField(
        required=False, max_length=500, help_text="Required unless reviewPublisherSiteFilter is given."
    )
    languageCode = serializers.CharField(required=False, max_length=35)  # Google's parameter names
    reviewPublisherSiteFilter = serializers.CharField(required=False, max_length=253)
    maxAgeDays = serializers.IntegerField(required=False, min_value=0, max_value=36_500)
    pageSize = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)
    pageToken = serializers.CharField(required=False, max_length=100)
    offset = serializers.IntegerField(required=False, min_value=0, max_value=MAX_OFFSET)

    def validate(self, attrs):
        if not attrs.get("query", "").strip() and not attrs.get("reviewPublisherSiteFilter"):
            raise serializers.ValidationError(
                {"query": ["query is required unless reviewPublisherSiteFilter is given."]}
            )
        if token := attrs.get("pageToken"):
            attrs["offset"] = decode_token(token)
        return attrs


def encode_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def decode_token(token: str) -> int:
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        label, _, number = text.partition(":")
        # Tokens are only issued for offsets up to MAX_OFFSET: the digits are counted before int() reads them.
        if label != "offset" or not number.isascii() or not number.isdigit() or len(number) > 7:
            raise ValueError
        offset = int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise serializers.ValidationError(
            {"pageToken": ["This page token was not issued by this server."]}
        ) from None
    if offset > MAX_OFFSET:
        raise serializers.ValidationError(
            {"pageToken": [f"This page token is past the last page served (offset {MAX_OFFSET:,})."]}
        )
    return offset


PUBLISHER = inline_serializer(
    "FactCheckPublisher", {"name": serializers.CharField(), "site": serializers.CharField(required=False)}
)
REVIEW = inline_serializer(
    "FactCheckClaimReview",
    {
        "publisher": PUBLISHER,
        "url": serializers.URLField(required=False),
        "title": serializers.CharField(required=False),
        "reviewDate": serializers.DateTimeField(required=False),
        "textualRating": serializers.CharField(),
        "languageCode": serializers.CharField(required=False),
    },
)
CLAIM = inline_serializer(
    "FactCheckClaim",
    {
        "text": serializers.CharField(),
        "claimant": serializers.CharField(required=False),
        "claimDate": serializers.DateTimeField(required=False),
        "claimReview": REVIEW.__class__(many=True),
    },
)
GOOGLE_ERROR = OpenApiResponse(
    response=inline_serializer(
        "FactCheckError",
        {
            "error": inline_serializer(
                "FactCheckErrorBody",
                {
                    "code": serializers.IntegerField(),
                    "message": serializers.CharField(),
                    "status": serializers.CharField(),
                },
            )
        },
    ),
    description="Google's error envelope.",
)


def _timestamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ClaimSearchView(APIView):
    """Search fact-checked claims, answering exactly as Google's Fact Check Tools API does."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        operation_id="factchecktools_claims_search",
        parameters=[SearchParameters],
        responses={
            200: inline_serializer(
                "FactCheckedClaimSearchResponse",
                {
                    "claims": CLAIM.__class__(many=True, required=False),
                    "nextPageToken": serializers.CharField(required=False),
                },
            ),
            400: GOOGLE_ERROR,
            429: GOOGLE_ERROR,
        },
    )
    def get(self, request):
        params = SearchParameters(data=request.query_params)
        params.is_valid(raise_exception=True)
        options = params.validated_data
        site = request.get_host().split(":")[0]
        quotes = Quote.objects.with_sources()
        reviews = ExternalReview.objects.select_related("reviewer")
        ours = True
        wanted = options.get("reviewPublisherSiteFilter", "").lower().removeprefix("www.")
        if wanted and wanted != site:
            ours = False
            reviews = reviews.filter(url__iregex=rf"^https?://([^/]+\.)?{re.escape(wanted)}(/|:|$)")
        language = options.get("languageCode", "").split("-")[0].lower()
        if language and language != settings.LANGUAGE_CODE:
            ours = False
            reviews = reviews.filter(Q(language__iexact=language) | Q(language__istartswith=f"{language}-"))
        claims = (
            Claim.objects.published()
            .order_by("-published_at")
            .prefetch_related(
                Prefetch("quotes", queryset=quotes, to_attr="page_quotes"),
                Prefetch("external_reviews", queryset=reviews, to_attr="page_reviews"),
            )
        )
        if not ours:
            claims = claims.filter(pk__in=reviews.values("claim"))
        if "maxAgeDays" in options:
            claims = claims.filter(published_at__gte=timezone.now() - timedelta(days=options["maxAgeDays"]))
        offset, size = options.get("offset", 0), options.get("pageSize", DEFAULT_PAGE_SIZE)
        claims = search_claims(claims, options.get("query", ""))
        # Best first (claims/search.py); without words, the latest published first.
        page = (
            ranked_page(claims, offset=offset, size=size + 1)
            if is_ranked(claims)
            else list(claims[offset : offset + size + 1])
        )
        # Like Google's (proto3 JSON) answers, empty fields are left out: no match is {}.
        body: dict = {}
        if page:
            body["claims"] = [self.entry(claim, request, site, ours=ours) for claim in page[:size]]
        if len(page) > size:
            body["nextPageToken"] = encode_token(offset + size)
        return Response(body)

    def entry(self, claim: Claim, request, site: str, *, ours: bool) -> dict:
        first = first_appearance(claim.page_quotes)
        entry: dict = {"text": claim.text}
        if first is not None:
            claimant = first.speaker or first.source.publisher
            if claimant:
                entry["claimant"] = claimant.name
            if first.source.published_on:
                entry["claimDate"] = f"{first.source.published_on.isoformat()}T00:00:00Z"
        entry["claimReview"] = []
        if ours:
            entry["claimReview"].append(
                {
                    "publisher": {"name": settings.ORGANISATION_NAME, "site": site},
                    "url": request.build_absolute_uri(claim.get_absolute_url()),
                    "title": claim.text,
                    "reviewDate": _timestamp(claim.published_at),
                    "textualRating": claim.get_verdict_display(),
                    "languageCode": settings.LANGUAGE_CODE,
                }
            )
        # Other fact-checkers' reviews of the same claim, as Google lists every publisher's.
        entry["claimReview"] += [_external(review) for review in claim.page_reviews]
        return entry

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        response.data = google_error(response.status_code, _message(response.data))
        return response


# Google's status names (google.rpc.Code) for the HTTP statuses this endpoint answers with.
GOOGLE_STATUS = {
    400: "INVALID_ARGUMENT",
    404: "NOT_FOUND",
    405: "INVALID_ARGUMENT",
    429: "RESOURCE_EXHAUSTED",
}


def google_error(code: int, message: str) -> dict:
    """Google's error envelope: {"error": {"code", "message", "status"}}."""
    return {"error": {"code": code, "message": message, "status": GOOGLE_STATUS.get(code, "INTERNAL")}}


def _external(review: ExternalReview) -> dict:
    result: dict = {"publisher": {"name": review.reviewer.name}, "textualRating": review.rating_label}
    if review.url:
        result["url"] = review.url
        result["publisher"]["site"] = (urlsplit(review.url).hostname or "").removeprefix("www.")
    if review.title:
        result["title"] = review.title
    if review.reviewed_on:
        result["reviewDate"] = f"{review.reviewed_on.isoformat()}T00:00:00Z"
    if review.language:
        result["languageCode"] = review.language
    return result


def _message(data) -> str:
    errors = data.get("errors") if isinstance(data, dict) else None
    if errors:
        return "; ".join(f"{field}: {' '.join(map(str, messages))}" for field, messages in errors.items())
    return str(data.get("detail", data)) if isinstance(data, dict) else str(data)
