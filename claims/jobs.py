"""Background jobs: a large ingestion, a ClaimReview import or export, queued for a Celery worker and run.

`queue_*` records the job and hands its id to the worker once the row is committed (the text or feed
stays in the database, not in the broker); `run_job` is what the worker does with it. Without a
broker (settings.CELERY_TASK_ALWAYS_EAGER) the job runs at once in the process that queued it.
While a job runs, its progress goes to the shared cache, because the job's own writes (an ingestion
is one transaction) are invisible to others until they commit.
"""

import logging
import tempfile
from collections.abc import Callable
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from claims.claimreview.export import export_encoder, write_data_feed
from claims.claimreview.feed_file import write_feed_file
from claims.claimreview.importer import import_claim_reviews
from claims.claimreview.markup import organisation
from claims.claimreview.parse import FeedError, read_nodes
from claims.ingestion.from_url import ingest_url
from claims.ingestion.suggest import ingest
from claims.models import Claim, Job
from sources.models import Source

logger = logging.getLogger(__name__)

UNEXPECTED_FAILURE = "The job stopped on an unexpected error; it is in the worker's log."


def queue_ingest(
    *,
    text: str,
    by: AbstractBaseUser | None,
    url: str = "",
    title: str = "",
    kind: str = Source.Kind.ARTICLE,
    publisher: str = "",
    published_on: date | None = None,
    language: str = "en",
    source: Source | None = None,
) -> Job:
    """A job ingesting `text` as claims.ingestion.suggest.ingest does, with the same already validated fields."""
    arguments = _ingest_arguments(url, title, kind, publisher, published_on, language)
    arguments["source"] = source.pk if source else None
    return _queue(Job(kind=Job.Kind.INGEST, arguments=arguments, payload=text.encode(), created_by=by))


def queue_ingest_url(
    *,
    url: str,
    by: AbstractBaseUser | None,
    title: str = "",
    kind: str = Source.Kind.ARTICLE,
    publisher: str = "",
    published_on: date | None = None,
    language: str = "",
) -> Job:
    """A job fetching the page at `url` and ingesting its article as claims.ingestion.from_url.ingest_url does."""
    arguments = _ingest_arguments(url, title, kind, publisher, published_on, language)
    arguments.update(fetch=True, source=None)
    return _queue(Job(kind=Job.Kind.INGEST, arguments=arguments, payload=b"", created_by=by))


def _ingest_arguments(url, title, kind, publisher, published_on: date | None, language) -> dict:
    """What is known of the document, as a job's JSON arguments (read back by _ingest)."""
    return {
        "url": url,
        "title": title,
        "kind": kind,
        "publisher": publisher,
        "published_on": published_on.isoformat() if published_on else None,
        "language": language,
    }


def queue_import(*, data: bytes, name: str, by: AbstractBaseUser | None) -> Job:
    """A job importing the ClaimReview records in `data` (any form read_nodes reads), named `name` in messages."""
    return _queue(Job(kind=Job.Kind.IMPORT, arguments={"name": name}, payload=data, created_by=by))


def queue_export(*, base_url: str, by: AbstractBaseUser | None) -> Job:
    """A job writing our published verdicts as a DataFeed file, its reviews' addresses under `base_url`."""
    return _queue(Job(kind=Job.Kind.EXPORT, arguments={"base_url": base_url}, created_by=by))


def queue_feed_refresh(*, base_url: str, indent: int | None) -> Job:
    """A job (re)writing the file the DataFeed endpoint serves in this layout (claims/claimreview/feed_file.py),
    unless the latest one is current when it runs."""
    arguments = {"base_url": base_url, "indent": indent, "feed_file": True}
    return _queue(Job(kind=Job.Kind.EXPORT, arguments=arguments, created_by=None))


def _queue(job: Job) -> Job:
    from claims.tasks import run_job_task  # the task module imports this one

    job.save()
    transaction.on_commit(lambda: run_job_task.delay(job.pk))
    return job


def current(job: Job) -> Job:
    """`job` as it stands now (without a broker it has run already), its input left unread."""
    return Job.objects.defer("payload").get(pk=job.pk)


