"""Writing a claim's quotes: each save, move or delete refreshes the conflicts of the claims it touches."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from claims import workflow
from claims.conflicts import refresh_conflicts
from claims.models import Claim, Quote


def _require_editable(user: AbstractBaseUser | None, claim: Claim) -> None:
    if user is not None and not workflow.can_edit(user, claim):
        raise PermissionDenied(workflow.EDIT_REFUSED)


@transaction.atomic
def save_quote(*, quote: Quote, by: AbstractBaseUser | None) -> Quote:
    """Save a new or edited quote, anchored in its source; a quote moved to another claim leaves
    both claims' conflicts up to date. Editors may not touch the quotes of a published claim."""
    previous = Claim.objects.filter(quotes=quote.pk).first() if quote.pk else None
    _require_editable(by, quote.claim)
    if previous is not None and previous.pk != quote.claim_id:
        _require_editable(by, previous)
    quote._history_user = by
    quote.save()
    refresh_conflicts(claim=quote.claim)
    if previous is not None and previous.pk != quote.claim_id:
        refresh_conflicts(claim=previous)
    return quote


@transaction.atomic
def delete_quotes(*, quotes: Iterable[Quote], by: AbstractBaseUser | None) -> int:
    """Delete quotes; the conflicts of the claims they were on are refreshed."""
    quotes = list(quotes)
    claims = {quote.claim_id: quote.claim for quote in quotes}
    for claim in claims.values():
        _require_editable(by, claim)
    for quote in quotes:
        quote._history_user = by
        quote.delete()
    for claim in claims.values():
        refresh_conflicts(claim=claim)
    return len(quotes)
