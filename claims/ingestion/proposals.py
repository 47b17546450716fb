"""Proposed claims: suggestions about the count of one event share one proposal, worded as a short claim.

"Seventeen Russian diplomats expelled from the Netherlands at the end of March …",
"The 17 Russians were registered as diplomats …" and "… send the 17 spies away"
are three accounts of one fact. Rather than three draft claims made of three raw
sentences, they share one proposal, worded from the event's frame
(claims/ingestion/statements.Frame): "The Netherlands expelled 17 Russian
diplomats at the end of March 2022." Accounts belong together when their frames
are compatible (the same event; agent and nationality alike where both say) and
their times can be the same, within one article and across the pending
suggestions of others. Accepting one creates the claim, and the others are
re-linked to it (claims/ingestion/decide.link_to_claim).

A figure that counts no event but is stated again in the same article (a
summary's "52 percent of Democratic primary voters" and the text's) is one
statement told twice: its repeats share one proposal too, worded as the first
says it, under a key of that article's words so that nothing elsewhere joins it.
A figure stated once proposes its own words.
"""

import hashlib
import re
from dataclasses import dataclass, field

from claims.ingestion.claim_matching import statement_candidate
from claims.ingestion.numbers import MONTHS
from claims.ingestion.statements import COUNTRY_OF, Frame, NumericStatement
from claims.ingestion.time_expressions import GUESS_LABEL, Period
from claims.quantities import describe, periods_overlap

