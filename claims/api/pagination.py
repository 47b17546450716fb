from rest_framework.pagination import CursorPagination


class UpdatedCursorPagination(CursorPagination):
    """Stable pages through data that changes while a client pages: by id unless ?ordering= says otherwise."""

    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 100
