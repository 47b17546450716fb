"""Settings for bench/serve.py: the project's own, plus the two reference views of bench/urls.py."""

from factcheck.settings import *  # noqa: F403
from factcheck.settings import DATABASES

ROOT_URLCONF = "bench.urls"

# A worker killed at gunicorn's timeout would otherwise leave its query running on the server,
# slowing every measurement after it.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c statement_timeout=30000"
