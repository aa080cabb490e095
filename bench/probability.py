"""Benchmark: exact and Monte Carlo probabilities and exact Shapley values on the synthetic
coalition of `bench/scenarios.py`.

- exact: P(met) per profile and line and the force distribution at both fixpoints over all
  2^20 combinations of the 20 drivers, each uncertain with a seeded probability from 0.1 to
  0.9, from the pledge texts (parse, compile, sweep, weigh);
- Monte Carlo: 10^6 samples of the same drivers with pledges honoured as the packaged
  honouring ladder says, with the standard error of P(met), from the pledge texts too;
- Shapley: exact Shapley-Shubik and Banzhaf values of the 40-player weighted game whose
  weights are the contributors' pledged personnel and whose quota is the 40,000 required.

Each is run three times and the median reported. As checks in the same run, Monte Carlo
without honouring must agree with the exact P(met) within 3 standard errors, and sampled
Shapley values with the exact ones within their intervals. The last line has the form

    probability: exact <s> s, monte carlo <s> s for <n> samples (se <x>), shapley <ms> ms

Run with `make bench` (or `.venv/bin/python bench/probability.py`). The data is synthetic and
says nothing about any real government.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from forcegen.analysis.exact_likelihood import exact_likelihood, exact_problem
from forcegen.analysis.monte_carlo import monte_carlo_likelihood, sampling_model
from forcegen.analysis.odds import DriverOdds
from forcegen.analysis.power import PowerIndices, sampled_power, weighted_power
from forcegen.catalog.catalog import load_catalog
from forcegen.model.amount import Bound
from forcegen.model.pledge import Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario
from scenarios import DRIVERS, synthetic_coalition

RUNS = 3
SAMPLES = 1_000_000
CHECK_SAMPLES = 200_000
T = TypeVar("T")


CPU: dict[str, list[float]] = {}  # CPU seconds of each run (all threads), by what was timed


def timed(run: Callable[[], T], runs: int, name: str = "") -> tuple[list[float], T]:
    """Wall seconds of each run, and the last result; CPU seconds go to `CPU[name]`."""
    walls = []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - start)
        CPU.setdefault(name, []).append(time.process_time() - cpu)
    return walls, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--samples", type=int, default=SAMPLES)
    args = parser.parse_args()
    pledges, requirement = synthetic_coalition(args.seed)
    rng = random.Random(args.seed)
    odds = DriverOdds({d: round(rng.uniform(0.1, 0.9), 2) for d in DRIVERS})
    base = Scenario(key="base", name="Synthetic base")
    ladder = load_catalog().honouring

    exact_walls, exact = timed(
        lambda: exact_likelihood(exact_problem(pledges, [requirement], base, odds)),
        args.runs,
        "exact",
    )
    mc_walls, sampled = timed(
        lambda: monte_carlo_likelihood(
            sampling_model(pledges, [requirement], base, odds, ladder=ladder),
            samples=args.samples,
            seed=args.seed,
        ),
        args.runs,
        "monte carlo",
    )
    weights = Counter[str]()
    for pledge in pledges:
        weights[pledge.contributor] += pledge.fixed(Bound.HIGH).personnel.figure
    power_walls, power = timed(lambda: weighted_power(dict(weights), 40_000), args.runs, "shapley")

    _check(pledges, requirement, base, odds, exact.greatest.met[requirement.key], weights, power)
    p = sampled.greatest.met[requirement.key]
    print(
        f"exact: P(met) {exact.greatest.met[requirement.key]:.4f} at the greatest fixpoint, "
        f"{exact.least.met[requirement.key]:.4f} at the least; median force "
        f"{exact.greatest.force.quantile(0.5):,}"
    )
    print(
        f"monte carlo with honouring: P(met) {p:.5f}, median force "
        f"{sampled.greatest.force.quantile(0.5):,}"
    )
    print(f"largest Shapley value {max(power.shapley):.4f} ({len(power.players)} players)")
    print(
        "runs (wall s): exact "
        + ", ".join(f"{w:.2f}" for w in exact_walls)
        + "; monte carlo "
        + ", ".join(f"{w:.2f}" for w in mc_walls)
        + "; shapley "
        + ", ".join(f"{w * 1000:.0f} ms" for w in power_walls)
        + "; CPU s: "
        + "; ".join(f"{name} " + ", ".join(f"{c:.2f}" for c in CPU[name]) for name in CPU)
        + f"; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"probability: exact {statistics.median(exact_walls):.2f} s, monte carlo "
        f"{statistics.median(mc_walls):.2f} s for {args.samples} samples "
        f"(se {sampled.standard_error(p):.2g}), shapley "
        f"{statistics.median(power_walls) * 1000:.0f} ms"
    )


def _check(
    pledges: list[Pledge],
    requirement: Requirement,
    base: Scenario,
    odds: DriverOdds,
    exact_met: float,
    weights: Counter[str],
    power: PowerIndices,
) -> None:
    """Monte Carlo without honouring agrees with the exact P(met), sampled Shapley values
    with the exact ones; stop the benchmark otherwise."""
    model = sampling_model(pledges, [requirement], base, odds, ladder=None)
    check = monte_carlo_likelihood(model, samples=CHECK_SAMPLES, seed=1)
    estimate = check.greatest.met[requirement.key]
    if abs(estimate - exact_met) > 3 * check.standard_error(exact_met) + 1e-12:
        raise SystemExit(f"Monte Carlo {estimate} and exact {exact_met} disagree")
    players = list(weights)
    vector = np.array([weights[p] for p in players])
    sampled = sampled_power(players, lambda c: c.astype(int) @ vector >= 40_000, seed=1)
    exact = dict(zip(power.players, power.shapley, strict=True))
    for player, value, error in zip(players, sampled.shapley, sampled.shapley_error, strict=True):
        if abs(value - exact[player]) > error:
            raise SystemExit(f"sampled Shapley of {player} is outside its interval")


if __name__ == "__main__":
    main()
