import json

from django.http import HttpRequest, HttpResponse


class RejectNullCharactersMiddleware:
    """Answer 400 to a NUL character in the path or query string.

    PostgreSQL refuses NUL in text, so such a value would otherwise fail deep in
    a query (a search box, an admin filter) as a 500. Form and JSON bodies are
    already checked field by field by Django's and DRF's own validators.
    """

    MESSAGE = "Null characters are not allowed in the address."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any("\x00" in key + value for key, value in request.GET.items()):
            if request.path.startswith(("/api/", "/v1alpha1/")):
                return HttpResponse(
                    json.dumps({"detail": self.MESSAGE}), status=400, content_type="application/json"
                )
            return HttpResponse(self.MESSAGE, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
