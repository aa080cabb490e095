"""Ids an import gives rows whose `id` cell was left empty, so analysts need not invent them.

The id is made from what identifies the row (a source's locator; a position's actor, topic,
date, source and summary), so importing the same file again finds the same records:

    derived_id("src", "https://example.org/nl")  ->  "src-" + 10 hex digits
"""

from __future__ import annotations

import hashlib


def derived_id(prefix: str, *identity: str) -> str:
    """`prefix-` and the first 10 hex digits of the sha256 of the identifying values."""
    digest = hashlib.sha256("\x1f".join(identity).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:10]}"
