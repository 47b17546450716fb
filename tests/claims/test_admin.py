"""The reviewer admin: every page renders with a bounded number of queries, and bad input is refused."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.conflicts import refresh_conflicts
from claims.models import Claim, Conflict, ExternalReview, Quote
from claims.quantities import Comparator
from sources.models import Actor, Citation, Source
from tests.factories import ClaimFactory, PublishedClaimFactory, QuoteFactory, SourceFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db

MODELS = [Actor, Source, Citation, Claim, Quote, Conflict]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def queries_for(client, url):
    client.get(url)  # warm the per-process caches (content types, site) that later requests skip
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


def grow(amount):
    """More claims, quotes and conflicts than the demo has, to show query counts do not follow."""
    source = Source.objects.get(title__startswith="Russians expelled")
    for _ in range(amount):
        claim = ClaimFactory(comparator=Comparator.EXACT, value=Decimal(17), unit="officers")
        for value in (17, 18, 19):
            QuoteFactory(
                claim=claim, source=source, exact="Seventeen Russian diplomats", value=Decimal(value)
            )
        refresh_conflicts(claim=claim)


@pytest.fixture
def reviewer_client(client, reviewer, demo):
    client.force_login(reviewer)
    return client


# Exact counts for every changelist and change page, on many more rows: tests/claims/test_admin_queries.py.


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        # Session, user, permissions (2); the forms' choices come from autocomplete, not queries.
        (Actor, 4),
        (Source, 4),
        (Citation, 4),
        (Claim, 4),
        (Quote, 4),
        (Conflict, 4),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_add_page_renders(reviewer_client, model, expected, django_assert_num_queries):
    reviewer_client.get(admin_url(model, "add"))  # per-process caches (content types) fill on a first request
    with django_assert_num_queries(expected):
        response = reviewer_client.get(admin_url(model, "add"))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        # Session, user, permissions (2), the object, the count and page of its history rows with
        # their users and what their titles name, then:
        # the actor's aliases
        (Actor, 8),
        (Source, 7),
        # the citation's citing and cited sources (the page's title)
        (Citation, 9),
        (Claim, 7),
        # the quote's claim (the page's title)
        (Quote, 8),
        # the conflict's claim (the page's title), and for each change the quotes before and after:
        # django-simple-history reads a row's many-to-many values one row at a time
        (Conflict, 12),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_history_page_renders(reviewer_client, model, expected, django_assert_num_queries):
    obj = model.objects.order_by("pk").first()
    url = admin_url(model, "history", obj.pk)
    reviewer_client.get(url)  # per-process caches (content types) fill on a first request
    with django_assert_num_queries(expected):
        response = reviewer_client.get(url)

    assert response.status_code == 200


def test_claim_page_query_count_does_not_grow_with_quotes(reviewer_client):
    claim = Claim.objects.get(slug="netherlands-expelled-two-russian-diplomats-december-2020")
    url = admin_url(Claim, "change", claim.pk)
    before = queries_for(reviewer_client, url)

    source = Source.objects.get(title__startswith="Two Russian diplomats")
    for _ in range(30):
        QuoteFactory(claim=claim, source=source, exact="two Russians", speaker=Actor.objects.get(name="AIVD"))

    assert queries_for(reviewer_client, url) == before


def test_source_page_query_count_does_not_grow_with_quotes_and_citations(reviewer_client):
    source = Source.objects.get(title__startswith="Russians expelled")
    url = admin_url(Source, "change", source.pk)
    before = queries_for(reviewer_client, url)

    grow(10)
    for n in range(10):
        Citation.objects.create(
            citing=source, cited_actor=Actor.objects.create(name=f"Outlet {n}", kind="outlet")
        )

    assert queries_for(reviewer_client, url) == before


def test_unverified_quote_is_flagged_plainly_on_the_claim_page(reviewer_client):
    quote = QuoteFactory(exact="words the article never used")

    response = reviewer_client.get(admin_url(Claim, "change", quote.claim_id))

    assert "NOT FOUND in the source text" in response.text


def test_claim_changelist_filters_contested_and_unverified(reviewer_client):
    contested = reviewer_client.get(admin_url(Claim, "changelist"), {"contested": "yes"})
    unverified = reviewer_client.get(admin_url(Claim, "changelist"), {"has_unverified": "yes"})

    assert {c.slug for c in contested.context["cl"].result_list} == {
        "dutch-spying-allegations-against-two-russians-were-baseless",
        "netherlands-expelled-two-russian-diplomats-december-2020",
    }
    assert list(unverified.context["cl"].result_list) == []


def test_source_page_marks_the_quotes_and_shows_citations_both_ways(reviewer_client):
    source = Source.objects.get(title__startswith="Russians expelled")
    nos_report = Source.objects.get(title__startswith="NOS investigation")

    page = reviewer_client.get(admin_url(Source, "change", source.pk)).text
    cited = reviewer_client.get(admin_url(Source, "change", nos_report.pk)).text

    assert '<mark class="quote" title="quoted for: The Netherlands expelled 17' in page
    assert (
        "Seventeen Russian diplomats expelled from the Netherlands at the end of March were intelligence officers</mark>"
        in page
    )
    assert '<mark class="citation"' in page
    assert "Unnamed Dutch intelligence sources" in cited
    assert "Russians expelled from NL were spying" in cited and "reports this source" in cited


def test_conflict_page_shows_competing_accounts_side_by_side(reviewer_client):
    conflict = Conflict.objects.get(claim__slug="netherlands-expelled-two-russian-diplomats-december-2020")

    page = reviewer_client.get(admin_url(Conflict, "change", conflict.pk)).text

    assert page.count('<section class="account">') == 3
    assert '<p class="value">2 Russian diplomats</p>' in page
    assert '<p class="value">1 Russian diplomat</p>' in page  # the unit agrees with its number
    assert "Two years ago, the Netherlands deported another Russian" in page
    assert "Russians expelled from NL were spying" in page


def test_editor_does_not_get_the_publish_action(client, editor, demo):
    client.force_login(editor)

    actions = client.get(admin_url(Claim, "changelist")).context["action_form"].fields["action"].choices

    names = [name for name, _ in actions]
    assert "submit_for_review" in names
    assert {"publish", "correct", "retract"}.isdisjoint(names)


def test_editor_posting_the_publish_action_publishes_nothing(client, editor, demo):
    client.force_login(editor)
    claim = Claim.objects.get(slug="russia-expelled-15-dutch-diplomats-in-response")

    client.post(admin_url(Claim, "changelist"), {"action": "publish", "_selected_action": [claim.pk]})

    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_reviewer_publishes_from_the_changelist(reviewer_client):
    claim = Claim.objects.get(slug="russia-expelled-15-dutch-diplomats-in-response")

    response = reviewer_client.post(
        admin_url(Claim, "changelist"), {"action": "publish", "_selected_action": [claim.pk]}, follow=True
    )

    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    assert "1 claim(s) published." in response.text


def test_publishing_without_a_verdict_explains_why(reviewer_client):
    claim = Claim.objects.get(slug="netherlands-expelled-two-russian-diplomats-december-2020")

    response = reviewer_client.post(
        admin_url(Claim, "changelist"), {"action": "publish", "_selected_action": [claim.pk]}, follow=True
    )

    assert "cannot be published: it has no verdict" in response.text
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_correcting_asks_for_a_public_note_first(reviewer_client):
    claim = Claim.objects.get(slug="netherlands-expelled-17-russian-intelligence-officers-march-2022")
    url = admin_url(Claim, "changelist")

    asked = reviewer_client.post(url, {"action": "correct", "_selected_action": [claim.pk]})
    empty = reviewer_client.post(
        url, {"action": "correct", "_selected_action": [claim.pk], "apply": "1", "note": ""}
    )
    done = reviewer_client.post(
        url,
        {"action": "correct", "_selected_action": [claim.pk], "apply": "1", "note": "Date fixed."},
        follow=True,
    )

    assert "Public note" in asked.text
    assert f'<a href="{url}">Claims</a>' in asked.text  # the breadcrumbs lead back to the list
    assert "This field is required." in empty.text
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CORRECTED
    assert claim.corrections.get().note == "Date fixed."
    assert "1 claim(s) corrected." in done.text


def test_editor_cannot_change_a_published_claim(client, editor, demo):
    client.force_login(editor)
    claim = Claim.objects.get(slug="netherlands-expelled-17-russian-intelligence-officers-march-2022")

    page = client.get(admin_url(Claim, "change", claim.pk))

    assert page.status_code == 200
    assert 'name="text"' not in page.text  # read-only view
    assert client.post(admin_url(Claim, "change", claim.pk), {"text": "Changed"}).status_code == 403


def post_claim_form(client, url, **changes):
    data = form_data(client.get(url).text, "claim_form")
    data.update(changes)
    return client.post(url, data)


def test_editing_a_claim_with_quotes_in_the_admin_saves_and_records_history(client, editor, demo):
    client.force_login(editor)
    claim = Claim.objects.get(slug="netherlands-expelled-two-russian-diplomats-december-2020")
    url = admin_url(Claim, "change", claim.pk)

    response = post_claim_form(client, url, explanation="The AIVD statement documents two expulsions.")

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    claim.refresh_from_db()
    assert claim.explanation == "The AIVD statement documents two expulsions."
    record = claim.history.first()
    assert record.history_user == editor
    assert record.explanation == claim.explanation
    history_page = client.get(admin_url(Claim, "history", claim.pk)).text
    assert editor.username in history_page


def test_changing_a_quote_value_in_the_admin_closes_the_conflict(client, editor, demo):
    client.force_login(editor)
    claim = Claim.objects.get(slug="netherlands-expelled-two-russian-diplomats-december-2020")
    url = admin_url(Claim, "change", claim.pk)
    one = claim.quotes.get(value=1)
    data = form_data(client.get(url).text, "claim_form")
    index = next(
        k for k, v in data.items() if k.startswith("quotes-") and k.endswith("-id") and v == str(one.pk)
    )
    data[index.replace("-id", "-value")] = "2"

    assert client.post(url, data).status_code == 302

    conflict = claim.conflicts.get()
    assert conflict.status == Conflict.Status.RESOLVED and conflict.closed_by_detection


def test_a_stale_claim_form_is_refused_and_nothing_is_saved(client, editor, reviewer, demo):
    client.force_login(editor)
    claim = Claim.objects.get(slug="netherlands-expelled-two-russian-diplomats-december-2020")
    url = admin_url(Claim, "change", claim.pk)
    my_copy = form_data(client.get(url).text, "claim_form")

    theirs = Claim.objects.get(pk=claim.pk)
    theirs.explanation = "Reviewer's explanation."
    theirs.save()

    my_copy["explanation"] = "Editor's explanation."
    my_copy["place"] = "Amsterdam"
    response = client.post(url, my_copy)

    assert response.status_code == 200
    assert "Someone else changed this claim since you opened it" in response.text
    claim.refresh_from_db()
    assert (claim.explanation, claim.place) == ("Reviewer's explanation.", "Netherlands")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"text": ""}, "text", "This field is required."),
        (
            {"comparator": "range", "value": "8", "value_upper": "5"},
            "value_upper",
            "The upper bound must not be below the lower bound.",
        ),
        ({"time_start": "2022-03-31", "time_end": "2022-03-01"}, "time_end", "cannot end before it starts"),
        ({"value": "seventeen"}, "value", "Enter a number."),
    ],
)
def test_bad_claim_input_is_a_form_error_and_saves_nothing(client, editor, changes, field, message):
    client.force_login(editor)
    url = admin_url(Claim, "add")
    data = form_data(client.get(url).text, "claim_form")
    data.update({"text": "The Netherlands expelled 17 Russians.", "comparator": "exact", "value": "17"})
    data.update(changes)

    response = client.post(url, data)

    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors[field])
    assert not Claim.objects.exists()


def test_a_quote_on_a_source_without_text_is_a_form_error_and_saves_nothing(client, editor):
    client.force_login(editor)
    empty_source = SourceFactory(text="")
    url = admin_url(Claim, "add")
    data = form_data(client.get(url).text, "claim_form")
    data.update(
        {
            "text": "The Netherlands expelled 17 Russians.",
            "quotes-TOTAL_FORMS": "1",
            "quotes-0-source": str(empty_source.pk),
            "quotes-0-exact": "Seventeen Russian diplomats",
            "quotes-0-stance": "supports",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "no captured text" in response.text
    assert not Claim.objects.exists() and not Quote.objects.exists()


def test_adding_a_claim_with_a_quote_anchors_it(client, editor):
    client.force_login(editor)
    source = SourceFactory()
    url = admin_url(Claim, "add")
    data = form_data(client.get(url).text, "claim_form")
    data.update(
        {
            "text": "The Netherlands expelled 17 Russians.",
            "quotes-TOTAL_FORMS": "1",
            "quotes-0-source": str(source.pk),
            "quotes-0-exact": "Seventeen  Russian\ndiplomats",
            "quotes-0-stance": "supports",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302, (
        response.context["errors"],
        [f.formset.non_form_errors() for f in response.context["inline_admin_formsets"]],
    )
    quote = Quote.objects.get()
    assert quote.is_verified and quote.exact == "Seventeen Russian diplomats"
    assert Claim.objects.get().created_by == editor


@pytest.mark.parametrize(
    ("url", "message"),
    [("not a url", "Enter a valid URL."), ("https://NLTIMES.nl/a#x", "Source with this URL already exists.")],
)
def test_bad_source_url_is_a_form_error_and_saves_nothing(client, editor, url, message):
    SourceFactory(url="https://nltimes.nl/a")
    client.force_login(editor)
    add = admin_url(Source, "add")
    data = form_data(client.get(add).text, "source_form")
    data.update({"title": "Another article", "url": url, "text": "Some text."})

    response = client.post(add, data)

    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["url"])
    assert Source.objects.count() == 1


def test_actor_search_finds_an_alias(reviewer_client):
    response = reviewer_client.get(admin_url(Actor, "changelist"), {"q": "Cassia Olangren"})

    assert [actor.name for actor in response.context["cl"].result_list] == ["Kajsa Ollongren"]


def test_resolving_a_conflict_in_the_admin_records_who(client, reviewer, demo):
    client.force_login(reviewer)
    conflict = Conflict.objects.get(claim__slug="netherlands-expelled-two-russian-diplomats-december-2020")
    url = admin_url(Conflict, "change", conflict.pk)
    data = form_data(client.get(url).text, "conflict_form")

    data.update({"status": "explained", "note": ""})
    refused = client.post(url, data)
    data.update({"note": "NOS counts one of the two; the AIVD statement names both."})
    accepted = client.post(url, data)

    assert refused.status_code == 200 and "Say how the conflict was resolved" in refused.text
    assert accepted.status_code == 302
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolved_by) == (Conflict.Status.EXPLAINED, reviewer)
    assert conflict.history.first().history_user == reviewer


def test_raising_a_conflict_by_hand(client, reviewer, demo):
    # The claim is published, so only a reviewer may raise a conflict on it (tests/security).
    client.force_login(reviewer)
    claim = Claim.objects.get(slug="nato-expelled-eight-russian-mission-members-2021")
    first, second = claim.quotes.all()[:2]

    response = client.post(
        admin_url(Conflict, "add"),
        {"claim": claim.pk, "quotes": [first.pk, second.pk], "note": "The names differ between accounts."},
    )

    assert response.status_code == 302
    conflict = claim.conflicts.get()
    assert (conflict.kind, conflict.detected, conflict.is_open) == (Conflict.Kind.OTHER, False, True)
    assert set(conflict.quotes.all()) == {first, second}


def test_a_changed_source_text_captured_again_flags_quotes_whose_words_are_gone(client, editor, demo):
    # The text is read-only on the source page; a changed text goes through a new capture.
    client.force_login(editor)
    source = Source.objects.get(title__startswith="Russians expelled")
    data = {
        "text": source.text.replace("Seventeen Russian diplomats", "Several Russian diplomats"),
        "source": source.pk,
        "title": source.title,
        "kind": source.kind,
        "language": source.language,
    }

    assert client.post(reverse("admin:sources_source_ingest"), data).status_code == 302

    claim = Claim.objects.with_flags().get(
        slug="netherlands-expelled-17-russian-intelligence-officers-march-2022"
    )
    assert claim.has_unverified
    assert claim.quotes.unverified().get().exact.startswith("Seventeen Russian diplomats")
    assert source.captures.count() == 2 and Source.objects.filter(title=source.title).count() == 1


def test_the_captured_text_is_read_only_on_the_source_page(client, editor, demo):
    client.force_login(editor)
    source = Source.objects.get(title__startswith="Russians expelled")
    captured = source.text
    url = admin_url(Source, "change", source.pk)
    page = client.get(url).text
    data = form_data(page, "source_form")
    data["text"] = "Words the editor typed over the capture."

    assert 'name="text"' not in page
    assert client.post(url, data).status_code == 302
    source.refresh_from_db()
    assert source.text == captured
    assert source.captures.count() == 1


def test_the_source_page_links_to_a_new_capture_with_what_is_known(client, editor, demo):
    from urllib.parse import parse_qs, urlsplit

    client.force_login(editor)
    source = Source.objects.get(title__startswith="Russians expelled")
    page = client.get(admin_url(Source, "change", source.pk)).text
    ingest = reverse("admin:sources_source_ingest")
    start = page.index(f'href="{ingest}?') + len('href="')
    link = page[start : page.index('"', start)].replace("&amp;", "&")

    assert parse_qs(urlsplit(link).query)["source"] == [str(source.pk)]
    form = client.get(link).context["form"]
    assert (form["source"].value(), form["title"].value()) == (str(source.pk), source.title)


def test_quote_changelist_shows_values_without_trailing_zeros(reviewer_client):
    page = reviewer_client.get(admin_url(Quote, "changelist")).text

    assert ".0000" not in page
    assert "17 intelligence officers" in page


def test_the_admin_claim_page_styles_the_provenance_drawing_as_the_public_page(reviewer_client):
    from pathlib import Path

    from django.conf import settings

    claim = Claim.objects.get(slug="netherlands-expelled-17-russian-intelligence-officers-march-2022")
    admin_page = reviewer_client.get(admin_url(Claim, "change", claim.pk)).text
    public_page = reviewer_client.get(f"/claims/{claim.slug}/").text

    assert 'class="provenance-graph"' in admin_page
    assert "/static/claims/provenance.css" in admin_page and "/static/claims/provenance.css" in public_page
    # One stylesheet for the drawing: its rules are not copied into the site's own.
    assert ".provenance-graph" not in (Path(settings.BASE_DIR) / "static" / "site.css").read_text()


def test_adding_a_source_with_text_in_the_admin_captures_it(client, editor):
    client.force_login(editor)
    add = admin_url(Source, "add")
    data = form_data(client.get(add).text, "source_form")
    data.update(
        {
            "title": "Pasted article",
            "url": "https://Example.org/a?utm_source=x",
            "text": "Seventeen expelled.",
        }
    )

    response = client.post(add, data)

    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.url, len(source.text_sha256)) == ("https://example.org/a", 64)
    assert source.history.first().history_user == editor


def test_the_same_correction_applied_twice_in_the_admin_is_refused_with_a_message(reviewer_client):
    claim = Claim.objects.get(slug="netherlands-expelled-17-russian-intelligence-officers-march-2022")
    url = admin_url(Claim, "changelist")
    data = {"action": "correct", "_selected_action": [claim.pk], "apply": "1", "note": "Date fixed."}

    reviewer_client.post(url, data, follow=True)
    again = reviewer_client.post(url, data, follow=True)

    assert "nothing was added" in again.text
    assert claim.corrections.count() == 1


def test_publishing_a_contested_claim_in_the_admin_asks_to_confirm_first(reviewer_client):
    claim = Claim.objects.get(slug="netherlands-expelled-two-russian-diplomats-december-2020")
    claim.verdict = "mixed"
    claim.save(update_fields=["verdict"])
    url = admin_url(Claim, "changelist")

    asked = reviewer_client.post(url, {"action": "publish", "_selected_action": [claim.pk]})
    claim.refresh_from_db()
    status_after_asking = claim.status
    reviewer_client.post(url, {"action": "publish", "_selected_action": [claim.pk], "confirm": "1"})
    claim.refresh_from_db()

    assert "open conflict" in asked.text and "Publish all the same" in asked.text
    assert (status_after_asking, claim.status) == (Claim.Status.IN_REVIEW, Claim.Status.PUBLISHED)


def test_claim_changelist_counts_the_claims_once_and_shows_each_quote_count(
    reviewer_client, django_assert_num_queries
):
    claim = PublishedClaimFactory(text="A claim quoted three times.")
    for _ in range(3):
        QuoteFactory(claim=claim)
    url = admin_url(Claim, "changelist")
    reviewer_client.get(url)  # warm the per-process caches

    # Session, user, permissions (2), one count of the claims alone, the page with its flags and
    # quote counts as subqueries.
    with django_assert_num_queries(6) as captured:
        response = reviewer_client.get(url)

    counts = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("SELECT COUNT(")]
    assert counts == ['SELECT COUNT(*) AS "__count" FROM "claims_claim"']
    row = next(result for result in response.context["cl"].result_list if result.pk == claim.pk)
    assert row.quote_count == 3


@pytest.mark.parametrize("object_id", ["abc", "1.5", "99999999999999999999"])
@pytest.mark.parametrize(
    "model", [*MODELS, ExternalReview], ids=lambda value: getattr(value, "__name__", value)
)
def test_a_history_page_for_an_id_that_is_no_id_is_a_404(reviewer_client, model, object_id):
    response = reviewer_client.get(admin_url(model, "history", object_id))

    assert response.status_code == 404


@pytest.mark.parametrize("object_id", ["abc", "1.5", "99999999999999999999", "0"])
def test_correcting_a_claim_whose_id_is_no_id_is_a_404(reviewer_client, object_id):
    response = reviewer_client.get(admin_url(Claim, "correct", object_id))

    assert response.status_code == 404
