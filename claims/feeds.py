from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from claims.models import Claim

FEED_LENGTH = 50


class PublishedClaimsFeed(Feed):
    """Published and corrected claims, the most recently reviewed first."""

    feed_type = Atom1Feed
    link = "/"
    subtitle = "Fact-checked claims with their verdicts, sources and corrections."

    def title(self):
        return f"{settings.ORGANISATION_NAME}: fact-checked claims"

    def items(self):
        return Claim.objects.published().order_by("-reviewed_on", "-published_at")[:FEED_LENGTH]

    def item_title(self, claim: Claim) -> str:
        return f"{claim.get_verdict_display()}: {claim.text}"

    def item_description(self, claim: Claim) -> str:
        prefix = "Corrected. " if claim.status == Claim.Status.CORRECTED else ""
        return prefix + claim.explanation

    def item_pubdate(self, claim: Claim) -> datetime:
        return claim.published_at

    def item_updateddate(self, claim: Claim) -> datetime:
        reviewed = datetime.combine(claim.reviewed_on, time.min, tzinfo=timezone.get_current_timezone())
        return max(reviewed, claim.published_at)

    def item_categories(self, claim: Claim) -> list[str]:
        return [claim.get_verdict_display()]
