"""A reviewer corrects a published verdict in the admin; a reader then sees the correction on the page."""

import pytest

from claims.demo.loader import load_demo
from claims.models import Claim

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"
NOTE = "Two of the seventeen were accredited to the OPCW, not to the embassy; the count stands."


@pytest.mark.django_db(transaction=True)
def test_a_reviewer_corrects_a_verdict_and_a_reader_sees_what_changed(
    live_server, open_page, migrated_rows, page_errors, artifacts
):
    load_demo()
    claim = Claim.objects.get(slug=SEVENTEEN)
    reviewer = open_page(1280, 900)
    reviewer.goto(live_server.url + "/admin/login/")
    reviewer.get_by_label("Username").fill("reviewer")
    reviewer.get_by_label("Password").fill("demo-reviewer-2026")
    reviewer.get_by_role("button", name="Log in").click()
    reviewer.wait_for_load_state()

    reviewer.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    reviewer.get_by_role("link", name="Correct this claim").click()
    reviewer.wait_for_load_state()
    reviewer.get_by_label("Verdict").select_option(label="Mostly true")
    reviewer.get_by_label("Public note").fill(NOTE)
    reviewer.screenshot(path=artifacts / "correct-claim-admin-desktop.png", full_page=True)
    reviewer.get_by_role("button", name="Publish the correction").click()
    reviewer.wait_for_load_state()

    assert "corrected (verdict)" in reviewer.inner_text(".messagelist")
    reviewer.screenshot(path=artifacts / "corrected-claim-admin-desktop.png", full_page=True)

    for width, height, name in [(1280, 900, "desktop"), (390, 844, "phone")]:
        reader = open_page(width, height)
        reader.goto(f"{live_server.url}/claims/{SEVENTEEN}/")
        header = reader.locator(".claim-header")
        assert "Mostly true" in header.inner_text()
        assert header.locator(".corrected-on").inner_text().startswith("Corrected on ")
        changes = reader.locator(".corrections .changes")
        assert changes.inner_text().strip() == "Verdict: True → Mostly true"
        assert NOTE in reader.locator(".corrections").inner_text()
        reader.screenshot(path=artifacts / f"corrected-claim-{name}.png", full_page=True)
    assert page_errors == []
