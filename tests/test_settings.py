import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from factcheck.env import env_bool, env_database, env_list, env_rate, env_secret_key

ROOT = Path(__file__).resolve().parent.parent


def start(**env):
    """Start Django the way manage.py does, with only the given settings variables."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("Yes", True), ("off", False), ("", False)])
def test_booleans_are_read_in_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)

    assert env_bool("DEBUG", default=False) is expected


def test_a_boolean_that_is_not_one_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        env_bool("DEBUG", default=False)


def test_a_list_with_an_empty_item_is_refused(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org,,www.example.org")

    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        env_list("ALLOWED_HOSTS", default=[])


def test_a_list_is_split_on_commas(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org, www.example.org")

    assert env_list("ALLOWED_HOSTS", default=[]) == ["example.org", "www.example.org"]


def test_production_needs_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required"):
        env_secret_key("SECRET_KEY", debug=False)
    assert env_secret_key("SECRET_KEY", debug=True)


def test_a_short_secret_key_is_refused(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "short")

    with pytest.raises(ImproperlyConfigured, match="at least 32"):
        env_secret_key("SECRET_KEY", debug=False)


@pytest.mark.parametrize("url", ["mysql://root@localhost/db", "nonsense", "postgres://localhost:notaport/db"])
def test_unsupported_database_urls_are_refused(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)

    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", default="sqlite:///db.sqlite3")


def test_postgres_url_is_understood(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck")

    config = env_database("DATABASE_URL", default="sqlite:///db.sqlite3")

    assert (config["ENGINE"], config["NAME"], config["HOST"]) == (
        "django.db.backends.postgresql",
        "factcheck",
        "127.0.0.1",
    )


def test_the_app_refuses_to_start_on_a_bad_value():
    result = start(DEBUG="perhaps")

    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_the_app_refuses_to_start_in_production_without_a_secret_key():
    result = start(DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_the_app_starts_with_development_defaults():
    result = start(DEBUG="1")

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("raw", ["30/second", "120/minute", "5000/hour", "1/day", "10/min"])
def test_throttle_rates_are_read_as_requests_per_period(monkeypatch, raw):
    monkeypatch.setenv("API_ANON_RATE", raw)

    assert env_rate("API_ANON_RATE", "120/minute") == raw


@pytest.mark.parametrize("raw", ["lots", "120", "120/fortnight", "0/minute", "-5/minute", "/minute"])
def test_a_throttle_rate_that_is_not_one_is_refused_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("API_ANON_RATE", raw)

    with pytest.raises(ImproperlyConfigured, match="API_ANON_RATE"):
        env_rate("API_ANON_RATE", "120/minute")


def test_a_bad_throttle_rate_stops_the_process_at_start():
    result = start(DEBUG="1", API_USER_RATE="fast")

    assert result.returncode != 0 and "API_USER_RATE" in result.stderr


@pytest.mark.django_db
@pytest.mark.skipif("postgres" not in os.environ.get("DATABASE_URL", ""), reason="a PostgreSQL setting")
def test_postgresql_connections_compile_no_query_with_jit():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def settings_of(**env) -> dict:
    """A few settings as a process started with `env` (and no service addresses of ours) reads them."""
    services = {
        "REDIS_URL",
        "CELERY_BROKER_URL",
        "CELERY_TASK_ALWAYS_EAGER",
        "DATABASE_POOL",
        "DATABASE_REPLICA_URL",
    }
    clean = {k: v for k, v in os.environ.items() if k not in services and k != "DATABASE_URL"}
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({"
        "'cache': s.CACHES['default']['BACKEND'], 'location': s.CACHES['default'].get('LOCATION'), "
        "'broker': s.CELERY_BROKER_URL, 'eager': s.CELERY_TASK_ALWAYS_EAGER, 'validators': s.CACHE_VALIDATORS, "
        "'databases': {alias: {'options': c.get('OPTIONS', {}), 'name': c['NAME'], 'max_age': c['CONN_MAX_AGE']} "
        "for alias, c in s.DATABASES.items()}, 'routers': s.DATABASE_ROUTERS, 'middleware': s.MIDDLEWARE}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "factcheck.settings", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_redis_the_cache_is_in_process_and_tasks_run_eagerly():
    # What `make run` gets: no Redis, no worker, nothing to start but Django.
    found = settings_of()

    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["eager"] is True and found["broker"] == "memory://"
    assert found["validators"] is False  # another process's changes would never reach this cache


def test_redis_url_gives_a_shared_cache_and_the_broker():
    found = settings_of(REDIS_URL="redis://127.0.0.1:6379/3")

    assert (found["cache"], found["location"]) == ("factcheck.cache.RedisCache", "redis://127.0.0.1:6379/3")
    assert (found["broker"], found["eager"]) == ("redis://127.0.0.1:6379/3", False)
    assert found["validators"] is True


def test_a_broker_of_its_own_may_be_named():
    found = settings_of(
        REDIS_URL="redis://127.0.0.1:6379/3", CELERY_BROKER_URL="amqp://guest@127.0.0.1:5672//"
    )

    assert (found["broker"], found["eager"]) == ("amqp://guest@127.0.0.1:5672//", False)


@pytest.mark.parametrize("url", ["127.0.0.1:6379", "http://127.0.0.1:6379/0", "redis://127.0.0.1:port/0"])
def test_a_redis_address_that_is_not_one_stops_the_process_naming_it(url):
    result = start(DEBUG="1", REDIS_URL=url)

    assert result.returncode != 0 and "REDIS_URL" in result.stderr


def test_database_pool_turns_on_psycopgs_pool_for_postgresql():
    found = settings_of(DATABASE_URL="postgres://postgres@127.0.0.1:5432/factcheck", DATABASE_POOL="1")

    default = found["databases"]["default"]
    assert default["options"]["pool"]["max_size"] >= 1 and default["max_age"] == 0
    assert (
        "pool"
        not in settings_of(DATABASE_URL="postgres://postgres@127.0.0.1:5432/factcheck")["databases"][
            "default"
        ]["options"]
    )


def test_a_replica_url_adds_the_replica_and_its_router():
    found = settings_of(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/factcheck",
        DATABASE_REPLICA_URL="postgres://postgres@replica.internal:5432/factcheck",
    )

    assert found["databases"]["replica"]["name"] == "factcheck"
    assert found["databases"]["replica"]["options"]["options"] == "-c jit=off"
    assert found["routers"] == ["factcheck.database_routers.PrimaryReplicaRouter"]
    assert "factcheck.database_routers.ReplicaReadsMiddleware" in found["middleware"]


def test_with_a_replica_claims_validators_are_not_kept_in_the_shared_cache():
    # A reader could keep what the lagging replica still holds under a token a change has just started.
    found = settings_of(
        REDIS_URL="redis://127.0.0.1:6379/3",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/factcheck",
        DATABASE_REPLICA_URL="postgres://postgres@replica.internal:5432/factcheck",
    )

    assert found["validators"] is False


def test_check_deploy_warns_when_jobs_would_run_inside_web_requests():
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env={**clean, "DEBUG": "0", "SECRET_KEY": "k" * 60},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert "claims.W001" in result.stderr + result.stdout
