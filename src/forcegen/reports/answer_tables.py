"""The tables of a round's answers that are not force: US-enabler demand (Q1), nominations
(Q2), the response ladder (Q4), support for Ukraine (Q5) and sanctions unanimity (Q6).

Each row names the response versions it rests on (`source_ids`).
"""

from __future__ import annotations

from forcegen.analysis.assessment import AnswerSummaries
from forcegen.reports.table import Table, field_rows, table

ANSWER_TABLE_KEYS = frozenset(("enabler_demand", "nominations", "ladder", "support", "sanctions"))


def answer_tables(answers: AnswerSummaries) -> tuple[Table, ...]:
    return (
        enabler_demand_table(answers),
        nominations_table(answers),
        ladder_table(answers),
        support_table(answers),
        sanctions_table(answers),
    )


def _unanswered(answers: AnswerSummaries, question: str) -> str:
    """Who left the question unanswered: not answered is not "none"."""
    missing = answers.not_answered.get(question, ())
    if not missing:
        return "Answered by every respondent asked."
    return f"Not answered by {len(missing)}: {', '.join(missing)} (not counted as none)."


def enabler_demand_table(answers: AnswerSummaries) -> Table:
    rows = [
        (
            d.enabler,
            len(d.precondition),
            d.precondition,
            len(d.desirable),
            d.desirable,
            d.short_term,
            d.long_term,
            d.source_ids,
        )
        for d in answers.enabler_demand
    ]
    columns = (
        "enabler",
        "precondition_count",
        "precondition",
        "desirable_count",
        "desirable",
        "short_term",
        "long_term",
        "source_ids",
    )
    description = _unanswered(answers, "us_support")
    return table(
        "enabler_demand", "Q1 What US support governments need", columns, rows, description
    )


def nominations_table(answers: AnswerSummaries) -> Table:
    rows = [
        (n.nominee, len(n.nominated_by), n.nominated_by, n.is_invited, n.source_ids)
        for n in answers.nominations
    ]
    columns = ("nominee", "nominations", "nominated_by", "is_invited", "source_ids")
    description = _unanswered(answers, "participants")
    return table("nominations", "Q2 Who else could take part", columns, rows, description)


def ladder_table(answers: AnswerSummaries) -> Table:
    ladder = answers.ladder
    rows = [
        (
            rung.rung,
            len(rung.supporters),
            rung.supporters,
            len(rung.participants),
            rung.participants,
            len(rung.answered),
            rung.has_all_troop_contributors,
            rung.source_ids,
        )
        for rung in ladder.rungs
    ]
    columns = (
        "rung",
        "support_count",
        "supporters",
        "take_part_count",
        "would_take_part",
        "answered",
        "has_all_troop_contributors",
        "source_ids",
    )
    description = (
        f"Highest rung every troop contributor supports: {ladder.highest_text}. "
        f"Troop contributors: {', '.join(ladder.troop_contributors) or 'none'}. "
        + _unanswered(answers, "if_attacked")
    )
    return table(
        "ladder", "Q4 If the force is attacked: the response ladder", columns, rows, description
    )


def support_table(answers: AnswerSummaries) -> Table:
    support = answers.support
    columns = ("category", "quantity", "value_eur", "contributors", "source_ids")
    rows = field_rows(support.by_category, columns)
    per_gdp = ", ".join(
        f"{code} {value:,.0f}" for code, value in sorted(support.value_eur_per_gdp_usd_bn.items())
    )
    description = f"EUR per US$ bn of GDP: {per_gdp or 'no amount stated'}. " + _unanswered(
        answers, "support_for_ukraine"
    )
    return table("support", "Q5 Support for Ukraine's armed forces", columns, rows, description)


def sanctions_table(answers: AnswerSummaries) -> Table:
    columns = (
        "measure",
        "support",
        "support_with_conditions",
        "oppose",
        "not_answered",
        "blockers",
        "has_unanimity",
        "source_ids",
    )
    rows = field_rows(answers.sanctions, columns)
    description = "EU sanctions need unanimity: any EU member opposing is a blocker. "
    description += _unanswered(answers, "sanctions")
    return table("sanctions", "Q6 Sanctions: support and unanimity", columns, rows, description)
