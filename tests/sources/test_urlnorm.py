import pytest
from django.core.exceptions import ValidationError

from sources.urlnorm import normalize_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://nltimes.nl/a", "https://nltimes.nl/a"),
        ("HTTPS://NLTimes.NL/Path", "https://nltimes.nl/Path"),
        ("http://example.org:80/x", "http://example.org/x"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/x#section", "https://example.org/x"),
        ("https://example.org/x?utm_source=tw&utm_medium=s&fbclid=1&page=2", "https://example.org/x?page=2"),
        ("  https://example.org/x  ", "https://example.org/x"),
    ],
)
def test_normalised_spelling(given, expected):
    assert normalize_url(given) == expected


@pytest.mark.parametrize("given", ["not a url", "ftp://example.org/file", "https://", "javascript:alert(1)"])
def test_malformed_urls_are_refused(given):
    with pytest.raises(ValidationError):
        normalize_url(given)


def test_credentials_in_urls_are_refused():
    with pytest.raises(ValidationError):
        normalize_url("https://user:secret@example.org/")


def test_a_parameter_without_a_value_keeps_its_spelling():
    assert (
        normalize_url("https://example.org/watch?v=1&type=3&theater")
        == "https://example.org/watch?v=1&type=3&theater"
    )


def test_tracking_parameters_still_go_when_others_have_no_value():
    assert (
        normalize_url("https://example.org/a?theater&utm_source=x&fbclid=1")
        == "https://example.org/a?theater"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ('https://example.org/a"b', "https://example.org/a%22b"),
        ("https://example.org/<script>?q=<x>", "https://example.org/%3Cscript%3E?q=%3Cx%3E"),
        ("https://example.org/a b`{|}^\\c", "https://example.org/a%20b%60%7B%7C%7D%5E%5Cc"),
    ],
)
def test_characters_a_uri_cannot_hold_are_percent_encoded(url, expected):
    assert normalize_url(url) == expected
