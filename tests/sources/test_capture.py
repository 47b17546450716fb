"""Capturing texts: what is not text is refused with a reason, the same text twice is one capture."""

import pytest
from django.core.exceptions import ValidationError

from sources.capture import CaptureError, capture_source, default_title, read_text
from sources.diff import word_diff
from sources.models import Capture, Source

pytestmark = pytest.mark.django_db

ARTICLE = "Seventeen Russian diplomats were expelled.\nNOS reported that they were spies."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n...", "is a PDF document"),
        (b"PK\x03\x04word/document.xml", "ZIP archive"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"text\x00with\x00nuls", "binary file"),
        (b"", "is empty"),
        (b"   \n\t ", "is empty"),
        (b"caf\xe9", "not valid UTF-8 text: the byte 0xe9 at position 3"),
    ],
)
def test_what_is_not_text_is_refused_with_its_reason(data, reason):
    with pytest.raises(CaptureError, match=reason):
        read_text(data, name="article.txt")


def test_a_fifty_megabyte_text_is_refused_before_it_is_decoded():
    with pytest.raises(CaptureError, match=r"is 52\.4 MB; texts of at most 5\.0 MB"):
        read_text(b"x" * (50 * 1024 * 1024))


def test_other_encodings_are_read_when_named_or_marked():
    assert read_text(b"caf\xe9", encoding="cp1252") == "café"
    assert read_text("café\r\nau lait".encode("utf-16")) == "café\nau lait"
    assert read_text("\ufeffcafé".encode()) == "café"


def test_an_unknown_encoding_is_named_in_the_refusal():
    with pytest.raises(CaptureError, match="'klingon' is not an encoding"):
        read_text(b"text", encoding="klingon")


def test_the_same_text_is_captured_once():
    first = capture_source(text=ARTICLE)
    second = capture_source(text=ARTICLE.replace("\n", "\r\n"))

    assert (first.outcome, second.outcome) == ("created", "unchanged")
    assert second.source == first.source
    assert Capture.objects.count() == 1


def test_a_changed_text_at_a_known_url_is_a_new_capture_of_that_source():
    first = capture_source(text=ARTICLE, url="https://example.org/story?utm_source=x")
    edited = ARTICLE.replace("Seventeen", "Eighteen")

    second = capture_source(text=edited, url="https://EXAMPLE.org/story")

    assert (second.outcome, second.source) == ("recaptured", first.source)
    assert second.previous_text == ARTICLE
    source = Source.objects.get()
    assert source.text == edited
    assert [capture.text for capture in source.captures.all()] == [ARTICLE, edited]
    assert source.previous_capture().text == ARTICLE
    assert Source.objects.edited().get() == source


def test_an_old_copy_without_a_url_does_not_undo_the_newer_capture():
    source = capture_source(text=ARTICLE, url="https://example.org/story").source
    capture_source(text=ARTICLE + " Updated.", url="https://example.org/story")

    again = capture_source(text=ARTICLE)

    assert (again.outcome, again.source) == ("unchanged", source)
    source.refresh_from_db()
    assert source.text == ARTICLE + " Updated."


def test_what_a_later_capture_knows_fills_in_but_never_overwrites():
    source = capture_source(text=ARTICLE, title="As the editor named it").source

    capture_source(text=ARTICLE, title="Another title", published_on=None)
    source.refresh_from_db()

    assert source.title == "As the editor named it"


@pytest.mark.parametrize(
    ("field", "value"),
    [("url", "not a url"), ("language", "english!"), ("kind", "novel"), ("title", "x" * 501)],
)
def test_bad_metadata_is_refused_by_field_and_nothing_is_saved(field, value):
    with pytest.raises(ValidationError) as refused:
        capture_source(text=ARTICLE, **{field: value})

    assert field in refused.value.message_dict
    assert not Source.objects.exists()
    assert not Capture.objects.exists()


def test_a_text_without_a_title_takes_its_first_line():
    assert default_title("\n  Headline here  \nBody.") == "Headline here"
    assert default_title("word " * 100).endswith("…")


def test_the_difference_between_captures_is_marked_word_by_word():
    diff = word_diff("The Netherlands expelled two Russians.", "The Netherlands expelled three Russians.")

    assert diff == "The Netherlands expelled <del>two</del><ins>three</ins> Russians."


def test_the_difference_escapes_the_text():
    assert word_diff("a <b>", "a <i>") == "a <del>&lt;b&gt;</del><ins>&lt;i&gt;</ins>"
