"""The admin's ingest page hands a large text to a background job and shows the job's page until it is done."""

import pytest
from django.urls import reverse

from claims.models import Job
from sources.models import Source

pytestmark = pytest.mark.django_db

ARTICLE = "Seventeen Russian diplomats were expelled, NOS reported.\nThe minister said that 15 Dutch diplomats left."


@pytest.fixture
def editor_client(client, editor, settings):
    settings.INGEST_BACKGROUND_BYTES = 50  # the article above goes to a job
    client.force_login(editor)
    return client


def job_page(job: Job) -> str:
    return reverse("admin:claims_job_change", args=[job.pk])


def test_a_large_text_goes_to_a_job_whose_page_shows_the_result(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:sources_source_ingest"), {"text": ARTICLE, "kind": "article", "language": "en"}
        )

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job_page(job)
    page = editor_client.get(job_page(job)).content.decode()
    source = Source.objects.get()
    assert "done" in page and 'value="100"' in page
    assert reverse("admin:sources_source_change", args=[source.pk]) in page
    assert "2 quote suggestion(s)" in page
    assert 'http-equiv="refresh"' not in page  # finished: nothing more to wait for


def test_the_page_of_a_job_not_yet_done_refreshes_itself(editor_client):
    editor_client.post(
        reverse("admin:sources_source_ingest"), {"text": ARTICLE, "kind": "article", "language": "en"}
    )

    page = editor_client.get(job_page(Job.objects.get())).content.decode()

    assert 'http-equiv="refresh"' in page and "queued" in page and 'value="0"' in page
    assert not Source.objects.exists()


def test_a_small_text_is_still_ingested_at_once(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("admin:sources_source_ingest"), {"text": ARTICLE, "kind": "article", "language": "en"}
    )

    assert response["Location"] == reverse("admin:sources_source_change", args=[Source.objects.get().pk])
    assert not Job.objects.exists()


def test_the_job_page_and_list_take_a_fixed_number_of_queries(editor_client, django_assert_num_queries):
    for _ in range(3):
        editor_client.post(
            reverse("admin:sources_source_ingest"), {"text": ARTICLE, "kind": "article", "language": "en"}
        )
    job = Job.objects.first()
    editor_client.get(job_page(job))  # per-process caches (content types) fill on a first request

    # Session, user, the user's and their groups' permissions; the job; who started it.
    with django_assert_num_queries(6):
        assert editor_client.get(job_page(job)).status_code == 200
    # The same four; the paginator's count (no second count of all jobs); the page of jobs with who
    # started them.
    with django_assert_num_queries(6):
        assert editor_client.get(reverse("admin:claims_job_changelist")).status_code == 200


def test_staff_who_may_not_add_sources_see_no_jobs(client, editor_client, admin_user):
    editor_client.post(
        reverse("admin:sources_source_ingest"), {"text": ARTICLE, "kind": "article", "language": "en"}
    )
    admin_user.is_superuser = False
    admin_user.save()
    client.force_login(admin_user)

    assert client.get(job_page(Job.objects.get())).status_code in (302, 403)
