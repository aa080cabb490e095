"""What an answer may name, and what is wrong with one answer value.

`AnswerVocabulary` is filled by the catalog (capabilities, caveats, drivers, participants)
and carries the outer layer's condition check, so that the model checks answers without
importing the condition language; `FieldProblem` is one problem, with its path and its fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from forcegen.model.question_field import OptionSource


class FieldProblem(BaseModel):
    """What is wrong with one answer value: where (`troops.contributions[1].personnel`) and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class AnswerVocabulary:
    """The known names an answer may use, and the condition check of the outer layer.

    `check_condition` returns an error message for a bad condition text, or None if it is fine.
    """

    capabilities: frozenset[str]
    caveats: frozenset[str]
    us_enablers: frozenset[str]
    drivers: frozenset[str]
    participants: frozenset[str]
    check_condition: Callable[[str], str | None]

    def values_from(self, source: OptionSource) -> frozenset[str]:
        by_source = {
            "capabilities": self.capabilities,
            "caveats": self.caveats,
            "us_enablers": self.us_enablers,
            "drivers": self.drivers,
            "participants": self.participants,
        }
        return by_source[source]