def run_job(job_id: int) -> None:
    """Run a queued job and record its result or its failure; a job already finished is left alone.

    A job found running was started by a worker that died (the broker hands it out again): it is
    run again, which every kind of job allows."""
    started = Job.objects.filter(pk=job_id, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).update(
        status=Job.Status.RUNNING, started_at=timezone.now()
    )
    if not started:
        return
    job = Job.objects.get(pk=job_id)
    progress = _Progress(job)
    try:
        job.result = RUNNERS[job.kind](job, progress)
    except (ValidationError, FeedError) as error:
        job.status, job.error = Job.Status.FAILED, _message(error)
    except Exception:
        logger.exception("Job %s failed", job_id)
        job.status, job.error = Job.Status.FAILED, UNEXPECTED_FAILURE
    else:
        job.status, job.payload = Job.Status.DONE, b""
        job.progress_done = job.progress_total = max(progress.total, 1)
    if job.status == Job.Status.FAILED:
        job.progress_done, job.progress_total = min(progress.done, progress.total), progress.total
    job.finished_at = timezone.now()
    fields = ["status", "result", "error", "progress_done", "progress_total", "finished_at", "output"]
    job.save(update_fields=[*fields, "payload"] if job.status == Job.Status.DONE else fields)
    cache.delete(progress.key)


def progress_of(job: Job) -> tuple[int, int]:
    """How far `job` got: (done, total), live from the cache while it runs."""
    if job.status == Job.Status.RUNNING:
        live = cache.get(_progress_key(job.pk))
        if live:
            return tuple(live)
    return job.progress_done, job.progress_total


def _progress_key(job_id: int) -> str:
    return f"job-progress:{job_id}"


class _Progress:
    """Told (done, total) as the work advances; passes it on to the cache at each whole percent."""

    def __init__(self, job: Job) -> None:
        self.key, self.done, self.total, self.percent = _progress_key(job.pk), 0, 0, -1

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        percent = 100 * done // total if total else 0
        if percent != self.percent:
            self.percent = percent
            cache.set(self.key, (done, total), timeout=24 * 3600)


def _message(error: ValidationError | FeedError) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return " ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _ingest(job: Job, progress: Callable[[int, int], None]) -> dict:
    arguments = job.arguments
    known = {
        "url": arguments["url"],
        "title": arguments["title"],
        "kind": arguments["kind"],
        "publisher": arguments["publisher"],
        "published_on": date.fromisoformat(arguments["published_on"]) if arguments["published_on"] else None,
        "language": arguments["language"],
        "by": job.created_by,
        "progress": progress,
    }
    if arguments.get("fetch"):
        result = ingest_url(**known)
    else:
        source = Source.objects.filter(pk=arguments["source"]).first() if arguments.get("source") else None
        result = ingest(text=bytes(job.payload).decode(), source=source, **known)
    return {
        "source": result.source.pk,
        "outcome": result.outcome,
        "citations": len(result.citations),
        "quotes": len(result.quotes),
        "notes": result.notes,
        "summary": str(result),
    }


def _import(job: Job, progress: Callable[[int, int], None]) -> dict:
    nodes = read_nodes(bytes(job.payload), name=job.arguments["name"])
    done = 0

    def advance(step: int) -> None:
        nonlocal done
        done += step
        progress(done, len(nodes))

    summary = import_claim_reviews(nodes, progress=advance)
    return {
        "created": summary.created,
        "matched": summary.matched,
        "skipped": summary.skipped,
        "rejected": [str(rejection) for rejection in summary.rejected],
        "notes": [str(note) for note in summary.notes],
        "summary": str(summary),
    }


def _export(job: Job, progress: Callable[[int, int], None]) -> dict:
    base_url = job.arguments["base_url"]
    if job.arguments.get("feed_file"):
        written = write_feed_file(base_url=base_url, indent=job.arguments["indent"], progress=progress)
        return {
            "reviews": written.reviews,
            "file": written.path.name,
            "etag": written.etag,
            "summary": f"{written.reviews} reviews in the feed's file ({written.size:,} bytes)",
        }
    total = Claim.objects.published().count()
    reviews = 0

    def counted(done: int) -> None:
        nonlocal reviews
        reviews = done
        progress(min(done, total), total)

    text = write_data_feed(
        base_url=base_url, organisation=organisation(base_url), encoder=export_encoder(), progress=counted
    )
    with tempfile.NamedTemporaryFile("w+b", suffix=".json") as file:
        for piece in text:  # written as it is read: memory stays the same whatever the archive's size
            file.write(piece.encode())
        file.write(b"\n")
        job.output.save(f"claimreview-{job.pk}.json", File(file), save=False)
    return {"reviews": reviews, "summary": f"{reviews} reviews"}


RUNNERS: dict[str, Callable[[Job, Callable[[int, int], None]], dict]] = {
    Job.Kind.INGEST: _ingest,
    Job.Kind.IMPORT: _import,
    Job.Kind.EXPORT: _export,
}
