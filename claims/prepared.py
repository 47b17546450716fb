"""Read queries built and compiled once per database connection, then sent again with another value.

Building a QuerySet (filter, values, order_by) and compiling it to SQL costs more CPU than sending a small
indexed query and reading its rows back: for the API's claim detail it was most of its Python time
(`bench/serve.py --in-process`). The detail's queries differ only by the claim they are about, so each is
built and compiled once per connection with a marker where that claim's slug or id goes; a request
sends the same SQL with its own value in the marker's place and reads the rows as values() reads them
(the same column names, and each column through the converters the compiler gives it).

A query goes to the database the router reads its model from, as the QuerySet would.
"""

import weakref
from collections.abc import Callable

from django.db import connections, router
from django.db.models import Model, QuerySet

# Values no row holds (ids are positive; a slug has no spaces), within every backend's integer range.
ID_MARKER = -1_234_567_891
TEXT_MARKER = "prepared query marker"


class PreparedValues:
    """values() rows of the query `build(value)` makes, compiled once per connection and run with any value."""

    def __init__(self, model: type[Model], build: Callable[[object], QuerySet], marker: object = ID_MARKER):
        self.model, self.build, self.marker = model, build, marker
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def rows(self, value) -> list[dict]:
        connection = connections[router.db_for_read(self.model)]
        if (compiled := self._compiled.get(connection)) is None:
            compiled = self._compiled[connection] = self._compile(connection.alias)
        sql, params, positions, names, compiler, converters = compiled
        params = list(params)
        for position in positions:
            params[position] = value
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def first(self, value) -> dict | None:
        rows = self.rows(value)
        return rows[0] if rows else None

    def _compile(self, alias: str) -> tuple:
        queryset = self.build(self.marker)
        query = queryset.query
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        positions = [index for index, param in enumerate(params) if param == self.marker]
        if not positions:
            raise ValueError(f"the query built for {self.model.__name__} does not use the value it is given")
        # As ValuesIterable names a row's columns, and results_iter() converts them.
        names = (
            list(query.selected)
            if query.selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        return sql, tuple(params), positions, names, compiler, converters
