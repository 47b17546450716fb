from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination

from claims.api.timezones import check_offset
from claims.search import TIERS, Position, ranked_page

MAX_ID = 2**63 - 1  # a bigint primary key


class UpdatedCursorPagination(CursorPagination):
    """Stable pages through data that changes while a client pages: by id unless ?ordering= says otherwise.

    A cursor is read back strictly: one this server did not issue (a position that is not
    a value of the ordering field) is a 400 naming the cursor, never a database error.
    """

    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_cursor_message = "This cursor was not issued by this server; start again from the first page."

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= self.max_page_size):
            raise ValidationError(
                {self.page_size_query_param: [f"Give a whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None
        if cursor is None or cursor.position is None:
            return cursor
        return cursor._replace(position=self._position(cursor.position))

    def _position(self, position: str):
        try:
            field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
            value = field.to_python(position)
            if value is None:
                raise DjangoValidationError("empty")
            check_offset(value)
        except (FieldDoesNotExist, DjangoValidationError, ValueError, TypeError, OverflowError):
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None
        return value


class RankedCursorPagination(UpdatedCursorPagination):
    """Pages of a ranked search (?search= without ?ordering=), best first as claims/search.py ranks.

    The cursor holds the position of the page's last (or, going back, first) claim: its tier, its
    publication time and its id. A page is the claims after (or before) that position, read by
    ranked_page() in one query, so a claim published meanwhile never shifts or repeats later pages.
    """

    def paginate_queryset(self, queryset, request, view=None):
        self.request, self.base_url = request, request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        cursor = self.decode_cursor(request)
        size = self.page_size
        if cursor is None or cursor.position is None:
            rows = ranked_page(queryset, size=size + 1)
            self.has_previous, self.has_next = False, len(rows) > size
            rows = rows[:size]
        elif cursor.reverse:
            rows = ranked_page(queryset, size=size + 1, before=cursor.position)
            self.has_previous, self.has_next = len(rows) > size, True
            rows = rows[-size:]
        else:
            rows = ranked_page(queryset, size=size + 1, after=cursor.position)
            self.has_previous, self.has_next = True, len(rows) > size
            rows = rows[:size]
        self.page = rows
        return rows

    def get_next_link(self):
        if not self.has_next or not self.page:
            return None
        return self.encode_cursor(Cursor(offset=0, reverse=False, position=_encode(self.page[-1])))

    def get_previous_link(self):
        if not self.has_previous or not self.page:
            return None
        return self.encode_cursor(Cursor(offset=0, reverse=True, position=_encode(self.page[0])))

    def _position(self, position: str) -> Position:
        try:
            tier, published_at, pk = position.split("~")
            moment = parse_datetime(published_at) if published_at else None
            if published_at and (moment is None or moment.tzinfo is None):
                raise ValueError
            if int(tier) not in TIERS or not 1 <= int(pk) <= MAX_ID:
                raise ValueError
            if moment is not None:
                check_offset(moment)
        except (ValueError, TypeError, OverflowError):
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None
        return Position(int(tier), moment, int(pk))


def _encode(claim) -> str:
    position = Position.of(claim)
    moment = position.published_at.isoformat() if position.published_at else ""
    return f"{position.tier}~{moment}~{position.id}"
