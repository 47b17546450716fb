"""Numeric statements: the sentences of a text that assert a number, as quotes to suggest.

For each count in an English text (claims/ingestion/numbers.py) this finds the words
that assert it (the clause, without "NOS reported" or "according to X"), what
is counted ("Russian diplomats"), when (claims/ingestion/time_expressions.py, resolved
against the publication date), who says so (the attribution in the sentence,
else the one the previous sentence made or carried on, else its paragraph's),
and, when the count is of people or things an event happened to, the event's
frame: "the Netherlands expelled two Russian diplomats" is (expel, netherlands,
russian). Frames let two accounts of one event meet even when their words
differ ("deported another Russian"), and keep apart accounts of different
events (Russia expelling fifteen Dutch diplomats). A share of a count given
earlier ("about half of them", "a third of the 30 officers") becomes a count
with that base; in a sentence that counts an event, its other numbers ("two
countries", "a 48-page report") are not proposed.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from itertools import pairwise

from claims.ingestion.numbers import NUMBER_WORDS, NumberExpression, find_numbers, plain
from claims.ingestion.time_expressions import Period, around_publication, find_times
from claims.quantities import Comparator
from sources.attribution import DEMONYMS, Mention, Party
from sources.furniture import headline_line
from sources.sentences import Sentence, split_sentences, word_set

# Events whose counts are claims: the words that report them, by class.
EVENTS = {
    "expel": r"expel(?:s|led)?|deport(?:s|ed)?|repatriat(?:e|es|ed)|evict(?:s|ed)?|ousted|kick(?:s|ed)?\s+out"
    r"|sen[dt]\s+(?:[\w’'-]+\s+){0,4}?(?:away|home|packing)|declared\s+persona\s+non\s+grata",
    "arrest": r"arrest(?:s|ed)?|detain(?:s|ed)?|apprehend(?:s|ed)?|jailed|imprisoned",
    "kill": r"kill(?:s|ed)?|murdered|died|shot\s+dead",
    "injure": r"injur(?:e|es|ed)|wounded",
    "charge": r"charg(?:e|es|ed)|indict(?:s|ed)?|prosecuted",
    "convict": r"convict(?:s|ed)?|sentenced|found\s+guilty",
    "sanction": r"sanction(?:s|ed)?|blacklisted",
    "summon": r"summon(?:s|ed)?",
    "evacuate": r"evacuat(?:e|es|ed)",
    "dismiss": r"dismiss(?:es|ed)?|fired|laid\s+off|sacked",
}
# Words that name each event, for finding the claims that may be about one.
EVENT_WORDS = {
    "expel": ["expel", "expelled", "deport", "deported", "repatriated", "evicted", "ousted"],
    "arrest": ["arrest", "arrested", "detain", "detained", "jailed", "imprisoned"],
    "kill": ["kill", "killed", "murdered", "died"],
    "injure": ["injure", "injured", "wounded"],
    "charge": ["charge", "charged", "indicted", "prosecuted"],
    "convict": ["convict", "convicted", "sentenced", "guilty"],
    "sanction": ["sanction", "sanctioned", "blacklisted"],
    "summon": ["summon", "summoned"],
    "evacuate": ["evacuate", "evacuated"],
    "dismiss": ["dismiss", "dismissed", "fired", "sacked"],
}
EVENT = re.compile(
    r"\b(?:" + "|".join(f"(?P<{name}>{words})" for name, words in EVENTS.items()) + r")\b", re.IGNORECASE
)
BE = r"(?:were|was|are|is|be|been|being|get|got|gets)"
PASSIVE_BEFORE = re.compile(rf"\b{BE}\s+(?:(?:also|then|later|all|reportedly|allegedly)\s+)?$", re.IGNORECASE)
# Between a verb and the count it acts on: "expelled two", "deported another", "expelled all 17".
OBJECT_GAP = re.compile(
    r"^\s*(?:(?:the|another|a|an|all|some|also|only|just|at\s+least)\s+)*$", re.IGNORECASE
)
BEFORE_AGENT = re.compile(
    r"(?:\s+(?:had|has|have|would|will|also|then|later|decided|wanted|planned|agreed|tried|began|went\s+on|to))*\s*$",
    re.IGNORECASE,
)
AGENT = re.compile(r"((?:[A-Z][\w’'-]*|of|and|the)(?:\s+(?:[A-Z][\w’'-]*|of|and))*)\s*$")
AGENT_AFTER = re.compile(r"^\s+(?:\w+\s+)?(?:by|from)\s+(?:the\s+)?((?:[A-Z][\w’'-]*)(?:\s+[A-Z][\w’'-]*)*)")
COUNTED_STOP = word_set(
    "were was are is be been being have has had who that which whom whose in at on for from to by with into "
    "and or but as than did do does would will could should may might must can also too away after before "
    "during since until over under about against among between per each whereas while when where there "
    "then now not because if so although though unless last next this yesterday today tomorrow ago"
)
# What a count of these counts is not a checkable quantity: "the two incidents were related".
REFERENCE_NOUNS = word_set(
    "incidents events sides parties things issues matters questions times ways reasons aspects points words "
    "years days months weeks hours minutes decades terms seasons"
)
# What is counted ran on over a verb into a time ("367 Republicans caucused four years ago" gives "Republicans caucused
# four years"): the head is not "years", and the count is not one of reference nouns.
RAN_INTO_TIME = re.compile(
    r"^(?!(?:within|in|for|over|after|before|by|since|about|around|of|at|to)\b)\S+.*\s(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|several|few|many)\s+"
    r"(?:years|days|months|weeks|hours|minutes|decades|seasons)$",
    re.IGNORECASE,
)
# Abstractions a few of which are not a checkable quantity: "from two directions", "two competing rights", "in two
# other instances"; in words and small ("2 million views" is a count).
FEW_ABSTRACT = word_set(
    "directions views opinions rights opportunities weaknesses strengths instances examples options choices "
    "possibilities scenarios factors lessons ideas themes goals priorities approaches paths arguments"
)
# What "the two …" refers back to rather than counts: people and groups already named.
KNOWN_SETS = word_set(
    "men women people persons candidates countries nations leaders parties sides groups camps campaigns "
    "senators lawmakers brothers sisters companies teams presidents rivals others"
)
# What follows a participle that has no object: "expelled from …", "arrested on Friday", "killed.".
REDUCED_PASSIVE_AFTER = re.compile(
    r"^\s*(?:$|[,;:.!?)”\"—–-]|(?:from|by|in|at|on|to|after|for|over|during|since|last|this|earlier|"
    r"yesterday|today|when|while|as|because|and|or|but|without|under|amid|following|before|until)\b)",
    re.IGNORECASE,
)
OF_THE_NUMBER = re.compile(r"^\s+of\s+(?:the\s+|those\s+|these\s+)?$", re.IGNORECASE)
PERCENTAGE = re.compile(r"%|per\s?cent", re.IGNORECASE)
OF_PRONOUN = re.compile(r"^\s+of\s+(?:them|those|these|whom|which)\b", re.IGNORECASE)
SUBORDINATE = re.compile(
    r"^(?:When|After|Before|While|Although|Though|Since|If|As|Because|Once|Shortly\s+after)\b"
)
CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")
TIME_BOUND = re.compile(r"\b(?:after|before|since|until|following)\b", re.IGNORECASE)
# What ties attributing words to what they attribute: "said on December 10 that", "said in a statement:".
BINDING_THAT = re.compile(r"^(?:\s+(?:on|in|at)\s+[^,.;]{1,40}?)?\s+that\b")
# Whom attributing words were told to, before "that": "told parliament that", "assured reporters on Friday that".
TOLD = re.compile(
    r"\b(?:told|tells|tell|informed|informs|assured|assures|warned|warns|reminded|reminds|notified|briefed|"
    r"promised|promises|wrote\s+to|writes\s+to)$",
    re.IGNORECASE,
)
BINDING_OBJECT_THAT = re.compile(r"^\s+(?:(?!that\b)[\w.’'-]+\s+){1,4}?that\b")
BINDING_PUNCTUATION = re.compile(r"^\s*(?:on\s+\w+|in\s+an?\s+\w+[^,.;]{0,60})?[,:]")
QUESTION_WORDS = re.compile(r"^(?:Who|What|Why|How|Where|Which|Whom)\b")
# A question that asks (and so asserts nothing): a question word or a verb first, or "how many".
ASKING = re.compile(
    r"^[\W_]*(?:Who|What|Why|How|Where|Which|Whom|When|Whose|Is|Are|Was|Were|Do|Does|Did|Will|Would|Can|Could"
    r"|Should|Shall|Has|Have|Had|May|Might|Must|Isn’t|Isn't|Aren’t|Aren't|Don’t|Don't|Doesn’t|Doesn't|Didn’t"
    r"|Didn't|Won’t|Won't)\b|\bhow\s+(?:many|much)\b",
    re.IGNORECASE,
)
# A condition: what follows "if" up to the clause's end is supposed, not asserted.
# Not "would only do the debate if CNN donated $5 million": a condition set is a demand, said as a fact.
CONDITION = re.compile(
    r"(?:^[\W_]*|\b(?:that|and|but|because|so|or)\s+|(?:[,;:–—]|--|\s-)\s*)(?:even\s+)?(?:if|unless)\b[^,;:–—]*$"
    r"|^[\W_]*once\b[^,;:–—]*$"  # a rule's threshold: "Once a petition tops 100,000 signatures, it must …"
    r"|^[\W_]*(?:let['’]s|let\s+us)\s+(?:say|suppose|assume)\b[^;:–—]*$",  # "Let's say they're at 54, 56"
    re.IGNORECASE,
)
# What would happen under a condition: the main clause after an opening "if" clause, when it says "would", "could"
# or "might" ("If she were a man, she'd get 5 percent"); a condition with "will" states a plan and stays.
COUNTERFACTUAL = re.compile(
    r"^[\W_]*(?:even\s+)?(?:if|unless)\b[^,;:]*,[^;:]*?(?:\b(?:would|could|might)\b|['’]d\b)[^;:]*$",
    re.IGNORECASE,
)
# A notion, not an event: "the romantic notion of attempting to meet thousands of voters".
NOTION = re.compile(
    r"\b(?:notion|idea|prospect|possibility|thought|dream|fantasy|concept)\s+of\s+(?:[a-z’'-]+\s+){0,3}?"
    r"[a-z]+ing\b[^,;:.–—]*$",
    re.IGNORECASE,
)
# A gerund as the sentence's subject, up to its verb: "Holding rates near zero has encouraged borrowing".
GERUND_SUBJECT = re.compile(
    r"^[“\"‘]?(?!(?:According|During|Including|Following|Regarding|Concerning|Considering|Excluding|Pending"
    r"|Barring|Beginning|Starting|Citing|Notwithstanding|Speaking|Nothing|Something|Everything|Anything)\b)"
    r"[A-Z][a-z]+ing\b[^,;:]*?\s(?=(?:has|have|had|is|was|are|were|will|would|can|could|may|might|should|must"
    r"|does|did|remains|seems|means|makes|helps|keeps)\b)"
)
# Nouns of occasions and of the parts of a text: "conducted two lively sessions", "two side-by-side columns".
OCCASION_NOUNS = word_set(
    "sessions meetings debates rounds occasions episodes columns rows chapters segments acts scenes"
)
# "five times in the last year" counts occurrences; "three times as large" multiplies.
FREQUENCY_AFTER = re.compile(
    r"^\s*(?:in|over|during|since|this|last|a|per|each|every|so\s+far|already|before|before\.)\b",
    re.IGNORECASE,
)
FREQUENCY_CLOSING = re.compile(r"^\s*(?:[.,;:!?)”\"—–]|--|(?:and|but|while)\b)")
OF_A_SET = re.compile(r"\b(?:of|among|between)\s+(?:the|these|those|its|their)\s+$", re.IGNORECASE)
# A list that says what was counted, after a colon or in apposition: ": A and B", ", A, B and C".
LIST_ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
# A named poll or survey, and "the poll" referring back to the last one named.
POLL_NAME = re.compile(
    r"(?<![\w-])((?:(?:[A-Z][\w.&’'/-]*|of|and)\s+){0,6}(?:[A-Z][\w.&’'/-]*)\s+)([Pp]oll|[Ss]urvey)\b",
)
COMPARED_POLL = re.compile(
    r"\b(?:after|before|since|following|than)\s+(?:an?\s+|the\s+|its\s+)?$", re.IGNORECASE
)
POLL_BACK = re.compile(r"\b(?:the|this|that|same)\s+(?:[\w-]+\s+){0,2}?(?:poll|survey)\b", re.IGNORECASE)
POLL_NOT_NAME = word_set(
    "a an the in on of according to for by new latest last its his her their this that and"
)
POLL_FIGURES = re.compile(
    r"^(?:(?:democratic|republican|gop|primary|general[\s-]election)\s+)*"
    r"(?:percentage\s+points?|points?|voters|adults|respondents|people|likely|registered|residents|americans"
    r"|democrats|republicans|independents)\b",
    re.IGNORECASE,
)
# A chart's row: a short label and a percentage.
CHART_ROW = re.compile(r"[A-Za-z’' /-]{1,30}?\s+\d{1,3}(?:\.\d+)?\s*%\.?")
# Those a poll asks, named as a group that "says": not who gives the poll's figures.
POLL_GROUPS = word_set(
    "voters adults respondents people residents americans democrats republicans independents those surveyed "
    "polled millennials men women conservatives liberals moderates evangelicals latinos hispanics whites blacks "
    "parents students seniors"
)
# A share of the people asked, read as who speaks: "Two-thirds say …", "Most support …".
SHARE_AS_NAME = re.compile(
    r"^(?:(?:nearly|almost|about|more\s+than|over|only|just)\s+)?(?:half|most|majority|a\s+majority|plurality"
    r"|(?:one|two|three)[\s-](?:thirds?|quarters?|fourths?|fifths?)|a\s+(?:third|quarter|fifth))$",
    re.IGNORECASE,
)
ANOTHER = re.compile(r"\banother\s+(?=[A-Za-z])", re.IGNORECASE)
COUNTRY_OF = {
    "dutch": "netherlands",
    "belgian": "belgium",
    "german": "germany",
    "british": "united kingdom",
    "french": "france",
    "russian": "russia",
    "american": "united states",
    "chinese": "china",
    "iranian": "iran",
    "ukrainian": "ukraine",
    "polish": "poland",
    "italian": "italy",
    "spanish": "spain",
    "turkish": "turkey",
}
DEMONYM_OF = {country: demonym for demonym, country in COUNTRY_OF.items()}


@dataclass(frozen=True)
class Frame:
    """What a count is the count of: an event, who did it, and the nationality of those it happened to."""

    event: str
    agent: str = ""
    nationality: str = ""
    agent_words: str = field(default="", compare=False)  # the agent as written: "the Netherlands"

    def same(self, other: "Frame") -> bool:
        """Whether both frames name the event, the agent and the nationality, and alike."""
        return self == other and bool(self.agent and self.nationality)

    def compatible(self, other: "Frame") -> bool:
        return (
            self.event == other.event
            and (not self.agent or not other.agent or self.agent == other.agent)
            and (not self.nationality or not other.nationality or self.nationality == other.nationality)
        )


def frame_fields(frame: Frame | None) -> dict[str, str]:
    """A frame as the fields a suggested quote stores it in."""
    if frame is None:
        return {"event": "", "event_agent": "", "event_nationality": ""}
    return {
        "event": frame.event[:40],
        "event_agent": frame.agent[:100],
        "event_nationality": frame.nationality[:100],
    }


def suggestion_frame(suggestion) -> Frame | None:
    """The frame a suggested quote stored, or None when it names no event."""
    if not suggestion.event:
        return None
    return Frame(suggestion.event, suggestion.event_agent, suggestion.event_nationality)


@dataclass(frozen=True)
class NumericStatement:
    start: int
    end: int
    exact: str  # the words that assert the number, as the text has them
    number: NumberExpression
    counted: str  # "Russian diplomats"; empty when the text leaves it out ("the other nine")
    period: Period | None
    frame: Frame | None
    speaker: Party | None
    base: Decimal | None = None  # the count given earlier that this one is a share of: "half of them"

    @property
    def claim_text(self) -> str:
        """The statement as a claim an editor can adopt or rewrite."""
        text = " ".join(self.exact.split()).strip(" ,;:")
        text = _balance_quotes(text)
        text = text[0].upper() + text[1:]
        if len(text) > 490:
            text = text[:489].rsplit(" ", 1)[0] + "…"
        return text if text.endswith((".", "!", "…", "”", '"')) else f"{text}."


def extract_statements(
    text: str, *, published_on: date | None = None, parties: list[Party] = ()
) -> list[NumericStatement]:
    """The numeric statements of `text`, in order; `parties` are its attributions (sources/attribution.py)."""
    mentions = sorted(
        ((mention, party) for party in parties for mention in party.mentions), key=lambda pair: pair[0].start
    )
    starts = [mention.start for mention, _ in mentions]
    sentences = split_sentences(text)
    # The mentions in each sentence, and in each paragraph's sentences, found by bisection: each is
    # looked up once, so the work grows with the text's length, not with its length squared.
    by_sentence = [mentions[bisect_left(starts, s.start) : bisect_left(starts, s.end)] for s in sentences]
    by_paragraph: dict[int, list[tuple[Mention, Party]]] = {}
    for sentence, in_sentence in zip(sentences, by_sentence, strict=True):
        by_paragraph.setdefault(sentence.paragraph, []).extend(in_sentence)
    statements: list[NumericStatement] = []
    earlier: list[NumericStatement] = []  # the last counts given, for "half of them"
    since_earlier = 0  # sentences without counts since
    previous: Party | None = None  # who the previous sentence attributed its words to
    polls: dict[str, Party] = {}  # the polls named so far, by name; the last one is what "the poll" means
    headline = headline_line(text.split("\n"))
    markers = list_markers(text)
    for sentence, in_sentence in zip(sentences, by_sentence, strict=True):
        if _is_question(sentence.text):
            earlier, previous = [], None
            continue
        if sentence.paragraph == headline:
            continue  # "Grey Says City Will Hire 500 Officers": the article's figure, said again below
        in_sentence = _named(in_sentence)
        poll = _poll(sentence.text, polls)
        paragraph = _named(by_paragraph[sentence.paragraph])
        found = _statements_in(
            text, sentence, in_sentence, paragraph, published_on, earlier, previous, poll, polls
        )
        found = [statement for statement in found if statement.number.start not in markers]
        statements += found
        # "The Netherlands expelled 17 officers. According to …, they posed as diplomats. About half of them …":
        # the last counts given stay what "them" may be a share of for two sentences without counts.
        since_earlier = 0 if found else since_earlier + 1
        if found or since_earlier > 2:
            earlier = found  # A run of numeric sentences goes on reporting whom the first named: "According to the poll, X has 27
        # percent. Y trails at 13 percent." A sentence without numbers or attribution ends the run.
        # A poll named only for comparison does not carry on: the last poll in `polls` is the one reported.
        current_poll = next(reversed(polls.values())) if poll is not None else None
        previous = (
            found[-1].speaker if found else (current_poll or (in_sentence[-1][1] if in_sentence else None))
        )
    return _without_headline_figures(text, _polls_made_by(sentences, statements))


# Who made a poll, said after its figures: "The survey was conducted for AP and the networks by Edison Research".
CONDUCTED_BY = re.compile(
    r"\b(?:poll|survey)\s+(?:was|were|is|has\s+been)\s+(?:conducted|carried\s+out|done)\b[^.;:]*?\bby\s+(?:the\s+)?"
    r"((?:[A-Z][\w&.’'-]*)(?:\s+(?:[A-Z][\w&.’'-]*|of))*)"
)


def _polls_made_by(sentences: list[Sentence], statements: list[NumericStatement]) -> list[NumericStatement]:
    """A poll's figures given before the text says who made it ("About four in 10 voters say … The survey was
    conducted by Edison Research"): the run of poll figures just before that sentence that no one else is said to
    give, or that those asked "say", are its maker's. A figure of another kind or of another source ends the run."""
    statements = list(statements)
    starts = [statement.start for statement in statements]
    floor = 0  # statements before this one belong to an earlier poll's run
    for sentence in sentences:
        if (
            "conducted" not in sentence.text
            and "carried out" not in sentence.text
            and "done" not in sentence.text
        ):
            continue
        if not (made := CONDUCTED_BY.search(sentence.text)):
            continue
        name = re.sub(r"(?:\s+of)+$", "", made.group(1)).rstrip(".")
        maker = Party(name=name, kind="organisation", evidence={"poll"})
        first, end = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        for index in range(
            first, end
        ):  # how it was made: "with voters leaving 35 randomly selected precincts"
            if _asked_or_no_one(statements[index].speaker):
                statements[index] = replace(statements[index], speaker=maker)
        index = first - 1
        while index >= floor:
            statement = statements[index]
            if statement.frame is not None or not _poll_figure(statement.number, statement.counted):
                break
            if not _asked_or_no_one(statement.speaker):
                break
            statements[index] = replace(statement, speaker=maker)
            index -= 1
        floor = end
    return statements


