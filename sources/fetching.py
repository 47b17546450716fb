"""Fetch a web page on an editor's behalf without letting a URL reach what it must not.

Only http and https. Every host name is resolved and every address it resolves to is
checked before connecting: private, loopback, link-local, shared, reserved and multicast
addresses are refused (FETCH_ALLOW_PRIVATE lets tests reach their own server on
127.0.0.1), and cloud metadata addresses always are. The connection then goes to the
address that was checked, so a second DNS answer cannot swap it. Redirects are followed
by hand and every hop is checked again. Bodies are read in chunks and abandoned past
FETCH_MAX_BYTES or FETCH_TOTAL_TIMEOUT; robots.txt is honoured for our user agent, and
requests to one host are spaced by FETCH_HOST_DELAY (or the site's Crawl-delay).
"""

import ipaddress
import socket
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import urllib3
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

REDIRECTS = {301, 302, 303, 307, 308}
# Instance metadata services answer whoever asks from inside a cloud; no setting opens them.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(address)
    for address in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
ROBOTS_MAX_BYTES = 500_000
ROBOTS_CACHE_SECONDS = 3600


class FetchError(Exception):
    """The page could not be fetched; the message says why, for the editor who asked."""


class RefusedURL(FetchError):
    """The URL or an address it leads to is not one we fetch."""


class TooLarge(FetchError):
    """The response is larger than FETCH_MAX_BYTES."""


class BlockedByRobots(FetchError):
    """The site's robots.txt does not let us fetch the page."""


@dataclass
class Response:
    """A response as it came over the wire (body not content-decoded), and the way it was reached."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    request_headers: list[tuple[str, str]]
    fetched_at: datetime
    redirects: list[str] = field(default_factory=list)  # each URL redirected to, in order

    def header(self, name: str) -> str:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), "")

    @property
    def content(self) -> bytes:
        """The body with its content encoding (gzip, deflate) undone, within the size limit."""
        return decoded(self.body, self.header("Content-Encoding"))

    @property
    def redirected_elsewhere(self) -> bool:
        """Whether redirects led to another page, not merely to https or a trailing slash."""
        return same_page(self.url, self.final_url) is False


def user_agent() -> str:
    return settings.FETCH_USER_AGENT


def robots_token() -> str:
    """The product token robots.txt rules name us by: the user agent's first word, before its version."""
    return user_agent().split("/", 1)[0].split()[0]


def fetch(url: str, *, etag: str = "", last_modified: str = "", obey_robots: bool = True) -> Response:
    """GET `url` safely, following redirects; a conditional request when `etag` or `last_modified` is given.

    Raises FetchError (RefusedURL, TooLarge, BlockedByRobots) with a message for the editor."""
    headers = {"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}
    headers["Accept-Encoding"] = "gzip, deflate"
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    redirects: list[str] = []
    current = url
    for _ in range(settings.FETCH_MAX_REDIRECTS + 1):
        parts = _checked_url(current)
        if obey_robots:
            _obey_robots(current)
        _wait_for_turn(parts.hostname, current if obey_robots else "")
        response = _get_once(current, headers, limit=settings.FETCH_MAX_BYTES)
        if response.status not in REDIRECTS or not response.header("Location"):
            response.url, response.redirects = url, redirects
            return response
        current = urljoin(current, response.header("Location"))
        redirects.append(current)
    raise FetchError(f"{url} redirects more than {settings.FETCH_MAX_REDIRECTS} times.")


def check_address(address: str) -> None:
    """Refuse an address a fetch must not reach (see the module's docstring)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        raise RefusedURL(f"{address} is a cloud metadata address; it is never fetched.")
    if ip.is_global and not ip.is_multicast:
        return
    if settings.FETCH_ALLOW_PRIVATE and not ip.is_multicast and not ip.is_unspecified:
        return
    raise RefusedURL(f"{address} is a private, loopback or link-local address; it is not fetched.")


def same_page(first: str, second: str) -> bool:
    """Whether two URLs name the same page, whatever the scheme, a www. or a trailing slash."""

    def key(url: str) -> tuple:
        parts = urlsplit(url)
        host = (parts.hostname or "").removeprefix("www.")
        return host, parts.path.rstrip("/") or "/", parts.query

    return key(first) == key(second)


def decoded(body: bytes, encoding: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"The page is compressed as {encoding!r}, which we do not read.")
    limit = settings.FETCH_MAX_BYTES
    # wbits 47 reads gzip and zlib; a bare deflate stream needs -15.
    for wbits in (47, -15):
        inflater = zlib.decompressobj(wbits)
        try:
            content = inflater.decompress(body, limit + 1)
        except zlib.error:
            continue
        if len(content) > limit or inflater.unconsumed_tail:
            raise TooLarge(f"The page unpacks to more than {limit / 1_000_000:.0f} MB; it was not read.")
        return content
    raise FetchError("The page's compressed body is damaged.")


def _checked_url(url: str):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise RefusedURL(f"Only http and https addresses are fetched, not {parts.scheme or 'this'!r}: {url}")
    if not parts.hostname:
        raise RefusedURL(f"{url} names no host.")
    if parts.username or parts.password:
        raise RefusedURL("A URL with a user name or password in it is not fetched.")
    try:
        parts.port  # noqa: B018 - raises for a port out of range
    except ValueError:
        raise RefusedURL(f"{url} has an invalid port.") from None
    return parts


def _resolve(host: str, port: int) -> str:
    """The address to connect to, after every address the host resolves to has been checked."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"The host {host} could not be found.") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    for address in addresses:
        check_address(address)
    return addresses[0]


def _get_once(url: str, headers: dict, *, limit: int) -> Response:
    parts = _checked_url(url)
    host = parts.hostname
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    address = _resolve(host, port)
    timeout = urllib3.Timeout(connect=settings.FETCH_CONNECT_TIMEOUT, read=settings.FETCH_READ_TIMEOUT)
    options = {"timeout": timeout, "retries": False, "maxsize": 1}
    if https:
        pool = urllib3.HTTPSConnectionPool(
            address, port, server_hostname=host, assert_hostname=host, cert_reqs="CERT_REQUIRED", **options
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **options)
    netloc = host if ":" not in host else f"[{host}]"
    if parts.port:
        netloc += f":{parts.port}"
    sent = {"Host": netloc, **headers}
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    started = time.monotonic()
    try:
        raw = pool.urlopen(
            "GET", target, headers=sent, redirect=False, preload_content=False, decode_content=False
        )
        try:
            declared = raw.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise TooLarge(_too_large(url, limit))
            chunks, size = [], 0
            while chunk := raw.read1(65536) if hasattr(raw, "read1") else raw.read(65536):
                size += len(chunk)
                if size > limit:
                    raise TooLarge(_too_large(url, limit))
                if time.monotonic() - started > settings.FETCH_TOTAL_TIMEOUT:
                    raise FetchError(f"{url} took longer than {settings.FETCH_TOTAL_TIMEOUT} s to download.")
                chunks.append(chunk)
        finally:
            raw.release_conn()
            pool.close()
    except urllib3.exceptions.TimeoutError:
        raise FetchError(f"{url} did not answer in time.") from None
    except urllib3.exceptions.SSLError as error:
        raise FetchError(f"{url}: the secure connection failed ({error}).") from None
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"{url} could not be fetched: {error}.") from None
    return Response(
        url=url,
        final_url=url,
        status=raw.status,
        reason=raw.reason or "",
        headers=list(raw.headers.items()),
        body=b"".join(chunks),
        request_headers=list(sent.items()),
        fetched_at=timezone.now(),
    )


