"""The headline of an assessment for scripts: the force as a range, the pledges without a
number, the fair-share basis, and each named scenario's driver settings with their sources.

    {"force": {"low": 6350, "central": null, "high": 13850, "text": "6,350–13,850"},
     "unquantified": [{"contributor": "BEL", "pledge_id": "BEL/troops/1"}],
     "fair_share_basis": "willing",
     "scenarios": {"no_us_support": {"name": "No US support", "force": {...},
                   "drivers": {"us.isr": {"value": false, "sources": ["src-..."]},
                               "us.backstop": {"value": null, "sources": [...]}}}}}

`forcegen assess --format json`, `forcegen export --format json` and the JSON API add these
members beside the tables (docs/assessment-json.md describes them).
"""

from __future__ import annotations

from pydantic import JsonValue

from forcegen.analysis.assessment import Assessment
from forcegen.model.amount import Bound, Count
from forcegen.model.scenario import Scenario


def headline(assessment: Assessment) -> dict[str, JsonValue]:
    """The members the JSON document adds beside its tables (see the module doc)."""
    forces = {force.key: force for force in assessment.scenarios}
    scenarios = assessment.named_scenarios
    return {
        "force": amount_json(assessment.chosen.total.personnel),
        "unquantified": [
            {"contributor": contributor, "pledge_id": pledge_id}
            for contributor, pledge_id in assessment.unquantified
        ],
        "imputed": _imputed(assessment),
        "fair_share_basis": assessment.burden.fair_share_basis.value,
        "scenarios": {
            key: {
                "name": scenario.name,
                "force": amount_json(forces[key].total.personnel) if key in forces else None,
                "drivers": {
                    driver: {
                        "value": scenario.drivers.get(driver),
                        "sources": list(_sources(scenario, driver)),
                    }
                    for driver in sorted({*scenario.drivers, *scenario.settings})
                },
            }
            for key, scenario in scenarios.items()
        },
    }


def amount_json(amount: Count) -> dict[str, JsonValue]:
    """An amount's ends (low counts "up to N" as 0; high is null when open) and its text."""
    return {
        "low": amount.counted(Bound.LOW),
        "central": amount.central,
        "high": amount.high,
        "text": amount.text,
    }


def _imputed(assessment: Assessment) -> JsonValue:
    """The labelled estimate for the unquantified pledges, with the figures it rests on."""
    found = assessment.imputed
    if found is None:
        return None
    inputs: list[JsonValue] = [
        {
            "contributor": i.contributor,
            "active_military_k": i.active_military_k,
            "year": i.year,
            "source": i.source,
            "share_low": i.share_low,
            "share_high": i.share_high,
        }
        for i in (*found.comparables, *found.estimated)
    ]
    return {
        "personnel": amount_json(found.personnel) if found.personnel else None,
        "pledge_ids": list(found.pledge_ids),
        "not_estimated": list(found.not_estimated),
        "method": found.method,
        "inputs": inputs,
    }


def _sources(scenario: Scenario, driver: str) -> tuple[str, ...]:
    """The source ids a scenario cites for one driver's value (none where it cites none)."""
    setting = scenario.settings.get(driver)
    return setting.sources if setting else ()
