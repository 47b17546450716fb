"""Normalise source URLs so that one document has one URL.

Two spellings of the same address (upper-case host, default port, a
fragment, tracking parameters) must meet the same unique constraint.
"""

from urllib.parse import parse_qsl, quote_plus, unquote_plus, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref_src"}
)
DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters a URI cannot hold (RFC 3986) that people paste anyway; encoded, they can no longer
# close an attribute or a JSON-LD string, and the URL is a valid format: uri.
UNSAFE = {char: f"%{ord(char):02X}" for char in ' "<>\\^`{|}'}

validate_url = URLValidator(schemes=["http", "https"])


def normalize_url(url: str) -> str:
    """Return the canonical spelling of an http(s) URL, or raise ValidationError."""
    url = url.strip().translate(str.maketrans(UNSAFE))
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
    query = "&".join(segment for segment in map(_parameter, parts.query.split("&")) if segment is not None)
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _parameter(segment: str) -> str | None:
    """One query parameter, spelt canonically; None for tracking parameters and empty segments.

    A bare key ("&theater") stays bare: "theater=" may mean something else to the server.
    """
    if not segment:
        return None
    if "=" not in segment:
        key = unquote_plus(segment)
        return None if _tracking(key) else quote_plus(key)
    ((key, value),) = parse_qsl(segment, keep_blank_values=True) or [("", "")]
    return None if not key or _tracking(key) else urlencode([(key, value)])


def _tracking(key: str) -> bool:
    return key.lower().startswith("utm_") or key.lower() in TRACKING_PARAMETERS
