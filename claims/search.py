"""Full-text search over published claims: the sentence, the explanation and the quoted words, best first.

What "best first" means: every match falls in one of three tiers, and results
come tier by tier, each tier the most recently published first (then the
highest id):

1. the claim's sentence alone holds the words searched for;
2. the sentence and the explanation together hold them;
3. the quoted words are needed as well.

PostgreSQL matches with its English full-text search (stemming, so "expelled"
finds "expel"; websearch syntax: "quoted phrases", or, -excluded), over a
vector stored per claim with weights A/B/C for sentence/explanation/quotes and
a GIN index (migrations/0013_claim_search_vector.py); a tier is a match of the
vector filtered to its weights (ts_filter). SQLite, the zero-set-up default,
requires every word to appear somewhere (icontains), in the same tiers.

A page of results is read by `ranked_page()` in one query: each tier's first
matches in the tier's order (newest first, which the index of published claims
serves, so a common word stops after a page of matches and a rare word is
looked up through the GIN index), merged in rank order. Nothing ranks every
match of a common word. Results are counted up to COUNTED_MATCHES.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.functional import cached_property

from claims.models import Claim, Quote
from claims.paging import ids_of

SEARCH_CONFIG = "english"
SENTENCE, EXPLANATION, QUOTED = 1, 2, 3  # the tiers, best first
TIERS = (SENTENCE, EXPLANATION, QUOTED)
TIER = "search_tier"  # the annotation search_claims() adds
# Whether the sentence alone holds the words, and whether the sentence and explanation do (aliases).
IN_SENTENCE, IN_TEXT = "search_in_sentence", "search_in_text"
# Each tier as conditions on those: ones the planner estimates from the vector's statistics.
TIER_CONDITIONS = {
    SENTENCE: {IN_SENTENCE: True},
    EXPLANATION: {IN_SENTENCE: False, IN_TEXT: True},
    QUOTED: {IN_TEXT: False},
}
# A search counts its matches up to this many; pages go no further than the first COUNTED_MATCHES.
COUNTED_MATCHES = 1_000


@dataclass(frozen=True)
class Position:
    """Where a result stands in the ranking: its tier, when it was published (None for a draft), its id."""

    tier: int
    published_at: datetime | None
    id: int

    @classmethod
    def of(cls, claim: Claim) -> "Position":
        return cls(getattr(claim, TIER), claim.published_at, claim.pk)


def search_claims(claims: QuerySet[Claim], text: str) -> QuerySet[Claim]:
    """Claims from `claims` that match `text`, annotated with their tier and ordered best first.

    Read a page of them with ranked_page(): iterating the whole queryset sorts every match."""
    text = " ".join(text.split())[:200]
    if not text:
        return claims
    search = _postgres_search if connection.vendor == "postgresql" else _simple_search
    matches, in_sentence, in_text = search(claims, text)
    tier = Case(
        When(**{IN_SENTENCE: True}, then=Value(SENTENCE)),
        When(**{IN_TEXT: True}, then=Value(EXPLANATION)),
        default=Value(QUOTED),
    )
    return (
        matches.alias(**{IN_SENTENCE: in_sentence, IN_TEXT: in_text})
        .annotate(**{TIER: tier})
        .order_by(TIER, *RANK_ORDER)
    )


def is_ranked(claims: QuerySet[Claim]) -> bool:
    """Whether `claims` are a search's matches in rank order (search_claims() with words)."""
    return TIER in claims.query.annotations


# Within a tier: newest first. Drafts (staff only) have no date and come first, as PostgreSQL sorts
# NULL first in a descending order anyway (so the index of published claims serves this order).
RANK_ORDER = (F("published_at").desc(nulls_first=True), F("id").desc())
REVERSE_ORDER = (F("published_at").asc(nulls_last=True), F("id").asc())


def ranked_page(
    matches: QuerySet[Claim],
    *,
    size: int,
    offset: int = 0,
    after: Position | None = None,
    before: Position | None = None,
) -> list[Claim]:
    """`size` matches of search_claims() in rank order, in one query: from `offset`, or the next after
    `after`, or the last `size` before `before` (still in rank order).

    Each tier's first offset + size candidates (in the tier's order, where an index can stop early)
    are chosen by a subquery, and only those are ranked."""
    if size <= 0:
        return []
    position, reverse = (before, True) if before is not None else (after, False)
    wanted = offset + size
    order = (F(TIER).desc(), *REVERSE_ORDER) if reverse else (F(TIER).asc(), *RANK_ORDER)
    if not connection.features.supports_slicing_ordering_in_compound:  # SQLite: one sorted query
        if position is not None:
            beyond, within = (f"{TIER}__lt", _before) if reverse else (f"{TIER}__gt", _after)
            matches = matches.filter(
                Q(**{beyond: position.tier}) | Q(Q(**{TIER: position.tier}), within(position))
            )
        page = list(matches.order_by(*order)[offset:wanted])
        return page[::-1] if reverse else page
    branches = []
    for tier in reversed(TIERS) if reverse else TIERS:
        if position is not None and (tier < position.tier if not reverse else tier > position.tier):
            continue
        branch = matches.filter(**TIER_CONDITIONS[tier])
        if position is not None and tier == position.tier:
            branch = branch.filter(_before(position) if reverse else _after(position))
        branches.append(ids_of(branch.order_by(*(REVERSE_ORDER if reverse else RANK_ORDER)))[:wanted])
    if not branches:
        return []
    chosen = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    page = list(matches.filter(pk__in=chosen).order_by(*order)[offset:wanted])
    return page[::-1] if reverse else page


