"""The Celery application: `celery -A factcheck worker` and `celery -A factcheck beat`.

Its configuration is Django's settings under the CELERY_ prefix (factcheck/settings.py); tasks
are found in every installed app's tasks.py. Without a broker (CELERY_BROKER_URL or REDIS_URL)
tasks run eagerly inside the process that queues them, so `make run` needs no Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
