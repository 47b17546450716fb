"""The API's OpenAPI document, served from memory (apart from claims/api/schema.py, which the
generator imports through the settings before drf-spectacular's views can be)."""

from typing import ClassVar

from django.http import HttpResponse
from drf_spectacular.views import SpectacularAPIView


class SchemaView(SpectacularAPIView):
    """The OpenAPI document, generated and rendered once per process for each way of asking for it.

    It depends on the code alone (views, serializers and settings, fixed when the process starts):
    generating it took 340 ms of CPU a request, and writing it as YAML a fifth as much again. Each
    answer is kept by what chose it (the Accept header and the query's format, lang and version);
    past KEPT_ANSWERS different ways of asking, further ones are generated each time."""

    KEPT_ANSWERS = 32
    answers: ClassVar[dict[tuple, tuple[bytes, dict[str, str]]]] = {}

    def dispatch(self, request, *args, **kwargs):
        key = (
            request.headers.get("Accept", ""),
            *sorted((name, tuple(values)) for name, values in request.GET.lists()),
        )
        if request.method == "GET" and key in self.answers:
            content, headers = self.answers[key]
            return HttpResponse(content, headers=headers)
        response = super().dispatch(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200 and len(self.answers) < self.KEPT_ANSWERS:
            response.render()
            self.answers[key] = (response.content, dict(response.headers))
        return response
