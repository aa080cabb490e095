"""The sampling model: pledges compiled once into what each Monte Carlo chunk draws and adds.

Every force pledge at or above the level floor becomes a `Draw`: the probability that it is
honoured (from the honouring ladder, or 1), the range its personnel and platforms are drawn
from (uniformly, whole numbers from the low to the high end of what was stated; a point when
stated as one), and where it adds them: an accumulator shared by every pledge that feeds the
same quantities (`classes`), the troops of its contributor when a condition tests them, and
its contributor's presence in its capability when a condition counts contributors there.

Pledges whose conditions test only drivers are summed directly; the others form the same
reciprocal system the kernel solves (`_kernel.reciprocity`), fed per sample.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from forcegen.analysis._kernel.layout import reciprocal_system
from forcegen.analysis._kernel.pledge_plan import PledgePlan, plan_pledges
from forcegen.analysis._kernel.reciprocity import Group, ReciprocalSystem
from forcegen.analysis.odds import DriverOdds
from forcegen.analysis.quantity import TOTAL_PERSONNEL, MetCriterion, Quantity, line_quantities
from forcegen.analysis.quantity import met_tests as tests_of
from forcegen.conditions import Expr, Function, drivers_of, thresholds_of
from forcegen.model.amount import Bound, Count
from forcegen.model.odds import HonouringLadder
from forcegen.model.pledge import Level, Pledge, PledgeKind
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario

Span = tuple[int, int]  # (low, high), whole numbers


@dataclass(frozen=True, slots=True)
class Draw:
    """One pledge as sampled: honoured with probability `honour`, its personnel and platforms
    drawn from their spans, added to accumulator classes (None: to nothing)."""

    contributor: str
    honour: float
    personnel: Span
    platforms: Span
    personnel_class: int | None
    platforms_class: int | None
    troops_of: str | None  # its contributor, when troops(contributor) is tested
    presence: tuple[str, str] | None  # (contributor, capability) when contributors() counts


@dataclass(frozen=True, slots=True)
class ProfileTests:
    """A requirement profile's tests: (quantity, minimum) for "met", and per line its key
    with its employable personnel and platforms tests."""

    key: str
    met: tuple[tuple[Quantity, int], ...]
    lines: tuple[tuple[str, tuple[tuple[Quantity, int], ...]], ...]


@dataclass(frozen=True)
class SamplingModel:
    """Everything a chunk needs; it holds only values, so it can travel to Dask workers."""

    odds: DriverOdds  # only the uncertain drivers that conditions name
    direct: tuple[tuple[Expr, Draw], ...]
    reciprocal: ReciprocalSystem
    reciprocal_draws: tuple[Draw, ...]  # in the order of `reciprocal.exprs`
    classes: tuple[tuple[Quantity, ...], ...]  # per accumulator class, the quantities it feeds
    quantities: tuple[Quantity, ...]
    profiles: tuple[ProfileTests, ...]
    groups: Mapping[Group, tuple[str, str]]  # reciprocal group -> (contributor, capability)
    bounds: Mapping[str, int]  # per class key "p<i>"/"l<i>" and troops, the largest sum

    @property
    def drivers(self) -> tuple[str, ...]:
        return self.odds.uncertain


def sampling_model(
    pledges: Sequence[Pledge],
    requirements: Sequence[Requirement],
    scenario: Scenario,
    odds: DriverOdds,
    *,
    ladder: HonouringLadder | None,
    level_floor: Level = Level.REPORTED,
    criterion: MetCriterion = MetCriterion.ALL_LINES,
    conditions: Mapping[str, Expr] | None = None,
    bound: Bound | None = None,
) -> SamplingModel:
    """Compile `pledges` for sampling: honoured as `ladder` says (None: always), amounts
    drawn within their stated ranges (or fixed at `bound`, when given).

    Raises:
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    highs = [p.fixed(Bound.HIGH) for p in pledges]
    plan = plan_pledges(highs, odds.fixing(scenario), odds.uncertain, level_floor, conditions)
    named = set().union(*(drivers_of(e) for e in plan.exprs.values()))
    stated = {p.id: p if bound is None else p.fixed(bound) for p in pledges}
    profiles = tuple(_tests(r, criterion) for r in requirements)
    quantities = _quantities(profiles)
    troops_tested, counted = _tested(plan)
    classes: dict[tuple[tuple[Quantity, ...], str], int] = {}
    shapes: dict[tuple[PledgeKind, str | None, frozenset[str], str], tuple[Quantity, ...]] = {}

    def fed(pledge: Pledge, name: str, span: Span) -> tuple[Quantity, ...]:
        """The quantities that add up the pledge's `name`, whose `span` it is (the same for
        every pledge of its kind, capability and caveats)."""
        if span[1] == 0:
            return ()
        shape = (pledge.kind, pledge.capability, pledge.caveats, name)
        if shape not in shapes:
            shapes[shape] = tuple(q for q in quantities if _adds(q, pledge, name))
        return shapes[shape]

    def draw(pledge: Pledge) -> Draw:
        source = stated[pledge.id]
        spans = {"personnel": _span(source.personnel), "platforms": _span(source.platforms)}
        index = {}
        for name, span in spans.items():
            quantities_fed = fed(source, name, span)
            index[name] = (
                classes.setdefault((quantities_fed, name), len(classes)) if quantities_fed else None
            )
        return Draw(
            contributor=pledge.contributor,
            honour=1.0 if ladder is None else ladder.probability(pledge.level),
            personnel=spans["personnel"],
            platforms=spans["platforms"],
            personnel_class=index["personnel"],
            platforms_class=index["platforms"],
            troops_of=pledge.contributor
            if pledge.kind is PledgeKind.TROOPS and pledge.contributor in troops_tested
            else None,
            presence=(pledge.contributor, pledge.capability or "")
            if pledge.capability in counted
            else None,
        )

    direct = tuple((plan.exprs[p.id], draw(p)) for p in plan.direct)
    reciprocal_draws = tuple(draw(p) for p in plan.reciprocal)
    system = reciprocal_system(plan, {}, {})
    return SamplingModel(
        odds=_named_odds(odds, named),
        direct=direct,
        reciprocal=system,
        reciprocal_draws=reciprocal_draws,
        classes=tuple(fed for (fed, _), _ in sorted(classes.items(), key=lambda kv: kv[1])),
        quantities=quantities,
        profiles=profiles,
        groups=_group_owners(plan, system),
        bounds=_bounds(direct, reciprocal_draws, len(classes)),
    )


