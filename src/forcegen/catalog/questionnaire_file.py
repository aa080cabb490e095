"""Questionnaire files: the packaged default and those a coordinator writes."""

from __future__ import annotations

from pathlib import Path

from forcegen.catalog.yaml_document import YamlDocument
from forcegen.model.questionnaire import Questionnaire


def read_questionnaire(document: YamlDocument) -> Questionnaire:
    """Raises: DataFileError naming the place (e.g. `questions[2].fields[0].kind`) and the fix."""
    return document.validate(Questionnaire)


def load_questionnaire_file(path: Path | str) -> Questionnaire:
    """Load and validate a coordinator-authored questionnaire YAML file.

    Raises:
        DataFileError: the file cannot be read, is not YAML, or does not describe a valid
            questionnaire; one line naming the file, the place and the fix.
    """
    file = Path(path)
    return read_questionnaire(YamlDocument.read(file, filename=str(path)))
