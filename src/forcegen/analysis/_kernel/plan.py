"""The plan of a sweep: who changes which aggregate, who tests which, and in what order.

Sweeping a pledge before the pledges that test what it changes lets one sweep carry a change
all the way through; cycles of conditions make a perfect order impossible, so a greedy
heuristic keeps the backward dependencies few, and each pledge notes whether its changes can
reach back to a pledge already evaluated in the same sweep.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from forcegen.conditions import Function, Threshold

if TYPE_CHECKING:
    from forcegen.analysis._kernel.residual import Node

Key = tuple[Function, str]
Memberships = list[tuple[list[tuple[Key, int]], list[tuple[Key, int]]]]
SweepPlan = tuple[Memberships, list[set[Key]], list[int], list[bool]]


def plan_sweep(
    nodes: list[Node],
    troops: Mapping[Key, Sequence[tuple[int, object]]],
    groups: Mapping[Key, Sequence[tuple[object, list[int]]]],
    rank: Sequence[int] | None = None,
) -> SweepPlan:
    """Memberships, tested aggregates, the order of the pledges, and who reaches back, for
    open pledges with residual conditions `nodes`, adding to `troops` (key -> (pledge,
    personnel)) and to `groups` (key -> (can_add, pledges)) as in `frame.Frame`.

    `rank`, when given, is each open pledge's place in an order already planned for a larger
    set of pledges (see `ReciprocalSystem.rank`): the open ones keep that order instead of
    being ordered again, which costs time in every chunk for an order that is only a
    heuristic. Who reaches back is worked out for the open pledges either way, since a
    sweep's correctness depends on it."""
    members_of = memberships(troops, groups, len(nodes))
    tests = [tested(node) for node in nodes]
    if rank is None:
        order = sweep_order(members_of, tests)
    else:
        order = sorted(range(len(nodes)), key=rank.__getitem__)
    return members_of, tests, order, reaches_back(order, members_of, tests)


def memberships(
    troops: Mapping[Key, Sequence[tuple[int, object]]],
    groups: Mapping[Key, Sequence[tuple[object, list[int]]]],
    count: int,
) -> list[tuple[list[tuple[Key, int]], list[tuple[Key, int]]]]:
    """Per open pledge: the troops it adds to (key, its position in `troops[key]`) and its
    groups (key, index)."""
    found: list[tuple[list[tuple[Key, int]], list[tuple[Key, int]]]] = [
        ([], []) for _ in range(count)
    ]
    for key, members in troops.items():
        for position, (t, _) in enumerate(members):
            found[t][0].append((key, position))
    for key, participants in groups.items():
        for g, (_, group) in enumerate(participants):
            for t in group:
                found[t][1].append((key, g))
    return found


def sweep_order(
    members_of: list[tuple[list[tuple[Key, int]], list[tuple[Key, int]]]],
    tests: list[set[Key]],
) -> list[int]:
    """An order of the open pledges in which, as far as cycles allow, a pledge comes before
    the pledges testing what it changes (greedy: sinks last, sources first, then the pledge
    with the most outgoing minus incoming dependencies)."""
    changes = [{key for key, _ in (*troops, *groups)} for troops, groups in members_of]
    after = {
        t: {u for u in range(len(tests)) if u != t and changes[t] & tests[u]}
        for t in range(len(tests))
    }
    before = {u: {t for t in after if u in after[t]} for u in after}
    first: list[int] = []
    last: list[int] = []
    left = set(after)
    while left:
        sinks = [t for t in left if not after[t] & left]
        sources = [t for t in left if not before[t] & left]
        if sinks or sources:
            last += sorted(set(sinks) - set(sources))
            first += sorted(sources)
            left -= set(sinks) | set(sources)
            continue
        best = max(sorted(left), key=lambda t: len(after[t] & left) - len(before[t] & left))
        first.append(best)
        left.remove(best)
    return first + last[::-1]


def reaches_back(
    order: list[int],
    members_of: list[tuple[list[tuple[Key, int]], list[tuple[Key, int]]]],
    tests: list[set[Key]],
) -> list[bool]:
    """Per pledge: whether what it changes is tested by a pledge at or before it in `order`,
    so that its changes can make an evaluation of this sweep stale."""
    position = {t: i for i, t in enumerate(order)}
    result = []
    for t, (troops, groups) in enumerate(members_of):
        changes = {key for key, _ in (*troops, *groups)}
        result.append(
            any(changes & tests[u] for u in range(len(tests)) if position[u] <= position[t])
        )
    return result


def tested(node: Node) -> set[Key]:
    """The aggregates a residual condition compares."""
    if isinstance(node, np.ndarray):
        return set()
    if isinstance(node, Threshold):
        return {(node.function, node.argument)}
    return set().union(*(tested(o) for o in node[1]))
