"""Amounts as they were stated: exact, about, at least, up to, a range, or unknown.

A government that says "up to 7,500" has not pledged 7,500, and one that sends "a company"
has not pledged zero. An `Amount` keeps what was said as `low`/`high` bounds and a `central`
value where one was stated:

    text                   stated     low    central  high
    7,500                  exact      7500   7500     7500
    about 150              about      150    150      150
    about 150 (50-250)     about      50     150      250
    at least 5,000         at_least   5000   -        -      (open above)
    up to 7,500            up_to      -      -        7500
    5,000-8,000            range      5000   -        8000
    6,000 (5,000-8,000)    range      5000   6000     8000
    unknown                unknown    -      -        -

`amount_parse.parse_count`/`parse_money` read these texts; `Amount.text` writes them for people and
`Amount.file_text` for files. The plain arithmetic of an assessment never takes a bound for a
point: it works on amounts `fixed` at one end of every stated range, and an unknown amount is
counted nowhere but listed as unquantified.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Generic, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forcegen.model.number import format_number, group_digits

N = TypeVar("N", int, float)


class Stated(StrEnum):
    """How an amount was stated."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    UP_TO = "up_to"
    RANGE = "range"
    UNKNOWN = "unknown"


class Bound(StrEnum):
    """Which end of every stated range an assessment counts."""

    LOW = "low"
    CENTRAL = "central"
    HIGH = "high"


class Amount(BaseModel, Generic[N]):
    """One stated quantity (see the module doc); values are never negative."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stated: Stated
    low: N | None = Field(default=None, ge=0)
    central: N | None = Field(default=None, ge=0)
    high: N | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _fits_how_stated(self) -> Self:
        message = _shape_problem(self.stated, self.low, self.central, self.high)
        if message:
            raise ValueError(message)
        return self

    def __eq__(self, other: object) -> bool:
        """An exact amount equals its number (`Count.exact(7500) == 7500`); any other amount
        equals only the same statement."""
        if isinstance(other, int | float) and not isinstance(other, bool):
            return self.stated is Stated.EXACT and self.low == other
        return super().__eq__(other)

    def __hash__(self) -> int:
        if self.stated is Stated.EXACT and self.low is not None:
            return hash(self.low)
        return hash((self.stated, self.low, self.central, self.high))

    @classmethod
    def exact(cls, value: N) -> Self:
        return cls(stated=Stated.EXACT, low=value, central=value, high=value)

    @classmethod
    def unknown(cls) -> Self:
        return cls(stated=Stated.UNKNOWN)

    @property
    def is_quantified(self) -> bool:
        return self.stated is not Stated.UNKNOWN

    @property
    def is_open_above(self) -> bool:
        """Whether the statement sets no upper bound ("at least 5,000")."""
        return self.stated is Stated.AT_LEAST

    @property
    def figure(self) -> N:
        """The one figure of an amount that is one (exact, or "about N" without a range),
        for the arithmetic on amounts fixed at a bound.

        Raises:
            ValueError: the amount is a range, a bound or unknown; fix it at a bound first.
        """
        if self.low is None or self.low != self.high:
            raise ValueError(f"{self.text!r} is not one figure; fix it at a bound first")
        return self.low

    def at(self, bound: Bound) -> N | None:
        """The value stated at `bound` (None where the statement sets none)."""
        if bound is Bound.LOW:  # not a dict built per call: asked ~100,000 times an assessment
            return self.low
        return self.high if bound is Bound.HIGH else self.central

    def counted(self, bound: Bound) -> N | None:
        """What the plain arithmetic counts at `bound`: the value stated there; at the high
        end of an open statement ("at least 5,000") its low end; at the low end of "up to
        7,500", zero. None for an unknown amount and for a central value nobody stated."""
        if self.stated is Stated.UNKNOWN:
            return None
        value = self.at(bound)
        if value is None and bound is Bound.HIGH:
            value = self.low
        if value is None and bound is Bound.LOW:
            return 0
        return value

    def fixed(self, bound: Bound) -> Self:
        """This amount as the exact figure counted at `bound`; zero where nothing is counted
        (an unknown amount, a central value nobody stated), so callers list those apart."""
        value = self.counted(bound)
        return self.exact(value if value is not None else 0)

    @property
    def text(self) -> str:
        """The statement for people, e.g. "up to 7,500" or "about 150 (50–250)"."""
        return _text(self, group_digits, "–")

    @property
    def file_text(self) -> str:
        """The statement for files, digits without separators: "up to 7500"."""
        return _text(self, format_number, "-")


