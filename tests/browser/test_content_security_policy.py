"""Every kind of page works under the Content-Security-Policy: no violation reported in a real browser."""

import pytest

from claims.demo.loader import load_demo
from tests.factories import UserFactory

# Collected in the page itself: Chromium fires securitypolicyviolation for each refused script,
# style, image, font, worker or connection.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def live_demo(live_server, migrated_rows):
    load_demo()
    return live_server.url


@pytest.fixture
def csp_page(open_page):
    page = open_page(1280, 900)
    page.add_init_script(COLLECT_VIOLATIONS)
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


@pytest.mark.django_db(transaction=True)
def test_public_pages_work_under_the_policy(live_demo, csp_page, page_errors):
    response = csp_page.goto(live_demo + "/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert violations(csp_page) == []

    csp_page.locator(".claim-list a").first.click()
    csp_page.wait_for_load_state()
    assert csp_page.locator(".provenance-graph svg").count() <= 1
    assert violations(csp_page) == []
    assert page_errors == []


@pytest.mark.django_db(transaction=True)
def test_the_admin_works_under_the_policy(live_demo, csp_page, page_errors):
    user = UserFactory(username="csp-reviewer", group="reviewer", is_superuser=True)
    csp_page.goto(live_demo + "/admin/login/")
    assert violations(csp_page) == []
    csp_page.fill("#id_username", user.username)
    csp_page.fill("#id_password", "correct horse battery staple")
    csp_page.click("input[type=submit]")
    csp_page.wait_for_load_state()
    assert csp_page.url.endswith("/admin/")

    for path in (
        "/admin/",
        "/admin/claims/claim/",
        "/admin/claims/claim/1/change/",
        "/admin/claims/conflict/",
    ):
        csp_page.goto(live_demo + path)
        csp_page.wait_for_load_state("networkidle")
        assert violations(csp_page) == [], path
    assert page_errors == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("path", "ready"), [("/api/docs/", ".swagger-ui .info"), ("/api/redoc/", "h1")])
def test_the_api_documentation_works_under_the_policy(live_demo, csp_page, page_errors, path, ready):
    # Redoc's sidebar loads Redocly's logo from their CDN, which the policy allows on that page; this
    # machine has no internet, so the browser is handed a logo instead of failing to resolve the host.
    csp_page.route(
        "https://cdn.redoc.ly/**",
        lambda route: route.fulfill(
            content_type="image/svg+xml", body='<svg xmlns="http://www.w3.org/2000/svg"/>'
        ),
    )
    elsewhere = []
    csp_page.on(
        "request",
        lambda request: (
            None if request.url.startswith((live_demo, "blob:", "data:")) else elsewhere.append(request.url)
        ),
    )
    csp_page.goto(live_demo + path)
    csp_page.wait_for_selector(ready, timeout=30_000)
    csp_page.wait_for_load_state("networkidle")

    assert "Claim provenance tracker API" in csp_page.inner_text("body")
    assert violations(csp_page) == []
    # No font or script from another host; only Redoc's logo, which it hides when it cannot load.
    assert [url for url in elsewhere if url != "https://cdn.redoc.ly/redoc/logo-mini.svg"] == []
    fonts = csp_page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert path == "/api/docs/" or fonts.startswith("system-ui")
    assert page_errors == []
