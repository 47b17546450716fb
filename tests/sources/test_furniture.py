"""Page furniture (bylines, captions, "Read more" and "NEXT" blocks) is captured but not read as the article."""

import pytest

from sources.attribution import detect_attributions
from sources.furniture import furniture_lines
from sources.sentences import split_sentences

ARTICLE = [
    "By Jane Doe and John Roe, Associated Press",  # 0 byline
    "Seventeen Russian diplomats were expelled, NOS reported.",  # 1
    "Prime Minister Mark Rutte speaks in The Hague. (AP Photo/Peter Dejong)",  # 2 caption
    "Read more: Belgium expels 12 Russians, the ministry said",  # 3 a link
    "By Tuesday, officials said, all of them had left the country.",  # 4 body, though it starts with "By"
    "Related",  # 5 a block of links
    "Germany expels 40 diplomats, Der Spiegel reports",  # 6
    "Poland to expel 45 Russians",  # 7
    "The foreign minister said in a letter to parliament that the services had watched them for years.",  # 8
    "NEXT",  # 9
    "Trump says 3,000 jobs are coming",  # 10
    "Getty.",  # 11
]


def test_bylines_captions_and_blocks_of_links_are_furniture():
    assert furniture_lines(ARTICLE) == {0, 2, 3, 5, 6, 7, 9, 10, 11}


def test_furniture_is_not_read_for_sentences_or_attributions():
    text = "\n".join(ARTICLE)

    sentences = split_sentences(text)
    found = {party.name for party in detect_attributions(text)}

    assert {sentence.paragraph for sentence in sentences} == {1, 4, 8}
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert "NOS" in found
    assert not {"Der Spiegel", "Trump", "Ministry"} & found  # parties of other stories


@pytest.mark.parametrize(
    "line",
    [
        "By the time the votes were counted, Trump had won.",
        "Related to the case, two men were arrested on Monday.",
        "Next year the ministry will expel 12 more, officials said.",
    ],
)
def test_article_sentences_that_look_like_furniture_are_read(line):
    assert furniture_lines([line]) == set()
