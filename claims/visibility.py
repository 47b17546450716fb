"""What readers may see besides published claims: the sources and actors behind them.

A source has a public page when a published claim quotes it or cites it
through a quoted source; an actor when it speaks in a public quote, publishes
such a source, or is cited by one. Anything reached only through drafts stays
hidden, so no page reveals work in progress.

Each rule is an EXISTS over indexed foreign keys, evaluated for the rows a
query actually returns: a page of 20 sources probes a few index entries per
source instead of first collecting every public quote.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.models import Claim, Conflict, Quote
from sources.models import Actor, Citation, Source


def public_quotes() -> QuerySet[Quote]:
    return Quote.objects.filter(claim__status__in=Claim.PUBLIC_STATUSES)


def quoted_publicly(source_field: str = "pk") -> Exists:
    """Whether a published claim quotes the source in the outer query's `source_field`."""
    return Exists(public_quotes().filter(source=OuterRef(source_field)))


def is_public_source(source_field: str = "pk") -> Q:
    """Whether the source in the outer query's `source_field` has a public page."""
    cited_by_quoted = Citation.objects.filter(quoted_publicly("citing"), cited_source=OuterRef(source_field))
    return Q(quoted_publicly(source_field)) | Q(Exists(cited_by_quoted))


def is_public_actor(actor_field: str = "pk") -> Q:
    """Whether the actor in the outer query's `actor_field` has a public page."""
    speaks = public_quotes().filter(speaker=OuterRef(actor_field))
    publishes = Source.objects.filter(is_public_source(), publisher=OuterRef(actor_field))
    # Cited by any source with a public page (one a quoted source relies on too): that page names it.
    cited = Citation.objects.filter(is_public_source("citing"), cited_actor=OuterRef(actor_field))
    return Q(Exists(speaks)) | Q(Exists(publishes)) | Q(Exists(cited))


def public_sources() -> QuerySet[Source]:
    return Source.objects.filter(is_public_source())


def public_actors() -> QuerySet[Actor]:
    return Actor.objects.filter(is_public_actor())


def public_citations() -> QuerySet[Citation]:
    """Citations between public pages: made by a public source, to an actor or another public source."""
    return visible_citations(None)


DRAFT_PERMISSION = "claims.view_claim"


def sees_drafts(user: User | AnonymousUser | None) -> bool:
    """Whether `user` works on the record and so sees drafts, claims in review and what they quote:
    staff who may view claims in the admin (the editor and reviewer groups), not every staff account."""
    return bool(user and user.is_authenticated and user.is_staff and user.has_perm(DRAFT_PERMISSION))


def visible_claims(user) -> QuerySet[Claim]:
    """The claims `user` may see: all for staff; for readers the published ones and the retracted
    ones, which stay where they were with their retraction and without their verdict."""
    return claims_seen(staff=sees_drafts(user))


def claims_seen(*, staff: bool) -> QuerySet[Claim]:
    """visible_claims() for staff who see drafts, or for readers."""
    return Claim.objects.all() if staff else Claim.objects.with_pages()


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
    if of_visible_sources:
        citations = citations.filter(is_public_source("citing"))
    return citations.filter(Q(cited_source__isnull=True) | is_public_source("cited_source"))
