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
from collections import deque
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

import pycountry

from sources import attribution_tagger
from sources.cue_words import (
    EVIDENCE,
    EVIDENCE_FORMS,
    PAST_PARTICIPLES,
    SPEECH,
    SPEECH_FORMS,
    STANCE,
    STANCE_FORMS,
    lemma_of,
)
from sources.furniture import headline_line
from sources.models import ActorKind, CitationRelation, SourceKind, name_key
from sources.sentences import Sentence, Token, split_sentences, word_set

Kind = ActorKind


# Verbs that attribute. Those in NEEDS_COMPLEMENT attribute only when followed by what was said
# ("confirmed that …", "revealed:"), not by an object ("revealed the identities of …").
SPEECH_VERBS = word_set(
    "said says say told tells tell stated wrote writes added adds explained explains noted notes "
    "emphasized emphasised emphasizes emphasises stressed stresses insisted insists argued argues warned "
    "warns confirmed confirms announced announces claimed claims alleged alleges denied denies "
    "acknowledged acknowledges admitted admits revealed reveals recalled asserted asserts maintained "
    "maintains suggested suggests"
)
REPORT_VERBS = word_set("reported reports report")
# Every verb that attributes after a subject (sources/cue_words.py): "Trump tweeted", "critics say".
REFUSALS = word_set("declined declines decline refused refuses refuse")
CUE_VERBS = SPEECH_VERBS | SPEECH_FORMS | STANCE_FORMS | EVIDENCE_FORMS | REFUSALS
# What an object starts with, after a verb that must be followed by what was said: "revealed the identities".
OBJECT_OPENERS = word_set("the a an this these those some several many any no every each")
# Those that take what was said as their object attribute either way ("denied the charges", "noted the
# attacks", "acknowledged the limits"), and are not listed.
NEEDS_COMPLEMENT = word_set(
    "announced announces alleged alleges revealed reveals explained explains insisted insists argued argues "
    "warned warns asserted asserts maintained maintains suggested suggests state states stated"
)
# Phrasal attributions: "pointed out that", "spoke of", "issued a statement".
PHRASAL = {("pointed", "out"), ("points", "out"), ("spoke", "of"), ("spoke", "about"), ("speaks", "of")}
ISSUED = frozenset({"issued", "released", "published"})
NEGATIONS = frozenset({"not", "never", "n't", "no", "refused", "declined", "neither", "nor"})
# Between a subject and its verb: "Olangren also said", "the services had confirmed".
ADVERBS = word_set(
    "also later previously recently then further particularly specifically separately first again earlier "
    "publicly reportedly has have had once repeatedly subsequently additionally however similarly "
    "both meanwhile today yesterday would will could can may might must should did does do "
    "is are was were been being be am 're 've 'd 'll ’re ’ve ’d ’ll just now already always still "
    "even often once soon again actually really simply long finally itself himself herself themselves"
)
MODALS = word_set("would will could can may might must should 'd 'll ’d ’ll")
APPOSITION_OPENERS = word_set(
    "of from at with who whose which however meanwhile though too also in for like including speaking "
    "writing appearing asked"
)
QUOTE_TOKENS = frozenset({"“", "”", '"', "'", "‘", "’"})
# Verbs whose -s form is as often a plural noun: "the Paris attacks", "many promises".
NOUN_LIKE = word_set(
    "attack claim call plan support view fear hope comment promise demand question estimate report concern "
    "doubt tweet post defend praise blast vow pledge warn wish"
)
# What finds: "the poll found", "an analysis finds".
FINDINGS = word_set(
    "poll polls survey surveys study studies data research analysis analyses report reports review audit "
    "investigation investigations probe inquiry test tests researchers investigators scientists"
)
# What shows by itself, beside the findings above: "records show", "the emails showed", "polls showing".
EVIDENCE_NOUNS = FINDINGS | word_set(
    "records statistics figures numbers results documents emails footage video videos filings returns "
    "estimates projections polling tally count counts calculations ledgers photos images transcripts logs "
    "authors"
)
SUBORDINATORS = word_set("if whether when unless because than as once until")
BE_FORMS = word_set("is are was were been being be am get gets got 's 're ’s ’re")
NOT_ADVERBS = word_set("family reply rally supply assembly ally anomaly monopoly early daily weekly only")

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
# Who a definite description without a name can only be a person named before: "the billionaire said".
PERSON_DESCRIPTIONS = PERSON_NOUNS | word_set(
    "candidate nominee front-runner frontrunner billionaire businessman businesswoman mogul congressman "
    "congresswoman lady hopeful incumbent lawmaker speaker challenger rival"
)
# Subjects that name nobody by themselves: resolved back where possible, and a mention all the same.
SUBJECT_PRONOUNS = word_set("he she they it i we you who")
QUANTIFIERS = word_set("some many others most few several both all everyone everybody nobody none one")
DETERMINERS = word_set("the his her their its our my your this these those")
# Words that open a subject without making it definite: "another commenter", "two senators", "some aides".
COUNTING = word_set(
    "another one two three four five six seven eight nine ten several some many most few other both "
    "dozens hundreds thousands"
)
# People by their role and bodies by their kind: "a senior official", "campaign aides", "the campaign".
ROLE_NOUNS = word_set(
    "aide aides adviser advisers advisor advisors spokesman spokesmen spokeswoman spokeswomen spokesperson "
    "staffer staffers strategist strategists consultant consultants operative operatives insider insiders "
    "critic critics supporter supporters opponent opponents voter voters official officials lawmaker "
    "lawmakers legislator legislators delegate delegates activist activists advocate advocates expert "
    "experts analyst analysts economist economists pollster pollsters observer observers diplomat diplomats "
    "investigator investigators prosecutor prosecutors witness witnesses source sources residents "
    "organizers protesters donors allies executives employees people proponent proponents backer backers "
    "detractor detractors skeptic skeptics sceptic sceptics"
)
BODY_NOUNS = word_set(
    "campaign committee administration party group organization organisation company firm board panel "
    "commission council union association coalition team pac foundation institute center centre"
)
# Nouns that can head a noun phrase that says or shows something (beside the lists above).
SOURCE_NOUNS = word_set(
    "aide aides adviser advisers advisor advisors spokesmen spokeswomen staffer staffers strategist "
    "strategists consultant consultants operative operatives source insider critic critics supporter "
    "supporters opponent opponents voter voters people person resident candidate candidates nominee "
    "nominees lawmaker legislator senators congressman congressmen congresswoman representative "
    "representatives governors mayors presidents leaders member members delegate delegates activist "
    "activists advocate advocates experts analysts economists scholar scholars professors researchers "
    "pollster pollsters observer observers commentator commentators columnist columnists journalist "
    "editor editors writer writers author authors host hosts anchor moderator moderators attorney "
    "attorneys lawyer lawyers judges investigator agent agents officer witness man men woman women friend "
    "friends ally allies donor donors fan fans protester protesters demonstrators organizer organizers "
    "democrats republicans conservatives liberals progressives evangelicals students workers employees "
    "executive executives ceo directors secretaries ambassadors diplomat envoys manager managers chiefs "
    "founder owner father mother son daughter wife husband brother sister family rival rivals challenger "
    "contender hopeful hopefuls front-runner frontrunner incumbent veteran veterans citizens parents "
    "majority respondents americans campaign campaigns committee committees administration "
    "governments agencies departments offices party parties group groups organization organizations "
    "organisation organisations company companies firm firms court courts board panel commission "
    "council unions association coalition networks newspapers papers magazines stations outlets websites "
    "team staff pac foundation institute center think-tank military army police poll polls surveys studies "
    "data analyses memo documents records figures numbers research reviews audit filing lawsuit complaint "
    "book story stories editorial video ad ads email emails estimates projections results evidence "
    "polling transcript speech remarks message ruling percent half third quarter three-quarters two-thirds "
    "proponent proponents backer backers detractor detractors skeptic skeptics sceptic sceptics"
)
# Roles written before a name like a title: "Journalist Carl Leubsdorf", "Pollster Ann Selzer".
ROLE_TITLES = ROLE_NOUNS | word_set(
    "journalist columnist commentator lawyer attorney professor historian author writer reporter editor "
    "pollster strategist"
)
# What an apposition can follow: "a port official, speaking on condition of anonymity, said".
APPOSED_NOUNS = SOURCE_NOUNS | ROLE_NOUNS | PERSON_NOUNS
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
    "those it he she they we i you there here according both each some many most all who what why how where to "
    "which her his their our its my your as by for from with without meanwhile then so yet also still even "
    "only just not no nor one two three four five six seven eight nine ten later earlier today yesterday "
    "last next first second another other such"
)
# Days and months: "said Tuesday" is when, "in May and some lawmakers" a date before the subject.
CALENDAR_NAMES = word_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december"
)
DATE_PREPOSITIONS = word_set("in on since until till by from through during of last early late mid")
DATED = word_set("published released issued filed out conducted taken announced posted aired")
OUTLET_NAME_WORDS = word_set(
    "times post news telegraph observer journal herald guardian tribune gazette daily radio tv television "
    "broadcasting press magazine weekly chronicle standard express mail mirror independent review"
)
ORG_NAME_WORDS = word_set(
    "center centre council organisation organization administration agency commission committee institute "
    "university union party alliance foundation association federation bank court office department "
    "ministry government parliament police army navy force forces service services security intelligence "
    "group company corporation network project fund board authority embassy mission watch senate congress "
    "house assembly legislature cabinet"
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
    described: bool = False  # made from a description ("the agency"), not from a name

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
    anonymous: bool = False  # "people familiar with the matter": a source the text will not name

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
    negated: bool = False  # "X declined to comment", "X never said": an attribution that cites nothing
    cites: bool = True  # False where who speaks is not told apart from other words (a headline's)
    authored: bool = False  # "an investigation by X": X is the author of a document, kept as read


def detect_attributions(text: str) -> list[Party]:
    """The parties `text` cites, in order of first mention, each with its mentions."""
    reader = _Reader(text)
    for sentence in split_sentences(text):
        reader.read(sentence)
    return _one_party_once(reader.parties)


def _one_party_once(parties: list[Party]) -> list[Party]:
    """ "The agency said …" before "the European Medicines Agency (EMA)" is named: one party, proposed once.
    A description joins the one named party whose name ends in the description's noun."""
    named = [party for party in parties if not party.described]
    kept = []
    for party in parties:
        head = name_key(party.name).split()[-1] if party.described else ""
        if party.described and is_generic(party.name) and head in ORG_NOUNS | BODY_NOUNS | OUTLET_NOUNS:
            owners = [other for other in named if name_key(other.name).split()[-1] == head]
            if len(owners) == 1:
                owner = owners[0]
                owner.mentions = sorted({*owner.mentions, *party.mentions}, key=lambda mention: mention.start)
                continue
        kept.append(party)
    return kept


def detect_mentions(text: str) -> list[Mention]:
    """Every attributing mention in `text`, in reading order, whether or not its party could be named."""
    reader = _Reader(text)
    for sentence in split_sentences(text):
        reader.read(sentence)
    return reader.mentions


class _Reader:
    """Reads sentences in order, remembering who was named so that later descriptions can point back."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.headline = _headline_span(text)  # where the text's own headline line is, if it has one
        self.parties: list[Party] = []
        self.recent: list[tuple[str, Party]] = []  # (category, party), most recent last
        self.groups: list[list[Party]] = []  # coordinated names: "the AIVD and MIVD"
        self.group_names: list[list[NounPhrase]] = []
        self.mentions: list[Mention] = []  # every mention, also those whose party is unknown ("I said")
        self.paragraph, self.open_quote = -1, False
        # The sentences read before, latest last, to look for the last person named only when needed.
        self.previous: deque[list[Token]] = deque(maxlen=PERSON_LOOKBACK)
        # Each party's mentions so far, to add each once in constant time: a party named on every
        # page of a long report would otherwise cost a scan of all its mentions per mention.
        self.recorded: set[tuple[int, Mention]] = set()
        # The words of the parties' names found so far, for the learned tagger, added to as parties are found.
        self.known_words: set[str] = set()
        self.known_parties = 0

    def read(self, sentence: Sentence) -> None:
        tokens = sentence.tokens
        self._remember_groups(tokens)
        first_in_paragraph = sentence.paragraph != self.paragraph
        quoted = self._quoted(sentence)
        cues = _cues(tokens, quoted)
        if first_in_paragraph or _quotation_after_colon(tokens):
            cues = _colon_cues(tokens) + cues
        # Each attribution the rules read, unless the learned cue model says annotators seldom mark its like; what it
        # drops is still left alone by the learned tagger below. A document's author ("an investigation by X") names
        # what is cited and is kept as read.
        read = len(cues)
        kept = [
            cue
            for cue in cues
            if cue.authored
            or attribution_tagger.keeps_cue(tokens, cue.start, cue.end, read, first_in_paragraph)
        ]
        for cue in kept:
            words = " ".join(sentence.slice(cue.start, cue.end).split())
            mention = Mention(cue.start, cue.end, words, cue.relation, cue.document)
            if mention not in self.mentions[-3:]:
                self.mentions.append(mention)
            if cue.negated:
                continue  # what a party did not say or would not say is no source of anything
            if not cue.cites or (cue.phrase.name.isupper() and len(cue.phrase.name) > 5):
                continue  # a speaker's label in a transcript ("TAPPER:"), a headline's "Poll:": no party by itself
            if self._opens_headline(cue.phrase):
                continue  # "Harbour talks fail": the headline's first word, capitalised as any first word is
            conducted = cue.authored and words.split()[0].lower() in CONDUCTED
            for party in self._parties_for(cue.phrase, cue.reported):
                if conducted and party.kind == Kind.PERSON and not party.evidence & {"person", "official"}:
                    party.kind = Kind.ORGANISATION  # "a poll by Latino Decisions": a pollster, not a person
                if (id(party), mention) not in self.recorded:
                    self.recorded.add((id(party), mention))
                    party.mentions.append(mention)
        self._learned_cues(tokens, quoted, cues, first_in_paragraph)
        self.previous.append(tokens)

    def _opens_headline(self, phrase: NounPhrase) -> bool:
        """Whether `phrase` is the one word that opens the text's headline line and the text never writes
        with a capital elsewhere but at the start of a sentence: a common noun ("Harbour talks fail"), not a
        name ("Rutte calls for calm", with Rutte named again below)."""
        if self.headline is None or phrase.start != self.headline[0] or len(phrase.tokens) != 1:
            return False
        word = phrase.tokens[0].text
        if not word[:1].isupper() or word.isupper():
            return False  # an acronym ("NATO warns") is a name wherever it stands
        for found in re.finditer(rf"\b{re.escape(word)}\b", self.text):
            if self.headline[0] <= found.start() < self.headline[1]:
                continue
            before = self.text[: found.start()].rstrip()
            if before and before[-1] not in ".!?\"“”'‘’:\n":
                return False  # "… said Rutte": capitalised mid-sentence, so a name
        return True

    def _known(self) -> set[str]:
        """The lowercase words of the names of the parties found so far."""
        if len(self.parties) < self.known_parties:
            self.known_words, self.known_parties = set(), 0
        for party in self.parties[self.known_parties :]:
            self.known_words.update(party.name.lower().split())
        self.known_parties = len(self.parties)
        return self.known_words

    def _learned_cues(
        self, tokens: list[Token], quoted: list[bool], cues: list[Cue], first_in_paragraph: bool
    ) -> None:
        """Where the rules above found nothing, the words the learned tagger (sources/attribution_tagger.py) reads
        as attributing ("He is expected to", "Voters are worried about"): mentions that name nobody. It is shown what a rule
        found, the attributing words and their subject, and each subject with the word after it."""
        covered = [(cue.start, cue.end) for cue in cues] + [
            (cue.phrase.start, cue.phrase.end) for cue in cues if cue.phrase.tokens
        ]
        predicates = subject_predicates(tokens, quoted)
        # "Trump attacked" in "Trump attacked Clinton, saying": one attribution, the rules' already
        covered += [(start, end) for start, end, _ in predicates if _overlaps(start, end, covered)]
        context = attribution_tagger.Context(first_in_paragraph, bool(cues), self._known())
        for start, end in attribution_tagger.tagged_spans(
            tokens, quoted, covered, predicates, context=context
        ):
            words = " ".join(token.text for token in tokens if start <= token.start and token.end <= end)
            self.mentions.append(Mention(start, end, words, CitationRelation.PARAPHRASES))

    def _quoted(self, sentence: Sentence) -> list[bool]:
        """Whether each token stands inside quotation marks; a quotation may go on from the sentence before."""
        if sentence.paragraph != self.paragraph:
            self.paragraph, self.open_quote = sentence.paragraph, False
        inside = []
        tokens = sentence.tokens
        for position, token in enumerate(tokens):
            text = token.text
            if text == "'" and position >= 1:
                before = tokens[position - 1]
                if before.text == "'" and before.end == token.start:
                    text = ""  # the rest of a run of apostrophes: three close a quotation within one
            if text == "'" and position + 1 < len(tokens):
                after = tokens[position + 1]
                if after.text == "'" and after.start == token.end:
                    text = '"'  # two apostrophes for a quotation mark: ''I think,''
            if text in ("“", "”", '"'):
                # Which way a mark faces is told by its neighbours: a space before it opens, one after closes.
                glued_before = position >= 1 and tokens[position - 1].end == token.start
                glued_after = position + 1 < len(tokens) and tokens[position + 1].start == token.end
                if glued_before and not glued_after:
                    text = "”"
                elif glued_after and not glued_before:
                    text = "“"
            if text == "“" or (text == '"' and not self.open_quote):
                inside.append(False)
                self.open_quote = True
            elif text == "”" or (text == '"' and self.open_quote):
                inside.append(False)
                self.open_quote = False
            else:
                inside.append(self.open_quote)
        return inside

    def _remember_groups(self, tokens: list[Token]) -> None:
        for index, token in enumerate(tokens):
            if token.lower != "and" or index == 0 or index + 1 >= len(tokens):
                continue
            left, right = tokens[index - 1], tokens[index + 1]
            if left.is_acronym and right.is_acronym:
                self.group_names.append([_named(left), _named(right)])

    def _parties_for(self, phrase: NounPhrase, reported: bool) -> list[Party]:
        if phrase.anonymous:
            described = " ".join(token.text for token in phrase.tokens)
            return [
                self._party(
                    described[0].upper() + described[1:], Kind.ANONYMOUS, [], set(), category="anonymous"
                )
            ]
        if phrase.name_tokens:
            if _some_of_a_people(phrase) or _adjective_before_plural(phrase):
                # "some Germans", "many Republicans", "Republican calls": a group the text will not name
                described = " ".join(token.text for token in phrase.tokens)
                kind, category = Kind.ANONYMOUS, "anonymous"
                return [self._party(described[0].upper() + described[1:], kind, [], set(), category=category)]
            return [self._named_party(phrase, reported)]
        words = phrase.words
        if words and words[-1] in PRONOUNS:
            return self._latest("person") or self._last_named_person()
        if words == ["they"]:
            return self._latest_group() or self._latest("anonymous")
        if words == ["it"]:
            return self._latest("organisation") or self._latest("outlet")
        if len(words) == 1 and (words[0] in SUBJECT_PRONOUNS or words[0] in QUANTIFIERS):
            return []  # "I", "we", "who", "some": nobody the text names
        head = phrase.head
        if head in DOCUMENT_NOUNS and phrase.possessor is not None:
            return self._parties_for(phrase.possessor, reported)  # "according to the ministry's statement"
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
        described = [token for token in adjectives if token.lower not in DETERMINERS]
        if phrase.definite and not described and head in PERSON_DESCRIPTIONS - PERSON_NOUNS:
            return self._latest("person") or self._last_named_person()  # "the billionaire", "the nominee"
        if phrase.definite and head in OUTLET_NOUNS | PERSON_NOUNS | ORG_NOUNS:
            category = _category_of_noun(head)
            if found := self._latest(category) or self._latest_unsure(category):
                return found
            if category == "person" and (found := self._last_named_person()):
                return found  # "Bernie Sanders spoke in Iowa. The senator said …"
            if not adjectives and head not in ORG_NOUNS:
                return []  # "the newspaper", "the minister": someone the text never named
        if head in GROUP_NOUNS | ORG_NOUNS and not phrase.indefinite:
            name = " ".join(
                token.text for token in phrase.tokens if token.lower not in ("the", "its", "their")
            ).replace(" 's", "'s")
            kind = Kind.MINISTRY if head in ("ministry", "government", "department") else Kind.ORGANISATION
            kind = Kind.ANONYMOUS if head in GROUP_NOUNS - {"side"} else kind
            return [self._party(name[0].upper() + name[1:], kind, [], set(), category="anonymous")]
        if head in ROLE_NOUNS | BODY_NOUNS and not (
            phrase.definite and not adjectives and head in ROLE_NOUNS
        ):
            # "a senior official", "campaign aides", "the Sanders campaign": kept as the description it is
            described = [
                token.text for token in phrase.tokens if token.lower not in DETERMINERS | {"a", "an"}
            ]
            name = " ".join(described).replace(" 's", "'s")
            kind = Kind.ORGANISATION if head in BODY_NOUNS else Kind.ANONYMOUS
            return [self._party(name[0].upper() + name[1:], kind, [], set(), category="anonymous")]
        return []

    def _last_named_person(self) -> list[Party]:
        """ "Donald Trump arrived late. He said …": the last person named in the text, cited or not."""
        for tokens in reversed(self.previous):
            if (person := _last_person_name(tokens)) is not None:
                return [self._named_party(person, False, person=True)]
        return []

    def _named_party(self, phrase: NounPhrase, reported: bool, *, person: bool = False) -> Party:
        name = phrase.name
        evidence = set(_evidence(phrase, reported)) | ({"person"} if person else set())
        aliases = [phrase.acronym] if phrase.acronym else []
        return self._party(name, _kind(name, evidence), aliases, evidence)

    def _party(
        self, name: str, kind: str, aliases: list[str], evidence: set[str], *, category: str = ""
    ) -> Party:
        party = self._find(name) or next((self._find(alias) for alias in aliases if self._find(alias)), None)
        if party is None:
            party = Party(
                name=name,
                kind=kind,
                aliases=list(aliases),
                evidence=set(evidence),
                described=category == "anonymous",
            )
            self.parties.append(party)
        else:
            party.evidence |= evidence
            for alias in [name, *aliases]:
                if name_key(alias) not in {name_key(n) for n in party.names}:
                    party.aliases.append(alias)
            # A fuller spelling makes a better name: "Stoltenberg" → "Jens Stoltenberg".
            fuller = len(name.split()) > len(party.name.split())
            if fuller and (party.kind in (Kind.PERSON, Kind.OFFICIAL) or (party.described and not category)):
                # "the agency" named later: "European Medicines Agency" becomes its name
                party.aliases.remove(name)
                if not party.described:
                    party.aliases.append(party.name)
                party.name, party.described = name, False
            if not category:
                kind = _kind(party.name, party.evidence)
                # The default, a person, never overrides a kind known from a description ("the Russian side").
                if (
                    kind != Kind.PERSON
                    or party.kind == Kind.PERSON
                    or party.evidence & {"person", "official"}
                ):
                    party.kind = kind
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


def _headline_span(text: str) -> tuple[int, int] | None:
    """Where the text's own headline line starts and ends (sources.furniture.headline_line), if it has one."""
    lines = text.split("\n")
    number = headline_line(lines)
    if number is None:
        return None
    start = sum(len(line) + 1 for line in lines[:number])
    start += len(lines[number]) - len(lines[number].lstrip())
    return start, start + len(lines[number].strip())


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(first < end and start < last for first, last in spans)


def same_name(name: str, names: list[str]) -> bool:
    """Whether `name` is another spelling of one of `names`: the same up to case and accents, the
    surname of a full name ("Olangren"), the same letters without spaces ("Leonidslutsky"), a longer
    form of the same organisation ("… Security Agency"), or without an article ("Das Bild")."""
    key = _bare(name)
    if any(_other_given_name(key.split(), _bare(other).split()) for other in names):
        return False  # "Gabriela Lazar" is not "Marcel Lazar", though a later "Lazar" may be either
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
        if _country_and_its_side(words, other_words) or _country_and_its_side(other_words, words):
            return True
    return False


def _other_given_name(words: list[str], other_words: list[str]) -> bool:
    """ "Gabriela Lazar" and "Marcel Lazar": two full names, one surname, two given names. An initial
    ("M. Lazar") or a title ("Mr. Lazar") is no given name to differ in."""
    if len(words) != 2 or len(other_words) != 2 or words[-1] != other_words[-1]:
        return False
    given, other_given = words[0], other_words[0]
    return (
        given != other_given
        and min(len(given), len(other_given)) >= 3
        and given.isalpha()
        and other_given.isalpha()
        and given not in TITLE_WORDS | DEMONYMS | GENERIC_WORDS
        and other_given not in TITLE_WORDS | DEMONYMS | GENERIC_WORDS
    )


def _country_and_its_side(words: list[str], other_words: list[str]) -> bool:
    """ "Russia" and "the Russian side" or "the Russian government": a country speaks through its government."""
    if len(other_words) != 2 or other_words[1] not in ("side", "government", "authorities"):
        return False
    demonym, country = other_words[0], " ".join(words)
    return demonym in DEMONYMS and _is_place(country) and demonym[:5] == country[:5] and len(words) == 1


def is_generic(name: str) -> bool:
    """Whether `name` describes rather than names: "the ministry", "Dutch officials", "a senior official"
    (common nouns and describing words only), as opposed to "Ministry of Foreign Affairs" or "NOS"."""
    words = name_key(name).replace("’", "'").split()
    return bool(words) and all(word in GENERIC_WORDS for word in words)


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
    if any(pair in " ".join(described) for pair in ("news agency", "wire service", "news service")):
        evidence.append("outlet")  # "the Kyodo news agency"
    if reported:
        evidence.append("reported")
    if phrase.definite and len(phrase.name_tokens) == 1 and not evidence:
        evidence.append("definite")  # "the Kremlin": people's names take no article
    return evidence


def _kind(name: str, evidence: set[str]) -> str:
    words = name_key(name).replace("-", " ").split()
    if DOMAIN.match(name) or name_key(name) in NEWS_AGENCIES:
        return Kind.OUTLET  # "Politico.com", "Reuters"
    if _is_place(name):
        return Kind.MINISTRY  # a country or state speaks through its government: "Saudi Arabia said"
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
    if "definite" in evidence:
        return Kind.ORGANISATION
    if name.isupper() or (len(words) == 1 and not name[1:].islower()):
        return Kind.ORGANISATION
    return Kind.PERSON


# "Seventeen Russian diplomats": a count and a nationality in capitals are no person's name.
NUMBER_WORDS = word_set(
    "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred hundreds thousand thousands dozens dozen"
)
PERSON_LOOKBACK = 8  # sentences: "he" further from any name is left unresolved
PERSON_TITLES = word_set(
    "mr mr. mrs mrs. ms ms. sen sen. rep rep. gov gov. dr dr. president senator governor"
)


def _last_person_name(tokens: list[Token]) -> NounPhrase | None:
    """The last name in a sentence that looks like a person's: a title and a name ("Mr. Trump", "Sen.
    Ted Cruz"), or two or three capitalised words that are no organisation's ("Donald Trump")."""
    found = None
    position = 0
    while position < len(tokens):
        end = position
        while end < len(tokens) and tokens[end].is_capitalised and tokens[end].is_word and end - position < 4:
            end += 1
        run = tokens[position:end]
        if len(run) >= 2:
            words = [token.lower for token in run]
            titled = words[0] in PERSON_TITLES
            plain = (
                not titled
                and len(run) <= 3
                and not (position == 0 and words[0] in NOT_NAMES)
                and all(word.isalpha() and word not in NOT_NAMES | DEMONYMS | NUMBER_WORDS for word in words)
                and not any(word in ORG_NAME_WORDS or word in OUTLET_NAME_WORDS for word in words)
                and not any(token.is_acronym for token in run)
                and not _is_place(" ".join(token.text for token in run))
            )
            if titled or plain:
                name = run[1:] if titled else run
                found = NounPhrase(
                    tokens=list(run), name_tokens=list(name), descriptors=words[:1] if titled else []
                )
        position = max(end, position + 1)
    return found


DOMAIN = re.compile(
    r"^(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|news|info|io|tv|co\.uk|uk|de|fr|nl|be|eu|ru|us|ca|au)$",
    re.IGNORECASE,
)
# News agencies and broadcasters known by a name that says nothing of what they are.
NEWS_AGENCIES = word_set(
    "reuters afp ap upi tass ria interfax xinhua anp dpa efe ansa belga kyodo yonhap bloomberg cnn bbc nbc "
    "abc cbs msnbc npr pbs c-span politico axios breitbart buzzfeed vox nos rtl vrt ard zdf"
)


def _is_place(name: str) -> bool:
    words = name_key(name).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words) in _places()


