"""Sentences and word tokens of a captured text, each with its offsets in that text.

Both the attribution detector and the numeric statement extractor read text
through this module, so that every span they propose can be anchored back in
the source exactly. The rules are those of English news copy: a paragraph is
a line, a sentence ends at . ! or ? followed by a capital (closing quote marks
stay with their sentence), and "Mr." or "U.S." do not end one.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from sources.furniture import furniture_lines


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one string, as word lists read best."""
    return frozenset(words.split())


ABBREVIATIONS = word_set(
    "mr mrs ms dr prof st gen col lt sgt capt gov sen rep jr sr inc ltd co corp no vs etc approx "
    "jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k u.n a.m p.m"
)
QUOTE_MARKS = "\"'“”‘’«»„"
# A sentence ends at . ! ? (and any closing quote or bracket), before a space and a capital, digit or quote.
BOUNDARY = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*\.?|[^\w\s]", re.UNICODE)
POSSESSIVE = re.compile(r"^(.+?)([’']s?)$")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @cached_property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_acronym(self) -> bool:
        letters = [char for char in self.text if char.isalpha()]
        return len(letters) >= 2 and sum(char.isupper() for char in letters) >= 2


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int

    @cached_property
    def tokens(self) -> list[Token]:
        return [
            Token(token.text, token.start + self.start, token.end + self.start)
            for token in tokenize(self.text)
        ]

    def slice(self, start: int, end: int) -> str:
        """The sentence's text between two offsets of the whole text."""
        return self.text[start - self.start : end - self.start]


def tokenize(text: str) -> list[Token]:
    """Words and punctuation; a possessive 's is a token of its own, a final period is not part of a word."""
    tokens = []
    for match in WORD.finditer(text):
        word, start = match.group(), match.start()
        if word.endswith(".") and len(word) > 1 and word[:-1].lower() not in ABBREVIATIONS:
            word = word[:-1]
        possessive = POSSESSIVE.match(word) if word[0].isalpha() and len(word) > 2 else None
        if possessive and (possessive.group(2) in ("’s", "'s") or word.endswith(("s’", "s'"))):
            base, mark = possessive.groups()
            if base.lower().endswith("n") and mark in ("’", "'"):  # weren’t, don’t: not possessive
                tokens.append(Token(word, start, start + len(word)))
                continue
            tokens.append(Token(base, start, start + len(base)))
            tokens.append(Token("'s", start + len(base), start + len(word)))
            continue
        tokens.append(Token(word, start, start + len(word)))
        if match.group() != word:
            tokens.append(Token(".", start + len(word), match.end()))
    return tokens


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, paragraph by paragraph, with their offsets; page furniture is left out."""
    sentences = []
    offset = 0
    lines = text.split("\n")
    furniture = furniture_lines(lines)
    for number, line in enumerate(lines):
        if number in furniture:
            offset += len(line) + 1
            continue  # a byline, a caption, "Read more: …": not the article
        start = 0
        for boundary in BOUNDARY.finditer(line):
            before = line[start : boundary.start()].rsplit(None, 1)
            last_word = before[-1].lower().strip(QUOTE_MARKS + "(") if before else ""
            if last_word in ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
                continue
            sentences.extend(_sentence(line, start, boundary.end(), offset, number))
            start = boundary.end()
        sentences.extend(_sentence(line, start, len(line), offset, number))
        offset += len(line) + 1
    return sentences


def _sentence(line: str, start: int, end: int, offset: int, paragraph: int) -> list[Sentence]:
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped:
        return []
    first = start + piece.index(stripped)
    return [Sentence(offset + first, offset + first + len(stripped), stripped, paragraph)]
