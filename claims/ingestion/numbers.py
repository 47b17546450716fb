"""Numbers as news copy writes them, read into the values a Quote asserts.

"Seventeen" → exactly 17, "almost 40" → approximately 40, "at least two" → at
least 2, "more than 100" → at least 101, "between 5 and 8" and "four or five" →
a range, "about half" → approximately 50 %, "one in five" → 20 %, "half a
million" → 500,000, "hundreds of thousands of" → at least 200,000, "fivefold" →
5 times, "only one" → exactly 1. Spelled-out numbers are read by text2num. What
is not a count is left out: years ("in 2018"), dates ("December 10"), ages
("52-year-old"), durations ("two years ago", "40 or 50 years ago", "half an
hour"), times of day, numbers in compound words ("a one-mile radius"), in names
("Future 45", "the Gang of Eight", "part 3 of 3"), in markup and identifiers
(a tweet's id), a banknote ("a $100 bill"), "100 percent sure", "one of them",
"both".
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from text_to_num import text2num

from claims.quantities import Comparator
from sources.sentences import word_set

NUMBER_WORDS = word_set(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion"
)
_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
SPELLED = rf"(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# "m" and "k" are no scale when a code goes on: "90,000 K-1 visas".
SCALE = r"(?:\s*(?P<scale>million|billion|trillion|thousand|bn|tn|(?:m|k)(?![-–]\w))\b)?"
PERCENT = r"(?:\s*(?P<percent>%|per\s?cent\b))?"
FRACTIONS = {
    "half": Decimal(50),
    "a half": Decimal(50),
    "one half": Decimal(50),
    "a third": Decimal("33.33"),
    "one third": Decimal("33.33"),
    "two thirds": Decimal("66.67"),
    "two-thirds": Decimal("66.67"),
    "a quarter": Decimal(25),
    "one quarter": Decimal(25),
    "three quarters": Decimal(75),
    "three-quarters": Decimal(75),
    "one-half": Decimal(50),
    "one-third": Decimal("33.33"),
    "one-quarter": Decimal(25),
    "a fifth": Decimal(20),
    "one fifth": Decimal(20),
    "one-fifth": Decimal(20),
    "two-fifths": Decimal(40),
    "two fifths": Decimal(40),
    "three-fifths": Decimal(60),
    "three fifths": Decimal(60),
    "a tenth": Decimal(10),
    "one-tenth": Decimal(10),
    "one tenth": Decimal(10),
    "three-fourths": Decimal(75),
    "three fourths": Decimal(75),
    "one-fourth": Decimal(25),
    "one fourth": Decimal(25),
}
# A fraction of a percent: "a quarter of a percent" is 0.25 %, not 25 %.
OF_A_PERCENT = re.compile(r"\s+of\s+a\s+(?:percent(?:age\s+point)?|per\s?cent|point)\b", re.IGNORECASE)
# Loose quantities: (words, comparator, value).
VAGUE = {
    "a dozen": (Comparator.APPROXIMATELY, Decimal(12)),
    "two dozen": (Comparator.APPROXIMATELY, Decimal(24)),
    "two-dozen": (Comparator.APPROXIMATELY, Decimal(24)),
    "three dozen": (Comparator.APPROXIMATELY, Decimal(36)),
    "a couple dozen": (Comparator.APPROXIMATELY, Decimal(24)),
    "a half-dozen": (Comparator.APPROXIMATELY, Decimal(6)),
    "half-dozen": (Comparator.APPROXIMATELY, Decimal(6)),
    "half a dozen": (Comparator.APPROXIMATELY, Decimal(6)),
    "a few hundred": (Comparator.AT_LEAST, Decimal(200)),
    "a few thousand": (Comparator.AT_LEAST, Decimal(2000)),
    "a few million": (Comparator.AT_LEAST, Decimal(2_000_000)),
    "several hundred": (Comparator.AT_LEAST, Decimal(200)),
    "several thousand": (Comparator.AT_LEAST, Decimal(2000)),
    "several million": (Comparator.AT_LEAST, Decimal(2_000_000)),
    "a hundred": (Comparator.EXACT, Decimal(100)),
    "a thousand": (Comparator.EXACT, Decimal(1000)),
    "a million": (Comparator.EXACT, Decimal(1_000_000)),
    "a billion": (Comparator.EXACT, Decimal(10**9)),
    "half a million": (Comparator.EXACT, Decimal(500_000)),
    "half a billion": (Comparator.EXACT, Decimal(500_000_000)),
    "tens of thousands of": (Comparator.AT_LEAST, Decimal(20_000)),
    "hundreds of thousands of": (Comparator.AT_LEAST, Decimal(200_000)),
    "tens of millions of": (Comparator.AT_LEAST, Decimal(20_000_000)),
    "hundreds of millions of": (Comparator.AT_LEAST, Decimal(200_000_000)),
    "tens of billions of": (Comparator.AT_LEAST, Decimal(20 * 10**9)),
    "hundreds of billions of": (Comparator.AT_LEAST, Decimal(200 * 10**9)),
    "billions of": (Comparator.AT_LEAST, Decimal(2 * 10**9)),
    "trillions of": (Comparator.AT_LEAST, Decimal(2 * 10**12)),
    # The larger loose count when an alternative follows: "hundreds of thousands or maybe millions of".
    "tens of thousands": (Comparator.AT_LEAST, Decimal(20_000)),
    "hundreds of thousands": (Comparator.AT_LEAST, Decimal(200_000)),
    "tens of millions": (Comparator.AT_LEAST, Decimal(20_000_000)),
    "hundreds of millions": (Comparator.AT_LEAST, Decimal(200_000_000)),
    "dozens of": (Comparator.AT_LEAST, Decimal(24)),
    "scores of": (Comparator.AT_LEAST, Decimal(40)),
    "hundreds of": (Comparator.AT_LEAST, Decimal(200)),
    "thousands of": (Comparator.AT_LEAST, Decimal(2000)),
    "millions of": (Comparator.AT_LEAST, Decimal(2_000_000)),
}
MORE, LESS = "more", "less"  # "more than 10" allows 11 and up, "fewer than 10" up to 9
MODIFIERS = {
    "at least": Comparator.AT_LEAST,
    "no fewer than": Comparator.AT_LEAST,
    "no less than": Comparator.AT_LEAST,
    "a minimum of": Comparator.AT_LEAST,
    "more than": MORE,
    "over": MORE,
    "upwards of": MORE,
    "in excess of": MORE,
    "at most": Comparator.AT_MOST,
    "no more than": Comparator.AT_MOST,
    "up to": Comparator.AT_MOST,
    "a maximum of": Comparator.AT_MOST,
    "fewer than": LESS,
    "less than": LESS,
    "under": LESS,
    "almost": Comparator.APPROXIMATELY,
    "nearly": Comparator.APPROXIMATELY,
    "about": Comparator.APPROXIMATELY,
    "around": Comparator.APPROXIMATELY,
    "roughly": Comparator.APPROXIMATELY,
    "approximately": Comparator.APPROXIMATELY,
    "some": Comparator.APPROXIMATELY,
    "an estimated": Comparator.APPROXIMATELY,
    "estimated": Comparator.APPROXIMATELY,
    "close to": Comparator.APPROXIMATELY,
    "circa": Comparator.APPROXIMATELY,
    "only": Comparator.EXACT,
    "just": Comparator.EXACT,
    "exactly": Comparator.EXACT,
    "precisely": Comparator.EXACT,
    "a total of": Comparator.EXACT,
    "a single": Comparator.EXACT,
    "as many as": Comparator.AT_MOST,
    "as much as": Comparator.AT_MOST,
    "as high as": Comparator.AT_MOST,
    "as few as": Comparator.AT_LEAST,
    "as little as": Comparator.AT_LEAST,
    "as low as": Comparator.AT_LEAST,
}
TRAILING = {
    "or more": Comparator.AT_LEAST,
    "or so": Comparator.APPROXIMATELY,
    "or fewer": Comparator.AT_MOST,
    "or less": Comparator.AT_MOST,
    "-odd": Comparator.APPROXIMATELY,
    "-plus": Comparator.AT_LEAST,
}
_MODIFIER = "|".join(re.escape(m) for m in sorted(MODIFIERS, key=len, reverse=True))
_TRAILING = "|".join(re.escape(t) for t in sorted(TRAILING, key=len, reverse=True))
_FRACTION = "|".join(re.escape(f) for f in sorted(FRACTIONS, key=len, reverse=True))
_VAGUE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
_NUMBER = rf"(?:{DIGITS}|{SPELLED})"

# A share given as odds, then said again as a percentage: "1 in 64, or 1.56 percent".
RESTATED_SHARE = re.compile(
    r",?\s+or\s+(?:about\s+|roughly\s+|nearly\s+)?\d[\d.]*\s*(?:%|percent\b|per\s+cent\b)", re.IGNORECASE
)
EXPRESSION = re.compile(
    # not inside a word, also one whose accent was split off or whose fraction slash was garbled ("GÃ1⁄4len")
    rf"(?<![\w#$€£/.,:\u0300-\u036f\u2044-])(?:(?P<modifier>{_MODIFIER})\s+)?"
    rf"(?:between\s+(?:\+/-\s*|±\s*)?(?P<low_currency>[$€£])?(?P<low>{_NUMBER})\s+and\s+(?:\+/-\s*|±\s*)?"
    rf"(?(low_currency)[$€£])(?P<high>{_NUMBER})(?![\w.,]\d)"
    rf"|from\s+(?P<from>{_NUMBER})\s+to\s+(?P<to>{_NUMBER})"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<fraction>{_FRACTION})"
    # "three in 10 voters"; also closing a clause when the whole is ten: "picked by nearly three in 10."; and
    # restated as a percentage: "1 in 64, or 1.56 percent"
    rf"|(?P<part>{_NUMBER})(?:-in-|\s+in\s+|\s+out\s+of\s+)(?P<whole>{_NUMBER})(?=\s+[a-z]|(?<=\b10)[.,;](?!\d)"
    rf"|(?<=\bten)[.,;]|{RESTATED_SHARE.pattern})"
    rf"|(?P<fold>{_WORD}|{DIGITS})-?fold"
    rf"|(?P<currency>[$€£])?(?P<number>{_NUMBER}){SCALE}{PERCENT}"
    rf"(?:\s*(?:-|–|to|or)\s*(?P<upper_currency>[$€£])?(?P<upper>{_NUMBER})(?![\w.,]\d)"
    rf"{SCALE.replace('scale', 'upper_scale')}{PERCENT.replace('percent', 'upper_percent')})?)"
    # "5percentage points": the space lost before "percent" ends the number all the same
    rf"(?:\s*(?P<trailing>{_TRAILING}))?(?!(?!percent)[\w/\u2044]|[.,]\d)",
    re.IGNORECASE,
)
# The plain number alone, for when a range or ratio read with it does not hold.
SIMPLE = re.compile(
    rf"(?:(?P<modifier>{_MODIFIER})\s+)?(?P<currency>[$€£])?(?P<number>{_NUMBER}){SCALE}{PERCENT}"
    rf"(?:\s*(?P<trailing>{_TRAILING}))?(?![\w/]|[.,]\d)",
    re.IGNORECASE,
)
GROUPS = tuple(EXPRESSION.groupindex)
SCALES = {
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}
CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}
CURRENCY_AFTER = re.compile(r"\s+(?:US\s+)?(dollars|euros|pounds)\b", re.IGNORECASE)

MONTHS = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
TIME_UNITS = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|yrs?|decades?"
    r"|centur(?:y|ies))"
)
NOT_A_COUNT_AFTER = re.compile(
    rf"^(?:[\s-]+(?:{TIME_UNITS})\b"  # two years ago, 17 months, a 10-day visit
    r"|-year|-month|\s+years?\s+old|\s+(?:or|and)\s+(?:older|younger)\b|:\d|\s*[ap]\.?m\.?\b|\s*o'clock|(?:st|nd|rd|th)\b"
    r"|\s+of\s+(?:us|you|the\s+(?:most|best|few|first|last))\b"
    r"|-(?!odd\b|plus\b|fold\b|in-|thirds?\b|quarters?\b|"
    # a margin in points is a figure: "a 24-point lead", "Clinton's 2.5-point edge", "a 52-point swing"
    r"points?\s+(?:lead|margin|edge|swing|gap|advantage|deficit|drop|jump|increase|decline|rise|fall|gain|loss|defeat"
    r"|difference"
    r"|spread|victory|win)s?\b)[a-z]"  # a compound word: "a one-mile radius"
    rf"|,?\s+(?:or|to|and|(?:or\s+)?(?:maybe|perhaps|possibly))\s+\S+[\s-]+{TIME_UNITS}\b"  # "40 or 50 years ago",
    # "five, maybe six years"
    # a distance or a place's whereabouts: "about 45 miles east of", "two miles away", "a 100-yard walk"
    r"|\s+(?:miles?|kilometers?|kilometres?|km|feet|foot|yards?|meters?|metres?|blocks?)\s+(?:(?:north|south|east"
    r"|west|northeast|northwest|southeast|southwest|away|outside|off|inland|offshore|from|long|wide|high|tall|deep"
    r"|across|up|down|apart)\b))",
    re.IGNORECASE,
)
NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\baged|\bage|\bages|\bas\s+(?:old|young)\s+(?:as|at)|\bages?\s+of(?:\s+\d{1,3}\s+(?:and|to|or|through))?|\bdied\s+at|\bno\.|\bnumber|\barticle|\bsection|\bchapter|\bparagraph|\bpage|\bresolution|\bflight"
    r"|\broute|\bgate|\broom|\bphase|\bround|\bpart|\bvol\.?|\blevel|\bgrade|\bgrades|\bgrades\s+\w+\s+(?:through|to|and)|\btop|\bthe\s+year|\bno"
    r"|\b(?:part|chapter|section|page|volume|episode|game|round|stage)\s+\w+\s+(?:of|out\s+of))\s+$",
    re.IGNORECASE,
)
YEAR_DETERMINER = re.compile(
    r"\b(?:the|this|that|these|those|its|their|his|her|our|all|both|other|every|each|[A-Z][\w-]*['’]s)\s+$",
    re.IGNORECASE,
)
# Words ending in "s" that are not plural nouns: a year before them is a year ("hired in 1997 as his deputy").
NOT_PLURAL = word_set("as is was has his its this thus plus yes us less unless across perhaps always whereas")
# An age after a name or "then" in apposition: "said Sue Grey, 62, who …", "Mr. Sperling, then 38, said".
AGE_APPOSITION = re.compile(r"(?:[A-Z][\w’'-]+,|,\s*then)\s*$")
# What labels or locates rather than counts: a list item's marker ("1) registers …", not "(50 percent to 18
# percent)"), a street address ("at 86 Gansevoort St.").
STREET = re.compile(
    r"^\s+(?:[A-Z][\w’'-]*\.?\s+){1,3}(?:St|Street|Ave|Avenue|Road|Rd|Blvd|Boulevard|Lane|Drive|Place|Plaza"
    r"|Concourse|Parkway|Highway|Square)\b"
)
HALF_ADVERB = re.compile(
    r"^\s+(?!(?:of|the|a|an|his|her|its|their|our|my|your|this|that)\b)[a-z]+(?:ing|ed)\b"
)
HALF_ADVERB = re.compile(
    r"^\s+(?!(?:of|the|a|an|his|her|its|their|our|my|your|this|that)\b)[a-z]+(?:ing|ed)\b"
)
# "a third party", "a quarter century": an ordinal or a measure, not a share of anything.
# Not when a verb or a preposition follows: "Nearly a third say …", "cutting emissions by a third from 2007".
ORDINAL_FRACTION = re.compile(
    r"^\s+(?!(?:of|or|to|and|in|on|at|by|for|from|with|since|over|than|more|less|fewer|as|say|says|said|are|were"
    r"|is|was|have|has|had|do|did|does|would|will|could|can|may|might|should|think|believe|want|support|oppose"
    r"|favor|approve|disapprove|agree|disagree|back|own|live|vote|voted|saw|see)\b)[a-z][\w-]*",
    re.IGNORECASE,
)
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
DENOMINATION = re.compile(r"^\s*(?:bills?|notes?|banknotes?|coins?)\b", re.IGNORECASE)
# "100 percent" meaning wholly: "100 percent accurate", "100 percent sure".
INTENSIFIED = re.compile(
    r"^\s+(?:sure|certain|accurate|committed|behind|right|wrong|true|correct|honest|confident|clear|safe"
    r"|convinced|supportive|guaranteed|false|serious|focused|dedicated|certainty|certainly)\b",
    re.IGNORECASE,
)
# A fraction as a noun with its own determiner: "the first half", "the Republican half of".
FRACTION_AS_NOUN = re.compile(r"\b(?:the|a|its|their|his|her|our|my|your)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# People by their age: "voters under 35", "Americans over 65".
AGED_GROUP = re.compile(
    r"\b(?:voters|people|men|women|adults|Americans|those|children|kids|residents|respondents|workers|anyone"
    r"|everyone|individuals|millennials|Democrats|Republicans|independents|persons|citizens|seniors|youths?"
    r"|girls|boys|teens|teenagers|students|patients|drivers|employees|members|users|consumers|someone|applicants)\s+$",
    re.IGNORECASE,
)
# A year's place: "the end of 2015", "the spring of 2014"; or after a compound adjective: "big-money 2016 players".
YEAR_BEFORE = re.compile(
    r"(?:\b(?:end|start|beginning|middle|rest|close|course|half|spring|summer|fall|autumn|winter|quarter|part)\s+of"
    r"|\b[a-z]+-[a-z]+)\s+$",
    re.IGNORECASE,
)
ONE_PRONOUN_BEFORE = re.compile(
    r"\b(?:no|any|every|each|the|this|that|which|some|someone|anyone)\s+$", re.IGNORECASE
)
ONE_PRONOUN_AFTER = re.compile(
    r"^(?:\s+(?:of|another|who|that|which|day|time|way|thing)\b|\s*[,.;:!?)”\"’]|$)", re.IGNORECASE
)


@dataclass(frozen=True)
class NumberExpression:
    start: int
    end: int
    text: str  # as written, modifier included: "almost 40"
    comparator: str
    value: Decimal
    upper: Decimal | None = None
    unit: str = ""  # "%" for percentages and fractions, a currency code for money

    @property
    def number_start(self) -> int:
        """Where the number itself starts, after a modifier such as "at least"."""
        return self.start


# A larger loose count offered as an alternative to the one before: "hundreds of thousands or maybe millions of".
ALTERNATIVE = re.compile(
    r"\s+or\s+(?:maybe\s+|perhaps\s+|even\s+|possibly\s+)?(?:tens\s+of\s+|hundreds\s+of\s+)?"
    r"(?:thousands|millions|billions|trillions)\b",
    re.IGNORECASE,
)
# The second of two percentages joined by a hyphen: "By 58%-33%, those surveyed said …".
PAIRED = re.compile(rf"\s*[-–]\s*(?P<number>{DIGITS})\s*(?:%|per\s?cent\b)", re.IGNORECASE)
# None at all, as a count of zero: "Not one U.S. airport is in the top 10".
NOT_ONE = re.compile(
    r"\b(?:not|nor)\s+one\b(?!\s*[,.;:!?)”\"’]|\s+(?:of\s+(?:us|you|them)|bit|thing|way|time|day)\b)",
    re.IGNORECASE,
)
# A range said with a comma, the unit only after the second number: "being 3, 4 percent".
SPOKEN_RANGE = re.compile(rf",\s*(?P<upper>{DIGITS})\s*(?:%|per\s?cent\b)", re.IGNORECASE)
# A loose sum without "of", as the object of a verb of money: "expected to spend millions on TV ads".
BARE_SUM = re.compile(
    r"\b(?:spend|spends|spent|spending|raise|raises|raised|raising|cost|costs|costing|pay|pays|paid|paying"
    r"|donate|donates|donated|invest|invests|invested|lose|loses|lost|earn|earns|earned|owe|owes|owed"
    r"|accept|accepts|accepted|accepting|receive|receives|received|receiving|collect|collects|collected"
    r"|collecting)\s+(?P<vague>tens\s+of\s+millions|hundreds\s+of\s+millions|hundreds\s+of\s+thousands|millions|billions"
    r"|trillions|thousands)\b(?!\s+of\b)",
    re.IGNORECASE,
)

# A loose count without "of", after a noun or a conjunction: "crowds of hundreds", "a staff of dozens", "Dozens of
# courses here, and hundreds around the country".
BARE_LOOSE = re.compile(
    r"\b(?:of|and|or|to|by|drew|draws|draw|drawing|attract|attracts|attracted|attracting|[a-z]{3,}ing|[a-z]{3,}ed)\s+(?P<vague>tens\s+of\s+thousands|hundreds\s+of\s+thousands|tens\s+of\s+millions"
    r"|hundreds\s+of\s+millions|dozens|hundreds|thousands|millions)\b(?!\s+of\b|\s*-)",
    re.IGNORECASE,
)

# A vote's score: "The council voted 6-1", "By 2-1, voters said …": both figures, not a range.
SCORE = re.compile(
    r"\b(?:voted|votes|vote\s+of|by)\s+(?P<first>\d{1,3})\s*[-–]\s*(?P<second>\d{1,3})\b(?!\s*(?:%|per\s?cent)|[-–.,]\d)",
    re.IGNORECASE,
)


# A game's score after the winner beat the loser: "Alabama beat undefeated Clemson 45-40": both figures.
GAME_SCORE = re.compile(
    r"\b(?:beat|beats|defeated|defeats|edged|edges|topped|tops|routed|routs|downed|downs)\s+(?:[\w.’'-]+\s+){1,4}?"
    r"(?P<first>\d{1,3})\s*[-–]\s*(?P<second>\d{1,3})\b(?![-–.,]\d|\s*(?:%|per\s?cent))",
    re.IGNORECASE,
)
POINTS = re.compile(r"\s*(?:percentage\s+)?points?\b", re.IGNORECASE)
# Cents as the dollars they are: "as little as 50 cents" is $0.50.
CENTS = re.compile(r"\s*(?:cents?|¢)(?!\w)", re.IGNORECASE)


def find_numbers(text: str) -> list[NumberExpression]:
    """Every count in `text`, with its comparator and value; what is not a count is left out."""
    found = []
    position = 0
    while match := EXPRESSION.search(text, position):
        expression = _read(match)
        pair = None
        if expression is None and (simple := SIMPLE.match(text, match.start())):
            # A range or ratio that does not hold ("61 percent to 30 percent"): its first number alone,
            # and of two percentages joined by a hyphen ("by 58%-33%"), the second too.
            if match.group("upper") and (match.group("percent") or match.group("upper_percent")):
                pair = PAIRED.match(text, simple.end())
            match, expression = simple, _read(simple)
        position = max(match.end(), position + 1)
        if expression is None or not _is_count(text, match):
            continue
        if spoken := _spoken_range(text, expression):
            expression, position = spoken, spoken.end
        found.append(expression)
        if alternative := ALTERNATIVE.match(text, match.end()):
            position = max(
                position, alternative.end()
            )  # "hundreds of thousands or maybe millions": one count
        if pair and expression.unit == "%" and (second := _value(pair.group("number"))) is not None:
            start = pair.start("number")
            found.append(
                NumberExpression(
                    start, pair.end(), text[start : pair.end()], Comparator.EXACT, second, None, "%"
                )
            )
            position = max(position, pair.end())
    for score in SCORE.finditer(text):
        start = score.start("second")
        if int(score.group("second")) < int(score.group("first")) and not any(
            number.start <= start < number.end for number in found
        ):
            found.append(
                NumberExpression(
                    start,
                    score.end(),
                    score.group("second"),
                    Comparator.EXACT,
                    Decimal(score.group("second")),
                )
            )
    for score in GAME_SCORE.finditer(text):
        if int(score.group("second")) <= int(score.group("first")):
            found = [number for number in found if not score.start("first") <= number.start < score.end()]
            for name in ("first", "second"):
                found.append(
                    NumberExpression(
                        score.start(name),
                        score.end(name),
                        score.group(name),
                        Comparator.EXACT,
                        Decimal(score.group(name)),
                    )
                )
    for zero in NOT_ONE.finditer(text):
        found = [number for number in found if not zero.start() <= number.start < zero.end()]
        found.append(NumberExpression(zero.start(), zero.end(), zero.group(), Comparator.EXACT, Decimal(0)))
    for sum_match in [*BARE_SUM.finditer(text), *BARE_LOOSE.finditer(text)]:
        start = sum_match.start("vague")
        if not any(number.start <= start < number.end for number in found):
            _, value = VAGUE[" ".join(sum_match.group("vague").lower().split()) + " of"]
            found.append(
                NumberExpression(start, sum_match.end(), sum_match.group("vague"), Comparator.AT_LEAST, value)
            )
    return sorted(found, key=lambda number: number.start)


def _spoken_range(text: str, expression: NumberExpression) -> NumberExpression | None:
    """ "3, 4 percent": a range of percentages when the second is a little above the first."""
    if expression.unit or expression.comparator != Comparator.EXACT:
        return None
    match = SPOKEN_RANGE.match(text, expression.end)
    upper = _value(match.group("upper")) if match else None
    if upper is None or not expression.value < upper <= 2 * expression.value + 1:
        return None
    return NumberExpression(
        expression.start,
        match.end(),
        text[expression.start : match.end()],
        Comparator.RANGE,
        expression.value,
        upper,
        "%",
    )


def _read(match: re.Match) -> NumberExpression | None:
    groups = dict.fromkeys(GROUPS) | match.groupdict()
    comparator = MODIFIERS.get((groups["modifier"] or "").lower(), Comparator.EXACT)
    upper = None
    unit = ""
    if groups["low"]:
        value, upper = _value(groups["low"]), _value(groups["high"])
        comparator = Comparator.RANGE
        if _year_like(groups["low"]) and _year_like(groups["high"]):
            return None  # "between 2015 and 2019": a span of years
        if groups["low_currency"]:
            unit = CURRENCIES[groups["low_currency"]]  # "between $1,001 and $5,000"
    elif groups["from"]:
        value, upper = _value(groups["from"]), _value(groups["to"])
        comparator = Comparator.RANGE
        if _year_like(groups["from"]) and _year_like(groups["to"]):
            return None  # "From 2000 to 2013": a span of years
    elif groups["vague"]:
        vague_comparator, value = VAGUE[" ".join(groups["vague"].lower().split())]
        if written := CURRENCY_AFTER.match(match.string, match.end()):
            unit = CURRENCY_WORDS[written.group(1).lower()]
        if comparator == Comparator.EXACT:
            comparator = vague_comparator
    elif groups["fraction"]:
        value, unit = FRACTIONS[" ".join(groups["fraction"].lower().split())], "%"
        if of_percent := OF_A_PERCENT.match(match.string, match.end()):
            return NumberExpression(
                match.start(),
                of_percent.end(),
                match.string[match.start() : of_percent.end()],
                comparator,
                plain(value / 100),
                None,
                "%",
            )
    elif groups["part"]:
        part, whole = _value(groups["part"]), _value(groups["whole"])
        if part is None or whole is None or not part < whole <= 1000 or _year_like(groups["whole"]):
            return None
        value, unit = plain((100 * part / whole).quantize(Decimal("0.01"))), "%"
    elif groups["fold"]:
        value, unit = _value(groups["fold"]), "times"
    else:
        value = _value(groups["number"])
        if value is not None and groups["scale"]:
            value *= SCALES[groups["scale"].lower()]
        if groups["percent"] or groups["upper_percent"]:
            unit = "%"
        if groups["currency"]:
            unit = CURRENCIES[groups["currency"]]
        elif (
            value is not None
            and not groups["scale"]
            and not groups["upper"]
            and CENTS.match(match.string, match.end())
        ):
            value, unit = plain(value / 100), "USD"  # "50 cents"
        elif written := CURRENCY_AFTER.match(match.string, match.end()):
            unit = CURRENCY_WORDS[written.group(1).lower()]  # "5 million dollars"
        if groups["upper"]:
            upper = _value(groups["upper"])
            if upper is not None and groups["upper_scale"]:
                upper *= SCALES[groups["upper_scale"].lower()]  # "$20 million to $30 million"
                if not groups["scale"]:
                    value *= SCALES[groups["upper_scale"].lower()]  # "4 to 5 million": both in millions
            if upper is None or value is None or upper <= value:
                return None
            comparator = Comparator.RANGE
    if value is None or (upper is not None and upper < value):
        return None
    if groups["trailing"]:
        comparator = TRAILING[groups["trailing"].lower()]
    # A measure, not a count of things, has no next whole number: "more than 5 percentage points" is 5 and up.
    measure = bool(unit) or bool(POINTS.match(match.string, match.end()))
    if comparator == MORE:
        comparator, value = Comparator.AT_LEAST, value + 1 if _whole(value) and not measure else value
    elif comparator == LESS:
        comparator, value = Comparator.AT_MOST, value - 1 if _whole(value) and not measure else value
    if comparator != Comparator.RANGE:
        upper = None
    return NumberExpression(match.start(), match.end(), match.group(), comparator, value, upper, unit)


def _value(written: str | None) -> Decimal | None:
    if not written:
        return None
    written = written.strip()
    if written[0].isdigit():
        try:
            return Decimal(written.replace(",", ""))
        except InvalidOperation:
            return None
    try:
        return Decimal(text2num(written.lower().replace("-", " ").replace(" and ", " "), "en"))
    except ValueError:
        return None


def plain(value: Decimal) -> Decimal:
    """20.00 → 20, 33.30 → 33.3, without the exponent Decimal.normalize() gives round numbers (2E+1)."""
    return value.quantize(Decimal(1)) if _whole(value) else value.normalize()


def _whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def _year_like(number: str) -> bool:
    return number.isdigit() and len(number) == 4 and 1000 <= int(number) <= 2199


def _is_count(text: str, match: re.Match) -> bool:
    before, after = text[: match.start()], text[match.end() :]
    groups = dict.fromkeys(GROUPS) | match.groupdict()
    number = groups["number"] or ""
    if NOT_A_COUNT_AFTER.match(after):
        return False
    if (not_before := NOT_A_COUNT_BEFORE.search(before)) and not (
        groups["percent"] and not_before.group().strip().lower() == "no"
    ):
        return False  # "No. 5", "page 3"; but a chart's "No    58%" is a share
    if _in_markup(before) or (number.isdigit() and len(number) > 9):
        return False  # <tweet tweet-id="669350861383049216">: an identifier, not a quantity
    words_before = before.rstrip().rsplit(None, 1)
    word_before = words_before[-1].lower().strip(",.([") if words_before else ""
    word_after = after.split(None, 1)[0].lower().strip(",.;:") if after.strip() else ""
    # A month glued to the word before it, as scraped page furniture loses spaces: "FeaturedFebruary 6".
    glued = re.search(r"[a-z]([A-Z][a-z]+)\.?$", words_before[-1]) if words_before else None
    if (
        word_before in MONTHS or word_after in MONTHS or (glued and glued.group(1).lower() in MONTHS)
    ) and not (groups["percent"] and words_before and words_before[-1].endswith(",")):
        return (
            False  # December 10, 10 December, (Jan. 21-26); not "than in December, 64 percent to 56 percent"
        )
    # A year, unless it counts something: "2000 soldiers"; not after a determiner: "the 2016 candidates".
    if (
        _year_like(number)
        and not groups["percent"]
        and not groups["currency"]
        and (
            not (plural := re.match(r"^\s+([a-z]+s)\b", after))
            or plural.group(1) in NOT_PLURAL
            or re.match(rf"^\s+{TIME_UNITS}", after)
            or YEAR_DETERMINER.search(before)
        )
    ):
        return False
    if _in_name(before, match):
        return False
    if (
        re.search(r"\bturn(?:s|ed|ing)?\s+$", before, re.IGNORECASE)
        and _value(number) is not None
        and _value(number) < 120
        and not groups["percent"]
        and not groups["currency"]
        and not groups["scale"]
        and not re.match(r"^[\s-]+[a-z]+s\b", after)
    ):
        return False  # "when they turned 18": an age
    if (
        number.isdigit()
        and int(number) < 120
        and AGE_APPOSITION.search(before)
        and re.match(r"^\s*[,)]", after)
    ):
        return False  # "said Sue Grey, 62, who …": an age
    if number.isdigit() and (
        (re.match(r"^\)", after) and before.rfind("(") <= before.rfind(")")) or STREET.match(after)
    ):
        return False  # a list item's marker or a street number: a label, not a quantity
    if (groups["fraction"] or "").lower() in (
        "a third",
        "a quarter",
        "a fifth",
        "a tenth",
    ) and ORDINAL_FRACTION.match(after):
        return False  # "a third party", "a quarter century"
    if groups["currency"] and (groups["trailing"] or "").lower() in ("or less", "or more"):
        return False  # "donors giving $200 or less", "incomes of $250,000 or more": whom it applies to
    if (groups["fraction"] or "").lower() == "half" and not groups["modifier"] and HALF_ADVERB.match(after):
        return False  # "half joking", "half expected": a manner, not a share
    if groups["currency"] and DENOMINATION.match(after):
        return False  # a $100 bill
    if groups["percent"] and _value(number) == 100 and INTENSIFIED.match(after):
        return False  # "100 percent accurate"
    if groups["fraction"] and (
        re.search(rf"\b{TIME_UNITS}\s+and\s+$", before, re.IGNORECASE)  # "a month and a half": a duration
        or FRACTION_AS_NOUN.search(before)
        or re.match(rf"^\s+an?\s+{TIME_UNITS}", after)
    ):
        return False  # "the Republican half of the team", "half an hour"
    if (
        (match.group("modifier") or "").lower() in ("under", "over")
        and number.isdigit()
        and int(number) < 120
        and not groups["percent"]
        and not groups["currency"]
        and not groups["scale"]
        and AGED_GROUP.search(before)
        and not re.match(r"^\s+[a-z]+s\b", after)
    ):
        return False  # "voters under 35", "Americans over 65": an age that defines whom a figure is about
    if number.lower() == "two" and re.search(r"\ban?\s+[a-z]+\s+or\s+$", before, re.IGNORECASE):
        return False  # "a stumble or two", "a day or two": a loose few, not a count
    if _year_like(number) and re.search(r"\b[12]\d{3}\s*(?:,|and|or|-|–)\s*$", before):
        return False  # "the 2008 and 2012 cycles": the second of two years
    if _year_like(number) and not groups["percent"] and not groups["currency"] and YEAR_BEFORE.search(before):
        return False  # "The end of 2015 leaves …", "the big-money 2016 players": a year, not a count
    pronoun = ONE_PRONOUN_BEFORE.search(before) or ONE_PRONOUN_AFTER.match(after)
    # "one" as a pronoun, also after a preposition that reads like a modifier: "about one of the world's …".
    modifier = (match.group("modifier") or "").lower()
    return not (
        number.lower() == "one" and modifier in ("", "about", "around", "over", "under", "some") and pronoun
    )


def _in_markup(before: str) -> bool:
    return before.rfind("<") > before.rfind(">")


def _in_name(before: str, match: re.Match) -> bool:
    """Whether the number is part of a name: "Future 45", "Perceptions 301", "the Gang of Eight"."""
    written = match.group()
    if not before.strip() or re.search(r"[.!?:;“\"‘(\[]\s*$", before):
        return False  # the start of a sentence, a quotation or a heading
    if written[0].isupper() and written[0].isalpha():
        return True  # a spelled number capitalised mid-sentence
    if re.search(r"\b(?:Poll|Survey|Study|Sample)\s+of\s+$", before):
        return False  # "the Herald Poll of 1,033 adults": how many it asked
    if written[0].isdigit() and re.search(r"(?:\S\s+|[“\"‘])(?:[A-Z][a-z]+\s+of|[A-Z]{2,5})\s+$", before):
        return not re.match(r"^[\d,.]+\s*(?:%|per\s?cent)", written)  # "the Group of 20", "affiliate ABC 7"
    previous = re.search(r"([A-Z][a-z]+)\s+$", before)
    return bool(
        previous
        and written[0].isdigit()
        and previous.group(1).lower() not in MONTHS | WEEKDAYS
        and re.search(r"(?:\S\s+|[“\"‘])[A-Z][a-z]+\s+$", before)  # not the sentence's first word
        and not re.match(r"^[\d,.]+\s*(?:%|per\s?cent)", written)
        and not POINTS.match(match.string, match.end())  # "put Grey 3 points over Bell": a margin
    )
