from tests.api.conftest import _fresh_throttle_counts, api, as_role

__all__ = ["_fresh_throttle_counts", "api", "as_role"]
