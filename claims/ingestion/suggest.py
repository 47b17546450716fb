"""Ingest an article: capture it as a source, then suggest the citations and numeric quotes an editor would record.

One function behind the three ways in (manage.py ingest, the admin's "add from
text" page, POST /api/v1/ingest/). The source is captured by sources/capture.py;
attributions ("NOS reported") become suggested citations, their names matched
to recorded actors (sources/actor_matching.py) or proposed as new ones; numbers
("Seventeen Russian diplomats expelled …") become suggested quotes, each
linked to the claim it is about (claims/ingestion/claim_matching.py) or proposing a new
draft claim. Nothing is recorded until an editor accepts a suggestion; what was
accepted or rejected is remembered, so ingesting again proposes it no more.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Prefetch

from claims.ingestion.claim_matching import (
    ClaimMatch,
    similar_claim,
    statement_candidate,
)
from claims.ingestion.proposals import Proposal, proposal_for
from claims.ingestion.statements import Frame, NumericStatement, extract_statements, frame_fields
from claims.ingestion.time_expressions import Period
from claims.models import CitationSuggestion, QuoteSuggestion
from claims.provenance.review_flags import text_recaptured
from sources.actor_matching import ActorIndex, ActorMatch, document_by, match_key
from sources.actors import get_or_create_actor
from sources.anchoring import find_quote
from sources.attribution import Party, detect_attributions
from sources.capture import capture_source
from sources.models import Actor, ActorKind, Source

PENDING_PROPOSALS = 200  # the latest pending suggestions looked at for a proposal to join


@dataclass
class IngestResult:
    source: Source
    outcome: str  # "created", "unchanged" or "recaptured"
    citations: list[CitationSuggestion] = field(default_factory=list)  # proposed this time
    quotes: list[QuoteSuggestion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        what = {
            "created": "captured",
            "unchanged": "already captured",
            "recaptured": "captured again (edited)",
        }
        return (
            f"#{self.source.pk} “{self.source.title}” {what[self.outcome]}: "
            f"{len(self.citations)} citation and {len(self.quotes)} quote suggestion(s)"
        )


def _no_progress(done: int, total: int) -> None:
    pass


@transaction.atomic
def ingest(
    *,
    text: str,
    url: str = "",
    title: str = "",
    kind: str = Source.Kind.ARTICLE,
    publisher: str = "",
    published_on: date | None = None,
    language: str = "en",
    source: Source | None = None,
    by: AbstractBaseUser | None = None,
    index: ActorIndex | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Capture `text` as a source (or as a new capture of `source`) and suggest what to record from it;
    raises ValidationError for bad input. `progress(done, total)` hears of each step, for a job's page."""
    publisher_actor, notes = _publisher(publisher)
    captured = capture_source(
        text=text,
        url=url,
        title=title,
        kind=kind,
        publisher=publisher_actor,
        published_on=published_on,
        language=language,
        source=source,
    )
    source = captured.source
    result = IngestResult(source, captured.outcome, notes=notes)
    if captured.outcome == "recaptured":
        text_recaptured(source=source, by=by)
        dropped = _drop_stale_suggestions(source)
        result.notes.append(
            f"The text differs from the one captured before; the earlier capture is kept for comparison"
            f"{f' and {dropped} pending suggestion(s) whose words are gone were dropped' if dropped else ''}."
        )
    if not source.language.lower().startswith("en"):
        result.notes.append(
            f"Suggestions are made for English texts only; this one is marked “{source.language}”."
        )
        return result
    result.citations, result.quotes = suggest(
        source=source, index=index or ActorIndex.load(), progress=progress or _no_progress
    )
    return result


