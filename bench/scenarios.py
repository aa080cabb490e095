"""Benchmark: every combination of 20 drivers over a synthetic coalition, kernel vs reference.

A seeded synthetic coalition (40 contributors, 1,000 pledges, 10 capabilities, K = 20 drivers,
conditions of up to three drivers, 10% reciprocity conditions) is assessed on all 2^20
combinations: coverage per combination (total, every capability, every requirement line) at
both fixpoints, the minimal sets and each driver's leverage, starting from the pledges'
condition texts. Reciprocity conditions name the eight largest contributors or a capability,
with thresholds drawn inside the range the pledges can reach, so they are really in doubt.

The kernel runs three times; every run is printed (the first pays for cold memory) and the
median is reported. The reference implementation is timed on a random sample of 300
combinations at both fixpoints in the same run, in batches whose median time per combination
is scaled to all of them (a burst of load on a shared machine moves one batch, not the
ratio), and must agree with the kernel on every quantity of every sampled combination. The
last line has the form

    scenarios: <seconds> s for <n> scenarios, <ratio>x vs reference, peak <MiB> MiB

Run with `make bench` (or `.venv/bin/python bench/scenarios.py`). The data is synthetic and
says nothing about any real government.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import time
from typing import Any

import numpy as np

from forcegen.analysis import (
    CombinationResult,
    Fixpoint,
    MetCriterion,
    ReferenceRow,
    compile_combinations,
    reference_combinations,
)
from forcegen.model.pledge import Level, Pledge, PledgeKind
from forcegen.model.requirement import Requirement, RequirementLine
from forcegen.model.scenario import Scenario

CONTRIBUTORS = 40
PLEDGES = 1_000
CAPABILITIES = (
    "land.combat",
    "land.training",
    "land.engineering",
    "air.policing",
    "air.defence",
    "isr",
    "logistics",
    "medical",
    "c2",
    "maritime.mcm",
)
DRIVERS = (
    "us.air_cover",
    "us.air_defence",
    "us.isr",
    "us.logistics",
    "us.c2",
    "us.backstop",
    "us.ground_troops",
    "ceasefire",
    "peace_agreement",
    "un_mandate",
    "russia_consent",
    *(f"parliament.S{i:02d}" for i in range(1, 10)),
)
RECIPROCAL_SHARE = 0.10
LEAD_NATIONS = 8  # reciprocity conditions name the largest contributors, as in the seeds
SAMPLE = 300  # combinations assessed by the reference implementation
BATCHES = 6  # the reference is timed per batch; the median batch is scaled
RUNS = 3


def synthetic_coalition(seed: int) -> tuple[list[Pledge], Requirement]:
    """1,000 pledges by 40 synthetic contributors (S01..S40), and a 40,000 requirement."""
    rng = random.Random(seed)
    codes = [f"S{i:02d}" for i in range(1, CONTRIBUTORS + 1)]
    sizes = [1.0 / (rank + 1) ** 0.8 for rank in range(CONTRIBUTORS)]  # a few large states
    drafts: list[dict[str, Any]] = []
    for number in range(PLEDGES):
        is_enabler = rng.random() < 0.3
        drafts.append(
            {
                "id": f"P{number:04d}",
                "contributor": rng.choices(codes, weights=sizes)[0],
                "kind": PledgeKind.ENABLER if is_enabler else PledgeKind.TROOPS,
                "capability": rng.choice(CAPABILITIES),
                "personnel": rng.randint(10, 40) if is_enabler else rng.randint(15, 175),
                "platforms": rng.randint(1, 6) if is_enabler else 0,
                "caveats": frozenset({"no_contact_line"} if rng.random() < 0.15 else ()),
                "level": rng.choice(list(Level)),
            }
        )
    reciprocity = _Reciprocity(drafts, codes[:LEAD_NATIONS])
    leads = set(codes[:LEAD_NATIONS])  # reciprocity is mostly among the lead nations
    weights = [4.0 if d["contributor"] in leads else 1.0 for d in drafts]
    reciprocal: set[int] = set()
    while len(reciprocal) < round(RECIPROCAL_SHARE * PLEDGES):
        reciprocal.add(rng.choices(range(PLEDGES), weights=weights)[0])
    pledges = [
        Pledge(
            **draft,
            condition=(
                reciprocity.condition(rng, str(draft["contributor"]))
                if number in reciprocal
                else _drivers(rng)
                if rng.random() < 0.85
                else ""
            ),
        )
        for number, draft in enumerate(drafts)
    ]
    return pledges, _requirement()


class _Reciprocity:
    """What reciprocity conditions can name, with thresholds that are actually in doubt."""

    def __init__(self, drafts: list[dict[str, Any]], leads: list[str]) -> None:
        self.troops = dict.fromkeys(leads, 0)
        members: dict[str, set[str]] = {c: set() for c in CAPABILITIES}
        for draft in drafts:
            if draft["kind"] is PledgeKind.TROOPS and draft["contributor"] in self.troops:
                self.troops[draft["contributor"]] += draft["personnel"]
            members[draft["capability"]].add(draft["contributor"])
        self.contributors = {c: len(who) for c, who in members.items()}

    def condition(self, rng: random.Random, contributor: str) -> str:
        """A threshold on another lead nation or on a capability, half the time with drivers."""
        threshold = self._threshold(rng, contributor)
        drivers = _drivers(rng) if rng.random() < 0.5 else ""
        return f"{threshold} and ({drivers})" if drivers else threshold

    def _threshold(self, rng: random.Random, contributor: str) -> str:
        if rng.random() < 0.7:  # "if France sends at least 5,000"
            code = rng.choice(sorted(set(self.troops) - {contributor}))
            share = rng.uniform(0.2, 0.7)
            return f"troops({code}) >= {max(100, int(round(share * self.troops[code], -2)))}"
        capability = rng.choice(CAPABILITIES)  # "if at least ten others go"
        share = rng.uniform(0.3, 0.8)
        return (
            f"contributors({capability}) >= {max(2, round(share * self.contributors[capability]))}"
        )


def _drivers(rng: random.Random) -> str:
    names = rng.sample(DRIVERS, rng.randint(1, 3))
    atoms = [f"not {n}" if rng.random() < 0.1 else n for n in names]
    text = atoms[0]
    for atom in atoms[1:]:
        text = f"({text}) {rng.choice(('and', 'or'))} {atom}"
    return text


def _requirement() -> Requirement:
    lines = tuple(
        RequirementLine(
            key=capability.replace(".", "_"),
            label=capability,
            capability=capability,
            personnel=3_000 if capability == "land.combat" else 2_500,
            platforms=60 if capability in ("air.defence", "air.policing") else 0,
            excluded_caveats=frozenset({"no_contact_line"} if capability == "land.combat" else ()),
        )
        for capability in CAPABILITIES
    )
    return Requirement(
        key="synthetic-40k",
        name="Synthetic 40,000",
        total_personnel=40_000,
        lines=lines,
        source="synthetic benchmark requirement",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--sample", type=int, default=SAMPLE, help="combinations for the reference")
    parser.add_argument(
        "--runs", type=int, default=RUNS, help="kernel runs; the median is reported"
    )
    args = parser.parse_args()
    pledges, requirement = synthetic_coalition(args.seed)
    base = Scenario(key="base", name="Synthetic base")

    walls, cpus = [], []
    for _ in range(args.runs):
        wall, cpu, results = _kernel_run(pledges, requirement, base)
        walls.append(wall)
        cpus.append(cpu)
    n = results[Fixpoint.GREATEST].size
    kernel_seconds = statistics.median(walls)

    sample = random.Random(args.seed).sample(range(n), args.sample)
    rows, per_combination = _reference_run(pledges, requirement, base, sample)
    reference_seconds = per_combination * n
    _check(results, rows)

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for fixpoint, result in results.items():
        minimal = result.minimal_sets()
        top = sorted(result.leverage().items(), key=lambda item: -item[1])[:3]
        print(
            f"{fixpoint} fixpoint: {int(result.met.sum()):,} of {n:,} combinations meet the "
            f"requirement; {len(minimal):,} minimal driver sets, smallest {minimal[0]}"
        )
        print("  top leverage: " + ", ".join(f"{d} +{v:,.0f}" for d, v in top))
    gap = results[Fixpoint.GREATEST].total() - results[Fixpoint.LEAST].total()
    print(f"coordination gap: {np.count_nonzero(gap):,} combinations, mean {gap.mean():,.1f}")
    print(
        f"kernel runs (wall s): {', '.join(f'{w:.2f}' for w in walls)}; "
        f"CPU s: {', '.join(f'{c:.2f}' for c in cpus)}; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"reference: {reference_seconds:,.0f} s estimated for {n:,} combinations "
        f"({args.sample} timed at both fixpoints in {BATCHES} batches, median batch; "
        "kernel agrees on all of them)"
    )
    ratio = reference_seconds / kernel_seconds
    print(
        f"scenarios: {kernel_seconds:.2f} s for {n} scenarios, {ratio:.0f}x vs reference, "
        f"peak {peak_mib:.0f} MiB"
    )


def _kernel_run(
    pledges: list[Pledge], requirement: Requirement, base: Scenario
) -> tuple[float, float, dict[Fixpoint, CombinationResult]]:
    """Everything from the pledge texts: parse, compile, both fixpoints, minimal sets, leverage."""
    wall, cpu = time.perf_counter(), time.process_time()
    kernel = compile_combinations(pledges, requirement, base, DRIVERS)
    results = dict(zip(Fixpoint, kernel.assess_both(MetCriterion.ALL_LINES), strict=True))
    for result in results.values():
        result.minimal_sets()
        result.leverage()
    return time.perf_counter() - wall, time.process_time() - cpu, results


def _reference_run(
    pledges: list[Pledge], requirement: Requirement, base: Scenario, sample: list[int]
) -> tuple[dict[Fixpoint, list[ReferenceRow]], float]:
    """The reference's rows at both fixpoints, and its median seconds per combination over
    `BATCHES` batches of the sample."""
    rows: dict[Fixpoint, list[ReferenceRow]] = {f: [] for f in Fixpoint}
    rates = []
    for batch in np.array_split(np.array(sample), BATCHES):
        start = time.perf_counter()
        for fixpoint in Fixpoint:
            rows[fixpoint] += reference_combinations(
                pledges, requirement, base, DRIVERS, batch.tolist(), fixpoint=fixpoint
            )
        rates.append((time.perf_counter() - start) / max(1, batch.size))
    return rows, statistics.median(rates)


def _check(
    results: dict[Fixpoint, CombinationResult], rows: dict[Fixpoint, list[ReferenceRow]]
) -> None:
    for fixpoint, result in results.items():
        for row in rows[fixpoint]:
            kernel = {q: int(result.total(q)[row.combination]) for q in row.totals}
            if kernel != row.totals or bool(result.met[row.combination]) != row.is_met:
                raise SystemExit(f"kernel and reference disagree on combination {row.combination}")


if __name__ == "__main__":
    main()
