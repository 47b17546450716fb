"""A unit agrees with its number: "1 Russian diplomat", "17 Russian diplomats"."""

from decimal import Decimal

import pytest

from claims.plurals import agree, plural, singular
from claims.quantities import Comparator, describe


@pytest.mark.parametrize(
    ("many", "one"),
    [
        ("diplomats", "diplomat"),
        ("Russians", "Russian"),
        ("casualties", "casualty"),
        ("boxes", "box"),
        ("churches", "church"),
        ("classes", "class"),
        ("cases", "case"),
        ("people", "person"),
        ("children", "child"),
        ("Women", "Woman"),
    ],
)
def test_a_noun_turns_singular_and_back(many, one):
    assert singular(many) == one and plural(one) == many


@pytest.mark.parametrize("word", ["percent", "personnel", "%", "km", "EUR", "series", "news", "m2"])
def test_symbols_abbreviations_and_invariant_words_stay_as_they_are(word):
    assert singular(word) == plural(word) == word


def test_a_plural_stays_plural():
    assert plural("officers") == "officers"


def test_only_the_head_noun_changes():
    assert agree("Russian intelligence officers", one=True) == "Russian intelligence officer"
    assert agree("members of parliament", one=True) == "member of parliament"
    assert agree("member of parliament", one=False) == "members of parliament"


@pytest.mark.parametrize(
    ("comparator", "value", "upper", "unit", "shown"),
    [
        (Comparator.EXACT, Decimal("1.0000"), None, "Russian diplomats", "1 Russian diplomat"),
        (Comparator.EXACT, Decimal(17), None, "Russian diplomats", "17 Russian diplomats"),
        (Comparator.EXACT, Decimal(17), None, "Russian diplomat", "17 Russian diplomats"),
        (Comparator.AT_LEAST, Decimal(1), None, "officers", "at least 1 officer"),
        (Comparator.EXACT, Decimal("1.5"), None, "million euros", "1.5 million euros"),
        (Comparator.EXACT, Decimal(0), None, "officers", "0 officers"),
        (Comparator.RANGE, Decimal(1), Decimal(2), "officers", "between 1 and 2 officers"),
        (Comparator.EXACT, Decimal(1), None, "%", "1 %"),
    ],
)
def test_a_quantity_reads_with_its_unit_agreeing(comparator, value, upper, unit, shown):
    assert describe(comparator, value, upper, unit) == shown
