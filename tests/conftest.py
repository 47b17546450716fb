import pytest

from claims.demo import load_demo
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


@pytest.fixture
def newsroom(db):
    """Enough claims, quotes, sources and citations that a query made per row shows: see tests/newsroom.py."""
    from tests.newsroom import build_newsroom

    return build_newsroom()
