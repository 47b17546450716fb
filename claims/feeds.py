"""The Atom feed (RFC 4287) of published claims, their corrections and their retractions.

A subscriber learns of every public change to a claim: an entry's <updated> is the
claim's last public change (publication, a correction or a retraction), its <id> is
a tag URI made from the claim's number so that it survives a change of address, and a
retracted claim stays in the feed saying that it was retracted and why.

The feed holds the latest FEED_LENGTH entries whatever the size of the archive, and a written
feed is kept in the shared cache until the next change to any claim or deletion of one.
"""

import copy
from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed

from claims.list_cache import lists_version
from claims.models import Claim, Correction

FEED_LENGTH = 50  # the feed is bounded: the latest entries, whatever the size of the archive
# How long a written feed is kept at most: what no change reaches (a claim deleted in another process
# when each has its own cache) shows within this long.
FEED_SECONDS = 600


class PlainTextAtomFeed(Atom1Feed):
    """Atom with text summaries: an explanation is prose, so a "<" in it is a character, never markup."""

    def add_item_elements(self, handler, item):
        description, item["description"] = item["description"], None
        super().add_item_elements(handler, item)
        if description:
            handler.addQuickElement("summary", description, {"type": "text"})


class PublishedClaimsFeed(Feed):
    """Published, corrected and retracted claims, the most recently reviewed first."""

    feed_type = PlainTextAtomFeed
    link = "/"
    subtitle = "Fact-checked claims with their verdicts, sources, corrections and retractions."

    def __call__(self, request, *args, **kwargs):
        # The written feed is kept under the latest change to any claim, which every change to an entry
        # moves (a publication, correction or retraction), and a token every deleted claim replaces
        # (claims/list_cache.py); its ids and links name the host it is read on.
        key = f"feed:{request.scheme}://{request.get_host()}:{lists_version()}"
        if (kept := cache.get(key)) is not None:
            content, headers = kept
            return HttpResponse(content, headers=headers)
        # One copy per request: the entries' ids are made with the host the feed is read on.
        feed = copy.copy(self)
        feed.request = request
        response = Feed.__call__(feed, request, *args, **kwargs)
        if response.status_code == 200:
            headers = {name: response[name] for name in ("Content-Type", "Last-Modified") if name in response}
            cache.set(key, (response.content, headers), FEED_SECONDS)
        return response

    def title(self) -> str:
        return f"{settings.ORGANISATION_NAME}: fact-checked claims"

    def author_name(self) -> str:
        return settings.ORGANISATION_NAME

    def feed_guid(self) -> str:
        return f"{self._tag_authority()}:feed"

    def items(self):
        notes = Prefetch("corrections", queryset=Correction.objects.order_by("published_at", "pk"))
        claims = Claim.objects.with_pages().order_by("-reviewed_on", "-published_at", "-id")
        return claims.prefetch_related(notes)[:FEED_LENGTH]

    def item_guid(self, claim: Claim) -> str:
        return f"{self._tag_authority()}:claim:{claim.pk}"

    def item_guid_is_permalink(self, claim: Claim) -> bool:
        return False

    def item_title(self, claim: Claim) -> str:
        if claim.status == Claim.Status.RETRACTED:
            return f"Retracted: {claim.text}"
        return f"{claim.get_verdict_display()}: {claim.text}"

    def item_description(self, claim: Claim) -> str:
        notes = list(claim.corrections.all())
        if claim.status == Claim.Status.RETRACTED:
            retraction = next((n for n in reversed(notes) if n.kind == Correction.Kind.RETRACTION), None)
            return f"Retracted on {retraction.published_at:%d %B %Y}: {retraction.note}" if retraction else ""
        corrections = [note for note in notes if note.kind == Correction.Kind.CORRECTION]
        if corrections:
            latest = corrections[-1]
            changed = "".join(
                f"\n{change['label']}: {change['old'] or '(none)'} → {change['new'] or '(none)'}"
                for change in latest.changes
                if change["field"] != "explanation"
            )
            return (
                f"Corrected on {latest.published_at:%d %B %Y}: {latest.note}{changed}\n\n{claim.explanation}"
            )
        return claim.explanation

    def item_pubdate(self, claim: Claim) -> datetime:
        return claim.published_at

    def item_updateddate(self, claim: Claim) -> datetime:
        """The last public change: publication, or the latest correction or retraction."""
        return max([claim.published_at, *(note.published_at for note in claim.corrections.all())])

    def item_categories(self, claim: Claim) -> list[str]:
        return [] if claim.status == Claim.Status.RETRACTED else [claim.get_verdict_display()]

    def _tag_authority(self) -> str:
        # RFC 4151 tag URIs: the site's host and the year the feed began.
        return f"tag:{self.request.get_host().split(':')[0]},2026"
