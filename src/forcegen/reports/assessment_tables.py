"""An assessment as tables, one concept per table, in the order a reader wants them.

    about, summary, scenarios, activation, coverage, sustainment, packages, leverage,
    held_back, burden, [enabler_demand, nominations, ladder, support, sanctions,]
    pledges, sources

The answer tables (Q1, Q2, Q4, Q5, Q6) exist only for a round's assessment.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from forcegen.analysis.assessment import Assessment
from forcegen.reports.answer_tables import ANSWER_TABLE_KEYS, answer_tables
from forcegen.reports.force_tables import (
    about_table,
    activation_table,
    blocked_table,
    burden_table,
    coverage_table,
    leverage_table,
    packages_table,
    scenarios_table,
    summary_table,
    sustainment_table,
)
from forcegen.reports.record_tables import pledges_table, sources_table
from forcegen.reports.table import Table

_FORCE_TABLES: dict[str, Callable[[Assessment], Table]] = {
    "about": about_table,
    "summary": summary_table,
    "scenarios": scenarios_table,
    "activation": activation_table,
    "coverage": coverage_table,
    "sustainment": sustainment_table,
    "packages": packages_table,
    "leverage": leverage_table,
    "held_back": blocked_table,
    "burden": burden_table,
}
_RECORD_TABLES: dict[str, Callable[[Assessment], Table]] = {
    "pledges": pledges_table,
    "sources": sources_table,
}


def assessment_tables(
    assessment: Assessment, only: Collection[str] | None = None
) -> tuple[Table, ...]:
    """Every table of the assessment (see the module doc for the order), or those whose key
    is in `only`: the dashboard writes its pledges and sources itself, and building the
    tables it does not show was a tenth of its cost on a round of 200 answers."""

    def wanted(key: str) -> bool:
        return only is None or key in only

    force = tuple(build(assessment) for key, build in _FORCE_TABLES.items() if wanted(key))
    answers = (
        tuple(t for t in answer_tables(assessment.answers) if wanted(t.key))
        if assessment.answers and (only is None or not ANSWER_TABLE_KEYS.isdisjoint(only))
        else ()
    )
    records = tuple(build(assessment) for key, build in _RECORD_TABLES.items() if wanted(key))
    return (*force, *answers, *records)
