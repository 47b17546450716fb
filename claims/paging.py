"""Numbered pages of the public list of claims, as cheap on page 4,000 as on page 1.

Django's Paginator counts every row for each page and reads a page with
OFFSET, which makes PostgreSQL compute each skipped row's annotations (flags,
quote and source counts) before throwing it away: page 2,000 of 93,000
published claims took seconds. Here a page's ids are chosen first by a
subquery that selects nothing but ids, read from the covering index of the
list's order (migration 0024_h16b_list_order_index) without reading the
table, and only those rows are loaded and annotated. The count is kept in
the cache under the latest change to any claim (and a token every deletion
replaces, claims/list_cache.py), so it is made once per change rather than
per request.

Walking the index to a deep page still cost a row per skipped claim (46,000
for the middle of 93,000: 10-20 ms). So beside the count the cache keeps a
sparse map of the list: the order's values (published time, id) of every
MAP_EVERY pages' last claim, read in one pass of the index once per change.
A deep page seeks in the index to the boundary before it and walks at most
MAP_EVERY pages from there; the same rows, in the same order, as an OFFSET.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet, Window
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.db.models.functions import RowNumber
from django.utils.functional import cached_property

from claims.list_cache import lists_version
from claims.models import Claim

# How long a count or map may serve at most: what no change reaches (a claim deleted in another process
# when each has its own cache) is right again after this.
COUNT_SECONDS = 300

# A boundary every this many pages: a page walks at most this many pages of the index past one.
MAP_EVERY = 10


def ids_of(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """`claims`' ids alone, as a subquery: the same SQL as values("pk"), without carrying the list's
    annotations (flags, counts, a search's tier), which the ORM would otherwise copy and relabel each
    time the subquery is put in another query: most of the CPU time of building a page. Filters on
    those annotations are kept (the WHERE clause holds the expressions themselves)."""
    ids = claims.values("pk")
    ids.query.annotations = {}
    return ids


class ClaimListPaginator(Paginator):
    """Pages of an ordered list of claims (any filters, any annotations): ids first, then the page."""

    map_every = MAP_EVERY

    @cached_property
    def _key(self) -> str:
        """The list's query, the latest change to any claim and the token deletions replace
        (claims/list_cache.py): what its count and map are kept under."""
        query = str(ids_of(self.object_list.order_by()).query)
        return hashlib.sha256(f"{query}|{lists_version()}".encode()).hexdigest()

    @cached_property
    def count(self) -> int:
        return cache.get_or_set(f"claim-list-count:{self._key}", self.object_list.count, COUNT_SECONDS)

    @cached_property
    def _order(self) -> tuple[list[str], bool] | None:
        """The list's order as field names and whether it is descending, when a map can seek in it:
        plain fields of the claim, all one way, ending with its id (so that no two rows tie)."""
        order = self.object_list.query.order_by
        if not order or not all(isinstance(field, str) for field in order):
            return None
        descending = {field.startswith("-") for field in order}
        names = [field.lstrip("-") for field in order]
        names = ["id" if name == "pk" else name for name in names]
        if len(descending) != 1 or names[-1] != "id":
            return None
        concrete = {field.name for field in Claim._meta.concrete_fields if not field.is_relation}
        if not set(names) <= concrete:
            return None
        return names, descending.pop()

    def _boundaries(self) -> list[tuple]:
        """The order's values of every (map_every × per_page)-th row of the list, read once per change."""
        return cache.get_or_set(
            f"claim-list-map:{self.per_page}:{self.map_every}:{self._key}",
            self._read_boundaries,
            COUNT_SECONDS,
        )

    def _read_boundaries(self) -> list[tuple]:
        names, descending = self._order
        step = self.map_every * self.per_page
        nullable = [name for name in names if Claim._meta.get_field(name).null]
        # A row with an empty (NULL) value sorts before or after all others depending on the database
        # and direction, and compares as neither: any such row in the list and the map is not used.
        empty = Q()
        for name in nullable:
            empty |= Q(**{f"{name}__isnull": True})
        ordering = [F(name).desc() if descending else F(name).asc() for name in names]
        rows = (
            self.object_list.order_by()
            .values(*names)
            .annotate(row=Window(RowNumber(), order_by=ordering))
            .annotate(edge=F("row") % step)
            .filter(Q(edge=0) | empty if nullable else Q(edge=0))
            .values_list(*names, "row")
        )
        boundaries = [tuple(row[:-1]) for row in sorted(rows, key=lambda row: row[-1])]
        if any(value is None for row in boundaries for value in row):
            return []
        return boundaries

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = ids_of(self.object_list)
        step = self.map_every * self.per_page
        boundaries = self._boundaries() if bottom >= step and self._order else []
        if boundaries:  # seek past the last boundary before the page, then walk less than `step` rows
            index = min(bottom // step, len(boundaries))
            names, descending = self._order
            after = (TupleLessThan if descending else TupleGreaterThan)(
                Tuple(*(F(name) for name in names)), boundaries[index - 1]
            )
            ids, (bottom, top) = ids.filter(after), (bottom - index * step, top - index * step)
        elif bottom > self.count // 2:  # nearer the end: walk the index from there, half as far at most
            ids, (bottom, top) = ids.reverse(), (self.count - top, self.count - bottom)
        chosen = ids[bottom:top]
        return self._get_page(list(self.object_list.filter(pk__in=chosen)), number, self)
