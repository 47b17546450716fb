"""A learned tagger of the words that attribute, for the sentences where the rules found no attribution.

A logistic regression over each word the rules left alone: the word itself, its
ending, its capitals, the words around it, whether a subject (a name or a
personal pronoun) stands just before it, quotation marks and colons near it, and
where it stands relative to what the rules found in the same sentence. It says how
likely the word is one that attributes ("he is expected to", "voters are worried
about") as PolNeAR's annotators marked them; the words it is sure enough of are
read as mentions that name nobody.

The weights are learned from the dev half of PolNeAR's training split by
bench/train_attribution_tagger.py, which writes sources/attribution_tagger.json:
feature names (derived words and word pieces) and weights, no text of the
corpus. The threshold is chosen there by cross-validation inside the dev half.
Everything here is plain Python: scoring a word is a sum of a few dozen weights.
"""

import json
import math
from collections.abc import Callable
from functools import cache
from itertools import repeat
from pathlib import Path

from sources.cue_words import EVIDENCE, SPEECH, STANCE, lemma_of
from sources.sentences import Token, word_set

WEIGHTS = Path(__file__).with_name("attribution_tagger.json")
PERSONAL = word_set("i we you he she they who it")
QUOTES = frozenset({'"', "“", "”", "''", "``"})
LEMMAS = SPEECH | STANCE | EVIDENCE

Span = tuple[int, int]
Predicate = tuple[int, int, str]  # where a subject starts, where the word after it ends, that word


class Model:
    """Feature weights, a bias and the threshold a word's probability must reach to be read as a mention."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        self.weights, self.bias, self.threshold = weights, bias, threshold

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(map(self.weights.get, features, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def to_json(self) -> str:
        weights = {feature: round(weight, 4) for feature, weight in sorted(self.weights.items())}
        data = {"bias": round(self.bias, 4), "threshold": self.threshold, "weights": weights}
        return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Model":
        data = json.loads(text)
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))


@cache
def model() -> Model | None:
    """The learned model, or None when no weights were written (the rules then work alone)."""
    if not WEIGHTS.exists():
        return None
    return Model.from_json(WEIGHTS.read_text(encoding="utf-8"))


def candidates(
    tokens: list[Token], quoted: list[bool], covered: list[Span], predicates: list[Predicate]
) -> list[tuple[int, list[str]]]:
    """Each word no rule covered, as (its index, its features)."""
    if not tokens:
        return []
    covered_tokens = [any(t.start < end and start < t.end for start, end in covered) for t in tokens]
    ruled = [index for index, is_covered in enumerate(covered_tokens) if is_covered]
    predicate_of = {end: key for _, end, key in predicates}
    lowers = [token.text.lower().replace("’", "'") for token in tokens]  # Token.lower, without caching each
    found = []
    for index, token in enumerate(tokens):
        if covered_tokens[index] or not token.is_word:
            continue
        found.append((index, features(tokens, lowers, quoted, index, ruled, predicate_of.get(token.end, ""))))
    return found


def _word(lowers: list[str], index: int) -> str:
    if index < 0:
        return "<s>"
    if index >= len(lowers):
        return "</s>"
    return lowers[index]


def _distance(distance: int) -> str:
    return str(distance) if distance <= 3 else "4-6" if distance <= 6 else "7+"


def features(
    tokens: list[Token], lowers: list[str], quoted: list[bool], index: int, ruled: list[int], predicate: str
) -> list[str]:
    """The features of one word: what it is, what surrounds it, and where the rules' findings are. `predicate` is
    the word's key after a subject ("critical", "be critical" in "Trump is critical"), or "" when no subject stands
    right before it."""
    token, word = tokens[index], lowers[index]
    before, after = _word(lowers, index - 1), _word(lowers, index + 1)
    found = [
        "w=" + word,
        "s3=" + word[-3:],
        "s2=" + word[-2:],
        "w-1=" + before,
        "w+1=" + after,
        "w-2=" + _word(lowers, index - 2),
        "w+2=" + _word(lowers, index + 2),
        "w-1w=" + before + " " + word,
        "ww+1=" + word + " " + after,
    ]
    lemma = lemma_of(word, LEMMAS)
    if lemma:
        found.append("lemma=" + lemma)
        found.append(
            "cue-lemma" + ("-speech" if lemma in SPEECH else "-stance" if lemma in STANCE else "-evidence")
        )
    if token.is_capitalised:
        found.append("cap" if index else "cap-first")
    if token.text.isupper() and len(token.text) > 1:
        found.append("upper")
    if any(char.isdigit() for char in token.text):
        found.append("digit")
    if quoted[index]:
        found.append("quoted")
    if predicate:
        found.append("after-subject")
        found.append("after-subject=" + predicate)
    for offset in (1, 2, 3):
        position = index - offset
        if position < 0:
            break
        previous = tokens[position]
        if lowers[position] in PERSONAL:
            found.append(f"pronoun-{offset}")
            break
        if previous.is_word and previous.is_capitalised and position > 0:
            found.append(f"name-{offset}")
            break
    for offset in (1, 2, 3):
        position = index + offset
        if position >= len(tokens):
            break
        if tokens[position].is_word and tokens[position].is_capitalised:
            found.append(f"name+{offset}")
            break
    nearby = lowers[max(0, index - 3) : index + 4]
    if any(near in QUOTES for near in nearby):
        found.append("quote-near")
    if after in QUOTES or after == ":":
        found.append("then-quote-or-colon")
    if after == "that":
        found.append("then-that")
    if before == ",":
        found.append("after-comma")
    if ruled:
        nearest = min(ruled, key=lambda position: abs(position - index))
        side = "before" if nearest < index else "after"
        found.append(f"rule-{side}-{_distance(abs(nearest - index))}")
    else:
        found.append("no-rule")
    share = index / len(tokens)
    found.append(
        "pos=" + ("first" if index == 0 else "start" if share < 0.34 else "middle" if share < 0.67 else "end")
    )
    return found


def tagged_spans(
    tokens: list[Token],
    quoted: list[bool],
    covered: list[Span],
    predicates: list[Predicate],
    *,
    chosen: Model | None = None,
) -> list[Span]:
    """Where the model reads an attribution the rules missed: each run of words it is sure enough of, from the
    subject before it when the run starts right after one ("He is expected")."""
    current = chosen or model()
    if current is None:
        return []
    found = candidates(tokens, quoted, covered, predicates)
    probability: Callable[[list[str]], float] = current.probability
    sure = [index for index, words in found if probability(words) >= current.threshold]
    return runs(tokens, sure, predicates)


def runs(tokens: list[Token], sure: list[int], predicates: list[Predicate]) -> list[Span]:
    """The spans of `sure` (token indexes, ascending): adjacent ones joined, a subject before the first kept."""
    subject_of = {end: start for start, end, _ in predicates}
    spans: list[Span] = []
    last = -2
    for index in sure:
        token = tokens[index]
        if index == last + 1 and spans:
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((subject_of.get(token.end, token.start), token.end))
        last = index
    return spans
