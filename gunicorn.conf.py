"""gunicorn's settings for production: `.venv/bin/gunicorn -c gunicorn.conf.py`.

Sync workers, one request at a time each: the pages are CPU-bound Django views
and PostgreSQL queries, so two workers per core keep both busy. Environment
variables override the defaults (GUNICORN_BIND, WEB_CONCURRENCY, GUNICORN_TIMEOUT).
"""

import os

wsgi_app = "factcheck.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# A request still running after this many seconds has its worker killed and restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
# Restart workers now and then so that a slow leak cannot grow without bound.
max_requests = 10_000
max_requests_jitter = 1_000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"


def post_worker_init(worker):
    """Each worker generates the API's OpenAPI document as it starts, not while a client waits for it."""
    from claims.api.schema_view import SchemaView

    SchemaView.document()
