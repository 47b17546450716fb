"""Admin actions that run one domain step on each selected row and say how it went."""

from collections.abc import Callable, Iterable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError


def refusal(error: Exception) -> str:
    """What a refused step says, for the person who asked."""
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def run_on_each(
    model_admin: admin.ModelAdmin,
    request,
    rows: Iterable,
    step: Callable[..., object],
    *,
    argument: str,
    done: str,
    refused: tuple[type[Exception], ...],
    name_rows: bool = True,
    **kwargs,
) -> None:
    """Call `step(<argument>=row, by=user, **kwargs)` for each row; report each refusal and the count done.

    Refusals are prefixed with the row they concern, unless their messages name it themselves.
    """
    succeeded = 0
    for row in rows:
        try:
            step(**{argument: row}, by=request.user, **kwargs)
            succeeded += 1
        except refused as error:
            said = f"{row}: {refusal(error)}" if name_rows else refusal(error)
            model_admin.message_user(request, said, messages.ERROR)
    if succeeded:
        noun = model_admin.model._meta.verbose_name
        model_admin.message_user(request, f"{succeeded} {noun}(s) {done}.", messages.SUCCESS)
