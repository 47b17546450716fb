"""WCAG 2.2 AA in a real browser: axe-core finds no serious or critical violation, nothing is wider than
the screen and no label is cut, at desktop and phone widths, on the public pages and the editors' admin;
and a reader can search, filter and open a claim with the keyboard alone. Screenshots land in artifacts/."""

from pprint import pformat

import pytest
from axe_playwright_python.sync_playwright import Axe

from claims.demo.loader import load_demo
from claims.models import Claim, QuoteSuggestion
from tests.factories import UserFactory

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SERIOUS = {"serious", "critical"}

# Text cut by its box: a label, button or heading wider than the room it has, or a select whose chosen
# option does not fit (the "Any verdic" of a too narrow filter).
CLIPPED = """
() => {
  const context = document.createElement("canvas").getContext("2d");
  const cut = [];
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  for (const el of document.querySelectorAll("label, summary, button, th, select, legend, .state-label, input[type=submit]")) {
    // select2 hides the select it replaces; its own box shows a long choice shortened, whole on hover.
    if (!shown(el) || el.closest(".visually-hidden, [hidden], .select2-hidden-accessible")) continue;
    const style = getComputedStyle(el);
    if (el.tagName === "SELECT") {
      const text = el.selectedIndex >= 0 ? el.options[el.selectedIndex].text : "";
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 14;
      if (context.measureText(text).width > room) cut.push(`select ${el.name}: “${text}”`);
    } else if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      cut.push(`${el.tagName.toLowerCase()}: “${el.innerText.trim().slice(0, 40)}”`);
    }
  }
  return cut;
}
"""


@pytest.fixture
def axe_page(browser, page_errors):
    """A page at the given size on which axe may run: axe's checks set inline styles, which the site's
    Content-Security-Policy refuses (tests/browser/test_content_security_policy.py checks the policy)."""
    contexts = []

    def open_page(width: int, height: int):
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console", lambda message: page_errors.append(message.text) if message.type == "error" else None
        )
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def newsroom_pages(live_server, migrated_rows):
    """The demo's data, and the address of each page checked, public then admin."""
    load_demo()
    claim = Claim.objects.get(slug=SEVENTEEN)
    quote = claim.quotes.exclude(speaker=None).select_related("source", "speaker").first()
    suggestion = QuoteSuggestion.objects.pending().first()
    UserFactory(username="a11y-reviewer", group="reviewer")
    return {
        "home": "/",
        "search": "/?q=expelled&contested=yes",
        "claim": claim.get_absolute_url(),
        "source": f"/sources/{quote.source_id}/",
        "actor": f"/actors/{quote.speaker_id}/",
        "admin-home": "/admin/",
        "admin-claims": "/admin/claims/claim/",
        "admin-claim": f"/admin/claims/claim/{claim.pk}/change/",
        "admin-ingest": "/admin/sources/source/ingest/",
        "admin-suggestion": f"/admin/claims/quotesuggestion/{suggestion.pk}/change/",
    }


def sign_in(page, base: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "a11y-reviewer")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_load_state()


def serious_violations(page) -> list[str]:
    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            },
            "resultTypes": ["violations"],
        },
    )
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_passes_axe_fits_the_screen_and_cuts_no_label(
    live_server, newsroom_pages, axe_page, page_errors, artifacts, width
):
    viewport = WIDTHS[width]
    page = axe_page(*viewport)
    problems = {}
    for name, path in newsroom_pages.items():
        if name == "admin-home":  # the public pages first, then as a reviewer
            sign_in(page, live_server.url)
        page.goto(live_server.url + path)
        page.wait_for_load_state()
        found = serious_violations(page)
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide != viewport[0]:
            found.append(f"{wide} px wide in a {viewport[0]} px screen")
        found += [f"cut: {label}" for label in page.evaluate(CLIPPED)]
        if found:
            problems[name] = found
        page.screenshot(path=artifacts / f"a11y-{name}-{width}.png", full_page=True)

    assert problems == {}, pformat(problems, width=110)
    assert page_errors == []


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element focused matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} is not reached with Tab")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_reader_searches_filters_and_opens_a_claim_with_the_keyboard_alone(
    live_server, migrated_rows, open_page, page_errors, artifacts, width
):
    load_demo()
    page = open_page(*WIDTHS[width])
    page.goto(live_server.url + "/")

    tab_to(page, "#id_q")
    page.keyboard.type("expelled")
    page.keyboard.press("Tab")
    if width == "phone":  # the filters are folded away under their summary
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_verdict"
    page.keyboard.press("ArrowDown")  # "True", the first verdict after "Any verdict"
    tab_to(page, ".filters button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=expelled" in page.url and "verdict=true" in page.url
    page.screenshot(path=artifacts / f"keyboard-results-{width}.png", full_page=True)

    tab_to(page, ".claim-card h2 a")
    title = page.evaluate("document.activeElement.innerText")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == title
    assert page.locator(".verdict-label").inner_text() == "True"
    assert page_errors == []
