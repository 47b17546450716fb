"""Watch the sources published claims rely on: fetch each page again on a schedule and act on what changed.

Every source with a URL that has a public page (quoted by a published claim, or cited by
a source that is) is watched: hourly while the newest published claim quoting it is
under WATCH_NEW_CLAIM_DAYS old, daily after. A changed text becomes a new capture with
its response archived, quotes are anchored again and claims that lose a quote's words
are flagged with the captures before and after (their word diff). A page that is gone
(404, 410) or redirects elsewhere flags the claims relying on it once, when first found.
Sources are checked one host at a time per worker, so no host sees two requests at once.
"""

import logging
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import close_old_connections, transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from claims.ingestion.suggest import ingest
from claims.models import Claim, Quote, ReviewFlag
from claims.provenance.review_flags import flag_dependents
from claims.visibility import public_sources
from sources.archive import keep_response
from sources.capture import CaptureError
from sources.diff import word_diff
from sources.models import Capture, Source, SourceWatch
from sources.watching import Check, check_source, record_check

logger = logging.getLogger(__name__)


@dataclass
class WatchRun:
    checked: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    flags: int = 0
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __str__(self) -> str:
        found = ", ".join(f"{count} {outcome}" for outcome, count in sorted(self.outcomes.items()))
        rate = self.checked / self.seconds if self.seconds else 0.0
        return (
            f"{self.checked} source(s) checked in {self.seconds:.1f} s ({rate:.1f}/s): {found or 'none due'}; "
            f"{self.flags} re-review flag(s) raised"
        )


def watched_sources() -> QuerySet[Source]:
    """Sources with a URL that a published claim relies on, with `newest_claim`: when the newest
    published claim quoting it was published."""
    return (
        public_sources()
        .filter(url__isnull=False)
        .annotate(
            newest_claim=Max(
                "quotes__claim__published_at", filter=Q(quotes__claim__status__in=Claim.PUBLIC_STATUSES)
            )
        )
    )


def due_sources(*, now: datetime | None = None, limit: int | None = None) -> list[Source]:
    """The watched sources whose next check is due (never checked first, then the longest waiting)."""
    now = now or timezone.now()
    due = (
        watched_sources()
        .filter(Q(watch__isnull=True) | Q(watch__next_check_at__lte=now))
        .select_related("watch")
        .defer("text")
        .order_by("watch__next_check_at", "pk")
    )
    return list(due[: limit or settings.WATCH_BATCH])


def check_interval(newest_claim: datetime | None, *, now: datetime | None = None) -> timedelta:
    """How long until a source is checked again: often while the claim relying on it is new."""
    now = now or timezone.now()
    if newest_claim and now - newest_claim < timedelta(days=settings.WATCH_NEW_CLAIM_DAYS):
        return settings.WATCH_NEW_INTERVAL
    return settings.WATCH_INTERVAL


def watch_source(source: Source, *, newest_claim: datetime | None = None) -> tuple[Check, list[ReviewFlag]]:
    """Check one source's page and record what became of it; see the module's docstring."""
    check = check_source(source)  # the network, outside any transaction
    flags: list[ReviewFlag] = []
    if check.changed:
        try:
            with transaction.atomic():
                locked = Source.objects.select_for_update().get(pk=source.pk)
                result = ingest(text=check.text, source=locked, language=locked.language)
                locked = result.source  # the capture reads the source again under its lock
                capture = locked.captures.filter(text_sha256=locked.text_sha256).order_by(
                    "-captured_at", "-pk"
                )
                capture = capture.first()
                keep_response(capture=capture, response=check.response)
                flags = list(ReviewFlag.objects.open().filter(source=locked, capture=capture))
        except (CaptureError, ValidationError) as error:  # a page too long to capture, say
            check.outcome = SourceWatch.State.UNREACHABLE
            check.text = (
                f"The new text could not be captured: {' '.join(getattr(error, 'messages', [str(error)]))}"
            )
        else:
            if result.outcome == "unchanged":  # a text the source had before came back
                check.outcome = "unchanged"
    with transaction.atomic():
        if check.newly_gone:
            flags = flag_dependents(source=source, reason=_gone_reason(source, check))
        record_check(check, next_check_in=check_interval(newest_claim))
    return check, flags


def watch_due(
    *, now: datetime | None = None, limit: int | None = None, concurrency: int | None = None
) -> WatchRun:
    """Check every due source: hosts in parallel (up to WATCH_CONCURRENCY), each host's pages one after another."""
    started = time.monotonic()
    by_host: dict[str, list[Source]] = defaultdict(list)
    for source in due_sources(now=now, limit=limit):
        by_host[urlsplit(source.url).hostname or ""].append(source)
    run = WatchRun()
    workers = min(concurrency or settings.WATCH_CONCURRENCY, len(by_host))
    if workers <= 1:
        for sources in by_host.values():
            _watch_host(sources, run)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for future in [pool.submit(_watch_host_in_thread, sources, run) for sources in by_host.values()]:
                future.result()
    run.seconds = time.monotonic() - started
    return run


