"""The fixed rating scale and its mapping onto ClaimReview's reviewRating."""

from django.db import models

BEST_RATING = 5
WORST_RATING = 1


class Rating(models.TextChoices):
    TRUE = "true", "True"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    MIXED = "mixed", "Mixed"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    FALSE = "false", "False"
    UNPROVEN = "unproven", "Unproven"
    DISPUTED = "disputed", "Disputed"


# Unproven and Disputed have no place on the scale: ClaimReview leaves ratingValue out.
RATING_VALUES: dict[str, int | None] = {
    Rating.TRUE: 5,
    Rating.MOSTLY_TRUE: 4,
    Rating.MIXED: 3,
    Rating.MOSTLY_FALSE: 2,
    Rating.FALSE: 1,
    Rating.UNPROVEN: None,
    Rating.DISPUTED: None,
}


def review_rating(rating: str) -> dict:
    """The schema.org Rating object for one of our verdicts."""
    label = Rating(rating).label
    value = RATING_VALUES[rating]
    result = {
        "@type": "Rating",
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": label,
    }
    if value is not None:
        result["ratingValue"] = value
    return result
