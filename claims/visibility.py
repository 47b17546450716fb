"""What readers may see besides published claims: the sources and actors behind them.

A source has a public page when a published claim quotes it or cites it
through a quoted source; an actor when it speaks in a public quote, publishes
such a source, or is cited by one. Anything reached only through drafts stays
hidden, so no page reveals work in progress.
"""

from django.db.models import Q, QuerySet

from claims.models import Claim, Quote
from sources.models import Actor, Citation, Source


def public_quotes() -> QuerySet[Quote]:
    return Quote.objects.filter(claim__status__in=Claim.PUBLIC_STATUSES)


def public_sources() -> QuerySet[Source]:
    quoted = public_quotes().values("source")
    cited = Citation.objects.filter(citing__in=quoted).values("cited_source")
    return Source.objects.filter(Q(pk__in=quoted) | Q(pk__in=cited))


def public_actors() -> QuerySet[Actor]:
    quoted_sources = public_quotes().values("source")
    return Actor.objects.filter(
        Q(pk__in=public_quotes().values("speaker"))
        | Q(pk__in=public_sources().values("publisher"))
        | Q(pk__in=Citation.objects.filter(citing__in=quoted_sources).values("cited_actor"))
    )
