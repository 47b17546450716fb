"""The editors' and reviewers' admin, one module per model family; importing them registers them."""

from claims.admin import claim, conflict, external_review, quote, source, suggestions, watch  # noqa: F401
