"""Page furniture (bylines, captions, "Read more" and "NEXT" blocks) is captured but not read as the article."""

import pytest

from sources.attribution import detect_attributions
from sources.furniture import furniture_lines, headline_line
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


def test_a_photo_gallery_after_a_quoted_related_label_is_furniture():
    lines = [
        "Grey Wins Harbour Vote After Long Night",  # 0 the text's headline: read, but known as the headline
        "The council voted 7 to 2 for the bridge on Monday, the Veltra Courier reported.",  # 1
        '"Related:"',  # 2 a label in quotes
        "Mayor Grey Put On The Defensive Over Harbour Policy.",  # 3 a headline, though it ends with a period
        "Council Members Clash Over The Cost Of The Bridge To Nowhere Again.",  # 4
        "See photos from the vote below:",  # 5
        "The Faces of the Harbour Protest.",  # 6
        "1.",  # 7 a slide counter on three lines
        "of.",  # 8
        "8.",  # 9
        "Name: Ann Grey Age: 41City: PortsbyJob: WelderPay: $15 per hour",  # 10 a caption card
    ]

    assert furniture_lines(lines) == {2, 3, 4, 5, 6, 7, 8, 9, 10}
    assert headline_line(lines) == 0
    assert (
        headline_line(["", "Russians expelled from NL were spying on high-tech sector: report", "Text."])
        is None
    )


def test_a_run_of_headlines_is_furniture_and_a_single_title_case_sentence_in_the_text_is_not():
    lines = [
        "The council voted for the bridge on Monday, officials said.",
        "Grey Wins Harbour Vote",
        "Bell Concedes In Portsby",
        "Police Arrest 30 At Harbour Protest",
        "The mayor said the Veltra Harbour Authority would pay.",
        "Veltra Harbour Authority Says It Will Pay",
        "Officials said the work would start in March.",
    ]

    assert furniture_lines(lines) == {1, 2, 3}


def test_a_sentence_case_headline_on_its_own_line_is_the_headline():
    lines = [
        "Port of Ostend closes two quays",
        "",
        "The port closed two of its six quays.",
        "",
        "Ships waited.",
    ]
    assert headline_line(lines) == 0
    lede = ["The port closed two of its six quays on Monday after a storm, a spokesman said.", "", "More."]
    assert headline_line(lede) is None  # a lede, not a headline: its numbers are read
    assert headline_line(["Two ships sank on Monday.", "", "Both crews were saved.", "", "More."]) is None


def test_sign_up_invitations_and_counted_labels_are_furniture():
    lines = [
        "The port closed two of its six quays on Monday.",
        "Sign up for our newsletter to get 5 stories every morning.",
        "Comments (12)",
        "Ships waited outside the harbour for most of the night, the port authority said.",
    ]
    assert furniture_lines(lines) == {1, 2}
