"""How admin lists show a long text, a state and a number: readable at a glance, whole on demand.

A long text is cut to two lines with the whole of it on hover; a state is a label whose colour says
what it means, always with its words; a stored 17.0000 reads 17. The styles are sources/admin.css.
"""

from decimal import Decimal

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils.html import format_html
from django.utils.translation import gettext

# What each tone means; the colours are in sources/admin.css and carry white text at AA contrast.
TONES = {"good", "fair", "mixed", "poor", "bad", "waiting", "neutral", "unscaled", "attention"}


def clamped(text: str) -> str:
    """The text on two lines at most, the whole of it in the title shown on hover."""
    return format_html('<span class="clamp" title="{}">{}</span>', text, text)


def state_label(text: str, tone: str) -> str:
    """A coloured label that says its meaning in words too."""
    if tone not in TONES:
        raise ValueError(f"Unknown tone {tone!r}")
    return format_html('<span class="state-label state-{}">{}</span>', tone, text)


def trimmed_number(value: Decimal | int | None) -> str:
    """17 for 17.0000 and 0.5 for 0.5000; an empty string for no number."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


class LargeListMixin:
    """A changelist that stays quick at an archive's size (bench/serve.py: 100,000 claims, 500,000 quotes)."""

    # The paginator's count is enough: "N of M selected" would count every row a second time.
    show_full_result_count = False

    def action_checkbox(self, obj) -> str:
        """Each row's checkbox written directly, as Django's CheckboxInput renders it: rendering that
        widget through the form renderer's templates took 40% of a page of 100 rows."""
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )
