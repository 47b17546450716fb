import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # Throttling counts requests in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def as_role(api, editor, reviewer):
    """An API client acting as "anonymous", "editor" or "reviewer"."""

    def client(role: str) -> APIClient:
        client = APIClient()
        if role != "anonymous":
            client.force_authenticate({"editor": editor, "reviewer": reviewer}[role])
        return client

    return client
