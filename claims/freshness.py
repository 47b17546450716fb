"""When a claim's page changes: every save that alters what its page or API record shows marks it changed.

A claim's `changed_at` and `version` are its validator: the ETag of its API
record, the Last-Modified of both, and part of the key its cached page is
kept under (claims/page_cache.py). These receivers clear that cache in the
sense Django's sites framework clears its own (STYLE.md: signals only to
clear caches): whatever path writes the row (the workflow, the admin, the
API, an import, a factory in a test) moves the claims whose pages show it,
and forgets what the shared cache kept for them (claims/validator_cache.py).

What a page shows, and so what marks it:
- the claim itself (Claim.save sets changed_at) and, when its status changes,
  the claims listing it among their related claims (they share a source);
- its quotes, conflicts (and their quotes), correction notes, other
  fact-checkers' reviews (and their appearances) and review flags;
- whether a quoted page was found removed or redirected by the watch (sources.SourceWatch's state);
- the sources it quotes, their publishers, speakers, authors and citations,
  and every source a quoted source relies on, however far (its provenance
  graph follows citations up to graph.MAX_DEPTH): a source or an actor that
  changes marks every claim quoting a source that reaches it.
"""

from django.db import connection
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from claims.list_cache import forget_lists
from claims.models import Claim, Conflict, Correction, ExternalReview, FormerSlug, Quote, ReviewFlag
from claims.provenance.graph import MAX_DEPTH
from claims.validator_cache import forget
from sources.models import Actor, Citation, Source, SourceWatch


def mark_claims(*pks: int | None) -> None:
    if pks := {pk for pk in pks if pk is not None}:
        Claim.objects.filter(pk__in=pks).mark_changed()


