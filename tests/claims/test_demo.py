import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from claims.demo.data import ARTICLES
from claims.demo.loader import load_demo
from claims.models import CitationSuggestion, Claim, Conflict, Quote, QuoteSuggestion
from sources.models import Actor, Citation, Source

pytestmark = pytest.mark.django_db

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"
ROOT = Path(__file__).resolve().parents[2]


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


DENIAL = "dutch-spying-allegations-against-two-russians-were-baseless"


def test_a_published_demo_claim_shows_accounts_that_disagree(client, demo):
    claim = Claim.objects.get(slug=DENIAL)

    page = client.get(claim.get_absolute_url()).text
    home = client.get("/").text

    assert claim.status == Claim.Status.PUBLISHED and claim.conflicts.open().exists()
    assert "Where accounts disagree" in page
    assert "The Russian side said that these allegations were" in page and "large spy network" in page
    assert "Russian government" in page and "AIVD" in page
    card = home[home.index(f'href="/claims/{DENIAL}/"') :]
    assert "accounts disagree" in card[: card.index("</li>")]
    # The reviewer published it knowing of the disagreement, and the history says so.
    assert "confirmed by the reviewer" in claim.history.first().history_change_reason


def test_demo_sources_carry_only_the_metadata_their_articles_give(client, demo):
    # The seed files have no URL, publisher or date line: nothing is invented for them.
    for path in ARTICLES.glob("*.txt"):
        source = Source.objects.get(text=path.read_text(encoding="utf-8"))
        assert source.url is None and source.publisher is None
    flagship = Source.objects.get(title__startswith="Russians expelled from NL")
    assert (
        flagship.title == ARTICLES.joinpath("nl-17-expelled-spying-high-tech.txt").read_text().splitlines()[0]
    )
    # The documents the articles cite, with the publishers and dates the articles give them.
    letter = Source.objects.get(title__startswith="Letter to the Tweede Kamer")
    assert letter.publisher.name == "Ministry of Foreign Affairs of the Netherlands"
    assert [a.name for a in letter.authors.all()] == ["Wopke Hoekstra"]
    assert {s.publisher.name for s in Source.objects.filter(title__contains="17 expelled")} == {
        "NOS",
        "Nieuwsuur",
        "De Tijd",
    }
    # A reader is told what is not recorded rather than left to guess.
    page = client.get(f"/sources/{flagship.pk}/").text
    assert "Not recorded: publisher, date, address." in page
    claim_page = client.get(f"/claims/{SEVENTEEN}/").text
    assert "(publisher and date not recorded)" in claim_page


def test_make_run_loads_the_demo_on_sqlite_without_redis_celery_or_postgresql(tmp_path):
    database = tmp_path / "demo.sqlite3"
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_URL", "REDIS", "CELERY", "CACHE", "DJANGO_SETTINGS"))
    }
    environment.update({"DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"})

    for command in (["migrate", "--noinput"], ["loaddemo"], ["loaddemo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=environment,
            check=True,
            capture_output=True,
        )

    with sqlite3.connect(database) as connection:
        published = connection.execute(
            "SELECT slug FROM claims_claim WHERE status = 'published' ORDER BY slug"
        ).fetchall()
        open_on_published = connection.execute(
            "SELECT COUNT(*) FROM claims_conflict JOIN claims_claim ON claims_claim.id = claims_conflict.claim_id "
            "WHERE claims_conflict.status = 'open' AND claims_claim.status = 'published'"
        ).fetchone()[0]
    assert (DENIAL,) in published and (SEVENTEEN,) in published
    assert open_on_published == 1


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
    assert "Demo logins for http://127.0.0.1:8000/admin/:" in output


def test_the_demo_command_prints_the_port_make_run_serves_on(db, settings, capsys):
    """`make run PORT=8001` passes its port, so the address printed is the one the server listens on."""
    settings.DEBUG = True

    call_command("loaddemo", port=8001)

    assert "Demo logins for http://127.0.0.1:8001/admin/:" in capsys.readouterr().out
