"""The API's OpenAPI document, served from memory (apart from claims/api/schema.py, which the
generator imports through the settings before drf-spectacular's views can be)."""

from typing import ClassVar

from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response


class SchemaView(SpectacularAPIView):
    """The OpenAPI document, generated once per process and language, written once per way of asking.

    It depends on the code alone (views, serializers and settings, fixed when the process starts):
    generating it took 340 ms of CPU a request, and writing it as YAML a fifth as much again. The
    document is kept by version and language (gunicorn.conf.py generates it as each worker starts);
    each written answer by what chose it (the Accept header and the query's format, lang and
    version), up to KEPT_ANSWERS of them; further ways of asking are written each time."""

    KEPT_ANSWERS = 32
    documents: ClassVar[dict[tuple, dict]] = {}
    answers: ClassVar[dict[tuple, tuple[bytes, dict[str, str]]]] = {}

    @classmethod
    def document(cls, version: str | None = None, request=None) -> dict:
        key = (version, translation.get_language())
        if key not in cls.documents:
            generator = cls.generator_class(urlconf=cls.urlconf, api_version=version, patterns=cls.patterns)
            cls.documents[key] = generator.get_schema(request=request, public=cls.serve_public)
        return cls.documents[key]

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        filename = self._get_filename(request, version)
        return Response(
            data=self.document(version, request),
            headers={"Content-Disposition": f'inline; filename="{filename}"'},
        )

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
