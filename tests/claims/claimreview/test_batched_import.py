"""Records imported a chunk at a time give what importing them one by one gave, with a fixed number of queries.

import_claim_reviews() imports a chunk of records in one transaction (claims.claimreview.importer._Chunk);
import_review() is the one-record path it falls back to, and the reference these tests compare it with.
"""

from collections import Counter

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from claims.claimreview import importer
from claims.claimreview.importer import import_claim_reviews
from claims.claimreview.parse import parse_review
from claims.models import Claim, ExternalReview
from sources.models import Actor, Source
from tests.factories import ActorFactory, ClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

ARCHIVED = "The Netherlands expelled 17 Russian intelligence officers in March 2022."
QUOTED_URL = "https://news.example/2022/03/expelled"


def review(n: int, text: str, *, appearances=(), url: bool = True, claimant: str | None = None, **fields):
    item: dict = {"@type": "Claim"}
    if claimant:
        item["author"] = {"@type": "Person", "name": claimant}
    if appearances:
        item["appearance"] = [
            {"@type": "CreativeWork", **({"url": a} if a.startswith("http") else {"headline": a})}
            for a in appearances
        ]
    return {
        "@type": "ClaimReview",
        **({"url": f"https://checks.example/reviews/{n}"} if url else {}),
        "claimReviewed": text,
        "author": {"@type": "Organization", "name": ["Checker A", "Checker B", "checker a "][n % 3]},
        "reviewRating": {"alternateName": ["False", "Misleading", "Falso"][n % 3]},
        "datePublished": f"2024-05-{1 + n % 28:02d}",
        "itemReviewed": item,
        **fields,
    }


def feed() -> list[dict]:
    """Every way a record meets the archive, and the records before it in the same chunk."""
    return [
        review(
            1, "the Netherlands expelled 17 Russian intelligence officers in March, 2022!"
        ),  # same sentence
        review(2, "The Netherlands expelled 18 Russian intelligence officers in March 2022."),  # other number
        review(3, "Crowds cheered the mayor's new bicycle lanes", appearances=[QUOTED_URL]),  # quoted source
        review(4, "Bicycle lanes cut traffic by 12 percent", appearances=["https://social.example/p/4"]),
        review(5, "Lanes for bicycles cut traffic by twelve", appearances=["https://social.example/p/4"]),
        review(6, "Bicycle lanes cut traffic by 12 percent."),  # the sentence of record 4, a new claim
        review(7, "A leaflet said the election was moved", appearances=["A leaflet"], claimant="Leaflet Man"),
        review(8, "A leaflet said the election was moved", appearances=["A leaflet"], url=False),
        review(1, "the Netherlands expelled 17 Russian intelligence officers in March, 2022!", title="Again"),
        review(9, "A claim with nothing in common", claimant="leaflet man"),
        review(10, "A claim with nothing in common", appearances=["https://social.example/p/10"]),
        {**review(11, "Rated without a label"), "reviewRating": {"ratingValue": 1}},  # rejected
        review(12, "Bicycle lanes cut traffic by 12 percent", appearances=["https://social.example/p/12"]),
    ]


def archive() -> None:
    ClaimFactory(text=ARCHIVED)
    quoted = SourceFactory(url=QUOTED_URL)
    QuoteFactory(source=quoted)
    ActorFactory(name="Checker A", kind=Actor.Kind.ORGANISATION)


def one_by_one(records: list[dict]) -> tuple[tuple[int, int, int], list[tuple[int, str]]]:
    """Import as before chunks: each record in its own transaction through import_review()."""
    counts, rejected = Counter(), []
    for index, node in enumerate(records, 1):
        try:
            counts[importer._import_with_retries(parse_review(node))] += 1
        except importer.RecordError as error:
            rejected.append((index, str(error)))
    return (counts["created"], counts["matched"], counts["skipped"]), rejected


def rows(queryset) -> list[tuple]:
    return sorted(queryset, key=repr)


