"""Every admin page an editor opens makes a fixed number of queries, however many rows it shows.

Each count is exact on the newsroom fixture (tests/newsroom.py): every changelist has at least 50 rows
on its one page; the claim page has 10 quotes, 3 external reviews, 2 conflicts, a note and a flag;
the source page 3 captures: a query made once per row or per inline would add 2 to 50 to the count.

Every page starts with the same 4 queries: the session, the user, and the user's own and group
permissions. A changelist then counts its rows once: the paginator's count (show_full_result_count is off
everywhere, sources/admin_display.py's LargeListMixin: no second count of every row for "N total").
"""

import pytest

from claims.models import CitationSuggestion, Claim, Conflict, ExternalReview, Quote, QuoteSuggestion
from sources.models import Actor, Citation, Source
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db

AUTH = 4  # session, user, the user's permissions, their groups' permissions
COUNTS = 1  # the paginator's count


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def warm_up(client, url):
    client.get(url)  # per-process caches (content types) fill on a first request; later ones skip them


def changelist_url(model) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


def test_admin_index(reviewer_client, newsroom, django_assert_num_queries):
    warm_up(reviewer_client, "/admin/")
    # Expect AUTH, the user's recent actions, then the reviewer's desk: claims in review (count, newest),
    # pending suggestions (the newest sources with their counts, then all pending quotes and citations),
    # open conflicts (count, newest with their claims), claims flagged for re-review (count, newest
    # with their flag counts), watched pages changed since captured (count, newest with their sources),
    # unmapped labels (count, newest labels): AUTH + 1 + 2 + 3 + 2 + 2 + 2 + 2.
    with django_assert_num_queries(AUTH + 14):
        response = reviewer_client.get("/admin/")

    assert response.status_code == 200
    queues = {queue.key: queue for queue in response.context["queues"]}
    assert list(queues) == [
        "in_review",
        "suggestions",
        "conflicts",
        "review_flags",
        "changed_since_captured",
        "unmapped_labels",
    ]
    for queue in queues.values():  # every queue shows its newest few, whatever their number
        assert len(queue.items) == min(queue.count, 5) or queue.key in ("suggestions", "unmapped_labels")


CHANGELISTS = [
    # Claims: the page of claims with their flags (contested, unverified, needs review) and quote counts.
    pytest.param(Claim, 1, 53, id="claims"),
    # Quotes: the page of quotes with claims, sources and speakers.
    pytest.param(Quote, 1, 113, id="quotes"),
    # Conflicts: the page of conflicts with claims, resolvers and quote counts.
    pytest.param(Conflict, 1, 52, id="conflicts"),
    # Sources: the page with publishers and capture counts, the date hierarchy's range and months,
    # the language filter's choices.
    pytest.param(Source, 4, 61, id="sources"),
    # Actors: the page of actors, their aliases.
    pytest.param(Actor, 2, 74, id="actors"),
    # Citations: the page with citing and cited sources and cited actors.
    pytest.param(Citation, 1, 60, id="citations"),
    # External reviews: the page with reviewers and claims, the language filter's choices.
    pytest.param(ExternalReview, 2, 53, id="external-reviews"),
    # Suggested citations: the page with sources, cited actors and sources.
    pytest.param(CitationSuggestion, 1, 50, id="suggested-citations"),
    # Suggested quotes: the page with sources, speakers and claims.
    pytest.param(QuoteSuggestion, 1, 50, id="suggested-quotes"),
]


@pytest.mark.parametrize(("model", "queries", "rows"), CHANGELISTS)
def test_changelist(reviewer_client, newsroom, model, queries, rows, django_assert_num_queries):
    url = changelist_url(model)
    warm_up(reviewer_client, url)
    # Expect AUTH, COUNTS, then the queries listed beside each model above.
    with django_assert_num_queries(AUTH + COUNTS + queries):
        response = reviewer_client.get(url)

    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.result_count == rows and len(changelist.result_list) == min(
        rows, changelist.list_per_page
    )


