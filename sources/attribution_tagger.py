"""A learned tagger of the words that attribute, for the sentences where the rules found no attribution.

A logistic regression over each word the rules left alone: the word itself, its
ending, its capitals, the words around it, what kind of word follows ("wants to"
against "wants the"), who stands before it (a personal pronoun, a party the text
has already named as a source, another name), quotation marks and colons near it,
where it stands in its sentence and paragraph, and where the rules' findings in
the same sentence are. It says how likely the word is one that attributes ("he is
expected to", "voters are worried about") as PolNeAR's annotators marked them; the
words it is sure enough of are read as mentions that name nobody, from the subject
before them.

A second, smaller regression (the cue model) reads each attribution a rule found
("he called", "continues") and drops those the annotators seldom mark.

The weights are learned from the dev half of PolNeAR's training split by
bench/train_attribution_tagger.py, which writes sources/attribution_tagger.json:
feature names (derived words and word pieces) and weights, no text of the
corpus. The thresholds are chosen there by cross-validation inside the dev half.
Everything here is plain Python: scoring a word is a sum of a few dozen weights.
"""

import json
import math
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat
from pathlib import Path

from sources.cue_words import EVIDENCE, SPEECH, STANCE, lemma_of
from sources.sentences import Token, word_set

WEIGHTS = Path(__file__).with_name("attribution_tagger.json")
PERSONAL = word_set("i we you he she they who it")
OBJECTS = word_set("him them us me")
QUOTES = frozenset({'"', "“", "”", "''", "``"})
LEMMAS = SPEECH | STANCE | EVIDENCE
DETERMINERS = word_set("the a an his her their its our my your this that these those some any no every each")
PREPOSITIONS = word_set("in on of for with about at by from into over against after before")
# Words a mention's subject does not take in when it goes back from the words the tagger is sure of ("the
# campaign wants"): what joins or ends a clause, auxiliaries and prepositions.
NOT_SUBJECT = (
    word_set(
        "and or but to that which who whom whose when where while if as because than so then also not n't never "
        "is are was were be been being has have had do does did will would can could should may might must"
    )
    | PREPOSITIONS
)
# A poll or survey a few words on: "leads in the latest NBC News/Wall Street Journal poll" attributes to it.
POLLS = word_set("poll polls polling survey surveys average averages")
POLL_AHEAD = 8
SUBJECT_WORDS = 3  # at most so many words before the first sure word are taken in as its subject


@dataclass(frozen=True)
class Context:
    """What the reader knows around a sentence: whether it opens its paragraph, whether a rule read an
    attribution in it, and the words of the names of the parties found so far in the text."""

    first_in_paragraph: bool = False
    rule_cue: bool = False
    known: AbstractSet[str] = field(default_factory=frozenset)


Span = tuple[int, int]
Predicate = tuple[int, int, str]  # where a subject starts, where the word after it ends, that word


class Model:
    """Feature weights, a bias and the threshold a word's probability must reach to be read as a mention; and,
    in `cues`, a second such model that says of each attribution a rule read whether it is kept."""

    def __init__(
        self, weights: dict[str, float], bias: float, threshold: float, cues: "Model | None" = None
    ) -> None:
        self.weights, self.bias, self.threshold, self.cues = weights, bias, threshold, cues

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(map(self.weights.get, features, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def to_data(self) -> dict:
        weights = {feature: round(weight, 4) for feature, weight in sorted(self.weights.items())}
        data = {"bias": round(self.bias, 4), "threshold": self.threshold, "weights": weights}
        if self.cues is not None:
            data["cues"] = self.cues.to_data()
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"

    @classmethod
    def from_data(cls, data: dict) -> "Model":
        cues = cls.from_data(data["cues"]) if "cues" in data else None
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]), cues)

    @classmethod
    def from_json(cls, text: str) -> "Model":
        return cls.from_data(json.loads(text))


@cache
def model() -> Model | None:
    """The learned model, or None when no weights were written (the rules then work alone)."""
    if not WEIGHTS.exists():
        return None
    return Model.from_json(WEIGHTS.read_text(encoding="utf-8"))


