"""What readers may see besides published claims: the sources and actors behind them.

A source has a public page when a published claim quotes it or cites it
through a quoted source; an actor when it speaks in a public quote, publishes
such a source, or is cited by one. Anything reached only through drafts stays
hidden, so no page reveals work in progress.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from claims.models import Claim, Conflict, Quote
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


def sees_drafts(user: User | AnonymousUser | None) -> bool:
    """Whether `user` works on the record (staff) and so sees drafts, claims in review and what they quote."""
    return bool(user and user.is_authenticated and user.is_staff)


def visible_claims(user, *, listing: bool = False) -> QuerySet[Claim]:
    """The claims `user` may see: all for staff; for readers the published ones, and in a single
    record also retracted ones (their page shows the retraction)."""
    if sees_drafts(user):
        return Claim.objects.all()
    return Claim.objects.published() if listing else Claim.objects.with_pages()


def visible_quotes(user) -> QuerySet[Quote]:
    return Quote.objects.all() if sees_drafts(user) else public_quotes()


def visible_conflicts(user) -> QuerySet[Conflict]:
    if sees_drafts(user):
        return Conflict.objects.all()
    return Conflict.objects.filter(claim__status__in=Claim.PUBLIC_STATUSES)


def visible_sources(user) -> QuerySet[Source]:
    return Source.objects.all() if sees_drafts(user) else public_sources()


def visible_actors(user) -> QuerySet[Actor]:
    return Actor.objects.all() if sees_drafts(user) else public_actors()


def visible_citations(user, *, of_visible_sources: bool = True) -> QuerySet[Citation]:
    """Citations between what `user` may see; a citation of an actor is visible with its citing source.
    `of_visible_sources=False` leaves the citing side to the caller (a source's own citations)."""
    citations = Citation.objects.all()
    if sees_drafts(user):
        return citations
    visible = public_sources()
    if of_visible_sources:
        citations = citations.filter(citing__in=visible)
    return citations.filter(Q(cited_source__isnull=True) | Q(cited_source__in=visible))
