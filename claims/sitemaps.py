"""The sitemaps: an index at /sitemap.xml naming one file per section and page, of at most 5,000 URLs each.

Search engines read at most 50,000 URLs per file, so a large archive is split
into pages (/sitemap-claims.xml?p=2) that Django's index view lists. A file
holds 5,000 ids, not the 50,000 allowed: a claims file is then about 1 MB
(its URLs carry the claims' slugs) rather than 10 MB, written in a tenth of
the time and sent from the cache quickly, and the memory a file takes stays
the same however many claims there are. Pages are
ranges of ids, so the index needs each table's largest id rather than a count
of its public rows. A file is written here rather than by Django's sitemap
template, which takes tens of seconds over 50,000 URLs: each section reads only
the columns its URLs need and resolves its URL pattern once per file.

A written file, and the index, are kept in the shared cache under the latest change to any
claim (ClaimQuerySet.latest_change()) and a token every deleted claim replaces
(claims/list_cache.py): every change that can add a URL to a section or take
one out (a claim published, retracted or deleted, a quote, a citation) moves
them, so the next request writes the file anew. A file is kept for at most
FILE_SECONDS, which bounds what neither reaches (a claim deleted in another
process when each has its own cache).
"""

from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import cached_property
from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemaps
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from claims.list_cache import lists_version
from claims.models import Claim
from claims.visibility import public_actors, public_sources

URLS_PER_FILE = 5_000  # ids per file (Sitemap.limit); search engines accept up to 50,000
FILE_SECONDS = 3600


class IdRangePages:
    """A sitemap section's pages as ranges of `per_page` ids: page 2 holds the public rows of ids 50,001-100,000."""

    def __init__(self, items: QuerySet, per_page: int) -> None:
        self.items, self.per_page = items, per_page

    @cached_property
    def num_pages(self) -> int:
        last = self.items.model._default_manager.aggregate(last=Max("pk"))["last"] or 0
        return max(1, -(-last // self.per_page))

    def page(self, number) -> Page:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(f"No page {number!r}.") from error
        if not 1 <= number <= self.num_pages:
            raise EmptyPage(f"No page {number}.")
        first = (number - 1) * self.per_page
        return Page(self.items.filter(pk__gt=first, pk__lte=first + self.per_page), number, self)


class IdRangeSitemap(Sitemap):
    limit = URLS_PER_FILE

    @property
    def paginator(self) -> IdRangePages:
        return IdRangePages(self.items(), self.limit)


def path_prefix(name: str) -> str:
    """The path of the URL `name` up to its one argument, e.g. "/claims/" for "claim-detail"."""
    return reverse(name, args=["0"]).removesuffix("0/")


class ClaimSitemap(IdRangeSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        # Retracted claims keep their page, saying so: search engines learn of the retraction there.
        return Claim.objects.with_pages().order_by("pk")

    def lastmod(self, claim: Claim):
        return claim.updated_at

    def get_latest_lastmod(self):
        # One aggregate, where Django's default would load every claim to take the latest date.
        return Claim.objects.with_pages().aggregate(latest=Max("updated_at"))["latest"]

    def entries(self, items) -> Iterator[tuple[str, datetime | None]]:
        prefix = path_prefix("claims:claim-detail")
        for slug, updated_at in items.values_list("slug", "updated_at"):
            yield f"{prefix}{slug}/", updated_at


class SourceSitemap(IdRangeSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return public_sources().order_by("pk")

    def entries(self, items) -> Iterator[tuple[str, datetime | None]]:
        prefix = path_prefix("claims:source-detail")
        return ((f"{prefix}{pk}/", None) for pk in items.values_list("pk", flat=True))


class ActorSitemap(IdRangeSitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return public_actors().order_by("pk")

    def entries(self, items) -> Iterator[tuple[str, datetime | None]]:
        prefix = path_prefix("claims:actor-detail")
        return ((f"{prefix}{pk}/", None) for pk in items.values_list("pk", flat=True))


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["claims:home"]

    def location(self, name: str) -> str:
        return reverse(name)

    def entries(self, items) -> Iterator[tuple[str, datetime | None]]:
        return ((reverse(name), None) for name in items)


SITEMAPS = {"home": HomeSitemap, "claims": ClaimSitemap, "sources": SourceSitemap, "actors": ActorSitemap}


def urlset(site: Sitemap, entries: Iterable[tuple[str, datetime | None]], base: str) -> Iterator[str]:
    tail = f"<changefreq>{site.changefreq}</changefreq><priority>{site.priority}</priority></url>\n"
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    for path, lastmod in entries:
        modified = f"<lastmod>{lastmod.isoformat(timespec='seconds')}</lastmod>" if lastmod else ""
        yield f"<url><loc>{escape(base + path)}</loc>{modified}{tail}"
    yield "</urlset>\n"


@require_GET
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The index of every section's files, kept in the cache as the files are: the files it lists and
    their dates change only when a claim changes (a source or actor becomes public through a claim)."""
    base = f"{request.scheme}://{get_current_site(request).domain}"
    key = f"sitemap-index:{base}:{lists_version()}"
    if (kept := cache.get(key)) is not None:
        content, headers = kept
        return HttpResponse(content, headers=headers)
    response = sitemaps.index(request, sitemaps=SITEMAPS, sitemap_url_name="claims:sitemap-section")
    response.render()
    headers = {name: response[name] for name in ("Content-Type", "X-Robots-Tag") if name in response}
    cache.set(key, (response.content, headers), FILE_SECONDS)
    return response


@require_GET
def sitemap_file(request: HttpRequest, section: str) -> HttpResponse:
    """One page of one section's sitemap (?p=2 for the second), as the index lists them."""
    if section not in SITEMAPS:
        raise Http404(f"No sitemap section {section!r}.")
    site = SITEMAPS[section]()
    try:
        number = int(request.GET.get("p", 1))
    except ValueError as error:
        raise Http404(f"No page {request.GET['p']!r}.") from error
    base = f"{request.scheme}://{get_current_site(request).domain}"
    # A file is only kept once written, so a page found in the cache exists: only a file written anew
    # asks whether its page does (the section's largest id).
    key = f"sitemap:{section}:{number}:{base}:{lists_version()}"
    body = cache.get(key)
    if body is None:
        try:
            page = site.paginator.page(number)
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404(str(error)) from error
        body = "".join(urlset(site, site.entries(page.object_list), base))
        cache.set(key, body, FILE_SECONDS)
    return HttpResponse(
        body, content_type="application/xml", headers={"X-Robots-Tag": "noindex, noodp, noarchive"}
    )
