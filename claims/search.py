"""Full-text search over published claims: the sentence, the explanation and the quoted words.

PostgreSQL ranks matches with its English full-text search (stemming, so
"expelled" finds "expel"; weights A/B/C for sentence/explanation/quotes),
over a vector stored per claim and indexed (migrations/0013_claim_search_vector.py).
SQLite, the zero-set-up default, falls back to requiring every word to
appear somewhere, newest first.
"""

import re

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from claims.models import Claim, Quote

SEARCH_CONFIG = "english"


def search_claims(claims: QuerySet[Claim], text: str) -> QuerySet[Claim]:
    """Claims from `claims` that match `text`, best first."""
    text = " ".join(text.split())[:200]
    if not text:
        return claims
    if connection.vendor == "postgresql":
        return _postgres_search(claims, text)
    return _simple_search(claims, text)


def _postgres_search(claims: QuerySet[Claim], text: str) -> QuerySet[Claim]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField

    # Stored by the database itself (migration 0013): the sentence, explanation and quoted words, weighted
    # A/B/C, behind a GIN index; the ORM does not load it with the claims.
    vector = RawSQL(f'"{Claim._meta.db_table}"."search_vector"', [], output_field=SearchVectorField())
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    # Match with @@, not rank > 0: PostgreSQL ranks a non-match 1e-20, not 0.
    return (
        claims.alias(search_document=vector)
        .filter(search_document=query)
        .annotate(search_rank=SearchRank(vector, query))
        .order_by("-search_rank", "-published_at")
    )


def _simple_search(claims: QuerySet[Claim], text: str) -> QuerySet[Claim]:
    for word in re.findall(r"\w+", text)[:10]:
        in_quotes = Exists(Quote.objects.filter(claim=OuterRef("pk"), exact__icontains=word))
        claims = claims.filter(Q(text__icontains=word) | Q(explanation__icontains=word) | in_quotes)
    return claims.order_by("-published_at")
