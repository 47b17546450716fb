import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from claims.models import Claim, Conflict, Quote
from claims.quantities import Comparator
from sources.models import Actor, ActorAlias, Citation, Source

ARTICLE_TEXT = (
    "Seventeen Russian diplomats expelled from the Netherlands at the end of March were intelligence "
    "officers, NOS reported. “The persons concerned are secretly active as intelligence officers,” "
    "the minister wrote."
)


def _letters(n: int) -> str:
    """`n` spelt in letters (a, b, … z, ba, bb …), so that no number is read in a factory's text."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = chr(ord("a") + digit) + letters
        if not n:
            return letters


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def group(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(Group.objects.get(name=extracted))


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = Actor.Kind.OUTLET


class ActorAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorAlias

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Source {n}")
    # A text of its own: sources without a URL are one per text.
    text = factory.Sequence(lambda n: f"{ARTICLE_TEXT}\n\nFiled under {_letters(n)}.")


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    citing = factory.SubFactory(SourceFactory)
    cited_actor = factory.SubFactory(ActorFactory)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"The Netherlands expelled 17 Russian intelligence officers ({n}).")


class QuoteFactory(factory.django.DjangoModelFactory):
    """A quote of the factory source's first words; give `value` to assert one (exact by default)."""

    class Meta:
        model = Quote

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    exact = "Seventeen Russian diplomats"
    comparator = factory.LazyAttribute(lambda quote: Comparator.EXACT if quote.value is not None else "")
    value = None


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conflict

    claim = factory.SubFactory(ClaimFactory)
    kind = Conflict.Kind.OTHER
    detected = False


class PublishedClaimFactory(ClaimFactory):
    """A claim as the workflow leaves it after a reviewer publishes it."""

    status = Claim.Status.PUBLISHED
    verdict = "true"
    explanation = "Two independent accounts agree."
    published_at = factory.LazyFunction(timezone.now)
    reviewed_on = factory.LazyFunction(lambda: timezone.now().date())
