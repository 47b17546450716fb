from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from claims.models import Claim
from claims.visibility import public_actors, public_sources


class ClaimSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Claim.objects.published().order_by("pk")

    def lastmod(self, claim: Claim):
        return claim.updated_at


class SourceSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return public_sources().order_by("pk").only("pk")

    def location(self, source) -> str:
        return reverse("claims:source-detail", args=[source.pk])


class ActorSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return public_actors().order_by("pk").only("pk")

    def location(self, actor) -> str:
        return reverse("claims:actor-detail", args=[actor.pk])


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["claims:home"]

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS = {"home": HomeSitemap, "claims": ClaimSitemap, "sources": SourceSitemap, "actors": ActorSitemap}