@cache
def _places() -> frozenset[str]:
    """Country names as news writes them ("South Korea", "Iran", "Russia") and states and provinces."""
    names = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if value := getattr(country, attribute, ""):
                names.add(name_key(value))
                names.add(name_key(value.split(",")[0]))
    names |= {
        name_key(sub.name) for sub in pycountry.subdivisions if sub.type in ("State", "Province", "Region")
    }
    names |= {
        "russia",
        "britain",
        "great britain",
        "america",
        "north korea",
        "south korea",
        "vietnam",
        "syria",
    }
    return frozenset(name for name in names if len(name) >= 4)


def _named(token: Token) -> NounPhrase:
    return NounPhrase(tokens=[token], name_tokens=[token])


SUBJECT_WORDS = word_set("he she they we i who")
AUXILIARIES = ADVERBS | word_set("not n't never 's")


def subject_predicates(tokens: list[Token], quoted: list[bool]) -> list[tuple[int, int, str]]:
    """Each subject outside quotation marks (a name or a personal pronoun) with the first word after it that is
    no auxiliary or adverb: (where the subject starts, where that word ends, the word, after "be " when a form
    of be stands between: "be critical")."""
    found = []
    run_start = 0  # where the run of capitalised words that ends at this token began
    for index, token in enumerate(tokens):
        name = token.is_word and token.is_capitalised
        if not name or index == 0 or not tokens[index - 1].is_word or not tokens[index - 1].is_capitalised:
            run_start = index
        if quoted[index] or not (name or token.lower in SUBJECT_WORDS):
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if name and following is not None and following.is_word and following.is_capitalised:
            continue  # the name goes on
        if run_start == index and token.lower in NOT_NAMES and token.lower not in SUBJECT_WORDS:
            continue  # "The", "When": a capital that starts a sentence
        start = tokens[run_start].start
        position, be = index + 1, False
        while position < len(tokens) and (
            tokens[position].lower in AUXILIARIES or _is_adverb(tokens[position])
        ):
            be = be or tokens[position].lower in BE_FORMS
            position += 1
        if position >= len(tokens) or not tokens[position].is_word or tokens[position].is_capitalised:
            continue
        key = ("be " if be else "") + tokens[position].lower
        found.append((start, tokens[position].end, key))
    return found


