"""What readers see of a claim, and how a change to it is recorded once the claim is public.

A published claim's sentence, value, time, place, verdict and explanation
change only through a correction (claims.workflow.correct), which publishes
a dated note listing each change as readers saw it before and after. The
plain edit (claims.workflow.save_claim, the admin's change form, the API's
PATCH) refuses them with a message pointing to the correction.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from claims.models import Claim


def _period(claim: Claim) -> str:
    if claim.time_label:
        return claim.time_label
    if claim.time_start and claim.time_end and claim.time_start != claim.time_end:
        return f"{claim.time_start:%-d %B %Y} to {claim.time_end:%-d %B %Y}"
    return f"{claim.time_start:%-d %B %Y}" if claim.time_start else ""


@dataclass(frozen=True)
class PublicPart:
    """One thing readers see on a claim's page, the fields it is made of, and how it reads."""

    key: str
    label: str
    fields: tuple[str, ...]
    shown: Callable[[Claim], str]


PUBLIC_PARTS = (
    PublicPart("text", "Claim", ("text",), lambda claim: claim.text),
    PublicPart(
        "value", "Value", ("comparator", "value", "value_upper", "unit"), lambda claim: claim.quantity_display
    ),
    PublicPart("time", "When", ("time_start", "time_end", "time_label"), _period),
    PublicPart("place", "Where", ("place",), lambda claim: claim.place),
    PublicPart("verdict", "Verdict", ("verdict",), lambda claim: claim.get_verdict_display()),
    PublicPart("explanation", "Explanation", ("explanation",), lambda claim: claim.explanation),
)
PUBLIC_FIELDS = tuple(name for part in PUBLIC_PARTS for name in part.fields)
PAGED_STATUSES = (*Claim.PUBLIC_STATUSES, Claim.Status.RETRACTED)


def edit_refused(claim: Claim) -> str:
    if claim.status == Claim.Status.RETRACTED:
        return "The claim is retracted: what readers saw of it stays as it was."
    return (
        "Readers see this on the published claim: change it with a correction, which publishes a dated "
        "note with the change (“Correct this claim” on the claim's admin page, or "
        f"POST /api/v1/claims/{claim.slug}/correct/ in the API)."
    )


def differs(new, old) -> bool:
    """Whether a field's value changes; a browser sending a text's line breaks as CRLF changes nothing."""
    if isinstance(new, str) and isinstance(old, str):
        return new.replace("\r\n", "\n") != old.replace("\r\n", "\n")
    return new != old


def public_edits(claim: Claim, values: Mapping) -> list[str]:
    """The public fields `values` would change on `claim` as it stands."""
    return [name for name in PUBLIC_FIELDS if name in values and differs(values[name], getattr(claim, name))]


def check_edit(*, claim: Claim, values: Mapping) -> None:
    """Refuse a plain edit of what readers see on a published (or retracted) claim, field by field."""
    if claim.pk is None or claim.status not in PAGED_STATUSES:
        return
    if edits := public_edits(claim, values):
        raise ValidationError({name: edit_refused(claim) for name in edits})


def changes_between(before: Claim, after: Claim) -> list[dict[str, str]]:
    """Each public part that differs, as readers see it: {"field", "label", "old", "new"}."""
    return [
        {"field": part.key, "label": part.label, "old": part.shown(before), "new": part.shown(after)}
        for part in PUBLIC_PARTS
        if any(differs(getattr(after, name), getattr(before, name)) for name in part.fields)
    ]
