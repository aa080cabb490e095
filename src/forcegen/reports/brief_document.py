"""The brief as a document: sections of paragraphs, lists and tables, every figure followed by
footnotes that name its sources. `brief_pdf` typesets it; this module decides what it says.

    document = brief_document(assessment, today=dt.date(2026, 12, 5))
    document.sections  ->  In plain words, Force against requirement by scenario,
                           What is needed from the United States, Gaps by capability,
                           Not counted in these figures, (any extra sections)

A section is data, not markup (text is never interpreted as Typst), so another part of the
product can add one: pass `extra=(BriefSection(heading=..., blocks=(...)),)` and it is
printed after the built-in ones with the same footnote numbering (a probability section,
for example).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from forcegen.analysis.assessment import Assessment
from forcegen.analysis.coverage import share
from forcegen.model.pledge import Pledge
from forcegen.model.source import Source
from forcegen.service.assessment.summary import share_text

Cell = str


@dataclass(frozen=True, slots=True)
class Text:
    """Words of a paragraph, then footnotes for the pledges whose sources back them."""

    text: str
    pledge_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    parts: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    """A table: a header row, body rows, and per row the pledges its figures rest on."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    pledge_ids: tuple[tuple[str, ...], ...]
    is_numeric: tuple[bool, ...] = ()


Block = Paragraph | Bullets | Grid


@dataclass(frozen=True, slots=True)
class BriefSection:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class BriefDocument:
    title: str
    subtitle: str
    notice: str  # e.g. that the round is illustrative; empty otherwise
    sections: tuple[BriefSection, ...]
    sources: dict[str, Source] = field(default_factory=dict)  # every source a figure cites
    pledge_sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    footer: str = "forcegen brief — every figure's sources are in its footnotes"


def brief_document(
    assessment: Assessment,
    *,
    today: dt.date,
    driver_names: dict[str, str] | None = None,
    extra: Sequence[BriefSection] = (),
) -> BriefDocument:
    """The brief of one assessment (see the module doc)."""
    names = driver_names or {}
    a = assessment
    notice = (
        "Illustrative round: answers derived from public reporting, not official answers."
        if a.is_illustrative
        else ""
    )
    return BriefDocument(
        title=f"Force generation brief: {a.title}",
        subtitle=(
            f"Scenario “{a.scenario.name}”; requirement “{a.requirement.name}”; "
            f"{today.isoformat()}. Figures are ranges where pledges state ranges or bounds."
        ),
        notice=notice,
        sections=(
            _plain_words(a),
            _by_scenario(a),
            _from_the_us(a, names),
            _gaps(a),
            _not_counted(a, names),
            *extra,
        ),
        sources=dict(a.sources),
        pledge_sources={p.id: p.source_ids for p in a.pledges},
    )


def _plain_words(a: Assessment) -> BriefSection:
    force = a.chosen.total
    first, *rest = a.summary
    return BriefSection(
        "In plain words",
        (
            Paragraph((Text(first, force.pledge_ids),)),
            Bullets(tuple(Paragraph((Text(sentence),)) for sentence in rest)),
        ),
    )


def _by_scenario(a: Assessment) -> BriefSection:
    keys = [check.key for check in a.scenarios[0].checks] if a.scenarios else []
    required = {check.key: check.required for check in a.scenarios[0].checks} if keys else {}
    rows = tuple(
        (
            force.name,
            force.total.personnel.text,
            *(_gap(check.gap.text, check.is_met) for check in force.checks),
        )
        for force in a.scenarios
    )
    note = Paragraph(
        (
            Text(
                "Active force at the chosen fixpoint and the gap to each requirement profile; "
                "every named scenario keeps the drivers it sets."
            ),
        )
    )
    grid = Grid(
        columns=("Scenario", "Active force", *(f"Gap to {required[k]:,}" for k in keys)),
        rows=rows,
        pledge_ids=tuple(force.total.pledge_ids for force in a.scenarios),
        is_numeric=(False, True, *(True for _ in keys)),
    )
    return BriefSection("Force against requirement, by scenario", (note, grid))


def _gap(text: str, is_met: bool) -> str:
    return "met" if is_met else text


