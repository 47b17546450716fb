"""Numbers as news copy writes them, read into the value a quote asserts."""

from decimal import Decimal

import pytest

from claims.ingestion.numbers import find_numbers
from claims.quantities import Comparator


def read(text: str):
    return [(n.comparator, n.value, n.upper, n.unit) for n in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "comparator", "value"),
    [
        ("Seventeen Russian diplomats", Comparator.EXACT, 17),
        ("Russia expelled fifteen Dutch diplomats", Comparator.EXACT, 15),
        ("Eight of the expelled Russians", Comparator.EXACT, 8),
        ("almost 40 people", Comparator.APPROXIMATELY, 40),
        ("only one Russian", Comparator.EXACT, 1),
        ("at least two others", Comparator.AT_LEAST, 2),
        ("more than 100 officers", Comparator.AT_LEAST, 101),
        ("fewer than 10 spies", Comparator.AT_MOST, 9),
        ("up to 30 people", Comparator.AT_MOST, 30),
        ("some 2,000 soldiers", Comparator.APPROXIMATELY, 2000),
        ("twenty-one people", Comparator.EXACT, 21),
        ("one hundred and five", Comparator.EXACT, 105),
        ("dozens of spies", Comparator.AT_LEAST, 24),
        ("40 or more", Comparator.AT_LEAST, 40),
    ],
)
def test_counts_in_digits_and_words(text, comparator, value):
    assert read(text) == [(comparator, Decimal(value), None, "")]


def test_about_half_is_approximately_fifty_percent():
    assert read("about half the staff") == [(Comparator.APPROXIMATELY, Decimal(50), None, "%")]


def test_ranges_and_percentages_and_money():
    assert read("between 5 and 8 spies") == [(Comparator.RANGE, Decimal(5), Decimal(8), "")]
    assert read("5-8 spies") == [(Comparator.RANGE, Decimal(5), Decimal(8), "")]
    assert read("3.5 percent") == [(Comparator.EXACT, Decimal("3.5"), None, "%")]
    assert read("$5 million") == [(Comparator.EXACT, Decimal(5_000_000), None, "USD")]


@pytest.mark.parametrize(
    "text",
    [
        "In 2018, the",
        "on December 10 that",
        "10 December",
        "52-year-old Sergey",
        "Two years ago, the",
        "a 10-day visit",
        "One of them said",
        "No one knows",
        "at 10:30 am",
        "the 10th time",
        "the 1990s",
        "COVID-19 and the G7",
        "Article 5 applies",
        "#Stoltenberg",
    ],
)
def test_what_is_not_a_count_is_left_out(text):
    assert read(text) == []


def test_offsets_point_at_the_words():
    text = "Officials said at least two others were there."

    (number,) = find_numbers(text)

    assert text[number.start : number.end] == number.text == "at least two"


@pytest.mark.parametrize(
    ("text", "comparator", "value", "upper", "unit"),
    [
        ("one in five voters", Comparator.EXACT, 20, None, "%"),
        ("a two-in-three chance of rain", Comparator.EXACT, "66.67", None, "%"),
        ("a group of four or five people", Comparator.RANGE, 4, 5, ""),
        ("it grew as much as tenfold", Comparator.AT_MOST, 10, None, "times"),
        ("more than a hundred prisoners", Comparator.AT_LEAST, 101, None, ""),
        ("half a million voters", Comparator.EXACT, 500_000, None, ""),
        ("hundreds of thousands of refugees", Comparator.AT_LEAST, 200_000, None, ""),
        ("he paid 3 million dollars", Comparator.EXACT, 3_000_000, None, "USD"),
        ("over half a million dollars", Comparator.AT_LEAST, 500_000, None, "USD"),
    ],
)
def test_ratios_ranges_multiples_and_money_in_words(text, comparator, value, upper, unit):
    expected_upper = Decimal(upper) if upper is not None else None
    assert read(text) == [(comparator, Decimal(value), expected_upper, unit)]


def test_a_range_that_runs_backwards_is_two_numbers():
    assert read("Lee leads Park 58 percent to 31 percent.") == [
        (Comparator.EXACT, Decimal(58), None, "%"),
        (Comparator.EXACT, Decimal(31), None, "%"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a one-mile radius",  # a compound word
        "a two-state solution",
        "in little more than half an hour",
        "the Labour half of the panel",
        "a PAC called Renewal 77 ran ads",  # a name
        "the Group of Seven met",
        "the course “Physics 101” was",
        "part 2 of 4 of the series",
        "a giant $20 bill",
        "I am 100 percent sure",
        "some 30 or 40 years ago",
        '<embed data-id="1289345678901234567"/>',
    ],
)
def test_names_compounds_markup_and_idioms_are_not_counts(text):
    assert read(text) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("By 58%-33%, those surveyed said so.", [58, 33]),
        ('"Not one Veltran airport is in the top 10," she said.', [0]),
        ("It is not one thing or another.", []),
        ("We are trillions of dollars behind.", [2 * 10**12]),
        ("It led to hundreds of thousands or maybe millions of refugees.", [200_000]),
        ("No    58%.", [58]),
        ("The group put the 2016 candidates on alert.", []),
        ("The 2000 soldiers were sent home.", []),
        ("Some 2000 soldiers were sent home.", [2000]),
    ],
)
def test_pairs_zero_loose_sums_chart_lines_and_years_before_nouns(text, values):
    assert [number.value for number in find_numbers(text)] == values