# Reading noun phrases around a cue ------------------------------------------------------------


def _cues(tokens: list[Token], quoted: list[bool]) -> list[Cue]:
    """The cues of a sentence; `quoted` says of each token whether it stands inside quotation marks."""
    cues: list[Cue] = []
    words = [token.lower for token in tokens]
    capitalised = [token.is_capitalised for token in tokens if token.is_word and len(token.text) > 3]
    headline = len(capitalised) >= 4 and sum(capitalised) >= 0.8 * len(capitalised)
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word == "according" and following == "to":
            phrases = _phrases_after(tokens, index + 2) or _described_after(tokens, index + 2)
            cues += [Cue(p, tokens[index].start, p.end, CitationRelation.REPORTS) for p in phrases]
        elif word in ("read", "reads") and not quoted[index]:
            cues += _read_cues(tokens, index)
        elif word in ("citing", "quoting"):
            phrases = _phrases_after(tokens, index + 1)
            cues += [Cue(p, tokens[index].start, p.end, CitationRelation.REPORTS) for p in phrases]
        elif word == "by" and index > 0 and (document := _authored_before(tokens, index)) is not None:
            phrases = _phrases_after(tokens, index + 1)
            cues += [
                Cue(p, tokens[document].start, p.end, CitationRelation.REPORTS, authored=True)
                for p in phrases
            ]
        elif tokens[index].is_capitalised:
            if headline and index > 0 and word in CUE_VERBS and not lemma_of(word, STANCE):
                cues += _headline_cues(tokens, index)
            continue  # "the United States", "the Drudge Report": a verb is not capitalised
        elif word in CUE_VERBS or word in REPORT_VERBS or (word, following) in PHRASAL or word in ISSUED:
            if quoted[index]:
                continue  # words inside a quotation: the quoted speaker's, not the article's attribution
            if index > 0 and words[index - 1] in DETERMINERS | {"a", "an"}:
                continue  # "the talks", "his claims": a noun
            if word.endswith("ing") and index > 0 and tokens[index - 1].text in (",", "–", "—", "-"):
                if word in ("speaking", "talking") or (word == "adding" and following == "to"):
                    continue  # ", speaking at a rally,": when, not what was said
                cues += _participle_cues(tokens, index, cues)
            elif word.endswith("ing") and lemma_of(word, EVIDENCE) and _evidence_subject(tokens, index):
                # "polls showing her ahead", "records indicating that": what shows, and its showing
                phrases = _phrases_before(tokens, index - 1)
                cues += [Cue(p, p.start, tokens[index].end, CitationRelation.REPORTS) for p in phrases]
            elif not word.endswith("ing") or _after_be(tokens, index):
                if cues and not lemma_of(word, SPEECH) and not _evidence_subject(tokens, index):
                    continue  # "officials say they want …": a stance within what was said; ", records show"
                if _second_verb(tokens, index):
                    cues += _participle_cues(tokens, index, cues)
                else:
                    cues += _verb_cues(tokens, index) or _evidence_before(tokens, index)
    return cues


