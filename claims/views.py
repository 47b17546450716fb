import functools

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from claims.claimreview.markup import claim_review, json_ld_script, organisation
from claims.forms import ClaimFilterForm
from claims.models import Claim, ClaimQuerySet, Conflict, Correction, Quote
from claims.page_cache import serve_page
from claims.paging import ClaimListPaginator
from claims.provenance.drawing import provenance_context
from claims.provenance.graph import build_provenance
from claims.search import RankedPaginator, is_ranked
from claims.verdicts import BEST_RATING, WORST_RATING, Verdict
from claims.visibility import is_public_source, public_actors, public_quotes, public_sources
from claims.watching import after_quoting, capture_quoted
from sources.anchoring import find_quote
from sources.highlight import Mark, mark_text

CLAIMS_PER_PAGE = 20
RELATED_CLAIMS = 5
# Stands for a slug in a claim's address reversed once per page (a slug is only [-a-zA-Z0-9_]).
SLUG_PLACEHOLDER = "claim-slug"
VERDICT_LABELS = dict(Verdict.choices)


def listed_claims() -> ClaimQuerySet:
    """The home list's claims, newest first, with what each card shows: a fresh clone of one queryset built
    once per process (a queryset is not run until read), as building its annotations costs more than cloning."""
    return _listed_claims().all()


