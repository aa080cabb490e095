"""Power indices by brute force: the specification `weighted_power` is tested against."""

from __future__ import annotations

import itertools
import math


def enumerated(weights: list[int], quota: int) -> tuple[list[float], list[float]]:
    """Shapley-Shubik over every order and raw Banzhaf over every coalition, by brute force."""
    n = len(weights)
    shapley = [0.0] * n
    for order in itertools.permutations(range(n)):
        total = 0
        for player in order:
            if total < quota <= total + weights[player]:
                shapley[player] += 1 / math.factorial(n)
                break
            total += weights[player]
    swings = [0.0] * n
    for mask in range(1 << n):
        total = sum(w for i, w in enumerate(weights) if mask >> i & 1)
        for i in range(n):
            if not mask >> i & 1 and total < quota <= total + weights[i]:
                swings[i] += 1
    sum_swings = sum(swings) or 1.0
    return shapley, [s / sum_swings for s in swings]
