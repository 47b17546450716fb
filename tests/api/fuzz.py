"""Fuzz the API with schemathesis against its own OpenAPI schema, as an anonymous client and as a reviewer.

    .venv/bin/python -m tests.api.fuzz [--examples 100] [--port 8104] [--database-url URL]

Builds a throwaway database (PostgreSQL `factcheck_fuzz` on 127.0.0.1:5432 by default, created and
dropped; FUZZ_DATABASE_URL or --database-url points elsewhere, a sqlite:/// URL works too), migrates
it, loads the demo and gives the demo reviewer a token; serves the project with gunicorn on
127.0.0.1:PORT as in production (DEBUG off; throttling raised out of the way), then runs
`schemathesis run` with every check and at least --examples cases per operation, once without
credentials and once with the reviewer's token. Prints each run's summary, leaves their JUnit
reports in artifacts/fuzz/, and exits non-zero when either run found a failure.
"""

import argparse
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REPORTS = ROOT / "artifacts" / "fuzz"
DEFAULT_DATABASE = os.environ.get("FUZZ_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck_fuzz")


def environment(database_url: str, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on the loopback: no redirect to HTTPS, cookies without the secure flag.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "0",
        # Thousands of requests a minute from one address are the point here, not an attack.
        "API_ANON_RATE": "1000000/minute",
        "API_USER_RATE": "1000000/minute",
        "API_TOKEN_RATE": "1000000/minute",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_TIMEOUT": "120",
    }


def manage(env: dict[str, str], *arguments: str, debug: bool = False) -> str:
    env = {**env, "DEBUG": "1"} if debug else env
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def recreate_postgres(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    server = database_url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{parts.path.lstrip("/")}"')


def drop_postgres(database_url: str) -> None:
    import psycopg

    server = database_url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{urlsplit(database_url).path.lstrip("/")}" WITH (FORCE)')


def prepare(env: dict[str, str]) -> str:
    """Migrate, load the demo, and return a token of the demo reviewer."""
    manage(env, "migrate", "--noinput")
    manage(env, "loaddemo", debug=True)
    return manage(env, "drf_create_token", "reviewer").split()[2]


def wait_for(url: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            sys.exit("The server stopped before it answered.")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"{url} did not answer within a minute.")


def fuzz(base: str, *, name: str, examples: int, headers: list[str]) -> int:
    """Run schemathesis once; its exit status (0 when nothing failed)."""
    command = [
        str(BIN / "schemathesis"),
        "run",
        f"{base}/api/schema/?format=json",
        "--url",
        base,
        "--checks",
        "all",
        "--max-examples",
        str(examples),
        "--seed",
        "15",
        "--workers",
        "2",
        "--request-timeout",
        "60",
        "--suppress-health-check",
        "all",
        "--report",
        "junit",
        "--report-junit-path",
        str(REPORTS / f"{name}.xml"),
        *(part for header in headers for part in ("--header", header)),
    ]
    print(f"\n== schemathesis as {name}: {examples} examples per operation, all checks ==", flush=True)
    return subprocess.run(command, cwd=ROOT).returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="cases per operation (at least)")
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--as", dest="roles", choices=["anonymous", "reviewer"], action="append")
    options = parser.parse_args()
    REPORTS.mkdir(parents=True, exist_ok=True)
    postgres = options.database_url.startswith("postgres")
    if postgres:
        recreate_postgres(options.database_url)
    env = environment(options.database_url, options.port)
    server = None
    try:
        token = prepare(env)
        server = subprocess.Popen([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"], cwd=ROOT, env=env)
        base = f"http://127.0.0.1:{options.port}"
        wait_for(f"{base}/api/schema/?format=json", server)
        results = {}
        for role in options.roles or ["anonymous", "reviewer"]:
            headers = [f"Authorization: Token {token}"] if role == "reviewer" else []
            results[role] = fuzz(base, name=role, examples=options.examples, headers=headers)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if postgres:
            drop_postgres(options.database_url)
    print(
        "\n"
        + ", ".join(f"as {role}: {'passed' if code == 0 else 'FAILED'}" for role, code in results.items())
    )
    sys.exit(0 if not any(results.values()) else 1)


if __name__ == "__main__":
    main()
