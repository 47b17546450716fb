"""A text over INGEST_BACKGROUND_BYTES is ingested by a background job: 202, then the job's address to poll."""

import pytest
from django.urls import reverse

from claims.models import Job, QuoteSuggestion
from sources.models import Source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("api:ingest")
ARTICLE = "Seventeen Russian diplomats were expelled, NOS reported.\nThe minister said that 15 Dutch diplomats left."


@pytest.fixture
def small_threshold(settings):
    settings.INGEST_BACKGROUND_BYTES = 50  # the article above goes to a job


def test_a_large_text_is_accepted_with_the_address_of_its_job(
    as_role, small_threshold, django_capture_on_commit_callbacks
):
    # Without a broker (as in tests) the job runs at once, in the request.
    with django_capture_on_commit_callbacks(execute=True):
        response = as_role("editor").post(URL, {"text": ARTICLE, "published_on": "2022-04-19"}, format="json")

    assert response.status_code == 202
    job = Job.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/jobs/{job.pk}/"
    body = as_role("editor").get(response["Location"]).json()
    assert (body["kind"], body["status"], body["progress"]["percent"]) == ("ingest", "done", 100)
    source = Source.objects.get()
    assert body["links"]["source"] == f"http://testserver/api/v1/sources/{source.pk}/"
    assert body["result"]["outcome"] == "created" and body["result"]["quotes"] == 2
    assert QuoteSuggestion.objects.filter(source=source).count() == 2
    assert source.published_on.isoformat() == "2022-04-19"


def test_a_text_under_the_threshold_is_still_ingested_in_the_request(as_role):
    response = as_role("editor").post(URL, {"text": ARTICLE}, format="json")

    assert response.status_code == 201 and not Job.objects.exists()


def test_bad_input_is_refused_before_any_job_is_made(as_role, small_threshold):
    response = as_role("editor").post(URL, {"text": ARTICLE, "url": "not a url"}, format="json")

    assert response.status_code == 400 and "url" in response.json()["errors"]
    assert not Job.objects.exists()


def test_a_queued_job_shows_its_status_without_a_result(as_role, small_threshold):
    # Outside the capture the commit callback never runs: the job stays queued, as it does until a worker takes it.
    response = as_role("editor").post(URL, {"text": ARTICLE}, format="json")

    body = as_role("reviewer").get(response["Location"]).json()
    assert (body["status"], body["result"], body["links"], body["progress"]["percent"]) == (
        "queued",
        {},
        {},
        0,
    )
    assert not Source.objects.exists()


def test_the_job_page_takes_a_fixed_number_of_queries(
    as_role, small_threshold, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        location = as_role("editor").post(URL, {"text": ARTICLE}, format="json")["Location"]
    client = as_role("reviewer")

    # 1. the user's own permissions, 2. their groups' permissions (may they ingest?), 3. the job.
    with django_assert_num_queries(3):
        response = client.get(location)

    assert response.status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "staff without the right to add sources"])
def test_only_editors_and_reviewers_see_jobs(api, as_role, small_threshold, who):
    location = as_role("editor").post(URL, {"text": ARTICLE}, format="json")["Location"]
    if who != "anonymous":
        api.force_authenticate(UserFactory(is_staff=True))

    response = api.get(location)

    assert response.status_code in (401, 403) and "result" not in response.json()


def test_an_unknown_job_is_a_json_404(as_role):
    response = as_role("editor").get("/api/v1/jobs/999999/")

    assert response.status_code == 404 and "detail" in response.json()
