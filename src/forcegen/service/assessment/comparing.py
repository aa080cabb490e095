"""Comparing two views of the same sources: a round against the public record, or one of them
under two scenarios. `forcegen compare` and the round dashboard's "why the round and the
public record differ" page call this, so both say the same thing.

    found = comparing.compare(uow=uow, catalog=catalog, left=View(selection, round_id, "the
                              round"), right=View(selection, None, "the public record"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from forcegen.analysis.difference import Differences, explain_differences
from forcegen.service.assessment import assessing
from forcegen.service.assessment.selection import AssessmentCatalog, Selection
from forcegen.service.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class View:
    """One side of a comparison: what is assessed (a round, or the record when None), how,
    and the name the sentences give it."""

    selection: Selection
    round_id: str | None
    name: str


def compare(
    *, uow: Callable[[], UnitOfWork], catalog: AssessmentCatalog, left: View, right: View
) -> Differences:
    """Why the two views differ, pledge by pledge (see `analysis.difference`).

    Raises:
        NotFoundError: the round does not exist.
        ConditionError: a pledge condition does not parse.
    """
    left_result, right_result = (
        assessing.run_assessment(
            uow=uow(), catalog=catalog, selection=view.selection, round_id=view.round_id
        )
        for view in (left, right)
    )
    return explain_differences(
        left_result,
        right_result,
        left_name=left.name,
        right_name=right.name,
        driver_names={key: d.name for key, d in catalog.drivers.items()},
    )


__all__ = ["Differences", "View", "compare"]
