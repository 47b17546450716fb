"""The claim's editorial workflow: draft → in review → published → corrected or retracted.

Editors draft and submit; reviewers (the claims.publish_claim permission)
publish, correct and retract. Each step checks its preconditions and raises
WorkflowError with a message meant for the person who asked.
"""

import copy
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from claims.conflicts import refresh_conflicts
from claims.corrections import PUBLIC_FIELDS, changes_between, check_edit, public_edits
from claims.models import Claim, Correction, FormerSlug, StaleEditError

PUBLISH_PERMISSION = "claims.publish_claim"
EDIT_REFUSED = "Only a reviewer may change a claim once it is published."
# A note identical to one published this recently is a retry or a double click, not a new correction.
REPEAT_WINDOW = timedelta(minutes=10)


class WorkflowError(Exception):
    pass


def can_publish(user: AbstractBaseUser) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user: AbstractBaseUser, claim: Claim | None) -> bool:
    """Editors work on drafts and claims in review; a published claim is for reviewers."""
    return claim is None or claim.is_editable or can_publish(user)


def _require_reviewer(user: AbstractBaseUser) -> None:
    if not can_publish(user):
        raise WorkflowError("Only a reviewer may publish, correct or retract a claim.")


def _save(claim: Claim, by: AbstractBaseUser, fields: list[str]) -> None:
    claim._history_user = by
    claim.save(update_fields=fields)


@transaction.atomic
def submit_for_review(*, claim: Claim, by: AbstractBaseUser) -> Claim:
    if claim.status != Claim.Status.DRAFT:
        raise WorkflowError(
            f"Only a draft can be submitted for review; this claim is {claim.get_status_display().lower()}."
        )
    claim.status = Claim.Status.IN_REVIEW
    _save(claim, by, ["status"])
    return claim


@transaction.atomic
def return_to_draft(*, claim: Claim, by: AbstractBaseUser) -> Claim:
    if claim.status != Claim.Status.IN_REVIEW:
        raise WorkflowError("Only a claim in review can be sent back to draft.")
    claim.status = Claim.Status.DRAFT
    _save(claim, by, ["status"])
    return claim


@transaction.atomic
def save_claim(*, claim: Claim, by: AbstractBaseUser) -> Claim:
    """Save a new or edited claim. A copy someone else changed since it was read is refused
    (StaleEditError); what readers see of a published claim changes only through `correct`
    (ValidationError naming the fields); a changed slug keeps the old one as a permanent
    redirect; the claim's conflicts follow its time and value."""
    if not can_edit(by, claim):
        raise PermissionDenied(EDIT_REFUSED)
    if claim.pk is None:
        claim.created_by = claim.created_by or by
    stored = Claim.objects.filter(pk=claim.pk).only("status", "slug", *PUBLIC_FIELDS).first()
    if stored is not None:
        check_edit(claim=stored, values={name: getattr(claim, name) for name in PUBLIC_FIELDS})
    previous_slug = stored.slug if stored else None
    claim._history_user = by
    claim.save()
    if previous_slug and previous_slug != claim.slug:
        # Every address a claim ever had keeps leading to it: feeds, search engines and links elsewhere.
        FormerSlug.objects.filter(slug=claim.slug, claim=claim).delete()
        FormerSlug.objects.update_or_create(slug=previous_slug, defaults={"claim": claim})
    refresh_conflicts(claim=claim)
    return claim


def publication_problems(claim: Claim) -> list[str]:
    """What stops a claim from being published, in words for the editor."""
    problems = []
    if not claim.verdict:
        problems.append("it has no verdict")
    if not claim.quotes.filter(is_verified=True).exists():
        problems.append("it has no quote found in its source's text")
    return problems


class NeedsConfirmation(WorkflowError):
    """The step may go ahead only once the reviewer has said they know what the warnings say."""

    def __init__(self, claim: Claim, warnings: list[str]):
        self.warnings = warnings
        super().__init__(
            f"“{claim}” has {' and '.join(warnings)}: confirm that it should be published as it is."
        )


def publication_warnings(claim: Claim) -> list[str]:
    """What a reviewer should see before publishing: disagreement left open, words not found."""
    warnings = []
    if open_conflicts := claim.conflicts.filter(status="open").count():
        warnings.append(f"{open_conflicts} open conflict{'s' if open_conflicts > 1 else ''}")
    if unverified := claim.quotes.filter(is_verified=False).count():
        warnings.append(
            f"{unverified} quote{'s' if unverified > 1 else ''} not found in {'their' if unverified > 1 else 'its'} source"
        )
    return warnings


