"""How admin lists show a long text, a state and a number: readable at a glance, whole on demand.

A long text is cut to two lines with the whole of it on hover; a state is a label whose colour says
what it means, always with its words; a stored 17.0000 reads 17. The styles are sources/admin.css.
"""

from decimal import Decimal

from django.utils.html import format_html

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
