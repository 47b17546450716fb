import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from claims.demo.loader import load_demo
from claims.models import Claim
from tests.factories import PublishedClaimFactory, QuoteFactory, SourceFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    # A deliberately slow password hash costs half a second per demo user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests run with DEBUG off but without collectstatic, so no manifest exists.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _own_export_root(settings, tmp_path):
    # Files written in the background (the whole DataFeed) go to each test's own directory.
    settings.EXPORT_ROOT = tmp_path / "exports"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Pages and throttle counts live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shared_cache(settings):
    """Django's cache in the test Redis (TEST_REDIS_URL), shared as production shares it, with each public
    claim's validator and page kept there (claims/validator_cache.py). The keys are the test's own."""
    from tests.servers import REDIS_URL

    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "factcheck.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.CACHE_VALIDATORS = True
    yield cache
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def editor(db):
    return UserFactory(group="editor")


@pytest.fixture
def reviewer(db):
    return UserFactory(group="reviewer")


@pytest.fixture
def demo(db):
    """The demo data set: the three seed articles, their claims, quotes, citations and conflicts."""
    load_demo()


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker):
    """Enough claims, quotes, sources and citations that a query made per row shows (tests/newsroom.py).

    Built once per test module, in a transaction rolled back after the module; each test runs in a
    savepoint inside it, so tests still see none of each other's writes.
    """
    from tests.newsroom import build_newsroom

    with django_db_blocker.unblock(), transaction.atomic():
        yield build_newsroom()
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def _news_server():
    from tests.news_site import start

    site, server = start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def news_site(_news_server, settings):
    """tests/news_site.py's news site on 127.0.0.1:8118, emptied for the test, with fetching allowed to reach it."""
    from django.core.cache import cache

    settings.FETCH_ALLOW_PRIVATE = True
    settings.FETCH_HOST_DELAY = 0
    cache.clear()  # robots.txt rules and host turns from other tests
    _news_server.pages.clear()
    _news_server.requests.clear()
    _news_server.huge_bytes_sent = 0
    _news_server.robots = "User-agent: *\nDisallow: /private/\n"
    return _news_server


@pytest.fixture
def search_tiers(db) -> dict[str, list[Claim]]:
    """Nine claims matching "glacier melting", three in each tier, published a day apart, in mixed order."""
    source = SourceFactory(text="Officials said the glacier is melting faster than forecast.")
    now, claims = timezone.now(), {"sentence": [], "explanation": [], "quotes": []}
    for day in range(9):
        tier = ["quotes", "sentence", "explanation"][day % 3]
        moment = now - timedelta(days=day)
        if tier == "sentence":
            claim = PublishedClaimFactory(text=f"The glacier is melting ({day}).", published_at=moment)
        elif tier == "explanation":
            claim = PublishedClaimFactory(
                text=f"The glacier retreated ({day}).", explanation="Melting doubled.", published_at=moment
            )
        else:
            claim = PublishedClaimFactory(text=f"Ice loss doubled ({day}).", published_at=moment)
            QuoteFactory(claim=claim, source=source, exact="the glacier is melting")
        claims[tier].append(claim)
    PublishedClaimFactory(text="The glacier grew.")  # one word only: no match
    return claims