@functools.cache
def _listed_claims() -> ClaimQuerySet:
    return (
        Claim.objects.published()
        .with_flags()
        .with_quote_count()
        .with_source_count()
        .order_by("-published_at", "-id")
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    form, ignored = ClaimFilterForm.lenient(request.GET, actors=public_actors)
    claims = listed_claims()
    if form.is_bound:
        claims = form.filter(claims)
    # A search's matches come best first, a page at a time, counted up to a bound (claims/search.py);
    # the list, newest first, a page at a time at any depth (claims/paging.py).
    paginator = RankedPaginator if is_ranked(claims) else ClaimListPaginator
    page = paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    _cards(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "claims/claim_list.html",
        {
            "form": form,
            "ignored": ignored,
            "page": page,
            "query": query.urlencode(),
            "searching": form.is_bound,
        },
    )


def _cards(claims: list[Claim]) -> None:
    """Give each claim of a list page what its card shows that a method would compute per card: its
    address (`url`, one reverse() for the page) and its verdict's label (`verdict_label`)."""
    before, _, after = reverse("claims:claim-detail", args=[SLUG_PLACEHOLDER]).rpartition(SLUG_PLACEHOLDER)
    for claim in claims:
        claim.url = f"{before}{claim.slug}{after}"
        claim.verdict_label = VERDICT_LABELS.get(claim.verdict, claim.verdict)


@require_GET
def claim_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Querysets are built only when needed: a page from the cache needs none, and building one costs more.
    claim = None

    def claims() -> ClaimQuerySet:
        return Claim.objects.with_pages().with_flags()

    def read() -> dict | None:
        # The claim the page shows gives the validator too: a page not yet kept costs no query more.
        nonlocal claim
        claim = claims().filter(slug=slug).first()
        return claim and claim.validator

    return serve_page(
        request,
        slug,
        read=read,
        render=lambda pk: render_claim_page(request, claim or claims().get(pk=pk)),
        missing=lambda: redirect(get_object_or_404(claims().filter(former_slugs__slug=slug)), permanent=True),
    )


def render_claim_page(request: HttpRequest, claim: Claim) -> HttpResponse:
    """`claim` (annotated with_flags()) on its page."""
    quotes = list(
        claim.quotes.with_sources(with_text=True).select_related("source__watch").in_reading_order()
    )
    by_id = {quote.pk: quote for quote in quotes}
    for quote in quotes:
        quote.claim = claim
        quote.after_quoting = after_quoting(quote)
    conflicts = list(claim.conflicts.all())
    links = Conflict.quotes.through.objects.filter(conflict__claim=claim).order_by("pk")
    accounts: dict[int, list[Quote]] = {}
    for conflict_id, quote_id in links.values_list("conflict_id", "quote_id"):
        accounts.setdefault(conflict_id, []).append(by_id[quote_id])
    for conflict in conflicts:
        conflict.accounts = accounts.get(conflict.pk, [])
    url = request.build_absolute_uri(claim.get_absolute_url())
    context = {
        "claim": claim,
        "quotes": quotes,
        "source_count": len({quote.source_id for quote in quotes}),
        "conflicts": conflicts,
        "open_conflicts": [c for c in conflicts if c.status == Conflict.Status.OPEN],
        **notes_context(list(claim.corrections.all())),
        "external_reviews": list(claim.external_reviews.select_related("reviewer", "claimant")),
        "related": related_claims(claim),
        "canonical_url": url,
        "scale": range(WORST_RATING, BEST_RATING + 1),
    }
    if claim.is_public:
        review = claim_review(
            claim=claim, quotes=quotes, url=url, organisation=organisation(request.build_absolute_uri("/"))
        )
        context["json_ld"] = json_ld_script(review)
        context.update(provenance_context(build_provenance(claim, quotes=quotes)))
    return render(request, "claims/claim_detail.html", context)


def notes_context(notes: list[Correction]) -> dict:
    """The claim's corrections (the latest dates the page's "Corrected on") apart from its retraction."""
    corrections = [note for note in notes if note.kind == Correction.Kind.CORRECTION]
    return {
        "corrections": corrections,
        "corrected_on": corrections[-1].published_at if corrections else None,
        "retractions": [note for note in notes if note.kind == Correction.Kind.RETRACTION],
    }


def related_claims(claim: Claim) -> list[Claim]:
    """Other published claims that quote the same sources or speakers, the most shared first."""
    return list(Claim.objects.published().related_to(claim)[:RELATED_CLAIMS])


@require_GET
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(
        public_sources().select_related("publisher").prefetch_related("authors"), pk=pk
    )
    cites = source.citations.filter(Q(cited_source__isnull=True) | is_public_source("cited_source"))
    return render(
        request,
        "sources/source_detail.html",
        {
            "source": source,
            "quotes": public_quotes()
            .filter(source=source)
            .select_related("claim", "speaker", "source__publisher"),
            "cites": cites.select_related("cited_source__publisher", "cited_actor").defer(
                "cited_source__text"
            ),
            "cited_by": source.cited_by.filter(is_public_source("citing"))
            .select_related("citing__publisher")
            .defer("citing__text"),
        },
    )


@require_GET
def quote_as_quoted(request: HttpRequest, pk: int) -> HttpResponse:
    """The source's text as it was when we quoted it, from our captures, with its SHA-256 to verify."""
    quote = get_object_or_404(public_quotes().select_related("claim", "source__publisher"), pk=pk)
    capture = capture_quoted(quote)
    if capture is None:
        raise Http404("No text of this source was captured.")
    if request.GET.get("format") == "txt":
        # The exact bytes the SHA-256 is of: `sha256sum` of this download gives the hash shown.
        return HttpResponse(capture.text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    anchor = find_quote(capture.text, quote.exact, prefix=quote.prefix, suffix=quote.suffix, hint=quote.start)
    marks = [Mark(anchor.start, anchor.end, "the quoted words")] if anchor else []
    return render(
        request,
        "claims/quote_as_quoted.html",
        {"quote": quote, "capture": capture, "text": mark_text(capture.text, marks), "found": bool(anchor)},
    )


@require_GET
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(public_actors().prefetch_related("aliases"), pk=pk)
    return render(
        request,
        "sources/actor_detail.html",
        {
            "actor": actor,
            "quotes": public_quotes().filter(speaker=actor).select_related("claim", "source"),
            "sources": public_sources().filter(publisher=actor),
        },
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('claims:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
