"""Answers that contradict each other, flagged to the respondent before submission.

A government that answers "No" to stationing forces in Ukraine but lists contributions there
would see them silently left out of the assessment; the form says so instead, and points to
where support given from outside Ukraine belongs.
"""

from __future__ import annotations

from collections.abc import Mapping

from forcegen.answers.pledges import FORCE_QUESTION, IN_UKRAINE, NO_TROOPS, answer_rows
from forcegen.model.questionnaire import FieldProblem


def contradictions(answers: Mapping[str, object]) -> list[FieldProblem]:
    """Each contradiction between answers, on the field to change (empty when none)."""
    troops = answers.get(FORCE_QUESTION)
    rows = answer_rows(answers, FORCE_QUESTION, IN_UKRAINE)
    if not isinstance(troops, Mapping) or troops.get("decision") != NO_TROOPS or not rows:
        return []
    listed = "1 contribution" if len(rows) == 1 else f"{len(rows)} contributions"
    return [
        FieldProblem(
            path=f"{FORCE_QUESTION}.{IN_UKRAINE}",
            message=(
                f"you answered “No” to stationing forces in Ukraine but list {listed} in "
                "Ukraine: change the decision, or remove the rows and add support given from "
                "outside Ukraine (hubs, logistics, training abroad) under “Support from "
                "outside Ukraine”"
            ),
        )
    ]
