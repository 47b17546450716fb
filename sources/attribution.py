"""Attribution detection: who a text says its information comes from.

Reads English news copy for the phrases that attribute: "NOS reported",
"according to EUobserver", "told the German tabloid", "said Foreign Minister
Wopke Hoekstra in a letter", "citing intelligence sources", "the broadcaster's
intelligence sources said", "the services confirmed that", "an investigation
by the Dossier Center". Each names a party: a named person or organisation, an
unnamed group ("Dutch officials"), or a description that points back to one
named earlier ("the broadcaster", "the NATO chief", "the services", "he").

Mentions of the same party are merged (a surname meets the full name, an
acronym its long form), so the result is one Party per cited party with every
Mention of it. This module only reads text; sources/actor_matching.py meets
the parties with the actors already recorded.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from sources.models import ActorKind, CitationRelation, SourceKind, name_key
from sources.sentences import Sentence, Token, split_sentences, word_set

Kind = ActorKind

# Verbs that attribute. Those in NEEDS_COMPLEMENT attribute only when followed by what was said
# ("confirmed that …", "revealed:"), not by an object ("revealed the identities of …").
SPEECH_VERBS = word_set(
    "said says say told tells tell stated states wrote writes added adds explained explains noted notes "
    "emphasized emphasised emphasizes emphasises stressed stresses insisted insists argued argues warned "
    "warns confirmed confirms announced announces claimed claims alleged alleges denied denies "
    "acknowledged acknowledges admitted admits revealed reveals recalled asserted asserts maintained "
    "maintains suggested suggests"
)
REPORT_VERBS = word_set("reported reports report")
NEEDS_COMPLEMENT = word_set(
    "confirmed confirms announced announces claimed claims alleged alleges denied denies acknowledged "
    "acknowledges admitted admits revealed reveals recalled explained explains noted notes emphasized "
    "emphasised emphasizes emphasises stressed stresses insisted insists argued argues warned warns "
    "asserted asserts maintained maintains suggested suggests"
)
# Phrasal attributions: "pointed out that", "spoke of", "issued a statement".
PHRASAL = {("pointed", "out"), ("points", "out"), ("spoke", "of"), ("spoke", "about"), ("speaks", "of")}
ISSUED = frozenset({"issued", "released", "published"})
NEGATIONS = frozenset({"not", "never", "n't", "no", "refused", "declined", "neither", "nor"})
# Between a subject and its verb: "Olangren also said", "the services had confirmed".
ADVERBS = word_set(
    "also later previously recently then further particularly specifically separately first again earlier "
    "publicly reportedly has have had once repeatedly subsequently additionally however similarly "
    "both meanwhile today yesterday"
)

OUTLET_NOUNS = word_set(
    "newspaper paper daily tabloid broadcaster channel station magazine weekly outlet website site "
    "network programme program radio television broadsheet"
)
PERSON_NOUNS = word_set(
    "minister secretary secretary-general president chancellor spokesman spokeswoman spokesperson ambassador "
    "chairman chairwoman chair director commissioner chief head general colonel lieutenant senator governor "
    "mayor expert analyst professor official leader deputy premier king queen prince envoy adviser advisor "
    "researcher economist prosecutor judge"
)
TITLE_WORDS = PERSON_NOUNS | word_set(
    "mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame foreign home interior defence defense justice "
    "finance prime vice acting former state"
)
ORG_NOUNS = word_set("service agency ministry government department office authority embassy")
GROUP_NOUNS = word_set(
    "officials sources media agencies authorities diplomats experts analysts investigators prosecutors "
    "police officers insiders witnesses services side spokespeople lawmakers legislators residents "
    "ministers governments"
)
# An audience, not a source: "told reporters".
AUDIENCE = word_set("reporters journalists press media parliament lawmakers audience crowd")
DOCUMENT_NOUNS = {
    "statement": SourceKind.STATEMENT,
    "letter": SourceKind.LETTER,
    "report": SourceKind.REPORT,
    "interview": SourceKind.INTERVIEW,
    "article": SourceKind.ARTICLE,
    "post": SourceKind.POST,
    "tweet": SourceKind.POST,
    "broadcast": SourceKind.BROADCAST,
    "investigation": SourceKind.REPORT,
    "study": SourceKind.REPORT,
    "analysis": SourceKind.REPORT,
    "survey": SourceKind.REPORT,
    "release": SourceKind.STATEMENT,
}
NP_ADJECTIVES = word_set(
    "intelligence military domestic foreign senior unnamed anonymous government top local western "
    "security diplomatic national federal regional independent public private secret joint news "
    "state-run state-owned investigative own"
)
PRONOUNS = {"he": "person", "she": "person"}
# "Intelligence and Security" is one name; "AIVD and MIVD" are two.
JOINED_BY_AND = word_set(
    "security safety defence defense development technology trade industry affairs cooperation justice "
    "health welfare culture science research prevention control climate energy environment information "
    "communications planning training human rights"
)
NAME_CONNECTORS = frozenset(
    {"of", "for", "on", "de", "van", "der", "den", "von", "la", "le", "du", "al", "bin"}
)
# Capitalised words that start sentences without being names.
NOT_NAMES = word_set(
    "the a an in on at when while however but and or shortly after before if since although this that these "
    "those it he she they we i you there here according both each some many most all who what why how where "
    "which her his their our its my your as by for from with without meanwhile then so yet also still even "
    "only just not no nor one two three four five six seven eight nine ten later earlier today yesterday "
    "last next first second another other such"
)
OUTLET_NAME_WORDS = word_set(
    "times post news telegraph observer journal herald guardian tribune gazette daily radio tv television "
    "broadcasting press magazine weekly chronicle standard express mail mirror independent review"
)
ORG_NAME_WORDS = word_set(
    "center centre council organisation organization administration agency commission committee institute "
    "university union party alliance foundation association federation bank court office department "
    "ministry government parliament police army navy force forces service services security intelligence "
    "group company corporation network project fund board authority embassy mission"
)
TITLED_ARTICLES = word_set("The Le La Les De Het Der Die Das El Il Lo")
ACRONYM_IN_BRACKETS = re.compile(r"^\s*\(([A-Z][A-Za-z]{1,9})\)")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str  # the attributing words, such as "NOS reported" or "according to EUobserver"
    relation: str
    document: str = ""  # the kind of document named beside it: "in a letter" → letter


@dataclass
class Party:
    """One party a text cites, with every mention of it."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    evidence: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def relation(self) -> str:
        relations = {mention.relation for mention in self.mentions}
        for relation in (CitationRelation.QUOTES, CitationRelation.PARAPHRASES):
            if relation in relations:
                return relation
        return CitationRelation.REPORTS

    @property
    def document(self) -> str:
        return next((mention.document for mention in self.mentions if mention.document), "")

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class NounPhrase:
    tokens: list[Token]
    descriptors: list[str] = field(default_factory=list)  # lowercase describing words: newspaper, chief
    name_tokens: list[Token] = field(default_factory=list)  # the proper name, when there is one
    head: str = ""  # the last common noun: sources, services, tabloid
    possessor: "NounPhrase | None" = None
    owned: list[Token] = field(default_factory=list)  # "intelligence sources" in "the broadcaster's …"
    definite: bool = False
    indefinite: bool = False
    acronym: str = ""
    apposition: str = ""

    @property
    def start(self) -> int:
        return (self.possessor.start if self.possessor else self.tokens[0].start) if self.tokens else 0

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def name(self) -> str:
        return " ".join(token.text for token in self.name_tokens)

    @property
    def words(self) -> list[str]:
        return [token.lower for token in self.tokens]


