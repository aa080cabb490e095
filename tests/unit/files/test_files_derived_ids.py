"""Rows imported without ids: the import gives them stable ids, so analysts need not invent
any, and a position may cite its source by the source's URL."""

from __future__ import annotations

import json
from pathlib import Path

from forcegen.files.public_bundle import read_bundle

URL = "https://example.org/nl-trainers"


def _bundle(tmp_path: Path, *, position_source: str) -> Path:
    path = tmp_path / "upload.json"
    path.write_text(
        json.dumps(
            {
                "sources": [{"locator": URL, "outlet": "Example outlet"}],
                "positions": [
                    {
                        "actor_code": "NLD",
                        "topic": "training",
                        "stance": "yes",
                        "date": "2026-02-11",
                        "source_id": position_source,
                        "summary": "Dutch trainers for Ukrainian crews.",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


def test_rows_without_ids_get_ids_and_a_position_cites_its_source_by_url(tmp_path: Path) -> None:
    bundle = read_bundle(_bundle(tmp_path, position_source=URL), known_source_ids=set())

    assert bundle.problems == []
    (source,), (position,) = bundle.sources, bundle.positions
    assert source.id.startswith("src-")
    assert position.id.startswith("pos-")
    assert position.source_id == source.id


def test_the_same_rows_get_the_same_ids_on_every_import(tmp_path: Path) -> None:
    first = read_bundle(_bundle(tmp_path, position_source=URL))
    again = read_bundle(_bundle(tmp_path, position_source=URL))

    assert [s.id for s in first.sources] == [s.id for s in again.sources]
    assert [p.id for p in first.positions] == [p.id for p in again.positions]


def test_a_url_naming_no_source_of_the_file_or_the_record_is_a_problem(tmp_path: Path) -> None:
    bundle = read_bundle(
        _bundle(tmp_path, position_source="https://example.org/other"), known_source_ids=set()
    )

    assert [p.column for p in bundle.problems] == ["source_id"]
