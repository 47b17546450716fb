"""One error shape for the whole API: {"detail": "...", "errors": {"field": ["message"]}}."""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse
from django.views.defaults import server_error as html_server_error
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from claims.api.parsers import PayloadTooLarge
from claims.models import StaleEditError
from claims.workflow import WorkflowError


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = (
        "Someone else changed this since you read it. Fetch it again, then make your change on the new copy."
    )


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_code = "precondition_required"
    default_detail = 'Send the ETag you read in an If-Match header, or the "version" you read in the body.'


class Moved(exceptions.APIException):
    """A claim asked for by an address it had before: the client follows Location to its current one."""

    default_code = "moved"

    def __init__(self, location: str, *, safe: bool):
        # 308 keeps a write's method and body on the way, where 301 lets clients turn it into a GET.
        self.status_code = status.HTTP_301_MOVED_PERMANENTLY if safe else status.HTTP_308_PERMANENT_REDIRECT
        self.location = location
        super().__init__(f"This claim has moved to {location}")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        # Django refuses the body before any parser reads it; say so in the API's own terms.
        exc = PayloadTooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    elif isinstance(exc, StaleEditError):
        exc = PreconditionFailed()
    elif isinstance(exc, WorkflowError):
        exc = Conflict(str(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict("Other records still refer to this one; remove or reassign them first.")
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, Moved):
        response["Location"] = exc.location
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = {"detail": "The request has invalid fields.", "errors": errors}
    elif response.status_code == status.HTTP_400_BAD_REQUEST:
        # A body that is not JSON at all is wrong as a whole: say so where every other 400 does.
        detail = str(response.data.get("detail", "")) if isinstance(response.data, dict) else ""
        response.data = {"detail": detail, "errors": {"non_field_errors": [detail]}}
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": str(response.data["detail"])}
    return response


SERVER_ERROR = "Something went wrong on our side; the error has been logged. Try again later."


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: API addresses answer in their JSON error shape, pages with the HTML error page.

    Unforeseen exceptions in API views are left to Django (not turned into responses by
    exception_handler) so that they are logged and signalled as any other server error.
    """
    from claims.api.factchecktools import google_error

    if request.path.startswith("/v1alpha1/"):
        body = google_error(500, SERVER_ERROR)
    elif request.path.startswith("/api/"):
        body = {"detail": SERVER_ERROR}
    else:
        return html_server_error(request)
    return HttpResponse(json.dumps(body), status=500, content_type="application/json")