@dataclass(frozen=True)
class Cue:
    """Where a sentence attributes, and to which noun phrase."""

    phrase: NounPhrase
    start: int
    end: int
    relation: str
    document: str = ""
    reported: bool = False  # "X reported": a sign that X is an outlet


def detect_attributions(text: str) -> list[Party]:
    """The parties `text` cites, in order of first mention, each with its mentions."""
    reader = _Reader()
    for sentence in split_sentences(text):
        reader.read(sentence)
    return reader.parties


class _Reader:
    """Reads sentences in order, remembering who was named so that later descriptions can point back."""

    def __init__(self) -> None:
        self.parties: list[Party] = []
        self.recent: list[tuple[str, Party]] = []  # (category, party), most recent last
        self.groups: list[list[Party]] = []  # coordinated names: "the AIVD and MIVD"
        self.group_names: list[list[NounPhrase]] = []
        # Each party's mentions so far, to add each once in constant time: a party named on every
        # page of a long report would otherwise cost a scan of all its mentions per mention.
        self.recorded: set[tuple[int, Mention]] = set()

    def read(self, sentence: Sentence) -> None:
        tokens = sentence.tokens
        self._remember_groups(tokens)
        for cue in _cues(tokens):
            words = " ".join(sentence.slice(cue.start, cue.end).split())
            mention = Mention(cue.start, cue.end, words, cue.relation, cue.document)
            for party in self._parties_for(cue.phrase, cue.reported):
                if (id(party), mention) not in self.recorded:
                    self.recorded.add((id(party), mention))
                    party.mentions.append(mention)

    def _remember_groups(self, tokens: list[Token]) -> None:
        for index, token in enumerate(tokens):
            if token.lower != "and" or index == 0 or index + 1 >= len(tokens):
                continue
            left, right = tokens[index - 1], tokens[index + 1]
            if left.is_acronym and right.is_acronym:
                self.group_names.append([_named(left), _named(right)])

    def _parties_for(self, phrase: NounPhrase, reported: bool) -> list[Party]:
        if phrase.name_tokens:
            return [self._named_party(phrase, reported)]
        words = phrase.words
        if words and words[-1] in PRONOUNS:
            return self._latest("person")
        head = phrase.head
        if head in DOCUMENT_NOUNS:
            return []  # "the statement also pointed out": the document's author is already cited
        if phrase.possessor is not None and head in GROUP_NOUNS:
            owners = self._parties_for(phrase.possessor, reported)
            if not owners:
                return []
            owned = " ".join(token.text for token in phrase.owned)
            name = f"{owned[0].upper()}{owned[1:]} of {owners[0].name}"
            written = " ".join(token.text for token in phrase.tokens).replace(" 's", "'s")
            return [self._party(name, Kind.ANONYMOUS, [written], set(), category="anonymous")]
        adjectives = [
            token for token in phrase.tokens if token.is_capitalised or token.lower in NP_ADJECTIVES
        ]
        if head in GROUP_NOUNS and phrase.definite and not adjectives:
            return self._latest_group() or self._latest("organisation")
        if phrase.definite and head in OUTLET_NOUNS | PERSON_NOUNS | ORG_NOUNS:
            category = _category_of_noun(head)
            if found := self._latest(category) or self._latest_unsure(category):
                return found
            if not adjectives and head not in ORG_NOUNS:
                return []  # "the newspaper", "the minister": someone the text never named
        if head in GROUP_NOUNS | ORG_NOUNS and not phrase.indefinite:
            name = " ".join(
                token.text for token in phrase.tokens if token.lower not in ("the", "its", "their")
            )
            kind = Kind.MINISTRY if head in ("ministry", "government", "department") else Kind.ORGANISATION
            kind = Kind.ANONYMOUS if head in GROUP_NOUNS - {"side"} else kind
            return [self._party(name[0].upper() + name[1:], kind, [], set(), category="anonymous")]
        return []

    def _named_party(self, phrase: NounPhrase, reported: bool) -> Party:
        name = phrase.name
        evidence = set(_evidence(phrase, reported))
        aliases = [phrase.acronym] if phrase.acronym else []
        return self._party(name, _kind(name, evidence), aliases, evidence)

    def _party(
        self, name: str, kind: str, aliases: list[str], evidence: set[str], *, category: str = ""
    ) -> Party:
        party = self._find(name) or next((self._find(alias) for alias in aliases if self._find(alias)), None)
        if party is None:
            party = Party(name=name, kind=kind, aliases=list(aliases), evidence=set(evidence))
            self.parties.append(party)
        else:
            party.evidence |= evidence
            for alias in [name, *aliases]:
                if name_key(alias) not in {name_key(n) for n in party.names}:
                    party.aliases.append(alias)
            # A fuller spelling makes a better name: "Stoltenberg" → "Jens Stoltenberg".
            if len(name.split()) > len(party.name.split()) and party.kind in (Kind.PERSON, Kind.OFFICIAL):
                party.aliases.remove(name)
                party.aliases.append(party.name)
                party.name = name
            if not category:
                party.kind = _kind(party.name, party.evidence)
        # An unnamed group is never what a later "the broadcaster" or "the service" points back to.
        self.recent.append((category or _category(party.kind), party))
        return party

    def _find(self, name: str) -> Party | None:
        return next((party for party in self.parties if same_name(name, party.names)), None)

    def _latest(self, category: str) -> list[Party]:
        for found, party in reversed(self.recent):
            if found == category:
                return [party]
        return []

    def _latest_unsure(self, category: str) -> list[Party]:
        """ "According to NOS, … the broadcaster's sources": an organisation known by name only may be an outlet."""
        if category != "outlet":
            return []
        for found, party in reversed(self.recent):
            if found == "organisation" and not party.evidence and party.kind == Kind.ORGANISATION:
                party.evidence.add("outlet")
                party.kind = Kind.OUTLET
                return [party]
        return []

    def _latest_group(self) -> list[Party]:
        if not self.group_names:
            return []
        return [self._named_party(phrase, False) for phrase in self.group_names[-1]]


