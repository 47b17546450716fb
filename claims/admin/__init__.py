"""The editors' and reviewers' admin, one module per model family; importing them registers them."""

from claims.admin import claims, suggestions  # noqa: F401