def _asked_or_no_one(speaker: Party | None) -> bool:
    """No speaker, or those a poll asks read as one ("voters", "Most")."""
    return (
        speaker is None
        or speaker.name.split()[-1].lower() in POLL_GROUPS
        or bool(SHARE_AS_NAME.match(speaker.name))
    )


TOLD_IN_PAST = re.compile(r"\b(?:said|told|reported|announced|according\s+to)\b", re.IGNORECASE)
HEADLINE_LINE_WORDS = 16  # a headline or a one-line standfirst is short
RESTATED_WITHIN = 2_000  # characters after the first line: where the article says its headline's figure again


def _without_headline_figures(text: str, statements: list[NumericStatement]) -> list[NumericStatement]:
    """A figure of a short first line that the text says again soon after ("Trump tells 3,000 in Reno …" and then
    "to more than 3,000 people in downtown Reno"): a headline in whatever case, or a summary line; the statement is
    the one below, with its words and its speaker."""
    first = re.match(r"\s*([^\n]+)\n", text)
    if not first or len(first.group(1).split()) > HEADLINE_LINE_WORDS or not text[first.end() :].strip():
        return statements
    if re.search(r"[.!?][”\"’']?\s+[A-Z]", first.group(1).strip()) or TOLD_IN_PAST.search(first.group(1)):
        return statements  # two sentences, or "…, the ministry said.": a lead sentence, not a headline
    second = next((line for line in text[first.end() :].split("\n") if line.strip()), "")
    if len(second.split()) <= len(first.group(1).split()):
        return statements  # a headline stands above longer text
    end = first.end(1)
    later = [
        statement.number.value
        for statement in statements
        if end <= statement.number.start < end + RESTATED_WITHIN
    ]
    return [
        statement
        for statement in statements
        if statement.number.start >= end
        or not any(abs(value - statement.number.value) <= 1 for value in later)
    ]