def same_name(name: str, names: list[str]) -> bool:
    """Whether `name` is another spelling of one of `names`: the same up to case and accents, the
    surname of a full name ("Olangren"), the same letters without spaces ("Leonidslutsky"), a longer
    form of the same organisation ("… Security Agency"), or without an article ("Das Bild")."""
    key = _bare(name)
    for other in names:
        other_key = _bare(other)
        if key == other_key or key.replace(" ", "") == other_key.replace(" ", ""):
            return True
        words, other_words = key.split(), other_key.split()
        if len(words) == 1 and len(words[0]) >= 4 and len(other_words) > 1 and other_words[-1] == words[0]:
            return True
        if (
            len(other_words) == 1
            and len(other_words[0]) >= 4
            and len(words) > 1
            and words[-1] == other_words[0]
        ):
            return True
        if len(words) == 1 and len(other_words) == 1 and min(len(key), len(other_key)) >= 5:
            shorter, longer = sorted((key, other_key), key=len)
            if longer.endswith(shorter) and len(longer) - len(shorter) >= 3:
                return True
        if min(len(words), len(other_words)) >= 3:
            shorter, longer = sorted((words, other_words), key=len)
            if longer[: len(shorter)] == shorter and len(longer) - len(shorter) == 1:
                return True
    return False


