"""Importing a public-data file: read it, check every row, then preview or store.

One use case for every door a file comes through (`forcegen positions import`, the upload
page): the file's own problems (a bad date, a word that is not a number) and the batch's
(an unknown source, country, capability or condition) come back together, and nothing is
stored unless there are none.
"""

from __future__ import annotations

from pathlib import Path

from forcegen.conditions import Listings
from forcegen.files.public_bundle import read_bundle
from forcegen.service.ports import UnitOfWork
from forcegen.service.public.batch import Batch
from forcegen.service.public.importing import ImportReport, import_batch
from forcegen.service.public.ports import PledgeCatalog


def import_public_file(
    *,
    uow: UnitOfWork,
    catalog: PledgeCatalog,
    path: Path,
    actor: str,
    dry_run: bool = False,
    listings: Listings | None = None,
) -> ImportReport:
    """Read the bundle at `path` (see `forcegen.files.public_bundle`), then import it.

    Raises:
        DataFileError: no file of the bundle exists, or a file is malformed as a whole.
        PublicDataError: every problem with table, row and column; nothing was saved.
    """
    with uow.reading():
        stored_sources = {source.id for source in uow.sources.list()}
    bundle = read_bundle(
        path,
        known_source_ids=stored_sources,
        capabilities=set(catalog.capabilities),
        caveats=set(catalog.caveats),
        condition_vocabulary=catalog.condition_vocabulary(listings),
    )
    batch = Batch(bundle.sources, bundle.positions, bundle.pledges, bundle.rows)
    return import_batch(
        uow, catalog, batch, bundle.problems, actor=actor, dry_run=dry_run, listings=listings
    )