# A numbered list's marker at a paragraph's head: "7. Chris Christie. The New Jersey governor …", "1 Donald Trump.".
LIST_MARKER = re.compile(r"^[ \t]*(\d{1,2})(?:[.)]?[ \t]+[“\"‘']?[A-Z]|[.)]?[ \t]*$)", re.MULTILINE)


def list_markers(text: str) -> set[int]:
    """Where a numbered list's markers start: a small number opening a paragraph (alone, or before a capital)
    when another paragraph opens with the number before or after it. A ranking ("7." down to "1.") or a list
    ("1" to "12") labels its items; the markers count nothing."""
    heads: dict[int, list[int]] = {}
    for match in LIST_MARKER.finditer(text):
        heads.setdefault(int(match.group(1)), []).append(match.start(1))
    return {
        start for value, starts in heads.items() if {value - 1, value + 1} & heads.keys() for start in starts
    }


def _kind_of_occasion(text: str, number: NumberExpression, counted: str, head: str) -> bool:
    """ "will hold two organizing events", "three separate incidents": occasions of a kind, counted, not "the two
    incidents" that refers back to what was told."""
    return (
        head in ("events", "incidents")
        and len(counted.split()) > 1
        and not YEAR_DETERMINER_BEFORE.search(text[max(0, number.start - 30) : number.start])
    )


