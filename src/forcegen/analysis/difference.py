"""Why two views of the same sources differ, pledge by pledge.

Two assessments — a round and the public record, or one pledge set under two scenarios —
are compared contribution by contribution: force pledges are paired by contributor and
capability (in order, when a contributor has several; a ship answered as a troop row in a
round pairs with the same ship recorded as a platform pledge), and every pair whose status or
amount differs gets one sentence:

    FRA 6,000 (land.combat): active in the public record, waits for US backstop in the round.
    GBR: up to 7,500 in the public record, 7,500 in the round; active in both.
    CHE 200: waits for Russia consents, UN mandate in both.          (not listed: no change)

The force totals of both views are given too, so the differences add up to a reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from forcegen.analysis.assessment import Assessment
from forcegen.analysis.quantity import FORCE_KINDS
from forcegen.model.amount import Count
from forcegen.model.pledge import Pledge

ABSENT = "not pledged"


@dataclass(frozen=True, slots=True)
class Standing:
    """One pledge in one view: its amount and whether it is active or what it waits for."""

    pledge_id: str
    personnel: Count
    status: str  # "active", "waits for ...", or "below the level floor"


@dataclass(frozen=True, slots=True)
class PledgeDifference:
    contributor: str
    capability: str
    left: Standing | None
    right: Standing | None
    sentence: str


@dataclass(frozen=True, slots=True)
class Differences:
    left_name: str
    right_name: str
    left_force: Count
    right_force: Count
    pledges: tuple[PledgeDifference, ...]

    @property
    def summary(self) -> str:
        """One sentence: both forces and how many contributions explain the difference."""
        if self.left_force == self.right_force and not self.pledges:
            return (
                f"The active force is {self.left_force.text} in {self.left_name} and in "
                f"{self.right_name}; no contribution differs."
            )
        count = len(self.pledges)
        return (
            f"The active force is {self.left_force.text} in {self.left_name} and "
            f"{self.right_force.text} in {self.right_name}; {count} "
            f"contribution{'' if count == 1 else 's'} differ{'s' if count == 1 else ''}."
        )


def explain_differences(
    left: Assessment,
    right: Assessment,
    *,
    left_name: str,
    right_name: str,
    driver_names: Mapping[str, str] | None = None,
) -> Differences:
    """Every contribution whose standing differs between the two assessments."""
    names = driver_names or {}
    pairs = _pairs(_force(left), _force(right))
    found = []
    for key, (mine, theirs) in sorted(pairs.items()):
        a, b = _standing(left, mine, names), _standing(right, theirs, names)
        if _same(a, b):
            continue
        found.append(
            PledgeDifference(
                contributor=key[0],
                capability=key[2],
                left=a,
                right=b,
                sentence=_sentence(key[0], key[2], a, b, left_name, right_name),
            )
        )
    return Differences(
        left_name=left_name,
        right_name=right_name,
        left_force=left.chosen.total.personnel,
        right_force=right.chosen.total.personnel,
        pledges=tuple(found),
    )


_Key = tuple[str, str, str, int]


def _force(a: Assessment) -> list[Pledge]:
    return [p for p in a.pledges if p.kind in FORCE_KINDS]


def _pairs(
    left: Sequence[Pledge], right: Sequence[Pledge]
) -> dict[_Key, tuple[Pledge | None, Pledge | None]]:
    def keyed(pledges: Sequence[Pledge]) -> dict[_Key, Pledge]:
        seen: dict[tuple[str, str, str], int] = {}
        found = {}
        for p in pledges:
            base = (p.contributor, "force", p.capability or "")  # a troop or platform pledge
            seen[base] = seen.get(base, 0) + 1
            found[(*base, seen[base])] = p
        return found

    mine, theirs = keyed(left), keyed(right)
    return {k: (mine.get(k), theirs.get(k)) for k in set(mine) | set(theirs)}


def _standing(a: Assessment, pledge: Pledge | None, names: Mapping[str, str]) -> Standing | None:
    if pledge is None:
        return None
    if pledge.id in a.chosen.active_pledge_ids:
        status = "active"
    else:
        blocked = next((b for b in a.blocked if b.pledge_id == pledge.id), None)
        waits = ", ".join(names.get(w, w) for w in blocked.waits_for) if blocked else ""
        status = f"waits for {waits or 'its condition'}" if blocked else "below the level floor"
    return Standing(pledge.id, pledge.personnel, status)


def _same(a: Standing | None, b: Standing | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.status == b.status and a.personnel == b.personnel


def _sentence(
    contributor: str,
    capability: str,
    a: Standing | None,
    b: Standing | None,
    left: str,
    right: str,
) -> str:
    where = f" ({capability})" if capability else ""
    if a is None and b is not None:
        return (
            f"{contributor} {b.personnel.text}{where}: {ABSENT} in {left}, {b.status} in {right}."
        )
    if b is None and a is not None:
        return (
            f"{contributor} {a.personnel.text}{where}: {a.status} in {left}, {ABSENT} in {right}."
        )
    if a is None or b is None:
        return f"{contributor}{where}: {ABSENT} in either."
    if a.personnel == b.personnel:
        return (
            f"{contributor} {a.personnel.text}{where}: {a.status} in {left}, {b.status} in {right}."
        )
    status = (
        f"{a.status} in both"
        if a.status == b.status
        else f"{a.status} in {left}, {b.status} in {right}"
    )
    return (
        f"{contributor}{where}: {a.personnel.text} in {left}, {b.personnel.text} in {right}; "
        f"{status}."
    )