# The searched changelists look each word up field by field first (sources/admin_search.py): one query,
# PROBE, then filter the page by the ids found. The suggestions' changelists search as Django does.
PROBE = 1
SEARCHES = [
    pytest.param(Claim, "q=expelled&status__exact=published", PROBE + 1, id="claims"),
    pytest.param(Quote, "q=Seventeen&is_verified__exact=1", PROBE + 1, id="quotes"),
    pytest.param(Conflict, "q=expelled&status__exact=open", PROBE + 1, id="conflicts"),
    pytest.param(Source, "q=Local&kind__exact=article", PROBE + 4, id="sources"),
    pytest.param(Actor, "q=alias&kind__exact=official", PROBE + 2, id="actors"),
    pytest.param(Citation, "q=reported&relation__exact=reports", PROBE + 1, id="citations"),
    pytest.param(ExternalReview, "q=Falso&mapped=yes", PROBE + 2, id="external-reviews"),
    pytest.param(CitationSuggestion, "q=Outlet&status__exact=pending", 1, id="suggested-citations"),
    pytest.param(QuoteSuggestion, "q=Seventeen&status__exact=pending", 1, id="suggested-quotes"),
]


@pytest.mark.parametrize(("model", "query", "queries"), SEARCHES)
def test_changelist_searched_and_filtered(
    reviewer_client, newsroom, model, query, queries, django_assert_num_queries
):
    url = f"{changelist_url(model)}?{query}"
    warm_up(reviewer_client, url)
    # Expect the queries of the unfiltered list (the search and filters are conditions of them), after
    # the search's PROBE where listed.
    with django_assert_num_queries(AUTH + COUNTS + queries):
        response = reviewer_client.get(url)

    assert response.status_code == 200 and response.context["cl"].result_count > 0


@pytest.mark.parametrize(
    ("model", "word"),
    [(Claim, "expelled"), (Quote, "Seventeen"), (Quote, "Outlet"), (Source, "Local"), (Citation, "reported")],
)
def test_a_common_word_finds_what_a_rare_one_would(rf, reviewer, newsroom, model, word, monkeypatch):
    from django.contrib import admin

    from sources import admin_search

    model_admin = admin.site._registry[model]
    request = rf.get("/", {"q": word})
    request.user = reviewer
    by_ids, _ = model_admin.get_search_results(request, model.objects.all(), word)
    # The newsroom is small: make "many matches" few, to take the path a common word takes at size.
    monkeypatch.setattr(admin_search, "FEW_MATCHES", 2)
    row_by_row, duplicates = model_admin.get_search_results(request, model.objects.all(), word)

    assert set(by_ids) == set(row_by_row) and len(set(by_ids)) > 2 and not duplicates
    assert row_by_row.count() == len(set(row_by_row))  # no row twice


def test_a_common_word_searched_in_sources(reviewer_client, newsroom, monkeypatch, django_assert_num_queries):
    from sources import admin_search

    url = f"{changelist_url(Source)}?q=Local"
    monkeypatch.setattr(admin_search, "FEW_MATCHES", 1)  # "Local" is common in a newsroom this small
    warm_up(reviewer_client, url)
    # Expect the searched list's queries, then the publishers named "Local" (few: their ids filter the
    # sources' own foreign key, no join): AUTH + COUNTS + 4 + PROBE + 1.
    with django_assert_num_queries(AUTH + COUNTS + 4 + PROBE + 1):
        response = reviewer_client.get(url)

    assert response.status_code == 200 and response.context["cl"].result_count > 1


def test_a_search_counts_its_matches_up_to_a_bound(monkeypatch):
    from sources import admin_search

    monkeypatch.setattr(admin_search, "COUNTED_MATCHES", 5)
    QuoteFactory.create_batch(7)

    assert admin_search.BoundedCountPaginator(Quote.objects.all(), 2).count == 5


def test_claim_change_page(reviewer_client, newsroom, django_assert_num_queries):
    url = f"/admin/claims/claim/{newsroom.claim.pk}/change/"
    warm_up(reviewer_client, url)
    # Expect 13 queries: AUTH, then
    # 1. the claim with its flags
    # 2-6. the inlines: correction notes with their authors, re-review flags with their sources,
    #      quotes with sources and speakers, conflicts with their claims (for their titles) and
    #      resolvers, external reviews with reviewers and claimants
    # 7-9. the provenance drawing: quotes with their sources' text, the citations of the quoted
    #      sources with what they cite, the authors of the cited sources
    with django_assert_num_queries(AUTH + 9):
        response = reviewer_client.get(url)

    assert response.status_code == 200
    assert "Report 9" in response.text  # the last of the ten quoted sources


def test_claim_correction_page(reviewer_client, newsroom, django_assert_num_queries):
    url = f"/admin/claims/claim/{newsroom.claim.pk}/correct/"
    warm_up(reviewer_client, url)
    # Expect 5 queries: AUTH, then the claim (its public fields fill the form).
    with django_assert_num_queries(AUTH + 1):
        response = reviewer_client.get(url)

    assert response.status_code == 200 and "Publish the correction" in response.text


