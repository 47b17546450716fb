"""Finding the actor who goes by a name, or recording a new one with the other spellings seen."""

from collections.abc import Iterable
from contextlib import suppress

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from sources.models import Actor, ActorAlias


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
