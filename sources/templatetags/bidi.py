"""Text from editors and imports, isolated from the direction of what surrounds it.

A right-to-left override (U+202E) in a claim would otherwise reverse the words after
it, in the page and in the browser's tab title. In markup <bdi> isolates; where there is
no markup (a <title>, an attribute), the Unicode isolates FSI … PDI do the same.
"""

from django import template

register = template.Library()

FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


@register.filter
def isolate(value) -> str:
    text = str(value)
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text