def test_quote_change_page(reviewer_client, newsroom, django_assert_num_queries):
    quote = newsroom.claim.quotes.order_by("pk").first()
    url = f"/admin/claims/quote/{quote.pk}/change/"
    warm_up(reviewer_client, url)
    # Expect 9 queries: AUTH, the quote, its claim (may this user edit it?), then the autocomplete
    # widgets' labels: the claim again, the source, the speaker.
    with django_assert_num_queries(AUTH + 5):
        response = reviewer_client.get(url)

    assert response.status_code == 200


def test_conflict_change_page(reviewer_client, newsroom, django_assert_num_queries):
    url = f"/admin/claims/conflict/{newsroom.conflict.pk}/change/"
    warm_up(reviewer_client, url)
    # Expect 7 queries: AUTH, the conflict, its claim (the page's subtitle), its quotes with their
    # sources and speakers (the accounts side by side).
    with django_assert_num_queries(AUTH + 3):
        response = reviewer_client.get(url)

    assert response.status_code == 200


def test_source_change_page(reviewer_client, newsroom, django_assert_num_queries):
    source = newsroom.sources[0]  # captured 3 times, quoted twice, citing one source, cited by five
    url = f"/admin/sources/source/{source.pk}/change/"
    warm_up(reviewer_client, url)
    # Expect 18 queries: AUTH, then
    # 1. the source
    # 2. its authors (the form's initial value)
    # 3-5. the inlines: its 3 captures (with the source, for their titles), its citations with what
    #      they cite, its quotes with their claims and speakers
    # 6-8. the autocomplete widgets' labels: the publisher, the authors; the publisher's name again for
    #      the "capture it again" link that replaces the editable text
    # 9. the capture before the current text (what changed)
    # 10-11. the text marked with its citations and its verified quotes
    # 12. who cites it
    # 13-14. its pending suggestions of each kind (counts, for the links)
    with django_assert_num_queries(AUTH + 14):
        response = reviewer_client.get(url)

    assert response.status_code == 200


def test_actor_change_page(reviewer_client, newsroom, django_assert_num_queries):
    url = f"/admin/sources/actor/{newsroom.speakers[0].pk}/change/"
    warm_up(reviewer_client, url)
    # Expect 7 queries: AUTH, the actor with its aliases (prefetched for the list's column), the
    # aliases inline.
    with django_assert_num_queries(AUTH + 3):
        response = reviewer_client.get(url)

    assert response.status_code == 200


def test_citation_change_page(reviewer_client, newsroom, django_assert_num_queries):
    citation = newsroom.sources[0].citations.get()
    url = f"/admin/sources/citation/{citation.pk}/change/"
    warm_up(reviewer_client, url)
    # Expect 9 queries: AUTH, the citation, then its citing and cited sources twice: for the page's
    # subtitle, and for the autocomplete widgets' labels.
    with django_assert_num_queries(AUTH + 5):
        response = reviewer_client.get(url)

    assert response.status_code == 200


def test_external_review_change_page(reviewer_client, newsroom, django_assert_num_queries):
    url = f"/admin/claims/externalreview/{newsroom.review.pk}/change/"
    warm_up(reviewer_client, url)
    # Expect 9 queries: AUTH, the review, its reviewer (the page's subtitle), then the readonly
    # fields: its claim, its claimant, its appearances.
    with django_assert_num_queries(AUTH + 5):
        response = reviewer_client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("model", [CitationSuggestion, QuoteSuggestion], ids=["citation", "quote"])
def test_suggestion_change_page(reviewer_client, newsroom, model, django_assert_num_queries):
    suggestion = model.objects.order_by("pk").first()
    url = f"/admin/claims/{model._meta.model_name}/{suggestion.pk}/change/"
    warm_up(reviewer_client, url)
    # Expect 8 queries: AUTH, the suggestion, its source's text (the words in context), then the
    # autocomplete labels: the actor and the source cited, or the speaker and the claim.
    with django_assert_num_queries(AUTH + 4):
        response = reviewer_client.get(url)

    assert response.status_code == 200 and 'name="_accept"' in response.text


def test_ingest_page(reviewer_client, newsroom, django_assert_num_queries):
    url = "/admin/sources/source/ingest/"
    warm_up(reviewer_client, url)
    # Expect 4 queries: AUTH only; the form needs nothing from the database.
    with django_assert_num_queries(AUTH):
        response = reviewer_client.get(url)

    assert response.status_code == 200 and 'name="file"' in response.text
