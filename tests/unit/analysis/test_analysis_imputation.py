"""The imputed estimate: labelled, traceable to the country figures, never in the figures."""

from __future__ import annotations

from factories import make_participant, make_pledge
from forcegen.analysis.imputation import impute

PARTICIPANTS = {
    code: make_participant(code, active_military_k=army)
    for code, army in {"FRA": 200.0, "GBR": 150.0, "EST": 7.0, "LTU": 15.0, "BEL": 25.0}.items()
}


def test_an_unquantified_troop_pledge_is_estimated_from_comparable_shares_of_armies() -> None:
    quantified = [
        make_pledge(id="fra", contributor="FRA", personnel=6000),  # 3% of its army
        make_pledge(id="gbr", contributor="GBR", personnel=7500),  # 5%
        make_pledge(id="est", contributor="EST", personnel=140),  # 2%
    ]
    belgium = make_pledge(id="bel", contributor="BEL", personnel="unknown", capability=None)

    found = impute([belgium], quantified, PARTICIPANTS)

    assert found.pledge_ids == ("bel",)
    assert found.personnel is not None
    assert (found.personnel.low, found.personnel.central, found.personnel.high) == (500, 800, 1300)
    assert [i.contributor for i in found.comparables] == ["EST", "FRA", "GBR"]
    assert [i.contributor for i in found.estimated] == ["BEL"]
    assert "not included in the figures above" in found.sentence


def test_a_ship_without_a_crew_is_not_estimated_from_an_army() -> None:
    ship = make_pledge(
        id="ship",
        contributor="EST",
        kind="enabler",
        capability="maritime.mcm",
        personnel="unknown",
        platforms=1,
    )

    found = impute([ship], [make_pledge(contributor="FRA", personnel=6000)], PARTICIPANTS)

    assert found.personnel is None
    assert found.not_estimated == ("ship",)