# What is written to be read: "the sign read", "“…,” the email read".
WRITTEN = word_set(
    "sign signs message messages email emails letter editorial statement headline tweet post banner ad "
    "caption note text lawsuit suit complaint memo document release title placard card shirt t-shirt sticker"
)


# What a party writes or conducts: "a poll by Gallup", "a count by The Associated Press".
AUTHORED_NOUNS = set(DOCUMENT_NOUNS) | word_set(
    "poll polls count tally audit estimate estimates surveys studies"
)
CONDUCTED = word_set("poll polls survey surveys count tally estimate estimates audit")
OF_WORDS_BEFORE_BY = 8  # "a poll of 400 registered Latino voters released on Friday by …"


def _authored_before(tokens: list[Token], by: int) -> int | None:
    """The document whose author follows `by`: "a survey by", "a poll released Friday by", "a poll of 400
    voters released on Friday by"; None when the words before "by" name none."""
    words = [token.lower for token in tokens]
    position = by - 1
    while position >= 0 and (words[position] in CALENDAR_NAMES | DATED or words[position] in ("on", "last")):
        position -= 1
    if position >= 0 and words[position] in AUTHORED_NOUNS:
        return position
    for before in range(position, max(0, position - OF_WORDS_BEFORE_BY), -1):
        if not tokens[before].is_word or words[before] in CLAUSE_WORDS | {"and", "or", "but"}:
            return None
        if words[before] == "of" and words[before - 1] in AUTHORED_NOUNS and position < by - 1:
            return before - 1  # only with a participle before "by": "a poll of voters by phone" is no author
    return None


