"""Why two views differ, for people (text, Markdown) and for scripts (JSON)."""

from __future__ import annotations

from pydantic import JsonValue

from forcegen.analysis.difference import Differences, Standing


def differences_json(found: Differences) -> dict[str, JsonValue]:
    """The differences as a JSON-ready mapping: both forces and one entry per pledge."""
    return {
        "summary": found.summary,
        "left": {"name": found.left_name, "force": found.left_force.text},
        "right": {"name": found.right_name, "force": found.right_force.text},
        "pledges": [
            {
                "contributor": d.contributor,
                "capability": d.capability,
                "left": _standing(d.left),
                "right": _standing(d.right),
                "sentence": d.sentence,
            }
            for d in found.pledges
        ],
    }


def differences_text(found: Differences, *, is_markdown: bool = False) -> str:
    """The summary sentence, then one line per differing contribution."""
    bullet = "- " if is_markdown else " • "
    heading = "## Why the views differ\n\n" if is_markdown else ""
    return "\n".join([heading + found.summary, *(bullet + d.sentence for d in found.pledges)])


def _standing(standing: Standing | None) -> dict[str, JsonValue] | None:
    if standing is None:
        return None
    return {
        "pledge_id": standing.pledge_id,
        "personnel": standing.personnel.text,
        "status": standing.status,
    }