YEAR_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|these|those|its|their|both|his|her|our|all)\s+$", re.IGNORECASE
)


def _named(pairs: list[tuple[Mention, Party]]) -> list[tuple[Mention, Party]]:
    """The mentions of parties with a name: not a sentence's opening participle read as one ("Having …")."""
    return [(mention, party) for mention, party in pairs if not re.fullmatch(r"[A-Z][a-z]+ing", party.name)]


def _poll(text: str, polls: dict[str, Party]) -> Party | None:
    """The poll or survey a sentence names ("a CNN-ORC survey released Friday", "the University of Texas/Texas
    Tribune poll"), or the one named last when it says "the poll"; it is who says its figures."""
    for match in POLL_NAME.finditer(text):
        words = match.group(1).split()
        while words and words[0].lower() in POLL_NOT_NAME:
            words.pop(0)
        if words and any(word[0].isupper() for word in words):
            name = " ".join([*words, match.group(2).lower()])
            party = polls.pop(name.lower(), None) or Party(name=name, kind="organisation", evidence={"poll"})
            last = next(reversed(polls.values()), None)
            polls[name.lower()] = party  # the last named is the last in the dict
            if last is not None and COMPARED_POLL.search(text[: match.start(1)]):
                # "The Fox News results come a day after a CNN poll showed …": a poll named for comparison,
                # in a time phrase, says this sentence's figures; "the poll" after it is still the one before.
                polls[last.name.lower()] = polls.pop(last.name.lower())
            return party
    if polls and POLL_BACK.search(text):
        return next(reversed(polls.values()))
    return None


def _statements_in(
    text, sentence, in_sentence, paragraph, published_on, earlier, previous, poll=None, polls=None
) -> list[NumericStatement]:
    """The statements of one sentence; `earlier` holds the statements of the sentence before, for "half of
    them", `previous` the attribution that sentence made or carried on, for a speaker, and `poll` the poll the
    sentence names or refers back to, who says its percentages."""
    attributions = [_attribution_span(sentence, mention) for mention, _ in in_sentence]
    candidates = [
        number
        for number in _numbers(sentence)
        if not any(start <= number.start < end for start, end in attributions)
    ]
    found = []
    clauses = _clauses(sentence) if len(candidates) > 1 else [(sentence.start, sentence.end)]
    for number in candidates:
        counted, partitive = _counted(text, number)
        head = counted.split()[-1].lower() if counted else ""
        if (
            head in REFERENCE_NOUNS
            and not RAN_INTO_TIME.search(counted)
            and not counted.lower().startswith("percentage")
            and not _kind_of_occasion(text, number, counted, head)
            and not _frequency(text, number, counted)
            and not _margin(text, number, counted)
        ):
            continue
        if _not_a_statement(text, sentence, number, counted) or _spoken_list_marker(text, sentence, number):
            continue
        if head in FEW_ABSTRACT and _small_spelled(number):
            continue  # "the humbling came from two directions"
        clause_start, clause_end = next(((s, e) for s, e in clauses if s <= number.start < e), clauses[0])
        start, end = _trim(text, clause_start, clause_end, attributions)
        if not start <= number.start < end:
            continue
        end = _before_closing_attribution(text, number, start, end, attributions)
        base = None
        if partitive:
            number, counted, base = _share(text, number, candidates, [*earlier, *found], (start, end))
            if number is None:
                continue  # "two of them" with no count of them before
        elif _names_known_set(text, number, counted) or _enumerates(text, sentence, number, counted):
            continue
        frame = None if partitive else _frame(text, start, end, number, counted)
        if (
            frame is None
            and not partitive
            and (
                _set_named_before(text, sentence, number, counted, in_sentence)
                or (_small_spelled(number) and BY_POSITION.search(text[sentence.start : number.start]))
                or (
                    _small_spelled(number)
                    and not counted
                    and re.match(
                        r"\s+(?:(?:are|were)(?:\s+now)?|that|who)\s+[a-z]", text[number.end : number.end + 20]
                    )
                    # not a count of the same things after another: "three agents on site, and two that had …"
                    and not re.search(r"\b(?:and|or|but)\s+$", text[sentence.start : number.start])
                )
            )
        ):
            continue  # "the first two states", "the last three winners": a set picked by its place in a series;
            # a number standing for a set the text has in mind: "two are now sparring", "there are four that …"
        if not (frame or partitive or in_sentence or CITED.search(sentence.text)) and _definite_small_set(
            text, sentence, number, counted
        ):
            continue
        if (
            number.text.lower() in ("another", "one", "more than one")
            and frame is None
            and not re.match(r"-(?:percentage-)?points?\b", text[number.end :])
        ):
            continue  # "one" counts only as the object of an event: "deported another Russian", "killed one"; or
            # as a margin: "a one-point difference"
        period = _period(text, start, end, attributions, published_on)
        if period is None and frame is not None and published_on is not None:
            period = around_publication(published_on)
        found.append(
            NumericStatement(
                start=start,
                end=end,
                exact=text[start:end],
                number=number,
                counted=counted,
                period=period,
                frame=frame,
                speaker=poll
                if poll is not None and frame is None and _poll_figure(number, counted)
                else _poll_speaker(
                    _speaker(
                        sentence,
                        _closing_first(
                            text, sentence, _not_counted(text, in_sentence, number, counted), number
                        ),
                        paragraph,
                        previous,
                    ),
                    sentence,
                    number,
                    counted,
                    polls if frame is None else None,
                ),
                base=base,
            )
        )
    if any(statement.frame for statement in found):
        # The event's count, not what else the sentence counts: "Two countries expelled 17 diplomats". A share or
        # a sum is not another count of it: "46 percent held rhetoric responsible for a shooting that killed 3".
        found = [
            statement
            for statement in found
            if statement.frame or statement.base is not None or statement.number.unit not in ("", "times")
        ]
    return found


