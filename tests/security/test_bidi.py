"""Direction spoofing: a right-to-left override in a claim cannot reverse the page around it."""

import pytest

from tests.factories import PublishedClaimFactory

pytestmark = pytest.mark.django_db

SPOOF = "The minister said \u202etrue is this\u202c and left."
FSI, PDI = "\u2068", "\u2069"


def test_a_claim_page_isolates_the_claim_in_its_title_and_heading(client):
    claim = PublishedClaimFactory(text=SPOOF)

    page = client.get(f"/claims/{claim.slug}/").content.decode()

    assert f"<title>{FSI}{SPOOF}{PDI} · " in page
    assert f"<h1><bdi>{SPOOF}</bdi></h1>" in page
    assert f'content="{FSI}{SPOOF}{PDI}"' in page


def test_the_list_isolates_each_claim(client):
    PublishedClaimFactory(text=SPOOF)

    page = client.get("/").content.decode()

    assert f"<bdi>{SPOOF}</bdi></a>" in page
