"""Hypothesis profiles: the one every test run uses, and a cheap one for mutation testing.

`forcegen` (the default, `make test`): no per-example deadline and no too-slow health check,
since property tests check behaviour, not speed (a loaded CI machine must not fail them;
speed is bench/'s job).

`mutation` (`make mutation` sets FORCEGEN_HYPOTHESIS_PROFILE=mutation): every mutant that
survives the example tests runs the property tests again, so here they draw only
`MUTATION_EXAMPLES` examples each, from a fixed seed and without the example database, so
that a mutant is killed or survives the same way in every run. An explicit
`@settings(max_examples=n)` overrides any profile, so such tests ask for `examples(n)`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE_VARIABLE = "FORCEGEN_HYPOTHESIS_PROFILE"
MUTATION = "mutation"
MUTATION_EXAMPLES = 15

settings.register_profile("forcegen", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    MUTATION,
    settings.get_profile("forcegen"),
    max_examples=MUTATION_EXAMPLES,
    derandomize=True,
    database=None,
)


def load_profile() -> None:
    """Load the profile FORCEGEN_HYPOTHESIS_PROFILE names (default: `forcegen`)."""
    settings.load_profile(os.environ.get(PROFILE_VARIABLE) or "forcegen")


def examples(wanted: int) -> int:
    """The examples a property test with a budget of its own draws: `wanted`, or fewer under
    the mutation profile (whose cap an explicit `max_examples` would otherwise override)."""
    if os.environ.get(PROFILE_VARIABLE) == MUTATION:
        return min(wanted, MUTATION_EXAMPLES)
    return wanted