def _read_cues(tokens: list[Token], index: int) -> list[Cue]:
    """ "The sign read …", "“…,” read the email", "“…,” it read": what a written thing says."""
    before = [token.text for token in tokens[max(0, index - 2) : index]]
    after_quotation = len(before) == 2 and set(before) <= {",", *QUOTE_TOKENS} and "," in before
    if after_quotation:
        phrases = _phrases_after(tokens, index + 1)
        return [Cue(p, tokens[index].start, p.end, CitationRelation.QUOTES) for p in phrases]
    if index >= 1 and (
        tokens[index - 1].lower in WRITTEN
        or (tokens[index - 1].lower == "it" and index >= 3 and tokens[index - 2].text in QUOTE_TOKENS)
    ):
        phrases = _phrases_before(tokens, index - 1) or [NounPhrase(tokens=[tokens[index - 1]])]
        return [Cue(p, p.start, tokens[index].end, CitationRelation.QUOTES, cites=False) for p in phrases]
    return []


CLAUSE_OPENERS = word_set("and but that as while because when although though since after so")
EVIDENCE_LINKS = word_set(
    "of from in on by at for with there released done conducted published taken last this"
)


def _evidence_before(tokens: list[Token], index: int) -> list[Cue]:
    """ "Footage from the game shows", "Polls in New Hampshire show", "A study by Media Matters found": what
    shows, and words that place it, before a verb that shows."""
    if not lemma_of(tokens[index].lower, EVIDENCE) or index < 2:
        return []
    for position in range(index - 1, max(-1, index - 10), -1):
        token = tokens[position]
        if token.lower in EVIDENCE_NOUNS and position < index - 1:
            start = position
            while start > 0 and (
                tokens[start - 1].lower in DETERMINERS | COUNTING | {"a", "an", "new", "latest", "recent"}
                or tokens[start - 1].is_capitalised
                or tokens[start - 1].lower == "'s"
            ):
                start -= 1
            before = tokens[start - 1] if start > 0 else None
            if before is not None and before.is_word and before.lower not in CLAUSE_OPENERS:
                return []  # "the man with the polls found": the polls are not what the clause is about
            phrase = _build(tokens[start : position + 1])
            relation = CitationRelation.REPORTS
            return [Cue(phrase, tokens[start].start, tokens[index].end, relation, cites=False)]
        if not (token.is_word or token.text in ("-", "/", "'s")) or (
            token.lower in CLAUSE_WORDS | {"and", "or", "but"} and token.lower not in EVIDENCE_LINKS
        ):
            return []
    return []


def _evidence_subject(tokens: list[Token], index: int) -> bool:
    """Whether a verb that shows ("show", "found", "suggesting") directly follows what shows: "records show"."""
    return (
        bool(lemma_of(tokens[index].lower, EVIDENCE))
        and index >= 1
        and tokens[index - 1].lower in EVIDENCE_NOUNS
        and not (index >= 2 and tokens[index - 2].lower in DETERMINERS | {"a", "an"} and index == 2)
    )


def _headline_cues(tokens: list[Token], index: int) -> list[Cue]:
    """ "Conservative Icon Morton Blackwell Endorses Ted Cruz": in a headline every word is capitalised, so
    the words before the verb make a mention, but not a name to cite."""
    start = index
    while start > 0 and index - start < 6 and tokens[start - 1].is_word and tokens[start - 1].is_capitalised:
        start -= 1
    if start == index:
        return []
    phrase = _named_phrase(tokens[start:index])
    return [Cue(phrase, tokens[start].start, tokens[index].end, CitationRelation.PARAPHRASES, cites=False)]


def _described_before(tokens: list[Token], end: int) -> list[NounPhrase]:
    """ "a former speechwriter said", "the self-described democratic socialist said": for a verb of saying,
    a description opened by a determiner at the start of its clause, whatever its words."""
    if end < 0 or tokens[end].lower in NAME_CONNECTORS | {"with", "by", "from", "at", "to", "in"}:
        return []
    for position in range(end, max(-1, end - 7), -1):
        token = tokens[position]
        if not token.is_word or token.lower in CLAUSE_WORDS or token.lower in ("and", "or", "but"):
            return []
        if token.lower in ("a", "an") or token.lower in DETERMINERS or token.lower in COUNTING:
            if position == end:
                return []
            before = tokens[position - 1] if position >= 1 else None
            if (
                before is None
                or not before.is_word
                or before.lower in ("and", "but", "while", "as", "because")
            ):
                return [_build(tokens[position : end + 1], indefinite=token.lower in ("a", "an"))]
            return []
    return []


FURNITURE_LABELS = word_set(
    "note update updated related photo photos video watch read correction editor editor's advertisement "
    "sponsored share tags topics see also more next previous caption credit image source sources "
    "listen transcript clip begin end breaking exclusive live q a contributing reporting"
)


def _colon_cues(tokens: list[Token]) -> list[Cue]:
    """ "Graham: Trump's rhetoric …", "FALLIN: I think …", "Gillibrand on Hillary's transcripts: …": who
    speaks, named at the start of a paragraph before a colon (headlines and transcripts)."""
    colon = next((p for p, token in enumerate(tokens[:16]) if token.text == ":"), None)
    if colon is None or colon == 0:
        return []
    name_end = next(
        (p for p in range(colon) if not tokens[p].is_capitalised or tokens[p].lower in ("on", "to")), colon
    )
    if name_end == 0 or name_end > 5 or any(not token.is_word for token in tokens[:name_end]):
        return []
    if any(token.lower in FURNITURE_LABELS or token.lower in NOT_NAMES for token in tokens[:name_end]):
        return []
    if name_end < colon and tokens[name_end].lower not in ("on", "to"):
        return []  # "Partial transcript as follows:": not a name before the colon
    phrase = _named_phrase(tokens[:name_end])
    relation = CitationRelation.QUOTES if name_end == colon else CitationRelation.PARAPHRASES
    return [
        Cue(
            phrase,
            tokens[0].start,
            tokens[colon].end if name_end == colon else tokens[name_end - 1].end,
            relation,
            cites=name_end == colon,
        )
    ]


def _quotation_after_colon(tokens: list[Token]) -> bool:
    """ "Bush: “The mission is to destroy ISIS.”": a name, a colon and a quotation, within a paragraph."""
    colon = next((p for p, token in enumerate(tokens[:6]) if token.text == ":"), None)
    return colon is not None and colon + 1 < len(tokens) and tokens[colon + 1].text in QUOTE_TOKENS


def _named_phrase(tokens: list[Token]) -> NounPhrase:
    phrase = _build(list(tokens))
    if (
        len(phrase.name) < 2
        or phrase.name.lower() in SOURCE_NOUNS | OUTLET_NOUNS
        or phrase.name.lower() in DOCUMENT_NOUNS
    ):
        phrase.name_tokens = []
    return phrase


PREPOSITIONS = word_set("of in from at for with to across around")
# "people familiar with the matter said", "a person close to the campaign said", "officials briefed on the talks".
ANONYMOUS_HEADS = word_set(
    "people person persons source sources official officials aide aides adviser advisers advisor advisors "
    "insider insiders ally allies associate associates friend friends someone one two three several"
)
ANONYMOUS_LINKS = {
    ("familiar", "with"),
    ("close", "to"),
    ("briefed", "on"),
    ("knowledgeable", "about"),
    ("involved", "in"),
    ("with", "knowledge"),
    ("with", "direct"),
    ("privy", "to"),
}