def _too_large(url: str, limit: int) -> str:
    return f"{url} is larger than {limit / 1_000_000:.0f} MB; it was not downloaded."


def _robots(origin: str) -> RobotFileParser:
    """The origin's robots.txt rules, cached: 4xx means no rules, a server error or no answer means none allowed."""
    key = f"fetching:robots:{origin}"
    lines = cache.get(key)
    if lines is None:
        try:
            url = f"{origin}/robots.txt"
            for _ in range(settings.FETCH_MAX_REDIRECTS + 1):  # RFC 9309 follows at least five
                answer = _get_once(url, {"User-Agent": user_agent()}, limit=ROBOTS_MAX_BYTES)
                if answer.status not in REDIRECTS or not answer.header("Location"):
                    break
                url = urljoin(url, answer.header("Location"))
            status = answer.status
            text = decoded(answer.body, answer.header("Content-Encoding")).decode("utf-8", "replace")
        except RefusedURL:
            raise
        except FetchError:
            status, text = 503, ""
        if 200 <= status < 300:
            lines = text.splitlines()
        elif 300 <= status < 500:  # RFC 9309: an unavailable robots.txt allows everything
            lines = []
        else:
            lines = ["User-agent: *", "Disallow: /"]
        cache.set(key, lines, ROBOTS_CACHE_SECONDS)
    parser = RobotFileParser()
    parser.parse(lines)
    return parser


def _obey_robots(url: str) -> None:
    parts = urlsplit(url)
    rules = _robots(f"{parts.scheme}://{parts.netloc}")
    if not rules.can_fetch(robots_token(), url):
        raise BlockedByRobots(f"{parts.netloc}'s robots.txt does not allow us to fetch {url}.")


def _wait_for_turn(host: str, url: str) -> None:
    """Space requests to one host (across processes when the cache is shared, as Redis is)."""
    delay = settings.FETCH_HOST_DELAY
    if url:
        parts = urlsplit(url)
        crawl_delay = _robots(f"{parts.scheme}://{parts.netloc}").crawl_delay(robots_token())
        delay = max(delay, min(float(crawl_delay or 0), settings.FETCH_MAX_CRAWL_DELAY))
    if delay <= 0:
        return
    key = f"fetching:turn:{host}"
    # cache.add() succeeds for one caller per period: the key expires when the host's next turn comes.
    while not cache.add(key, 1, timeout=max(1, round(delay))):
        time.sleep(0.05)
