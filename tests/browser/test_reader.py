"""A reader's path through the public site, in a real browser (Debian's chromium, headless)."""

import pytest

from claims.demo.loader import load_demo

SEVENTEEN = "The Netherlands expelled 17 Russian intelligence officers in March 2022."
DESKTOP, PHONE = (1280, 900), (390, 844)


@pytest.fixture
def live_demo(live_server, migrated_rows):
    load_demo()
    return live_server.url


@pytest.mark.django_db(transaction=True)
def test_reader_searches_and_opens_the_17_expelled_claim(live_demo, open_page, page_errors, artifacts):
    page = open_page(*DESKTOP)

    page.goto(live_demo + "/")
    assert page.locator("h1").inner_text() == "Latest fact-checked claims"
    page.screenshot(path=artifacts / "home-desktop.png", full_page=True)

    page.get_by_role("search").get_by_label("Search claims").fill("seventeen expelled")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert "q=seventeen+expelled" in page.url
    page.screenshot(path=artifacts / "search-desktop.png", full_page=True)

    page.get_by_role("link", name=SEVENTEEN).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == SEVENTEEN
    assert page.locator(".verdict-label").inner_text() == "True"
    assert page.locator("mark").first.inner_text().startswith("Seventeen Russian diplomats")
    page.screenshot(path=artifacts / "claim-desktop.png", full_page=True)

    graph = page.locator(".provenance-graph svg")
    assert graph.is_visible()
    assert (
        page.locator(".provenance-summary").inner_text().startswith("2 independent origins from 5 documents")
    )
    assert graph.locator("g.node").count() == 6
    page.locator(".provenance-section").screenshot(path=artifacts / "provenance-desktop.png")

    phone = open_page(*PHONE)
    phone.goto(page.url)
    assert phone.locator("h1").inner_text() == SEVENTEEN
    # Nothing wider than the phone's screen: no sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    phone.screenshot(path=artifacts / "claim-phone.png", full_page=True)
    phone.goto(live_demo + "/")
    phone.screenshot(path=artifacts / "home-phone.png", full_page=True)

    assert page_errors == []


LONG_WORD = "https://example.org/" + "expelled-spies-" * 11  # 185 characters without a space


@pytest.mark.django_db(transaction=True)
def test_a_long_word_never_makes_a_page_wider_than_the_screen(
    live_server, migrated_rows, open_page, page_errors, artifacts
):
    from tests.factories import PublishedClaimFactory, QuoteFactory, SourceFactory

    claim = PublishedClaimFactory(text=f"The ministry wrote {LONG_WORD} in March.", explanation=LONG_WORD)
    source = SourceFactory(title=LONG_WORD, text=f"As published at {LONG_WORD} the minister wrote.")
    QuoteFactory(claim=claim, source=source, exact=LONG_WORD)

    for width, height in (DESKTOP, PHONE):
        page = open_page(width, height)
        for path in ("/", claim.get_absolute_url(), f"/sources/{source.pk}/"):
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") == width, (path, width)
        page.goto(live_server.url + claim.get_absolute_url())
        page.screenshot(path=artifacts / f"long-word-{width}.png", full_page=True)

    assert page_errors == []


@pytest.mark.django_db(transaction=True)
def test_an_old_bookmark_with_an_unknown_filter_still_lists_claims(live_demo, open_page, page_errors):
    page = open_page(*DESKTOP)

    page.goto(live_demo + "/?actor=999&verdict=nonsense")

    assert page.locator(".notice").inner_text().startswith("Ignored what we could not use:")
    assert page.locator(".claim-card").count() > 0
    assert page.get_by_role("searchbox").count() == 1
    assert page_errors == []
