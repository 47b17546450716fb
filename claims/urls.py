from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from claims import views
from claims.feeds import PublishedClaimsFeed
from claims.sitemaps import SITEMAPS, sitemap_file

app_name = "claims"

urlpatterns = [
    path("", views.home, name="home"),
    path("claims/<slug:slug>/", views.claim_detail, name="claim-detail"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
    path("actors/<int:pk>/", views.actor_detail, name="actor-detail"),
    path("quotes/<int:pk>/as-quoted/", views.quote_as_quoted, name="quote-as-quoted"),
    path("feed.atom", PublishedClaimsFeed(), name="feed"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "claims:sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_file, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots"),
]
