"""The live check of a condition field: the condition language's verdict and its normal form."""

from __future__ import annotations

from forcegen.catalog import Catalog
from forcegen.conditions import parse, to_text
from forcegen.model.errors import ConditionError
from forcegen.web.schemas.responding import ConditionCheckRead

MAX_CONDITION_LENGTH = 1000


def check_condition_text(text: str, catalog: Catalog) -> ConditionCheckRead:
    """Say whether `text` is a valid condition; if it is, print it back as it was understood."""
    if len(text) > MAX_CONDITION_LENGTH:
        message = f"is {len(text)} characters long; keep a condition to {MAX_CONDITION_LENGTH}"
        return ConditionCheckRead(ok=False, message=message)
    try:
        expr = parse(text, catalog.condition_vocabulary())
    except ConditionError as error:
        return ConditionCheckRead(ok=False, message=error.message)
    return ConditionCheckRead(ok=True, normalised=to_text(expr))
