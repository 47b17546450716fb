import json
import re
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.claimreview.export import data_feed, feed_claims
from claims.claimreview.importer import import_claim_reviews
from claims.claimreview.markup import organisation
from claims.claimreview.parse import MAX_FEED_BYTES, FeedError, read_nodes
from claims.models import Claim, ExternalReview
from claims.verdicts import Verdict
from sources.models import Actor, Citation, Source
from tests.factories import ClaimFactory

SAMPLE = Path(__file__).resolve().parents[4] / "shared" / "data" / "claimreviews-real-sample.jsonl"
needs_sample = pytest.mark.skipif(
    not SAMPLE.exists(), reason=f"{SAMPLE} is not there: check out shared/ beside the repository."
)


def sample_records() -> list[dict]:
    return [json.loads(line)["claimreview"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def review(**fields) -> dict:
    record = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.example.org/reviews/1",
        "claimReviewed": "The Netherlands expelled 17 Russian intelligence officers in March 2022.",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 5,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "True",
        },
        "datePublished": "2022-04-01",
    }
    record.update(fields)
    return record


@pytest.fixture
def imported_sample(db) -> list[dict]:
    """The real records, imported; skipped with a message where shared/ is not beside the repository."""
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} is not there: check out shared/ beside the repository.")
    records = sample_records()
    import_claim_reviews(records)
    return records


def import_text(text: str | bytes):
    data = text.encode() if isinstance(text, str) else text
    return import_claim_reviews(read_nodes(data))


@needs_sample
@pytest.mark.django_db
def test_every_real_record_imports_and_again_changes_nothing():
    summary = import_claim_reviews(sample_records())
    assert summary.rejected == []
    # 22 records; two are the same Newtral review crawled from its page and from an index.
    assert (summary.created, summary.matched, summary.skipped) == (21, 0, 1)
    assert ExternalReview.objects.count() == 21
    assert set(Claim.objects.values_list("status", flat=True)) == {Claim.Status.DRAFT}
    history = ExternalReview.history.count()

    again = import_claim_reviews(sample_records())

    assert (again.created, again.matched, again.skipped) == (0, 0, 22)
    assert ExternalReview.history.count() == history
    assert Claim.objects.count() == 21


def test_spanish_afp_record_field_by_field(imported_sample):
    review = ExternalReview.objects.get(url="https://factual.afp.com/doc.afp.com.32DE93V")
    assert review.claim.text == "Video muestra a pilotos protestando contra la vacunación covid-19 en Dallas"
    assert review.reviewer.name == "AFP"
    assert review.rating_label == "Falso"
    assert review.verdict == Verdict.FALSE
    assert (review.rating_value, review.best_rating, review.worst_rating) == (1, 5, 1)
    assert review.reviewed_on == date(2022, 6, 28)  # "2022-06-28 21:14"
    assert review.claimant.name == "Varias fuentes"
    assert review.claimed_on == date(2022, 6, 26)
    assert [source.url for source in review.appearances.all()] == [
        "https://www.facebook.com/marcelo.mario.50/videos/408034091279692/"
    ]
    assert review.appearances.get().kind == Source.Kind.POST


def test_hindi_record_keeps_devanagari_byte_for_byte(imported_sample):
    expected = imported_sample[7]["claimReviewed"]
    review = ExternalReview.objects.get(url__startswith="https://hindi.boomlive.in/")
    assert review.claim.text.encode() == expected.encode()
    assert review.rating_label == "Misleading"
    assert review.verdict == Verdict.MIXED
    assert review.best_rating is None  # given as ""
    assert review.reviewer.name == "Boom Live"  # the publisher: its author is a person
    assert review.claimant.name == "social media"
    assert review.reviewed_on == date(2021, 8, 3)


def test_messy_forms_in_real_records(imported_sample):
    # Aos Fatos: @type as a list, author as a list of people, a URL without a scheme.
    aos = ExternalReview.objects.get(url__startswith="https://aosfatos.org/noticias/")
    assert aos.reviewer.name == "Aos Fatos"
    assert aos.rating_label == "não_é_bem_assim"
    assert aos.verdict == Verdict.MIXED
    # Comprova: the verdict opens a long label; two appearances.
    comprova = ExternalReview.objects.get(reviewer__name="Comprova")
    assert comprova.rating_label.startswith("FALSO: As imagens")
    assert comprova.verdict == Verdict.FALSE
    assert comprova.appearances.count() == 2
    # The Quint: claimReviewed given as a list.
    quint = ExternalReview.objects.get(reviewer__name="The Quint")
    assert quint.claim.text == "Last Tweets of Sushant Singh Rajput shared on 14 June"
    # Vishvas News: an HTML entity in the claim.
    vishvas = ExternalReview.objects.get(reviewer__name="Vishvas News")
    assert vishvas.claim.text == "Rishi Sunak praises Manmohan Singh's economy ideas"
    # Estadão: a site-relative URL with no site to resolve it against is left out, not invented.
    estadao = ExternalReview.objects.get(claim__text__startswith="Yanomamis")
    assert estadao.url == ""
    assert estadao.reviewer.name == "Clarissa Pacheco"