def state() -> dict:
    """What the database holds, by natural values (primary keys differ between two runs)."""
    reviews = ExternalReview.objects.select_related("claim", "reviewer", "claimant", "first_appearance")
    history = ExternalReview.history.model
    m2m = history.appearances.model
    return {
        "claims": rows(Claim.objects.values_list("text", "slug", "status")),
        "reviews": rows(
            (
                r.key,
                r.claim.text,
                r.reviewer.name,
                r.claimant.name if r.claimant else None,
                r.title,
                r.rating_label,
                r.verdict,
                str(r.reviewed_on),
                tuple(sorted(str(s.url or s.title) for s in r.appearances.all())),
            )
            for r in reviews
        ),
        "sources": rows(Source.objects.values_list("url", "title", "kind", "language")),
        "actors": rows(Actor.objects.values_list("name", "kind")),
        "claim history": rows(Claim.history.values_list("text", "history_type")),
        "review history": rows(history.objects.values_list("key", "history_type", "title")),
        "appearance history": rows(
            m2m.objects.values_list("history__key", "history__history_type", "source__url", "source__title")
        ),
        "actor history": rows(Actor.history.values_list("name", "history_type", "history_user")),
        "source history": rows(
            Source.history.values_list("url", "title", "kind", "history_type", "history_user")
        ),
    }


@pytest.mark.parametrize("chunk", [1, 4, 250])
def test_chunks_give_what_one_by_one_gave(monkeypatch, chunk):
    monkeypatch.setattr(importer, "CHUNK", chunk)
    archive()
    with transaction.atomic():
        expected_counts, expected_rejected = one_by_one(feed())
        expected = state()
        transaction.set_rollback(True)
    assert state()["reviews"] == []

    summary = import_claim_reviews(feed())

    assert (summary.created, summary.matched, summary.skipped) == expected_counts == (4, 8, 0)
    assert [(r.index, r.reason) for r in summary.rejected] == expected_rejected
    assert [r.index for r in summary.rejected] == [12]
    assert state() == expected
    archived = Claim.objects.get(text=ARCHIVED)
    assert archived.external_reviews.get().title == "Again"  # record 9 updated record 1's review
    assert ExternalReview.objects.get(url__endswith="/3").claim.quotes.get().source.url == QUOTED_URL
    assert ExternalReview.objects.get(url__endswith="/5").claim.text.startswith("Bicycle lanes")
    assert ExternalReview.objects.get(url__endswith="/6").claim.text.startswith("Bicycle lanes")


@pytest.mark.parametrize("chunk", [3, 250])
def test_importing_again_changes_nothing(monkeypatch, chunk):
    monkeypatch.setattr(importer, "CHUNK", chunk)
    archive()
    import_claim_reviews(feed())
    before = state()

    again = import_claim_reviews(feed())

    assert (again.created, again.matched, again.skipped) == (0, 0, 12)
    assert state() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite stores a NUL character")
