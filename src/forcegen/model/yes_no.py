"""Yes/no words: one list for files, settings and driver switches.

A cell, an environment variable or `--set us.isr=...` may say true/false, yes/no, y/n,
on/off or 1/0, in any case; anything else is not a yes/no answer and is refused, never read
as no.
"""

from __future__ import annotations

YES_WORDS = frozenset({"true", "yes", "y", "on", "1"})
NO_WORDS = frozenset({"false", "no", "n", "off", "0"})


def yes_no(text: str) -> bool | None:
    """True or False for a yes/no word, None for any other text."""
    word = text.strip().casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return None
