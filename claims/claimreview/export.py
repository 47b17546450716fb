"""Our published verdicts as a Data Commons DataFeed of ClaimReview items.

Aggregators (Google Fact Check Explorer, Data Commons) read this feed; each item
is the same ClaimReview object as the claim page's JSON-LD, with its language.

An archive's feed is hundreds of megabytes, so it is written as it is read
(write_data_feed()): the claims come in chunks of CHUNK_SIZE, each with its
quotes read as plain rows (QuoteRow, the columns an item shows, not model
instances), and each item is written and forgotten before the next chunk is read,
so memory stays the same whatever the number of claims. Chunks are pages of
the feed's order read by key (the claims after the last one written), not a
server-side cursor: each is a short query of its own, which a connection
pooler in transaction mode, a read replica and a statement timeout all allow.
"""

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from claims.claimreview.markup import claim_review
from claims.json_stream import dump_with_list
from claims.models import Claim, Quote

# Each chunk's quotes join the sources, which PostgreSQL reads whole for a hash join: fewer, larger
# chunks read them fewer times (500: 8.3 s of queries per 20,000 claims at 100,000; 2,000: 3.5 s).
CHUNK_SIZE = 2_000
AGENT_COLUMNS = ("name", "kind", "wikidata_id")  # what an item shows of a publisher or speaker


def feed_claims() -> QuerySet[Claim]:
    """Published and corrected claims in the feed's order, with the columns their items show (their
    quotes are read by in_chunks(), a chunk at a time)."""
    return (
        Claim.objects.published()
        .order_by("published_at", "pk")
        .only("slug", "text", "verdict", "status", "published_at", "reviewed_on", "updated_at")
    )


@dataclass(frozen=True, slots=True)
class Agent:
    name: str
    kind: str
    wikidata_id: str


@dataclass(frozen=True, slots=True)
class Appearance:
    title: str
    url: str
    published_on: date | None
    publisher: Agent | None


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """What a ClaimReview item shows of a quote (claims/claimreview/markup.py reads it as a Quote)."""

    pk: int
    source_id: int
    source: Appearance
    speaker: Agent | None


def _agent(name: str | None, kind: str, wikidata_id: str) -> Agent | None:
    return None if name is None else Agent(name, kind, wikidata_id)


def quotes_of(claim_ids: list[int]) -> dict[int, list[QuoteRow]]:
    """The quotes of each of these claims in reading order, with their sources, publishers and speakers,
    in one query of plain rows: an archive's items name half a million quotes, and a model instance
    for each quote, source and actor cost more than everything else the feed does."""
    rows = (
        Quote.objects.filter(claim_id__in=claim_ids)
        .in_reading_order()
        .values_list(
            "pk",
            "claim_id",
            "source_id",
            *(f"source__{name}" for name in ("title", "url", "published_on")),
            *(f"source__publisher__{name}" for name in AGENT_COLUMNS),
            *(f"speaker__{name}" for name in AGENT_COLUMNS),
        )
    )
    quotes: dict[int, list[QuoteRow]] = {pk: [] for pk in claim_ids}
    for pk, claim_id, source_id, title, url, published_on, *agents in rows:
        publisher, speaker = _agent(*agents[:3]), _agent(*agents[3:])
        quotes[claim_id].append(
            QuoteRow(pk, source_id, Appearance(title, url, published_on, publisher), speaker)
        )
    return quotes


def in_chunks(claims: QuerySet[Claim], size: int | None = None) -> Iterator[tuple[Claim, list[QuoteRow]]]:
    """Each of `claims` (in the feed's order, by published_at then id) with its quotes, read `size`
    (CHUNK_SIZE) claims at a time: two queries a chunk."""
    size = size or CHUNK_SIZE
    after: Claim | None = None
    while True:
        page = claims
        if after is not None:
            # published_at >= t narrows the index scan; the OR only breaks ties within t.
            page = claims.filter(
                Q(published_at__gt=after.published_at) | Q(pk__gt=after.pk),
                published_at__gte=after.published_at,
            )
        chunk = list(page[:size])
        if chunk:
            quotes = quotes_of([claim.pk for claim in chunk])
            for claim in chunk:
                yield claim, quotes[claim.pk]
        if len(chunk) < size:
            return
        after = chunk[-1]


def feed_validators(claims: QuerySet[Claim]) -> dict:
    """In one query: the feed's newest change (its dateModified), the latest change to anything its
    items show (claims/freshness.py moves `changed_at`) and how many claims it holds."""
    return claims.order_by().aggregate(
        modified=Max("updated_at"), changed=Max("changed_at"), count=Count("pk")
    )


def feed_items(
    *, claims: Iterable[tuple[Claim, Sequence[Quote | QuoteRow]]], base_url: str, organisation: dict
) -> Iterator[dict]:
    """The DataFeedItem of each claim with its quotes; `base_url` is the site's root, for the reviews' URLs."""
    base_url = base_url.rstrip("/")
    for claim, quotes in claims:
        review = claim_review(
            claim=claim,
            quotes=quotes,
            url=f"{base_url}{claim.get_absolute_url()}",
            organisation=organisation,
        )
        review["inLanguage"] = settings.LANGUAGE_CODE
        yield {
            "@type": "DataFeedItem",
            "dateCreated": claim.published_at.isoformat(),
            "dateModified": claim.updated_at.isoformat(),
            "item": [review],
        }


def feed_head(modified: datetime | None) -> dict:
    """The DataFeed around its items (`dataFeedElement`, left empty here)."""
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{settings.ORGANISATION_NAME} fact-checks",
        # The newest change, not the time of asking, so that an unchanged feed keeps its ETag.
        "dateModified": (modified or timezone.now()).isoformat(),
        "dataFeedElement": [],
    }


def data_feed(*, claims: QuerySet[Claim], base_url: str, organisation: dict) -> dict:
    """The DataFeed of `claims` (feed_claims()) as one object in memory: for a few claims (tests)."""
    read = list(in_chunks(claims))
    feed = feed_head(max((claim.updated_at for claim, _ in read), default=None))
    feed["dataFeedElement"] = list(feed_items(claims=read, base_url=base_url, organisation=organisation))
    return feed


def write_data_feed(
    *,
    base_url: str,
    organisation: dict,
    encoder: json.JSONEncoder,
    claims: QuerySet[Claim] | None = None,
    modified: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """The text of the DataFeed of `claims` (feed_claims() when left out), a piece at a time: the same
    text as `encoder.encode(data_feed(...))`. `modified` is the feed's dateModified when already read;
    `progress` is told how many claims have been read so far."""
    claims = feed_claims() if claims is None else claims
    if modified is None:
        modified = feed_validators(claims)["modified"]
    read = in_chunks(claims)
    if progress:
        read = _counted(read, progress)
    items = feed_items(claims=read, base_url=base_url, organisation=organisation)
    return dump_with_list(feed_head(modified), "dataFeedElement", items, encoder=encoder)


def _counted(claims: Iterator, progress: Callable[[int], None]) -> Iterator:
    for done, claim in enumerate(claims, 1):
        progress(done)
        yield claim


def export_encoder() -> json.JSONEncoder:
    """The layout of the exported file (export_claimreview, export jobs): indented, UTF-8 as it is."""
    return json.JSONEncoder(ensure_ascii=False, indent=2)
