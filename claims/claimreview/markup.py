"""schema.org ClaimReview for a published claim, as Google's fact-check markup asks for it.

Required: claimReviewed, reviewRating (with alternateName), url. Recommended:
author, datePublished, itemReviewed as a Claim with its author,
datePublished, appearance and firstAppearance.
"""

import json
from collections.abc import Sequence

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from claims.models import Claim, Quote
from claims.verdicts import review_rating
from sources.models import Actor, Source

# Escaped so that nothing inside the JSON, such as a quote containing "</script>", can end the script element.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def organisation(base_url: str) -> dict:
    """Us, as the author of our reviews and feeds: the organisation named in settings, at the site's root."""
    return {"@type": "Organization", "name": settings.ORGANISATION_NAME, "url": base_url.rstrip("/") + "/"}


def json_ld_script(data: dict) -> SafeString:
    payload = json.dumps(data, ensure_ascii=False, indent=2).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


def _agent(actor: Actor) -> dict:
    kind = "Person" if actor.kind in (Actor.Kind.PERSON, Actor.Kind.OFFICIAL) else "Organization"
    agent = {"@type": kind, "name": actor.name}
    if actor.wikidata_id:
        agent["sameAs"] = f"https://www.wikidata.org/wiki/{actor.wikidata_id}"
    return agent


def _appearance(source: Source) -> dict:
    work = {"@type": "CreativeWork", "headline": source.title}
    if source.url:
        work["url"] = source.url
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    if source.publisher:
        work["publisher"] = _agent(source.publisher)
    return work


def first_appearance(quotes: Sequence[Quote]) -> Quote | None:
    """The quote from the earliest dated source, else the first recorded."""
    dated = [quote for quote in quotes if quote.source.published_on]
    if dated:
        return min(dated, key=lambda quote: (quote.source.published_on, quote.pk))
    return min(quotes, key=lambda quote: quote.pk, default=None)


def claim_review(*, claim: Claim, quotes: Sequence[Quote], url: str, organisation: dict) -> dict:
    """The ClaimReview object for `claim`, whose `quotes` carry their sources and speakers."""
    sources = list({quote.source_id: quote.source for quote in quotes}.values())
    first = first_appearance(quotes)
    item: dict = {"@type": "Claim"}
    if first is not None:
        claimant = first.speaker or first.source.publisher
        if claimant:
            item["author"] = _agent(claimant)
        if first.source.published_on:
            item["datePublished"] = first.source.published_on.isoformat()
        item["firstAppearance"] = _appearance(first.source)
        item["appearance"] = [_appearance(source) for source in sources]
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "author": organisation,
        "reviewRating": review_rating(claim.verdict),
    }
    if claim.published_at:
        review["datePublished"] = claim.published_at.date().isoformat()
    if claim.reviewed_on:
        review["dateModified"] = claim.reviewed_on.isoformat()
    return review
