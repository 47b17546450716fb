"""Meet the names a text cites with the actors already recorded.

Exact names and aliases first (case, accents, curly apostrophes and a leading
article do not matter), then the spellings a reporter gets wrong: a surname
alone, missing spaces, a longer form of an organisation's name, letters swapped
in an acronym ("OPWC" for OPCW), and a misheard name ("Cassia Olangren" for
Kajsa Ollongren: each part compared by how it sounds, with rapidfuzz).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from sources.attribution import DEMONYMS, is_generic, same_name
from sources.models import Actor, Source, name_key

# rapidfuzz ratio (0–100) from which two spellings are the same name.
SAME_SPELLING = 88
# Jaro-Winkler similarity of each part of a person's name, compared by sound.
SAME_SURNAME, SAME_GIVEN_NAME = 0.9, 0.8
QUALIFIERS = frozenset({"unnamed", "anonymous", "the", "senior", "top"})
PEOPLE = (Actor.Kind.PERSON, Actor.Kind.OFFICIAL)


@dataclass(frozen=True)
class ActorMatch:
    actor: Actor
    score: int  # 100 for a recorded name or alias, less for a spelling that merely resembles one
    name: str  # the recorded name or alias that matched


# A people's name and its country's, to meet "the Dutch Ministry of Foreign Affairs" and "Ministry of Foreign
# Affairs of the Netherlands" as one name placed in one country.
COUNTRY_OF_PEOPLE = {
    "dutch": "netherlands", "belgian": "belgium", "german": "germany", "british": "united kingdom",
    "french": "france", "russian": "russia", "american": "united states", "chinese": "china", "iranian": "iran",
    "ukrainian": "ukraine", "polish": "poland", "italian": "italy", "spanish": "spain", "turkish": "turkey",
    "israeli": "israel", "swedish": "sweden", "norwegian": "norway", "danish": "denmark", "finnish": "finland",
    "austrian": "austria", "swiss": "switzerland", "greek": "greece", "hungarian": "hungary",
    "czech": "czech republic", "romanian": "romania", "bulgarian": "bulgaria", "serbian": "serbia",
    "croatian": "croatia", "canadian": "canada", "australian": "australia", "japanese": "japan",
    "indian": "india", "pakistani": "pakistan", "syrian": "syria", "iraqi": "iraq", "egyptian": "egypt",
    "brazilian": "brazil", "mexican": "mexico",
}  # fmt: skip
COUNTRY_NAMES = {*COUNTRY_OF_PEOPLE.values(), "uk", "us", "usa", "u.s.", "u.k."}
PLACED_AFTER = re.compile(r"(?P<rest>.+) of (?:the )?(?P<place>[a-z. ]+)")


def placed_key(key: str) -> str | None:
    """A folded name that places its party in a country, as the same name whichever way it says the country:
    "dutch ministry of foreign affairs" and "ministry of foreign affairs of the netherlands" give one key."""
    words = key.split()
    if len(words) > 1 and words[0] in COUNTRY_OF_PEOPLE:
        return f"{' '.join(words[1:])} @ {COUNTRY_OF_PEOPLE[words[0]]}"
    if (placed := PLACED_AFTER.fullmatch(key)) and placed["place"] in COUNTRY_NAMES:
        return f"{placed['rest']} @ {placed['place']}"
    return None


def match_key(name: str) -> str:
    """A name folded for matching: no case, accents, curly apostrophes or leading article."""
    words = name_key(name).replace("’", "'").replace("-", " ").split()
    if len(words) > 1 and words[0] in ("the", "das", "der", "die", "el", "la", "le", "het"):
        words = words[1:]
    return " ".join(words)


class ActorIndex:
    """Every recorded actor under every name it goes by."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.names: list[tuple[str, str, Actor]] = []  # (key, name as recorded, actor)
        self.by_key: dict[str, list[tuple[str, Actor]]] = {}
        self.by_place: dict[str, list[tuple[str, Actor]]] = {}  # placed_key(): the name with its country
        for actor in actors:
            for name in [actor.name, *(alias.name for alias in actor.aliases.all())]:
                key = match_key(name)
                self.names.append((key, name, actor))
                self.by_key.setdefault(key, []).append((name, actor))
                if (place := placed_key(key)) is not None:
                    self.by_place.setdefault(place, []).append((name, actor))
        self.keys = [key for key, _, _ in self.names]

    @classmethod
    def load(cls) -> "ActorIndex":
        return cls(Actor.objects.prefetch_related("aliases").only("name", "kind"))

    def match(self, names: list[str]) -> ActorMatch | None:
        """The recorded actor one of `names` denotes, or None when none does or several might."""
        for name in names:
            if is_bare_description(name):
                # "the foreign ministry", "critics": whose, the text does not say; an actor recorded under the
                # same words from another article may be another country's ministry, other critics.
                continue
            found = {actor.pk: (recorded, actor) for recorded, actor in self.by_key.get(match_key(name), [])}
            if len(found) == 1:
                recorded, actor = next(iter(found.values()))
                return ActorMatch(actor, 100, recorded)
        best: ActorMatch | None = None
        for name in names:
            if is_generic(name):
                # "the ministry", "officials": a description meets only a recorded description like it
                # ("Unnamed Dutch officials"), never a specific actor by resemblance.
                candidate = self._described_alike(name)
                if candidate and (best is None or candidate.score > best.score):
                    best = candidate
                continue
            for candidate in (self._placed_alike(name), self._spelled_alike(name), self._fuzzy(name)):
                if candidate and (best is None or candidate.score > best.score):
                    best = candidate
        return best

    def _placed_alike(self, name: str) -> ActorMatch | None:
        """The same name with its country said the other way: "the Dutch Ministry of Foreign Affairs" is the
        recorded "Ministry of Foreign Affairs of the Netherlands"."""
        place = placed_key(match_key(name))
        if place is None:
            return None
        found = {actor.pk: (recorded, actor) for recorded, actor in self.by_place.get(place, [])}
        if len(found) != 1:
            return None
        recorded, actor = next(iter(found.values()))
        return ActorMatch(actor, 98, recorded)

    def _spelled_alike(self, name: str) -> ActorMatch | None:
        """A surname alone, missing spaces, a longer form, an added qualifier ("Unnamed Dutch officials")."""
        key = match_key(name)
        found = {}
        for other_key, recorded, actor in self.names:
            if same_name(name, [recorded]) or _qualified(key, other_key):
                found.setdefault(actor.pk, (recorded, actor))
        if len(found) != 1:
            return None  # "Smith" could be any of several Smiths: let the editor choose
        recorded, actor = next(iter(found.values()))
        return ActorMatch(actor, 95, recorded)

    def _described_alike(self, name: str) -> ActorMatch | None:
        key = match_key(name)
        found = {
            actor.pk: (recorded, actor)
            for other_key, recorded, actor in self.names
            if is_generic(recorded) and _qualified(key, other_key)
        }
        if len(found) != 1:
            return None
        recorded, actor = next(iter(found.values()))
        return ActorMatch(actor, 95, recorded)

    def _fuzzy(self, name: str) -> ActorMatch | None:
        key = match_key(name)
        if len(key) < 4:
            return None
        if name.isupper() and " " not in name:
            return self._anagram(name)
        best = process.extractOne(key, self.keys, scorer=fuzz.ratio, score_cutoff=SAME_SPELLING)
        if best:
            _, score, position = best
            _, recorded, actor = self.names[position]
            return ActorMatch(actor, round(score), recorded)
        return self._sounds_alike(key)

    def _anagram(self, acronym: str) -> ActorMatch | None:
        """ "OPWC" for OPCW: the same letters of a four-letter-or-longer acronym, in another order."""
        if len(acronym) < 4:
            return None
        letters = sorted(acronym)
        found = {
            actor.pk: (recorded, actor)
            for _, recorded, actor in self.names
            if recorded.isupper() and sorted(recorded) == letters
        }
        if len(found) != 1:
            return None
        recorded, actor = next(iter(found.values()))
        return ActorMatch(actor, 90, recorded)

    def _sounds_alike(self, key: str) -> ActorMatch | None:
        """A person's name as heard: "Cassia Olangren" and Kajsa Ollongren sound the same, part by part."""
        parts = [_sound(part) for part in key.split()]
        if len(parts) < 2:
            return None
        best = None
        for other_key, recorded, actor in self.names:
            if actor.kind not in PEOPLE:
                continue
            other = [_sound(part) for part in other_key.split()]
            if len(other) != len(parts):
                continue
            surname = JaroWinkler.similarity(parts[-1], other[-1])
            given = min(JaroWinkler.similarity(a, b) for a, b in zip(parts[:-1], other[:-1], strict=True))
            if surname >= SAME_SURNAME and given >= SAME_GIVEN_NAME:
                score = round(100 * (0.6 * surname + 0.4 * given))
                if best is None or score > best.score:
                    best = ActorMatch(actor, min(score, 94), recorded)
        return best


