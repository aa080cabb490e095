"""The pledges and sources tables: every pledge id another table names, and where it comes
from (a response version or a citation)."""

from __future__ import annotations

from forcegen.analysis.assessment import Assessment
from forcegen.model.amount import Amount, Stated
from forcegen.reports.table import Table, table


def pledges_table(a: Assessment) -> Table:
    active = set(a.active_ids)
    rows = [
        (
            p.id,
            p.contributor,
            p.kind.value,
            p.capability or "",
            amount_cell(p.personnel),
            amount_cell(p.platforms),
            amount_cell(p.value_eur) if p.value_eur is not None else None,
            p.item,
            p.sustained,
            p.duration_months,
            amount_cell(p.start_month),
            tuple(sorted(p.caveats)),
            p.condition,
            p.level.value,
            p.id in active,
            p.source_ids,
            p.note,
        )
        for p in a.pledges
    ]
    columns = (
        "id",
        "contributor",
        "kind",
        "capability",
        "personnel",
        "platforms",
        "value_eur",
        "item",
        "sustained",
        "duration_months",
        "start_month",
        "caveats",
        "condition",
        "level",
        "is_active",
        "source_ids",
        "note",
    )
    description = "is_active: active in the selected scenario at the chosen fixpoint."
    return table("pledges", "Pledges and their sources", columns, rows, description)


def amount_cell(amount: Amount[int] | Amount[float]) -> int | float | str:
    """An exact amount as its number; any other as its statement ("up to 7,500")."""
    return amount.figure if amount.stated is Stated.EXACT else amount.text


def sources_table(a: Assessment) -> Table:
    cited_by: dict[str, list[str]] = {}
    for pledge in a.pledges:
        for source_id in pledge.source_ids:
            cited_by.setdefault(source_id, []).append(pledge.id)
    rows = [
        (
            s.id,
            s.kind.value,
            s.locator,
            s.outlet,
            s.published.isoformat() if s.published else "",
            s.reliability.value,
            tuple(cited_by.get(s.id, ())),
        )
        for s in a.sources.values()
    ]
    columns = (
        "id",
        "kind",
        "locator",
        "outlet",
        "published",
        "reliability",
        "pledge_ids",
    )
    return table("sources", "Sources", columns, rows)
