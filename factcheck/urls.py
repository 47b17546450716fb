from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Claim provenance tracker"
admin.site.site_title = "Claim provenance tracker"
admin.site.index_title = "Claims, sources and conflicts"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("claims.urls")),
]