def _share(text, number, candidates, earlier, clause) -> tuple[NumberExpression | None, str, Decimal | None]:
    """A part of a count: "two of them", "about half of them", "a third of the 30 officers", "Eight of the
    expelled Russians". Returns the part as a count, what is counted and the whole's value, when known. A part
    of a small set the text knows ("just one of the two earliest states") counts only what an event did."""
    after = text[number.end : number.end + 80]
    if PERCENTAGE.search(number.text) or number.unit not in ("", "%"):
        return number, _counted(text, number)[0], None  # "27 percent of voters" is said as a percentage
    of_number = next((other for other in candidates if other.start > number.end and other.unit == ""), None)
    whole, counted = None, ""
    if of_number and OF_THE_NUMBER.match(text[number.end : of_number.start]):
        whole, counted = of_number, _counted(text, of_number)[0]  # "a third of the 30 officers"
        if _small_spelled(whole) and not EVENT.search(text[clause[0] : clause[1]]):
            return None, "", None
    elif OF_PRONOUN.match(after):
        given = next(
            (s for s in reversed(earlier) if s.number.unit == "" and s.counted and s.base is None), None
        )
        if given is not None:
            whole, counted = given.number, given.counted  # "Police arrested 30 people. Half of them …"
    else:
        return number, _counted(text, number)[0], None  # "Eight of the expelled Russians"
    if whole is None or whole.comparator == Comparator.RANGE:
        return None, "", None
    if number.unit == "%":  # a fraction of the whole: "about half" of 30 is about 15
        number = _share_of_count(number, whole.value * number.value / 100)
    if number.value > whole.value:
        return None, "", None
    return number, counted, whole.value


def _share_of_count(number: NumberExpression, value: Decimal) -> NumberExpression:
    """A share of a count of discrete things as a count the comparators can hold: "half of them" of 30 is 15;
    of 17 it is 8 or 9 (a range), "more than half" of 17 at least 9, "less than half" at most 8; never 8.5
    people."""
    if abs(value - value.to_integral_value()) < Decimal("0.05"):
        return replace(number, value=plain(value.to_integral_value()), unit="")
    low, high = value.to_integral_value(ROUND_FLOOR), value.to_integral_value(ROUND_CEILING)
    if number.comparator == Comparator.AT_LEAST:
        return replace(number, value=plain(high), unit="")
    if number.comparator == Comparator.AT_MOST:
        return replace(number, value=plain(low), unit="")
    # exact and approximate ("about half" of 17 allows 7.65 to 9.35, the counts 8 and 9) alike
    return replace(number, comparator=Comparator.RANGE, value=plain(low), upper=plain(high), unit="")


def _names_known_set(text: str, number: NumberExpression, counted: str) -> bool:
    """Whether the number only names a set the reader already knows: "those four", "the two men",
    "between the two". A count of what an event happened to ("the 17 Russians") is kept."""
    before = text[max(0, number.start - 12) : number.start]
    if re.search(r"\b(?:those|these)\s+$", before, re.IGNORECASE):
        return True
    if number.value > 10 or not re.search(r"\b(?:the|all|both)\s+$", before, re.IGNORECASE):
        return (
            False  # a large count is news, not a reference: "the 11 million people in the country illegally"
        )
    return not counted or any(word in KNOWN_SETS for word in counted.lower().split())


# Nouns of acts and events, which "the two …" refers back to: "expulsions", "announcements", "attacks".
ACT_NOUNS = word_set(
    "attacks raids strikes arrests moves steps visits trips calls talks deals votes races wars bids"
)
ACT_SUFFIX = re.compile(r"(?:tions|sions|ments|ances|ences|ures|ings)$")


def _acts(noun: str) -> bool:
    lower = noun.lower()
    return lower in ACT_NOUNS or bool(ACT_SUFFIX.search(lower))


def _set_named_before(text, sentence, number, counted, in_sentence) -> bool:
    """A small count that names what the text has told of rather than counts it: "the two expulsions were
    coordinated" (acts or events the text reported; "the eight Russian spies" may still be a count), and a plain description of what a party has, told by no one: "and the
    ministry has two buildings in the city centre". A count of what an event happened to is kept (a frame)."""
    if not _small_spelled(number) or not counted or number.comparator != Comparator.EXACT:
        return False
    before = text[max(sentence.start, number.start - 12) : number.start]
    if re.search(r"\bthe\s+$", before, re.IGNORECASE) and _acts(counted.split()[-1]):
        return True
    return not in_sentence and bool(
        re.search(r"\b(?:has|have|had|owns|own|owned|keeps|kept)\s+$", before, re.IGNORECASE)
    )


_NAME = r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*"
# Names listed just before a number in apposition: "A, B and C ― three …", "A, as well as B and C, two of …".
NAMES_BEFORE = re.compile(
    rf"({_NAME}(?:\s*,\s*{_NAME})*,?\s+(?:and|as\s+well\s+as)\s+{_NAME}(?:\s*,?\s+and\s+{_NAME})?)\s*(?:,|[―—–]|--)\s*$"
)


SPELLED_MARKERS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")


def _spoken_list_marker(text: str, sentence: Sentence, number: NumberExpression) -> bool:
    """ "One, defeat the rebels … Two, cut the deficit …": numbered points, not counts. A capitalised number
    opening its sentence or quotation, followed by a comma or a colon and a lower-case word, with the marker
    before or after it in the series close by."""
    if number.text not in SPELLED_MARKERS or text[sentence.start : number.start].strip(" “\"‘'") != "":
        return False
    if not re.match(r"[,:]\s+[a-z]", text[number.end : number.end + 4]):
        return False
    index = SPELLED_MARKERS.index(number.text)
    neighbours = [SPELLED_MARKERS[i] for i in (index - 1, index + 1) if 0 <= i < len(SPELLED_MARKERS)]
    window = text[max(0, number.start - 600) : number.end + 600]
    return any(re.search(rf"(?:^|[.!?“\"‘]\s*){marker}[,:]\s+[a-z]", window) for marker in neighbours)


def _enumerates(text: str, sentence: Sentence, number: NumberExpression, counted: str) -> bool:
    """Whether the counted are listed: "three hopefuls: Jeb!, Ben Carson and Donald Trump", "two longer-shot
    candidates, Sen. A and former governor B", "The past two winners rose on the right: A and B", "two columns,
    one listing …". A count of what the sentence names one by one is not news of its own."""
    position = text.find(counted, number.end) + len(counted) if counted else number.end
    if re.match(r"\s*:\s*\S", text[position : position + 5]):
        return True
    if not (2 <= number.value <= 10 and number.unit == "" and number.value == int(number.value)):
        return False
    if EVENT.search(sentence.text):
        return False  # what an event happened to stays a count when named: "Police arrested three men …: A, B, C"
    named = NAMES_BEFORE.search(text[sentence.start : number.start])
    if named and number.text[:1].isalpha():
        # "like Richard Roe, Jane Poe and Max Doe ― three former officials": the set the names just listed
        names = re.sub(r",?\s+as\s+well\s+as\s+", ", ", named.group(1))
        if len([name for name in LIST_ITEM_SPLIT.split(names) if name.strip()]) == number.value:
            return True
    rest = text[position : sentence.end]
    if re.match(r"\s*[,:—–-]\s*(?:one|each|both)\b", rest, re.IGNORECASE):
        return True  # "two side-by-side columns, one listing …, the other …"
    listed = re.match(r"\s*[,—–]\s*(.+)", rest) or re.search(r":\s*(.+)", rest)
    if not listed:
        return False
    items = [item for item in LIST_ITEM_SPLIT.split(listed.group(1).split(";")[0]) if item.strip(" .")]
    return len(items) == number.value and all(re.search(r"\b[A-Z][a-z]", item) for item in items)