def _from_the_us(a: Assessment, names: dict[str, str]) -> BriefSection:
    by_id: dict[str, Pledge] = {p.id: p for p in a.pledges}
    asked = [
        Paragraph(
            (
                Text(
                    f"{names.get(driver, driver)}: "
                    + ", ".join(f"{by_id[i].contributor} {by_id[i].personnel.text}" for i in ids),
                    ids,
                ),
            )
        )
        for driver, ids in a.driver_pledges.items()
        if driver.startswith("us.") and ids
    ]
    lead = (
        "Pledges whose condition names US support:"
        if asked
        else "No pledge makes its condition depend on US support."
    )
    blocks: list[Block] = [Paragraph((Text(lead),))]
    if asked:
        blocks.append(Bullets(tuple(asked)))
    blocks.append(Paragraph((Text(_packages(a), a.what_it_takes.everything.pledge_ids),)))
    useful = [lever for lever in a.what_it_takes.leverage if lever.personnel > 0]
    if useful:
        rows = tuple(
            (names.get(lever.driver, lever.driver), f"{lever.personnel:,.0f}") for lever in useful
        )
        blocks.append(
            Grid(
                columns=("US enabler", "Force it unlocks (average over the other enablers)"),
                rows=rows,
                pledge_ids=tuple(a.driver_pledges.get(lever.driver, ()) for lever in useful),
                is_numeric=(False, True),
            )
        )
    return BriefSection("What is needed from the United States", tuple(blocks))


def _packages(a: Assessment) -> str:
    found = a.what_it_takes
    if found.minimal_sets and not found.minimal_sets[0]:
        return "The pledges meet the requirement without any US enabler."
    if found.minimal_sets:
        return (
            f"The smallest US package that closes the gap: {' + '.join(found.minimal_sets[0])} "
            f"(force {found.smallest_package.personnel.text if found.smallest_package else ''})."
        )
    return (
        "No combination of the US enablers closes the gap: all of them together bring "
        f"{found.everything.personnel.text} of {found.required_personnel:,}."
    )


def _gaps(a: Assessment) -> BriefSection:
    lines = a.chosen.lines
    rows = tuple(
        (
            line.label,
            f"{line.required_personnel:,}",
            line.employable.personnel.text,
            "met" if line.is_met else line.shortfall_personnel.text,
            share_text(share(line.employable.personnel, line.required_personnel)),
        )
        for line in lines
    )
    note = Paragraph(
        (
            Text(
                "Personnel per requirement line; employable leaves out contributions whose "
                "caveats the line excludes. The split by capability is a planning assumption."
            ),
        )
    )
    grid = Grid(
        columns=("Capability", "Required", "Employable", "Shortfall", "Met"),
        rows=rows,
        pledge_ids=tuple(line.employable.pledge_ids for line in lines),
        is_numeric=(False, True, True, True, True),
    )
    return BriefSection("Gaps by capability", (note, grid))


def _not_counted(a: Assessment, names: dict[str, str]) -> BriefSection:
    by_id: dict[str, Pledge] = {p.id: p for p in a.pledges}
    items: list[Paragraph] = [
        Paragraph((Text(f"{contributor}: pledge {pledge_id} states no number.", (pledge_id,)),))
        for contributor, pledge_id in a.unquantified
    ]
    items += [
        Paragraph(
            (
                Text(
                    f"{b.contributor} {b.personnel.text} waits for "
                    f"{', '.join(names.get(w, w) for w in b.waits_for) or 'its condition'}.",
                    (b.pledge_id,),
                ),
            )
        )
        for b in a.blocked
        if b.pledge_id in by_id
    ]
    if a.imputed is not None:
        items.append(Paragraph((Text(a.imputed.sentence),)))
    if not items:
        items = [Paragraph((Text("Every pledge is counted."),))]
    lead = Paragraph(
        (Text("Pledges without a number, and pledges held back by their conditions:"),)
    )
    return BriefSection("Not counted in these figures", (lead, Bullets(tuple(items))))


def cited_sources(document: BriefDocument, pledge_ids: Iterable[str]) -> tuple[str, ...]:
    """The source ids behind some pledges, in first-cited order, without repeats."""
    found: dict[str, None] = {}
    for pledge_id in pledge_ids:
        for source_id in document.pledge_sources.get(pledge_id, ()):
            if source_id in document.sources:
                found[source_id] = None
    return tuple(found)
