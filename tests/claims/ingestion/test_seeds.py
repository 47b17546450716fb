"""Ingesting the real seed articles: what an editor would record from each, found with recall and precision ≥ 0.9.

The lists below were made by reading each article as an editor would, before
and apart from the detector: every party the article attributes information
to (one entry per party, with the spellings an editor would accept for it),
and every sentence that asserts a count of something (with the words that
identify it, and the value). Not listed, because an editor would not record
them: ages ("52-year-old"), years and dates, durations ("two years ago"),
"both men", "one of them", "the two incidents", a headline question ("Who were
Russia's 8 spies in NATO"), "according to reports" (no one named), and an
audience ("told reporters").
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from claims.ingestion.decide import accept_citation, accept_quote
from claims.ingestion.suggest import ingest
from claims.models import CitationSuggestion, Claim, Conflict, QuoteSuggestion
from claims.quantities import Comparator
from sources.actor_matching import match_key

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parents[3] / "claims" / "demo" / "articles"
SHARED_SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
REQUIRED = 0.9


@dataclass(frozen=True)
class Statement:
    words: str  # words the suggested quote must contain
    value: int
    comparator: str = Comparator.EXACT


@dataclass(frozen=True)
class Article:
    file: str
    # The texts carry no dates; these follow from them: nl2 reports "December 10" (2020) as news, nl17 the
    # expulsions "at the end of March" 2022 as past, the NATO piece Bild's interview after the 2021 expulsions.
    published_on: date
    attributions: list[set[str]]
    statements: list[Statement]


SEEDS = [
    Article(
        "nl-17-expelled-spying-high-tech.txt",
        date(2022, 4, 19),
        attributions=[
            {"NOS"},
            {"Nieuwsuur"},
            {"De Tijd"},
            {"Wopke Hoekstra", "Hoekstra"},
            {
                "Intelligence sources of NOS",
                "the broadcaster’s intelligence sources",
                "Unnamed Dutch intelligence sources",
            },
            {"Ben de Jong"},
            {"AIVD"},
            {"MIVD"},
        ],
        statements=[
            Statement("Seventeen Russian diplomats expelled from the Netherlands", 17),
            Statement("The 17 Russians were registered as diplomats", 17),
            Statement("send the 17 spies away", 17),
            Statement("Russia expelled fifteen Dutch diplomats", 15),
            Statement("Eight of the expelled Russians worked for the intelligence service SVR", 8),
            Statement("the other nine for the military intelligence service GRU", 9),
            Statement("Six of the deported spies were encryption experts", 6),
            Statement("The other eleven focused on actively gathering intelligence", 11),
            Statement("Two specifically worked on recruiting sources", 2),
            Statement("At least two others were military technology experts", 2, Comparator.AT_LEAST),
            Statement("the Netherlands deported another Russian", 1),
        ],
    ),
    Article(
        "nl-2-expelled-high-tech-2020.txt",
        date(2020, 12, 10),
        attributions=[
            {"Dutch intelligence agencies"},
            {"Russian side", "The Russian side", "Russian government"},
            {"Dutch officials", "Unnamed Dutch officials"},
            {"AIVD", "Dutch General Intelligence and Security"},
            {"British media"},
            {"Cassia Olangren", "Kajsa Ollongren"},
            {"Leonidslutsky", "Leonid Slutsky", "Slutsky"},
            {"BBC"},
            {"International Telegraph"},
            {"European Drug Administration", "EMA"},
        ],
        statements=[
            Statement("two Russians who were diplomats in the Netherlands would be expelled", 2),
            Statement("the two deported Russians worked as diplomats", 2),
            Statement("The Netherlands expelled two Russian diplomats", 2),
            Statement("four Russians were also repatriated to Russia", 4),
        ],
    ),
    Article(
        "nato-8-expelled-brussels.txt",
        date(2024, 4, 13),
        attributions=[
            {"Jens Stoltenberg", "Stoltenberg"},
            {"Das Bild", "Bild"},
            {"Le Soir"},
            {"EUobserver"},
            {"Michael Khodorkovsky Dossier Center", "Dossier Center"},
        ],
        statements=[
            Statement("8 Russians expelled from NATO headquarters", 8),
            Statement("The eight cases claiming to be", 8),
            Statement("The eight Russian diplomatic spies were", 8),
        ],
    ),
]


def ingest_seed(article: Article):
    return ingest(
        text=(ARTICLES / article.file).read_text(encoding="utf-8"), published_on=article.published_on
    )


def pair_up(expected: list, found: list, matches) -> int:
    """How many expected items meet a distinct found one."""
    unused = list(found)
    paired = 0
    for item in expected:
        partner = next((candidate for candidate in unused if matches(item, candidate)), None)
        if partner is not None:
            unused.remove(partner)
            paired += 1
    return paired


def names_of(suggestion: CitationSuggestion) -> set[str]:
    names = {suggestion.cited_name, suggestion.new_actor_name, *suggestion.new_actor_aliases}
    if suggestion.cited_actor:
        names.add(suggestion.cited_actor.name)
    return {match_key(name) for name in names if name}


def names_party(accepted: set[str], suggestion: CitationSuggestion) -> bool:
    return bool({match_key(name) for name in accepted} & names_of(suggestion))


def states(statement: Statement, suggestion: QuoteSuggestion) -> bool:
    return (
        " ".join(statement.words.split()) in " ".join(suggestion.exact.split())
        and suggestion.value == Decimal(statement.value)
        and suggestion.comparator == statement.comparator
    )


@pytest.mark.parametrize("article", SEEDS, ids=lambda article: article.file)
def test_attributions_are_found_with_recall_and_precision_of_at_least_0_9(article):
    found = ingest_seed(article).citations

    paired = pair_up(article.attributions, found, names_party)

    recall, precision = paired / len(article.attributions), paired / len(found)
    assert recall >= REQUIRED, [names_of(s) for s in found]
    assert precision >= REQUIRED, [names_of(s) for s in found]


@pytest.mark.parametrize("article", SEEDS, ids=lambda article: article.file)
def test_numeric_statements_are_found_with_recall_and_precision_of_at_least_0_9(article):
    found = ingest_seed(article).quotes

    paired = pair_up(article.statements, found, states)

    recall, precision = paired / len(article.statements), paired / len(found)
    assert recall >= REQUIRED, [(s.exact, s.value) for s in found]
    assert precision >= REQUIRED, [(s.exact, s.value) for s in found]


def test_the_seed_copies_are_the_shared_articles_byte_for_byte():
    if not SHARED_SEEDS.is_dir():
        pytest.skip(f"The shared seed articles are not at {SHARED_SEEDS}.")
    for article in SEEDS:
        assert (ARTICLES / article.file).read_bytes() == (SHARED_SEEDS / article.file).read_bytes()


def accept_everything() -> None:
    """What an editor does who accepts every suggestion in reading order, source by source."""
    for suggestion in CitationSuggestion.objects.pending().order_by("source_id", "start"):
        accept_citation(suggestion=suggestion, by=None)
    for suggestion in QuoteSuggestion.objects.pending().order_by("source_id", "start"):
        accept_quote(suggestion=suggestion, by=None)


@pytest.mark.parametrize(
    "order", [[0, 1, 2], [2, 1, 0], [1, 0, 2]], ids=["nl17-first", "nato-first", "nl2-first"]
)
def test_accepting_the_suggestions_of_the_three_seeds_yields_the_december_2020_conflict_and_no_other(order):
    for position in order:
        ingest_seed(SEEDS[position])

    accept_everything()

    conflict = Conflict.objects.open().get()
    values = sorted(quote.value for quote in conflict.quotes.all())
    assert conflict.kind == Conflict.Kind.VALUES
    assert values[0] == 1 and set(values[1:]) == {2}
    claim = conflict.claim
    assert claim.time_start <= date(2020, 12, 10) <= claim.time_end
    assert "Two years ago, the Netherlands deported another Russian" in [
        q.exact[:55] for q in claim.quotes.all()
    ]


def test_the_seventeen_and_the_fifteen_expelled_stay_apart():
    ingest_seed(SEEDS[0])

    accept_everything()

    seventeen = Claim.objects.get(quotes__exact__startswith="Seventeen Russian diplomats")
    assert sorted(seventeen.quotes.values_list("value", flat=True)) == [
        17,
        17,
    ]  # and "send the 17 spies away"
    fifteen = Claim.objects.get(quotes__exact="Russia expelled fifteen Dutch diplomats")
    assert fifteen != seventeen
    assert not Conflict.objects.exists()


def test_times_are_resolved_against_the_publication_date():
    quotes = {suggestion.number_text: suggestion for suggestion in ingest_seed(SEEDS[0]).quotes}

    assert quotes["Seventeen"].time_label == "end of March 2022"
    assert (quotes["Seventeen"].time_start, quotes["Seventeen"].time_end) == (
        date(2022, 3, 21),
        date(2022, 3, 31),
    )
    assert (quotes["another"].time_start, quotes["another"].time_end) == (
        date(2020, 1, 1),
        date(2020, 12, 31),
    )


def test_statements_name_who_the_article_attributes_them_to():
    speakers = {
        suggestion.exact.split(" were ")[0].split(" worked ")[0]: suggestion.speaker_name
        or str(suggestion.speaker)
        for suggestion in ingest_seed(SEEDS[0]).quotes
    }

    assert speakers["Eight of the expelled Russians"] == "NOS"  # "…, NOS reported."
    assert speakers["the other nine for the military intelligence service GRU"] == "NOS"
    assert speakers["At least two others"] == "NOS"  # "…, according to NOS."
    assert (
        speakers["The 17 Russians"] == "Wopke Hoekstra"
    )  # "…, said Foreign Minister Wopke Hoekstra in a letter …"


def test_in_the_demo_the_names_meet_the_recorded_actors(demo):
    text = (ARTICLES / SEEDS[1].file).read_text(encoding="utf-8")
    # The same text published at another address: another document, citing the same parties.
    result = ingest(text=text, url="https://syndicated.example.org/nl-2", published_on=SEEDS[1].published_on)
    found = {suggestion.cited_name: suggestion for suggestion in result.citations}

    assert found["Cassia Olangren"].cited_actor.name == "Kajsa Ollongren"
    assert found["Dutch General Intelligence and Security"].cited_actor.name == "AIVD"
    assert found["Leonidslutsky"].cited_actor.name == "Leonid Slutsky"
    assert found["Russian side"].cited_actor.name == "Russian government"
    assert found["Dutch officials"].cited_actor.name == "Unnamed Dutch officials"
