"""Each public claim's validator, and what was made from it, kept in the shared cache: no query per 304.

A reader asks for a claim by its slug. The cache holds a token per slug, and
everything read or rendered for that claim (its validator, its page) is kept
under the token that was current before the database was read. Every change
that moves a claim's `changed_at` (claims/freshness.py, Claim.save, a deleted
claim, a retired slug) forgets the slug's token at once and again once its
transaction has committed. The next reader starts a new token and reads the
database again; whatever a reader still holding the old token stores, even
what it read before the change committed, lies under a token no one asks for
again. No timing is assumed: the token is never compared, only replaced.

Only with a cache every server process shares (settings.CACHE_VALIDATORS,
on with REDIS_URL): an in-process cache would never hear of a change made by
another process. Staff always read the database: they see more than readers.
"""

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction

SECONDS = 24 * 3600


def enabled() -> bool:
    return settings.CACHE_VALIDATORS


def _token_key(slug: str) -> str:
    return f"claim-token:{slug}"


@dataclass
class Slot:
    """What one request may read from and keep in the cache for the claim at `slug`."""

    slug: str
    token: str | None  # None: nothing is cached for this request
    found: dict = field(default_factory=dict)  # what read() found
    asked: bool = False

    def key(self, kind: str, *parts: str) -> str:
        return ":".join((f"claim-{kind}", self.slug, self.token or "", *parts))

    def read(self, *keys: str) -> dict:
        """The entries among `keys` (made by key()) kept under this slot's token, in one round trip."""
        if self.token is not None:
            self.found, self.asked = cache.get_many(keys), True
        return self.found

    def keep(self, key: str, value) -> None:
        if self.token is not None:
            cache.set(key, value, SECONDS)

    def validator(self, read: Callable[[], dict | None]) -> dict | None:
        """The claim's validator (ClaimQuerySet.validators()) from the cache, else `read()` and kept."""
        key = self.key("validator")
        if (validator := (self.found if self.asked else self.read(key)).get(key)) is not None:
            return validator
        if (validator := read()) is not None:
            self.keep(key, validator)
        return validator


def slot(slug: str, *, reader_is_public: bool) -> Slot:
    """The cache slot of a claim's public record: the current token, started when there is none."""
    if not (reader_is_public and enabled()):
        return Slot(slug, None)
    key = _token_key(slug)
    if (token := cache.get(key)) is not None:
        return Slot(slug, token)
    token = secrets.token_hex(8)
    # Two readers may start one at once: the first stored wins and the other uses it.
    if cache.add(key, token, SECONDS):
        return Slot(slug, token, asked=True)  # nothing is kept under a new token yet
    return Slot(slug, cache.get(key) or token)  # gone again: a token of its own, never read


def forget(slugs: Iterable[str], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """What was kept for these claims is read no more: now, and once the change being made commits."""
    if not enabled() or not (keys := sorted({_token_key(slug) for slug in slugs if slug})):
        return
    cache.delete_many(keys)
    # A reader between now and the commit still reads the old rows, and may keep them under the token
    # it starts: the commit forgets that one too.
    transaction.on_commit(lambda: cache.delete_many(keys), using=using)