def is_bare_description(name: str) -> bool:
    """A description that places its party nowhere: no people or country ("Dutch officials" does)."""
    return is_generic(name) and not any(word in DEMONYMS for word in match_key(name).split())


def _qualified(key: str, other: str) -> bool:
    """Whether two names differ only by a qualifier: "Dutch officials" and "Unnamed Dutch officials"."""
    words, other_words = key.split(), other.split()
    shorter, longer = sorted((words, other_words), key=len)
    if len(shorter) < 2 or len(longer) == len(shorter):
        return False
    extra = list(longer)
    for word in shorter:
        if word not in extra:
            return False
        extra.remove(word)
    return all(word in QUALIFIERS for word in extra)


def _sound(word: str) -> str:
    """A rough English sound key: c/k/q, ph/f, j/y/i, z/s and doubled letters are told apart by ear only."""
    word = word.replace("ph", "f").replace("ck", "k").replace("q", "k").replace("x", "ks")
    word = re.sub(r"c(?=[eiy])", "s", word).replace("c", "k")
    word = word.replace("j", "i").replace("y", "i").replace("w", "v").replace("z", "s")
    return re.sub(r"(.)\1+", r"\1", word)


def document_by(actor: Actor, *, kind: str = "", citing: Source) -> Source | None:
    """The one recorded document `actor` published or wrote that `citing` may rely on, if exactly one fits."""
    documents = Source.objects.filter(Q(publisher=actor) | Q(authors=actor)).exclude(pk=citing.pk)
    if kind:
        documents = documents.filter(kind=kind)
    if citing.published_on:
        documents = documents.filter(Q(published_on__isnull=True) | Q(published_on__lte=citing.published_on))
    found = list(documents.distinct().defer("text")[:2])
    return found[0] if len(found) == 1 else None