EVENT_PAST = {
    "expel": "expelled",
    "arrest": "arrested",
    "kill": "killed",
    "injure": "injured",
    "charge": "charged",
    "convict": "convicted",
    "sanction": "sanctioned",
    "summon": "summoned",
    "evacuate": "evacuated",
    "dismiss": "dismissed",
}
# Country names said with "the".
PLACE = re.compile(r"\b(in|at)\s+((?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
WITH_THE = {
    "netherlands",
    "united states",
    "united kingdom",
    "philippines",
    "czech republic",
    "gambia",
    "bahamas",
}


@dataclass
class Proposal:
    """One new claim proposed for the statements about one event."""

    key: str
    frame: Frame  # what its members say together: the event, and the agent and nationality any of them names
    period: tuple
    text: str = ""  # set when the proposal was made before, for another source
    members: list[NumericStatement] = field(default_factory=list)
    figure: tuple | None = None  # for repeats of a figure that counts no event: what they state alike

    @property
    def shared(self) -> bool:
        """Whether its members share it: an event's accounts always, a figure's repeats when there are two."""
        return self.figure is None or len(self.members) > 1

    def takes(self, frame: Frame, period: tuple) -> bool:
        return self.frame.compatible(frame) and periods_overlap(self.period, period)

    def add(self, statement: NumericStatement) -> None:
        self.members.append(statement)
        frame = statement.frame
        if (frame.agent and not self.frame.agent) or (frame.nationality and not self.frame.nationality):
            self.frame = Frame(
                self.frame.event,
                self.frame.agent or frame.agent,
                self.frame.nationality or frame.nationality,
                self.frame.agent_words or frame.agent_words,
            )

    @property
    def sentence(self) -> str:
        """The claim proposed: worded from the member that says most (agent, nationality, a time of its own)."""
        if self.text:
            return self.text
        if self.figure is not None:
            return self.members[0].claim_text
        best = max(self.members, key=_says, default=None)
        return canonical_sentence(best) if best else ""


def _says(statement: NumericStatement) -> tuple[int, int]:
    frame, period = statement.frame, statement.period
    timed = period is not None and not period.label.endswith(GUESS_LABEL)
    return 2 * bool(frame.agent) + bool(frame.nationality) + timed + bool(statement.counted), -statement.start


def proposal_for(statement: NumericStatement, proposals: list[Proposal]) -> Proposal | None:
    """The proposal `statement` belongs to, opening a new one in `proposals` when none takes it; None for a
    statement that counts no event (it proposes its own sentence)."""
    if statement.frame is None:
        return _same_figure(statement, proposals)
    period = statement_candidate(statement.exact, statement.frame, statement.period).period
    proposal = next((proposal for proposal in proposals if proposal.takes(statement.frame, period)), None)
    if proposal is None:
        frame = statement.frame
        key = ":".join([frame.event, frame.agent, frame.nationality, str(period[0] or "")])[:100]
        proposal = Proposal(key, frame, period)
        proposals.append(proposal)
    proposal.add(statement)
    return proposal


def _same_figure(statement: NumericStatement, proposals: list[Proposal]) -> Proposal | None:
    """The proposal of an earlier statement of the same figure in this article: the same quantity of the same
    thing (the last word of what is counted), said by the same party or by none named; else a new one."""
    head = statement.counted.split()[-1].lower().removesuffix("s") if statement.counted else ""
    if not head:
        return None
    number = statement.number
    figure = (number.comparator, number.value, number.upper, number.unit, head)
    speaker = statement.speaker.name if statement.speaker else ""
    for proposal in proposals:
        if proposal.figure == figure and proposal.members:
            said_by = {member.speaker.name for member in proposal.members if member.speaker}
            if not speaker or not said_by or speaker in said_by:
                proposal.members.append(statement)
                return proposal
    words = " ".join(statement.exact.split()).casefold()
    key = f"figure:{hashlib.sha256(f'{statement.start}:{words}'.encode()).hexdigest()[:40]}"
    proposal = Proposal(key, Frame(""), (None, None), figure=figure, members=[statement])
    proposals.append(proposal)
    return proposal


def canonical_sentence(statement: NumericStatement) -> str:
    """The statement as a short claim made from its frame: "The Netherlands expelled 17 Russian diplomats at
    the end of March 2022."; a statement without a frame keeps its own words."""
    frame = statement.frame
    if frame is None or frame.event not in EVENT_PAST:
        return statement.claim_text
    number = statement.number
    quantity = describe(number.comparator, number.value, number.upper).replace("approximately", "about")
    counted = statement.counted or (f"{frame.nationality.capitalize()}s" if frame.nationality else "people")
    when = _when(statement.period)
    where = _where(statement.exact[number.end - statement.start :], frame)
    agent = _agent(frame)
    if agent:
        sentence = f"{agent} {EVENT_PAST[frame.event]} {quantity} {counted}{where}{when}"
    else:
        verb = "was" if number.value == 1 and number.comparator == "exact" else "were"
        sentence = f"{quantity} {counted} {verb} {EVENT_PAST[frame.event]}{where}{when}"
    sentence = " ".join(sentence.split())
    return f"{sentence[0].upper()}{sentence[1:]}."


def _agent(frame: Frame) -> str:
    if not frame.agent:
        return ""
    words = frame.agent_words or frame.agent
    country = COUNTRY_OF.get(words.lower(), "")  # "Dutch" said the Netherlands
    if country or words.lower() in WITH_THE:
        name = (country or words.lower()).title()
        return f"the {name}" if name.lower() in WITH_THE else name
    return re.sub(r"^the\s+", "the ", words, flags=re.IGNORECASE)


def _where(after: str, frame: Frame) -> str:
    """The place the clause names after the count, when it is not the agent: "in Paris"."""
    found = PLACE.search(after)
    if not found or found.group(2).lower() in MONTHS or found.group(2).lower() in frame.agent_words.lower():
        return ""
    return f" {found.group(1).lower()} {found.group(2)}"


def _when(period: Period | None) -> str:
    if period is None or period.label.endswith(GUESS_LABEL):
        return ""
    label = re.sub(r"\s*\([^)]*\)", "", period.label).strip()
    if not label:
        return ""
    if re.match(r"^(?:end|beginning|start|middle)\s+of\b", label, re.IGNORECASE):
        return f" at the {label}"
    if re.match(r"^\d{1,2}\s+[A-Z]", label):
        return f" on {label}"
    return f" in {label}"
