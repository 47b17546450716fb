from django.urls import path

from claims import views
from claims.feeds import PublishedClaimsFeed
from claims.sitemaps import sitemap_file, sitemap_index

app_name = "claims"

urlpatterns = [
    path("", views.home, name="home"),
    path("claims/<slug:slug>/", views.claim_detail, name="claim-detail"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
    path("actors/<int:pk>/", views.actor_detail, name="actor-detail"),
    path("quotes/<int:pk>/as-quoted/", views.quote_as_quoted, name="quote-as-quoted"),
    path("feed.atom", PublishedClaimsFeed(), name="feed"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_file, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots"),
]
