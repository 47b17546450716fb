"""POST /api/v1/ingest/ with a URL alone: the page is fetched, read and archived."""

import pytest
from django.urls import reverse

from sources.models import Source
from tests.news_site import EXPULSION, article_html

pytestmark = pytest.mark.django_db

TITLE = "Netherlands expels 17 Russian intelligence officers"


@pytest.fixture
def story(news_site):
    news_site.pages["/world/expelled/"] = article_html(title=TITLE, paragraphs=EXPULSION)
    return news_site.url("/world/expelled/")


def test_the_api_ingests_a_url_alone(as_role, story):
    response = as_role("editor").post(reverse("api:ingest"), {"url": story}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["source"]["title"] == TITLE
    assert body["notes"][0].startswith(f"Read from {story}")


def test_the_api_refuses_a_private_address_naming_the_url(as_role, settings):
    settings.FETCH_ALLOW_PRIVATE = False

    response = as_role("editor").post(reverse("api:ingest"), {"url": "http://10.0.0.1/story"}, format="json")

    assert response.status_code == 400
    assert "private, loopback or link-local" in response.json()["errors"]["url"][0]
    assert not Source.objects.exists()
