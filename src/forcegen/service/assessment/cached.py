"""Assessments served from a cache keyed by (what is assessed, its data version, selection).

The web pages and the JSON API assess on every request, and on a deadline day fifty
coordinators and analysts reload them every few seconds while the answers behind them
change a few times a minute. The store raises a data version in the same transaction as
every write that changes what an assessment reads (submissions, withdrawals and invitations
of a round; any change to the public record), so:

    key = ("round:<id>" or "public", data version read now, the selection)

is answered from the cache until such a write commits, and never after. The version is read
before the data, so an entry may hold data newer than its key says, never older. Each server
process keeps its own cache; they all read the same counter from the database, so a process
that has not seen a change yet still never serves a result from before it.

The pledge set itself is kept the same way (`cached_pledge_set`), so that the dashboard's
assessment and probability panel, recomputed after every submission, load and derive the
answers once between them. A page built from several cached parts reads the version once
(`data_version`) and hands it to each (`at=`): on a deadline day a submission lands every
few hundred milliseconds, and a version read again halfway through the page would load and
derive the whole round a second time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Mapping
from typing import TypeVar

from pydantic import BaseModel

from forcegen.analysis.assessment import Assessment
from forcegen.service.assessment.assessing import assess, run_assessment
from forcegen.service.assessment.pledge_set import (
    PledgeSet,
    pledge_set_for_public,
    pledge_set_for_round,
)
from forcegen.service.assessment.selection import AssessmentCatalog, Selection
from forcegen.service.ports import UnitOfWork
from forcegen.service.result_cache import ResultCache

AssessmentCache = ResultCache[Assessment]
PLEDGE_SET = "pledge set"
T = TypeVar("T")
DataAt = tuple[str, int]
"""What a result is computed from: "public" or "round:<id>", and that data's version."""


def cached_assessment(
    *,
    uow: UnitOfWork,
    catalog: AssessmentCatalog,
    selection: Selection,
    cache: AssessmentCache,
    round_id: str | None = None,
    pledge_sets: ResultCache[PledgeSet] | None = None,
    at: DataAt | None = None,
) -> Assessment:
    """`run_assessment`'s result, computed once per data version and selection; with
    `pledge_sets`, on the pledge set kept there for the data version (`cached_pledge_set`).

    Raises:
        NotFoundError: no such round (nothing is cached).
        ConditionError: a pledge condition does not parse or negates a pledge reference.
    """

    def compute() -> Assessment:
        if pledge_sets is None:
            return run_assessment(uow=uow, catalog=catalog, selection=selection, round_id=round_id)
        pledge_set = cached_pledge_set(uow=uow, cache=pledge_sets, round_id=round_id, at=at)
        return assess(pledge_set=pledge_set, selection=selection, catalog=catalog)

    key = selection_key(selection)
    return cached(cache, uow=uow, round_id=round_id, key=key, compute=compute, at=at)


def cached_pledge_set(
    *,
    uow: UnitOfWork,
    cache: ResultCache[PledgeSet],
    round_id: str | None = None,
    at: DataAt | None = None,
) -> PledgeSet:
    """The pledges of a round (or, without `round_id`, of the public record), loaded once per
    data version: the dashboard's assessment and its probability panel run on the same set.

    Raises:
        NotFoundError: no such round (nothing is cached).
    """
    if round_id is None:
        return cached(
            cache,
            uow=uow,
            round_id=None,
            key=PLEDGE_SET,
            compute=lambda: pledge_set_for_public(uow=uow),
            at=at,
        )
    return cached(
        cache,
        uow=uow,
        round_id=round_id,
        key=PLEDGE_SET,
        compute=lambda: pledge_set_for_round(uow=uow, round_id=round_id),
        at=at,
    )


def cached(
    cache: ResultCache[T],
    *,
    uow: UnitOfWork,
    round_id: str | None,
    key: Hashable,
    compute: Callable[[], T],
    at: DataAt | None = None,
) -> T:
    """`compute()`'s result for `key` over a round's data (or the public record's, without
    `round_id`), computed once per data version: anything derived from an assessment's data
    (a probability panel, say) is cached as safely as the assessment itself. `at` is the
    version read before (`data_version`), when the caller builds several parts from it."""
    scope, version = at if at is not None else data_version(uow, round_id)
    return cache.get_or_compute((scope, version, key), compute)


def data_version(uow: UnitOfWork, round_id: str | None) -> DataAt:
    """The version of a round's data (or the public record's) now: read it before the data."""
    with uow.reading():
        if round_id is None:
            return "public", uow.data_versions.of_public_record()
        return f"round:{round_id}", uow.data_versions.of_round(round_id)


def selection_key(selection: Selection) -> Hashable:
    """Every field of the selection as a hashable value: a field added to `Selection` later
    is part of the key without anyone remembering to add it here."""
    return tuple(
        (field.name, _hashable(getattr(selection, field.name)))
        for field in dataclasses.fields(selection)
    )


def _hashable(value: object) -> Hashable:
    if isinstance(value, BaseModel):
        return (type(value).__name__, value.model_dump_json())
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _hashable(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return frozenset(_hashable(item) for item in value)
    if isinstance(value, list | tuple):
        return tuple(_hashable(item) for item in value)
    if isinstance(value, Hashable):
        return value
    return repr(value)
