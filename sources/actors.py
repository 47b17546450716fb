"""Finding the actor who goes by a name, or recording a new one with the other spellings seen."""

from collections.abc import Iterable
from contextlib import suppress

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from sources.actor_matching import is_bare_description
from sources.models import Actor, ActorAlias, Source

NAME_LENGTH = Actor._meta.get_field("name").max_length


@transaction.atomic
def get_or_create_actor(
    *, name: str, kind: str, aliases: Iterable[str] = (), by: AbstractBaseUser | None = None
) -> tuple[Actor, bool]:
    """The actor going by `name` or one of `aliases`, else a new one of `kind`; the spellings not yet
    recorded are added as its aliases. Validated like an actor saved in the admin; safe when another
    request records the same name at the same time."""
    name = " ".join(name.split())
    spellings = [name, *(" ".join(alias.split()) for alias in aliases)]
    actor = next((found for spelling in spellings if (found := Actor.objects.named(spelling).first())), None)
    created = actor is None
    if created:
        actor = Actor(name=name, kind=kind or Actor.Kind.ORGANISATION)
        # Uniqueness is left to the insert: a check by query could see a concurrent request's actor
        # appear after the lookup above and refuse the name as taken instead of returning that actor.
        actor.full_clean(validate_constraints=False)
        actor._history_user = by
        try:
            with transaction.atomic():
                actor.save()
        except IntegrityError:  # recorded meanwhile under this name by a concurrent request
            actor, created = Actor.objects.named(name).first(), False
            if actor is None:
                raise
    for spelling in dict.fromkeys(spellings):
        if spelling and not Actor.objects.named(spelling).exists():
            alias = ActorAlias(actor=actor, name=spelling)
            alias._history_user = by
            with suppress(IntegrityError), transaction.atomic():
                alias.save()  # unless the same spelling was recorded meanwhile
    return actor, created


def actor_proposed_by(
    *, name: str, kind: str, aliases: Iterable[str] = (), source: Source, by: AbstractBaseUser | None = None
) -> tuple[Actor, bool]:
    """The actor a suggestion from `source` proposes, recorded when the editor accepts it. A party the text
    names is the actor going by that name (get_or_create_actor). A bare description ("the foreign ministry",
    "a senior official", "critics") says whose only in its own article: it becomes an actor of that article,
    named with its title, and is never found again by its bare words, since another article's "foreign
    ministry" may be another country's and its "senior official" another person."""
    if not is_bare_description(name):
        return get_or_create_actor(name=name, kind=kind, aliases=aliases, by=by)
    name = " ".join(name.split())
    title = " ".join(source.title.split())
    room = NAME_LENGTH - len(f"{name} (in “”)")
    if len(title) > room:
        title = title[: room - 1].rstrip() + "…"
    return get_or_create_actor(name=f"{name} (in “{title}”)", kind=kind, by=by)