@lru_cache(maxsize=4096)  # the names of a text's parties, compared again at each new mention
def _bare(name: str) -> str:
    words = name_key(name).replace("-", " ").split()
    if len(words) > 1 and words[0] in ("the", "das", "der", "die", "el", "la", "le", "het"):
        words = words[1:]
    return " ".join(words)


def _category(kind: str) -> str:
    if kind in (Kind.PERSON, Kind.OFFICIAL):
        return "person"
    if kind == Kind.OUTLET:
        return "outlet"
    if kind == Kind.ANONYMOUS:
        return "anonymous"
    return "organisation"


def _category_of_noun(noun: str) -> str:
    if noun in OUTLET_NOUNS:
        return "outlet"
    if noun in PERSON_NOUNS:
        return "person"
    return "organisation"


def _evidence(phrase: NounPhrase, reported: bool) -> list[str]:
    evidence = []
    described = phrase.descriptors + ([phrase.apposition] if phrase.apposition else [])
    for word in described:
        for part in word.split():
            if part in OUTLET_NOUNS:
                evidence.append("outlet")
            elif part in PERSON_NOUNS or part in TITLE_WORDS:
                evidence.append(
                    "official" if part not in ("expert", "analyst", "professor", "researcher") else "person"
                )
    if reported:
        evidence.append("reported")
    return evidence


