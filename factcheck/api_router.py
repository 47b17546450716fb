from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from claims.api.views import (
    ActorViewSet,
    CitationViewSet,
    ClaimReviewFeedView,
    ClaimViewSet,
    ConflictViewSet,
    IngestView,
    JobViewSet,
    ObtainTokenView,
    QuoteSuggestionClaimView,
    QuoteViewSet,
    SourceViewSet,
    not_found,
)

app_name = "api"

router = DefaultRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("conflicts", ConflictViewSet, basename="conflict")
router.register("sources", SourceViewSet, basename="source")
router.register("actors", ActorViewSet, basename="actor")
router.register("citations", CitationViewSet, basename="citation")
router.register("jobs", JobViewSet, basename="job")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("claimreview-feed/", ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("ingest/", IngestView.as_view(), name="ingest"),
    path(
        "quote-suggestions/<int:pk>/claim/", QuoteSuggestionClaimView.as_view(), name="quote-suggestion-claim"
    ),
    *router.urls,
    # Anything else under the API answers in the API's own JSON, not with an HTML page.
    re_path(r"^[\s\S]*$", not_found),  # not ".*": a newline in the path is part of "anything" too
]
