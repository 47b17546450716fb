"""bench/serve.py measures the API's claim detail against bench/views.py's hand-written floor: the two must
give the same JSON, or the ratio compares different work."""

import pytest

from claims import workflow
from claims.models import Claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"


def test_the_floor_gives_the_api_claim_detail_json_also_with_a_correction(demo, reviewer, client, bench_urls):
    claim = Claim.objects.filter(status=Claim.Status.PUBLISHED).exclude(quotes=None).order_by("pk").first()
    workflow.correct(
        claim=claim, by=reviewer, note="The explanation was clarified.", changes={"explanation": "Clearer."}
    )

    api = client.get(f"/api/v1/claims/{claim.slug}/").json()
    floor = client.get(f"/bench/floor/{claim.slug}/").json()

    assert api["corrections"] and api["corrections"][0]["changes"]
    assert floor == api, list(_diff(floor, api))


def _diff(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a.keys() | b.keys():
            yield from _diff(a.get(key), b.get(key), f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _diff(x, y, f"{path}[{index}]")
    elif a != b:
        yield path, a, b
