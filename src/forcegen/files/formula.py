"""Formula neutralisation: keep spreadsheet programs from running text as a formula.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return can be taken for a
formula by Excel or LibreOffice (CSV injection). Writers put an apostrophe in front of such
text; readers take exactly that apostrophe away, so every value survives a round trip:

    "=SUM(A1)"   -> written "'=SUM(A1)"   -> read "=SUM(A1)"
    "'=SUM(A1)"  -> written "''=SUM(A1)"  -> read "'=SUM(A1)"
    "'quoted"    -> written "'quoted"     -> read "'quoted"   (no formula character follows)
"""

from __future__ import annotations

import re

FORMULA_STARTS = "=+-@\t\r"

# Text that a reader would see as formula-like, possibly behind apostrophes already.
_NEEDS_GUARD = re.compile(r"'*[" + re.escape(FORMULA_STARTS) + "]")
_GUARDED = re.compile(r"'+[" + re.escape(FORMULA_STARTS) + "]")


def neutralise(text: str) -> str:
    """Return `text` safe to put in a spreadsheet cell."""
    return "'" + text if _NEEDS_GUARD.match(text) else text


def restore(text: str) -> str:
    """Undo `neutralise`: drop the one apostrophe a writer put in front of formula-like text."""
    return text[1:] if _GUARDED.match(text) else text
