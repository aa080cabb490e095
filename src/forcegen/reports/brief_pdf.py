"""The brief as a PDF: the document (`brief_document`) typeset by Typst, offline.

The Typst compiler comes from the `typst` package (its wheel carries the compiler and the
fonts), so rendering needs no network and no system fonts. The template
(`templates/brief.typ`) receives the document as JSON and prints its text as text, so a
quote or a name can never be read as markup.

Footnotes: the first figure that rests on a source gets a footnote naming it (outlet, date,
locator, or the response version); later figures resting on it refer to the same footnote.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import typst

from forcegen.model.errors import InvalidInputError
from forcegen.model.source import Source, SourceKind
from forcegen.reports.brief_document import (
    Block,
    BriefDocument,
    Bullets,
    Grid,
    Paragraph,
    Text,
    cited_sources,
)

TEMPLATE = "templates/brief.typ"


def render_brief(document: BriefDocument) -> bytes:
    """The PDF bytes of the brief.

    Raises:
        InvalidInputError: the document could not be typeset (the message says why).
    """
    template = resources.files("forcegen.reports").joinpath(TEMPLATE)
    with resources.as_file(template) as path:
        try:
            return bytes(
                typst.compile(str(path), sys_inputs={"brief": json.dumps(_json(document))})
            )
        except typst.TypstError as err:
            raise InvalidInputError(f"The brief could not be typeset: {err}") from err


def write_brief(document: BriefDocument, output: Path) -> Path:
    """Write the brief's PDF to `output` and return it."""
    output.write_bytes(render_brief(document))
    return output


class _Notes:
    """Numbers sources in the order figures first cite them."""

    def __init__(self, document: BriefDocument) -> None:
        self.document = document
        self.seen: set[str] = set()

    def of(self, pledge_ids: tuple[str, ...]) -> list[dict[str, object]]:
        notes = []
        for source_id in cited_sources(self.document, pledge_ids):
            first = source_id not in self.seen
            self.seen.add(source_id)
            notes.append(
                {
                    "key": f"note-{source_id}",
                    "first": first,
                    "text": source_text(self.document.sources[source_id]) if first else "",
                }
            )
        return notes


def source_text(source: Source) -> str:
    """A source as a footnote: outlet, date and where to find it."""
    if source.kind is SourceKind.RESPONSE_VERSION:
        return source.locator
    date = source.published.isoformat() if source.published else "undated"
    outlet = source.outlet or "source"
    return f"{outlet}, {date}: {source.locator}"


def _json(document: BriefDocument) -> dict[str, object]:
    notes = _Notes(document)
    return {
        "title": document.title,
        "subtitle": document.subtitle,
        "notice": document.notice,
        "footer": document.footer,
        "sections": [
            {"heading": s.heading, "blocks": [_block(b, notes) for b in s.blocks]}
            for s in document.sections
        ],
    }


def _block(block: Block, notes: _Notes) -> dict[str, object]:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "parts": _parts(block.parts, notes)}
    if isinstance(block, Bullets):
        return {
            "kind": "bullets",
            "items": [{"parts": _parts(i.parts, notes)} for i in block.items],
        }
    return _grid(block, notes)


def _grid(grid: Grid, notes: _Notes) -> dict[str, object]:
    numeric = list(grid.is_numeric) or [False] * len(grid.columns)
    return {
        "kind": "grid",
        "columns": list(grid.columns),
        "rows": [list(row) for row in grid.rows],
        "notes": [notes.of(ids) for ids in grid.pledge_ids],
        "numeric": numeric,
    }


def _parts(parts: tuple[Text, ...], notes: _Notes) -> list[dict[str, object]]:
    return [{"text": part.text, "notes": notes.of(part.pledge_ids)} for part in parts]
