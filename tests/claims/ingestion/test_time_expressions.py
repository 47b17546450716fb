"""When a statement's fact happened, resolved against the publication date."""

from datetime import date

import pytest

from claims.ingestion.time_expressions import around_publication, find_times

PUBLISHED = date(2022, 4, 19)


def resolved(text: str, published_on=PUBLISHED):
    return [
        (t.period.start, t.period.end, t.period.label) for t in find_times(text, published_on=published_on)
    ]


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("expelled at the end of March were", date(2022, 3, 21), date(2022, 3, 31), "end of March 2022"),
        ("Two years ago, the Netherlands", date(2020, 1, 1), date(2020, 12, 31), "2020 (Two years ago)"),
        ("In 2018, four Russians", date(2018, 1, 1), date(2018, 12, 31), "2018"),
        ("in March 2022", date(2022, 3, 1), date(2022, 3, 31), "March 2022"),
        ("said on December 10 that", date(2021, 12, 10), date(2021, 12, 10), "10 December 2021"),
        ("on 10 December 2020", date(2020, 12, 10), date(2020, 12, 10), "10 December 2020"),
        ("early 2021", date(2021, 1, 1), date(2021, 5, 2), "early 2021"),
        ("last week", date(2022, 4, 11), date(2022, 4, 17), "11 April – 17 April 2022 (last week)"),
    ],
)
def test_times_in_a_text_become_periods(text, start, end, label):
    assert resolved(text) == [(start, end, label)]


def test_relative_times_need_a_publication_date():
    assert resolved("at the end of March and two years ago", published_on=None) == []
    assert resolved("in 2018", published_on=None) == [(date(2018, 1, 1), date(2018, 12, 31), "2018")]


def test_a_month_spelled_lowercase_is_a_verb():
    assert resolved("the network may have caused damage in march") == []


def test_vague_times_are_not_guessed():
    assert resolved("for years, in recent weeks") == []


def test_an_event_without_a_time_is_placed_around_its_report():
    period = around_publication(date(2020, 12, 10))

    assert (period.start, period.end) == (date(2020, 11, 9), date(2021, 1, 10))
    assert period.label == "around 10 December 2020 (when reported)"
