"""The whole DataFeed kept written as a file, so that its endpoint answers at once whatever the archive's size.

An archive's feed takes a minute or more to write (100,000 claims: 205 MB), longer than a web worker may
spend on a request. So it is written in the background (write_feed_file(), run by an export job on a
Celery worker, queued when a request finds the file stale and every few minutes by CELERY_BEAT_SCHEDULE
when the validators changed) and the endpoint sends the latest file from disk.

Each layout of the feed (the site's address its reviews name, the indentation asked for) has its own
file under EXPORT_ROOT/claimreview-feed/, a gzip copy of it (`<file>.gz`, compressed in the same pass,
for the clients that accept gzip) and a small record of both (`<variant>.json`: the file's name, its
ETag, the feed's dateModified, when it was written, its size, the copy's name and size). The file and
its copy are written under temporary names, flushed to disk and renamed, then the record naming both is
replaced the same way: a reader sees the old pair or the new one whole, never one half-written nor a copy
of another version. The file's ETag is that of the latest change to a published claim with the number
of published claims (feed_change(): one query of two index lookups, where the aggregate over the
published claims, export.feed_validators(), takes 90 ms) and the layout, so a request knows whether the
file is current from that one query, without reading the file.
"""

import hashlib
import json
import os
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, router
from django.db.models import QuerySet
from django.utils import timezone

from claims.claimreview.export import feed_claims, feed_validators, write_data_feed
from claims.claimreview.markup import organisation
from claims.models import Claim

FEED_DIRECTORY = "claimreview-feed"
# A replaced file is removed this long after its replacement, so that a request which read the old
# record just before still finds the file it names (an open file stays readable anyway).
KEEP_REPLACED_SECONDS = 600
# A stale file queues one refresh per change of the validators, at most once in this many seconds.
# At most one refresh of a layout is queued or running at a time; the writer lets go when done (this
# long at most, should its worker die).
REFRESH_LOCK_SECONDS = 30 * 60
# The gzip copy: level 6 (gzip's default) makes 207 MB of JSON 32 MB (a sixth) at a few
# seconds of a worker's CPU; 9 saves little more at twice the time.
GZIP_LEVEL = 6
# The feed file, its gzip copy and their record: public content, written by the app's user, read by anyone's.
PUBLIC_FILE_MODE = 0o644


@dataclass(frozen=True)
class FeedFile:
    """A written feed: where it is and what it holds (its validators as they were read before writing)."""

    path: Path
    etag: str
    modified: datetime | None  # the feed's dateModified: its newest claim's change
    written_at: datetime
    size: int
    reviews: int
    gzip_path: Path | None = None  # the same bytes gzip-compressed, written and switched with the file
    gzip_size: int | None = None

    @property
    def gzip_etag(self) -> str:
        """The compressed copy's own strong ETag (another representation: other bytes), as Apache's
        mod_deflate names it: the file's with "-gzip"."""
        return self.etag.removesuffix('"') + '-gzip"'

    def variant(self, *, gzip: bool) -> tuple[Path, str]:
        """The path and ETag of what is sent: the gzip copy to a client accepting gzip, else the file (also
        when there is no copy: a file written before there were copies)."""
        if gzip and self.gzip_path is not None:
            return self.gzip_path, self.gzip_etag
        return self.path, self.etag


@dataclass(frozen=True)
class FeedState:
    """What a request for the feed finds: the latest file (or none), and whether it is current."""

    file: FeedFile | None
    current: bool
    change: dict  # feed_change() now
    etag: str  # its ETag in this layout


def feed_root() -> Path:
    return Path(settings.EXPORT_ROOT) / FEED_DIRECTORY


def _base(base_url: str) -> str:
    return base_url.rstrip("/") + "/"


def variant(base_url: str, indent: int | None) -> str:
    """The name of a layout's files: its address and indentation."""
    return hashlib.sha256(f"{_base(base_url)}\n{indent}".encode()).hexdigest()[:16]


def feed_change() -> dict:
    """When anything a published claim shows last changed (claims/freshness.py moves a claim's `changed_at` on
    every change its page or feed item shows: publishing, correcting, a quote, a source, an actor) and how
    many claims are published, in one query of two scalar subqueries: a backward scan of the changed_at
    index to the first published claim, and a count of the published claims' index. The feed holds the
    published claims alone, so a draft's change leaves it current; a claim that enters the feed moves the
    latest change, and one that leaves it (retracted, returned to draft, deleted) lowers the count."""
    connection = connections[router.db_for_read(Claim)]
    quote = connection.ops.quote_name
    table = quote(Claim._meta.db_table)
    changed, status = (quote(Claim._meta.get_field(name).column) for name in ("changed_at", "status"))
    statuses = [str(value) for value in Claim.PUBLIC_STATUSES]
    published = f"{status} IN ({', '.join(['%s'] * len(statuses))})"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX({changed}) FROM {table} WHERE {published}), "
            f"(SELECT COUNT(*) FROM {table} WHERE {published})",
            [*statuses, *statuses],
        )
        latest, count = cursor.fetchone()
    return {"changed": str(latest), "claims": count}


