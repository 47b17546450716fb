"""An editor's decisions on ingestion's suggestions: accept one (recording the citation or quote) or reject it.

Each decision locks the suggestion, so two editors deciding at once cannot both
win; an accepted quote is anchored and conflict-checked like any other. The
claim an editor creates or picks for a suggestion (by accepting it, or by
choosing the claim and deciding later) takes over the pending suggestions
proposed with it and those about the same event: link_to_claim, the one
function the admin and the API call for it.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from claims import workflow
from claims.conflicts import refresh_conflicts
from claims.ingestion.claim_matching import claim_candidate, score, similar_claim, statement_candidate
from claims.ingestion.statements import suggestion_frame
from claims.ingestion.time_expressions import GUESS_LABEL, Period
from claims.models import CitationSuggestion, Claim, Quote, QuoteSuggestion, SuggestionStatus
from sources.actors import actor_proposed_by
from sources.models import Citation


class SuggestionError(Exception):
    """A suggestion cannot be accepted or rejected; the message says why, for the editor."""


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
def reopen(*, suggestion: CitationSuggestion | QuoteSuggestion, by: AbstractBaseUser | None) -> None:
    """Put a rejected suggestion back among the pending ones, to be decided again."""
    current = type(suggestion).objects.select_for_update().get(pk=suggestion.pk)
    if current.status != SuggestionStatus.REJECTED:
        raise SuggestionError(
            f"Only a rejected suggestion can be reopened; this one is {current.get_status_display().lower()}."
        )
    current.status, current.decided_at, current.decided_by = SuggestionStatus.PENDING, None, None
    current.save(update_fields=["status", "decided_at", "decided_by"])


@transaction.atomic
def accept_citation(*, suggestion: CitationSuggestion, by: AbstractBaseUser | None) -> Citation:
    """Record the suggested citation, creating the proposed actor when no recorded one was matched."""
    suggestion = _pending(CitationSuggestion, suggestion)
    if suggestion.cited_source_id:
        target = {"cited_source": suggestion.cited_source}
    else:
        actor = (
            suggestion.cited_actor
            or actor_proposed_by(
                name=suggestion.new_actor_name,
                kind=suggestion.new_actor_kind,
                aliases=suggestion.new_actor_aliases,
                source=suggestion.source,
                by=by,
            )[0]
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
    if not claim.is_editable and not (by and workflow.can_edit(by, claim)):
        raise SuggestionError(f"“{claim}” is published: only a reviewer may add a quote to it.")
    speaker = suggestion.speaker or (
        actor_proposed_by(
            name=suggestion.speaker_name, kind=suggestion.speaker_kind, source=suggestion.source, by=by
        )[0]
        if suggestion.speaker_name
        else None
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
    _link_others(claim, suggestion)
    return quote


@transaction.atomic
def link_to_claim(*, suggestion: QuoteSuggestion, claim: Claim) -> int:
    """An editor picks `claim` for a pending suggestion: it, the pending suggestions proposed with it, and
    those about the same event are pointed at that claim. Returns how many others were re-linked."""
    suggestion = _pending(QuoteSuggestion, suggestion)
    if suggestion.claim_id != claim.pk:
        suggestion.claim, suggestion.similarity = claim, None
        suggestion.save(update_fields=["claim", "similarity"])
    return _link_others(claim, suggestion)


def _claim_for(suggestion: QuoteSuggestion, by) -> tuple[Claim, bool]:
    if suggestion.claim_id:
        return Claim.objects.select_for_update().get(pk=suggestion.claim_id), False
    frame = suggestion_frame(suggestion)
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


def _link_others(claim: Claim, chosen: QuoteSuggestion) -> int:
    """Point the pending suggestions that have no claim yet at `claim`, the one just created or picked for
    `chosen`: those proposed with it (claims/ingestion/proposals.py), and those about the same event."""
    pending = QuoteSuggestion.objects.pending().filter(claim__isnull=True).exclude(pk=chosen.pk)
    linked = []
    if chosen.proposal:
        linked = [(suggestion, None) for suggestion in pending.filter(proposal=chosen.proposal)]
    frame = suggestion_frame(chosen)
    if frame is not None:
        target = claim_candidate(claim)
        target = type(target)(target.text, frame, target.period)
        same_event = pending.filter(event=frame.event).exclude(pk__in=[s.pk for s, _ in linked])
        for suggestion in same_event:
            candidate = statement_candidate(
                suggestion.exact, suggestion_frame(suggestion), _period(suggestion)
            )
            if found := score(candidate, target):
                linked.append((suggestion, found))
    for suggestion, similarity in linked:
        suggestion.claim, suggestion.similarity = claim, similarity
    QuoteSuggestion.objects.bulk_update([suggestion for suggestion, _ in linked], ["claim", "similarity"])
    return len(linked)
