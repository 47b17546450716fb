"""Celery tasks, found by factcheck/celery.py's autodiscovery: thin wrappers around the domain functions
(they run eagerly without a broker)."""

from celery import shared_task

from claims.claimreview.feed_file import refresh_stale_feeds
from claims.jobs import run_job
from claims.watching import watch_due, watch_source, watched_sources


@shared_task(name="claims.run_job")
def run_job_task(job_id: int) -> None:
    run_job(job_id)


@shared_task
def watch_due_sources() -> str:
    """Check every watched source whose time has come (CELERY_BEAT_SCHEDULE runs it every five minutes)."""
    return str(watch_due())


@shared_task
def watch_one_source(source_id: int) -> str:
    source = watched_sources().filter(pk=source_id).first()
    if source is None:
        return "not a watched source"
    check, flags = watch_source(source, newest_claim=source.newest_claim)
    return f"{check.outcome}; {len(flags)} claim(s) flagged"


@shared_task
def refresh_claimreview_feeds() -> str:
    """Queue a rewrite of each written DataFeed file whose validators changed (CELERY_BEAT_SCHEDULE)."""
    return f"{refresh_stale_feeds()} feed file(s) queued"
