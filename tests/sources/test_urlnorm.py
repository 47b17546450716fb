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
