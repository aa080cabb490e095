"""Pledges: one contribution each, with its level, condition, caveats and source."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, NewType, Self

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from forcegen.model.amount import Bound, Count, Money
from forcegen.model.amount_parse import parse_count, parse_money
from forcegen.model.number import InvalidNumberError
from forcegen.model.text import CleanText, RecordId, check_record_id

PledgeId = NewType("PledgeId", str)


class Level(StrEnum):
    """How firm a pledge is, from weakest to firmest."""

    REPORTED = "reported"  # reported in a public source
    STATED = "stated"  # answered in a questionnaire round
    OFFERED = "offered"  # formally offered
    COMMITTED = "committed"  # approved, e.g. by parliament
    ALLOCATED = "allocated"  # units named
    DEPLOYED = "deployed"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]  # a dict, not list.index: asked thousands of times an assessment

    def at_least(self, floor: Level) -> bool:
        return self.rank >= floor.rank


_LEVEL_RANK = {level: rank for rank, level in enumerate(Level)}


class PledgeKind(StrEnum):
    TROOPS = "troops"  # personnel deployed in a capability (counts towards force totals)
    ENABLER = "enabler"  # platforms or systems (aircraft, ships, air defence batteries)
    EQUIPMENT = "equipment"  # equipment or maintenance for Ukraine's armed forces
    FUNDING = "funding"  # money, in EUR
    SANCTIONS_MEASURE = "sanctions_measure"
    RESPONSE_COMMITMENT = "response_commitment"  # what one would do if the force is attacked


def _stated(parse: Any) -> Any:
    """Read an amount given as a number (exact) or as text ("up to 7,500")."""

    def coerce(value: object) -> object:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return {"stated": "exact", "low": value, "central": value, "high": value}
        if isinstance(value, str):
            try:
                return parse(value)
            except InvalidNumberError as err:
                raise ValueError(err.message) from None
        return value

    return BeforeValidator(coerce)


StatedCount = Annotated[Count, _stated(parse_count)]
StatedMoney = Annotated[Money, _stated(parse_money)]
_ZERO = Count.exact(0)


class Pledge(BaseModel):
    """One contribution by one participant.

    A pledge is either `sustained` (kept up for the whole mission, rotated) or held for
    `duration_months` starting at `start_month` (0 = at deployment; a lead time may be stated
    as a range, "9-12", or be unknown). `condition` is text in the condition language; the
    empty text means unconditional.

    Quantities are `Amount`s, kept as they were stated ("up to 7,500", "about 150", unknown);
    numbers and such texts are accepted. Left out, a force pledge's personnel is unknown (a
    company, a ship's crew nobody reported), as are an enabler's platforms and a funding
    pledge's value; a troop pledge has no platforms unless it says so.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    # What `fixed` and `is_same_at_both_ends` worked out, kept outside the fields: copies
    # (model_copy included, so an updated copy never inherits a stale answer), equality and
    # dumps ignore it.
    __slots__ = ("_fixed_ends", "_same_at_both_ends")

    id: Annotated[PledgeId, AfterValidator(check_record_id)]
    contributor: str = Field(min_length=2, max_length=8)
    kind: PledgeKind
    capability: str | None = None
    personnel: StatedCount = _ZERO
    platforms: StatedCount = _ZERO
    value_eur: StatedMoney | None = None
    quantity: StatedCount | None = None  # items of equipment, for non-force pledges
    item: CleanText = ""
    sustained: bool = True
    duration_months: int | None = Field(default=None, ge=1, le=600)
    start_month: StatedCount = _ZERO
    caveats: frozenset[str] = frozenset()
    condition: CleanText = ""
    level: Level = Level.STATED
    source_ids: tuple[RecordId, ...] = ()
    note: CleanText = ""

    def fixed(self, bound: Bound) -> Pledge:
        """This pledge with every amount fixed at `bound` (see `Amount.fixed`): what the plain
        arithmetic of an assessment counts at the low or the high end of every stated range.

        The force is smallest when its lead time is longest: at the low end a pledge starts at
        the latest month stated (never, within any mission, when its lead time is unknown),
        at the high end at the earliest.

        A pledge is immutable, so each end is made once per pledge and kept with it: the
        analyses ask for the same end thousands of times in one assessment."""
        ends: dict[Bound, Pledge] | None = getattr(self, "_fixed_ends", None)
        if ends is None:
            ends = {}
            object.__setattr__(self, "_fixed_ends", ends)
        found = ends.get(bound)
        if found is None:
            found = ends[bound] = self._fixed_at(bound)
        return found

    def _fixed_at(self, bound: Bound) -> Pledge:
        start = self.start_month.counted(_LATEST_FIRST[bound])
        if start is None:
            start = LAST_MONTH if bound is Bound.LOW else 0
        return self.model_copy(
            update={
                "start_month": Count.exact(start),
                "personnel": self.personnel.fixed(bound),
                "platforms": self.platforms.fixed(bound),
                "value_eur": self.value_eur.fixed(bound) if self.value_eur else None,
                "quantity": self.quantity.fixed(bound) if self.quantity else None,
            }
        )

    @property
    def is_same_at_both_ends(self) -> bool:
        """Whether the low and the high end of every stated amount count the same."""
        same: bool | None = getattr(self, "_same_at_both_ends", None)
        if same is None:
            same = self.fixed(Bound.LOW) == self.fixed(Bound.HIGH)
            object.__setattr__(self, "_same_at_both_ends", same)
        return same

    @model_validator(mode="before")
    @classmethod
    def _unknown_unless_stated(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        kind = data.get("kind")
        missing = {
            name for name in ("personnel", "platforms", "value_eur") if data.get(name) is None
        }
        unknown = set()
        if kind in (PledgeKind.TROOPS, PledgeKind.ENABLER):
            unknown.add("personnel")
        if kind == PledgeKind.ENABLER:
            unknown.add("platforms")
        if kind == PledgeKind.FUNDING:
            unknown.add("value_eur")
        return {**data, **dict.fromkeys(missing & unknown, "unknown")}

    @model_validator(mode="after")
    def _sustained_or_limited(self) -> Self:
        if self.sustained and self.duration_months is not None:
            raise ValueError("a pledge is either sustained or for duration_months, not both")
        if not self.sustained and self.duration_months is None:
            raise ValueError("a pledge that is not sustained needs duration_months")
        # "We would take part", nothing said of what or how many: a troop pledge of unknown size.
        is_unspecified = self.kind is PledgeKind.TROOPS and not self.personnel.is_quantified
        is_force = self.kind in (PledgeKind.TROOPS, PledgeKind.ENABLER)
        if is_force and not self.capability and not is_unspecified:
            raise ValueError(f"a {self.kind} pledge needs a capability")
        for name, amount in (
            ("personnel", self.personnel),
            ("platforms", self.platforms),
            ("start_month", self.start_month),
        ):
            if (amount.low or 0) > _LIMITS[name] or (amount.high or 0) > _LIMITS[name]:
                raise ValueError(f"{name} {amount.text} is more than {_LIMITS[name]:,}")
        return self


LAST_MONTH = 600
_LIMITS = {"personnel": 10_000_000, "platforms": 1_000_000, "start_month": LAST_MONTH}
_LATEST_FIRST = {Bound.LOW: Bound.HIGH, Bound.CENTRAL: Bound.CENTRAL, Bound.HIGH: Bound.LOW}