def _frequency(text: str, number: NumberExpression, counted: str) -> bool:
    """ "activated it five times in the last year", "Three times, it has led to …": how often, a count; not
    "three times as large"."""
    after = text[number.end :]
    rest = after[after.find(counted) + len(counted) :]
    return counted.lower() == "times" and (
        FREQUENCY_AFTER.match(rest) is not None
        or (number.text[:1].isupper() and rest.startswith(","))
        # closing what someone did: "downgraded nine times.", "mentioned the agency five times and …"
        or (FREQUENCY_CLOSING.match(rest) is not None and number.unit == "" and number.value <= 100)
    )


def _margin(text: str, number: NumberExpression, counted: str) -> bool:
    """ "lost by ten points", "a lead of 5 points": a margin, a count; not "made three points"."""
    return counted.lower() == "points" and bool(
        re.search(r"\b(?:by|of)\s+$", text[max(0, number.start - 4) : number.start])
        or re.match(
            r"^\s+points\s+(?:ahead|behind|lead|margin|up|down|over|under)\b",
            text[number.end : number.end + 30],
        )
    )


def _small_spelled(number: NumberExpression) -> bool:
    return number.unit == "" and number.value <= 10 and number.text[:1].isalpha()


# A set defined by rank: "the 10 most populous cities", "the five largest states", "the 20 best".
RANKED_SET = re.compile(
    r"^\s+(?:most|least|best|worst|(?!(?:inter|pro|re|for|hon|mod|harv|conqu|arr|cont|gu|qu|ch|n|r|w|t|l)est\b)[a-z]{2,}est)\b"
)
# A set picked by its place in a series: "the first two states to vote", "its next three contests", "the past
# three periods", "these last two winners".
BY_POSITION = re.compile(
    r"\b(?:the|these|those|its|their|his|her|our)\s+(?:first|last|next|past|previous|latest)\s+$",
    re.IGNORECASE,
)
# A threshold that defines whom something applies to: "tax people above $250,000", "families earning over $X".
THRESHOLD = re.compile(
    r"\b(?:earn\w*|incomes?|people|families|households|taxpayers|earners|those|anyone|workers"
    r"|individuals|couples|americans)\s+(?:[\w-]+\s+){0,2}?(?:above|over|below|under|exceeding|beyond"
    r"|more\s+than|less\s+than|up\s+to)\s+$",
    re.IGNORECASE,
)
TYPICAL_ONE = re.compile(
    r"\b(?:the|an?)\s+(?:average|typical|median|ordinary)\s+[\w-]+\s+(?:who|that|which)\s+[^,;:]*$",
    re.IGNORECASE,
)
INCOME_OF = re.compile(r"\b(?:incomes?|earnings|salar(?:y|ies)|wages?)\s+(?:of\s+)?$", re.IGNORECASE)
FIGURE_NAMED = re.compile(r"^[”\"’']\s+(?:figure|number|estimate|statistic|claim|stat)\b", re.IGNORECASE)
# A figure said, then compared in apposition with another by a fraction: "fallen to 5 percent, less than half its
# peak", "got around 8 million viewers, less than half of the 18 million": the comparison is no new statement.
COMPARED_AFTER_FIGURE = re.compile(
    r"\d(?:\s*(?:%|percent|per\s+cent|million|billion|thousand|points?))?(?:\s+[a-z]+){0,2},\s*$",
    re.IGNORECASE,
)
# A fraction of an amount the text does not give.
SHARE_OF_UNSAID = re.compile(r"^\s+of\s+what\b", re.IGNORECASE)
MODIFIER_WORDS = re.compile(r"^(?:[a-z]+\s+){1,3}(?=[$€£\d])", re.IGNORECASE)


def _not_a_statement(text: str, sentence: Sentence, number: NumberExpression, counted: str) -> bool:
    """Numbers a sentence does not assert as a count: in a condition ("if we went to $15"), a notion ("the notion
    of attempting to meet thousands of voters"), a gerund subject ("Holding rates near zero has …"), a set the
    text names ("one of the two earliest states", "between two buildings"), occasions and parts of a text
    ("conducted two lively sessions")."""
    before = text[sentence.start : number.start]
    if CONDITION.search(before) or COUNTERFACTUAL.match(before):
        return True
    if INCOME_OF.search(before) and number.comparator in (Comparator.AT_MOST, Comparator.AT_LEAST):
        return True  # "a household income of $50,000 or less": whom it applies to
    if FIGURE_NAMED.match(text[number.end : number.end + 20]) and re.search(r"[“\"‘']\s*$", before):
        return True  # 'the "90 to 95 percent" figure came from …': a figure named, not asserted
    if (
        number.unit == "%"
        and re.search(r"\b(?:half|thirds?|quarters?|fifths?|fourths?|tenths?)$", number.text, re.IGNORECASE)
        and COMPARED_AFTER_FIGURE.search(before)
        and not re.match(r"\s+of\s+(?:them|whom|which|those|these)\b", text[number.end :], re.IGNORECASE)
    ):
        return True  # "8 million viewers, less than half of the 18 million", "5 percent, less than half its peak"
    if number.unit == "%" and not number.text[:1].isdigit() and SHARE_OF_UNSAID.match(text[number.end :]):
        return True  # "less than half of what researchers say they need"
    if TYPICAL_ONE.search(before):
        return True  # "the average driver who drives 14,000 miles a year": who is meant, not a count
    if re.search(r"\bthe\s+$", before, re.IGNORECASE) and RANKED_SET.match(
        text[number.end : number.end + 30]
    ):
        return True  # "the 10 most populous cities": a set by rank, not a count of them
    ranked = re.search(r"\b[Tt]he((?:\s+(?:most|least)\s+[a-z]+|\s+[a-z]+))\s+$", before)
    if number.unit == "" and ranked and RANKED_SET.match(ranked.group(1)):
        return True  # "one of the worst 20 chief executives", "the richest 400": a set by rank
    modifier = MODIFIER_WORDS.match(number.text)
    if number.unit not in ("", "%", "times") and THRESHOLD.search(
        before + (modifier.group() if modifier else "")
    ):
        return True  # "tax people above $250,000": whom it applies to
    if NOTION.search(before) and number.text[:1].isalpha():
        return (
            True  # words ("thousands of voters"); digits count something real ("deporting 11 million people")
        )
    gerund = GERUND_SUBJECT.match(sentence.text)
    if gerund and number.start - sentence.start < gerund.end() and not counted:  # a level, not a count
        return True
    if _small_spelled(number) and (
        OF_A_SET.search(before) or re.search(r"\bbetween\s+$", before, re.IGNORECASE)
    ):
        return True
    head = counted.split()[-1].lower() if counted else ""
    return head in OCCASION_NOUNS and number.unit == "" and number.value <= 10


# A determiner that makes what follows a set the reader is meant to know: "the five aircraft", "HP's nine
# directors", "his three bids".
# Someone cited in the sentence, also when the attribution names no one the text has named yet ("…, the
# secretary-general of NATO had said" opening an article).
CITED = re.compile(r"\b(?:said|says|told|tells|reported|reports|according\s+to)\b", re.IGNORECASE)
DEFINITE = re.compile(
    r"(?:\b(?:the|its|their|his|her|our|these|those)|[A-Za-z]['’]s|s['’])\s+$", re.IGNORECASE
)