@transaction.atomic
def publish(*, claim: Claim, by: AbstractBaseUser, confirmed: bool = False) -> Claim:
    """Publish a claim in review. With open conflicts or unverified quotes it needs `confirmed`,
    and the history records what the reviewer confirmed."""
    _require_reviewer(by)
    if claim.status != Claim.Status.IN_REVIEW:
        raise WorkflowError(
            f"Only a claim in review can be published; “{claim}” is {claim.get_status_display().lower()}."
        )
    if problems := publication_problems(claim):
        raise WorkflowError(f"“{claim}” cannot be published: {' and '.join(problems)}.")
    warnings = publication_warnings(claim)
    if warnings and not confirmed:
        raise NeedsConfirmation(claim, warnings)
    now = timezone.now()
    claim.status = Claim.Status.PUBLISHED
    claim.published_at = claim.published_at or now
    claim.reviewed_on = now.date()
    if warnings:
        claim._change_reason = f"Published with {' and '.join(warnings)}, confirmed by the reviewer."
    _save(claim, by, ["status", "published_at", "reviewed_on"])
    return claim


def _repeated(*, claim: Claim, kind: str, note: str, now) -> None:
    """Refuse a note identical to one published within REPEAT_WINDOW: a retry or a double click."""
    repeated = (
        Correction.objects.filter(claim=claim, kind=kind, note=note, published_at__gte=now - REPEAT_WINDOW)
        .order_by("-published_at")
        .first()
    )
    if repeated is not None:
        raise WorkflowError(
            f"The same {repeated.get_kind_display().lower()} note was published at "
            f"{timezone.localtime(repeated.published_at):%H:%M}; nothing was added."
        )


@transaction.atomic
def _amend(
    *,
    claim: Claim,
    by: AbstractBaseUser,
    note: str,
    kind: str,
    status: str,
    changes: dict | None = None,
    version: int | None = None,
) -> Correction:
    _require_reviewer(by)
    # One amendment of a claim at a time, on the row as it is now: a double click cannot publish the
    # same note twice, and a correction never undoes one made meanwhile.
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if not current.is_public:
        raise WorkflowError("Only a published claim can be corrected or retracted.")
    if version is not None and version != current.version:
        raise StaleEditError(
            "Someone else changed this claim since you opened it. "
            "Reload it to see their changes, then make yours again."
        )
    note = note.strip()
    if not note:
        raise WorkflowError("Write the public note that explains the change.")
    now = timezone.now()
    _repeated(claim=current, kind=kind, note=note, now=now)
    before = copy.copy(current)
    changed = _apply(current, changes or {})
    correction = Correction(
        claim=current,
        kind=kind,
        note=note,
        published_at=now,
        created_by=by,
        changes=changes_between(before, current),
    )
    correction._history_user = by
    correction.save()
    current.status = status
    current.reviewed_on = now.date()
    if correction.changes:
        current._change_reason = "Corrected: " + "; ".join(
            change["label"]
            if change["field"] == "explanation"
            else f"{change['label']} {change['old'] or '(none)'} → {change['new'] or '(none)'}"
            for change in correction.changes
        )
    _save(current, by, ["status", "reviewed_on", *changed])
    if changed:
        refresh_conflicts(claim=current)
    # The caller's copy shows the claim as it now is.
    for field in Claim._meta.concrete_fields:
        setattr(claim, field.attname, getattr(current, field.attname))
    return correction


def _apply(claim: Claim, changes: dict) -> list[str]:
    """Set the public fields in `changes` on `claim` and validate them; return those that changed."""
    if unknown := sorted(set(changes) - set(PUBLIC_FIELDS)):
        raise ValidationError(dict.fromkeys(unknown, "A correction changes only what readers see."))
    changed = public_edits(claim, changes)
    for name in changed:
        setattr(claim, name, changes[name])
    if not changed:
        return []
    errors = {}
    try:
        claim.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors = error.message_dict
    if not claim.verdict:
        errors.setdefault("verdict", []).append("A published claim needs a verdict.")
    if errors:
        raise ValidationError(errors)
    return changed


def correct(
    *,
    claim: Claim,
    by: AbstractBaseUser,
    note: str,
    changes: dict | None = None,
    version: int | None = None,
) -> Correction:
    """Correct a published claim: change what readers see (`changes`, public fields only) and publish
    the dated note that says so, with each change before and after, in one step. `version`, when
    given, must be the claim's current one."""
    return _amend(
        claim=claim,
        by=by,
        note=note,
        kind=Correction.Kind.CORRECTION,
        status=Claim.Status.CORRECTED,
        changes=changes,
        version=version,
    )


def retract(*, claim: Claim, by: AbstractBaseUser, note: str) -> Correction:
    return _amend(
        claim=claim, by=by, note=note, kind=Correction.Kind.RETRACTION, status=Claim.Status.RETRACTED
    )