def _kind(name: str, evidence: set[str]) -> str:
    words = name_key(name).replace("-", " ").split()
    if (
        "outlet" in evidence
        or any(word in OUTLET_NAME_WORDS for word in words)
        or name.lower().endswith("observer")
    ):
        return Kind.OUTLET
    if len(words) > 1 and name.split()[0] in TITLED_ARTICLES:
        return Kind.OUTLET  # Le Soir, De Tijd, Die Welt: people's names do not start with an article
    if "intelligence" in words and any(
        word in ("security", "service", "agency", "services") for word in words
    ):
        return Kind.INTELLIGENCE_SERVICE
    if any(word in ("ministry", "government", "department") for word in words):
        return Kind.MINISTRY
    if any(word in ORG_NAME_WORDS for word in words):
        return Kind.ORGANISATION
    if "official" in evidence:
        return Kind.OFFICIAL
    if "person" in evidence:
        return Kind.PERSON
    if "reported" in evidence:
        return Kind.OUTLET
    if name.isupper() or (len(words) == 1 and not name[1:].islower()):
        return Kind.ORGANISATION
    return Kind.PERSON


def _named(token: Token) -> NounPhrase:
    return NounPhrase(tokens=[token], name_tokens=[token])


# Reading noun phrases around a cue ------------------------------------------------------------


def _cues(tokens: list[Token]) -> list[Cue]:
    cues: list[Cue] = []
    words = [token.lower for token in tokens]
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word == "according" and following == "to":
            phrases = _phrases_after(tokens, index + 2)
            cues += [Cue(p, tokens[index].start, p.end, CitationRelation.REPORTS) for p in phrases]
        elif word in ("citing", "quoting"):
            phrases = _phrases_after(tokens, index + 1)
            cues += [Cue(p, tokens[index].start, p.end, CitationRelation.REPORTS) for p in phrases]
        elif word == "by" and index > 0 and words[index - 1] in DOCUMENT_NOUNS:
            phrases = _phrases_after(tokens, index + 1)
            cues += [Cue(p, tokens[index - 1].start, p.end, CitationRelation.REPORTS) for p in phrases]
        elif word in SPEECH_VERBS or word in REPORT_VERBS or (word, following) in PHRASAL or word in ISSUED:
            cues += _verb_cues(tokens, index)
    return cues


def _verb_cues(tokens: list[Token], index: int) -> list[Cue]:
    words = [token.lower for token in tokens]
    word = words[index]
    verb_end = (
        index + 2 if (word, words[index + 1] if index + 1 < len(words) else "") in PHRASAL else index + 1
    )
    if word in ISSUED:
        rest = words[index + 1 : index + 3]
        if len(rest) < 2 or rest[0] not in ("a", "an", "the") or rest[1] not in DOCUMENT_NOUNS:
            return []
        verb_end = index + 3
    if any(w in NEGATIONS for w in words[max(0, index - 3) : index]):
        return []
    if word == "report" and index > 0 and words[index - 1] in ("a", "the", "this", "that", "their", "its"):
        return []
    complement = words[verb_end] if verb_end < len(words) else ""
    relation = _relation(tokens, word)
    reported = word in REPORT_VERBS
    document = _document_after(words, verb_end) or (
        DOCUMENT_NOUNS[words[index + 2]] if word in ISSUED else ""
    )
    cues = []
    left = _skip_adverbs(tokens, index)
    inverted = left < 0 or tokens[left].text in ",“”\"'‘’"
    if inverted and word not in ("told", "tells", "tell") and word not in ISSUED:
        for phrase in _phrases_after(tokens, verb_end):
            end = _end_with_document(tokens, phrase.end)
            cues.append(Cue(phrase, tokens[index].start, end, relation, document, reported))
        if cues:
            return cues
    # "revealed the identities of …" attributes nothing; "revealed that …" does.
    if (
        word in NEEDS_COMPLEMENT
        and not inverted
        and complement not in ("that", ":", ",", "“", '"', "in", "on", "to", "")
    ):
        return []
    subjects = _phrases_before(tokens, left)
    end = _end_with_document(tokens, tokens[verb_end - 1].end)
    for phrase in subjects:
        cues.append(Cue(phrase, phrase.start, end, relation, document, reported))
    if word in ("told", "tells", "tell"):
        for phrase in _phrases_after(tokens, index + 1):
            if phrase.head in AUDIENCE or (phrase.name_tokens == [] and phrase.head not in OUTLET_NOUNS):
                continue
            cues.append(Cue(phrase, tokens[index].start, phrase.end, CitationRelation.REPORTS, document))
    return cues


