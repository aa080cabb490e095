"""An assessment as tables, one concept per table, in the order a reader wants them.

    about, summary, scenarios, activation, coverage, sustainment, packages, leverage,
    held_back, burden, [enabler_demand, nominations, ladder, support, sanctions,]
    pledges, sources

The answer tables (Q1, Q2, Q4, Q5, Q6) exist only for a round's assessment.
"""

from __future__ import annotations

from forcegen.analysis.assessment import Assessment
from forcegen.reports.answer_tables import answer_tables
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


def assessment_tables(assessment: Assessment) -> tuple[Table, ...]:
    """Every table of the assessment (see the module doc for the order)."""
    force = (
        about_table(assessment),
        summary_table(assessment),
        scenarios_table(assessment),
        activation_table(assessment),
        coverage_table(assessment),
        sustainment_table(assessment),
        packages_table(assessment),
        leverage_table(assessment),
        blocked_table(assessment),
        burden_table(assessment),
    )
    answers = answer_tables(assessment.answers) if assessment.answers else ()
    return (*force, *answers, pledges_table(assessment), sources_table(assessment))
