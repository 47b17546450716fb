"""Names found in a text meet the recorded actors: exactly, through aliases, and as misspelled."""

from datetime import date

import pytest

from sources.actor_matching import ActorIndex, document_by
from sources.models import Actor, Source
from tests.factories import ActorAliasFactory, ActorFactory, SourceFactory

pytestmark = pytest.mark.django_db


def matched(name: str):
    match = ActorIndex.load().match([name])
    return match and match.actor


def test_a_misheard_name_meets_the_person_without_any_alias():
    ollongren = ActorFactory(name="Kajsa Ollongren", kind=Actor.Kind.OFFICIAL)
    ActorFactory(name="Kaja Kallas", kind=Actor.Kind.OFFICIAL)

    match = ActorIndex.load().match(["Cassia Olangren"])

    assert match.actor == ollongren
    assert 80 <= match.score < 100


def test_a_recorded_alias_is_an_exact_match():
    alias = ActorAliasFactory(name="OPWC", actor=ActorFactory(name="OPCW", kind=Actor.Kind.ORGANISATION))

    match = ActorIndex.load().match(["opwc"])

    assert (match.actor, match.score) == (alias.actor, 100)


def test_an_acronym_with_letters_swapped_meets_its_organisation():
    opcw = ActorFactory(name="OPCW", kind=Actor.Kind.ORGANISATION)

    assert matched("OPWC") == opcw


def test_acronyms_that_differ_in_a_letter_stay_apart():
    ActorFactory(name="AIVD", kind=Actor.Kind.INTELLIGENCE_SERVICE)

    assert matched("MIVD") is None


@pytest.mark.parametrize(
    ("recorded", "written"),
    [
        ("Jens Stoltenberg", "Stoltenberg"),
        ("Leonid Slutsky", "Leonidslutsky"),
        ("Unnamed Dutch officials", "Dutch officials"),
        ("Bild", "Das Bild"),
        ("EUobserver", "EU Observer"),
        ("Jens Stoltenberg", "Jens Stoltenburg"),
    ],
)
def test_spellings_a_reporter_uses_meet_the_recorded_name(recorded, written):
    actor = ActorFactory(name=recorded, kind=Actor.Kind.OFFICIAL)

    assert matched(written) == actor


def test_a_surname_shared_by_two_actors_is_left_to_the_editor():
    ActorFactory(name="Mark Rutte", kind=Actor.Kind.OFFICIAL)
    ActorFactory(name="Anna Rutte", kind=Actor.Kind.PERSON)

    assert matched("Rutte") is None


def test_unlike_names_do_not_match():
    ActorFactory(name="De Telegraaf", kind=Actor.Kind.OUTLET)

    assert matched("De Tijd") is None


def test_the_one_fitting_document_of_a_cited_actor_is_proposed():
    minister = ActorFactory(name="Wopke Hoekstra", kind=Actor.Kind.OFFICIAL)
    letter = SourceFactory(kind=Source.Kind.LETTER, published_on=date(2022, 3, 29))
    letter.authors.add(minister)
    SourceFactory(kind=Source.Kind.STATEMENT, publisher=minister)
    SourceFactory(kind=Source.Kind.LETTER, publisher=minister, published_on=date(2023, 1, 1))
    citing = SourceFactory(published_on=date(2022, 4, 19))

    assert document_by(minister, kind=Source.Kind.LETTER, citing=citing) == letter  # not the later one
    assert document_by(minister, citing=citing) is None  # a letter and a statement: the editor chooses


@pytest.mark.parametrize(
    "written", ["The ministry", "ministry", "Government", "Officials", "a senior official"]
)
def test_a_description_never_meets_a_specific_actor_by_resemblance(written):
    ministry = ActorFactory(name="Ministry of Foreign Affairs of the Netherlands", kind=Actor.Kind.MINISTRY)
    ActorAliasFactory(name="Foreign Ministry", actor=ministry)
    ActorAliasFactory(name="Dutch government", actor=ActorFactory(name="Government of the Netherlands"))
    ActorFactory(name="Wopke Hoekstra", kind=Actor.Kind.OFFICIAL)

    assert ActorIndex.load().match([written]) is None


def test_a_description_meets_the_recorded_description_it_qualifies():
    unnamed = ActorFactory(name="Unnamed Dutch officials", kind=Actor.Kind.ANONYMOUS)

    assert matched("Dutch officials") == unnamed
    assert matched("Officials of NATO") is None


@pytest.mark.parametrize(
    ("recorded", "written"),
    [
        ("Ministry of Foreign Affairs of the Netherlands", "the Dutch Ministry of Foreign Affairs"),
        ("Ministry of Defence of Belgium", "Belgian Ministry of Defence"),
        ("French Embassy", "Embassy of France"),
    ],
)
def test_a_name_placed_by_its_people_meets_the_name_placed_by_its_country(recorded, written):
    """Accepting "the Dutch Ministry of Foreign Affairs said" must not create a second Dutch ministry."""
    actor = ActorFactory(name=recorded, kind=Actor.Kind.MINISTRY)
    ActorFactory(name="Ministry of Foreign Affairs of Belgium", kind=Actor.Kind.MINISTRY)

    match = ActorIndex.load().match([written])

    assert match.actor == actor and match.score < 100


def test_a_name_placed_in_another_country_stays_apart():
    ActorFactory(name="Ministry of Foreign Affairs of the Netherlands", kind=Actor.Kind.MINISTRY)

    assert matched("the German Ministry of Foreign Affairs") is None
    assert matched("Bank of America") is None
