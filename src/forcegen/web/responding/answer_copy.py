"""A respondent's own copy of one version of its answers: the printable page and the PDF.

A ministry files what its government answered. The copy names the version, when it was
saved and who attested it, so a printout or a PDF in a registry cannot be mistaken for a
later revision or for a draft. The PDF reuses the brief's Typst template (`reports.brief_pdf`),
which prints every answer as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forcegen.catalog import Catalog
from forcegen.model.errors import NotFoundError
from forcegen.model.respondent import RespondentContext
from forcegen.model.response import ResponseVersion
from forcegen.model.response_head import ResponseHead
from forcegen.reports.brief_document import (
    Block,
    BriefDocument,
    BriefSection,
    Grid,
    Paragraph,
    Text,
)
from forcegen.reports.brief_pdf import render_brief
from forcegen.web.render import format_when
from forcegen.web.responding.answer_view import AnswerItem, AnswerSection, answer_sections


@dataclass(frozen=True)
class AnswerCopy:
    """One version of a respondent's answers, with the words that identify it."""

    round_title: str
    participant_name: str
    participant_code: str
    version: ResponseVersion
    sections: tuple[AnswerSection, ...]
    is_illustrative: bool

    @property
    def version_line(self) -> str:
        """`Version 2, submitted 05 Dec 2026, 10:02 UTC, attested by Claire Dubois
        (Director for Strategic Affairs)`, or what a draft or withdrawal is."""
        v = self.version
        when = format_when(v.saved_at)
        if v.is_submitted and v.attestation is not None:
            who = f"{v.attestation.name} ({v.attestation.title})"
            return f"Version {v.number}, submitted {when}, attested by {who}"
        if v.is_withdrawn:
            return f"Version {v.number}, a withdrawal of the response, saved {when}"
        return f"Version {v.number}, a draft saved {when}: not submitted"

    @property
    def file_name(self) -> str:
        return f"answers-{self.participant_code}-version-{self.version.number}.pdf"


def answer_copy(
    context: RespondentContext, catalog: Catalog, chosen: ResponseVersion | None = None
) -> AnswerCopy:
    """The copy of the `chosen` version, or of the latest submitted (else latest) version.

    Raises:
        NotFoundError: nothing is saved yet.
    """
    version = chosen or _version(context.response)
    return AnswerCopy(
        round_title=context.round.title,
        participant_name=context.participant.name,
        participant_code=context.participant.code,
        version=version,
        sections=answer_sections(context.questions, version.answers, catalog),
        is_illustrative=context.round.is_illustrative,
    )


def answer_copy_pdf(copy: AnswerCopy) -> bytes:
    """The PDF bytes of the copy, typeset like the brief."""
    return render_brief(copy_document(copy))


def copy_document(copy: AnswerCopy) -> BriefDocument:
    """The copy as a document of sections, one per question."""
    notice = ""
    if not copy.version.is_submitted:
        notice = "This version was not submitted: it is not your government's answer."
    if copy.is_illustrative:
        notice = (notice + " " if notice else "") + (
            "Illustrative round: answers derived from public reporting, not official answers."
        )
    return BriefDocument(
        title=f"{copy.participant_name}: answers to “{copy.round_title}”",
        subtitle=copy.version_line,
        notice=notice,
        sections=tuple(
            BriefSection(
                heading=f"Question {s.number}. {s.title}",
                blocks=_blocks(s.items) or (Paragraph((Text("Not answered."),)),),
            )
            for s in copy.sections
        ),
        footer=f"{copy.participant_name} · {copy.round_title} · version {copy.version.number}",
    )


def _blocks(items: Sequence[AnswerItem]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    plain = [item for item in items if not item.is_group]
    if plain:
        blocks.append(_grid(plain))
    for group in (item for item in items if item.is_group):
        for index, row in enumerate(group.rows, start=1):
            blocks.append(Paragraph((Text(f"{group.label}: row {index}"),)))
            blocks.append(_grid(row))
    return tuple(blocks)


def _grid(items: Sequence[AnswerItem]) -> Grid:
    return Grid(
        columns=("Item", "Answer"),
        rows=tuple((item.label, item.text) for item in items),
        pledge_ids=tuple(() for _ in items),
    )


def _version(response: ResponseHead | None) -> ResponseVersion:
    found = (response.latest_submitted or response.latest) if response else None
    if found is None:
        raise NotFoundError("Nothing is saved yet: save or submit your answers first.")
    return found
