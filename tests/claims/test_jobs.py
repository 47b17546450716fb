"""Background jobs (claims/jobs.py): what each kind does, how failures and repeats are recorded."""

import json
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from claims.jobs import UNEXPECTED_FAILURE, progress_of, queue_export, queue_import, queue_ingest, run_job
from claims.models import ExternalReview, Job
from sources.models import Source

# Outside django_capture_on_commit_callbacks a queued job's task never starts: each test runs it.
pytestmark = pytest.mark.django_db

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checks.example.org/reviews/1",
    "claimReviewed": "The Netherlands expelled 17 Russian intelligence officers in March 2022.",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "reviewRating": {"@type": "Rating", "alternateName": "True"},
    "datePublished": "2022-04-01",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_import_job_records_the_reviews_and_its_summary(editor):
    job = queue_import(data=json.dumps([REVIEW]).encode(), name="feed.json", by=editor)

    run_job(job.pk)

    job.refresh_from_db()
    assert (job.status, job.result["created"], job.result["summary"]) == (
        "done",
        1,
        "1 created, 0 matched, 0 skipped, 0 rejected",
    )
    assert (job.progress_done, job.progress_total) == (1, 1)
    assert ExternalReview.objects.get().rating_label == "True"


def test_a_feed_that_cannot_be_read_fails_the_job_with_the_reason(editor):
    job = queue_import(data=b"{not json", name="broken.json", by=editor)

    run_job(job.pk)

    job.refresh_from_db()
    assert job.status == "failed" and "broken.json" in job.error and job.finished_at
    assert bytes(job.payload)  # kept, to look at what failed


def test_an_export_job_writes_the_data_feed_file(demo):
    job = queue_export(base_url="https://factcheck.example.org", by=None)

    run_job(job.pk)

    job.refresh_from_db()
    feed = json.loads(job.output.read())
    assert job.status == "done" and feed["@type"] == "DataFeed"
    assert len(feed["dataFeedElement"]) == job.result["reviews"] == job.progress_total > 0
    assert feed["dataFeedElement"][0]["item"][0]["url"].startswith("https://factcheck.example.org/claims/")


def test_an_ingest_job_ingests_as_the_request_would_have(editor):
    text = "Seventeen Russian diplomats were expelled, NOS reported."
    job = queue_ingest(text=text, url="https://example.org/a", publisher="NOS", by=editor)

    run_job(job.pk)

    job.refresh_from_db()
    source = Source.objects.get()
    assert (source.url, source.publisher.name, source.text) == ("https://example.org/a", "NOS", text)
    assert job.result["source"] == source.pk and job.result["outcome"] == "created"


def test_a_finished_job_delivered_again_is_not_run_again(editor):
    job = queue_import(data=json.dumps([REVIEW]).encode(), name="feed.json", by=editor)
    run_job(job.pk)
    ExternalReview.objects.all().delete()

    run_job(job.pk)  # the broker hands a task out again when it never heard it was done

    assert not ExternalReview.objects.exists()


def test_a_job_left_running_by_a_dead_worker_runs_again(editor):
    job = queue_import(data=json.dumps([REVIEW]).encode(), name="feed.json", by=editor)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)

    run_job(job.pk)

    job.refresh_from_db()
    assert job.status == "done" and ExternalReview.objects.count() == 1


def test_an_unexpected_error_fails_the_job_without_its_text(editor, monkeypatch):
    job = queue_ingest(text="Seventeen were expelled.", by=editor)
    monkeypatch.setattr("claims.jobs.ingest", lambda **_: 1 / 0)

    run_job(job.pk)

    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", UNEXPECTED_FAILURE)


def test_a_running_job_reports_its_progress_from_the_shared_cache(editor):
    job = queue_ingest(text="x", by=editor)
    job.status = Job.Status.RUNNING
    cache.set(f"job-progress:{job.pk}", (30, 120))

    assert progress_of(job) == (30, 120)
    cache.delete(f"job-progress:{job.pk}")


def test_the_import_command_hands_files_to_jobs(tmp_path, django_capture_on_commit_callbacks):
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([REVIEW]))
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_claimreview", str(feed), "--background", stdout=out)

    job = Job.objects.get()
    assert out.getvalue().startswith(f"{feed}: job #{job.pk}, ")
    job.refresh_from_db()
    assert job.status == "done" and ExternalReview.objects.count() == 1


def test_the_export_command_hands_the_export_to_a_job(demo, django_capture_on_commit_callbacks):
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "export_claimreview", "--base-url", "https://factcheck.example.org", "--background", stdout=out
        )

    job = Job.objects.get()
    assert out.getvalue().startswith(f"Job #{job.pk}")
    job.refresh_from_db()
    assert job.status == "done" and job.output
