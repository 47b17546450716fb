"""What API consumers read: claim details in one call, lean lists, filters, pages, no drafts."""

import json
from datetime import timedelta

import extruct
import pytest
from django.urls import reverse
from django.utils import timezone

from claims import workflow
from claims.models import Claim
from sources.models import Actor, Source
from tests.factories import ClaimFactory, ConflictFactory, PublishedClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"
DECEMBER = "netherlands-expelled-two-russian-diplomats-december-2020"
DENIAL = "dutch-spying-allegations-against-two-russians-were-baseless"


def url(name, *args):
    return reverse(f"api:{name}", args=args)


def slugs(response):
    return [claim["slug"] for claim in response.json()["results"]]


def test_claim_detail_gives_everything_in_one_call(api, demo, reviewer):
    claim = Claim.objects.get(slug=SEVENTEEN)
    workflow.correct(claim=claim, by=reviewer, note="Month fixed.")

    body = api.get(url("claim-detail", SEVENTEEN)).json()

    assert body["text"] == claim.text and body["status"] == "corrected"
    assert body["verdict"] == "true" and body["verdict_label"] == "True"
    assert body["review_rating"] == {
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "True",
    }
    assert body["quantity"] == {
        "comparator": "exact",
        "value": 17,
        "value_upper": None,
        "unit": "intelligence officers",
        "display": "17 intelligence officers",
    }
    assert (body["time_start"], body["time_end"], body["time_label"]) == (
        "2022-03-01",
        "2022-03-31",
        "March 2022",
    )
    assert len(body["quotes"]) == 3
    quote = body["quotes"][0]
    assert quote["source"]["title"].startswith("Russians expelled from NL")
    assert quote["speaker"]["name"] == "NOS" and quote["is_verified"] is True
    assert body["corrections"][0]["note"] == "Month fixed."
    assert body["html_url"] == f"http://testserver/claims/{SEVENTEEN}/"


def test_claim_detail_shows_open_and_resolved_conflicts(as_role, demo, reviewer):
    claim = Claim.objects.get(slug=DECEMBER)

    body = as_role("editor").get(url("claim-detail", DECEMBER)).json()

    (conflict,) = body["conflicts"]
    assert conflict["status"] == "open" and conflict["kind"] == "values"
    assert sorted(conflict["quotes"]) == sorted(claim.quotes.values_list("pk", flat=True))


def test_claim_list_is_lean_and_links_to_details(api, demo):
    body = api.get(url("claim-list")).json()

    first = body["results"][0]
    assert "quotes" not in first and "explanation" not in first
    assert first["api_url"].startswith("http://testserver/api/v1/claims/")
    assert api.get(first["api_url"]).status_code == 200


def test_lists_never_hold_unpublished_claims(api, demo):
    listed = slugs(api.get(url("claim-list")))

    assert set(listed) == set(Claim.objects.published().values_list("slug", flat=True))
    assert {q["claim"] for q in api.get(url("quote-list")).json()["results"]} <= set(listed)
    conflicts = api.get(url("conflict-list")).json()["results"]
    assert {conflict["claim"] for conflict in conflicts} == {DENIAL}  # the other is on a claim in review
    texts = json.dumps([api.get(url(name)).json() for name in ("source-list", "actor-list", "citation-list")])
    assert "Unnamed Dutch officials" not in texts  # speaks only on a claim in review


def test_staff_filter_by_status(as_role, demo):
    response = as_role("editor").get(url("claim-list"), {"status": "draft"})

    assert set(slugs(response)) == {"netherlands-expelled-four-russians-over-opcw-hack-2018"}


def test_anonymous_status_filter_cannot_reveal_drafts(api, demo):
    assert slugs(api.get(url("claim-list"), {"status": "draft"})) == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"verdict": "unproven"}, {"eight-svr-and-nine-gru-officers-among-the-17-expelled"}),
        ({"search": "seventeen expelled"}, {SEVENTEEN}),
        ({"language": "en"}, None),
        ({"language": "nl"}, set()),
        ({"contested": "true"}, {DENIAL}),
    ],
)
def test_claim_filters(api, demo, params, expected):
    response = api.get(url("claim-list"), params)

    assert response.status_code == 200
    if expected is None:
        expected = set(Claim.objects.published().values_list("slug", flat=True))
    assert set(slugs(response)) == expected