def _anonymous_before(tokens: list[Token], end: int) -> list[NounPhrase]:
    """ "People familiar with the matter said": who speaks is the whole description, not "the matter"."""
    for position in range(end - 1, max(0, end - 12), -1):
        link = (tokens[position].lower, tokens[position + 1].lower)
        if not tokens[position].is_word or tokens[position].lower in CLAUSE_WORDS - {"in", "to", "on"}:
            return []
        if link not in ANONYMOUS_LINKS or tokens[position - 1].lower not in ANONYMOUS_HEADS:
            continue
        start = position - 1
        while start > 0 and (
            tokens[start - 1].lower in NP_ADJECTIVES | DETERMINERS | COUNTING | {"a", "an", "other"}
            or (tokens[start - 1].is_capitalised and tokens[start - 1].is_word and start - 1 > 0)
        ):
            start -= 1
        phrase = _build(tokens[start : end + 1])
        phrase.name_tokens, phrase.anonymous = [], True
        return [phrase]
    return []


def _head_of_prepositions(tokens: list[Token], subjects: list[NounPhrase]) -> list[NounPhrase]:
    """ "protest organizers in Cleveland say", "leaders of both parties say": the subject is the phrase the
    prepositions hang from, not the last noun before the verb."""
    for _ in range(2):
        if not subjects:
            return subjects
        start = next((p for p, token in enumerate(tokens) if token.start == subjects[0].start), None)
        if start is not None and (role := _role_for_a_described_name(tokens, start, subjects)):
            return role
        if start is None or start < 2 or tokens[start - 1].lower not in PREPOSITIONS:
            return subjects
        before = [
            phrase
            for phrase in _phrases_before(tokens, start - 2)
            if phrase.head in ROLE_NOUNS | BODY_NOUNS | GROUP_NOUNS | PERSON_NOUNS
        ]
        if not before:
            return subjects
        subjects = before
    return subjects


def _role_for_a_described_name(
    tokens: list[Token], start: int, subjects: list[NounPhrase]
) -> list[NounPhrase]:
    """ "a spokesman for Democratic presidential candidate Jane Doe said": the role speaks, and is named,
    like "a spokesman for Jane Doe", by its role and the name, without the words describing her."""
    if len(subjects) != 1 or not subjects[0].name_tokens:
        return []
    inner = subjects[0].tokens
    for position, token in enumerate(inner[:-1]):
        # "a spokeswoman for Green party leader Ida Varga": the role and the name in one phrase
        if position and token.lower in PREPOSITIONS and inner[position - 1].lower in ROLE_NOUNS:
            role = _build(inner[:position])
            if role.head not in ROLE_NOUNS or role.name_tokens:
                return []
            name = list(subjects[0].name_tokens)
            while name and name[0].lower in PREPOSITIONS:
                name = name[1:]  # "Critics of Jane Doe" at a sentence start: the role read as a title
            if not name:
                return []
            return [replace(role, tokens=[*inner[: position + 1], *name])]
    position = start - 1
    while position >= 0 and start - position <= 4 and tokens[position].lower not in PREPOSITIONS:
        token = tokens[position]
        if not token.is_word or token.lower in DETERMINERS | {"a", "an", "and"}:
            return []
        position -= 1
    described = position < start - 1 or subjects[0].tokens != subjects[0].name_tokens
    if not described or position < 1 or tokens[position].lower not in PREPOSITIONS:
        return []  # nothing describes the name, or no preposition ties it to a role
    preposition = tokens[position]
    roles = [phrase for phrase in _phrases_before(tokens, position - 1) if phrase.head in ROLE_NOUNS]
    if len(roles) != 1 or roles[0].name_tokens:
        return []
    return [replace(roles[0], tokens=[*roles[0].tokens, preposition, *subjects[0].name_tokens])]


def _second_verb(tokens: list[Token], index: int) -> bool:
    """ "Hayek confirmed it and said": the second verb of one subject, not "Trump and Clinton said"."""
    left = _skip_adverbs(tokens, index)
    if left < 1 or tokens[left].lower not in ("and", "but"):
        return False
    return not _phrases_before(tokens, left - 1)


OPENING_ADVERBIALS = word_set(
    "on in at after before during since while when as last this earlier later then still however but and "
    "meanwhile instead yet also now today yesterday speaking asked"
)
CLAUSE_WORDS = word_set(
    "that which who whom whose in on to for since after before when while as than because"
)


def _described_after(tokens: list[Token], start: int) -> list[NounPhrase]:
    """ "according to a count by The Associated Press", "according to two senators present": the words
    up to the next clause, as a description."""
    collected = []
    for token in tokens[start : start + 10]:
        word = token.lower
        if (
            not token.is_word
            or word in CLAUSE_WORDS
            or (word.endswith(("ed", "ing")) and not token.is_capitalised)
        ):
            break
        collected.append(token)
    if not collected:
        return []
    indefinite = collected[0].lower in ("a", "an")
    return [_build(collected, indefinite=indefinite)]


def _participle_cues(tokens: list[Token], index: int, earlier: list[Cue]) -> list[Cue]:
    """ "Trump attacked Clinton, saying …": the participle's party is the sentence's subject."""
    if earlier:
        subjects = [earlier[-1].phrase]
    else:
        first = next((position for position, token in enumerate(tokens) if token.is_word), None)
        if first is None:
            return []
        if tokens[first].lower in OPENING_ADVERBIALS:
            # "On Sunday, Mr. Trump echoed …, saying": the subject follows the opening adverbial
            comma = next((p for p in range(first, min(index, first + 8)) if tokens[p].text == ","), None)
            if comma is None:
                return []
            first = comma + 1
        subjects = [
            phrase
            for phrase in _phrases_after(tokens, first)
            if phrase.name_tokens or phrase.words[-1] in SUBJECT_PRONOUNS
        ][:1]
    relation = _relation(tokens, tokens[index].lower)
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if not subjects and (
        following.lower() == "that"
        or following in (",", ":", *QUOTE_TOKENS)
        or lemma_of(tokens[index].lower, SPEECH) in ADDRESSING
    ):
        # "Here in Columbia, Sanders stepped up his emphasis, saying, “…”": whoever the subject is, the
        # participle says that words follow; a mention that names nobody
        phrase = NounPhrase(tokens=[tokens[index]])
        return [Cue(phrase, tokens[index].start, tokens[index].end, relation, cites=False)]
    return [Cue(phrase, tokens[index].start, tokens[index].end, relation) for phrase in subjects]


# Verbs of saying whose object is whom the words were for: ", telling reporters …", ", urging voters to …".
ADDRESSING = word_set("tell urge accuse warn praise criticize criticise blame thank assure remind")


def _verb_cues(tokens: list[Token], index: int) -> list[Cue]:
    """The cues of the verb at tokens[index]: its subject, or the party after it ("said Trump")."""
    words = [token.lower for token in tokens[max(0, index - 3) : index]]
    cues = _verb_cues_of(tokens, index)
    if tokens[index].lower in REFUSALS or any(_is_negation(word) for word in words):
        return [replace(cue, negated=True) for cue in cues]
    return cues


def _is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


def _verb_cues_of(tokens: list[Token], index: int) -> list[Cue]:
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
    if word in PAST_PARTICIPLES and verb_end < len(tokens) and words[verb_end] == "by":
        # "endorsed by the Times", "as reported by Western Journalism": the agent is who speaks
        phrases = _phrases_after(tokens, verb_end + 1) or _described_after(tokens, verb_end + 1)
        return [
            Cue(phrase, tokens[index].start, phrase.end, relation, document, reported) for phrase in phrases
        ]
    if word in PAST_PARTICIPLES and _after_be(tokens, index):
        return []  # "he was told", "it is believed": the subject is not who speaks
    inverted = (left < 0 or tokens[left].text in ",“”\"'‘’") and lemma_of(word, SPEECH) not in TARGETING
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
        and (complement in OBJECT_OPENERS or (complement in SOURCE_NOUNS and complement.endswith("s")))
    ):
        return []
    if left >= 1 and tokens[left].lower == "'s" and tokens[left - 1].lower in SUBJECT_PRONOUNS:
        left -= 1  # "he's said": has, not a possessive
    subjects = _anonymous_before(tokens, left) or _phrases_before(tokens, left)
    if not subjects:
        subjects = _described_before(tokens, left)
    subjects = _head_of_prepositions(tokens, subjects)
    if subjects and not _agrees(tokens, index, left, subjects):
        return []
    if (
        lemma_of(word, STANCE)
        and not lemma_of(word, SPEECH)
        and all(_pronoun(phrase) for phrase in subjects)
        and not (
            subjects and subjects[0].start == tokens[0].start and lemma_of(word, STANCE) in OPENING_STANCE
        )
    ):
        # "he knows", "they see": as often the writer's paraphrase as an attribution; but a sentence
        # that opens with "He believes" or "I think" states whose view it gives
        return []
    end = _end_with_document(tokens, tokens[verb_end - 1].end)
    for phrase in subjects:
        cues.append(Cue(phrase, phrase.start, end, relation, document, reported))
    if word in ("told", "tells", "tell"):
        for phrase in _phrases_after(tokens, index + 1):
            if phrase.head in AUDIENCE or (phrase.name_tokens == [] and phrase.head not in OUTLET_NOUNS):
                continue
            cues.append(Cue(phrase, tokens[index].start, phrase.end, CitationRelation.REPORTS, document))
    return cues


