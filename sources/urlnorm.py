"""Normalise source URLs so that one document has one URL.

Two spellings of the same address (upper-case host, default port, a
fragment, tracking parameters) must meet the same unique constraint.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref_src"}
)
DEFAULT_PORTS = {"http": 80, "https": 443}

validate_url = URLValidator(schemes=["http", "https"])


def normalize_url(url: str) -> str:
    """Return the canonical spelling of an http(s) URL, or raise ValidationError."""
    url = url.strip()
    validate_url(url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise ValidationError("Enter a URL with a host name.", code="invalid")
    if ":" in host:
        host = f"[{host}]"
    netloc = host
    if parts.port and parts.port != DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    if parts.username:
        raise ValidationError("Remove the user name and password from the URL.", code="invalid")
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMETERS
        ]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))