def _watch_host(sources: list[Source], run: WatchRun) -> None:
    for source in sources:
        try:
            check, flags = watch_source(source, newest_claim=source.newest_claim)
        except Exception:  # one source's failure must not stop the others' checks
            logger.exception("Watching source %s failed", source.pk)
            with run.lock:
                run.outcomes["failed"] += 1
            continue
        with run.lock:
            run.checked += 1
            run.outcomes[check.outcome] += 1
            run.flags += len(flags)


def _watch_host_in_thread(sources: list[Source], run: WatchRun) -> None:
    try:
        _watch_host(sources, run)
    finally:
        close_old_connections()


@dataclass
class Change:
    """What the watch found on one source, for the "Changed since captured" queue."""

    watch: SourceWatch
    before: Capture | None  # the capture before the newest, when the text changed
    after: Capture | None  # the newest capture
    quotes: list[Quote]  # the quotes taken from the source, each with its claim

    @property
    def source(self) -> Source:
        return self.watch.source

    def word_diff(self) -> str:
        return word_diff(self.before.text, self.after.text) if self.before and self.after else ""

    @property
    def lost_quotes(self) -> list[Quote]:
        return [quote for quote in self.quotes if not quote.is_verified]


def changes_to_review(*, limit: int = 50) -> tuple[int, list[Change]]:
    """How many watched sources found something no editor has gone through, and the newest `limit` of them
    with the captures before and after and the quotes affected (four queries)."""
    waiting = SourceWatch.objects.unreviewed()
    watches = list(
        waiting.select_related("source").defer("source__text").order_by("-noticed_at", "-pk")[:limit]
    )
    sources = [watch.source_id for watch in watches]
    captures: dict[int, list[Capture]] = defaultdict(list)
    for capture in Capture.objects.filter(source__in=sources).order_by("-captured_at", "-pk"):
        captures[capture.source_id].append(capture)
    quotes: dict[int, list[Quote]] = defaultdict(list)
    for quote in Quote.objects.filter(source__in=sources).select_related("claim").order_by("claim", "pk"):
        quotes[quote.source_id].append(quote)
    changes = []
    for watch in watches:
        texts = captures[watch.source_id]
        changed = len(texts) > 1 and watch.changed_at is not None
        changes.append(
            Change(
                watch=watch,
                before=texts[1] if changed else None,
                after=texts[0] if texts else None,
                quotes=quotes[watch.source_id],
            )
        )
    return (len(watches) if len(watches) < limit else waiting.count()), changes


@dataclass(frozen=True)
class AfterQuoting:
    """What a quoted source's publisher did after we quoted it, for the claim's readers."""

    what: str  # "changed", "removed" or "redirected"
    when: datetime

    def __str__(self) -> str:
        day = f"{self.when:%-d %B %Y}"
        return {
            "changed": f"The publisher changed this text on {day}, after we quoted it.",
            "removed": f"The publisher removed this page after we quoted it (found {day}).",
            "redirected": f"This page redirects elsewhere since {day}, after we quoted it.",
        }[self.what]


def after_quoting(quote: Quote) -> AfterQuoting | None:
    """Whether the watch found the quoted page changed, removed or redirected after the quote was recorded.

    Reads `quote.source.watch`, which the caller loads with the quote. A text an editor captured
    again by hand is not counted: only a fetch of the publisher's page tells what the publisher did."""
    watch = getattr(quote.source, "watch", None)
    if watch is None:
        return None
    found = {
        SourceWatch.State.REMOVED: ("removed", watch.removed_at),
        SourceWatch.State.REDIRECTED: ("redirected", watch.noticed_at),
    }.get(watch.state, ("changed", watch.changed_at))
    what, when = found
    if when is None or when <= quote.created_at:
        return None
    return AfterQuoting(what, when)


def capture_quoted(quote: Quote) -> Capture | None:
    """The capture of the quote's source that was current when the quote was recorded."""
    captures = Capture.objects.filter(source=quote.source_id)
    return (
        captures.filter(captured_at__lte=quote.created_at).order_by("-captured_at", "-pk").first()
        or captures.order_by("captured_at", "pk").first()
    )


def _gone_reason(source: Source, check: Check) -> str:
    when = timezone.now().strftime("%Y-%m-%d")
    if check.outcome == SourceWatch.State.REMOVED:
        return (
            f"“{source.title}” was removed by its publisher (HTTP {check.response.status}), found {when}; "
            "the text as captured is kept."
        )
    return f"“{source.title}” now redirects to {check.response.final_url}, found {when}."
