"""Which recorded claim a numeric statement is about.

The database narrows the claims to those sharing the statement's words
(PostgreSQL's ranked full-text search with stemming; on SQLite, the claims
containing the most of those words), then each candidate is judged here:

- Statements with an event frame (claims/ingestion/statements.Frame) meet claims whose
  sentence has a compatible frame: the same event, agent and nationality where
  both say. "the Netherlands deported another Russian" meets "The Netherlands
  expelled two Russian diplomats", which is how their disagreement is found.
- Other statements meet a claim only when the words are nearly the same with
  the numbers left out, and name the same proper nouns (SVR is not GRU).

Either way the times must overlap: NATO's 8 in 2021 and 2 in 2009 are
different facts. The number itself never decides: accounts that disagree on
it are exactly what must meet.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import Q, QuerySet
from rapidfuzz import fuzz

from claims.ingestion.statements import EVENT_WORDS, Frame, extract_statements
from claims.ingestion.time_expressions import AROUND_PUBLICATION, Period
from claims.models import Claim
from claims.quantities import periods_overlap
from sources.sentences import word_set

# rapidfuzz token set ratio, numbers masked, for two statements without a frame to be one claim.
SAME_WORDS = 90
CANDIDATES = 50
NUMBER = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million|another|both|dozens?)\b",
    re.IGNORECASE,
)
STOP = word_set("the a an of in on at to for from by and or but with that which who were was is are be")


@dataclass(frozen=True)
class Candidate:
    """What is compared of a statement or a claim."""

    text: str
    frame: Frame | None
    period: tuple


@dataclass(frozen=True)
class ClaimMatch:
    claim: Claim
    score: int  # 0–100


def statement_candidate(text: str, frame: Frame | None, period: Period | None) -> Candidate:
    if period is None:
        return Candidate(text, frame, (None, None))
    if period.reported_on:
        # A guess around its report: news reports what happened in the weeks before, so only those count
        # here ("the 17 spies sent away", reported in April, were the March expulsion; not next year's).
        return Candidate(text, frame, (period.reported_on - AROUND_PUBLICATION, period.reported_on))
    return Candidate(text, frame, (period.start, period.end))


def claim_candidate(claim: Claim) -> Candidate:
    # Only a claim about a number is about the count of an event; one that mentions an expulsion in
    # passing ("the allegations … were baseless") is not.
    frame = frame_of(claim.text) if claim.value is not None else None
    return Candidate(claim.text, frame, claim.period)


@lru_cache(maxsize=4096)
def frame_of(text: str) -> Frame | None:
    """The event frame a claim's sentence states, if any."""
    return next((statement.frame for statement in extract_statements(text) if statement.frame), None)


def score(statement: Candidate, claim: Candidate) -> int:
    """How surely `statement` is about `claim`, 0 when it is not."""
    if not periods_overlap(statement.period, claim.period):
        return 0
    alike = fuzz.token_set_ratio(_masked(statement.text), _masked(claim.text))
    if statement.frame and claim.frame:
        # Without a time on both sides, the frames must say everything alike, not merely not differ:
        # "the Netherlands sent 17 spies away" (when?) is not the 2018 expulsion of four Russians.
        timed = None not in statement.period and None not in claim.period
        alike_frames = statement.frame.compatible(claim.frame) if timed else statement.frame.same(claim.frame)
        return round(80 + alike / 5) if alike_frames else 0
    if alike >= SAME_WORDS and _proper_nouns(statement.text) == _proper_nouns(claim.text):
        return round(alike)
    return 0


def similar_claim(statement: Candidate, *, exclude: set[int] = frozenset()) -> ClaimMatch | None:
    """The recorded claim `statement` is most surely about, or None."""
    best = None
    for claim in _candidates(statement, exclude):
        found = score(statement, claim_candidate(claim))
        if found and (best is None or found > best.score):
            best = ClaimMatch(claim, found)
    return best


def _content_words(text: str) -> list[str]:
    """The words that say what a sentence is about, longest first, numbers left out."""
    words = {
        word.lower() for word in re.findall(r"[A-Za-z][\w-]+", _masked(text)) if word.lower() not in STOP
    }
    return sorted((word for word in words if len(word) > 2), key=lambda word: (-len(word), word))


def _candidates(statement: Candidate, exclude) -> QuerySet[Claim]:
    """The claims that could be about `statement`: naming its event (and whom it happened to), or sharing
    its most telling words; the newest first, since a statement is usually about a recent claim."""
    claims = (
        Claim.objects.exclude(status=Claim.Status.RETRACTED)
        .exclude(pk__in=exclude)
        .only("text", "value", "time_start", "time_end", "status")
    )
    if statement.frame:
        required = [EVENT_WORDS[statement.frame.event]]
        if statement.frame.nationality:
            required.append([statement.frame.nationality[:6]])  # "russia" meets Russian, Russians, Russia
    else:
        required = [[word] for word in _content_words(statement.text)[:2]]
    if not required:
        return claims.none()
    if connection.vendor == "postgresql":
        return _ranked(claims, required)
    for words in required:
        anyone = Q()
        for word in words:
            anyone |= Q(text__icontains=word)
        claims = claims.filter(anyone)
    return claims.order_by("-pk")[:CANDIDATES]


def _ranked(claims: QuerySet[Claim], required: list[list[str]]) -> QuerySet[Claim]:
    """PostgreSQL: the same words, stemmed ("expel" meets "expelled"), the best-ranked claims first."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector("text", config="english")
    terms = " & ".join("(" + " | ".join(f"{word}:*" for word in words) + ")" for words in required)
    query = SearchQuery(terms, search_type="raw", config="english")
    # Match with @@, not rank > 0: PostgreSQL ranks a non-match 1e-20, not 0.
    ranked = claims.annotate(document=vector, rank=SearchRank(vector, query)).filter(document=query)
    return ranked.order_by("-rank", "-pk")[:CANDIDATES]


def _masked(text: str) -> str:
    return NUMBER.sub("#", text)


def _proper_nouns(text: str) -> set[str]:
    """Capitalised words not opening a sentence, and acronyms: what names the things a claim is about."""
    words = re.findall(r"(?<=[\s(“\"])[A-Z][\w-]*|^[A-Z]{2,}\b", text)
    return {word.lower() for word in words if word.lower() not in STOP}
