"""Fetch a watched source's page again and say what became of it; the claims side acts on the answer.

A page is compared with what the previous fetch read from it, not with the source's
text: a text an editor pasted differs from any extraction in its spacing and furniture,
and only a change on the publisher's side counts. The first fetch of a source whose text
was pasted reads its baseline. Requests are conditional (ETag, Last-Modified), so an
unchanged page usually costs a 304 and no extraction.
"""

from dataclasses import dataclass

from django.utils import timezone

from sources.capture import CaptureError, clean_text
from sources.extraction import Article, ExtractionError, extract_response
from sources.fetching import BlockedByRobots, FetchError, Response, fetch
from sources.models import Source, SourceWatch, text_digest

GONE = {404, 410}


@dataclass
class Check:
    watch: SourceWatch
    outcome: str  # a SourceWatch.State, or "unchanged"
    response: Response | None = None
    article: Article | None = None
    text: str = ""  # the changed text, cleaned as a capture is

    @property
    def changed(self) -> bool:
        return self.outcome == SourceWatch.State.CHANGED

    @property
    def newly_gone(self) -> bool:
        """Whether the page is found removed or redirected when the check before found it otherwise."""
        gone = (SourceWatch.State.REMOVED, SourceWatch.State.REDIRECTED)
        return self.outcome in gone and self.watch.state != self.outcome


def check_source(source: Source) -> Check:
    """Fetch `source.url` again (conditionally) and classify the answer; nothing is saved here."""
    watch = SourceWatch.objects.filter(source=source).first() or SourceWatch(source=source)
    try:
        response = fetch(source.url, etag=watch.etag, last_modified=watch.last_modified)
    except BlockedByRobots as error:
        return Check(watch, SourceWatch.State.BLOCKED, text=str(error))
    except FetchError as error:
        return Check(watch, SourceWatch.State.UNREACHABLE, text=str(error))
    if response.status == 304:
        return Check(watch, "unchanged", response)
    if response.status in GONE:
        return Check(watch, SourceWatch.State.REMOVED, response)
    if response.redirected_elsewhere:
        return Check(watch, SourceWatch.State.REDIRECTED, response)
    if response.status != 200:
        return Check(
            watch, SourceWatch.State.UNREACHABLE, response, text=f"The page answered {response.status}."
        )
    try:
        article = extract_response(response, url=response.final_url)
        text = clean_text(article.text)
    except (ExtractionError, CaptureError, FetchError) as error:
        return Check(watch, SourceWatch.State.UNREACHABLE, response, text=str(error))
    digest = text_digest(text)
    previous = watch.text_sha256 or (source.text_sha256 if _captured_from_page(source) else digest)
    if digest == previous or digest == source.text_sha256:
        return Check(watch, "unchanged", response, article, text)
    return Check(watch, SourceWatch.State.CHANGED, response, article, text)


def record_check(check: Check, *, next_check_in) -> SourceWatch:
    """Save what the check found on the source's watch, and when to look again."""
    watch, response, now = check.watch, check.response, timezone.now()
    newly_gone = check.newly_gone  # before the state below changes
    watch.checked_at, watch.next_check_at = now, now + next_check_in
    if check.outcome in (SourceWatch.State.UNREACHABLE, SourceWatch.State.BLOCKED):
        watch.failures = min(watch.failures + 1, 1000)
        watch.note = check.text[:500]
        if watch.state in (SourceWatch.State.LIVE, SourceWatch.State.CHANGED) or check.outcome == "blocked":
            watch.state = check.outcome
    else:
        watch.failures, watch.note = 0, ""
        watch.state = SourceWatch.State.LIVE if check.outcome == "unchanged" else check.outcome
    if response is not None:
        watch.http_status = response.status
    if check.outcome == SourceWatch.State.REMOVED and watch.removed_at is None:
        watch.removed_at = now
    elif check.outcome in ("unchanged", SourceWatch.State.CHANGED):
        watch.removed_at, watch.moved_to = None, ""
    if check.outcome == SourceWatch.State.REDIRECTED:
        watch.moved_to = response.final_url[:2000]
    if check.outcome == SourceWatch.State.CHANGED:
        watch.changed_at = watch.noticed_at = now
    elif newly_gone:
        watch.noticed_at = now
    if check.text and check.outcome in ("unchanged", SourceWatch.State.CHANGED):
        watch.text_sha256 = text_digest(check.text)
    if response is not None and response.status == 200:
        watch.etag = response.header("ETag")[:500]
        watch.last_modified = response.header("Last-Modified")[:100]
    watch.save()
    return watch


def _captured_from_page(source: Source) -> bool:
    """Whether the source's current text was read from its page (so a fetch can be compared with it)."""
    return source.captures.filter(text_sha256=source.text_sha256, archive__isnull=False).exists()


def mark_reviewed(*, watch: SourceWatch) -> None:
    """An editor has gone through what the watch found; it leaves the "Changed since captured" queue."""
    watch.reviewed_at = timezone.now()
    watch.save(update_fields=["reviewed_at"])
