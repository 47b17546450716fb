"""Find quoted words in a source's captured text.

Follows the W3C Web Annotation TextQuoteSelector: a quote is anchored by its
exact words, with a little context before (prefix) and after (suffix) to tell
repeated passages apart, plus character offsets as a hint.

Matching forgives only what a copy and paste loses: runs of whitespace
(line breaks, non-breaking spaces) and curly versus straight quote marks.
Everything else, case included, must match.
"""

from dataclasses import dataclass

CONTEXT_LENGTH = 32

QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def _fold(text: str) -> tuple[str, list[int]]:
    """Collapse whitespace runs to one space and straighten quote marks.

    Returns the folded text and, for each of its characters, the index of the
    character it came from in the original text.
    """
    folded: list[str] = []
    origin: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not in_space:
                folded.append(" ")
                origin.append(index)
            in_space = True
            continue
        in_space = False
        folded.append(char.translate(QUOTE_MARKS))
        origin.append(index)
    return "".join(folded), origin


def _fold_words(words: str) -> str:
    return _fold(words)[0].strip()


def find_quote(
    text: str, exact: str, *, prefix: str = "", suffix: str = "", hint: int | None = None
) -> Anchor | None:
    """Anchor `exact` in `text`, or return None when the words are not there.

    When the words occur more than once, the occurrence whose surroundings
    match the prefix and suffix best wins, then the one nearest `hint`.
    """
    needle = _fold_words(exact)
    if not needle or not text:
        return None
    haystack, origin = _fold(text)
    candidates = []
    position = haystack.find(needle)
    while position != -1:
        candidates.append(position)
        position = haystack.find(needle, position + 1)
    if not candidates:
        return None

    want_prefix, want_suffix = _fold_words(prefix), _fold_words(suffix)

    def rank(position: int) -> tuple[int, int]:
        before = haystack[:position].rstrip()
        after = haystack[position + len(needle) :].lstrip()
        context_score = int(bool(want_prefix) and before.endswith(want_prefix)) + int(
            bool(want_suffix) and after.startswith(want_suffix)
        )
        distance = abs(origin[position] - hint) if hint is not None else 0
        return (-context_score, distance)

    best = min(candidates, key=rank)
    start = origin[best]
    end = origin[best + len(needle) - 1] + 1
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
    )