def feed_etag(change: dict, base_url: str, indent: int | None) -> str:
    """The ETag of the feed as of `change` (feed_change()) in this layout: what its items show, the
    organisation named in them, the language, the address and the indentation."""
    key = [change, _base(base_url), settings.ORGANISATION_NAME, settings.LANGUAGE_CODE, indent]
    return '"' + hashlib.sha256(json.dumps(key, cls=DjangoJSONEncoder).encode()).hexdigest()[:40] + '"'


def feed_bytes(
    *,
    base_url: str,
    indent: int | None,
    claims: QuerySet[Claim] | None = None,
    modified: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[bytes]:
    """The feed's bytes a piece at a time, exactly as the API's JSONRenderer lays out the whole document for
    `Accept: application/json` (`indent=None`) or `application/json; indent=N`."""
    from rest_framework.compat import INDENT_SEPARATORS, LONG_SEPARATORS, SHORT_SEPARATORS
    from rest_framework.renderers import JSONRenderer  # the API's layout, not its views

    renderer = JSONRenderer()
    encoder = renderer.encoder_class(
        ensure_ascii=renderer.ensure_ascii,
        allow_nan=not renderer.strict,
        indent=indent,
        separators=INDENT_SEPARATORS
        if indent is not None
        else (SHORT_SEPARATORS if renderer.compact else LONG_SEPARATORS),
    )
    text = write_data_feed(
        base_url=base_url,
        organisation=organisation(base_url),
        encoder=encoder,
        claims=claims,
        modified=modified,
        progress=progress,
    )
    # As JSONRenderer does: these two are valid JSON but not valid JavaScript.
    return (piece.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode() for piece in text)


def latest_feed_file(base_url: str, indent: int | None) -> FeedFile | None:
    """The latest written feed in this layout, or None when none has been written (no query)."""
    try:
        record = json.loads((feed_root() / f"{variant(base_url, indent)}.json").read_text())
    except (FileNotFoundError, ValueError):
        return None
    compressed = record.get("gzip")  # None in a record written before the copy was
    return FeedFile(
        path=feed_root() / record["file"],
        etag=record["etag"],
        modified=datetime.fromisoformat(record["modified"]) if record["modified"] else None,
        written_at=datetime.fromisoformat(record["written_at"]),
        size=record["size"],
        reviews=record["reviews"],
        gzip_path=feed_root() / compressed["file"] if compressed else None,
        gzip_size=compressed["size"] if compressed else None,
    )


def feed_state(base_url: str, indent: int | None) -> FeedState:
    """The latest file in this layout and whether it holds the feed as it is now: one query. A file
    written without its gzip copy (before there was one) is served but written again."""
    change = feed_change()
    etag = feed_etag(change, base_url, indent)
    file = latest_feed_file(base_url, indent)
    current = file is not None and file.etag == etag and file.gzip_path is not None
    return FeedState(file=file, current=current, change=change, etag=etag)


def write_feed_file(
    *,
    base_url: str,
    indent: int | None = None,
    change: dict | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FeedFile:
    """(Re)write the feed's file in this layout, unless the latest one is current; return the latest.
    `change` is feed_change() when just read.

    The change is read before the claims, so a change while the file is written leaves the file with an
    ETag older than what it holds: the next request finds it stale and has it written again."""
    try:
        return _write_feed_file(base_url, indent, change or feed_change(), progress)
    finally:
        cache.delete(_refresh_key(base_url, indent))  # a later change may queue a refresh again


def _write_feed_file(base_url, indent, change, progress) -> FeedFile:
    etag = feed_etag(change, base_url, indent)
    latest = latest_feed_file(base_url, indent)
    if (
        latest
        and latest.etag == etag
        and latest.path.exists()
        and latest.gzip_path
        and latest.gzip_path.exists()
    ):
        return latest
    claims = feed_claims()
    validators = feed_validators(claims)  # the feed's dateModified and its number of claims
    root = feed_root()
    root.mkdir(parents=True, exist_ok=True)
    name = variant(base_url, indent)
    reviews = 0

    def counted(done: int) -> None:
        nonlocal reviews
        reviews = done
        if progress:
            progress(min(done, validators["count"]), validators["count"])

    pieces = feed_bytes(
        base_url=base_url, indent=indent, claims=claims, modified=validators["modified"], progress=counted
    )
    path, compressed = _write_atomically(root, f"{name}-", ".feed", pieces, gzipped=True)
    written = FeedFile(
        path=path,
        etag=etag,
        modified=validators["modified"],
        written_at=timezone.now(),
        size=path.stat().st_size,
        reviews=reviews,
        gzip_path=compressed,
        gzip_size=compressed.stat().st_size,
    )
    record = {
        "file": path.name,
        "etag": etag,
        "modified": written.modified.isoformat() if written.modified else None,
        "written_at": written.written_at.isoformat(),
        "size": written.size,
        "reviews": reviews,
        "gzip": {"file": compressed.name, "size": written.gzip_size},
        "base_url": _base(base_url),
        "indent": indent,
    }
    staged, _ = _write_atomically(root, f"{name}-", ".record", [json.dumps(record).encode()])
    # The switch: readers now find the new file and its copy, both named by the one record.
    os.replace(staged, root / f"{name}.json")
    _remove_replaced(root, name, keep={path.name, compressed.name})
    return written


def _write_atomically(
    root: Path, prefix: str, suffix: str, pieces, *, gzipped: bool = False
) -> tuple[Path, Path | None]:
    """A new file in `root` holding `pieces`, flushed to disk, and with `gzipped` a gzip copy beside it
    (`<name>.gz`, compressed in the same pass); each appears under its name only when both are whole."""
    descriptor, temporary = tempfile.mkstemp(dir=root, prefix=f".{prefix}", suffix=".partial")
    # mkstemp makes the file readable by its owner alone; what it holds is public, and a web server or a
    # backup running as another user must read it and its copy alike.
    os.fchmod(descriptor, PUBLIC_FILE_MODE)
    stem = Path(temporary).name.removeprefix(".").removesuffix(".partial")
    partials = [Path(temporary), root / f".{stem}.gz.partial"]
    finals = [root / f"{stem}{suffix}", root / f"{stem}{suffix}.gz"]
    try:
        with os.fdopen(descriptor, "wb") as file, ExitStack() as stack:
            copy = stack.enter_context(partials[1].open("xb")) if gzipped else None
            if copy:
                os.fchmod(copy.fileno(), PUBLIC_FILE_MODE)
            # wbits 31: a gzip member, its header without a name or time: the same bytes give the same copy.
            compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
            for piece in pieces:  # written as it is read: memory stays the same whatever the archive's size
                file.write(piece)
                if copy:
                    copy.write(compressor.compress(piece))
            if copy:
                copy.write(compressor.flush())
            for written in filter(None, (file, copy)):
                written.flush()
                os.fsync(written.fileno())
        for partial, final in list(zip(partials, finals, strict=True))[: 2 if gzipped else 1]:
            os.replace(partial, final)
    except BaseException:
        for partial in partials:
            partial.unlink(missing_ok=True)
        raise
    return finals[0], finals[1] if gzipped else None


def _remove_replaced(root: Path, name: str, *, keep: set[str]) -> None:
    """Remove this layout's files (and copies) replaced more than KEEP_REPLACED_SECONDS ago, and its stray
    pieces."""
    horizon = time.time() - KEEP_REPLACED_SECONDS
    replaced = [
        *root.glob(f"{name}-*.feed"),
        *root.glob(f"{name}-*.feed.gz"),
        *root.glob(f".{name}-*.partial"),
    ]
    for path in replaced:
        try:
            if path.name not in keep and path.stat().st_mtime < horizon:
                path.unlink()
        except FileNotFoundError:
            pass


def _refresh_key(base_url: str, indent: int | None) -> str:
    return f"feed-refresh:{variant(base_url, indent)}"


def refresh_feed(base_url: str, indent: int | None, change: dict) -> bool:
    """Have the feed in this layout written again as of `change` (feed_change()): by a background job, one
    at a time per layout however many requests find the file stale (the job writes what holds when it
    runs), or at once without a worker (CELERY_TASK_ALWAYS_EAGER: the demo, small archives). Whether
    it was queued or written."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        write_feed_file(base_url=base_url, indent=indent, change=change)
        return True
    if not cache.add(_refresh_key(base_url, indent), 1, timeout=REFRESH_LOCK_SECONDS):
        return False
    from claims.jobs import queue_feed_refresh  # jobs runs this module's writer

    queue_feed_refresh(base_url=_base(base_url), indent=indent)
    return True


def written_layouts() -> list[tuple[str, int | None]]:
    """The layouts (address, indentation) whose feed has been written: the ones asked for."""
    layouts = []
    for path in sorted(feed_root().glob("*.json")):
        try:
            record = json.loads(path.read_text())
            layouts.append((record["base_url"], record["indent"]))
        except (FileNotFoundError, ValueError, KeyError):
            continue
    return layouts


def refresh_stale_feeds() -> int:
    """Queue a refresh of every written layout whose file is stale (one query for all of them: each
    ETag comes from the one feed_change()); how many were queued."""
    layouts = written_layouts()
    if not layouts:
        return 0
    change = feed_change()
    queued = 0
    for base_url, indent in layouts:
        latest = latest_feed_file(base_url, indent)
        if latest is None or latest.etag != feed_etag(change, base_url, indent) or latest.gzip_path is None:
            queued += refresh_feed(base_url, indent, change)
    return queued