# Verbs of speech whose object is their target: "Grey, in particular, slammed Vos's plan" is Grey's, never an
# inversion like "…, said Vos".
TARGETING = word_set(
    "slam criticize criticise praise blast attack accuse blame condemn denounce dismiss mock reject thank urge "
    "applaud hail laud lambaste chide rebuke fault defend endorse call deny question"
)


# Views a sentence opening with a pronoun attributes: "She thinks …", "They doubt …", "I fear …".
OPENING_STANCE = word_set(
    "think believe fear support favor favour prefer doubt wonder seek consider intend wish"
)


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
    while position >= 0 and (
        # "Will" or "May" within a sentence is a name ("Will wrote"), not a modal
        (tokens[position].lower in ADVERBS and not (position > 0 and tokens[position].is_capitalised))
        or _is_adverb(tokens[position])
        or _is_negation(tokens[position].lower)
    ):
        position -= 1
    return position


def _is_adverb(token: Token) -> bool:
    word = token.lower
    return word.endswith("ly") and len(word) >= 5 and not token.is_capitalised and word not in NOT_ADVERBS


def _agrees(tokens: list[Token], index: int, left: int, subjects: list[NounPhrase]) -> bool:
    """Whether the cue is a finite verb of its subject and states what it says: not a noun ("Clinton's
    support", "the Bush plan"), not a supposition ("if she believed", "he might back")."""
    word = tokens[index].lower
    skipped = {token.lower for token in tokens[left + 1 : index]}
    if skipped & MODALS and lemma_of(word, STANCE) and word not in ("want", "wants"):
        return False
    start = min(phrase.start for phrase in subjects)
    before = next((token for token in reversed(tokens) if token.end <= start), None)
    if before is not None and before.lower in SUBORDINATORS and lemma_of(word, STANCE):
        return False
    lemma = lemma_of(word, SPEECH | STANCE | EVIDENCE)
    complement = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    if lemma == "find" and subjects[-1].head not in EVIDENCE_NOUNS and complement != "that":
        return False  # "the poll found", "a study finds", "they found that"; "he found it hard" is no attribution
    if tokens[left].lower in ("who", "which", "that"):
        return not (skipped & MODALS)  # the verb agrees with the antecedent, whatever its number
    if skipped & (BE_FORMS - {"'s", "’s"}) and not word.endswith("ing"):
        return False  # "he was back": after "is" or "was" only "saying" is a verb of saying
    phrase = subjects[-1]
    last = phrase.words[-1]
    if (
        last == "percent"
        and word == lemma
        and (complement in PREPOSITIONS | {"among"} or not complement.isalpha())
    ):
        return False  # "45 percent support among Republicans": a share of support, a noun
    if lemma == "agree" and complement == "to":
        return False  # "he agreed to sell it": an act agreed to, not words
    plural = (
        last
        in (
            "i",
            "we",
            "you",
            "they",
            "people",
            "men",
            "women",
            "police",
            "staff",
            "children",
            "percent",
            "data",
        )
        or last in QUANTIFIERS - {"one", "everyone", "everybody", "nobody", "none"}
        or (
            last.endswith("s")
            and not last.endswith(SINGULAR_ENDINGS)
            and not last.endswith("'s")
            and not phrase.name_tokens
        )
    )
    if word != lemma and word.endswith("s") and lemma + "s" in (word, word[:-1] + "s") and word != "was":
        # "says", "claims": a singular subject; "many promises", "the Paris attacks" are nouns
        if plural:
            return False
        if phrase.definite and len(phrase.name_tokens) == 1 and not phrase.descriptors and lemma in NOUN_LIKE:
            return _kind(phrase.name, set()) in (Kind.OUTLET, Kind.ORGANISATION, Kind.MINISTRY)
        return True
    if word != lemma or skipped:
        return True  # "said", "has said", "will support": a verb
    # A bare form ("support", "plan") is a verb after "I", "we", "you", "they" or a plural.
    return (
        plural
        or len(subjects) > 1
        or (last.endswith("s") and not last.endswith(SINGULAR_ENDINGS) and not last.endswith("'s"))
    )


# Nouns in -s that are singular: "the analysis shows", "the census finds", "the news", "the status".
SINGULAR_ENDINGS = ("ss", "sis", "us", "news")


def _pronoun(phrase: NounPhrase) -> bool:
    words = phrase.words
    return len(words) == 1 and (words[0] in SUBJECT_PRONOUNS or words[0].split("'")[0] in SUBJECT_PRONOUNS)


def _after_be(tokens: list[Token], index: int) -> bool:
    """A verb form after a form of be, adverbs aside: a progressive ("is saying") or a passive ("was reported")."""
    position = index - 1
    while position >= 0 and (
        _is_adverb(tokens[position]) or tokens[position].lower in ("also", "not", "n't")
    ):
        position -= 1
    return position >= 0 and tokens[position].lower in BE_FORMS


def _is_np_word(token: Token, first_in_sentence: bool) -> bool:
    word = token.lower
    if not token.is_word and word != "'s":
        return False
    if word in ("'s", "the") or word in DETERMINERS or word in COUNTING or DOMAIN.match(token.text):
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
        or word in SOURCE_NOUNS
        or word.endswith("-based")
        or word in ("the", "and")
    )


def _phrases_before(tokens: list[Token], end: int) -> list[NounPhrase]:
    """The subject ending at tokens[end]: a noun phrase, a coordination of them, or one with an apposition."""
    if end < 0:
        return []
    if (
        end >= 2
        and tokens[end].lower in CALENDAR_NAMES
        and tokens[end - 1].lower in DATE_PREPOSITIONS | DATED
    ):
        return _phrases_before(
            tokens, end - 2
        )  # "a poll in January shows", "the report released Friday says"
    if tokens[end].text == "," and (named := _name_in_commas(tokens, end)):
        return named
    if tokens[end].text == "," and (appositive := _apposition_before(tokens, end)) is not None:
        start, apposition = appositive
        phrases = _phrases_before(tokens, start - 1)
        unnamed = any(token.lower == "anonymity" for token in tokens[start:end])
        for phrase in phrases:
            phrase.apposition = apposition
            if unnamed and not phrase.name_tokens and not _pronoun(phrase):
                phrase.anonymous = True  # "the official, who spoke on condition of anonymity, said"
        return phrases
    word = tokens[end].lower
    if word == "'s":
        return []  # "Trump's comments": a possessor, and the word after it a noun
    if word in ("who", "which", "that"):
        # "Trump, who said", "polls that show": the party named before the relative pronoun.
        comma = end >= 1 and tokens[end - 1].text == ","
        if word == "that" and comma:
            return []
        before = _phrases_before(tokens, end - 2 if comma else end - 1)
        phrases = [phrase for phrase in before if _is_named(phrase)] if comma else before
        if phrases or not comma or word != "who":
            return phrases
        return [NounPhrase(tokens=[tokens[end]])]
    if "'" in word and word.split("'")[0] in SUBJECT_PRONOUNS:
        return [NounPhrase(tokens=[tokens[end]])]  # "they've suggested", "I'm asking"
    if word in SUBJECT_PRONOUNS or (word in QUANTIFIERS and (end == 0 or not tokens[end - 1].is_word)):
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


def _name_in_commas(tokens: list[Token], comma: int) -> list[NounPhrase]:
    """ "a spokeswoman, Anna Grey, said", "his adviser, Jan de Vries, said": the name is who speaks."""
    for position in range(comma - 1, max(0, comma - 8), -1):
        if tokens[position].text != ",":
            continue
        inside = tokens[position + 1 : comma]
        before = tokens[position - 1]
        if (
            inside
            and inside[0].is_capitalised
            and all(token.is_capitalised or token.text in NAME_CONNECTORS | {"."} for token in inside)
            and not before.is_capitalised
            and before.lower in APPOSED_NOUNS
        ):
            phrase, _ = _phrase_ending_at(tokens, comma - 1)
            if phrase is not None and phrase.name_tokens and phrase.start == inside[0].start:
                phrase.apposition = before.lower  # what the text calls them: evidence of their kind
                described, _ = _phrase_ending_at(tokens, position - 1)
                if described is not None:  # the mention starts where the description does
                    starts = [i for i in range(position) if tokens[i].start == described.start]
                    phrase.tokens = tokens[starts[0] : comma] if starts else phrase.tokens
                return [phrase]
        return []
    return []