def _relation(tokens: list[Token], verb: str) -> str:
    if verb in REPORT_VERBS:
        return CitationRelation.REPORTS
    if any(token.text in '“”"' for token in tokens):
        return CitationRelation.QUOTES
    return CitationRelation.PARAPHRASES


def _document_after(words: list[str], start: int) -> str:
    """ "said in a letter", "told … in an interview": the kind of document the words came in."""
    window = words[start : start + 8]
    for position, word in enumerate(window[:-2]):
        if word == "in" and window[position + 1] in ("a", "an", "the", "its", "his", "her", "their"):
            noun = window[position + 2]
            if noun in DOCUMENT_NOUNS:
                return DOCUMENT_NOUNS[noun]
            if position + 3 < len(window) and window[position + 3] in DOCUMENT_NOUNS:
                return DOCUMENT_NOUNS[window[position + 3]]
    return ""


def _end_with_document(tokens: list[Token], end: int) -> int:
    """Where attributing words ending at `end` end with the document that follows: "said in a statement"."""
    following = [token for token in tokens if token.start >= end][:4]
    words = [token.lower for token in following]
    if len(words) >= 3 and words[0] == "in" and words[1] in ("a", "an", "the", "its", "his", "her", "their"):
        if words[2] in DOCUMENT_NOUNS:
            return following[2].end
        if len(words) == 4 and words[3] in DOCUMENT_NOUNS:
            return following[3].end
    return end


def _skip_adverbs(tokens: list[Token], index: int) -> int:
    position = index - 1
    while position >= 0 and tokens[position].lower in ADVERBS:
        position -= 1
    return position


def _is_np_word(token: Token, first_in_sentence: bool) -> bool:
    word = token.lower
    if not token.is_word and word != "'s":
        return False
    if word in ("'s", "the"):
        return True
    if token.is_capitalised:
        return not (first_in_sentence and word in NOT_NAMES) and word not in ("i",)
    return (
        word in OUTLET_NOUNS
        or word in PERSON_NOUNS
        or word in ORG_NOUNS
        or word in GROUP_NOUNS
        or word in NP_ADJECTIVES
        or word in NAME_CONNECTORS
        or word in DOCUMENT_NOUNS
        or word.endswith("-based")
        or word in ("the", "and")
    )


