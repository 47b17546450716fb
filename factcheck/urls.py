from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

from claims.api.factchecktools import ClaimSearchView
from claims.api.schema_view import SchemaView

DOCUMENTATION_POLICY = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]})
# Redoc's sidebar shows Redocly's logo from their CDN.
REDOC_POLICY = csp_update(
    {"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"], "img-src": ["https://cdn.redoc.ly"]}
)

handler500 = "claims.api.errors.server_error"


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("factcheck.api_router")),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    # Swagger UI's start-up script is served as a file of its own (the split view); both pages set
    # styles inline and Redoc works in a worker it makes from a blob.
    # They are pages, not API resources: OPTIONS is 405 (DRF's description of a view has no template).
    path(
        "api/docs/",
        DOCUMENTATION_POLICY(SpectacularSwaggerSplitView.as_view(url_name="schema", metadata_class=None)),
        name="swagger-ui",
    ),
    path(
        "api/redoc/",
        REDOC_POLICY(SpectacularRedocView.as_view(url_name="schema", metadata_class=None)),
        name="redoc",
    ),
    path("v1alpha1/claims:search", ClaimSearchView.as_view(), name="factchecktools-search"),
    # Resolved per request: the hashed file name is only known once static files are collected.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    path("", include("claims.urls")),
]