def test_a_record_the_database_refuses_is_rejected_whole_and_the_others_import(monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", 250)
    # PostgreSQL refuses a NUL character in text, here the review's title, written last of the record.
    refused = review(
        20,
        "A rating with a title that cannot be stored",
        appearances=["https://social.example/p/20"],
        claimant="Nobody Else",
        name="A title with a \x00 in it",
    )
    records = [review(21, "The first good record"), refused, review(22, "The second good record")]

    summary = import_claim_reviews(records)

    assert (summary.created, summary.matched) == (2, 0)
    assert [r.index for r in summary.rejected] == [2]
    assert summary.rejected[0].reason.startswith("it could not be saved (")
    # Nothing of the refused record was left behind: not its claim, source, claimant or history.
    assert not Claim.objects.filter(text__startswith="A rating with").exists()
    assert not Source.objects.filter(url="https://social.example/p/20").exists()
    assert not Actor.objects.filter(name="Nobody Else").exists()
    assert not Claim.history.filter(text__startswith="A rating with").exists()
    assert sorted(Claim.objects.values_list("text", flat=True)) == [
        "The first good record",
        "The second good record",
    ]


def test_queries_per_chunk_do_not_grow_with_its_records(monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", 20)
    archive()
    ActorFactory(name="Speaker", kind=Actor.Kind.PERSON)
    ActorFactory(name="Checker B", kind=Actor.Kind.ORGANISATION)
    records = [
        review(n, f"Claim number {n} of a chunk, never seen", appearances=[QUOTED_URL], claimant="Speaker")
        for n in range(100, 140)
    ]
    with CaptureQueriesContext(connection) as context:
        summary = import_claim_reviews(records)
    assert (summary.created, summary.matched) == (0, 40)  # the quoted source's claim
    # Per chunk of 20 records:
    #  1 SAVEPOINT (the chunk's transaction)
    #  2 the reviews already recorded under the records' keys
    #  3 the sources already recorded under the appearances' URLs
    #  4-5 the actors named: by an alias, by their own name
    #  6-7 the first claim quoting each known source, and the first reviewed with it
    #  (no claim to match by sentence: every record was matched by its source)
    #  8 INSERT the reviews, 9 their history
    #  10 INSERT their appearances; 11 the reviews' history again, with them; 12 that history's appearances
    #  13 UPDATE the claims they changed (changed_at)
    #  14 RELEASE SAVEPOINT
    assert len(context) == 2 * 14, "\n".join(query["sql"][:100] for query in context.captured_queries)


def test_queries_per_chunk_of_new_claims_and_new_actors(monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", 20)
    archive()
    records = [review(n, f"Claim number {n} of a chunk, never seen") for n in range(100, 140)]
    ActorFactory(name="Checker B", kind=Actor.Kind.ORGANISATION)
    with CaptureQueriesContext(connection) as context:
        summary = import_claim_reviews(records)
    assert summary.created == 40
    # Per chunk of 20 records:
    #  1 SAVEPOINT; 2 the reviews already recorded; 3-4 the actors named (by alias, by name)
    #  5 the claims sharing each sentence's longest word (one query for all on PostgreSQL; on SQLite one
    #    per distinct word: "number" is the longest of every sentence here)
    #  6-7 the slugs taken among claims and former slugs
    #  8 INSERT the claims, 9 their history; 10 INSERT the reviews, 11 their history
    #  (no UPDATE of changed_at: the claims were opened by the chunk, and marked when inserted)
    #  12 RELEASE SAVEPOINT
    assert len(context) == 2 * 12, "\n".join(query["sql"][:100] for query in context.captured_queries)


def test_new_actors_and_sources_are_recorded_at_once_with_their_history(monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", 20)
    records = [
        review(
            n,
            f"Claim number {n}, said by someone new",
            claimant=f"Speaker {n % 7}",
            appearances=[f"https://social.example/new/{n % 10}"],
        )
        for n in range(20)
    ]
    with CaptureQueriesContext(connection) as context:
        import_claim_reviews(records)
    # 1 SAVEPOINT; 2 reviews by key; 3 sources by URL (none known: no claims quoting them to look up)
    # 4-5 actors by alias and by name; 6-7 INSERT the 9 new actors (two checkers, seven speakers) and
    # their history; 8-9 INSERT the 10 new sources and their history; 10 the claims with each sentence
    # (PostgreSQL: one query; SQLite: one per distinct longest word, "someone" here); 11-12 the slugs
    # taken; 13-16 INSERT the claims, their history, the reviews, their history; 17 INSERT the
    # appearances, 18 the reviews' history with them, 19 that history's appearances; 20 RELEASE SAVEPOINT
    assert len(context) == 20, "\n".join(query["sql"][:100] for query in context.captured_queries)
    assert Actor.objects.filter(kind=Actor.Kind.PERSON).count() == 7
    assert Actor.objects.count() == 9  # "checker a " is Checker A
    assert sorted(Actor.history.values_list("name", "history_type", "history_user")) == sorted(
        [(name, "+", None) for name in ["Checker A", "Checker B", *(f"Speaker {n}" for n in range(7))]]
    )
    assert Source.objects.count() == 10
    assert Source.history.filter(history_type="+").count() == 10
    # Record 13 names the post record 3 named, a source made by this very chunk: it joins record 3's claim.
    thirteenth = ExternalReview.objects.get(url="https://checks.example/reviews/13")
    assert thirteenth.claim.text == "Claim number 3, said by someone new"
    assert thirteenth.appearances.get().url == "https://social.example/new/3"
    assert Claim.objects.count() == 10


def test_the_same_sentence_is_found_however_many_claims_share_its_words():
    # 300 claims hold every word of the sentence, in another order: the one with the sentence comes after
    # them all (before, only the first 200 holding its longest word were compared, so it was missed).
    Claim.objects.bulk_create(
        [Claim(text=f"Officers intelligence expelled {n} Netherlands", slug=f"other-{n}") for n in range(300)]
    )
    archived = ClaimFactory(text=ARCHIVED)

    summary = import_claim_reviews([review(1, ARCHIVED.upper().replace(".", " !"))])

    assert (summary.created, summary.matched) == (0, 1)
    assert archived.external_reviews.count() == 1
