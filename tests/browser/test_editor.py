"""An editor's path through ingestion, in a real browser: paste an article, review a suggestion, accept it."""

import pytest

from claims.demo.loader import load_demo
from claims.models import Quote, QuoteSuggestion, SuggestionStatus

ARTICLE = (
    "Belgium expels two Russian diplomats\n"
    "Belgium expelled two Russian diplomats on Tuesday, the foreign ministry said in a statement.\n"
    "According to De Tijd, at least five more are being watched."
)


@pytest.fixture
def signed_in(live_server, open_page, migrated_rows):
    load_demo()
    page = open_page(1280, 900)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("demo-editor-2026")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    return page


@pytest.mark.django_db(transaction=True)
def test_editor_ingests_an_article_and_accepts_a_suggested_quote(
    live_server, signed_in, page_errors, artifacts
):
    page = signed_in
    page.goto(live_server.url + "/admin/sources/source/")
    page.get_by_role("link", name="Add from text, with suggestions").click()
    page.get_by_label("Text:").fill(ARTICLE)
    page.get_by_label("Published on:").fill("2025-03-12")
    page.screenshot(path=artifacts / "ingest-desktop.png", full_page=True)
    page.get_by_role("button", name="Ingest").click()
    page.wait_for_load_state()

    assert (
        "“Belgium expels two Russian diplomats” captured: 2 citation and 2 quote suggestion(s)"
        in page.inner_text(".messagelist")
    )
    page.get_by_role("link", name="2 suggested quotes").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="“Belgium expelled two Russian diplomats on Tuesday”").click()
    page.wait_for_load_state()
    assert (
        page.locator(".captured-text mark").inner_text()
        == "Belgium expelled two Russian diplomats on Tuesday"
    )
    page.screenshot(path=artifacts / "suggested-quote-desktop.png", full_page=True)
    page.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()

    assert "accepted" in page.inner_text(".messagelist")
    suggestion = QuoteSuggestion.objects.get(exact="Belgium expelled two Russian diplomats on Tuesday")
    assert suggestion.status == SuggestionStatus.ACCEPTED
    quote = Quote.objects.get(pk=suggestion.quote_id)
    # The claim is worded from the event, with its day. The headline's figure, which the text repeats, is
    # the headline's and is not proposed (re-linking grouped suggestions: tests/claims/ingestion/test_proposals.py).
    assert quote.is_verified and quote.claim.text == "Belgium expelled 2 Russian diplomats on 11 March 2025."
    assert not QuoteSuggestion.objects.filter(exact="Belgium expels two Russian diplomats").exists()
    assert page_errors == []


@pytest.mark.django_db(transaction=True)
def test_the_admin_claim_page_draws_the_provenance_as_the_public_page(
    live_server, signed_in, page_errors, artifacts
):
    from claims.models import Claim

    claim = Claim.objects.get(slug="netherlands-expelled-17-russian-intelligence-officers-march-2022")
    page = signed_in
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")

    boxes = page.locator(".provenance-graph g.node rect")
    assert boxes.count() == 6
    # Without the drawing's stylesheet an SVG box is filled black and hides its label.
    assert boxes.first.evaluate("box => getComputedStyle(box).fill") == "rgb(255, 255, 255)"
    labels = page.locator(".provenance-graph g.node text").first
    assert labels.evaluate("text => getComputedStyle(text).fill") != "rgb(255, 255, 255)"
    page.locator(".provenance-graph").screenshot(path=artifacts / "admin-provenance-desktop.png")
    assert page_errors == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/admin/claims/quotesuggestion/", "/admin/claims/citationsuggestion/"])
def test_the_suggestion_lists_fit_a_laptop_screen_beside_their_filters(live_server, signed_in, path):
    """At 1280 px every column, the status last, is in view without scrolling the table sideways."""
    page = signed_in
    page.goto(live_server.url + path)

    table, box = page.evaluate(
        "() => [document.querySelector('#result_list').scrollWidth, document.querySelector('.results').clientWidth]"
    )
    assert table <= box
    assert page.locator("#result_list th.column-status_shown").is_visible()
