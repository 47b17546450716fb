from tests.api.conftest import _fresh_throttle_counts, api, as_role
from tests.browser.conftest import migrated_rows

__all__ = ["_fresh_throttle_counts", "api", "as_role", "migrated_rows"]
