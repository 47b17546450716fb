"""Settings for bench/serve.py: the project's own, plus the two reference views of bench/urls.py."""

import os

from factcheck.settings import *  # noqa: F403
from factcheck.settings import CACHES, DATABASES

ROOT_URLCONF = "bench.urls"

# A query still running after 25 s is cancelled, so that the page answers 500 before gunicorn's 30 s
# timeout kills its worker (a new worker takes seconds to start, which the next page would pay for),
# and no abandoned query keeps the database busy.
OPTIONS = DATABASES["default"].setdefault("OPTIONS", {})
OPTIONS["options"] = f"{OPTIONS.get('options', '')} -c statement_timeout=25000".strip()

# Each run keeps its cache entries under a prefix of its own (bench/serve.py): data built or copied by
# SQL moves no claim's validator, so what an earlier run kept must not be read.
if prefix := os.environ.get("BENCH_CACHE_PREFIX"):
    CACHES["default"]["KEY_PREFIX"] = prefix
