"""Typed readers for settings taken from environment variables.

Each reader refuses a value it cannot understand with an ImproperlyConfigured
error naming the variable, so a typo stops the process at start instead of
running with a silently different configuration.
"""

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(TRUE_WORDS | FALSE_WORDS)}, got {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, got {raw!r}.")
    return int(raw)


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(not item or " " in item for item in items):
        raise ImproperlyConfigured(
            f"{name} must be a comma-separated list without empty items or spaces, got {raw!r}."
        )
    return items


RATE_PERIODS = ("second", "minute", "hour", "day")


def env_rate(name: str, default: str) -> str:
    """A throttle rate as DRF reads it: "<requests>/<period>", such as "120/minute"."""
    raw = os.environ.get(name, "").strip() or default
    count, _, period = raw.partition("/")
    if (
        not count.isdigit()
        or int(count) < 1
        or not any(p.startswith(period) for p in RATE_PERIODS)
        or not period
    ):
        raise ImproperlyConfigured(
            f"{name} must be a number of requests per second, minute, hour or day, such as "
            f"'120/minute', got {raw!r}."
        )
    return raw


def env_secret_key(name: str, *, debug: bool) -> str:
    raw = os.environ.get(name, "")
    if raw:
        if len(raw) < 32:
            raise ImproperlyConfigured(f"{name} must be at least 32 characters long.")
        return raw
    if debug:
        return "insecure-development-key-never-use-in-production"
    raise ImproperlyConfigured(
        f"{name} is required when DEBUG is off: set it to a long random string, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )


def env_database(name: str, default: str) -> dict:
    raw = os.environ.get(name, "").strip() or default
    scheme = urlsplit(raw).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(f"{name} must be a sqlite:/// or postgres:// URL, got scheme {scheme!r}.")
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} could not be parsed: {error}") from error
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} must name a database, got {raw!r}.")
    return config


def env_url(name: str, *, schemes: set[str], default: str = "") -> str:
    """A service address such as redis://127.0.0.1:6379/0, refused unless its scheme is one of `schemes`."""
    raw = os.environ.get(name, "").strip() or default
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in schemes or not parts.hostname:
        raise ImproperlyConfigured(
            f"{name} must be a {' or '.join(sorted(f'{s}://' for s in schemes))} address with a host, got {raw!r}."
        )
    try:
        parts.port  # noqa: B018 -- reading it validates it
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a port that is not a number: {raw!r}.") from None
    return raw
