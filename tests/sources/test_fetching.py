import pytest

from sources.fetching import BlockedByRobots, RefusedURL, TooLarge, fetch
from tests.news_site import EXPULSION, article_html


@pytest.fixture
def no_private(settings):
    settings.FETCH_ALLOW_PRIVATE = False
    settings.FETCH_HOST_DELAY = 0


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8118/",
        "http://127.0.0.1:8118/",
        "http://[::ffff:127.0.0.1]/",
        "http://192.168.1.1/",
        "http://localhost:8118/",
        "http://0.0.0.0/",
    ],
)
def test_private_loopback_link_local_and_metadata_addresses_are_refused(no_private, url):
    with pytest.raises(RefusedURL):
        fetch(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "gopher://example.org/"])
def test_only_http_and_https_are_fetched(no_private, url):
    with pytest.raises(RefusedURL, match="Only http and https"):
        fetch(url)


def test_a_url_with_credentials_is_refused(no_private):
    with pytest.raises(RefusedURL, match="user name or password"):
        fetch("http://user:secret@example.org/")


def test_the_metadata_address_is_refused_even_when_private_addresses_are_allowed(news_site):
    with pytest.raises(RefusedURL, match="metadata"):
        fetch("http://169.254.169.254/latest/meta-data/")


def test_a_redirect_to_a_private_address_is_refused_at_the_hop(news_site, settings, monkeypatch):
    news_site.pages["/story/"] = article_html(title="A story", paragraphs=EXPULSION)
    redirect = news_site.url(f"/redirect/?to={news_site.url('/story/')}")
    assert fetch(redirect).status == 200  # with the tests' allowance, the hop is followed
    settings.FETCH_ALLOW_PRIVATE = False
    # The first address is let through as a public one would be; the hop to 127.0.0.1 is checked again.
    from sources import fetching

    real = fetching.check_address
    first = []

    def public_first_hop(address):
        if not first:
            first.append(address)
            return None
        return real(address)

    monkeypatch.setattr(fetching, "check_address", public_first_hop)
    with pytest.raises(RefusedURL, match=r"127\.0\.0\.1"):
        fetch(redirect)
    assert [path for path, _ in news_site.requests].count("/story/") == 1  # only the allowed run reached it


def test_a_50_mb_body_without_a_length_is_abandoned_early(news_site, settings):
    with pytest.raises(TooLarge, match="larger than 10 MB"):
        fetch(news_site.url("/huge/"))
    # The server made what it could before the client hung up: far less than the 50 MB it offered.
    assert news_site.huge_bytes_sent < 25_000_000


def test_a_declared_50_mb_body_is_refused_before_it_is_read(news_site):
    with pytest.raises(TooLarge):
        fetch(news_site.url("/huge/?declared=1"))
    assert news_site.huge_bytes_sent < 25_000_000


def test_robots_txt_is_honoured(news_site):
    news_site.pages["/private/memo/"] = article_html(title="Memo", paragraphs=EXPULSION)
    with pytest.raises(BlockedByRobots, match=r"robots\.txt"):
        fetch(news_site.url("/private/memo/"))
    assert "/private/memo/" not in [path for path, _ in news_site.requests]


def test_requests_name_us_with_an_identifying_user_agent(news_site, settings):
    news_site.pages["/story/"] = article_html(title="A story", paragraphs=EXPULSION)
    fetch(news_site.url("/story/"))
    agents = {headers["User-Agent"] for _, headers in news_site.requests}
    assert agents == {settings.FETCH_USER_AGENT}
    assert settings.FETCH_USER_AGENT.startswith("ClaimProvenanceTracker/")


def test_a_conditional_request_gets_304_for_an_unchanged_page(news_site):
    news_site.pages["/story/"] = article_html(title="A story", paragraphs=EXPULSION)
    first = fetch(news_site.url("/story/"))
    again = fetch(
        news_site.url("/story/"), etag=first.header("ETag"), last_modified=first.header("Last-Modified")
    )
    assert (first.status, again.status, again.body) == (200, 304, b"")


def test_a_second_request_to_a_host_waits_for_its_turn(news_site, settings, monkeypatch):
    from django.core.cache import cache

    from sources import fetching

    settings.FETCH_HOST_DELAY = 1
    news_site.pages["/story/"] = article_html(title="A story", paragraphs=EXPULSION)
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        cache.delete("fetching:turn:127.0.0.1")  # the turn comes at once, instead of in a second

    monkeypatch.setattr(fetching.time, "sleep", sleep)
    fetch(news_site.url("/story/"))
    assert waits == []
    fetch(news_site.url("/story/"))
    assert len(waits) == 1


def test_a_gzipped_body_is_unpacked(settings):
    import gzip

    from sources.fetching import decoded

    assert decoded(gzip.compress(b"<p>Hello</p>"), "gzip") == b"<p>Hello</p>"


def test_a_body_that_unpacks_past_the_limit_is_refused(settings):
    import gzip

    from sources.fetching import decoded

    settings.FETCH_MAX_BYTES = 1_000_000
    bomb = gzip.compress(b"\0" * 5_000_000)  # 5 KB that unpack to 5 MB
    with pytest.raises(TooLarge, match="unpacks to more than"):
        decoded(bomb, "gzip")


def test_a_missing_robots_txt_allows_everything(news_site):
    news_site.pages["/story/"] = article_html(title="A story", paragraphs=EXPULSION)
    news_site.robots = 404

    assert fetch(news_site.url("/story/")).status == 200


def test_a_server_error_for_robots_txt_forbids_fetching(news_site):
    news_site.pages["/story/"] = article_html(title="A story", paragraphs=EXPULSION)
    news_site.robots = 500

    with pytest.raises(BlockedByRobots):
        fetch(news_site.url("/story/"))