@pytest.mark.parametrize(
    ("text", "value", "upper"),
    [
        ("The bridge will cost about $1.1 trillion.", 1_100_000_000_000, None),
        ("You might spend $20 million to $30 million on a stadium.", 20_000_000, 30_000_000),
        ("Some 4 to 5 million people watched.", 4_000_000, 5_000_000),
        ("She has accepted millions from the industry.", 2_000_000, None),
    ],
)
def test_trillions_ranges_with_their_scale_and_sums_accepted(text, value, upper):
    (number,) = find_numbers(text)

    assert (number.value, number.upper) == (value, upper)


@pytest.mark.parametrize(
    "text",
    [
        "From 2000 to 2013, the port grew.",
        '"I liked it," said Sue Grey, 62, a welder.',
        "The fire began 20 mins later.",
        "Pupils sit tests in grades three through eight.",
    ],
)
def test_spans_of_years_ages_in_apposition_short_time_units_and_grades_are_not_counts(text):
    assert find_numbers(text) == []


# The fifth round's kinds (made-up sentences).
@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Governors in more than two dozen states objected.", [(Comparator.AT_LEAST, 25, None, "")]),
        ("He met a half-dozen donors.", [(Comparator.APPROXIMATELY, 6, None, "")]),
        ("The rally drew crowds of hundreds in small towns.", [(Comparator.AT_LEAST, 200, None, "")]),
        (
            "Dozens of courses here, and hundreds around the country, closed.",
            [
                (Comparator.AT_LEAST, 24, None, ""),
                (Comparator.AT_LEAST, 200, None, ""),
            ],
        ),
        ("They reviewed about 90,000 K-1 visas.", [(Comparator.APPROXIMATELY, 90000, None, "")]),
        (
            "The bank may raise rates by a quarter of a percent.",
            [(Comparator.EXACT, Decimal("0.25"), None, "%")],
        ),
        ("More than a fifth of voters agreed.", [(Comparator.AT_LEAST, 20, None, "%")]),
        ("Three-fourths of the members agreed.", [(Comparator.EXACT, 75, None, "%")]),
        ("He gave between $1,001 and $5,000 to them.", [(Comparator.RANGE, 1001, 5000, "USD")]),
        (
            "The council voted 6-1 for the resolution.",
            [(Comparator.EXACT, 6, None, ""), (Comparator.EXACT, 1, None, "")],
        ),
    ],
)
def test_loose_counts_fractions_ranges_and_scores(text, values):
    assert read(text) == [
        (c, Decimal(v), None if u is None else Decimal(u), unit) for c, v, u, unit in values
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Young people between the ages of 18 and 29 were asked.",
        "He died at 43 after a long illness.",
        "He retired at the age of 43.",
        "Voters under 35 lean left.",
        "He needs a stumble or two by the others.",
        "After the Group of 20 meeting, he left.",
        "The local affiliate ABC 7 reported it.",
        "Enrollment soared between 1990 and 2013.",
        "It was the powerhouse of the 2008 and 2012 cycles.",
        "The resort lies about 45 miles east of the city.",
        "He was not seeking a fifth term.",
    ],
)
def test_ages_idioms_names_years_distances_and_ordinals_are_not_counts(text):
    assert read(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a month glued to the word before it, as scraped page furniture loses spaces; a month after a bracket
        "Kim RaeShareReplyFeaturedMarch 9, 2019 10:12PMA Headline Here",
        "Support rose between the first (Mar. 11-14) and second polls.",
    ],
)
def test_a_date_glued_to_furniture_or_in_brackets_is_not_a_count(text):
    assert read(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The tax was named by roughly four in 10.",
        "The tax was named by roughly four in ten; the rest by few.",
    ],
)
def test_a_share_in_tens_closing_a_clause_is_a_share(text):
    assert read(text) == [(Comparator.APPROXIMATELY, Decimal(40), None, "%")]


def test_odds_said_again_as_a_percentage_are_a_share_and_the_percentage():
    assert read("The chance of drawing all five is 1 in 40, or 2.5 percent.") == [
        (Comparator.EXACT, Decimal(5), None, ""),
        (Comparator.EXACT, Decimal("2.5"), None, "%"),
        (Comparator.EXACT, Decimal("2.5"), None, "%"),
    ]


def test_a_duration_given_loosely_is_not_a_count():
    assert read("It was not long ago, four, maybe five years, that the harbour was busy.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Donors gave to GÃ̃1⁄4len-linked charities.",  # a name garbled by a wrong encoding
        "Most of the voters were 45 or older.",
        "Support was lower among those 65 and older.",
    ],
)
def test_a_garbled_name_and_ages_or_older_are_not_counts(text):
    assert read(text) == []
