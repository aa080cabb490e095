"""The catalog: packaged reference data, and the loaders that validate data files.

catalog = load_catalog()
catalog.questionnaire("default").questions_for(catalog.participant("FRA"))
"""

from forcegen.catalog.catalog import (
    DEFAULT_QUESTIONNAIRE,
    Catalog,
    load_catalog,
    load_requirements_file,
)
from forcegen.catalog.public_dataset import PublicDataset, load_public_dataset
from forcegen.catalog.questionnaire_file import load_questionnaire_file

__all__ = [
    "DEFAULT_QUESTIONNAIRE",
    "Catalog",
    "PublicDataset",
    "load_catalog",
    "load_public_dataset",
    "load_questionnaire_file",
    "load_requirements_file",
]
