"""The probability options of `forcegen assess`, the Dask runner they may ask for, and how
the probability part is shown in the terminal.

    forcegen assess --public --probability us.isr=0.4 --probability ceasefire=0.7
    forcegen assess --public --honouring ladder --samples 1000000 --workers 4
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum

import typer
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from forcegen.analysis.exact_likelihood import Runner
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.monte_carlo import DEFAULT_SAMPLES
from forcegen.analysis.probability_report import ProbabilityReport
from forcegen.cluster import DaskRunner
from forcegen.reports.probability_tables import FIXPOINT_NAMES, met_table, pivotal_table
from forcegen.service.assessment.probability import ProbabilityOptions, parse_probability


class Honouring(StrEnum):
    OFF = "off"
    LADDER = "ladder"


PROBABILITY = typer.Option(
    None,
    "--probability",
    metavar="DRIVER=P",
    help="Make a driver uncertain with probability P (0-1 or a percentage), e.g. "
    "--probability us.isr=0.4 (repeatable); joint scenarios come from the scenario file.",
)
HONOURING = typer.Option(
    Honouring.OFF,
    "--honouring",
    help="ladder: a pledge is honoured with the probability its level has in the honouring "
    "ladder (data/honouring.yaml, a planning assumption), estimated by Monte Carlo; off: "
    "every counted pledge is honoured, probabilities exact.",
)
SAMPLES = typer.Option(DEFAULT_SAMPLES, "--samples", help="Monte Carlo samples.")
SEED = typer.Option(0, "--seed", help="Seed of the Monte Carlo and sampled power values.")
PIVOTAL_LINE = typer.Option(
    None,
    "--pivotal-line",
    metavar="LINE",
    help="Pivotal contributors for this line of the requirement instead of the whole profile.",
)
WORKERS = typer.Option(
    None,
    "--workers",
    metavar="N",
    help="Run large exact sweeps or Monte Carlo chunks on a Dask cluster of N local workers.",
)
SCHEDULER = typer.Option(
    None,
    "--scheduler",
    metavar="ADDRESS",
    help="Run them on the Dask cluster at ADDRESS, e.g. tcp://10.0.0.5:8786.",
)


def probability_options(
    probabilities: list[str] | None,
    honouring: Honouring,
    samples: int,
    seed: int,
    pivotal_line: str | None,
) -> ProbabilityOptions:
    return ProbabilityOptions(
        probabilities=dict(parse_probability(text) for text in probabilities or ()),
        honouring=honouring is Honouring.LADDER,
        samples=samples,
        seed=seed,
        line=pivotal_line,
    )


@contextmanager
def cluster_runner(workers: int | None, scheduler: str | None) -> Iterator[Runner | None]:
    """A Dask runner when --workers or --scheduler asks for one, else None (run here)."""
    if workers is None and scheduler is None:
        yield None
        return
    with DaskRunner(workers=workers, scheduler=scheduler) as runner:
        yield runner.map


def print_probability(console: Console, report: ProbabilityReport) -> None:
    """P(met) per profile at both fixpoints, the selected profile's lines, the force's
    percentiles at both fixpoints and the most pivotal contributors."""
    met = met_table(report)
    likelihood = report.likelihood
    order = (Fixpoint.GREATEST, Fixpoint.LEAST)
    table = RichTable(title=Text(met.title), title_justify="left")
    for column in ("requirement", *(FIXPOINT_NAMES[f] for f in order), "± se"):
        table.add_column(column, justify="left" if column == "requirement" else "right")
    errors = report.standard_errors() or {}
    chosen = report.requirement
    for profile in likelihood.at(Fixpoint.GREATEST).met:
        error = errors.get(profile)
        table.add_row(
            profile,
            *(f"{likelihood.at(f).met[profile]:.1%}" for f in order),
            "" if error is None else f"{error:.2%}",
        )
        if profile == chosen:
            for line in likelihood.at(Fixpoint.GREATEST).lines[profile]:
                cells = (f"{likelihood.at(f).lines[profile][line]:.1%}" for f in order)
                table.add_row(f"  line {line}", *cells, "")
    console.print(table, soft_wrap=False)
    console.print(met.description)
    for fixpoint in order:
        force = likelihood.at(fixpoint).force
        quantiles = ", ".join(f"{q:.0%}: {x:,}" for q, x in force.quantiles.items())
        console.print(f"Active force {FIXPOINT_NAMES[fixpoint]}, percentiles — {quantiles}.")
    pivotal = pivotal_table(report)
    ranked = ", ".join(f"{row[0]} {row[1]:.2f}" for row in pivotal.rows[:5] if row[1])
    console.print(
        f"Pivotal contributors (Shapley-Shubik): {ranked or 'none'}. {pivotal.description}"
    )
