"""Monte Carlo probabilities: drivers, honouring and stated ranges drawn at random.

When pledges may go unhonoured (the honouring ladder) or amounts are stated as ranges, the
combinations of drivers are no longer enough: each sample draws the uncertain drivers (as
the odds say), whether each pledge is honoured (as its level says), and each amount stated
as a range (uniformly, in whole numbers, within it), then activates the pledges at both
fixpoints as the kernel does. Estimates come with standard errors; a seed gives the same
result every time, whether the chunks run here or on a Dask cluster (`runner`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from forcegen.analysis._sampling.chunk import chunk_sizes, sample_chunk
from forcegen.analysis._sampling.model import SamplingModel, sampling_model
from forcegen.analysis.likelihood import Likelihood, Method, Tally, likelihood_of
from forcegen.model.errors import InvalidInputError

DEFAULT_SAMPLES = 100_000
MOST_SAMPLES = 10**9
THREADS = 2  # chunks run in threads here (NumPy releases the interpreter lock)

Runner = Callable[[Callable[[int], Tally], Sequence[int]], Iterable[Tally]]

__all__ = ["DEFAULT_SAMPLES", "SamplingModel", "monte_carlo_likelihood", "sampling_model"]


def monte_carlo_likelihood(
    model: SamplingModel,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    runner: Runner | None = None,
) -> Likelihood:
    """Estimate P(met) per profile and line and the force distribution from `samples` draws.

    Raises:
        InvalidInputError: a number of samples below 1 or above `MOST_SAMPLES`.
    """
    if not 1 <= samples <= MOST_SAMPLES:
        raise InvalidInputError(
            f"{samples:,} samples: use from 1 to {MOST_SAMPLES:,} (the standard error falls "
            "with the square root of the number of samples)."
        )
    chunks = range(len(chunk_sizes(samples)))
    work = partial(sample_chunk, model, seed, samples)
    if runner is not None:
        tallies = list(runner(work, chunks))
    elif THREADS > 1 and len(chunks) > 1:
        with ThreadPoolExecutor(THREADS) as pool:
            tallies = list(pool.map(work, chunks))
    else:
        tallies = list(map(work, chunks))
    tally = sum(tallies, Tally())
    is_honouring = any(
        draw.honour < 1.0 for draw in (*(d for _, d in model.direct), *model.reciprocal_draws)
    )
    return likelihood_of(
        tally,
        method=Method.MONTE_CARLO,
        drivers=model.drivers,
        profiles={p.key: tuple(line for line, _ in p.lines) for p in model.profiles},
        samples=samples,
        seed=seed,
        is_honouring=is_honouring,
    )
