"""Numeric accounts as intervals, so that loose wording can be compared.

"almost 40" and 38 can both be true; exact 1 and exact 2 cannot. Each
account becomes the closed interval of values it allows, and two accounts
agree when their intervals overlap.
"""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models

from claims.plurals import agree, is_one

# "approximately 40" allows 36 to 44: wide enough for "almost", "about", "nearly".
APPROXIMATION = Decimal("0.10")


class Comparator(models.TextChoices):
    EXACT = "exact", "exactly"
    APPROXIMATELY = "approximately", "approximately"
    AT_LEAST = "at_least", "at least"
    AT_MOST = "at_most", "at most"
    RANGE = "range", "between"


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: "Interval") -> bool:
        return self.low <= other.high and other.low <= self.high


def interval(comparator: str, value: Decimal, upper: Decimal | None = None) -> Interval:
    """The values an account allows: exact 2 → [2, 2], at least 2 → [2, ∞)."""
    value = Decimal(value)
    match comparator:
        case Comparator.EXACT:
            return Interval(float(value), float(value))
        case Comparator.APPROXIMATELY:
            margin = abs(value) * APPROXIMATION
            return Interval(float(value - margin), float(value + margin))
        case Comparator.AT_LEAST:
            return Interval(float(value), math.inf)
        case Comparator.AT_MOST:
            return Interval(-math.inf, float(value))
        case Comparator.RANGE:
            if upper is None:
                raise ValueError("A range needs an upper bound.")
            return Interval(float(value), float(upper))
    raise ValueError(f"Unknown comparator {comparator!r}.")


def describe(comparator: str, value: Decimal | None, upper: Decimal | None, unit: str = "") -> str:
    """A quantity as a person would write it: "at least 2 officers", "between 5 and 8", "1 officer"."""
    if value is None or not comparator:
        return ""
    number = f"{value.normalize():f}"
    if comparator == Comparator.RANGE and upper is not None:
        text = f"between {number} and {upper.normalize():f}"
    elif comparator == Comparator.EXACT:
        text = number
    else:
        text = f"{Comparator(comparator).label} {number}"
    one = comparator != Comparator.RANGE and is_one(value)
    return f"{text} {agree(unit, one=one)}".strip()


def periods_overlap(first: tuple[date | None, date | None], second: tuple[date | None, date | None]) -> bool:
    """Whether two periods can be the same time; an unknown period overlaps everything."""
    (first_start, first_end), (second_start, second_end) = first, second
    if first_start is None or second_start is None:
        return True
    return first_start <= (second_end or second_start) and second_start <= (first_end or first_start)
