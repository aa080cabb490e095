"""The brief's typesetting: text stays text, sections can be added, sources become footnotes."""

from __future__ import annotations

import datetime as dt
import io

import pypdf

from forcegen.model.source import Reliability, Source, SourceId, SourceKind
from forcegen.reports.brief_document import (
    BriefDocument,
    BriefSection,
    Bullets,
    Grid,
    Paragraph,
    Text,
)
from forcegen.reports.brief_pdf import render_brief

SOURCE = Source(
    id=SourceId("src-1"),
    kind=SourceKind.CITATION,
    locator="https://example.org/report",
    outlet="Example Press",
    published=dt.date(2025, 8, 19),
    reliability=Reliability.PRESS,
)


def document(*sections: BriefSection) -> BriefDocument:
    return BriefDocument(
        title="Brief: *not bold* #not-code $not maths$ [not content] <not a label>",
        subtitle="Scenario “test”",
        notice="",
        sections=sections,
        sources={"src-1": SOURCE},
        pledge_sources={"p1": ("src-1",), "p2": ("src-1",)},
    )


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_names_and_quotes_are_printed_as_written_never_as_markup() -> None:
    text = pdf_text(render_brief(document()))

    assert "*not bold* #not-code $not maths$ [not content] <not a label>" in text


def test_a_source_cited_twice_is_one_footnote() -> None:
    section = BriefSection(
        "Force",
        (
            Paragraph((Text("France 6,000.", ("p1",)),)),
            Grid(columns=("Who", "Force"), rows=(("UK", "up to 7,500"),), pledge_ids=(("p2",),)),
        ),
    )

    text = pdf_text(render_brief(document(section)))

    assert text.count("Example Press, 2025-08-19: https://example.org/report") == 1
    assert "up to 7,500" in text


def test_another_part_of_the_product_can_add_a_section() -> None:
    probability = BriefSection(
        "Probability of meeting the requirement",
        (Bullets((Paragraph((Text("About 20–35% under the stated driver probabilities."),)),)),),
    )

    text = pdf_text(render_brief(document(probability)))

    assert "Probability of meeting the requirement" in text
    assert "About 20–35% under the stated driver probabilities." in text