@pytest.mark.django_db
def test_arabic_and_cjk_text_kept_byte_for_byte_with_carriage_return_label():
    arabic = "الحكومة الهولندية طردت 17 دبلوماسياً روسياً"
    chinese = "荷兰驱逐了17名俄罗斯情报官员"
    summary = import_claim_reviews(
        [
            review(
                url="https://misbar.com/factcheck/1",
                claimReviewed=arabic,
                inLanguage="ar",
                reviewRating={"alternateName": "زائف\r"},
            ),
            review(
                url="https://example.cn/1",
                claimReviewed=chinese,
                inLanguage="zh-CN",
                reviewRating={"alternateName": "错误", "ratingValue": ""},
            ),
        ]
    )
    assert summary.created == 2
    misbar = ExternalReview.objects.get(url="https://misbar.com/factcheck/1")
    assert misbar.claim.text.encode() == arabic.encode()
    assert misbar.rating_label == "زائف"
    assert misbar.verdict == Verdict.FALSE
    assert misbar.language == "ar"
    cjk = ExternalReview.objects.get(url="https://example.cn/1")
    assert cjk.claim.text == chinese
    assert cjk.rating_value is None
    assert cjk.language == "zh-CN"


@pytest.mark.django_db
def test_records_without_claim_or_label_are_rejected_with_index_and_reason():
    summary = import_claim_reviews(
        [
            review(url="https://a.example/1"),
            review(url="https://a.example/2", claimReviewed=""),
            review(url="https://a.example/3", reviewRating={"ratingValue": 1}),
            review(url="https://a.example/4", claimReviewed="x" * 501),
        ]
    )
    assert summary.created == 1
    assert [(r.index, r.reason.split(":")[0]) for r in summary.rejected] == [
        (2, "it has no claimReviewed"),
        (3, "its reviewRating has no alternateName"),
        (4, "its claimReviewed is 501 characters long; a claim is one sentence of at most 500."),
    ]
    assert ExternalReview.objects.count() == 1


@pytest.mark.django_db
def test_matches_claim_by_appearance_url_and_by_similar_text():
    by_text = ClaimFactory(text="The Netherlands expelled 17 Russian intelligence officers in March 2022")
    nato = ClaimFactory(text="NATO expelled 8 Russian officials in 2021.")
    summary = import_claim_reviews(
        [
            review(claimReviewed="the Netherlands expelled 17 Russian intelligence officers in March, 2022!"),
            review(url="https://b.example/1", claimReviewed="NATO expelled 2 Russian officials in 2009."),
        ]
    )
    assert (summary.created, summary.matched) == (1, 1)
    assert by_text.external_reviews.count() == 1
    assert not nato.external_reviews.exists()  # other numbers: another fact, not the same claim

    post = "https://www.facebook.com/posts/42"
    import_claim_reviews(
        [
            review(
                url="https://c.example/1",
                claimReviewed="NATO kicked out two Russians",
                itemReviewed={"@type": "Claim", "appearance": [{"url": post}]},
            )
        ]
    )
    claim = ExternalReview.objects.get(url="https://c.example/1").claim
    import_claim_reviews(
        [
            review(
                url="https://d.example/1",
                claimReviewed="Russians kicked out by NATO",
                itemReviewed={"@type": "Claim", "appearance": {"url": post}},
            )
        ]
    )
    assert ExternalReview.objects.get(url="https://d.example/1").claim == claim


@pytest.mark.django_db
def test_external_review_never_replaces_our_verdict():
    claim = ClaimFactory(
        text="The Netherlands expelled 17 Russian intelligence officers in March 2022.", verdict=Verdict.TRUE
    )
    import_claim_reviews([review(reviewRating={"alternateName": "False"})])
    claim.refresh_from_db()
    assert claim.verdict == Verdict.TRUE
    assert claim.external_reviews.get().verdict == Verdict.FALSE


