"""What the probability panel's form asks for: the sliders in the query (`p.DRIVER=PERCENT`),
the selection and driver odds they make, and the dashboard's controls the form carries along.

Kept apart from the panel's view (probability_view) because it is the form's contract with
the URL: the names here are what a bookmarked or shared panel link holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from forcegen.catalog import Catalog
from forcegen.model.errors import InvalidInputError
from forcegen.service.assessment.selection import Selection

SLIDER_PREFIX = "p."
HONOURING_PARAM = "honouring"


def slider_values(params: Sequence[tuple[str, str]]) -> dict[str, int]:
    """`p.us.isr=40` -> {"us.isr": 40}; other parameters are ignored.

    Raises:
        InvalidInputError: a slider value that is not a whole percentage from 0 to 100.
    """
    found: dict[str, int] = {}
    for name, value in params:
        if not name.startswith(SLIDER_PREFIX):
            continue
        try:
            percent = int(value)
        except ValueError:
            percent = -1
        if not 0 <= percent <= 100:
            raise InvalidInputError(
                f"Cannot read the probability {name}={value!r}: give a whole percentage from "
                f"0 to 100, e.g. {SLIDER_PREFIX}us.isr=40."
            )
        found[name.removeprefix(SLIDER_PREFIX)] = percent
    return found


def panel_selection(
    selection: Selection, sliders: Mapping[str, int]
) -> tuple[Selection, dict[str, float]]:
    """The selection with the drivers the sliders make certain, and the uncertain ones' odds."""
    overrides = dict(selection.overrides)
    probabilities: dict[str, float] = {}
    for driver, percent in sliders.items():
        if 0 < percent < 100:
            overrides.pop(driver, None)
            probabilities[driver] = percent / 100
        else:
            overrides[driver] = percent == 100
    return dataclasses.replace(selection, overrides=overrides), probabilities


def hidden_controls(selection: Selection, catalog: Catalog) -> tuple[tuple[str, str], ...]:
    """The dashboard's controls as hidden fields, so the panel's form assesses the same."""
    scenario = selection.scenario.with_overrides(dict(selection.overrides))
    return (
        ("requirement", selection.requirement.key),
        ("scenario", selection.scenario.key),
        ("level_floor", selection.level_floor.value),
        ("fixpoint", selection.fixpoint.value),
        ("fair_share", selection.fair_share_basis.value),
        ("toggles", "1"),
        ("scenario_was", selection.scenario.key),
        *(("driver", key) for key in catalog.drivers if scenario.value(key)),
    )
