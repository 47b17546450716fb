"""The production server starts from the repository's gunicorn.conf.py and serves the site."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_serves_the_site_with_the_repository_config(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "DEBUG": "0",
        "SECRET_KEY": "gunicorn-test-only-secret-key-0123456789abcdef",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5) as response:
                    body = response.read().decode()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0].decode()

    assert f"Sitemap: http://127.0.0.1:{port}/sitemap.xml" in body
    assert log.count("Booting worker") == 2  # the config's two sync workers
