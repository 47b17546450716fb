"""The claims app's models, one module per family."""

from claims.models.claim import (
    Claim,
    ClaimQuerySet,
    ClaimStatus,
    Correction,
    CorrectionKind,
    FormerSlug,
    StaleEditError,
)
from claims.models.conflict import Conflict, ConflictKind, ConflictQuerySet, ConflictStatus
from claims.models.external_review import ExternalReview
from claims.models.fields import PeriodFields, QuantityFields, period_constraints, quantity_constraints
from claims.models.idempotency import IdempotencyKey
from claims.models.job import Job, JobKind, JobStatus
from claims.models.quote import Quote, QuoteQuerySet, QuoteStance, quoted
from claims.models.review_flag import ReviewFlag, ReviewFlagQuerySet
from claims.models.suggestion import (
    CitationSuggestion,
    QuoteSuggestion,
    Suggestion,
    SuggestionQuerySet,
    SuggestionStatus,
    suggestion_constraints,
)

__all__ = [
    "CitationSuggestion",
    "Claim",
    "ClaimQuerySet",
    "ClaimStatus",
    "Conflict",
    "ConflictKind",
    "ConflictQuerySet",
    "ConflictStatus",
    "Correction",
    "CorrectionKind",
    "ExternalReview",
    "FormerSlug",
    "IdempotencyKey",
    "Job",
    "JobKind",
    "JobStatus",
    "PeriodFields",
    "QuantityFields",
    "Quote",
    "QuoteQuerySet",
    "QuoteStance",
    "QuoteSuggestion",
    "ReviewFlag",
    "ReviewFlagQuerySet",
    "StaleEditError",
    "Suggestion",
    "SuggestionQuerySet",
    "SuggestionStatus",
    "period_constraints",
    "quantity_constraints",
    "quoted",
    "suggestion_constraints",
]