@pytest.mark.parametrize(
    ("wrapper", "count"),
    [
        (lambda r: json.dumps(r), 1),
        (lambda r: json.dumps([r, {**r, "url": "https://x.example/2"}]), 2),
        (lambda r: json.dumps({"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, r]}), 1),
        (lambda r: json.dumps(r) + "\n\n" + json.dumps({**r, "url": "https://x.example/2"}) + "\n", 2),
        (
            lambda r: json.dumps(
                {"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": [r]}]}
            ),
            1,
        ),
        (
            lambda r: (
                "<html><head><script type='application/ld+json'>"
                + json.dumps(r)
                + "</script></head><body>A review</body></html>"
            ),
            1,
        ),
    ],
    ids=["object", "array", "graph", "json-lines", "datafeed", "html"],
)
@pytest.mark.django_db
def test_reads_every_packing(wrapper, count):
    summary = import_text(wrapper(review()))
    assert summary.created + summary.matched == count
    assert ExternalReview.objects.count() == count


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"@type": "ClaimReview", "claimReviewed": }', "is not valid JSON: Expecting value at line 1"),
        (b'[{"@type": "ClaimReview",\n "claimReviewed": "x"', "ends before its JSON is complete"),
        (b"<html><body><p>No markup here</p></body></html>", "HTML page without JSON-LD"),
        (b"\xff\xfe\x00bad", "is not UTF-8 text"),
        (b"   \n", "is empty"),
        (b'{"a": 1}\n{"b": \n', "line 2: the JSON ends before it is complete"),
    ],
    ids=["invalid", "truncated", "html-without-json-ld", "encoding", "empty", "truncated-json-lines"],
)
def test_malformed_input_gets_a_clear_message(data, message):
    with pytest.raises(FeedError, match=re.escape(message)):
        read_nodes(data, name="feed.json")


def test_oversized_feed_is_refused_before_reading():
    with pytest.raises(FeedError, match=r"is 32 MB; feeds of at most 32 MB are read"):
        read_nodes(b" " * (MAX_FEED_BYTES + 1), name="feed.json")


@pytest.mark.django_db
def test_command_reports_summary_and_leaves_database_alone_on_bad_file(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(review()) + "\n" + json.dumps(review(claimReviewed="")) + "\n")
    bad = tmp_path / "bad.json"
    bad.write_text('{"@type": "ClaimReview"')
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"Nothing was imported from .*bad\.json"):
        call_command("import_claimreview", str(good), str(bad), stdout=out, stderr=err)
    assert "1 created, 0 matched, 0 skipped, 1 rejected" in out.getvalue()
    assert "rejected record 2: it has no claimReviewed" in err.getvalue()
    assert "ends before its JSON is complete" in err.getvalue()
    assert ExternalReview.objects.count() == 1


@pytest.mark.django_db
def test_export_then_import_into_empty_database_is_lossless(demo):
    claims = list(feed_claims())
    assert claims, "the demo has published claims"
    feed = data_feed(
        claims=feed_claims(),
        base_url="https://fc.example.org",
        organisation=organisation("https://fc.example.org"),
    )
    expected = {}
    for element in feed["dataFeedElement"]:
        item = element["item"][0]
        expected[item["claimReviewed"]] = item
    originals = {claim.text: claim for claim in claims}

    # An empty database: delete what the demo wrote, then import our own feed.
    Citation.objects.all().delete()
    Claim.objects.all().delete()
    Source.objects.all().delete()
    Actor.objects.all().delete()
    summary = import_claim_reviews(read_nodes(json.dumps(feed).encode()))

    assert summary.created == len(originals) and not summary.rejected
    for text, original in originals.items():
        imported = ExternalReview.objects.get(claim__text=text)
        item = expected[text]["itemReviewed"]
        assert imported.verdict == original.verdict
        assert imported.rating_label == original.get_verdict_display()
        assert imported.reviewed_on == original.published_at.date()
        assert imported.url == f"https://fc.example.org{original.get_absolute_url()}"
        assert imported.reviewer.name == organisation("x")["name"]
        assert imported.claimant.name == item["author"]["name"]
        assert sorted(source.title for source in imported.appearances.all()) == sorted(
            appearance["headline"] for appearance in item["appearance"]
        )
        assert imported.first_appearance.title == item["firstAppearance"]["headline"]
        assert imported.language == "en"
        if original.verdict_value is not None:
            assert imported.rating_value == Decimal(original.verdict_value)


@pytest.mark.django_db
def test_command_refuses_a_100_mb_feed_without_reading_it(tmp_path):
    big = tmp_path / "big.jsonl"
    with big.open("wb") as file:
        file.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_claimreview", str(big), stdout=StringIO(), stderr=err)
    assert "big.jsonl is 100 MB; feeds of at most 32 MB are read" in err.getvalue()
    assert not ExternalReview.objects.exists()