def suggest(
    *, source: Source, index: ActorIndex, progress: Callable[[int, int], None] = _no_progress
) -> tuple[list[CitationSuggestion], list[QuoteSuggestion]]:
    """Propose what is not yet recorded, proposed, accepted or rejected for `source`.

    Progress counts four steps (attributions, numbers, citations, writing) and one per number matched
    to a claim, which is where most of a long text's time goes."""
    progress(0, 4)
    parties = detect_attributions(source.text)
    progress(1, 4)
    statements = extract_statements(source.text, published_on=source.published_on, parties=parties)
    total = 4 + len(statements)
    progress(2, total)
    matches = {id(party): index.match(party.names) for party in parties}
    known = set(CitationSuggestion.objects.filter(source=source).values_list("key", flat=True))
    known |= set(QuoteSuggestion.objects.filter(source=source).values_list("key", flat=True))
    citations = _citation_suggestions(source, parties, matches, known)
    progress(3, total)
    quotes = _quote_suggestions(source, statements, matches, known, lambda done: progress(3 + done, total))
    written = CitationSuggestion.objects.bulk_create(citations), QuoteSuggestion.objects.bulk_create(quotes)
    progress(total, total)
    return written


def _citation_suggestions(source, parties, matches, known) -> list[CitationSuggestion]:
    cited = _already_cited(source)
    suggestions = []
    for party in parties:
        key = f"cites:{match_key(party.name)}"
        match: ActorMatch | None = matches[id(party)]
        if key in known or (match and match.actor.pk in cited):
            continue
        if match:
            cited.add(match.actor.pk)  # two spellings of one recorded party in one article: proposed once
        first = party.mentions[0]
        suggestion = CitationSuggestion(
            source=source,
            start=first.start,
            end=first.end,
            key=key,
            span_text=first.text[:1000],
            cited_name=party.name[:200],
            relation=party.relation,
            new_actor_name=party.name[:200],
            new_actor_kind=party.kind,
            new_actor_aliases=[alias[:200] for alias in party.aliases],
        )
        if match:
            suggestion.cited_actor, suggestion.match_score = match.actor, match.score
            if party.document or match.actor.kind == ActorKind.OUTLET:
                # "said in a statement", "NOS reported": a document the text speaks of. "The AIVD said" alone
                # names none, and guessing the party's one recorded document would record false provenance.
                suggestion.cited_source = document_by(match.actor, kind=party.document, citing=source)
        suggestions.append(suggestion)
    return suggestions


def _already_cited(source: Source) -> set[int]:
    """The actors `source` already cites: directly, or as publisher or author of a cited document."""
    actors = set()
    citations = source.citations.select_related("cited_source").prefetch_related(
        Prefetch("cited_source__authors", queryset=Actor.objects.only("pk"))
    )
    for citation in citations:
        if citation.cited_actor_id:
            actors.add(citation.cited_actor_id)
        elif citation.cited_source:
            actors.add(citation.cited_source.publisher_id)
            actors |= {author.pk for author in citation.cited_source.authors.all()}
    return actors


def _quote_suggestions(
    source, statements: list[NumericStatement], matches, known, progress: Callable[[int], None]
) -> list[QuoteSuggestion]:
    quoted = list(source.quotes.filter(is_verified=True).values_list("start", "end", "value"))
    proposals = _pending_proposals(statements)
    suggestions, grouped = [], []
    for done, statement in enumerate(statements):
        progress(done)
        number = statement.number
        key = _quote_key(statement.exact, number.value)
        if key in known or _already_quoted(statement, quoted):
            continue
        known.add(key)
        candidate = statement_candidate(statement.exact, statement.frame, statement.period)
        match: ClaimMatch | None = similar_claim(candidate)
        suggestion = QuoteSuggestion(
            source=source,
            start=statement.start,
            end=statement.end,
            key=key,
            exact=statement.exact,
            number_text=number.text[:100],
            counted=statement.counted[:200],
            comparator=number.comparator,
            value=number.value,
            value_upper=number.upper,
            base_value=statement.base,
            claim_text=statement.claim_text,
            **frame_fields(statement.frame),
        )
        if statement.period:
            suggestion.time_start, suggestion.time_end = statement.period.start, statement.period.end
            suggestion.time_label = statement.period.label[:100]
        if match:
            suggestion.claim, suggestion.similarity = match.claim, match.score
        if proposal := proposal_for(statement, proposals):
            grouped.append((suggestion, proposal))
        _set_speaker(suggestion, statement.speaker, matches)
        suggestions.append(suggestion)
    _share_proposals(grouped)
    return suggestions


