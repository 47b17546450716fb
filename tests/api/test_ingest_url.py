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


def test_with_a_broker_a_url_is_fetched_and_ingested_by_a_job(
    as_role, story, settings, django_capture_on_commit_callbacks
):
    # The page's size is unknown until it is read, so a web worker never fetches it when jobs can.
    from claims.models import Job
    from sources.models import CaptureArchive

    settings.INGEST_URL_BACKGROUND = True
    # Without a broker (as in tests) the job runs when the request commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = as_role("editor").post(reverse("api:ingest"), {"url": story}, format="json")

    assert response.status_code == 202
    job = Job.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/jobs/{job.pk}/"
    body = as_role("editor").get(response["Location"]).json()
    assert (body["kind"], body["status"], body["result"]["outcome"]) == ("ingest", "done", "created")
    source = Source.objects.get()
    assert source.title == TITLE and CaptureArchive.objects.filter(capture__source=source).count() == 1


def test_a_page_that_cannot_be_fetched_fails_its_job_saying_why(
    as_role, news_site, settings, django_capture_on_commit_callbacks
):
    from claims.models import Job

    settings.INGEST_URL_BACKGROUND = True
    with django_capture_on_commit_callbacks(execute=True):
        response = as_role("editor").post(
            reverse("api:ingest"), {"url": news_site.url("/no-such-story/")}, format="json"
        )

    assert response.status_code == 202
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and "404" in job.error
    assert not Source.objects.exists()
