import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from claims.demo.data import ARTICLES
from claims.demo.loader import load_demo
from claims.models import CitationSuggestion, Claim, Conflict, Quote, QuoteSuggestion
from sources.models import Actor, Citation, Source

pytestmark = pytest.mark.django_db

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"


def counts():
    models = (Actor, Source, Citation, Claim, Quote, Conflict, CitationSuggestion, QuoteSuggestion)
    return [model.objects.count() for model in models]


def test_the_seed_articles_are_captured_verbatim(demo):
    for path in ARTICLES.glob("*.txt"):
        assert Source.objects.filter(text=path.read_text(encoding="utf-8")).count() == 1


def test_loading_twice_creates_nothing_more(demo):
    before = counts()

    assert load_demo() == {"claims_created": 0}
    assert counts() == before


def test_the_demo_leaves_what_is_not_yet_recorded_as_suggestions(demo):
    cited = set(CitationSuggestion.objects.pending().values_list("cited_name", flat=True))

    assert {"MIVD", "Le Soir", "Dutch officials"} <= cited
    assert "NOS" not in cited  # the demo already records that citation
    assert QuoteSuggestion.objects.pending().filter(number_text="Six").exists()


def test_a_second_load_keeps_an_editors_changes(demo):
    claim = Claim.objects.get(slug=SEVENTEEN)
    claim.explanation = "Edited by hand."
    claim.save()

    load_demo()

    claim.refresh_from_db()
    assert claim.explanation == "Edited by hand."


def test_every_demo_quote_is_found_in_its_source(demo):
    assert not Quote.objects.unverified().exists()


def test_the_17_expelled_claim_is_published_with_its_accounts(demo):
    claim = Claim.objects.get(slug=SEVENTEEN)

    assert claim.status == Claim.Status.PUBLISHED and claim.verdict == "true"
    assert claim.value == 17 and claim.time_label == "March 2022"
    assert {q.speaker.name for q in claim.quotes.all()} == {"NOS", "Wopke Hoekstra"}


def test_the_17_expelled_article_cites_three_outlets_and_the_ministers_letter(demo):
    article = Source.objects.get(title__startswith="Russians expelled from NL")

    cited = {c.cited_source.title for c in article.citations.filter(cited_source__isnull=False)}

    assert cited == {
        "NOS investigation into the 17 expelled Russian diplomats",
        "Nieuwsuur report on the 17 expelled Russian diplomats",
        "De Tijd investigation into the 17 expelled Russian diplomats",
        "Letter to the Tweede Kamer on the expulsion of Russian intelligence officers",
    }
    outlets = Source.objects.filter(publisher__name__in=["NOS", "Nieuwsuur", "De Tijd"])
    assert {c.cited_actor.name for o in outlets for c in o.citations.all()} == {
        "Unnamed Dutch intelligence sources"
    }


def test_the_misspelled_minister_is_resolved_through_her_alias(demo):
    citation = Citation.objects.get(span_text="Dutch Home Secretary Cassia Olangren said")

    assert citation.cited_actor.name == "Kajsa Ollongren"
    assert Actor.objects.named("OPWC").get().name == "OPCW"


def test_demo_claims_cover_the_story(demo):
    claims = {c.slug: c for c in Claim.objects.all()}

    assert claims["russia-expelled-15-dutch-diplomats-in-response"].value == 15
    assert claims["eight-svr-and-nine-gru-officers-among-the-17-expelled"].verdict == "unproven"
    nato = claims["nato-expelled-eight-russian-mission-members-2021"]
    assert nato.value == 8 and "Stanislav Telegin" in " ".join(q.exact for q in nato.quotes.all())
    assert Conflict.objects.open().count() == 2


def test_the_demo_command_refuses_without_debug(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("loaddemo")

    assert not get_user_model().objects.exists()


def test_the_demo_command_prints_the_logins(db, settings, capsys):
    settings.DEBUG = True

    call_command("loaddemo")

    output = capsys.readouterr().out
    assert "username 'editor', password 'demo-editor-2026'" in output
    assert "username 'reviewer', password 'demo-reviewer-2026'" in output
    assert get_user_model().objects.get(username="reviewer").has_perm("claims.publish_claim")
    assert not get_user_model().objects.get(username="editor").has_perm("claims.publish_claim")
