"""The key part under which what lists every claim is kept in the cache: the home list's count and map of
pages (claims/paging.py), the sitemap files and index (claims/sitemaps.py) and the Atom feed (claims/feeds.py).

Every change to a claim moves the latest `changed_at` of all claims, which these keys carry, so the next
request makes them anew. A deleted claim moves nothing (its row is gone, and the latest change may even go
back to an older one, under which an older copy may still be kept), so the keys also carry a token that
every deletion forgets, at once and again once its transaction has committed, as claims/validator_cache.py
forgets a claim's: a reader between the two may keep what it read before the commit, but under a token
no one asks for again. The cache's own timeouts bound what it cannot reach: each process's in-process
cache (no REDIS_URL) hears of a deletion made in another process only when they expire.
"""

import secrets

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction

from claims.models import Claim

TOKEN_KEY = "claim-lists-token"
SECONDS = 24 * 3600


def lists_version() -> str:
    """What the lists of claims are kept under now: the latest change to any claim (one indexed query)
    and the current token (one cache read; a new one started when there is none)."""
    token = cache.get(TOKEN_KEY)
    if token is None:
        token = secrets.randbits(62)
        # Two readers may start one at once: the first stored wins and the other uses it.
        if not cache.add(TOKEN_KEY, token, SECONDS):
            token = cache.get(TOKEN_KEY) or token
    return f"{Claim.objects.latest_change()}:{token}"


def forget_lists(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """What was kept for the lists of claims is read no more: now, and once the change being made commits."""
    cache.delete(TOKEN_KEY)
    transaction.on_commit(lambda: cache.delete(TOKEN_KEY), using=using)
