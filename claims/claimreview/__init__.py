"""ClaimReview exchange: our markup and export, and the import of other fact-checkers' reviews."""
