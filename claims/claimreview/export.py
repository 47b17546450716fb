"""Our published verdicts as a Data Commons DataFeed of ClaimReview items.

Aggregators (Google Fact Check Explorer, Data Commons) read this feed; each item
is the same ClaimReview object as the claim page's JSON-LD, with its language.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from claims.claimreview.markup import claim_review
from claims.models import Claim, Quote


def feed_claims() -> QuerySet[Claim]:
    """Published and corrected claims, with the quotes, sources and speakers their items name."""
    quotes = Quote.objects.with_sources()
    return (
        Claim.objects.published()
        .order_by("published_at", "pk")
        .prefetch_related(Prefetch("quotes", queryset=quotes.order_by("source__published_on", "pk")))
    )


def data_feed(*, claims: Iterable[Claim], base_url: str, organisation: dict) -> dict:
    """The DataFeed for `claims`; `base_url` is the site's root, for the reviews' own URLs."""
    base_url = base_url.rstrip("/")
    elements, modified = [], None
    for claim in claims:
        modified = max(modified or claim.updated_at, claim.updated_at)
        review = claim_review(
            claim=claim,
            quotes=list(claim.quotes.all()),
            url=f"{base_url}{claim.get_absolute_url()}",
            organisation=organisation,
        )
        review["inLanguage"] = settings.LANGUAGE_CODE
        elements.append(
            {
                "@type": "DataFeedItem",
                "dateCreated": claim.published_at.isoformat(),
                "dateModified": claim.updated_at.isoformat(),
                "item": [review],
            }
        )
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{settings.ORGANISATION_NAME} fact-checks",
        # The newest change, not the time of asking, so that an unchanged feed keeps its ETag.
        "dateModified": (modified or timezone.now()).isoformat(),
        "dataFeedElement": elements,
    }