def mark_claims_relying_on(*, sources: str, params: list) -> None:
    """Mark every claim that quotes a source reaching, through citations, one of `sources` (an SQL query)."""
    citation, quote, claim = Citation._meta.db_table, Quote._meta.db_table, Claim._meta.db_table
    sql = f"""
        WITH RECURSIVE reach(id, depth) AS (
            SELECT CAST(id AS bigint), 0 FROM ({sources}) AS changed
            UNION
            SELECT c.citing_id, r.depth + 1 FROM {citation} c JOIN reach r ON c.cited_source_id = r.id
            WHERE r.depth < %s
        )
        UPDATE {claim} SET changed_at = %s
        WHERE id IN (SELECT claim_id FROM {quote} WHERE source_id IN (SELECT id FROM reach))
        RETURNING slug
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, MAX_DEPTH, connection.ops.adapt_datetimefield_value(timezone.now())])
        forget([slug for (slug,) in cursor.fetchall()])


@receiver(post_save, sender=Claim)
@receiver(pre_delete, sender=Claim)
def claim_saved(
    sender, instance: Claim, created: bool = False, update_fields=None, raw=False, **kwargs
) -> None:
    if raw:
        return
    # Claim.save moved its own changed_at; a new slug leaves the old one to its redirect.
    forget([instance.slug, getattr(instance, "loaded_slug", None)], using=instance._state.db)
    if created or (update_fields is not None and "status" not in update_fields):
        return
    # Published, corrected, retracted or deleted: the claims sharing a source list it, or stop listing it.
    sharing = Quote.objects.filter(claim=instance).values("source")
    Claim.objects.filter(quotes__source__in=sharing).exclude(pk=instance.pk).mark_changed()


@receiver(post_delete, sender=Claim)
def claim_deleted(sender, instance: Claim, **kwargs) -> None:
    # Every path (the admin's delete and bulk delete, the API, a cascade) sends this per claim: the lists
    # that named it (home count and pages, sitemaps, Atom feed) are made anew, as a change makes them.
    forget_lists(using=instance._state.db)


@receiver(pre_save, sender=Quote)
def quote_moving(sender, instance: Quote, raw=False, **kwargs) -> None:
    if not raw and instance.pk is not None:
        previous = Quote.objects.filter(pk=instance.pk).values_list("claim_id", flat=True).first()
        if previous != instance.claim_id:
            mark_claims(previous)


@receiver(post_save, sender=Quote)
@receiver(post_delete, sender=Quote)
@receiver(post_save, sender=Conflict)
@receiver(post_delete, sender=Conflict)
@receiver(post_save, sender=Correction)
@receiver(post_delete, sender=Correction)
@receiver(post_save, sender=ExternalReview)
@receiver(post_delete, sender=ExternalReview)
@receiver(post_save, sender=ReviewFlag)
@receiver(post_delete, sender=ReviewFlag)
def part_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        mark_claims(instance.claim_id)


@receiver(m2m_changed, sender=Conflict.quotes.through)
@receiver(m2m_changed, sender=ExternalReview.appearances.through)
def links_changed(sender, instance, action: str, pk_set=None, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    # A conflict's quotes or a review's appearances; or, from the other side, a quote's conflicts.
    if isinstance(instance, Conflict | ExternalReview | Quote):
        mark_claims(instance.claim_id)
    else:  # a source's reviews
        reviews = ExternalReview.objects.filter(pk__in=pk_set) if pk_set else instance.external_reviews.all()
        Claim.objects.filter(pk__in=reviews.values("claim_id")).mark_changed()


@receiver(post_save, sender=Source)
@receiver(pre_delete, sender=Source)  # before its citations go with it
def source_changed(sender, instance: Source, created: bool = False, raw=False, **kwargs) -> None:
    if not raw and not created:  # a new source is quoted by no claim yet
        mark_claims_relying_on(sources="SELECT %s AS id", params=[instance.pk])


@receiver(post_save, sender=FormerSlug)
def slug_retired(sender, instance: FormerSlug, raw=False, **kwargs) -> None:
    if not raw:  # the old address redirects now: what was kept for it is no longer its page
        forget([instance.slug], using=instance._state.db)


@receiver(pre_save, sender=SourceWatch)
def watch_changing(sender, instance: SourceWatch, raw=False, **kwargs) -> None:
    # A check that found the page as before (most of them) changes no page; a new state does.
    if raw:
        return
    before = SourceWatch.objects.filter(pk=instance.pk).values_list("state", flat=True).first()
    if before is not None and before != instance.state:
        Claim.objects.filter(quotes__source=instance.pk).mark_changed()


@receiver(m2m_changed, sender=Source.authors.through)
def authors_changed(sender, instance, action: str, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if isinstance(instance, Source):
        mark_claims_relying_on(sources="SELECT %s AS id", params=[instance.pk])
    else:
        actor_changed(Actor, instance)


@receiver(post_save, sender=Citation)
@receiver(post_delete, sender=Citation)
def citation_changed(sender, instance: Citation, raw=False, **kwargs) -> None:
    if not raw:
        mark_claims_relying_on(sources="SELECT %s AS id", params=[instance.citing_id])


@receiver(post_save, sender=Actor)
@receiver(pre_delete, sender=Actor)  # before its quotes and sources lose it
def actor_changed(sender, instance: Actor, created: bool = False, raw=False, **kwargs) -> None:
    if raw or created:  # a new actor speaks in no quote yet
        return
    mark_claims_relying_on(
        sources=f"""
            SELECT id FROM {Source._meta.db_table} WHERE publisher_id = %s
            UNION SELECT citing_id FROM {Citation._meta.db_table} WHERE cited_actor_id = %s
            UNION SELECT source_id FROM {Source.authors.through._meta.db_table} WHERE actor_id = %s
        """,
        params=[instance.pk] * 3,
    )
    reviews = ExternalReview.objects.filter(Q(reviewer=instance) | Q(claimant=instance)).values("claim_id")
    speaks = Quote.objects.filter(speaker=instance).values("claim_id")
    Claim.objects.filter(Q(pk__in=speaks) | Q(pk__in=reviews)).mark_changed()
