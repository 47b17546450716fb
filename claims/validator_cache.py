"""Each public claim's validator, and what was made from it, kept in the shared cache: no query per 304.

A reader asks for a claim by its slug. The cache holds a token per slug, and
everything read or rendered for that claim (its validator, its page) is kept
under the token that was current before the database was read; a request reads the
token and what is kept under it in one round trip (factcheck/cache.py). Every change
that moves a claim's `changed_at` (claims/freshness.py, Claim.save, a deleted
claim, a retired slug) forgets the slug's token at once and again once its
transaction has committed. The next reader starts a new token and reads the
database again; whatever a reader still holding the old token stores, even
what it read before the change committed, lies under a token no one asks for
again. No timing is assumed: the token is never compared, only replaced.

Only with a cache every server process shares and no replica
(settings.CACHE_VALIDATORS): an in-process cache would never hear of a change
made by another process, and a reader of a lagging replica could keep the old
rows under a token started after the change. Staff always read the database:
they see more than readers.
"""

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction

SECONDS = 24 * 3600
PLACEHOLDER = "{named}"  # what the Redis cache's get_named_by() replaces (factcheck/cache.py)


def enabled() -> bool:
    return settings.CACHE_VALIDATORS


def _token_key(slug: str) -> str:
    return f"claim-token:{slug}"


def _key(kind: str, slug: str, token: str, parts: tuple[str, ...]) -> str:
    return ":".join((f"claim-{kind}", slug, token, *parts))


@dataclass
class Slot:
    """What one request may read from and keep in the cache for the claim at `slug`."""

    slug: str
    token: int | None  # None: nothing is cached for this request
    found: dict = field(default_factory=dict)  # what is kept under the token, by key()

    def key(self, kind: str, *parts: str) -> str:
        return _key(kind, self.slug, str(self.token), parts)

    def keep(self, key: str, value) -> None:
        if self.token is not None:
            cache.set(key, value, SECONDS)

    def validator(self, read: Callable[[], dict | None]) -> dict | None:
        """The claim's validator (ClaimQuerySet.validators()) from the cache, else `read()` and kept."""
        key = self.key("validator")
        if (validator := self.found.get(key)) is not None:
            return validator
        if (validator := read()) is not None:
            self.keep(key, validator)
        return validator


def slot(
    slug: str,
    *,
    reader_is_public: bool,
    reading: Iterable[tuple[str, ...]] = (("validator",),),
    found: tuple | None = None,
) -> Slot:
    """The cache slot of a claim's public record: its current token (started when there is none) and what
    is kept under it among `reading` (each a key()'s kind and parts), read in one round trip; or, as
    `found`, the answer to reading wanted(slug, reading) already read in another (claims/api/throttling.py)."""
    if not (reader_is_public and enabled()):
        return Slot(slug, None)
    reading = list(reading)
    wanted_key, templates = wanted(slug, reading)
    token, values = found if found is not None else _read_named(wanted_key, templates)
    if token is not None:
        parts = [(kind, tuple(parts)) for kind, *parts in reading]
        kept = {
            _key(kind, slug, str(token), parts): value
            for (kind, parts), value in zip(parts, values, strict=True)
        }
        return Slot(slug, token, {key: value for key, value in kept.items() if value is not None})
    token = secrets.randbits(62)  # an int: stored as digits, so that a key can be named after it
    # Two readers may start one at once: the first stored wins and the other uses it.
    if cache.add(_token_key(slug), token, SECONDS):
        return Slot(slug, token)  # nothing is kept under a new token yet
    return Slot(slug, cache.get(_token_key(slug)) or token)  # gone again: a token of its own, never read


def wanted(slug: str, reading: Iterable[tuple[str, ...]] = (("validator",),)) -> tuple[str, list[str]]:
    """What slot() reads: the key of the slug's token, and the keys of `reading` with PLACEHOLDER for it."""
    return _token_key(slug), [_key(kind, slug, PLACEHOLDER, tuple(parts)) for kind, *parts in reading]


def _read_named(key: str, templates: list[str]) -> tuple:
    if hasattr(cache, "get_named_by"):  # the Redis cache of factcheck/cache.py: one round trip
        return cache.get_named_by(key, templates)
    if (token := cache.get(key)) is None:
        return None, [None] * len(templates)
    named = [template.replace(PLACEHOLDER, str(token)) for template in templates]
    found = cache.get_many(named)
    return token, [found.get(name) for name in named]


def forget(slugs: Iterable[str], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """What was kept for these claims is read no more: now, and once the change being made commits."""
    if not enabled() or not (keys := sorted({_token_key(slug) for slug in slugs if slug})):
        return
    cache.delete_many(keys)
    # A reader between now and the commit still reads the old rows, and may keep them under the token
    # it starts: the commit forgets that one too.
    transaction.on_commit(lambda: cache.delete_many(keys), using=using)
