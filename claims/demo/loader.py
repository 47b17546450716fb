"""Loading the demo: idempotent, so an editor's changes to it survive a second `make run`.

Records are found by their natural keys, and a claim that already exists is
left as it is.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction

from claims import workflow
from claims.conflicts import refresh_conflicts
from claims.demo.data import ACTORS, ARTICLES, CITATIONS, CLAIMS, DEMO_USERS, SOURCES
from claims.ingestion.suggest import suggest
from claims.models import Claim, Quote
from claims.quantities import Comparator
from sources.actor_matching import ActorIndex
from sources.models import Actor, ActorAlias, Citation, Source


def _actor(name: str) -> Actor:
    return Actor.objects.named(name).get()


def _period_fields(period: tuple[date, date, str] | None) -> dict:
    if period is None:
        return {}
    return {"time_start": period[0], "time_end": period[1], "time_label": period[2]}


def _value_fields(value: int | None, comparator: str) -> dict:
    return {} if value is None else {"value": Decimal(value), "comparator": comparator}


def _users() -> dict[str, AbstractBaseUser]:
    User = get_user_model()
    users = {}
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(username=demo.username, defaults={"is_staff": True})
        if created:
            user.set_password(demo.password)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=demo.group))
        users[demo.group] = User.objects.get(pk=user.pk)  # fresh, so group permissions are not cached empty
    return users


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create the demo records that are missing; return how many claims were created."""
    users = _users()
    editor, reviewer = users["editor"], users["reviewer"]

    for name, kind, description, aliases in ACTORS:
        actor = Actor.objects.named(name).first() or Actor.objects.create(
            name=name, kind=kind, description=description
        )
        for alias in aliases:
            if not Actor.objects.named(alias).exists():
                ActorAlias.objects.create(actor=actor, name=alias)

    sources = {}
    for demo in SOURCES:
        text = (ARTICLES / demo.article).read_text(encoding="utf-8") if demo.article else ""
        source, created = Source.objects.get_or_create(
            title=demo.title,
            defaults={
                "kind": demo.kind,
                "text": text,
                "publisher": _actor(demo.publisher) if demo.publisher else None,
                "published_on": demo.published_on,
                "language": "en",
            },
        )
        if created and demo.authors:
            source.authors.set([_actor(name) for name in demo.authors])
        sources[demo.key] = source

    for citing, cited, relation, words in CITATIONS:
        kind, _, key = cited.partition(":")
        target = {"cited_source": sources[key]} if kind == "source" else {"cited_actor": _actor(key)}
        Citation.objects.get_or_create(
            citing=sources[citing], relation=relation, **target, defaults={"span_text": words}
        )

    created_claims = 0
    for demo in CLAIMS:
        claim, created = Claim.objects.get_or_create(
            slug=demo.slug,
            defaults={
                "text": demo.text,
                "unit": demo.unit,
                "place": demo.place,
                "verdict": demo.verdict,
                "explanation": demo.explanation,
                "created_by": editor,
                **_value_fields(demo.value, Comparator.EXACT),
                **_period_fields(demo.period),
            },
        )
        if not created:
            continue
        created_claims += 1
        for quote in demo.quotes:
            Quote.objects.create(
                claim=claim,
                source=sources[quote.source],
                exact=quote.exact,
                speaker=_actor(quote.speaker) if quote.speaker else None,
                stance=quote.stance,
                **_value_fields(quote.value, quote.comparator),
                **_period_fields(quote.period),
            )
        refresh_conflicts(claim=claim)
        if demo.status != Claim.Status.DRAFT:
            workflow.submit_for_review(claim=claim, by=editor)
        if demo.status == Claim.Status.PUBLISHED:
            workflow.publish(claim=claim, by=reviewer, confirmed=True)

    # What the ingester would still suggest from the articles, for an editor to review in the admin.
    index = ActorIndex.load()
    for demo in SOURCES:
        if demo.article:
            suggest(source=sources[demo.key], index=index)
    return {"claims_created": created_claims}