def _phrases_before(tokens: list[Token], end: int) -> list[NounPhrase]:
    """The subject ending at tokens[end]: a noun phrase, a coordination of them, or one with an apposition."""
    if end < 0:
        return []
    if tokens[end].text == "," and (appositive := _apposition_before(tokens, end)) is not None:
        start, apposition = appositive
        phrases = _phrases_before(tokens, start - 1)
        for phrase in phrases:
            phrase.apposition = apposition
        return phrases
    if tokens[end].lower in PRONOUNS:
        return [NounPhrase(tokens=[tokens[end]])]
    phrases = []
    position = end
    joined = False  # a list of subjects ends in "and": "NOS, Nieuwsuur, and the Belgian newspaper De Tijd"
    while True:
        phrase, position = _phrase_ending_at(tokens, position)
        if phrase is None:
            break
        phrases.insert(0, phrase)
        if position >= 1 and tokens[position].lower == "and" and tokens[position - 1].text == ",":
            position, joined = position - 2, True
        elif position >= 0 and tokens[position].lower == "and":
            position, joined = position - 1, True
        elif position >= 0 and tokens[position].text == "," and joined:
            position -= 1
        else:
            break
        if position < 0 or not tokens[position].is_capitalised:
            break
    return [phrase for phrase in phrases if _is_party_phrase(phrase)]


def _apposition_before(tokens: list[Token], comma: int) -> tuple[int, str] | None:
    """ "Ben de Jong, an expert in …, told": the comma that opens the apposition, and its words."""
    for position in range(comma - 1, max(-1, comma - 30), -1):
        if tokens[position].text != ",":
            continue
        inside = [token.lower for token in tokens[position + 1 : comma]]
        opens = inside and (inside[0] in ("a", "an", "the") or inside[0] in TITLE_WORDS)
        if opens and position >= 1 and tokens[position - 1].is_capitalised:
            return position, " ".join(inside)
        return None
    return None


def _phrase_ending_at(tokens: list[Token], end: int) -> tuple[NounPhrase | None, int]:
    position = end
    collected: list[Token] = []
    acronym = ""
    # "The Dutch General Intelligence and Security (AIVD) said"
    bracketed = position >= 3 and tokens[position].text == ")" and tokens[position - 2].text == "("
    if bracketed and tokens[position - 1].is_acronym:
        acronym = tokens[position - 1].text
        position -= 3
    while position >= 0 and _is_np_word(tokens[position], position == 0):
        token = tokens[position]
        if token.lower == "and":
            right = collected[0].lower if collected else ""
            if not (right in JOINED_BY_AND and position >= 1 and tokens[position - 1].is_capitalised):
                break
        collected.insert(0, token)
        position -= 1
        if token.lower == "the":
            break
    if not collected:
        return None, position
    while collected and collected[0].text in NAME_CONNECTORS:
        collected.pop(0)
    if not collected:
        return None, position
    if position >= 0 and tokens[position].lower in ("a", "an"):
        return _build(collected, indefinite=True), position
    phrase = _build(collected)
    phrase.acronym = acronym
    return phrase, position


def _phrases_after(tokens: list[Token], start: int) -> list[NounPhrase]:
    """The noun phrases from tokens[start]: "Foreign Minister Wopke Hoekstra", "the BBC", "X and Y"."""
    phrases = []
    position = start
    while position < len(tokens):
        collected: list[Token] = []
        if tokens[position].lower in ("a", "an"):
            break
        while position < len(tokens) and _is_np_word(tokens[position], False):
            token = tokens[position]
            if token.lower == "and":
                right = tokens[position + 1].lower if position + 1 < len(tokens) else ""
                if not (right in JOINED_BY_AND and collected and collected[-1].is_capitalised):
                    break
            if token.lower == "the" and collected:
                break
            collected.append(token)
            position += 1
        while collected and collected[-1].text in NAME_CONNECTORS | {"the", "and"}:
            collected.pop()
            position -= 1
        if not collected:
            break
        phrase = _build(collected)
        if match := ACRONYM_IN_BRACKETS.match(_text_after(tokens, position)):
            phrase.acronym = match.group(1)
            position += 3
        phrases.append(phrase)
        if position < len(tokens) and tokens[position].lower == "and":
            position += 1
            continue
        if (
            position + 1 < len(tokens)
            and tokens[position].text == ","
            and tokens[position + 1].lower == "and"
        ):
            position += 2
            continue
        break
    return [phrase for phrase in phrases if _is_party_phrase(phrase)]


