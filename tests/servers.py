"""Real server processes for tests: gunicorn from the repository's config, and a Celery worker."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
# Redis databases of their own, emptied by the tests that use them.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
SECOND_REDIS_URL = os.environ.get("TEST_SECOND_REDIS_URL", "redis://127.0.0.1:6379/15")
SECRET_KEY = "server-test-only-secret-key-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def shared_database_url() -> str:
    """The address of the database the running test uses, for a server process to share it."""
    params = connection.settings_dict
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    return (
        f"postgres://{params['USER']}{password}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
        f"/{params['NAME']}"
    )


def server_environment(**variables: str) -> dict[str, str]:
    """The environment production runs in (DEBUG off) over plain HTTP, plus `variables`."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CELERY_BROKER_URL", "DATABASE_REPLICA_URL", "DATABASE_POOL"}
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "SECURE_SSL_REDIRECT": "0",
        **variables,
    }


@contextmanager
def gunicorn(**variables: str) -> Iterator[str]:
    """A gunicorn started as production starts it, with `variables` in its environment; yields its address."""
    port = free_port()
    env = server_environment(GUNICORN_BIND=f"127.0.0.1:{port}", **variables)
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
    with _process(command, env) as server:
        address = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{address}/robots.txt", timeout=5).close()
                break
            except OSError:
                assert server.poll() is None, f"gunicorn stopped: {output_of(server)}"
                assert time.monotonic() < deadline, "gunicorn did not start within a minute"
                time.sleep(0.3)
        yield address


@contextmanager
def celery_worker(**variables: str) -> Iterator[subprocess.Popen]:
    """`celery -A factcheck worker` in one process (the solo pool), as production starts it."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "factcheck",
        "worker",
        "--pool",
        "solo",
        "--loglevel",
        "INFO",
    ]
    with _process(command, server_environment(**variables)) as worker:
        yield worker


@contextmanager
def _process(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen]:
    # Its output goes to a file, not a pipe nobody reads until the end, which could fill and stall it.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        process.log = log
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def output_of(process: subprocess.Popen) -> str:
    """What a process started here has printed so far (the end of it)."""
    process.log.seek(0)
    return process.log.read().decode(errors="replace")[-5000:]


def request(method: str, url: str, *, body: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) of one HTTP request; error statuses are answers too."""
    call = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(call, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
