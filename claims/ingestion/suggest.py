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
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from claims import workflow
from claims.conflicts import refresh_conflicts
from claims.ingestion.claim_matching import (
    ClaimMatch,
    claim_candidate,
    score,
    similar_claim,
    statement_candidate,
)
from claims.ingestion.statements import Frame, NumericStatement, extract_statements
from claims.ingestion.time_expressions import GUESS_LABEL, Period
from claims.models import CitationSuggestion, Claim, Quote, QuoteSuggestion, SuggestionStatus
from claims.provenance.graph import text_recaptured
from sources.actor_matching import ActorIndex, ActorMatch, document_by, match_key
from sources.anchoring import find_quote
from sources.attribution import Party, detect_attributions
from sources.capture import capture_source
from sources.models import Actor, ActorAlias, Citation, Source


class SuggestionError(Exception):
    """A suggestion cannot be accepted or rejected; the message says why, for the editor."""


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
    by: AbstractBaseUser | None = None,
    index: ActorIndex | None = None,
) -> IngestResult:
    """Capture `text` as a source and suggest what to record from it; raises ValidationError for bad input."""
    publisher_actor, notes = _publisher(publisher)
    captured = capture_source(
        text=text,
        url=url,
        title=title,
        kind=kind,
        publisher=publisher_actor,
        published_on=published_on,
        language=language,
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
    result.citations, result.quotes = suggest(source=source, index=index or ActorIndex.load())
    return result


def suggest(*, source: Source, index: ActorIndex) -> tuple[list[CitationSuggestion], list[QuoteSuggestion]]:
    """Propose what is not yet recorded, proposed, accepted or rejected for `source`."""
    parties = detect_attributions(source.text)
    statements = extract_statements(source.text, published_on=source.published_on, parties=parties)
    matches = {id(party): index.match(party.names) for party in parties}
    known = set(CitationSuggestion.objects.filter(source=source).values_list("key", flat=True))
    known |= set(QuoteSuggestion.objects.filter(source=source).values_list("key", flat=True))
    citations = _citation_suggestions(source, parties, matches, known)
    quotes = _quote_suggestions(source, statements, matches, known)
    return CitationSuggestion.objects.bulk_create(citations), QuoteSuggestion.objects.bulk_create(quotes)


def _citation_suggestions(source, parties, matches, known) -> list[CitationSuggestion]:
    cited = _already_cited(source)
    suggestions = []
    for party in parties:
        key = f"cites:{match_key(party.name)}"
        match: ActorMatch | None = matches[id(party)]
        if key in known or (match and match.actor.pk in cited):
            continue
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


def _quote_suggestions(source, statements: list[NumericStatement], matches, known) -> list[QuoteSuggestion]:
    quoted = list(source.quotes.filter(is_verified=True).values_list("start", "end", "value"))
    suggestions = []
    for statement in statements:
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
            frame=str(statement.frame) if statement.frame else "",
        )
        if statement.period:
            suggestion.time_start, suggestion.time_end = statement.period.start, statement.period.end
            suggestion.time_label = statement.period.label[:100]
        suggestion.claim_text = statement.claim_text
        if match:
            suggestion.claim, suggestion.similarity = match.claim, match.score
        _set_speaker(suggestion, statement.speaker, matches)
        suggestions.append(suggestion)
    return suggestions


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
    actor = Actor.objects.named(name).first()
    if actor:
        return actor, []
    actor = Actor(name=name[:200], kind=Actor.Kind.OUTLET)
    actor.full_clean()
    actor.save()
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


# Deciding on suggestions --------------------------------------------------------------------------


def _decide(suggestion, status: str, by: AbstractBaseUser | None, **result) -> None:
    suggestion.status, suggestion.decided_at, suggestion.decided_by = status, timezone.now(), by
    for name, value in result.items():
        setattr(suggestion, name, value)
    suggestion.save()


def _pending(model, suggestion):
    """The suggestion as stored now, locked for this decision; refused when someone decided on it meanwhile."""
    current = model.objects.select_for_update().select_related("source").get(pk=suggestion.pk)
    if not current.is_pending:
        raise SuggestionError(f"This suggestion was already {current.get_status_display().lower()}.")
    return current


@transaction.atomic
def reject(*, suggestion: CitationSuggestion | QuoteSuggestion, by: AbstractBaseUser | None) -> None:
    """Reject a suggestion; ingesting the source again will not propose it again."""
    suggestion = _pending(type(suggestion), suggestion)
    _decide(suggestion, SuggestionStatus.REJECTED, by)


