"""Independent chunks of analysis run on a Dask cluster: an existing one, or one started here.

Exact sweeps of more drivers than one machine holds and long Monte Carlo runs are split by
the analysis into independent chunks: a function applied to chunk numbers, whose results add
up. `DaskRunner.map` sends the chunks to Dask workers and gathers the results in chunk order,
so they add up exactly as in one process (each Monte Carlo chunk seeds its own stream).

    with DaskRunner(workers=4) as runner:             # a LocalCluster on this machine
        likelihood = monte_carlo_likelihood(model, samples=10**8, runner=runner.map)
    with DaskRunner(scheduler="tcp://10.0.0.5:8786") as runner: ...

Dask is imported only when a runner starts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar

from forcegen.model.errors import InvalidInputError

T = TypeVar("T")
CONNECT_SECONDS = 10.0


class DaskRunner:
    """A Dask client for the duration of a `with` block (and the LocalCluster it started)."""

    def __init__(
        self,
        *,
        scheduler: str | None = None,
        workers: int | None = None,
        connect_seconds: float = CONNECT_SECONDS,
    ) -> None:
        if (scheduler is None) == (workers is None):
            raise InvalidInputError(
                "Give either --scheduler ADDRESS (an existing Dask cluster) or --workers N "
                "(a cluster on this machine), not both."
            )
        if workers is not None and workers < 1:
            raise InvalidInputError(f"--workers {workers}: start at least 1 worker.")
        self.scheduler, self.workers, self.connect_seconds = scheduler, workers, connect_seconds
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> Self:
        from distributed import Client, LocalCluster

        try:
            if self.workers is not None:
                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    # Port 0: a free port, never the fixed 8787 another cluster may hold
                    # (a taken port is only a warning, which the test suite treats as an error).
                    dashboard_address="127.0.0.1:0",
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler, timeout=f"{self.connect_seconds}s")
        except OSError as err:
            self.__exit__(None, None, None)
            raise InvalidInputError(
                f"Cannot reach the Dask scheduler at {self.scheduler}: {err}. Start one "
                "(`dask scheduler`, then `dask worker ADDRESS`), or use --workers N."
            ) from err
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    def map(self, function: Callable[[int], T], items: Sequence[int]) -> list[T]:
        """function(item) for every item, on the cluster's workers, in the order of `items`."""
        if self._client is None:
            raise RuntimeError("DaskRunner.map outside its `with` block")
        futures = self._client.map(function, list(items), pure=False)
        results: list[T] = self._client.gather(futures)
        return results
