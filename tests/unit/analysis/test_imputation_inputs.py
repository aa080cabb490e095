"""What the imputed estimate rests on: which pledges give a share and which are estimated,
the quartiles once four contributors give a share, and the figures each input cites."""

from __future__ import annotations

import pytest

from factories import make_participant, make_pledge
from forcegen.analysis.imputation import METHOD, ShareInput, impute
from forcegen.model.participant import Participant, ParticipantCode, ParticipantKind
from forcegen.model.participant import ReferenceFigures as Figures

ARMIES = {"FRA": 200.0, "GBR": 150.0, "BEL": 25.0, "NLD": 100.0, "DNK": 100.0, "NOR": 100.0}
PARTICIPANTS = {code: make_participant(code, active_military_k=k) for code, k in ARMIES.items()}


def test_only_troop_pledges_of_contributors_with_an_army_are_estimated() -> None:
    belgium = make_pledge(id="bel", contributor="BEL", personnel="unknown")
    ship = make_pledge(
        id="ship", contributor="NLD", kind="enabler", personnel="unknown", platforms=1
    )
    nobody = make_pledge(id="xyz", contributor="XYZ", personnel="unknown")
    quantified = [make_pledge(contributor="FRA", personnel=6000)]

    found = impute([belgium, ship, nobody], quantified, PARTICIPANTS)

    assert found.pledge_ids == ("bel",)
    assert found.not_estimated == ("ship", "xyz")
    assert [i.contributor for i in found.estimated] == ["BEL"]
    assert found.method == METHOD


def test_without_a_comparable_share_nothing_is_estimated_and_nothing_is_lost() -> None:
    belgium = make_pledge(id="bel", contributor="BEL", personnel="unknown")
    ship = make_pledge(
        id="ship", contributor="NLD", kind="enabler", personnel="unknown", platforms=1
    )

    found = impute([belgium, ship], [], PARTICIPANTS)

    assert found.personnel is None
    assert found.pledge_ids == ("bel",)
    assert found.method == METHOD
    assert found.comparables == ()
    assert found.estimated == ()
    assert found.not_estimated == ("ship",)
    assert found.sentence == "No imputed estimate: no comparable contributor states a number."


def test_a_share_is_the_contributors_troops_over_its_active_soldiers() -> None:
    quantified = [
        make_pledge(contributor="FRA", personnel=3000),
        make_pledge(contributor="FRA", personnel=3000),
        make_pledge(contributor="FRA", kind="enabler", capability="air.defence", personnel=900),
        make_pledge(contributor="GBR", personnel="up to 7500"),
        make_pledge(contributor="NLD", personnel=1),
        make_pledge(contributor="DNK", personnel=0),  # gives no share: nothing pledged
        make_pledge(contributor="XYZ", personnel=5000),  # no figures: not comparable
    ]

    found = impute([], quantified, PARTICIPANTS)

    assert [(i.contributor, i.share_low, i.share_high) for i in found.comparables] == [
        ("FRA", 6000 / 200_000, 6000 / 200_000),
        ("GBR", 0.0, 7500 / 150_000),
        ("NLD", 1 / 100_000, 1 / 100_000),
    ]


def test_each_input_cites_the_army_figure_its_year_and_its_source() -> None:
    figures = Figures(
        year=2023,
        gdp_usd_bn=500.0,
        population_m=5.0,
        active_military_k=20.0,
        sources={"gdp_usd_bn": "World Bank", "active_military_k": "IISS Military Balance"},
    )
    finland = Participant(
        code=ParticipantCode("FIN"), name="Finland", kind=ParticipantKind.STATE, figures=figures
    )
    participants = {**PARTICIPANTS, "FIN": finland}

    found = impute(
        [make_pledge(id="fin", contributor="FIN", personnel="unknown")],
        [make_pledge(contributor="FIN", id="fin2", personnel=400)],
        participants,
    )

    expected = ShareInput("FIN", 20.0, 2023, "IISS Military Balance")
    assert found.estimated == (expected,)
    assert found.comparables == (
        ShareInput("FIN", 20.0, 2023, "IISS Military Balance", share_low=0.02, share_high=0.02),
    )
    assert found.personnel is not None
    assert (found.personnel.low, found.personnel.central, found.personnel.high) == (400, 400, 400)


def test_an_army_without_a_cited_source_cites_none() -> None:
    found = impute(
        [make_pledge(id="bel", contributor="BEL", personnel="unknown")],
        [make_pledge(contributor="FRA", personnel=6000)],
        PARTICIPANTS,
    )

    assert found.estimated == (ShareInput("BEL", 25.0, 2024, ""),)


@pytest.mark.parametrize(
    "participant",
    [
        make_participant("BEL", gdp_usd_bn=None),  # no reference figures at all
        make_participant("BEL", active_military_k=None),  # figures, but no army
        make_participant("BEL", active_military_k=0.0),
    ],
    ids=["no figures", "no army figure", "an army of zero"],
)
def test_a_contributor_without_an_army_figure_is_neither_estimated_nor_comparable(
    participant: Participant,
) -> None:
    participants = {**PARTICIPANTS, "BEL": participant}

    found = impute(
        [make_pledge(id="bel", contributor="BEL", personnel="unknown")],
        [make_pledge(contributor="BEL", personnel=500)],
        participants,
    )

    assert found.personnel is None
    assert found.comparables == ()
    assert found.not_estimated == ("bel",)


def test_four_comparable_shares_give_the_quartiles_fewer_give_the_extremes() -> None:
    shares = {"NLD": 1000, "DNK": 2000, "NOR": 3000, "FRA": 8000}  # 1%, 2%, 3%, 4%
    quantified = [make_pledge(contributor=c, personnel=n) for c, n in shares.items()]
    estimate = [make_pledge(id="nld2", contributor="NLD", personnel="unknown")]

    four = impute(estimate, quantified, PARTICIPANTS).personnel
    three = impute(estimate, quantified[:3], PARTICIPANTS).personnel

    # quartiles of 1%, 2%, 3%, 4% (exclusive method): 1.25% and 3.75%; median 2.5%
    assert four is not None
    assert three is not None
    assert (four.low, four.central, four.high) == (1200, 2500, 3800)
    # smallest and largest of 1%, 2%, 3%; median 2%
    assert (three.low, three.central, three.high) == (1000, 2000, 3000)


def test_the_estimate_is_the_share_times_the_soldiers_in_whole_hundreds() -> None:
    quantified = [make_pledge(contributor="FRA", personnel=8000)]  # 4%

    found = impute(
        [make_pledge(id="bel", contributor="BEL", personnel="unknown")], quantified, PARTICIPANTS
    )

    assert found.personnel is not None
    assert (found.personnel.low, found.personnel.central, found.personnel.high) == (
        1000,
        1000,
        1000,
    )
