"""Render captured text with marked passages, for editors and readers."""

from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    label: str
    css_class: str = "quote"


def mark_text(text: str, marks: list[Mark]) -> SafeString:
    """Escape `text` and wrap each marked passage in <mark>; overlapping marks both show."""
    marks = [mark for mark in marks if 0 <= mark.start < mark.end <= len(text)]
    boundaries = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pieces = []
    for start, end in pairwise(boundaries):
        covering = [mark for mark in marks if mark.start <= start and end <= mark.end]
        if not covering:
            pieces.append(escape(text[start:end]))
            continue
        pieces.append(
            format_html(
                '<mark class="{}" title="{}">{}</mark>',
                " ".join(sorted({mark.css_class for mark in covering})),
                "; ".join(mark.label for mark in covering),
                text[start:end],
            )
        )
    return mark_safe("".join(pieces))
