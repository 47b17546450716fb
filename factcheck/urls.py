from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Claim provenance tracker"
admin.site.site_title = "Claim provenance tracker"
admin.site.index_title = "Claims, sources and conflicts"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
]
