"""The sitemaps: an index at /sitemap.xml naming one file per section and page, of at most 50,000 URLs each.

Search engines read at most 50,000 URLs per file, so a large archive is split
into pages (/sitemap-claims.xml?p=2) that the index lists.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from claims.models import Claim
from claims.visibility import public_actors, public_sources

URLS_PER_FILE = 50_000


class ClaimSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = URLS_PER_FILE

    def items(self):
        return Claim.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, claim: Claim):
        return claim.updated_at

    def get_latest_lastmod(self):
        # One aggregate, where Django's default would load every claim to take the latest date.
        return Claim.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class SourceSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4
    limit = URLS_PER_FILE

    def items(self):
        return public_sources().order_by("pk").only("pk")

    def location(self, source) -> str:
        return reverse("source-detail", args=[source.pk])


class ActorSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3
    limit = URLS_PER_FILE

    def items(self):
        return public_actors().order_by("pk").only("pk")

    def location(self, actor) -> str:
        return reverse("actor-detail", args=[actor.pk])


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home"]

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS = {"home": HomeSitemap, "claims": ClaimSitemap, "sources": SourceSitemap, "actors": ActorSitemap}
