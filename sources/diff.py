"""What changed between two captures of a text, word by word, for an editor to read."""

import re
from difflib import SequenceMatcher

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

TOKENS = re.compile(r"\s+|[^\s]+")
CONTEXT = 12  # unchanged words kept on each side of a change
# Beyond this many words, comparing word by word is slow; lines are compared instead.
WORD_LIMIT = 60_000


def word_diff(old: str, new: str) -> SafeString:
    """`new` compared with `old`: removed words in <del>, added ones in <ins>, long unchanged stretches cut."""
    if len(old.split()) + len(new.split()) > WORD_LIMIT:
        first, second = old.splitlines(keepends=True), new.splitlines(keepends=True)
    else:
        first, second = TOKENS.findall(old), TOKENS.findall(new)
    pieces = []
    opcodes = SequenceMatcher(None, first, second, autojunk=False).get_opcodes()
    for position, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            pieces.append(_unchanged(first[i1:i2], position == 0, position == len(opcodes) - 1))
            continue
        if i2 > i1:
            pieces.append(format_html("<del>{}</del>", "".join(first[i1:i2])))
        if j2 > j1:
            pieces.append(format_html("<ins>{}</ins>", "".join(second[j1:j2])))
    return mark_safe("".join(str(piece) for piece in pieces))


def _unchanged(tokens: list[str], at_start: bool, at_end: bool) -> SafeString:
    words = [position for position, token in enumerate(tokens) if not token.isspace()]
    keep_before = 0 if at_start else CONTEXT
    keep_after = 0 if at_end else CONTEXT
    if len(words) <= keep_before + keep_after + 3:
        return format_html("{}", "".join(tokens))
    head = "".join(tokens[: words[keep_before] if keep_before else 0])
    tail = "".join(tokens[words[-keep_after] :]) if keep_after else ""
    return format_html('{}<span class="diff-gap">…</span>{}', head, tail)