def _definite_small_set(text: str, sentence: Sentence, number: NumberExpression, counted: str) -> bool:
    """A small number in words after a definite determiner, with no event it counts and no one cited for it: it
    describes a known set ("the three governors drew plaudits", "HP's nine directors") rather than reporting
    how many there are. Said by someone ("The eight cases … were intelligence officers, NATO said"), it is
    what they assert."""
    before = text[max(sentence.start, number.start - 40) : number.start]
    return (
        _small_spelled(number)
        and number.comparator == Comparator.EXACT
        and bool(counted)
        and DEFINITE.search(before) is not None
    )


def _poll_speaker(speaker: Party | None, sentence: Sentence, number, counted, polls) -> Party | None:
    """A poll's figure about the people it asked that no one else is said to give, or that those people "say",
    is the poll's: the last one the text named ("26 percent of Democrats say …" after "a CBS News poll")."""
    if not polls or not _poll_figure(number, counted):
        return speaker
    about_people = (
        POLL_FIGURES.match(counted)
        or any(word in POLL_GROUPS for word in sentence.text.lower().split())
        or CHART_ROW.fullmatch(sentence.text)  # "No    58%." under the poll's question
    )
    if (speaker is None and about_people) or (
        speaker and (speaker.name.split()[-1].lower() in POLL_GROUPS or SHARE_AS_NAME.match(speaker.name))
    ):
        return next(reversed(polls.values()))
    return speaker


def _poll_figure(number: NumberExpression, counted: str) -> bool:
    """Whether a number is one a poll gives: a percentage, a margin in points, how many it asked."""
    return number.unit == "%" or bool(POLL_FIGURES.match(counted))


def _numbers(sentence: Sentence) -> list[NumberExpression]:
    numbers = [_shift(number, sentence.start) for number in find_numbers(sentence.text)]
    for match in ANOTHER.finditer(sentence.text):
        start = sentence.start + match.start()
        numbers.append(
            NumberExpression(start, start + len("another"), "another", Comparator.EXACT, Decimal(1))
        )
    return sorted(numbers, key=lambda number: number.start)


def _shift(number: NumberExpression, offset: int) -> NumberExpression:
    return NumberExpression(
        number.start + offset,
        number.end + offset,
        number.text,
        number.comparator,
        number.value,
        number.upper,
        number.unit,
    )


def _is_question(text: str) -> bool:
    """A question that asks: "How many were expelled?", "Is it 17?". A question that asserts, as a fragment
    or a sentence ending in a question mark ("Losing a Senate race by ten points?"), is read."""
    text = text.rstrip("”’\"' ")
    if text.endswith("?"):
        opening = re.sub(r"^[\W_]*(?:(?:And|But|So|Or)\s+)?", "", text)
        return ASKING.search(opening) is not None
    return QUESTION_WORDS.match(text) is not None and not text.endswith((".", "!"))


def _attribution_span(sentence: Sentence, mention: Mention) -> tuple[int, int]:
    """The attributing words with what binds them to the sentence: "Dutch officials said on December 10 that"."""
    start, end = mention.start, mention.end
    after = sentence.text[end - sentence.start :]
    binding = BINDING_THAT.match(after) or BINDING_PUNCTUATION.match(after)
    if binding is None and TOLD.search(sentence.text[: end - sentence.start]):
        binding = BINDING_OBJECT_THAT.match(after)
    if binding:
        end += binding.end()
    before = sentence.text[: start - sentence.start]
    if comma := re.search(r",\s*(?:according\s+to\b[^,]*)?$", before, re.IGNORECASE):
        start -= len(before) - comma.start()
        # An attribution that closes the sentence takes the rest of it: "…, said X in a letter to parliament.",
        # but not one that opens a clause of its own: "…, Trump told a rally audience that he would …".
        rest = sentence.text[end - sentence.start :]
        if not re.search(r"[,;]|\bthat\b", rest) and len(rest.split()) <= 12:
            end = sentence.end
    return start, end


def _before_closing_attribution(text, number, start, end, attributions) -> int:
    """Where the statement's words end when an attribution closes them: "About half of them had worked there
    for years, a senior official told reporters, speaking on condition of anonymity." ends at "years". What
    follows such an attribution (a participle clause, a relative clause, an apposition, a time) is about the
    speaker, not the count; a number after it is a statement of its own."""
    for a_start, _ in sorted(attributions):
        if number.end <= a_start < end and text[a_start] == ",":
            return _trim(text, start, a_start, [])[1]
    return end


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Where a sentence with several counts divides: "When …, Russia expelled …", "…, and the other nine …"."""
    cuts = [sentence.start]
    if SUBORDINATE.match(sentence.text) and "," in sentence.text:
        cuts.append(sentence.start + sentence.text.index(",") + 1)
    for match in CLAUSE_BREAK.finditer(sentence.text):
        cuts.append(sentence.start + match.start() + 1)
    return list(pairwise([*sorted(set(cuts)), sentence.end]))


def _trim(text: str, start: int, end: int, attributions: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause without attributions at its edges, leading conjunctions or trailing punctuation."""
    changed = True
    while changed and start < end:
        changed = False
        for a_start, a_end in attributions:
            if a_start <= start < a_end:
                start, changed = a_end, True
            if a_start < end <= a_end or (a_start >= start and a_end >= end - 2 and a_start < end):
                end, changed = a_start, True
        piece = text[start:end]
        stripped = piece.lstrip(" ,;:")
        if lead := re.match(r"^(?:and|but|while|whereas)\s+", stripped, re.IGNORECASE):
            stripped = stripped[lead.end() :]
        if len(stripped) != len(piece):
            start, changed = end - len(stripped), True
        trimmed = piece.rstrip(" ,;:.")
        if len(trimmed) != len(piece) and end - (len(piece) - len(trimmed)) > start:
            end, changed = end - (len(piece) - len(trimmed)), True
    return start, end


# What opens the whole after "of" ("Eight of the expelled Russians", "two of its six quays").
WHOLE_DETERMINERS = frozenset(
    ["the", "these", "those", "all", "its", "their", "his", "her", "our", "your", "my"]
)
# What opens the next phrase after what is counted.
NEXT_PHRASE = frozenset(["the", "a", "an", "every", "each", "its", "their", "his", "her", "our"])
# An adverb in "-ally" ("specifically", "initially", "politically"): no noun ends so but "ally", "rally" and "tally".
ADVERB = re.compile(r"^\w{3,}ally$", re.IGNORECASE)


def _counted(text: str, number: NumberExpression) -> tuple[str, bool]:
    """What the number counts, and whether it is a part of a whole ("Eight of the expelled Russians")."""
    words = re.findall(r"[A-Za-z][\w’'-]*|\d[\d,.]*|[^\w\s]", text[number.end : number.end + 120])
    partitive = bool(words) and words[0].lower() == "of"
    if partitive:
        words = words[1:]
        while words and words[0].lower() in WHOLE_DETERMINERS:
            words = words[1:]
        if len(words) > 1 and (words[0][0].isdigit() or words[0].lower() in NUMBER_WORDS):
            words = words[1:]  # "two of its six quays" counts quays; the whole's six is read on its own
    counted = []
    for position, word in enumerate(words[:6]):
        lower = word.lower()
        following = words[position + 1].lower() if position + 1 < len(words) else ""
        adjective = (
            position == 0 and following.isalpha() and following not in COUNTED_STOP
        )  # "two lively sessions"
        if not word[0].isalpha() or lower in COUNTED_STOP or (lower.endswith("ly") and not adjective):
            break
        if counted and lower in NEXT_PHRASE:
            break  # "21 Russian diplomats the same day", "5 stories every morning"
        if lower.endswith(("ed", "ing")) and (not following.isalpha() or following in COUNTED_STOP):
            break  # a verb after the noun: "8 Russians expelled from …"
        counted.append(word)
    if counted and ADVERB.search(counted[-1]):
        counted.pop()  # "Two specifically worked on …": an adverb of the verb, not what is counted
    return " ".join(counted), partitive


