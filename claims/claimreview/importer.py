"""Import other fact-checkers' ClaimReview records as external reviews of our claims.

Each record is matched to the claim it reviews (one of its appearance URLs is
already a source of the claim, or the sentence is the same up to spelling),
else a draft claim is opened for an editor. Every record is written in its own
transaction, so a record that fails leaves nothing behind and the others still
import; importing the same feed again changes nothing.
"""

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, OperationalError, transaction
from django.db.models import Q
from rapidfuzz import fuzz

from claims.claimreview.parse import (
    Agent,
    Appearance,
    RecordError,
    ReviewRecord,
    is_claim_review,
    parse_review,
    source_kind,
)
from claims.models import Claim, ExternalReview
from sources.actors import get_or_create_actor
from sources.models import Actor, Source, name_key

# How alike two sentences must be (rapidfuzz ratio, 0–100) to be the same claim; the numbers in
# them must also be the same, so "expelled 8 in 2021" never meets "expelled 2 in 2009".
SAME_CLAIM_SIMILARITY = 92
# How often a record is tried again after losing a race with a concurrent import of the same rows.
ATTEMPTS = 3
# PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply be run again.
RETRYABLE_STATES = {"40P01", "40001"}


@dataclass(frozen=True)
class Rejection:
    index: int
    reason: str

    def __str__(self) -> str:
        return f"record {self.index}: {self.reason}"


@dataclass
class ImportSummary:
    created: int = 0  # a new draft claim was opened for the review
    matched: int = 0  # the review was added to, or updated on, a claim we had
    skipped: int = 0  # already recorded exactly so: nothing changed
    found: int = 0  # ClaimReview records among what was read
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)  # imported, but with something left out

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.matched} matched, {self.skipped} skipped, "
            f"{len(self.rejected)} rejected"
        )


def import_claim_reviews(
    nodes: Iterable[dict], *, progress: Callable[[int], None] | None = None
) -> ImportSummary:
    """Import every ClaimReview among `nodes`; other JSON-LD objects (pages, organisations) are passed over."""
    summary = ImportSummary()
    reviews = [node for node in nodes if isinstance(node, dict) and is_claim_review(node)]
    summary.found = len(reviews)
    for index, node in enumerate(reviews, 1):
        try:
            record = parse_review(node)
            outcome = _import_with_retries(record)
        except RecordError as error:
            summary.rejected.append(Rejection(index, str(error)))
        except DatabaseError as error:  # a value the database refuses: this record only, rolled back
            summary.rejected.append(Rejection(index, f"it could not be saved ({error})."))
        else:
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            summary.notes += [Rejection(index, note) for note in record.notes]
        if progress:
            progress(1)
    return summary


def _import_with_retries(record: ReviewRecord) -> str:
    """import_review(), run again when a concurrent import wrote the same rows first.

    Its transaction is then rolled back whole; the next attempt finds the rows the other import
    committed (the unique constraints on a source's URL, a review's key and an actor's name made this
    one wait for them), so a record lost to a race is skipped, never reported rejected.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return import_review(record)
        except (IntegrityError, OperationalError) as error:
            retryable = isinstance(error, IntegrityError) or (
                getattr(error.__cause__, "sqlstate", None) in RETRYABLE_STATES
            )
            if not retryable or attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def import_review(record: ReviewRecord) -> str:
    """Record one review; return "created", "matched" or "skipped"."""
    key = review_key(record)
    appearances = [_source(appearance) for appearance in record.appearances]
    first = _source(record.first_appearance) if record.first_appearance else None
    outcome = "matched"
    claim = (
        _known_claim(key) or _claim_with_sources(appearances) or claim_with_same_sentence(record.claim_text)
    )
    if claim is None:
        claim = Claim.objects.create(text=record.claim_text)
        outcome = "created"
    values = {
        "reviewer": _actor(record.reviewer),
        "url": record.url,
        "title": record.title,
        "claim_reviewed": record.claim_reviewed,
        "rating_label": record.rating_label,
        "verdict": record.verdict or "",
        "rating_value": record.rating_value,
        "best_rating": record.best_rating,
        "worst_rating": record.worst_rating,
        "reviewed_on": record.reviewed_on,
        "language": record.language,
        "claimant": _actor(record.claimant) if record.claimant else None,
        "claimed_on": record.claimed_on,
        "first_appearance": first,
    }
    review = ExternalReview.objects.filter(claim=claim, key=key).first()
    if review is None:
        review = ExternalReview.objects.create(claim=claim, key=key, **values)
        review.appearances.set(appearances)
        return outcome
    # The same review met again (another crawl, another page listing it): what it says fills in and
    # corrects what we have, but a record that leaves a field out never erases it.
    changed = {
        name: value
        for name, value in values.items()
        if value not in (None, "") and getattr(review, name) != value
    }
    known = {source.pk for source in review.appearances.all()}
    added = [source for source in appearances if source.pk not in known]
    if not changed and not added:
        return "skipped"
    if changed:
        for name, value in changed.items():
            setattr(review, name, value)
        review.save(update_fields=list(changed))
    if added:
        review.appearances.add(*added)
    return outcome


def review_key(record: ReviewRecord) -> str:
    """A review's identity: its URL, or a digest of who said what when it has none."""
    if record.url:
        return record.url
    said = "\n".join(
        [record.claim_text, name_key(record.reviewer.name), record.rating_label, str(record.reviewed_on)]
    )
    return "sha256:" + hashlib.sha256(said.encode()).hexdigest()


def claim_with_same_sentence(text: str) -> Claim | None:
    """The claim whose sentence is this one up to case, spacing and punctuation, if there is one.

    The database narrows the candidates to claims sharing the sentence's longest word; rapidfuzz
    then compares each with the sentence, and the numbers in both must agree.
    """
    wanted = _comparable(text)
    words = sorted(re.findall(r"\w{4,}", text), key=len, reverse=True)
    candidates = Claim.objects.filter(text__icontains=words[0]) if words else Claim.objects.all()
    best, best_score = None, SAME_CLAIM_SIMILARITY
    for claim in candidates.only("pk", "text", "version", "slug").order_by("pk")[:200]:
        other = _comparable(claim.text)
        if _numbers(other) != _numbers(wanted):
            continue
        score = fuzz.ratio(wanted, other)
        if score >= best_score:
            best, best_score = claim, score
    return best


def _comparable(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _known_claim(key: str) -> Claim | None:
    review = ExternalReview.objects.filter(key=key).select_related("claim").first()
    return review.claim if review else None


def _claim_with_sources(sources: list[Source]) -> Claim | None:
    with_url = [source.pk for source in sources if source.url]
    if not with_url:
        return None
    return (
        Claim.objects.filter(Q(quotes__source__in=with_url) | Q(external_reviews__appearances__in=with_url))
        .order_by("pk")
        .first()
    )


def _actor(agent: Agent) -> Actor:
    return get_or_create_actor(name=agent.name[:200], kind=agent.kind)[0]


def _source(appearance: Appearance) -> Source:
    if appearance.url:
        source = Source.objects.filter(url=appearance.url).first()
    else:
        source = Source.objects.filter(
            url__isnull=True, title=appearance.title, published_on=appearance.published_on
        ).first()
    if source is not None:
        return source
    return Source.objects.create(
        kind=source_kind(appearance.url),
        title=appearance.title,
        url=appearance.url,
        published_on=appearance.published_on,
        publisher=_actor(appearance.publisher) if appearance.publisher else None,
        language="und",
    )
