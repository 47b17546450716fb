from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from claims.api.factchecktools import ClaimSearchView

admin.site.site_header = "Claim provenance tracker"
admin.site.site_title = "Claim provenance tracker"
admin.site.index_title = "Claims, sources and conflicts"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("factcheck.api_router")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("v1alpha1/claims:search", ClaimSearchView.as_view(), name="factchecktools-search"),
    # Resolved per request: the hashed file name is only known once static files are collected.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    path("", include("claims.urls")),
]