def _text_after(tokens: list[Token], position: int) -> str:
    return " ".join(token.text for token in tokens[position : position + 3])


def _build(collected: list[Token], *, indefinite: bool = False) -> NounPhrase:
    tokens = list(collected)
    words = [token.lower for token in tokens]
    if "'s" in words:
        split = max(position for position, word in enumerate(words) if word == "'s")
        owner = _build(tokens[:split])
        if split + 1 >= len(tokens):
            return owner
        phrase = _build(tokens[split + 1 :])
        phrase.possessor, phrase.owned, phrase.tokens = owner, tokens[split + 1 :], tokens
        return phrase
    phrase = NounPhrase(tokens=tokens, indefinite=indefinite)
    body = tokens
    if body and body[0].lower == "the":
        phrase.definite = True
        body = body[1:]
    # Describing words and titles come before the name: "the Belgian newspaper De Tijd".
    last_descriptor = -1
    for position, token in enumerate(body):
        if _is_descriptor(token):
            phrase.descriptors.append(token.lower)
            phrase.head = token.lower
            last_descriptor = position
    name = body[last_descriptor + 1 :]
    if name and name[0].lower in ("of", "for", "on", "at"):
        name = []  # "the secretary-general of NATO" describes a person; NATO is not who spoke
    name = _strip_titles(name, phrase)
    if not name and last_descriptor >= 0 and phrase.head in OUTLET_NOUNS:
        # The name may come before the descriptor: "Das Bild newspaper", but "the German tabloid" has none.
        before = [token for token in body[:last_descriptor] if not _is_descriptor(token)]
        if before and not _is_demonym_only([token for token in before if token.is_capitalised]):
            name = _drop_leading_demonyms(before)
    phrase.name_tokens = name
    if name and all(token.lower in NOT_NAMES for token in name):
        phrase.name_tokens = []
    return phrase


def _is_descriptor(token: Token) -> bool:
    word = token.lower
    if word.endswith("-based"):
        return True
    return not token.is_capitalised and token.text not in NAME_CONNECTORS and word != "and"


def _strip_titles(name: list[Token], phrase: NounPhrase) -> list[Token]:
    """ "NATO Secretary General Jens Stoltenberg" → "Jens Stoltenberg", keeping "Secretary General"."""
    last_title = -1
    for position, token in enumerate(name):
        if token.lower.rstrip(".") in TITLE_WORDS or token.lower in TITLE_WORDS:
            last_title = position
    if last_title < 0:
        return name
    rest = name[last_title + 1 :]
    rest_words = [token.lower for token in rest]
    if (
        not rest
        or any(word in ORG_NAME_WORDS or word in JOINED_BY_AND for word in rest_words)
        or len(rest) > 4
    ):
        return name
    phrase.descriptors += [token.lower for token in name[: last_title + 1]]
    return rest


DEMONYMS = word_set(
    "dutch belgian german british french russian american chinese iranian ukrainian polish italian spanish "
    "turkish israeli palestinian european western eastern swedish norwegian danish finnish austrian swiss "
    "greek hungarian czech romanian bulgarian serbian croatian canadian australian japanese korean indian "
    "pakistani saudi syrian iraqi egyptian brazilian mexican"
)


def _is_demonym_only(tokens: list[Token]) -> bool:
    return all(token.lower in DEMONYMS for token in tokens)


def _drop_leading_demonyms(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[0].lower in DEMONYMS and len(tokens) > 1:
        tokens = tokens[1:]
    return tokens


def _is_party_phrase(phrase: NounPhrase) -> bool:
    if phrase.indefinite and not phrase.name_tokens:
        return False
    if phrase.name_tokens:
        return not (_is_demonym_only(phrase.name_tokens) and not phrase.head)
    words = phrase.words
    return bool(words) and (
        words[-1] in PRONOUNS
        or phrase.head in GROUP_NOUNS | ORG_NOUNS | OUTLET_NOUNS | PERSON_NOUNS | set(DOCUMENT_NOUNS)
    )