@transaction.atomic
def accept_citation(*, suggestion: CitationSuggestion, by: AbstractBaseUser | None) -> Citation:
    """Record the suggested citation, creating the proposed actor when no recorded one was matched."""
    suggestion = _pending(CitationSuggestion, suggestion)
    if suggestion.cited_source_id:
        target = {"cited_source": suggestion.cited_source}
    else:
        actor = suggestion.cited_actor or _actor(
            suggestion.new_actor_name, suggestion.new_actor_kind, suggestion.new_actor_aliases, by
        )
        target = {"cited_actor": actor}
    citation = Citation.objects.filter(
        citing=suggestion.source, relation=suggestion.relation, **target
    ).first()
    if citation is None:
        citation = Citation(
            citing=suggestion.source, relation=suggestion.relation, span_text=suggestion.span_text, **target
        )
        citation._history_user = by
        citation.full_clean()
        citation.span_start = suggestion.start  # where to look first when anchoring the words
        citation.save()
    _decide(suggestion, SuggestionStatus.ACCEPTED, by, citation=citation)
    return citation


@transaction.atomic
def accept_quote(*, suggestion: QuoteSuggestion, by: AbstractBaseUser | None) -> Quote:
    """Record the suggested quote on its claim (or a new draft claim), anchored and conflict-checked."""
    suggestion = _pending(QuoteSuggestion, suggestion)
    claim, created = _claim_for(suggestion, by)
    if not claim.is_editable and not (by and workflow.can_publish(by)):
        raise SuggestionError(f"“{claim}” is published: only a reviewer may add a quote to it.")
    speaker = suggestion.speaker or (
        _actor(suggestion.speaker_name, suggestion.speaker_kind, [], by) if suggestion.speaker_name else None
    )
    quote = Quote(
        claim=claim,
        source=suggestion.source,
        exact=suggestion.exact,
        speaker=speaker,
        stance=suggestion.stance,
        **suggestion.quantity_fields,
        **_quote_period(suggestion, claim, created),
    )
    quote.full_clean(exclude=["claim"])
    quote.start = suggestion.start  # where to look first when anchoring the words
    quote._history_user = by
    quote.save()
    refresh_conflicts(claim=claim)
    _decide(suggestion, SuggestionStatus.ACCEPTED, by, quote=quote, claim=claim)
    if created:
        _link_pending(claim, suggestion)
    return quote


def _claim_for(suggestion: QuoteSuggestion, by) -> tuple[Claim, bool]:
    if suggestion.claim_id:
        return Claim.objects.select_for_update().get(pk=suggestion.claim_id), False
    frame = Frame.parse(suggestion.frame)
    candidate = statement_candidate(suggestion.exact, frame, _period(suggestion))
    if match := similar_claim(candidate):  # a claim created since the suggestion was made
        return match.claim, False
    claim = Claim(
        text=suggestion.claim_text,
        unit=suggestion.counted[:100],
        **suggestion.quantity_fields,
        **suggestion.period_fields,
        created_by=by,
    )
    claim.full_clean()
    claim._history_user = by
    claim.save()
    return claim, True


def _quote_period(suggestion: QuoteSuggestion, claim: Claim, created: bool) -> dict:
    """The quote's own time, when it says one that is not simply the claim's."""
    if created or suggestion.time_start is None or suggestion.period == claim.period:
        return {}
    if claim.time_start and suggestion.time_label.endswith(GUESS_LABEL):
        return {}  # a guess from the publication date never overrides the claim's own time
    return suggestion.period_fields


def _period(suggestion: QuoteSuggestion) -> Period | None:
    if suggestion.time_start is None:
        return None
    return Period.stored(suggestion.time_start, suggestion.time_end, suggestion.time_label)


def _link_pending(claim: Claim, accepted: QuoteSuggestion) -> int:
    """Point pending suggestions that propose a new claim at the one just created, when they are about it."""
    frame = Frame.parse(accepted.frame)
    if frame is None:
        return 0
    target = claim_candidate(claim)
    target = type(target)(target.text, frame, target.period)
    linked = []
    pending = QuoteSuggestion.objects.pending().filter(
        claim__isnull=True, frame__startswith=f"{frame.event}|"
    )
    for suggestion in pending.exclude(pk=accepted.pk):
        found = score(
            statement_candidate(suggestion.exact, Frame.parse(suggestion.frame), _period(suggestion)), target
        )
        if found:
            suggestion.claim, suggestion.similarity = claim, found
            linked.append(suggestion)
    QuoteSuggestion.objects.bulk_update(linked, ["claim", "similarity"])
    return len(linked)


def _actor(name: str, kind: str, aliases: list[str], by) -> Actor:
    """The actor going by this name or one of its other spellings; created with them when there is none."""
    for spelling in [name, *aliases]:
        if actor := Actor.objects.named(spelling).first():
            for other in [name, *aliases]:
                if not Actor.objects.named(other).exists():
                    ActorAlias.objects.create(actor=actor, name=other)
            return actor
    actor = Actor(name=name, kind=kind or Actor.Kind.ORGANISATION)
    actor.full_clean()
    actor._history_user = by
    actor.save()
    for alias in aliases:
        if not Actor.objects.named(alias).exists():
            ActorAlias.objects.create(actor=actor, name=alias)
    return actor
