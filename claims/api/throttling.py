from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle


class AnonThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]


class UserThrottle(UserRateThrottle):
    """Signed-in clients at API_USER_RATE. An anonymous client is AnonThrottle's alone: DRF's own would
    count it a second time, against the rate meant for signed-in clients, a cache round trip more."""

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["user"]

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


class ScopedThrottle(ScopedRateThrottle):
    """DRF's per-view scopes (a view's throttle_scope), with the rates read from settings on each request.

    As in DRF, a scope without a rate is not throttled.
    """

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].get(self.scope)
