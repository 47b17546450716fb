"""Conflict detection: which quotes on a claim cannot all be true.

Two accounts disagree when they speak of overlapping times and either give
values whose intervals do not overlap, or one supports what the other
disputes. Disagreeing quotes are grouped (connected components), and each
group is one Conflict. Detection runs whenever a claim's quotes change; it
opens, updates and closes the conflicts it detected, and never touches a
conflict raised by hand or reopens one a person closed for the same quotes.
"""

from collections.abc import Callable, Iterable
from itertools import combinations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Claim, Conflict, Quote
from claims.quantities import periods_overlap

PUBLISHED_CONFLICT_MESSAGE = "Only a reviewer may open, resolve or reopen a conflict on a published claim."

AUTO_CLOSE_NOTE = "Closed automatically: the accounts no longer disagree."
TOO_FEW_QUOTES = "A conflict needs at least two quotes."
QUOTES_OFF_CLAIM = "Every quote of a conflict must be on the conflict's claim."
CLOSING_NEEDS_NOTE = "Say how the conflict was resolved or why it is explained."


def values_disagree(first: Quote, second: Quote) -> bool:
    if Quote.Stance.DISPUTES in (first.stance, second.stance):
        return False
    first_interval, second_interval = first.interval, second.interval
    if first_interval is None or second_interval is None:
        return False
    if not periods_overlap(first.effective_period, second.effective_period):
        return False
    return not first_interval.overlaps(second_interval)


def stances_disagree(first: Quote, second: Quote) -> bool:
    if {first.stance, second.stance} != {Quote.Stance.SUPPORTS, Quote.Stance.DISPUTES}:
        return False
    return periods_overlap(first.effective_period, second.effective_period)


DETECTORS: dict[str, Callable[[Quote, Quote], bool]] = {
    Conflict.Kind.VALUES: values_disagree,
    Conflict.Kind.STANCE: stances_disagree,
}


def disagreeing_groups(
    quotes: Iterable[Quote], disagree: Callable[[Quote, Quote], bool]
) -> list[frozenset[int]]:
    """Group quotes linked by pairwise disagreement; quotes that agree with all are left out."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in combinations(quotes, 2):
        if disagree(first, second):
            parent.setdefault(first.pk, first.pk)
            parent.setdefault(second.pk, second.pk)
            parent[root(first.pk)] = root(second.pk)
    groups: dict[int, set[int]] = {}
    for node in parent:
        groups.setdefault(root(node), set()).add(node)
    return sorted((frozenset(group) for group in groups.values()), key=min)


@transaction.atomic
def refresh_conflicts(*, claim: Claim) -> list[Conflict]:
    """Bring the claim's detected conflicts in line with its quotes; return the open ones."""
    quotes = list(claim.quotes.all())
    for quote in quotes:
        quote.claim = claim
    existing = list(claim.conflicts.filter(detected=True).prefetch_related("quotes"))
    members = {conflict.pk: frozenset(q.pk for q in conflict.quotes.all()) for conflict in existing}
    now = timezone.now()
    still_open: list[Conflict] = []

    for kind, disagree in DETECTORS.items():
        of_kind = [conflict for conflict in existing if conflict.kind == kind]
        unmatched = [conflict for conflict in of_kind if conflict.is_open]
        for group in disagreeing_groups(quotes, disagree):
            same = [conflict for conflict in of_kind if members[conflict.pk] == group]
            if match := next((c for c in same if c.is_open), None):
                unmatched.remove(match)
                still_open.append(match)
                continue
            if any(not c.closed_by_detection for c in same):
                continue  # a person closed this very disagreement: leave it closed
            if match := next(iter(same), None):
                match.status, match.resolved_at, match.resolved_by = Conflict.Status.OPEN, None, None
                match.closed_by_detection, match.note = False, ""
                match.save()
                still_open.append(match)
                continue
            overlapping = [c for c in unmatched if members[c.pk] & group]
            if overlapping:
                match = max(overlapping, key=lambda c: len(members[c.pk] & group))
                unmatched.remove(match)
                match.quotes.set(group)
            else:
                match = Conflict.objects.create(claim=claim, kind=kind, opened_at=now)
                match.quotes.set(group)
            still_open.append(match)
        for conflict in unmatched:
            conflict.status, conflict.resolved_at = Conflict.Status.RESOLVED, now
            conflict.closed_by_detection, conflict.note = True, AUTO_CLOSE_NOTE
            conflict.save()
    return still_open


