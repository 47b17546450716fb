"""Page furniture: the lines of a captured page that are not the article.

A text pasted or fetched from a news site carries more than the article: a byline
("By Jane Doe and John Roe"), photo captions and credits ("(AP Photo/Evan Vucci)",
"Getty."), and blocks after or between paragraphs that point elsewhere ("Read more: …",
"Related", "NEXT" followed by the headlines of other stories). Such lines are still
captured, but they are not read for attributions or numbers: a teaser's number is
another story's. So are a photo gallery's lines ("See photos from the debate below:",
"Photos:", a slide counter such as "Image 3 of 8" or "3", "of", "8" on lines of their own,
a caption card "Name: … Age: … City: …") and a run of headlines in title case.

The text's own headline (its first line, when written in title case) is the article's,
read for attributions, but its numbers restate the article's in a few words: `headline_line`
says which line it is, for claims.ingestion.statements to pass over.
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
        "photos",
        "photo",
        "pictures",
        "images",
        "gallery",
        "photo gallery",
        "photo galleries",
        "slideshow",
        "in pictures",
        "video",
        "videos",
        "watch",
        "more videos",
        "related links",
        "related news",
        "related posts",
        "related video",
        "related videos",
        "also on",
        "around the web",
        "from around the web",
        "sponsored",
        "sponsored content",
        "promoted stories",
    }
)
# A line that opens a block of photos or links: "See photos from the debate below:", "More from The Guardian".
BLOCK_OPENER = re.compile(
    r"^(?:(?:see|view|watch|browse|click\s+through|scroll\s+through|check\s+out)\s+(?:\w+\s+){0,4}?"
    r"(?:photos?|pictures|images|gallery|slideshow|slides|videos?)\b[^.!?]{0,60}"
    r"|(?:more\s+(?:from|on|about|stories\s+from|coverage\s+of)|most\s+(?:read|popular|viewed)\s+(?:on|in|from))\b[^.!?:]{0,60})"
    r"[:.]?$",
    re.IGNORECASE,
)
# A gallery's counter: "Image 3 of 8", "3 / 8", or "3", "of", "8" on lines of their own.
SLIDE_COUNTER = re.compile(
    r"^(?:(?:image|photo|picture|slide|item)\s+)?(?:\d{1,3}\s*(?:of|/)\s*\d{1,3}|\d{1,3}|of)\.?$",
    re.IGNORECASE,
)
# A caption card: three or more labelled fields on one line, "Name: … Age: 27City: … Job: …".
CARD_FIELD = re.compile(r"(?:^|(?<=[\s\w.,;)]))[A-Z][a-z’']+(?:\s[a-z’']+){0,3}:\s")
CARD_FIELDS = 3
# Headline style: most longer words capitalised ("Bernie Sanders Pins The Rise Of ISIS On Iraq").
HEADLINE_SHARE = 0.75
HEADLINE_WORDS = 25
SENTENCE_CASE_HEADLINE_WORDS = 14
# A line that starts with a label and a colon is one link: "Read more: Trump wins Iowa".
LINK_LINE = re.compile(
    r"^\s*(?:read more|read next|related|see also|next|more|watch|listen|also read|recommended|sign up)\s*[:>»|–—-]",
    re.IGNORECASE,
)
# An invitation to subscribe: "Sign up for our newsletter to get 5 stories every morning."
SIGN_UP = re.compile(
    r"^\s*(?:sign\s+up|subscribe|register)\b[^.!?]{0,80}\b(?:newsletters?|e-?mails?|inbox|alerts|updates)\b",
    re.IGNORECASE,
)
COUNT_AFTER_LABEL = re.compile(r"\s*[(\[]?\d{1,6}[)\]]?$")
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
    headlines = [_headline(line) for line in lines]
    filled = [number for number, line in enumerate(lines) if line.strip()]
    for position, number in enumerate(filled):
        stripped = lines[number].strip()
        words = stripped.split()
        label = stripped.strip(" \"'“”‘’()[]*").rstrip(":>»").strip().lower()
        label = COUNT_AFTER_LABEL.sub("", label)  # "Comments (12)", "Photos (8)"
        if label in BLOCK_LABELS or BLOCK_OPENER.match(stripped.strip("\"'“”‘’ ")):
            found.add(number)
            in_block = True
            continue
        if SLIDE_COUNTER.match(stripped) or len(CARD_FIELD.findall(stripped)) >= CARD_FIELDS:
            found.add(number)  # a gallery's counter or caption card; what follows may be its captions
            in_block = True
            continue
        if in_block and (
            len(words) < SHORT_LINE_WORDS
            or not stripped.endswith((".", "”", '"', "?", "!"))
            or headlines[number]
        ):
            found.add(number)  # a teaser or another story's headline under "Related" or "NEXT"
            continue
        in_block = False
        short = len(words) <= 40
        neighbours = [filled[other] for other in (position - 1, position + 1) if 0 <= other < len(filled)]
        if (
            LINK_LINE.match(stripped)
            or (short and SIGN_UP.match(stripped))
            or (short and CREDIT.search(stripped))
            or _byline(stripped, words)
            or (headlines[number] and any(headlines[other] for other in neighbours))
        ):
            found.add(number)  # one of a run of other stories' headlines
    return found


def headline_line(lines: list[str]) -> int | None:
    """The number of the text's headline line: its first line with words, when written in title case."""
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    if _headline(lines[first]):
        return first
    # "Port closes two quays": a headline in sentence case, a short line on its own above the text, unended
    words = re.findall(r"[A-Za-z0-9][\w’'-]*", lines[first])
    alone = first + 1 < len(lines) and not lines[first + 1].strip()
    paragraphs = sum(1 for line in lines if line.strip())
    one_sentence = not re.search(r"[.!?][”\"’']?\s+[A-Z]", lines[first].strip())
    unended = not lines[first].strip().endswith((".", "!", "?", '"', "”", "’", "'", ":"))
    if alone and unended and paragraphs >= 3 and one_sentence and len(words) <= SENTENCE_CASE_HEADLINE_WORDS:
        return first
    return None


def _headline(line: str) -> bool:
    """Whether a line is written as a headline: short, one sentence, most longer words capitalised."""
    words = re.findall(r"[A-Za-z][\w’'-]*", line)
    if not words or len(words) > HEADLINE_WORDS or re.search(r"[.!?][”\"’']?\s+[A-Z]", line.strip()):
        return False
    longer = [word for word in words if len(word) >= 4]
    if len(longer) < 3:
        return False
    return sum(word[0].isupper() for word in longer) >= HEADLINE_SHARE * len(longer)


def _byline(line: str, words: list[str]) -> bool:
    if len(words) > 14 or not BYLINE.match(line):
        return False
    rest = [word.strip(",.;()") for word in words[1:]]
    return all(not word or word[0].isupper() or word.lower() in BYLINE_WORDS or word == "by" for word in rest)
