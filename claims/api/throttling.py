from django.conf import settings
from rest_framework.throttling import (
    AnonRateThrottle,
    ScopedRateThrottle,
    SimpleRateThrottle,
    UserRateThrottle,
)


class SharedLog(SimpleRateThrottle):
    """DRF's sliding log of a client's requests, kept by the Redis cache in one atomic round trip
    (factcheck/cache.py) where DRF reads and then writes it; as DRF's with any other cache.

    A view that will read entries named by another's value (claims/validator_cache.py) may have them read
    in that same round trip: its read_with_throttle() names them (a key and templates, or None) and its
    read_by_throttle() takes the answer, as the cache's get_named_by() gives it.
    """

    def allow_request(self, request, view):
        if self.rate is None or not hasattr(self.cache, "record_within"):
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        reading = getattr(view, "read_with_throttle", None)
        named = reading() if reading and hasattr(self.cache, "record_within_and_read_named") else None
        if named is None:
            allowed, count, oldest = self.cache.record_within(
                self.key, now=self.now, duration=self.duration, limit=self.num_requests
            )
        else:
            allowed, count, oldest, found = self.cache.record_within_and_read_named(
                self.key, now=self.now, duration=self.duration, limit=self.num_requests, named=named
            )
            view.read_by_throttle(found)
        # What wait() reads of DRF's history: how many requests it holds, and the oldest last.
        self.history = [self.now] * (count - 1) + [oldest if oldest is not None else self.now]
        return allowed


class AnonThrottle(AnonRateThrottle, SharedLog):
    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]


class UserThrottle(UserRateThrottle, SharedLog):
    """Signed-in clients at API_USER_RATE. An anonymous client is AnonThrottle's alone: DRF's own would
    count it a second time, against the rate meant for signed-in clients, a cache round trip more."""

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["user"]

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


class ScopedThrottle(ScopedRateThrottle, SharedLog):
    """DRF's per-view scopes (a view's throttle_scope), with the rates read from settings on each request.

    As in DRF, a scope without a rate is not throttled.
    """

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].get(self.scope)
