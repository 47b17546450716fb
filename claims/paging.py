"""Numbered pages of the public list of claims, as cheap on page 4,000 as on page 1.

Django's Paginator counts every row for each page and reads a page with
OFFSET, which makes PostgreSQL compute each skipped row's annotations (flags,
quote and source counts) before throwing it away: page 2,000 of 93,000
published claims took seconds. Here a page's ids are chosen first by a
subquery that selects nothing but ids, walked from the covering index of the
list's order (migration 0024_h16b_list_order_index) without reading the
table (from the end of the list for its second half, so at most half of it is walked), and only
those rows are loaded and annotated. The count is kept in
the cache under the latest change to any claim, so it is made once per
change rather than per request.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

from claims.models import Claim

# How long a count may serve at most (a claim deleted without any other change leaves the latest
# change where it was; its count is right again after this).
COUNT_SECONDS = 300


class ClaimListPaginator(Paginator):
    """Pages of an ordered list of claims (any filters, any annotations): ids first, then the page."""

    @cached_property
    def count(self) -> int:
        query = str(self.object_list.order_by().values("pk").query)
        key = hashlib.sha256(f"{query}|{Claim.objects.latest_change()}".encode()).hexdigest()
        return cache.get_or_set(f"claim-list-count:{key}", self.object_list.count, COUNT_SECONDS)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")
        if bottom > self.count // 2:  # nearer the end: walk the index from there, half as far at most
            ids, (bottom, top) = ids.reverse(), (self.count - top, self.count - bottom)
        chosen = ids[bottom:top]
        return self._get_page(list(self.object_list.filter(pk__in=chosen)), number, self)
