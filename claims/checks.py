"""Deployment checks (`manage.py check --deploy`) for the background jobs."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility, deploy=True)
def jobs_have_a_worker(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.CELERY_TASK_ALWAYS_EAGER and not settings.DEBUG:
        return [
            checks.Warning(
                "Background jobs run inside the web request that starts them: a 5 MB ingestion outlasts "
                "gunicorn's timeout.",
                hint="Set REDIS_URL (or CELERY_BROKER_URL) and run `celery -A factcheck worker`.",
                id="claims.W001",
            )
        ]
    return []
