import io

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

from claims.bounded_json import TooDeeplyNested, check_depth


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self, limit: int):
        super().__init__(f"The request body is larger than {limit:,} bytes.")


class LimitedJSONParser(JSONParser):
    """JSON only, never more than API_MAX_BODY_BYTES of it, nested at most MAX_DEPTH levels."""

    def limit(self) -> int:
        return settings.API_MAX_BODY_BYTES

    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        limit = self.limit()
        length = request.META.get("CONTENT_LENGTH") if request is not None else None
        if length and length.isdigit() and int(length) > limit:
            raise PayloadTooLarge(limit)
        if stream is not None:
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise PayloadTooLarge(limit)
            stream = io.BytesIO(body)
        try:
            data = super().parse(stream, media_type, parser_context)
            check_depth(data)
        except (RecursionError, TooDeeplyNested) as error:
            raise ParseError(
                str(error if isinstance(error, TooDeeplyNested) else TooDeeplyNested())
            ) from None
        return data


class IngestJSONParser(LimitedJSONParser):
    """A document's text may be as long as the longest text ingested, however JSON escapes it."""

    def limit(self) -> int:
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
