"""Celery tasks of the claims app, found by factcheck/celery.py's autodiscovery."""

from celery import shared_task

from claims.jobs import run_job


@shared_task(name="claims.run_job")
def run_job_task(job_id: int) -> None:
    run_job(job_id)
