""" "Did you mean ...?": the closest known name to a mistyped one, the same way everywhere.

Case is ignored when comparing (`fra` finds `FRA`); a name closer than `CUTOFF` by
difflib's ratio is suggested, or none at all. Messages say `(did you mean 'x'?)`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6


def closest(name: str, known: Iterable[str], *, cutoff: float = CUTOFF) -> str | None:
    """The known name closest to `name`, ignoring case, or None if none is close enough."""
    by_folded = {candidate.casefold(): candidate for candidate in sorted(known)}
    folded = name.casefold()
    if folded in by_folded:
        return by_folded[folded]
    matches = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=cutoff)
    return by_folded[matches[0]] if matches else None


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest known name, or the empty text."""
    suggestion = closest(name, known)
    return f" (did you mean {suggestion!r}?)" if suggestion else ""
