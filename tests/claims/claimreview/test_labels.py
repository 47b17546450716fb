from pathlib import Path

import pytest

from claims.claimreview.labels import map_label
from claims.verdicts import Verdict

LABEL_MAPS = Path(__file__).resolve().parents[4] / "shared" / "data" / "xfact_label_maps"
# X-Fact's seven classes, and where each falls on our scale; "other" (satire, promises kept) has no place.
XFACT_CLASSES = {
    "true": Verdict.TRUE,
    "mostly true": Verdict.MOSTLY_TRUE,
    "partly true/misleading": Verdict.MIXED,
    "mostly false": Verdict.MOSTLY_FALSE,
    "false": Verdict.FALSE,
    "complicated/hard to categorise": Verdict.UNPROVEN,
    "other": None,
}


def xfact_cases() -> list[tuple[str, str, Verdict | None]]:
    """(site, label, our expected verdict) from X-Fact's real label vocabularies."""
    classes = {}
    for line in (LABEL_MAPS / "master_mapping.tsv").read_text(encoding="utf-8").splitlines():
        name, _, members = line.partition("\t")
        for member in members.split("|"):
            classes[member.strip()] = XFACT_CLASSES[name.strip()]
    cases = []
    for path in sorted(LABEL_MAPS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            label, _, normalised = line.partition("\t")
            normalised = (
                normalised.strip().split("/")[0] if normalised.startswith("other/") else normalised.strip()
            )
            if label.strip() and normalised in classes:
                cases.append((path.stem, label.strip(), classes[normalised]))
    return cases


@pytest.mark.skipif(
    not LABEL_MAPS.exists(), reason=f"{LABEL_MAPS} is not there: check out shared/ beside the repository."
)
def test_mapping_agrees_with_real_fact_checkers_vocabularies():
    cases = xfact_cases()
    wrong = [
        (site, label, expected, got)
        for site, label, expected in cases
        if (got := map_label(label, site=site)) is not None and got != expected
    ]
    mappable = [case for case in cases if case[2] is not None and len(case[1]) <= 40]
    known = [case for case in mappable if map_label(case[1], site=case[0]) == case[2]]
    # Never a wrong verdict; most short labels known (the rest stay "unmapped", never guessed).
    assert wrong == []
    assert len(known) / len(mappable) >= 0.9, f"{len(known)} of {len(mappable)} known"


@pytest.mark.parametrize(
    ("label", "site", "expected"),
    [
        ("False", "", Verdict.FALSE),
        ("Falso\r", "", Verdict.FALSE),
        ("  FAUX ", "", Verdict.FALSE),
        ("Engañoso", "newtral.es", Verdict.MIXED),
        ("não_é_bem_assim", "aosfatos.org", Verdict.MIXED),
        ("FALSO: As imagens foram retiradas do canal", "", Verdict.FALSE),
        ("pants on fire!", "politifact.com", Verdict.FALSE),
        ("full flop", "politifact.com", None),
        ("Mostly true", "", Verdict.MOSTLY_TRUE),
        ("Disputed", "", Verdict.DISPUTED),
        ("Unproven", "", Verdict.UNPROVEN),
        ("زائف", "misbar.com", Verdict.FALSE),
        ("झूठ", "", Verdict.FALSE),
        ("Satire", "", None),
        ("", "", None),
        ("a label nobody uses", "", None),
    ],
)
def test_map_label(label, site, expected):
    assert map_label(label, site=site) == expected
