"""The admin's search at an archive's size: each word looked up through the indexes, results never duplicated.

Django's own search joins every related field named in search_fields and
removes duplicates with DISTINCT, so PostgreSQL matches and sorts every row
before it can show the first 100 (a common word across 100,000 claims and
500,000 quotes took over 20 s). Here each word is first looked up field by
field, each lookup a query the trigram indexes serve (migrations named
*_trigram_*); a word found in few rows filters the page by their ids. A word
found in many rows is instead checked row by row while the page is read in
its order (an EXISTS for a field of many related rows, probed row by row; the
ids of the few related rows that match, for a field of one related row), which
stops after a page of matches; its count stops at COUNTED_MATCHES.
"""

from functools import reduce
from operator import or_

from django.contrib.admin.utils import get_fields_from_path, lookup_spawns_duplicates
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.functional import cached_property
from django.utils.text import smart_split, unescape_string_literal

# A word matching at most this many rows filters by their ids; more, and rows are checked in page order.
FEW_MATCHES = 1_000
# A search's paginator counts its matches up to this many ("1,000 or more" pages on from there).
COUNTED_MATCHES = 1_000


class CheckedPerRow(Exists):
    """An EXISTS that PostgreSQL checks for each row it reads, through the related rows' index.

    Inside an OR, PostgreSQL would rather turn an EXISTS into a hashed set of every row that
    matches (for a common word, tens of thousands of quotes fetched before the first claim is
    read), though the page needs a few hundred rows checked. OFFSET 0 keeps the subquery as
    written: a correlated probe per row, which stops at the first match.
    """

    template = "EXISTS(%(subquery)s OFFSET 0)"


class BoundedCountPaginator(Paginator):
    """A paginator that stops counting at COUNTED_MATCHES: enough pages to browse, without counting all."""

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by().values("pk")[:COUNTED_MATCHES].count()


class IndexedSearchMixin:
    def get_search_results(self, request, queryset: QuerySet, search_term: str):
        fields = [field for field in self.get_search_fields(request) if not field.startswith(("^", "=", "@"))]
        if not search_term or not fields or len(fields) != len(self.get_search_fields(request)):
            return super().get_search_results(request, queryset, search_term)
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            queryset = queryset.filter(self._matching(fields, bit))
        return queryset, False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if request.GET.get("q"):
            return BoundedCountPaginator(queryset, per_page, orphans, allow_empty_first_page)
        return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)

    def _matching(self, fields: list[str], word: str) -> Q:
        model = self.model
        lookups = [model._default_manager.filter(**{f"{field}__icontains": word}) for field in fields]
        ids = [lookup.order_by().values_list("pk", flat=True) for lookup in lookups]
        # UNION ALL streams, so the LIMIT stops each lookup early when a word is common.
        found = list(ids[0].union(*ids[1:], all=True)[: FEW_MATCHES + 1])
        if len(found) <= FEW_MATCHES:  # every match is in hand
            return Q(pk__in=set(found))
        opts = model._meta
        related_ids: dict = {}  # citing__title and cited_source__title look the same sources up once
        return reduce(
            or_,
            (
                Q(
                    CheckedPerRow(
                        model._default_manager.filter(
                            Q(pk=OuterRef("pk")) & Q(**{f"{field}__icontains": word})
                        )
                    )
                )
                if lookup_spawns_duplicates(opts, f"{field}__icontains")
                else self._through_few_related(field, word, related_ids)
                for field in fields
            ),
        )

    def _through_few_related(self, field: str, word: str, known: dict) -> Q:
        """A field of a row this one points to (publisher__name) matches as the ids of the few related
        rows that match: a condition on this table's own foreign key, which PostgreSQL ORs with the
        other fields' index scans, where a join would read every row to test the related one."""
        path, _, attribute = field.rpartition("__")
        if path:
            related = get_fields_from_path(self.model, path)[-1].related_model
            if (related, attribute) not in known:
                matching = related._default_manager.filter(**{f"{attribute}__icontains": word}).order_by()
                known[related, attribute] = list(matching.values_list("pk", flat=True)[: FEW_MATCHES + 1])
            ids = known[related, attribute]
            if len(ids) <= FEW_MATCHES:
                return Q(**{f"{path}__in": ids})
        return Q(**{f"{field}__icontains": word})
