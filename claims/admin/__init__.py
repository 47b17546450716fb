"""The editors' and reviewers' admin, one module per model family; importing them registers them."""

from claims.admin import (  # noqa: F401
    claim,
    conflict,
    external_review,
    job,
    quote,
    source,
    suggestions,
    watch,
)
