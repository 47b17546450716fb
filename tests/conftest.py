import pytest
from django.core.cache import cache
from django.db import transaction

from claims.demo.loader import load_demo
from tests.factories import UserFactory


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
def _empty_cache():
    # Pages and throttle counts live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


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
