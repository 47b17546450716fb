"""Keep a fetched response as WARC records (warcio) beside the capture read from it, and read it back.

The request and the response go into one gzipped WARC file, the body as it came over
the wire. Only the transfer framing is undone: the body is stored whole, so a chunked
response gets a Content-Length instead of its Transfer-Encoding.
"""

import hashlib
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sources.fetching import Response
from sources.models import Capture, CaptureArchive

WARC_CONTENT_TYPE = "application/warc"


@dataclass
class ArchivedResponse:
    url: str
    date: str  # WARC-Date, ISO 8601
    status: int
    headers: list[tuple[str, str]]
    content: bytes  # content-decoded

    def header(self, name: str) -> str:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), "")


def warc_records(response: Response) -> bytes:
    """A gzipped WARC file holding the request and the response that answered it."""
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    date = response.fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = urlsplit(response.final_url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request = writer.create_warc_record(
        response.final_url,
        "request",
        payload=BytesIO(b""),
        http_headers=StatusAndHeaders(
            f"GET {target} HTTP/1.1", response.request_headers, is_http_request=True
        ),
        warc_headers_dict={"WARC-Date": date},
    )
    headers = [
        (k, v) for k, v in response.headers if k.lower() not in ("transfer-encoding", "content-length")
    ]
    headers.append(("Content-Length", str(len(response.body))))
    record = writer.create_warc_record(
        response.final_url,
        "response",
        payload=BytesIO(response.body),
        length=None,
        http_headers=StatusAndHeaders(
            f"{response.status} {response.reason}".strip(), headers, protocol="HTTP/1.1"
        ),
        warc_headers_dict={"WARC-Date": date},
    )
    request.rec_headers.add_header("WARC-Concurrent-To", record.rec_headers.get_header("WARC-Record-ID"))
    writer.write_record(record)
    writer.write_record(request)
    return buffer.getvalue()


def read_response(warc: bytes) -> ArchivedResponse:
    """The response record in a WARC file, its body decoded; ValueError when there is none."""
    for record in ArchiveIterator(BytesIO(warc)):
        if record.rec_type != "response":
            continue
        http = record.http_headers
        return ArchivedResponse(
            url=record.rec_headers.get_header("WARC-Target-URI"),
            date=record.rec_headers.get_header("WARC-Date"),
            status=int(http.get_statuscode()),
            headers=list(http.headers),
            content=record.content_stream().read(),
        )
    raise ValueError("The WARC file holds no response record.")


def warc_digest(warc: bytes) -> str:
    return hashlib.sha256(warc).hexdigest()


def keep_response(*, capture: Capture, response: Response) -> CaptureArchive:
    """Store `response` as the WARC records of the page `capture`'s text was read from."""
    warc = warc_records(response)
    archive, _ = CaptureArchive.objects.update_or_create(
        capture=capture,
        defaults={
            "url": response.url[:2000],
            "final_url": response.final_url[:2000],
            "status": response.status,
            "fetched_at": response.fetched_at,
            "warc": warc,
            "warc_sha256": warc_digest(warc),
        },
    )
    return archive