def may_change_conflicts(*, claim: Claim, by: AbstractBaseUser | None) -> bool:
    """Editors work on conflicts of drafts; once a claim is public, a conflict changes what readers see."""
    from claims.workflow import can_edit  # the workflow refreshes conflicts: imported when first asked

    return by is None or can_edit(by, claim)


def _require_conflict_editor(claim: Claim, by: AbstractBaseUser | None) -> None:
    if not may_change_conflicts(claim=claim, by=by):
        raise PermissionDenied(PUBLISHED_CONFLICT_MESSAGE)


def check_new_conflict(*, claim: Claim, quotes: Iterable[Quote]) -> None:
    """The rules a conflict raised by hand must follow, as a ValidationError on `quotes`."""
    quotes = list(quotes)
    if len(quotes) < 2:
        raise ValidationError({"quotes": TOO_FEW_QUOTES})
    if any(quote.claim_id != claim.pk for quote in quotes):
        raise ValidationError({"quotes": QUOTES_OFF_CLAIM})
    wanted = {quote.pk for quote in quotes}
    for conflict in claim.conflicts.filter(status=Conflict.Status.OPEN).prefetch_related("quotes"):
        if {quote.pk for quote in conflict.quotes.all()} == wanted:
            raise ValidationError({"quotes": f"These accounts are already in open conflict #{conflict.pk}."})


def check_closing(*, status: str, note: str) -> None:
    """A conflict is closed as resolved or explained, and only with a note that says how or why."""
    if status not in Conflict.Status.values:
        raise ValidationError({"status": f"A conflict is open, resolved or explained, not {status!r}."})
    if status != Conflict.Status.OPEN and not note.strip():
        raise ValidationError({"note": CLOSING_NEEDS_NOTE})


@transaction.atomic
def raise_conflict(
    *, claim: Claim, quotes: Iterable[Quote], note: str, by: AbstractBaseUser | None
) -> Conflict:
    """Record a disagreement that detection cannot see, such as two incompatible narratives."""
    _require_conflict_editor(claim, by)
    # One conflict raised on a claim at a time, so that a double click cannot raise the same one twice.
    Claim.objects.select_for_update().filter(pk=claim.pk).exists()
    quotes = list(quotes)
    check_new_conflict(claim=claim, quotes=quotes)
    conflict = Conflict(claim=claim, kind=Conflict.Kind.OTHER, detected=False, note=note)
    conflict._history_user = by
    conflict.save()
    conflict.quotes.set(quotes)
    return conflict


@transaction.atomic
def close_conflict(*, conflict: Conflict, status: str, note: str, by: AbstractBaseUser | None) -> Conflict:
    """Close a conflict as resolved or explained, recording who did it and why."""
    _require_conflict_editor(conflict.claim, by)
    if status == Conflict.Status.OPEN:
        raise ValidationError({"status": "A conflict is closed as resolved or explained."})
    check_closing(status=status, note=note)
    conflict.status, conflict.note = status, note.strip()
    conflict.resolved_at, conflict.resolved_by = timezone.now(), by
    conflict.closed_by_detection = False
    conflict._history_user = by
    conflict.save()
    return conflict


@transaction.atomic
def update_conflict(*, conflict: Conflict, status: str, note: str, by: AbstractBaseUser | None) -> Conflict:
    """An editor's change to a conflict: close it with a note, reopen it, or reword its note.

    Reopening clears who resolved it and when; detection will not close a reopened
    conflict by itself for as long as its accounts still disagree.
    """
    _require_conflict_editor(conflict.claim, by)
    check_closing(status=status, note=note)
    # Decided on the row as it is, locked: of editors closing it at once, one closes it (who and when
    # are recorded once) and the others find it closed and only reword its note.
    Conflict.objects.select_for_update().filter(pk=conflict.pk).exists()
    conflict.refresh_from_db()
    if conflict.is_open and status != Conflict.Status.OPEN:
        return close_conflict(conflict=conflict, status=status, note=note, by=by)
    if status == Conflict.Status.OPEN:
        conflict.resolved_at = conflict.resolved_by = None
        conflict.closed_by_detection = False
    conflict.status, conflict.note = status, note.strip()
    conflict._history_user = by
    conflict.save()
    return conflict