def test_filter_by_actor_and_source(api, demo):
    stoltenberg = Actor.objects.get(name="Jens Stoltenberg")
    nato_article = Source.objects.get(title__startswith="Stoltenberg")

    assert slugs(api.get(url("claim-list"), {"actor": stoltenberg.pk})) == [
        "nato-expelled-eight-russian-mission-members-2021"
    ]
    assert slugs(api.get(url("claim-list"), {"source": nato_article.pk})) == [
        "nato-expelled-eight-russian-mission-members-2021"
    ]


def test_filter_by_updated_since(api, db):
    old = PublishedClaimFactory()
    Claim.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=10))
    new = PublishedClaimFactory()

    since = (timezone.now() - timedelta(days=1)).isoformat()

    assert slugs(api.get(url("claim-list"), {"updated_since": since})) == [new.slug]


def test_cursor_pagination_pages_through_everything(api, db):
    made = {PublishedClaimFactory().slug for _ in range(7)}

    seen, next_url, pages = [], url("claim-list") + "?page_size=3", 0
    while next_url:
        body = api.get(next_url).json()
        seen += [claim["slug"] for claim in body["results"]]
        next_url, pages = body["next"], pages + 1

    assert pages == 3 and len(seen) == 7 and set(seen) == made


def test_ordering(api, db):
    first, second = PublishedClaimFactory(), PublishedClaimFactory()

    assert slugs(api.get(url("claim-list"), {"ordering": "id"})) == [first.slug, second.slug]
    assert slugs(api.get(url("claim-list"), {"ordering": "-id"})) == [second.slug, first.slug]


def test_claimreview_endpoint_equals_the_pages_json_ld(api, client, demo):
    page = client.get(reverse("claims:claim-detail", args=[SEVENTEEN])).text
    (on_page,) = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]

    assert api.get(url("claim-claimreview", SEVENTEEN)).json() == on_page


def test_claimreview_of_an_unpublished_claim_is_404(as_role, db):
    assert as_role("reviewer").get(url("claim-claimreview", ClaimFactory().slug)).status_code == 404


def test_actor_lookup_by_alias(as_role, demo):
    body = as_role("editor").get(url("actor-list"), {"name": "Cassia Olangren"}).json()

    assert [actor["name"] for actor in body["results"]] == ["Kajsa Ollongren"]
    assert body["results"][0]["aliases"] == ["Cassia Olangren", "Olangren"]


def test_creating_a_claim_returns_its_detail(as_role, db):
    response = as_role("editor").post(
        url("claim-list"),
        {
            "text": "Belgium expelled 21 Russian diplomats.",
            "comparator": "at_least",
            "value": 21,
            "unit": "diplomats",
        },
        format="json",
    )

    body = response.json()
    assert response.status_code == 201
    assert body["slug"] == "belgium-expelled-21-russian-diplomats" and body["status"] == "draft"
    assert body["quantity"]["display"] == "at least 21 diplomats"


def test_adding_disagreeing_quotes_through_the_api_opens_a_conflict(as_role, db):
    client = as_role("editor")
    claim = ClaimFactory()
    source = SourceFactory()
    for value in (1, 2):
        client.post(
            url("quote-list"),
            {
                "claim": claim.slug,
                "source": source.pk,
                "exact": "Seventeen Russian diplomats",
                "comparator": "exact",
                "value": value,
            },
            format="json",
        )

    (conflict,) = client.get(url("claim-detail", claim.slug)).json()["conflicts"]

    assert conflict["status"] == "open"


def test_quote_words_missing_from_the_source_are_flagged(as_role, db):
    response = as_role("editor").post(
        url("quote-list"),
        {"claim": ClaimFactory().slug, "source": SourceFactory().pk, "exact": "Words never written"},
        format="json",
    )

    assert response.status_code == 201 and response.json()["is_verified"] is False


def test_a_source_citing_an_actor_shows_a_null_cited_source(api, demo):
    nos_report = Source.objects.get(title__startswith="NOS investigation")

    (citation,) = api.get(url("source-detail", nos_report.pk)).json()["citations"]

    assert citation["cited_source"] is None
    assert citation["cited_actor"]["name"] == "Unnamed Dutch intelligence sources"


def test_conflicts_filter_by_claim_as_quotes_do(api, db):
    # ?claim= on conflicts was no filter, so it answered every conflict whatever the slug.
    first, second = PublishedClaimFactory(), PublishedClaimFactory()
    ConflictFactory(claim=first)
    ConflictFactory(claim=second)

    def claims(params):
        return [row["claim"] for row in api.get(url("conflict-list"), params).json()["results"]]

    assert claims({"claim": first.slug}) == [first.slug]
    assert claims({"claim": "no-such-claim"}) == []