def candidates(
    tokens: list[Token],
    quoted: list[bool],
    covered: list[Span],
    predicates: list[Predicate],
    context: Context | None = None,
) -> list[tuple[int, list[str]]]:
    """Each word no rule covered, as (its index, its features)."""
    if not tokens:
        return []
    context = context or Context()
    covered_tokens = [any(t.start < end and start < t.end for start, end in covered) for t in tokens]
    ruled = [index for index, is_covered in enumerate(covered_tokens) if is_covered]
    predicate_of = {end: (start, key) for start, end, key in predicates}
    lowers = [token.text.lower().replace("’", "'") for token in tokens]  # Token.lower, without caching each
    quotes = [index for index, word in enumerate(lowers) if word in QUOTES]
    sentence = _sentence_features(tokens, context)
    found = []
    for index, token in enumerate(tokens):
        if covered_tokens[index] or not token.is_word or (index and lowers[index - 1] == "than"):
            continue  # what a rule read, punctuation, and a comparison ("sooner than expected"): nobody's view
        start, predicate = predicate_of.get(token.end, (-1, ""))
        found.append(
            (
                index,
                features(tokens, lowers, quoted, index, ruled, predicate)
                + _context_features(tokens, lowers, index, start, quotes, context)
                + sentence,
            )
        )
    return found


def _sentence_features(tokens: list[Token], context: Context) -> list[str]:
    length = len(tokens)
    return [
        "par-first" if context.first_in_paragraph else "par-later",
        "len=" + ("short" if length < 10 else "mid" if length < 25 else "long"),
        "has-cue" if context.rule_cue else "no-cue",
    ]


def _next_kind(word: str) -> str:
    """What kind of word follows: a clause ("to", "that"), a noun phrase (a determiner), a preposition, …"""
    if word in ("to", "that"):
        return word
    if word in DETERMINERS:
        return "det"
    if word in PREPOSITIONS:
        return "prep"
    if word in PERSONAL or word in OBJECTS:
        return "pron"
    if word in QUOTES:
        return "quote"
    if word in (",", ":", ";"):
        return "punct"
    return "end" if word == "</s>" else "other"


def _subject_kind(
    tokens: list[Token], lowers: list[str], index: int, start: int, known: AbstractSet[str]
) -> str:
    """Who stands before the word: a personal pronoun, a name of a party found so far in the text ("known"),
    another name, right before it as its subject (`start`: where that subject starts) or up to three words
    before ("-near"); "none" when neither."""
    if start >= 0:
        subject = [position for position in range(index) if tokens[position].start >= start]
        if subject and lowers[subject[0]] in PERSONAL:
            return "pron"
        return "known" if any(lowers[position] in known for position in subject) else "name"
    for offset in (1, 2, 3):
        position = index - offset
        if position < 0:
            break
        if lowers[position] in PERSONAL:
            return "pron-near"
        if tokens[position].is_word and tokens[position].is_capitalised and position > 0:
            return "known-near" if lowers[position] in known else "name-near"
    return "none"


def _context_features(
    tokens: list[Token], lowers: list[str], index: int, start: int, quotes: list[int], context: Context
) -> list[str]:
    """The word with what follows it, with who stands before it, how far the nearest quotation mark is, and the
    pairs of words around it."""
    word = lowers[index]
    before, after = _word(lowers, index - 1), _word(lowers, index + 1)
    lemma = lemma_of(word, LEMMAS)
    following = _next_kind(after)
    subject = _subject_kind(tokens, lowers, index, start, context.known)
    found = [
        "nc=" + following,
        "w|nc=" + word + "|" + following,
        "subj=" + subject,
        "subj|w=" + subject + "|" + word,
    ]
    if lemma:
        found += ["lemma|nc=" + lemma + "|" + following, "subj|lemma=" + subject + "|" + lemma]
    if quotes:
        found += ["qd=" + _distance(min(abs(position - index) for position in quotes)), "sent-quote"]
    else:
        found.append("no-quote")
    found += ["w-1|w+1=" + before + "|" + after, "w-2w-1=" + _word(lowers, index - 2) + " " + before]
    if any(ahead in POLLS for ahead in lowers[index + 1 : index + 1 + POLL_AHEAD]):
        found += ["poll-ahead", "w|poll-ahead=" + word]
    return found