def _pending_proposals(statements: list[NumericStatement]) -> list[Proposal]:
    """The proposals other sources' pending suggestions made about the events these statements count, so that
    accounts of one event in several articles propose one claim."""
    events = {statement.frame.event for statement in statements if statement.frame}
    if not events:
        return []
    pending = (
        QuoteSuggestion.objects.pending()
        .filter(claim__isnull=True, event__in=events)
        .exclude(proposal="")
        .order_by("-pk")
        .values_list(
            "proposal",
            "claim_text",
            "event",
            "event_agent",
            "event_nationality",
            "time_start",
            "time_end",
            "time_label",
        )[:PENDING_PROPOSALS]
    )
    proposals: dict[str, Proposal] = {}
    for key, text, event, agent, nationality, start, end, label in pending:
        period = _stored_period(start, end, label)
        proposals.setdefault(key, Proposal(key, Frame(event, agent, nationality), period, text=text))
    return list(proposals.values())


def _stored_period(start, end, label) -> tuple:
    if start is None:
        return (None, None)
    return statement_candidate("", None, Period.stored(start, end, label)).period


def _share_proposals(grouped: list[tuple[QuoteSuggestion, Proposal]]) -> None:
    """Suggestions of one proposal share its sentence, and the claim any of them was matched to."""
    grouped = [(suggestion, proposal) for suggestion, proposal in grouped if proposal.shared]
    claims = {}
    for suggestion, proposal in grouped:
        if suggestion.claim is not None:
            claims.setdefault(proposal.key, (suggestion.claim, suggestion.similarity))
    for suggestion, proposal in grouped:
        suggestion.proposal, suggestion.claim_text = proposal.key, proposal.sentence[:500]
        if suggestion.claim is None and proposal.key in claims:
            suggestion.claim, suggestion.similarity = claims[proposal.key]


def _quote_key(exact: str, value) -> str:
    words = " ".join(exact.split()).casefold()
    return f"{value.normalize():f}:{hashlib.sha256(words.encode()).hexdigest()[:32]}"


def _already_quoted(statement: NumericStatement, quoted) -> bool:
    """Whether a quote of the source already covers these words with this value (or none)."""
    return any(
        start < statement.end and statement.start < end and (value is None or value == statement.number.value)
        for start, end, value in quoted
    )


def _set_speaker(suggestion: QuoteSuggestion, party: Party | None, matches) -> None:
    if party is None:
        return
    match = matches.get(id(party))
    if match:
        suggestion.speaker = match.actor
    else:
        suggestion.speaker_name, suggestion.speaker_kind = party.name[:200], party.kind


def _publisher(name: str) -> tuple[Actor | None, list[str]]:
    name = " ".join((name or "").split())
    if not name:
        return None, []
    actor, created = get_or_create_actor(name=name[:200], kind=Actor.Kind.OUTLET)
    if not created:
        return actor, []
    return actor, [f"“{actor.name}” was not a recorded actor; it was added as a news outlet."]


def _drop_stale_suggestions(source: Source) -> int:
    """After a new capture: pending suggestions follow their words in the new text, or go with them."""
    stale = 0
    for model in (CitationSuggestion, QuoteSuggestion):
        moved = []
        for suggestion in model.objects.pending().filter(source=source):
            words = suggestion.span_text if model is CitationSuggestion else suggestion.exact
            found = find_quote(source.text, words, hint=suggestion.start)
            if found is None:
                suggestion.delete()
                stale += 1
            elif (found.start, found.end) != (suggestion.start, suggestion.end):
                suggestion.start, suggestion.end = found.start, found.end
                moved.append(suggestion)
        model.objects.bulk_update(moved, ["start", "end"])
    return stale
