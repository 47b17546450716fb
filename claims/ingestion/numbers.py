"""Numbers as news copy writes them, read into the values a Quote asserts.

"Seventeen" → exactly 17, "almost 40" → approximately 40, "at least two" → at
least 2, "more than 100" → at least 101, "between 5 and 8" → a range, "about
half" → approximately 50 %, "only one" → exactly 1. Spelled-out numbers are
read by text2num. What is not a count is left out: years ("in 2018"), dates
("December 10"), ages ("52-year-old"), durations ("two years ago", which is a
time, not a number of things), times of day, "one of them", "both".
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
SCALE = r"(?:\s*(?P<scale>million|billion|thousand|bn|m|k)\b)?"
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
}
# Loose quantities: (words, comparator, value).
VAGUE = {
    "a dozen": (Comparator.APPROXIMATELY, Decimal(12)),
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

EXPRESSION = re.compile(
    rf"(?<![\w#$€£/.,:-])(?:(?P<modifier>{_MODIFIER})\s+)?"
    rf"(?:between\s+(?P<low>{_NUMBER})\s+and\s+(?P<high>{_NUMBER})"
    rf"|from\s+(?P<from>{_NUMBER})\s+to\s+(?P<to>{_NUMBER})"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<fraction>{_FRACTION})"
    rf"|(?P<currency>[$€£])?(?P<number>{_NUMBER}){SCALE}{PERCENT}"
    rf"(?:\s*(?:-|–|to)\s*(?P<upper>{DIGITS})(?![\w.,]\d))?)"
    rf"(?:\s*(?P<trailing>{_TRAILING}))?(?![\w/]|[.,]\d)",
    re.IGNORECASE,
)
SCALES = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000, "billion": 10**9, "bn": 10**9}
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}

MONTHS = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
TIME_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centur(?:y|ies))"
NOT_A_COUNT_AFTER = re.compile(
    rf"^(?:[\s-]+(?:{TIME_UNITS})\b"  # two years ago, 17 months, a 10-day visit
    r"|-year|-month|\s+years?\s+old|:\d|\s*[ap]\.?m\.?\b|\s*o'clock|(?:st|nd|rd|th)\b"
    r"|\s+of\s+(?:them|us|you|those|these|the\s+(?:most|best|few|first|last))\b)",
    re.IGNORECASE,
)
NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\baged|\bage|\bno\.|\bnumber|\barticle|\bsection|\bchapter|\bparagraph|\bpage|\bresolution|\bflight"
    r"|\broute|\bgate|\broom|\bphase|\bround|\bpart|\bvol\.?|\blevel|\bgrade|\btop|\bthe\s+year|\bno)\s+$",
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


def find_numbers(text: str) -> list[NumberExpression]:
    """Every count in `text`, with its comparator and value; what is not a count is left out."""
    found = []
    for match in EXPRESSION.finditer(text):
        expression = _read(match)
        if expression is None or not _is_count(text, match):
            continue
        found.append(expression)
    return found


def _read(match: re.Match) -> NumberExpression | None:
    groups = match.groupdict()
    comparator = MODIFIERS.get((groups["modifier"] or "").lower(), Comparator.EXACT)
    upper = None
    unit = ""
    if groups["low"]:
        value, upper = _value(groups["low"]), _value(groups["high"])
        comparator = Comparator.RANGE
    elif groups["from"]:
        value, upper = _value(groups["from"]), _value(groups["to"])
        comparator = Comparator.RANGE
    elif groups["vague"]:
        vague_comparator, value = VAGUE[groups["vague"].lower()]
        if comparator == Comparator.EXACT:
            comparator = vague_comparator
    elif groups["fraction"]:
        value, unit = FRACTIONS[groups["fraction"].lower()], "%"
    else:
        value = _value(groups["number"])
        if value is not None and groups["scale"]:
            value *= SCALES[groups["scale"].lower()]
        if groups["percent"]:
            unit = "%"
        if groups["currency"]:
            unit = CURRENCIES[groups["currency"]]
        if groups["upper"]:
            upper = _value(groups["upper"])
            comparator = Comparator.RANGE
    if value is None or (upper is not None and upper < value):
        return None
    if groups["trailing"]:
        comparator = TRAILING[groups["trailing"].lower()]
    if comparator == MORE:
        comparator, value = Comparator.AT_LEAST, value + 1 if _whole(value) and not unit else value
    elif comparator == LESS:
        comparator, value = Comparator.AT_MOST, value - 1 if _whole(value) and not unit else value
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


def _whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def _is_count(text: str, match: re.Match) -> bool:
    before, after = text[: match.start()], text[match.end() :]
    number = match.group("number") or ""
    if NOT_A_COUNT_AFTER.match(after) or NOT_A_COUNT_BEFORE.search(before):
        return False
    words_before = before.rstrip().rsplit(None, 1)
    word_before = words_before[-1].lower().strip(",.") if words_before else ""
    word_after = after.split(None, 1)[0].lower().strip(",.;:") if after.strip() else ""
    if word_before in MONTHS or word_after in MONTHS:
        return False  # December 10, 10 December
    year_like = (
        number.isdigit() and len(number) == 4 and 1000 <= int(number) <= 2199 and not match.group("percent")
    )
    # A year, unless it counts something: "2000 soldiers".
    if year_like and (not re.match(r"^\s+[a-z]+s\b", after) or re.match(rf"^\s+{TIME_UNITS}", after)):
        return False
    pronoun = ONE_PRONOUN_BEFORE.search(before) or ONE_PRONOUN_AFTER.match(after)
    return not (number.lower() == "one" and not match.group("modifier") and pronoun)