# Words written with a capital that are no name: the cue model reads them as words, any other capitalised word as
# "<cap>" (a name), so that what it learns is the attributing words and not the names of the parties in the corpus.
NOT_NAMES = (
    PERSONAL
    | DETERMINERS
    | word_set(
        "his her their but and in on at as according citing after when while so if then meanwhile still also later "
        "earlier now today yesterday"
    )
)


def _cue_word(token: Token) -> str:
    lower = token.text.lower().replace("’", "'")
    return "<cap>" if token.is_capitalised and lower not in NOT_NAMES else lower


def cue_features(tokens: list[Token], start: int, end: int, cues: int, first_in_paragraph: bool) -> list[str]:
    """The features of an attribution a rule read from `start` to `end` ("Sanders said"): its words (a name as
    "<cap>"), its first and last, the words on either side, how long it is, quotation marks in the sentence and
    near it, how many attributions the rules read in the sentence, and where it stands."""
    inside = [index for index, token in enumerate(tokens) if start <= token.start and token.end <= end]
    if not inside:
        return ["empty"]
    lowers = [token.text.lower().replace("’", "'") for token in tokens]
    first, last = inside[0], inside[-1]
    said = [_cue_word(tokens[index]) for index in inside]
    after = _word(lowers, last + 1)
    found = [
        "r-last=" + said[-1],
        "r-first=" + said[0],
        "r-n=" + str(min(len(said), 6)),
        "r-prev=" + _word(lowers, first - 1),
        "r-next=" + after,
        "r-last|next=" + said[-1] + "|" + after,
        *("r-w=" + word for word in sorted(set(said))),
        "r-cues=" + str(min(cues, 3)),
        "r-par-first" if first_in_paragraph else "r-par-later",
    ]
    if any(word in QUOTES for word in lowers):
        found.append("r-quote-sentence")
    if any(word in QUOTES for word in lowers[max(0, first - 3) : last + 4]):
        found.append("r-quote-near")
    share = first / len(tokens)
    found.append(
        "r-pos="
        + ("first" if first == 0 else "start" if share < 0.34 else "middle" if share < 0.67 else "end")
    )
    return found


def keeps_cue(
    tokens: list[Token],
    start: int,
    end: int,
    cues: int,
    first_in_paragraph: bool,
    *,
    chosen: Model | None = None,
) -> bool:
    """Whether an attribution a rule read is kept: the learned cue model's probability that it is one the
    annotators marked reaches its threshold (always, without a model)."""
    current = chosen or model()
    if current is None or current.cues is None:
        return True
    return (
        current.cues.probability(cue_features(tokens, start, end, cues, first_in_paragraph))
        >= current.cues.threshold
    )


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
    context: Context | None = None,
) -> list[Span]:
    """Where the model reads an attribution the rules missed: each run of words it is sure enough of, from the
    subject before it ("He is expected", "The campaign wants")."""
    current = chosen or model()
    if current is None:
        return []
    found = candidates(tokens, quoted, covered, predicates, context)
    probability: Callable[[list[str]], float] = current.probability
    sure = [index for index, words in found if probability(words) >= current.threshold]
    free = {index for index, _ in found if not quoted[index]}
    return runs(tokens, sure, predicates, free)


def runs(
    tokens: list[Token],
    sure: list[int],
    predicates: list[Predicate],
    free: set[int] | frozenset[int] = frozenset(),
) -> list[Span]:
    """The spans of `sure` (token indexes, ascending): adjacent ones joined, from the subject before the first:
    the name or pronoun of `predicates`, else up to SUBJECT_WORDS words before it that are `free` (no rule read
    them, outside quotation marks) and neither join a clause nor are auxiliaries or prepositions."""
    subject_of = {end: start for start, end, _ in predicates}
    spans: list[Span] = []
    last = -2
    for index in sure:
        token = tokens[index]
        if index == last + 1 and spans:
            spans[-1] = (spans[-1][0], token.end)
        else:
            start = subject_of.get(token.end)
            if start is None:
                first = index
                while (
                    first > 0
                    and index - first < SUBJECT_WORDS
                    and first - 1 in free
                    and tokens[first - 1].lower not in NOT_SUBJECT
                ):
                    first -= 1
                start = tokens[first].start
            spans.append((start, token.end))
        last = index
    return spans
