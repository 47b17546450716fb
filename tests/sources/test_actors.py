import pytest
from django.core.exceptions import ValidationError

from sources.actors import get_or_create_actor
from sources.models import Actor
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def test_a_recorded_actor_is_found_by_an_alias_and_learns_the_other_spellings():
    ollongren = ActorFactory(name="Kajsa Ollongren", kind=Actor.Kind.OFFICIAL)
    ollongren.aliases.create(name="Ollongren")

    actor, created = get_or_create_actor(
        name="Cassia Olangren", kind=Actor.Kind.PERSON, aliases=["Ollongren", "K. Ollongren"]
    )

    assert (actor, created) == (ollongren, False)
    assert Actor.objects.named("Cassia Olangren").get() == ollongren
    assert Actor.objects.named("K. Ollongren").get() == ollongren


def test_a_new_name_is_recorded_once_with_its_kind_and_aliases():
    actor, created = get_or_create_actor(
        name="  Dossier   Center ", kind=Actor.Kind.OUTLET, aliases=["Dossier"]
    )
    again, created_again = get_or_create_actor(name="dossier center", kind=Actor.Kind.PERSON)

    assert created and not created_again and again == actor
    assert (actor.name, actor.kind) == ("Dossier Center", Actor.Kind.OUTLET)
    assert list(actor.aliases.values_list("name", flat=True)) == ["Dossier"]


def test_a_name_that_cannot_be_an_actor_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError) as refused:
        get_or_create_actor(name="x" * 250, kind=Actor.Kind.PERSON)

    assert list(refused.value.message_dict) == ["name"] and not Actor.objects.exists()
