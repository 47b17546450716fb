"""Page furniture: the lines of a captured page that are not the article.

A text pasted or fetched from a news site carries more than the article: a byline
("By Jane Doe and John Roe"), photo captions and credits ("(AP Photo/Evan Vucci)",
"Getty."), and blocks after or between paragraphs that point elsewhere ("Read more: …",
"Related", "NEXT" followed by the headlines of other stories). Such lines are still
captured, but they are not read for attributions or numbers: a teaser's number is
another story's.
"""

import re

# A line that is only a label opens a block of links to other stories.
BLOCK_LABELS = frozenset(
    {
        "next",
        "next story",
        "next article",
        "up next",
        "read more",
        "read next",
        "related",
        "related articles",
        "related stories",
        "related coverage",
        "related content",
        "more stories",
        "more from",
        "more on this story",
        "recommended",
        "recommended stories",
        "you may also like",
        "see also",
        "most read",
        "most popular",
        "trending",
        "trending now",
        "advertisement",
        "share this article",
        "share",
        "comments",
    }
)
# A line that starts with a label and a colon is one link: "Read more: Trump wins Iowa".
LINK_LINE = re.compile(
    r"^\s*(?:read more|read next|related|see also|next|more|watch|listen|also read|recommended|sign up)\s*[:>»|–—-]",
    re.IGNORECASE,
)
BYLINE = re.compile(
    r"^\s*\(?(?i:by|reporting by|additional reporting by|written by|edited by|editing by|compiled by)\s+"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}",
)
CREDIT = re.compile(
    r"\((?:AP|AFP|Reuters|EPA|Getty|Bloomberg)[^)]*?(?:Photo|Images|Pool)[^)]*\)"
    r"|\b(?:Photo|Photograph|Image|Picture|Caption)(?:\s+credit)?\s*:"
    r"|\bPhoto(?:graph)? by\b|\bImage copyright\b|\bGetty Images\b|^\s*Getty\.?\s*$",
    re.IGNORECASE,
)
SHORT_LINE_WORDS = 8
# After "By", a byline holds names and these words only: "By Jane Doe and John Roe, Associated Press".
BYLINE_WORDS = frozenset(
    {
        "and",
        "of",
        "the",
        "for",
        "in",
        "at",
        "with",
        "staff",
        "writer",
        "reporter",
        "correspondent",
        "editor",
        "|",
        ",",
    }
)


def furniture_lines(lines: list[str]) -> set[int]:
    """The numbers of the lines in `lines` (a text's paragraphs) that are page furniture."""
    found: set[int] = set()
    in_block = False
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        words = stripped.split()
        label = stripped.rstrip(":>»").strip().lower()
        if label in BLOCK_LABELS:
            found.add(number)
            in_block = True
            continue
        if in_block and (len(words) < SHORT_LINE_WORDS or not stripped.endswith((".", "”", '"', "?", "!"))):
            found.add(number)  # a teaser or another story's headline under "Related" or "NEXT"
            continue
        in_block = False
        short = len(words) <= 40
        if LINK_LINE.match(stripped) or (short and CREDIT.search(stripped)) or _byline(stripped, words):
            found.add(number)
    return found


def _byline(line: str, words: list[str]) -> bool:
    if len(words) > 14 or not BYLINE.match(line):
        return False
    rest = [word.strip(",.;()") for word in words[1:]]
    return all(not word or word[0].isupper() or word.lower() in BYLINE_WORDS or word == "by" for word in rest)
