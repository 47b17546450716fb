import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sources.models import Actor, ActorAlias, Citation, Source
from tests.factories import ActorAliasFactory, ActorFactory, CitationFactory, SourceFactory
from tests.integrity import rejected

pytestmark = pytest.mark.django_db


def test_alias_lookup_finds_the_actor_behind_a_misspelling():
    ollongren = ActorFactory(name="Kajsa Ollongren", kind=Actor.Kind.OFFICIAL)
    ActorAliasFactory(actor=ollongren, name="Cassia Olangren")

    assert list(Actor.objects.named("Cassia Olangren")) == [ollongren]
    assert list(Actor.objects.named("  cassia   OLANGREN ")) == [ollongren]
    assert list(Actor.objects.named("Kajsa Ollongren")) == [ollongren]


def test_lookup_ignores_accents():
    actor = ActorFactory(name="Sergeï Lavrov")

    assert list(Actor.objects.named("Sergei Lavrov")) == [actor]


def test_unknown_name_finds_nobody():
    ActorFactory(name="Kajsa Ollongren")

    assert not Actor.objects.named("Cassia Olangren").exists()


def test_actor_names_are_unique_ignoring_case():
    ActorFactory(name="NOS")

    assert rejected(lambda: ActorFactory(name="nos"))


def test_actor_kind_must_be_known():
    assert rejected(lambda: Actor.objects.bulk_create([Actor(name="X", name_key="x", kind="alien")]))


def test_actor_name_cannot_be_empty():
    assert rejected(lambda: ActorFactory(name="   "))


def test_wikidata_id_is_unique_and_well_formed():
    ActorFactory(wikidata_id="Q1504")

    assert rejected(lambda: ActorFactory(wikidata_id="Q1504"))
    assert rejected(lambda: ActorFactory(wikidata_id="1504"))
    with pytest.raises(ValidationError):
        ActorFactory.build(wikidata_id="Qabc").full_clean()


def test_an_alias_belongs_to_one_actor():
    ActorAliasFactory(name="OPWC")

    assert rejected(lambda: ActorAliasFactory(name="opwc"))


def test_an_alias_cannot_be_another_actors_name():
    ActorFactory(name="NOS")
    alias = ActorAlias(actor=ActorFactory(), name="NOS")

    with pytest.raises(ValidationError, match="already the name of another actor"):
        alias.full_clean()


def test_urls_are_normalised_on_save():
    source = SourceFactory(url="HTTPS://NLTimes.nl:443/2022/04/12/russians?utm_source=x&id=3#top")

    assert source.url == "https://nltimes.nl/2022/04/12/russians?id=3"


def test_the_same_url_spelled_differently_is_a_duplicate():
    SourceFactory(url="https://nltimes.nl/a")

    assert rejected(lambda: SourceFactory(url="https://NLTIMES.nl/a#comments"))


def test_sources_without_url_coexist():
    SourceFactory(url="")
    SourceFactory(url=None)

    assert Source.objects.filter(url__isnull=True).count() == 2


def test_an_empty_string_url_is_refused_by_the_database():
    assert rejected(lambda: Source.objects.bulk_create([Source(title="x", url="")]))


def test_a_malformed_url_is_refused():
    with pytest.raises(ValidationError):
        SourceFactory(url="not a url")


def test_source_title_and_kind_are_checked():
    assert rejected(lambda: Source.objects.bulk_create([Source(title="")]))
    assert rejected(lambda: Source.objects.bulk_create([Source(title="x", kind="tweet")]))


def test_capturing_text_records_its_hash_and_time():
    source = SourceFactory(text="Seventeen Russian diplomats\r\nwere expelled.")

    assert source.text == "Seventeen Russian diplomats\nwere expelled."
    assert source.text_sha256 == hashlib.sha256(source.text.encode()).hexdigest()
    assert source.captured_at is not None


def test_saving_the_same_text_keeps_the_capture_time():
    source = SourceFactory()
    captured_at = source.captured_at

    source.title = "Renamed"
    source.save()

    assert source.captured_at == captured_at


def test_text_without_its_hash_is_refused_by_the_database():
    source = SourceFactory()

    assert rejected(lambda: Source.objects.filter(pk=source.pk).update(text_sha256=""))
    assert rejected(lambda: Source.objects.filter(pk=source.pk).update(captured_at=None))
    assert rejected(lambda: Source.objects.filter(pk=source.pk).update(text_sha256="abc"))


def test_source_without_text_has_no_hash():
    source = SourceFactory(text="")

    assert (source.text_sha256, source.captured_at) == ("", None)
    assert rejected(lambda: Source.objects.filter(pk=source.pk).update(captured_at=timezone.now()))


def test_a_citation_cites_a_source_or_an_actor_not_both():
    citing, cited, actor = SourceFactory(), SourceFactory(), ActorFactory()

    assert rejected(lambda: Citation.objects.create(citing=citing, cited_source=cited, cited_actor=actor))
    assert rejected(lambda: Citation.objects.create(citing=citing))


def test_a_source_cannot_cite_itself():
    source = SourceFactory()

    assert rejected(lambda: Citation.objects.create(citing=source, cited_source=source))


def test_a_citation_relation_must_be_known():
    assert rejected(lambda: CitationFactory(relation="overheard"))


def test_the_same_edge_is_recorded_once():
    citation = CitationFactory()

    assert rejected(
        lambda: Citation.objects.create(
            citing=citation.citing, cited_actor=citation.cited_actor, relation=citation.relation
        )
    )


def test_citation_span_is_anchored_in_the_citing_text():
    citation = CitationFactory(span_text="NOS reported")

    assert citation.citing.text[citation.span_start : citation.span_end] == "NOS reported"


def test_citation_span_must_be_ordered():
    citation = CitationFactory(span_text="NOS reported")

    assert rejected(lambda: Citation.objects.filter(pk=citation.pk).update(span_end=citation.span_start))


def test_citation_span_needs_both_ends():
    citation = CitationFactory(span_text="NOS reported")

    assert rejected(lambda: Citation.objects.filter(pk=citation.pk).update(span_end=None))