def _after(position: Position) -> Q:
    """Claims of `position`'s tier that come after it (newest first, undated drafts first)."""
    if position.published_at is None:
        return Q(published_at__isnull=False) | Q(published_at__isnull=True, id__lt=position.id)
    # The first condition bounds the index scan; the second breaks ties of the same moment by id.
    return Q(published_at__lte=position.published_at) & (
        Q(published_at__lt=position.published_at) | Q(id__lt=position.id)
    )


def _before(position: Position) -> Q:
    """Claims of `position`'s tier that come before it."""
    if position.published_at is None:
        return Q(published_at__isnull=True, id__gt=position.id)
    return (
        Q(published_at__isnull=True)
        | Q(published_at__gt=position.published_at)
        | Q(published_at=position.published_at, id__gt=position.id)
    )


def count_matches(matches: QuerySet[Claim]) -> int:
    """How many claims match, counted up to COUNTED_MATCHES + 1 (more than COUNTED_MATCHES: "1,000+")."""
    return ids_of(matches.order_by())[: COUNTED_MATCHES + 1].count()


class RankedPaginator(Paginator):
    """Numbered pages of a search's matches (search_claims()) in rank order, each read by ranked_page().

    The matches are counted up to COUNTED_MATCHES, so the pages end there: `more` says whether further
    matches exist beyond them."""

    @cached_property
    def _counted(self) -> int:
        return count_matches(self.object_list)

    @cached_property
    def count(self) -> int:
        return min(self._counted, COUNTED_MATCHES)

    @property
    def more(self) -> bool:
        return self._counted > COUNTED_MATCHES

    def page(self, number) -> Page:
        number = self.validate_number(number)
        offset = (number - 1) * self.per_page
        return self._get_page(ranked_page(self.object_list, offset=offset, size=self.per_page), number, self)


class _Matches(Func):
    """`vector @@ query`, as a condition."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class _StoredVector(Expression):
    """The claim's stored vector (migration 0013), read from the claim table of the query it is used in
    (a subquery's own alias included); the ORM does not load it with the claims."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())
        self.alias = None

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        resolved = self.copy()
        resolved.alias = query.get_initial_alias()
        return resolved

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(self.alias)}.search_vector", []


# Each quoted lexeme of a tsquery's text form ('it''s' is one), to be given weights.
LEXEME = r"('(?:[^']|'')*')".replace("'", "''")


class _Weighted(Func):
    """The query with each of its words restricted to the given weights ('expel' & 'spi' <-> 'ring' for
    A becomes 'expel':A & 'spi':A <-> 'ring':A): PostgreSQL computes it once, as a constant, and estimates
    how many claims it matches from the vector's statistics, so it reads a tier in the index's order."""

    template = f"regexp_replace((%(expressions)s)::text, '{LEXEME}', '\\1:%(weights)s', 'g')::tsquery"

    def __init__(self, query, weights: str):
        from django.contrib.postgres.search import SearchQueryField

        super().__init__(query, weights=weights, output_field=SearchQueryField())


def _postgres_search(claims: QuerySet[Claim], text: str):
    from django.contrib.postgres.search import SearchQuery

    # Matched through the GIN index; the tiers are matches of the words given weight A (the sentence)
    # or A and B (the sentence and the explanation).
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    vector = _StoredVector()
    return (
        claims.filter(_Matches(vector, query)),
        _Matches(vector, _Weighted(query, "A")),
        _Matches(vector, _Weighted(query, "AB")),
    )


def _simple_search(claims: QuerySet[Claim], text: str):
    in_sentence = in_text = Q(pk__isnull=False)
    for word in re.findall(r"\w+", text)[:10]:
        in_quotes = Exists(Quote.objects.filter(claim=OuterRef("pk"), exact__icontains=word))
        claims = claims.filter(Q(text__icontains=word) | Q(explanation__icontains=word) | in_quotes)
        in_sentence &= Q(text__icontains=word)
        in_text &= Q(text__icontains=word) | Q(explanation__icontains=word)
    return (
        claims,
        ExpressionWrapper(in_sentence, output_field=BooleanField()),
        ExpressionWrapper(in_text, output_field=BooleanField()),
    )
