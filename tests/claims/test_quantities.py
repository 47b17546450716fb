from datetime import date
from decimal import Decimal

import pytest

from claims.quantities import Comparator, describe, interval, periods_overlap


def test_almost_forty_overlaps_thirty_eight():
    assert interval(Comparator.APPROXIMATELY, Decimal(40)).overlaps(interval(Comparator.EXACT, Decimal(38)))


def test_at_least_two_overlaps_five():
    assert interval(Comparator.AT_LEAST, Decimal(2)).overlaps(interval(Comparator.EXACT, Decimal(5)))


def test_exact_one_and_exact_two_do_not_overlap():
    assert not interval(Comparator.EXACT, Decimal(1)).overlaps(interval(Comparator.EXACT, Decimal(2)))


def test_at_most_three_does_not_overlap_a_range_from_five():
    at_most = interval(Comparator.AT_MOST, Decimal(3))

    assert not at_most.overlaps(interval(Comparator.RANGE, Decimal(5), Decimal(8)))
    assert at_most.overlaps(interval(Comparator.RANGE, Decimal(3), Decimal(8)))


def test_approximately_two_excludes_one_and_three():
    about_two = interval(Comparator.APPROXIMATELY, Decimal(2))

    assert not about_two.overlaps(interval(Comparator.EXACT, Decimal(1)))
    assert not about_two.overlaps(interval(Comparator.EXACT, Decimal(3)))


def test_a_range_needs_an_upper_bound():
    with pytest.raises(ValueError):
        interval(Comparator.RANGE, Decimal(5))


def test_quantities_read_as_words():
    assert describe(Comparator.AT_LEAST, Decimal("2.0000"), None, "officers") == "at least 2 officers"
    assert describe(Comparator.RANGE, Decimal(5), Decimal(8), "") == "between 5 and 8"
    assert describe(Comparator.EXACT, Decimal(17), None, "") == "17"
    assert describe("", None, None, "officers") == ""


def test_periods_overlap_only_when_they_share_a_day():
    year_2021 = (date(2021, 1, 1), date(2021, 12, 31))
    year_2009 = (date(2009, 1, 1), date(2009, 12, 31))
    december_2021 = (date(2021, 12, 1), date(2021, 12, 31))

    assert not periods_overlap(year_2021, year_2009)
    assert periods_overlap(year_2021, december_2021)
    assert periods_overlap((None, None), year_2009)
