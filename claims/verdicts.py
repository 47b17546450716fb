"""Our verdicts on a fixed scale, and their mapping onto ClaimReview's reviewRating."""

from django.db import models

BEST_RATING = 5
WORST_RATING = 1


class Verdict(models.TextChoices):
    TRUE = "true", "True"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    MIXED = "mixed", "Mixed"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    FALSE = "false", "False"
    UNPROVEN = "unproven", "Unproven"
    DISPUTED = "disputed", "Disputed"


# Unproven and Disputed have no place on the scale: ClaimReview leaves ratingValue out.
VERDICT_VALUES: dict[str, int | None] = {
    Verdict.TRUE: 5,
    Verdict.MOSTLY_TRUE: 4,
    Verdict.MIXED: 3,
    Verdict.MOSTLY_FALSE: 2,
    Verdict.FALSE: 1,
    Verdict.UNPROVEN: None,
    Verdict.DISPUTED: None,
}


def review_rating(verdict: str) -> dict:
    """The schema.org Verdict object for one of our verdicts."""
    label = Verdict(verdict).label
    value = VERDICT_VALUES[verdict]
    result = {
        "@type": "Rating",
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": label,
    }
    if value is not None:
        result["ratingValue"] = value
    return result