Count = Amount[int]
Money = Amount[float]
A = TypeVar("A", Count, Money)


def total(amounts: Iterable[Amount[N]], zero: N) -> Amount[N]:
    """The sum of the quantified amounts (unknown ones are left out: callers list them).

    Low ends add up; high ends add up unless one is open ("at least"), which leaves the sum
    open; the central value exists only if every amount states one. The sum is exact when
    every amount is, "about" when each is exact or about, otherwise a range.
    """
    # One pass over the amounts (totals of hundreds of pledges are taken many times an
    # assessment), adding in their order from `zero` as `sum` would.
    low, high, central = zero, zero, zero
    has_high = has_central = True
    kinds: set[Stated] = set()
    kind: type[Amount[N]] | None = None
    for amount in amounts:
        if amount.stated is Stated.UNKNOWN:
            continue
        kind = kind or type(amount)
        kinds.add(amount.stated)
        low += amount.low or zero  # what `counted(Bound.LOW)` counts: nothing below "up to"
        if amount.high is None:
            has_high = False
        elif has_high:
            high += amount.high
        if amount.central is None:
            has_central = False
        elif has_central:
            central += amount.central
    made: type[Amount[N]] = kind or (Count if isinstance(zero, int) else Money)  # type: ignore[assignment]
    if not has_high:
        return made(stated=Stated.AT_LEAST, low=low)
    if kinds <= {Stated.EXACT}:
        return made.exact(low)
    stated = Stated.ABOUT if kinds <= {Stated.EXACT, Stated.ABOUT} else Stated.RANGE
    return made(stated=stated, low=low, central=central if has_central else None, high=high)


def scaled(amount: Amount[N], factor: float) -> Money:
    """The amount times `factor`, as a float amount stated the same way (ratios, pools)."""
    # Each value by name, not by iterating `Bound`: burden sharing scales hundreds of amounts.
    low, central, high = amount.low, amount.central, amount.high
    return Money(
        stated=amount.stated,
        low=low * factor if low is not None else None,
        central=central * factor if central is not None else None,
        high=high * factor if high is not None else None,
    )


# Which of (low, central, high) each statement gives, and what to say otherwise. A constant,
# not a dict built per call: every amount made is checked against it.
_EXPECTED_VALUES = {
    Stated.EXACT: ((True, True, True), "an exact amount has one value"),
    Stated.ABOUT: ((True, True, True), "'about' needs its central, low and high values"),
    Stated.AT_LEAST: ((True, False, False), "'at least' has a low value only"),
    Stated.UP_TO: ((False, False, True), "'up to' has a high value only"),
    Stated.UNKNOWN: ((False, False, False), "an unknown amount has no values"),
}


def _shape_problem(
    stated: Stated, low: float | None, central: float | None, high: float | None
) -> str:
    given = (low is not None, central is not None, high is not None)
    expected = _EXPECTED_VALUES.get(stated)
    if expected is not None and given != expected[0]:
        return expected[1]
    if stated is Stated.RANGE and not (given[0] and given[2]):
        return "a range needs its low and high values"
    if stated is Stated.EXACT and not low == central == high:
        return "an exact amount has one value"
    if low is not None and high is not None and low > high:
        return f"the low end {format_number(low)} is above the high end {format_number(high)}"
    if central is not None and not (low or 0) <= central <= (high or central):
        return f"the central value {format_number(central)} is outside its range"
    return ""


def _text(amount: Amount[N], show: Callable[[float], str], dash: str) -> str:
    low, central, high = amount.low, amount.central, amount.high
    if amount.stated is Stated.UNKNOWN or (low is None and high is None):
        return "unknown"
    if amount.stated is Stated.AT_LEAST:
        return f"at least {show(low or 0)}"
    if amount.stated is Stated.UP_TO:
        return f"up to {show(high or 0)}"
    spread = f"{show(low or 0)}{dash}{show(high or 0)}"
    if amount.stated is Stated.EXACT:
        return show(central or 0)
    if amount.stated is Stated.ABOUT:
        return f"about {show(central or 0)}" + ("" if low == high else f" ({spread})")
    return spread if central is None else f"{show(central)} ({spread})"
