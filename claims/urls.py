from django.contrib.sitemaps.views import sitemap
from django.urls import path

from claims import views
from claims.feeds import PublishedClaimsFeed
from claims.sitemaps import SITEMAPS

app_name = "claims"

urlpatterns = [
    path("", views.home, name="home"),
    path("claims/<slug:slug>/", views.claim_detail, name="claim-detail"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
    path("actors/<int:pk>/", views.actor_detail, name="actor-detail"),
    path("feed.atom", PublishedClaimsFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