def _adds(quantity: Quantity, pledge: Pledge, name: str) -> bool:
    """Whether `quantity` adds up the pledge's `name` (personnel or platforms)."""
    is_platforms = name == "platforms"
    return quantity.amount_of(pledge) is not None and quantity.counts_platforms is is_platforms


def _span(amount: Count) -> Span:
    """Whole numbers from the low to the high end counted (unknown: nothing)."""
    return (amount.counted(Bound.LOW) or 0, amount.counted(Bound.HIGH) or 0)


def _tests(requirement: Requirement, criterion: MetCriterion) -> ProfileTests:
    lines = []
    for line in requirement.lines:
        personnel, platforms = line_quantities(line)
        lines.append((line.key, ((personnel, line.personnel), (platforms, line.platforms))))
    return ProfileTests(requirement.key, tests_of(requirement, criterion), tuple(lines))


def _quantities(profiles: tuple[ProfileTests, ...]) -> tuple[Quantity, ...]:
    found = [TOTAL_PERSONNEL]
    for profile in profiles:
        for quantity, _ in (*profile.met, *(t for _, tests in profile.lines for t in tests)):
            if quantity not in found:
                found.append(quantity)
    return tuple(found)


def _tested(plan: PledgePlan) -> tuple[set[str], set[str]]:
    """The participants whose troops and the capabilities whose contributors are tested."""
    found = [t for p in plan.reciprocal for t in thresholds_of(plan.exprs[p.id])]
    troops = {t.argument for t in found if t.function is Function.TROOPS}
    return troops, {t.argument for t in found if t.function is Function.CONTRIBUTORS}


def _named_odds(odds: DriverOdds, named: set[str]) -> DriverOdds:
    """The odds of the uncertain drivers some condition names (the others change nothing)."""
    return DriverOdds(
        {d: p for d, p in odds.independent.items() if d in named and 0.0 < p < 1.0},
        tuple(g for g in odds.joint if named & set(g.drivers)),
    )


def _group_owners(plan: PledgePlan, system: ReciprocalSystem) -> dict[Group, tuple[str, str]]:
    owners = {}
    for capability, term in system.contributors.items():
        for group in term.groups:
            owners[group] = (plan.reciprocal[group.members[0]].contributor, capability)
    return owners


def _bounds(
    direct: tuple[tuple[Expr, Draw], ...], reciprocal: tuple[Draw, ...], classes: int
) -> dict[str, int]:
    """The largest sum each accumulator can reach (to choose its integer type)."""
    bounds = {f"class{i}": 0 for i in range(classes)}
    for draw in (*(d for _, d in direct), *reciprocal):
        if draw.personnel_class is not None:
            bounds[f"class{draw.personnel_class}"] += draw.personnel[1]
        if draw.platforms_class is not None:
            bounds[f"class{draw.platforms_class}"] += draw.platforms[1]
        if draw.troops_of is not None:
            key = f"troops:{draw.troops_of}"
            bounds[key] = bounds.get(key, 0) + draw.personnel[1]
    return bounds
