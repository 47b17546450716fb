"""Capture a document's text as a Source: once, or again when its publisher changed it.

read_text() turns the bytes of a file or request into text, refusing with a
message what is not text: a PDF or an image, a file that is not valid UTF-8,
an empty one, one too large to be an article. capture_source() finds the source
by its URL, else by its text, and records the text: nothing changes when it is
the same, and a changed text for a known URL becomes a new capture of that
source, the previous one kept for comparison.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sources.models import Actor, Capture, Source, text_digest, validate_language
from sources.urlnorm import normalize_url

# The opening bytes of files that are not text, and what to call them.
SIGNATURES = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (a .docx, .odt or .zip file)",
    b"\xd0\xcf\x11\xe0": "a Microsoft Office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "an RTF document",
}
TITLE_LENGTH = 120
BOMS = {b"\xef\xbb\xbf": "utf-8-sig", b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


class CaptureError(ValueError):
    """The input cannot be captured as text; the message says why, for the person who sent it."""


@dataclass
class CaptureResult:
    source: Source
    outcome: str  # "created", "unchanged" or "recaptured"
    previous_text: str = ""

    @property
    def created(self) -> bool:
        return self.outcome == "created"


def max_text_bytes() -> int:
    return settings.INGEST_MAX_TEXT_BYTES


def read_text(
    data: bytes,
    *,
    name: str = "The text",
    encoding: str = "utf-8",
    remedy: str = "Save it as UTF-8, or give its encoding.",
) -> str:
    """The text in `data`, or CaptureError saying why there is none (and, for undecodable bytes, `remedy`)."""
    limit = max_text_bytes()
    if len(data) > limit:
        raise CaptureError(
            f"{name} is {_megabytes(len(data))}; texts of at most {_megabytes(limit)} are ingested."
        )
    for signature, what in SIGNATURES.items():
        if data.startswith(signature):
            raise CaptureError(f"{name} is {what}, not plain text. Save it as plain text (UTF-8) first.")
    for bom, bom_encoding in BOMS.items():
        if data.startswith(bom):
            encoding = bom_encoding
            break
    else:
        if b"\x00" in data[:8192]:
            raise CaptureError(f"{name} looks like a binary file, not text.")
    try:
        text = data.decode(encoding)
    except LookupError:
        raise CaptureError(f"{encoding!r} is not an encoding we know; try utf-8 or cp1252.") from None
    except UnicodeDecodeError as error:
        raise CaptureError(
            f"{name} is not valid {encoding.upper()} text: the byte 0x{data[error.start]:02x} at position "
            f"{error.start:,} cannot be read. {remedy}"
        ) from None
    return clean_text(text, name=name)


def clean_text(text: str, *, name: str = "The text") -> str:
    """The text with one kind of line break, or CaptureError when it is empty, too large or holds NULs."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise CaptureError(f"{name} holds NUL characters, so it is not plain text.")
    size = len(text.encode("utf-8"))
    if size > max_text_bytes():
        raise CaptureError(
            f"{name} is {_megabytes(size)}; texts of at most {_megabytes(max_text_bytes())} are ingested."
        )
    if not text.strip():
        raise CaptureError(f"{name} is empty.")
    return text


def default_title(text: str) -> str:
    """A title for a text that came without one: its first line (a headline), shortened at a word."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "Untitled text")
    first = " ".join(first.split())
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def capture_source(
    *,
    text: str,
    url: str = "",
    title: str = "",
    kind: str = Source.Kind.ARTICLE,
    publisher: Actor | None = None,
    published_on: date | None = None,
    language: str = "en",
    source: Source | None = None,
) -> CaptureResult:
    """Find or create the source of `text` and capture the text; see the module's docstring.

    `source` names the source this text is a new capture of, for a source known by no URL."""
    text = clean_text(text)
    fields = checked_fields(url=url, title=title, kind=kind, language=language)
    digest = text_digest(text)
    if source is not None:
        # Locked like a source found below, so that two captures of it take turns.
        source = Source.objects.select_for_update().get(pk=source.pk)
        current = source.text_sha256 == digest
    else:
        source, current = _known_source(fields["url"], digest)
    if source is None:
        new = Source(
            **{**fields, "title": fields["title"] or default_title(text)},
            publisher=publisher,
            published_on=published_on,
            text=text,
        )
        # The constraints' own checks cost a query each; checked_fields() and the URL lookup cover them.
        new.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                new.save()
        except IntegrityError:
            # A concurrent request captured this URL or text first (the unique constraints on the URL
            # and on a URL-less text waited for it to commit): that source is the one.
            source, current = _known_source(fields["url"], digest)
            if source is None:
                raise
        else:
            return CaptureResult(new, "created")
    # What the source does not know yet is filled in; what an editor recorded is never overwritten.
    changed = []
    for name, value in (("publisher", publisher), ("published_on", published_on), ("title", fields["title"])):
        if value and not getattr(source, name if name != "publisher" else "publisher_id"):
            setattr(source, name, value)
            changed.append(name)
    if current:
        if changed:
            source.save(update_fields=changed)
        return CaptureResult(source, "unchanged")
    previous = source.text
    source.text = text
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:
        holder = Source.objects.filter(url__isnull=True, text_sha256=digest).exclude(pk=source.pk).first()
        if holder is None:
            raise
        raise ValidationError(
            {"text": f"This text is already captured as source #{holder.pk}, “{holder.title}”."}
        ) from None
    return CaptureResult(source, "recaptured", previous_text=previous)


def checked_fields(*, url: str, title: str, kind: str, language: str) -> dict:
    """The fields of a capture as stored (the URL normalised), or ValidationError naming each bad one."""
    errors = {}
    normalized = None
    if url and url.strip():
        try:
            normalized = normalize_url(url)
        except ValidationError as error:
            errors["url"] = error.messages
    title = " ".join((title or "").split())
    if len(title) > 500:
        errors["title"] = ["A title has at most 500 characters."]
    if kind not in Source.Kind.values:
        errors["kind"] = [f"Choose one of {', '.join(Source.Kind.values)}."]
    try:
        validate_language(language)
    except ValidationError as error:
        errors["language"] = error.messages
    if errors:
        raise ValidationError(errors)
    return {"url": normalized, "title": title, "kind": kind, "language": language}


def _known_source(url: str | None, digest: str) -> tuple[Source | None, bool]:
    """The source of this URL or text, locked until the capture commits, and whether `digest` is
    the text it holds now.

    Without a URL, a text that a source had before counts as that source unchanged: an old copy
    of an article must not undo the newer capture. The lock makes concurrent captures of one
    source take turns, so what one of them suggests the next finds already proposed.
    """
    sources = Source.objects.select_for_update()
    if url:
        source = sources.filter(url=url).first()
        return source, source is not None and source.text_sha256 == digest
    source = sources.filter(text_sha256=digest).order_by("pk").first()
    if source is not None:
        return source, True
    earlier = (
        Capture.objects.filter(text_sha256=digest).order_by("pk").values_list("source", flat=True).first()
    )
    return (sources.filter(pk=earlier).first(), True) if earlier else (None, False)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