def _frame(text: str, start: int, end: int, number: NumberExpression, counted: str) -> Frame | None:
    """The event the count is the count of, when the clause says: active, attributive or passive."""
    counted_start = number.end + text[number.end :].find(counted) if counted else number.end
    counted_end = counted_start + len(counted)
    for match in EVENT.finditer(text[start:end]):
        verb_start, verb_end = start + match.start(), start + match.end()
        if verb_start <= number.start < verb_end or (
            verb_end <= number.start and OBJECT_GAP.match(text[verb_end : number.start])
        ):
            agent = _agent_before(text, start, verb_start)  # "the Netherlands expelled two Russian diplomats"
        elif counted and counted_start <= verb_start < counted_end:
            agent = ""  # "the two deported Russians"
        elif number.end <= verb_start and _is_passive(text[counted_end:verb_start], text[verb_end:end]):
            found = AGENT_AFTER.match(text[verb_end:end])  # "… expelled from the Netherlands"
            agent = found.group(1) if found else ""
        else:
            continue
        return Frame(
            event=match.lastgroup,
            agent=_normal_agent(agent),
            nationality=_nationality(counted),
            agent_words=agent.strip(),
        )
    return None


def _is_passive(between: str, after: str) -> bool:
    """Whether the words between a counted noun and an event verb make the noun its object: "four Russians
    were expelled", "8 Russians expelled from NATO"; not "Two countries expelled 17 diplomats", whose verb
    has an object of its own."""
    if re.search(r"[,;:.!?]", between) or len(between.split()) > 10:
        return False
    if between.strip() == "":
        return REDUCED_PASSIVE_AFTER.match(after) is not None
    return PASSIVE_BEFORE.search(between) is not None


def _agent_before(text: str, clause_start: int, verb_start: int) -> str:
    before = text[clause_start:verb_start]
    before = before[: BEFORE_AGENT.search(before).start()] if before else ""
    found = AGENT.search(before)
    return found.group(1) if found else ""


def _normal_agent(agent: str) -> str:
    words = [word for word in agent.replace("’", "'").split() if word.lower() not in ("the", "of", "and")]
    if not words:
        return ""
    first = words[0].lower()
    return COUNTRY_OF.get(first, first)


def _nationality(counted: str) -> str:
    for word in counted.replace("’", "'").split():
        lower = word.lower().removesuffix("s")
        if lower in DEMONYMS:
            return lower
        if word.lower() in DEMONYM_OF:
            return DEMONYM_OF[word.lower()]
    return ""


def _period(text, start, end, attributions, published_on) -> Period | None:
    clause = text[start:end]
    for found in find_times(clause, published_on=published_on):
        absolute = start + found.start
        if any(a_start <= absolute < a_end for a_start, a_end in attributions):
            continue
        if TIME_BOUND.search(clause[: found.start]):
            continue  # "after Russia invaded Ukraine at the end of February": another event's time
        return found.period
    return None


def _not_counted(text: str, in_sentence, number: NumberExpression, counted: str):
    """The sentence's attributions but those by whom the number counts: in "25 percent of likely voters say",
    the voters are what is measured; who measured them is said elsewhere (a poll)."""
    counted_end = number.end + 8 + len(counted)

    def counts(mention: Mention) -> bool:
        between = text[number.end : mention.start]
        # Inside the counted phrase, with nothing that ends it between: not ", officials in Skopje said".
        inside = number.start <= mention.start < counted_end and not re.search(r"[,;:.()“”\"—–]", between)
        return inside or bool(re.fullmatch(r"\s+of\s+[^,;:.()]{0,40}", between))

    return [(mention, party) for mention, party in in_sentence if not counts(mention)]


# Verbs that say or report: a mention cued by one of them is an attribution; one cued by another verb the
# attribution detector accepts ("Lakeside dismissed 40 officials") may be the actor the sentence is about.
SPEECH_CUES = word_set(
    "said says say saying told tells according reported reports reporting stated states added adds noted notes "
    "claimed claims announced announces wrote writes explained explains estimated estimates insisted insists "
    "argued argues confirmed confirms acknowledged acknowledges asserted asserts declared declares disclosed "
    "discloses revealed reveals showed shows found finds suggested suggests warned warns predicted predicts "
    "projected projects counted counts tallied calculated calculates"
)


def _speech_cued(mention: Mention) -> bool:
    return any(word.strip(",.:;“”\"'’").lower() in SPEECH_CUES for word in mention.text.split())


def _closing_first(text: str, sentence: Sentence, in_sentence, number: NumberExpression):
    """When the sentence closes with an attribution by a verb of saying ("…, the ministry said", "…, according
    to the ministry") and its first mention before the number is cued by another verb ("Lakeside dismissed 40
    officials"), the closing attribution says the number: it goes first. Closing: after a comma or a dash, with at
    most a short tail and no other figure after it ("…, the ministry said on Friday."), not "Forbes says it is $4.5
    billion"."""
    if len(in_sentence) < 2 or _speech_cued(in_sentence[0][0]) or in_sentence[0][0].start > number.start:
        return in_sentence
    for index, (mention, _) in enumerate(in_sentence):
        if (
            mention.start >= number.end
            and _speech_cued(mention)
            and re.search(r"[,—–]\s*$|--\s*$", text[number.end : mention.start])
            and re.fullmatch(r"[^\d“”\"]{0,60}", text[mention.end : sentence.end])
        ):
            return [in_sentence[index], *in_sentence[:index], *in_sentence[index + 1 :]]
    return in_sentence


def _speaker(sentence, in_sentence, paragraph, previous) -> Party | None:
    """Who the statement is attributed to: in its sentence, else whom the previous sentence attributed its
    words or numbers to (across a paragraph break too), else the last attribution before it in its paragraph,
    else the first after it. `paragraph` holds the mentions in the paragraph's sentences, in order.
    """
    if in_sentence:
        return in_sentence[0][1]
    if previous is not None:
        return previous
    if not paragraph:
        return None
    after = bisect_left(paragraph, sentence.start, key=_start)
    if after > 0:
        # The attribution just before carries on ("NOS reported … Seventeen were expelled."); of several
        # mentions at that position, the first, as a scan from the left finds.
        return paragraph[bisect_left(paragraph, paragraph[after - 1][0].start, key=_start)][1]
    return paragraph[after][1] if after < len(paragraph) else None


def _start(pair: tuple[Mention, Party]) -> int:
    return pair[0].start


def _balance_quotes(text: str) -> str:
    for opening, closing in (("“", "”"), ("‘", "’")):
        if text.count(opening) > text.count(closing) and text.rfind(opening) > text.rfind(closing):
            position = text.rfind(opening)
            text = text[:position] + text[position + 1 :]
    if text.count('"') % 2:
        position = text.rfind('"')
        text = text[:position] + text[position + 1 :]
    return text
