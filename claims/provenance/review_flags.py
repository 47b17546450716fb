"""Re-review flags: when a source changes, every claim relying on it is flagged for a reviewer.

A claim relies on a source when it quotes it, or quotes a source that cites it
at any distance. A flag names the source and why; clearing it records who
reviewed the claim again.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from claims.conflicts import refresh_conflicts
from claims.models import Claim, ReviewFlag
from claims.provenance.graph import MAX_DEPTH
from sources.models import Capture, Citation, Source


def dependent_claims(source: Source) -> list[Claim]:
    """Claims that rely on `source`: quoting it, or quoting a source that cites it, at any distance."""
    reached, frontier = {source.pk}, {source.pk}
    for _ in range(MAX_DEPTH):
        citing = set(Citation.objects.filter(cited_source__in=frontier).values_list("citing", flat=True))
        frontier = citing - reached
        if not frontier:
            break
        reached |= frontier
    return list(Claim.objects.filter(quotes__source__in=reached).distinct().order_by("pk"))


@transaction.atomic
def flag_dependents(
    *,
    source: Source,
    reason: str,
    by: AbstractBaseUser | None = None,
    captures: tuple[Capture | None, Capture | None] = (None, None),
) -> list[ReviewFlag]:
    """Flag every claim relying on `source` for re-review, once per reason; `captures` are the texts
    before and after, when its text changed."""
    flags = []
    for claim in dependent_claims(source):
        if ReviewFlag.objects.open().filter(claim=claim, source=source, reason=reason).exists():
            continue
        flag = ReviewFlag(
            claim=claim, source=source, reason=reason, previous_capture=captures[0], capture=captures[1]
        )
        flag._history_user = by
        flag.save()
        flags.append(flag)
    return flags


def source_changed(
    *, source: Source, previous_status: str, by: AbstractBaseUser | None = None
) -> list[ReviewFlag]:
    """After a source is marked corrected or retracted, flag the claims relying on it."""
    if source.status == previous_status or source.status == Source.Status.CURRENT:
        return []
    what = "retracted" if source.status == Source.Status.RETRACTED else "corrected"
    note = f": {source.status_note}" if source.status_note else ""
    return flag_dependents(source=source, reason=f"“{source.title}” was {what} by its publisher{note}", by=by)


@transaction.atomic
def text_recaptured(*, source: Source, by: AbstractBaseUser | None = None) -> list[ReviewFlag]:
    """After a source's text changed: anchor its quotes again, refresh their claims' conflicts, flag lost words."""
    # Offsets into the old text mean nothing now; words that are gone get flagged.
    for claim in Claim.objects.filter(pk__in=source.quotes.all().reanchor()):
        refresh_conflicts(claim=claim)
    return quotes_lost(source=source, by=by)


def quotes_lost(*, source: Source, by: AbstractBaseUser | None = None) -> list[ReviewFlag]:
    """After a new capture of `source`, flag its dependents if a quote's words are gone from it,
    naming the words and keeping the captures before and after for the word diff."""
    lost = list(source.quotes.filter(is_verified=False).order_by("pk").values_list("exact", flat=True)[:4])
    if not lost:
        return []
    words = "; ".join(f"“{' '.join(exact.split())[:120]}”" for exact in lost[:3]) + (
        "; …" if len(lost) > 3 else ""
    )
    reason = f"The new capture of “{source.title}” no longer contains the words of a quote: {words}."
    after = source.captures.order_by("-captured_at", "-pk").first()
    return flag_dependents(source=source, reason=reason, by=by, captures=(source.previous_capture(), after))


@transaction.atomic
def clear_review_flags(*, claim: Claim, by: AbstractBaseUser) -> int:
    """The claim has been reviewed again: close its open flags, recording who did."""
    flags = list(claim.review_flags.open())
    for flag in flags:
        flag.cleared_at, flag.cleared_by, flag._history_user = timezone.now(), by, by
        flag.save(update_fields=["cleared_at", "cleared_by"])
    return len(flags)


@transaction.atomic
def save_source(*, source: Source, by: AbstractBaseUser | None) -> list[ReviewFlag]:
    """Save an edited source, with what follows from the edit, the same from the admin and the API.

    A changed text is a new capture: the quotes are anchored again, the conflicts of
    their claims refreshed and the claims relying on lost words flagged. A source its
    publisher has corrected or retracted flags the claims relying on it.
    """
    previous = Source.objects.filter(pk=source.pk).values("text_sha256", "status").first()
    source._history_user = by
    source.save()
    if previous is None:
        return []
    flags = []
    if source.text_sha256 != previous["text_sha256"]:
        flags += text_recaptured(source=source, by=by)
    flags += source_changed(source=source, previous_status=previous["status"], by=by)
    return flags
