"""Production settings: `check --deploy` with the README's environment is clean, and HTTPS is enforced."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SETTINGS_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_COOKIES",
    # Set by the browser tests' fixture in the same process (tests/browser/conftest.py); a deployment has none.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def readme_production_env() -> dict[str, str]:
    """The variables the README's "Running in production" block exports, with a generated key."""
    block = (ROOT / "README.md").read_text().split("## Running in production", 1)[1].split("```", 2)[1]
    env = {}
    for line in block.splitlines():
        if line.startswith("export "):
            for name, value in re.findall(r'(\w+)=("[^"]*"|\S+)', line):
                env[name] = value
    env["SECRET_KEY"] = "k" + "".join(chr(ord("a") + (n * 7) % 26) for n in range(60))
    return env


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {name: value for name, value in os.environ.items() if name not in SETTINGS_VARIABLES}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_readme_production_env_passes_check_deploy_without_a_warning():
    env = readme_production_env()
    assert {"DEBUG", "DATABASE_URL", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS"} <= set(env)

    result = run("check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "True 31536000 True True"),
        ({"SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0"}, "False 0 False False"),
        ({"SECURE_HSTS_SECONDS": "3600"}, "True 3600 True True"),
    ],
)
def test_https_redirect_and_hsts_are_on_by_default_and_switchable(env, expected):
    code = (
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )

    result = run("shell", "-c", code, **readme_production_env(), **env)

    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr


def test_development_serves_plain_http():
    result = run(
        "shell", "-c", "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT)", DEBUG="1"
    )

    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_an_hsts_duration_that_is_not_a_number_stops_the_process():
    result = run("check", **readme_production_env(), SECURE_HSTS_SECONDS="a year")

    assert result.returncode != 0 and "SECURE_HSTS_SECONDS" in result.stderr


@pytest.mark.parametrize("command", ["check", "migrate", "import_claimreview"])
def test_a_command_without_secret_key_says_so_in_one_line(command):
    env = readme_production_env()
    del env["SECRET_KEY"]

    result = run(command, **env)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "SECRET_KEY is required when DEBUG is off" in lines[0]
