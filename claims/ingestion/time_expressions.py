"""When a statement says its fact happened, resolved against the article's publication date.

"at the end of March" in an article of April 2022 is 21–31 March 2022, "two
years ago" is the year 2020, "in 2018" is 2018, "on December 10" the tenth of
the December before publication. dateparser reads the date itself and tells
its granularity (day, week, month, year); this module finds the expressions in
the text and turns each into a period with the words as written.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBER = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)"
PART = r"(?P<{}>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of|(?:the\s+)?(?:first|second)\s+half\s+of)"
YEAR = r"(?:1[89]\d\d|2[01]\d\d)"

EXPRESSIONS = [
    # 10 December 2020, December 10, 2020, December 10
    rf"(?P<day>(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{YEAR})?)|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?))",
    # (the end of) March (2022)
    rf"(?:{PART.format('month_part')}[\s-]+)?(?P<month>{MONTH}(?:\s+{YEAR})?)(?![\w-])",
    # (early) 2018
    rf"(?:{PART.format('year_part')}[\s-]+)?(?P<year>{YEAR})(?!\d|,\d|s\b)",
    rf"(?P<ago>{NUMBER}\s+(?:days?|weeks?|months?|years?)\s+ago)",
    r"(?P<relative>(?:last|this|next)\s+(?:week|month|year)|yesterday|today)",
    rf"(?P<weekday>(?:last\s+)?{WEEKDAY})",
]
FINDER = re.compile(r"\b(?:" + "|".join(EXPRESSIONS) + r")\b", re.IGNORECASE)
# Only a capitalised month is one: "may" is usually a verb.
LOWERCASE_MONTH = re.compile(r"^(?:may|march)\b")
AROUND_PUBLICATION = timedelta(days=31)
GUESS_LABEL = "(when reported)"
MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str
    reported_on: date | None = None  # set when the period is only a guess around a report's date

    @classmethod
    def stored(cls, start: date, end: date, label: str) -> "Period":
        """A period as saved in time fields, knowing a guess around a report by its label."""
        reported_on = start + AROUND_PUBLICATION if label.endswith(GUESS_LABEL) else None
        return cls(start, end, label, reported_on)


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    text: str
    period: Period


def find_times(text: str, *, published_on: date | None) -> list[TimeExpression]:
    """The time expressions in `text` that can be resolved, with their periods."""
    found = []
    for match in FINDER.finditer(text):
        if match.group("month") and LOWERCASE_MONTH.match(match.group("month")):
            continue
        period = _resolve(match, published_on)
        if period is not None:
            found.append(TimeExpression(match.start(), match.end(), match.group(), period))
    return found


def around_publication(published_on: date) -> Period:
    """The default time of a reported event that gives none: the weeks around its report."""
    return Period(
        published_on - AROUND_PUBLICATION,
        published_on + AROUND_PUBLICATION,
        f"around {published_on.day} {published_on:%B %Y} {GUESS_LABEL}",
        reported_on=published_on,
    )


def _resolve(match: re.Match, published_on: date | None) -> Period | None:
    written = " ".join(match.group().split())
    has_year = re.search(YEAR, written) is not None
    if published_on is None and not has_year:
        return None  # relative to a publication date we do not know
    core = next(
        match.group(name)
        for name in ("day", "month", "year", "ago", "relative", "weekday")
        if match.group(name)
    )
    parsed = _parse(" ".join(core.split()), published_on)
    if parsed is None:
        return None
    when, granularity = parsed
    if published_on and not has_year and when > published_on and granularity in ("day", "month"):
        return None  # "December 10" after publication is last year's; dateparser already prefers the past
    start, end = _span(when, granularity)
    part = (match.group("month_part") or match.group("year_part") or "").lower()
    start, end = _narrow(start, end, part)
    return Period(start, end, _label(written, start, end, granularity, has_year, match))


def _parse(written: str, published_on: date | None) -> tuple[date, str] | None:
    """The date `written` names, and how precisely (day, week, month or year)."""
    return _absolute(written) or _relative(written, published_on)


def _absolute(written: str) -> tuple[date, str] | None:
    """A year, a month of a year or a day of one, read without dateparser: most times in news are these."""
    if re.fullmatch(YEAR, written):
        return date(int(written), 1, 1), "year"
    words = written.replace(",", " ").replace(".", " ").split()
    months = [MONTHS.get(word.lower()[:3]) for word in words]
    years = [int(word) for word in words if re.fullmatch(YEAR, word)]
    days = [int(re.sub(r"\D", "", word)) for word in words if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", word)]
    month = next((number for number in months if number), None)
    if not (month and len(years) == 1) or len(words) > 3 + ("of" in words):
        return None
    if not days:
        return date(years[0], month, 1), "month"
    try:
        return date(years[0], month, days[0]), "day"
    except ValueError:
        return None  # 31 June


@lru_cache(maxsize=4096)
def _relative(written: str, published_on: date | None) -> tuple[date, str] | None:
    base = datetime.combine(published_on, datetime.min.time()) if published_on else datetime(2000, 1, 1)
    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True},
    )
    data = parser.get_date_data(written)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _span(when: date, granularity: str) -> tuple[date, date]:
    if granularity == "year":
        return date(when.year, 1, 1), date(when.year, 12, 31)
    if granularity == "month":
        return date(when.year, when.month, 1), date(
            when.year, when.month, calendar.monthrange(when.year, when.month)[1]
        )
    if granularity == "week":
        monday = when - timedelta(days=when.weekday())
        return monday, monday + timedelta(days=6)
    return when, when


def _narrow(start: date, end: date, part: str) -> tuple[date, date]:
    """ "early", "mid", "the end of": a third of the period."""
    if not part or start == end:
        return start, end
    third = (end - start) // 3
    if part in ("early",) or "beginning" in part or "start" in part or "first half" in part:
        return start, start + (third if "half" not in part else (end - start) // 2)
    if part == "mid" or "middle" in part:
        return start + third, end - third
    if "second half" in part:
        return start + (end - start) // 2, end
    return end - third, end  # late, the end of


def _label(written: str, start: date, end: date, granularity: str, has_year: bool, match: re.Match) -> str:
    if has_year:
        return re.sub(r"^(?:in|on|the)\s+", "", written, flags=re.IGNORECASE)
    if match.group("ago") or match.group("relative") or match.group("weekday"):
        if granularity == "year":
            return f"{start.year} ({written})"
        if start == end:
            return f"{start.day} {start:%B %Y} ({written})"
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y} ({written})"
    if granularity == "day":
        return f"{start.day} {start:%B %Y}"
    part = re.sub(r"^the\s+", "", written, flags=re.IGNORECASE)
    return f"{part} {start.year}"
