from sources.anchoring import find_quote

ARTICLE = (
    "The top priority was to expel Sergey Pyatnitskiy, the broadcaster’s intelligence sources said.\n"
    "Hoekstra stated, “The Netherlands has taken this decision because of the threat to national security.”\n"
    "Six spies worked there. Later, six spies worked elsewhere."
)


def test_exact_words_are_found_with_offsets_and_context():
    anchor = find_quote(ARTICLE, "expel Sergey Pyatnitskiy")

    assert ARTICLE[anchor.start : anchor.end] == "expel Sergey Pyatnitskiy"
    assert anchor.prefix.endswith("The top priority was to ")
    assert anchor.suffix.startswith(", the broadcaster")


def test_whitespace_differences_are_tolerated():
    anchor = find_quote(ARTICLE, "intelligence   sources said.\n   Hoekstra  stated")

    assert anchor.exact == "intelligence sources said.\nHoekstra stated"


def test_straight_quote_marks_match_curly_ones():
    anchor = find_quote(ARTICLE, "the broadcaster's intelligence sources")

    assert anchor.exact == "the broadcaster’s intelligence sources"


def test_double_quote_marks_match_curly_ones():
    anchor = find_quote(ARTICLE, '"The Netherlands has taken this decision')

    assert anchor.exact == "“The Netherlands has taken this decision"


def test_different_case_is_not_found():
    assert find_quote(ARTICLE, "expel sergey pyatnitskiy") is None


def test_other_words_are_not_found():
    assert find_quote(ARTICLE, "expel Sergei Pyatnitsky") is None


def test_empty_words_or_text_are_not_found():
    assert find_quote(ARTICLE, "   ") is None
    assert find_quote("", "Six spies") is None


def test_prefix_picks_the_right_repeat():
    anchor = find_quote(ARTICLE, "six spies worked", prefix="Later,")

    assert ARTICLE[anchor.start - 7 : anchor.start] == "Later, "


def test_offset_hint_picks_the_nearest_repeat():
    later = ARTICLE.index("six spies worked elsewhere")
    first = ARTICLE.index("Six spies")

    assert find_quote(ARTICLE, "spies worked", hint=later).start == later + 4
    assert find_quote(ARTICLE, "spies worked", hint=first).start == first + 4
