"""How often the garbage collector stops a server process: rarely.

CPython frees most objects as soon as they are unused; its collector only looks for cycles,
and a full collection walks every object the process holds. A server process keeps a lot
(the catalog, the templates, the response versions it has read, cached results), so under
a deadline day's load full collections came several times a minute and stopped the process
for 100-350 ms each, every request in it waiting: they made most of the slowest hundredth of
requests. Objects alive once the process has started are moved out of the collector's sight
(`gc.freeze`), and the collections that look at young objects only, where a request's cycles
die, run a little less often (every 50,000 allocations instead of 700) and the full ones
much less often. Cycles that live long are still collected, by the rarer full collections.
"""

from __future__ import annotations

import gc

YOUNG_ALLOCATIONS = 50_000  # net allocations between collections of the youngest objects
MIDDLE_EVERY = 20  # young collections per collection of the middle generation
FULL_EVERY = 100  # middle collections per full collection


def collect_rarely() -> None:
    """Collect once, freeze what is alive (modules, catalog, templates), collect less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_ALLOCATIONS, MIDDLE_EVERY, FULL_EVERY)