def _apposition_before(tokens: list[Token], comma: int) -> tuple[int, str] | None:
    """ "Ben de Jong, an expert in …, told": the comma that opens the apposition, and its words."""
    for position in range(comma - 1, max(-1, comma - 30), -1):
        if tokens[position].text != ",":
            continue
        inside = [token.lower for token in tokens[position + 1 : comma]]
        if (
            inside
            and position >= 1
            and tokens[position - 1].is_capitalised
            and _is_place(" ".join(token.text for token in tokens[position + 1 : comma]))
        ):
            continue  # "a philanthropist from Monsey, New York, said": the place is inside the apposition
        if (
            not inside
            or position < 1
            or not (tokens[position - 1].is_capitalised or tokens[position - 1].lower in APPOSED_NOUNS)
        ):
            return None
        if not tokens[position - 1].is_capitalised and not (
            inside[0] in APPOSITION_OPENERS or inside[0].endswith("ing")
        ):
            return None  # "a spokeswoman, Anna Grey, said": the name in the commas is who speaks
        if inside[0] in ("a", "an", "the") or inside[0] in TITLE_WORDS:
            return position, " ".join(inside)
        # "Carlos Guerrero, 55, said", "Mr. Mahaney, of RBC Capital Markets, said", "Forbes, however, says"
        other = (
            inside[0][0].isdigit()
            or inside[0] in APPOSITION_OPENERS
            or inside[0].endswith("ing")
            or tokens[position + 1].is_capitalised
        )
        if other and not any(word in QUOTE_TOKENS for word in inside):
            return position, ""
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
    elif position >= 2 and tokens[position].text == ")":
        # "Sen. Bernie Sanders (I-Vt.) said": an aside in brackets after the name
        opening = next(
            (p for p in range(position - 1, max(-1, position - 12), -1) if tokens[p].text == "("), None
        )
        if opening is not None and opening >= 1 and tokens[opening - 1].is_capitalised:
            position = opening - 1
    while position >= 0 and _is_np_word(tokens[position], position == 0):
        token = tokens[position]
        if token.lower == "and":
            right = collected[0].lower if collected else ""
            if not (right in JOINED_BY_AND and position >= 1 and tokens[position - 1].is_capitalised):
                break
        collected.insert(0, token)
        position -= 1
        if token.lower in DETERMINERS or token.lower in COUNTING:
            break
    if not collected:
        return None, position
    while collected and collected[0].text in NAME_CONNECTORS:
        collected.pop(0)
    if not collected:
        return None, position
    if collected[0].lower in CALENDAR_NAMES and position >= 0 and tokens[position].lower in DATE_PREPOSITIONS:
        return None, position  # "reported in May and some lawmakers said": a date, not a subject
    if position >= 0 and tokens[position].lower in ("a", "an"):
        return _build([tokens[position], *collected], indefinite=True), position - 1
    phrase = _build(collected)
    phrase.acronym = acronym
    return phrase, position


def _phrases_after(tokens: list[Token], start: int) -> list[NounPhrase]:
    """The noun phrases from tokens[start]: "Foreign Minister Wopke Hoekstra", "the BBC", "X and Y"."""
    phrases = []
    position = start
    while position < len(tokens):
        collected: list[Token] = []
        indefinite = tokens[position].lower in ("a", "an")
        if indefinite:
            collected.append(tokens[position])
            position += 1
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
        while collected and (
            collected[-1].text in NAME_CONNECTORS | {"the", "and", "a", "an"}
            or (len(collected) > 1 and collected[-1].lower in CALENDAR_NAMES - {"may"})
        ):
            collected.pop()  # "confirmed by the Senate on Monday": the day is when
            position -= 1
        if not collected:
            break
        phrase = _build(collected, indefinite=indefinite)
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
    if body and body[0].lower in ("a", "an"):
        body = body[1:]
    if body and body[0].lower in DETERMINERS:
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
    outlet_head = phrase.head in OUTLET_NOUNS or phrase.descriptors[-2:] in (
        ["news", "agency"],
        ["news", "service"],
    )
    if not name and last_descriptor >= 0 and outlet_head:
        # The name may come before the descriptor: "Das Bild newspaper", but "the German tabloid" has none.
        before = [token for token in body[:last_descriptor] if not _is_descriptor(token)]
        if before and not _is_demonym_only([token for token in before if token.is_capitalised]):
            name = _drop_leading_demonyms(before)
    phrase.name_tokens = name
    if name and all(token.lower in NOT_NAMES for token in name):
        phrase.name_tokens = []
    if name and all(token.lower in CALENDAR_NAMES - {"may"} for token in name):
        phrase.name_tokens = []  # "said Tuesday", "a report published Friday": when, not who ("May" is a name too)
    if len(name) == 1 and name[0].lower in ROLE_NOUNS | BODY_NOUNS | GROUP_NOUNS | EVIDENCE_NOUNS:
        phrase.name_tokens = []  # "Officials said": a description that starts a sentence
        phrase.descriptors.append(name[0].lower)
        phrase.head = name[0].lower
    return phrase


def _is_descriptor(token: Token) -> bool:
    word = token.lower
    if DOMAIN.match(token.text):
        return False  # "politico.com" is a name
    if word.endswith("-based"):
        return True
    return not token.is_capitalised and token.text not in NAME_CONNECTORS and word != "and"


def _strip_titles(name: list[Token], phrase: NounPhrase) -> list[Token]:
    """ "NATO Secretary General Jens Stoltenberg" → "Jens Stoltenberg", keeping "Secretary General"."""
    last_title = -1
    for position, token in enumerate(name):
        if token.lower.rstrip(".") in TITLE_WORDS or token.lower in TITLE_WORDS:
            last_title = position
        elif position == 0 and token.lower in ROLE_TITLES and len(name) >= 3:
            last_title = (
                position  # "Journalist Carl Leubsdorf said": a role capitalised at the sentence start
            )
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


def _some_of_a_people(phrase: NounPhrase) -> bool:
    """ "Some Germans", "many Republicans", "several Democrats": a count of a people or a party's members."""
    tokens = phrase.tokens
    return (
        len(tokens) == 2
        and tokens[0].lower in QUANTIFIERS | COUNTING
        and tokens[1].is_capitalised
        and tokens[1].lower.endswith("s")
        and not tokens[1].lower.endswith("ss")
    )


# Capitalised adjectives of a party or a creed: "Republican calls", "Democratic votes" name nobody.
PARTY_ADJECTIVES = word_set(
    "republican democratic conservative liberal socialist progressive communist libertarian"
)


def _is_demonym_only(tokens: list[Token]) -> bool:
    return all(token.lower in DEMONYMS for token in tokens)


def _adjective_before_plural(phrase: NounPhrase) -> bool:
    """ "Republican" in "renewed Republican calls for": a lone capitalised adjective of a party or a people
    describes the members of a group (whose calls they are), never a person's name."""
    words = phrase.words
    return len(words) == 1 and words[0] in DEMONYMS | PARTY_ADJECTIVES


def _drop_leading_demonyms(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[0].lower in DEMONYMS and len(tokens) > 1:
        tokens = tokens[1:]
    return tokens


def _is_named(phrase: NounPhrase) -> bool:
    return bool(phrase.name_tokens) or phrase.head in GROUP_NOUNS | ORG_NOUNS | OUTLET_NOUNS | PERSON_NOUNS


def _is_party_phrase(phrase: NounPhrase) -> bool:
    if phrase.tokens and phrase.tokens[-1].lower == "'s":
        return False  # "Trump's claims": a possessor is not a subject
    if phrase.name_tokens:
        return not (_is_demonym_only(phrase.name_tokens) and not phrase.head)
    words = phrase.words
    return bool(words) and (
        (len(words) == 1 and (words[0] in SUBJECT_PRONOUNS or words[0] in QUANTIFIERS))
        or phrase.head in GROUP_NOUNS | ORG_NOUNS | OUTLET_NOUNS | PERSON_NOUNS | set(DOCUMENT_NOUNS)
        or phrase.head in SOURCE_NOUNS
    )


GENERIC_WORDS = (
    ROLE_NOUNS
    | BODY_NOUNS
    | GROUP_NOUNS
    | PERSON_NOUNS
    | ORG_NOUNS
    | OUTLET_NOUNS
    | SOURCE_NOUNS
    | NP_ADJECTIVES
    | DEMONYMS
    | DETERMINERS
    | COUNTING
    | word_set("a an unnamed anonymous senior top former some several other")
)
