"""The condition language: parse, print, normalise, evaluate and analyse pledge conditions.

    us.air_cover and us.isr
    ceasefire and (un_mandate or peace_agreement)
    troops(FRA) >= 5000 and troops(GBR) >= 5000      # reciprocity
    contributors(land.combat) >= 10
    not russia_consent

Small, readable and safe: a hand-written parser, never `eval`.
"""

from forcegen.conditions.analyse import drivers_of, has_thresholds, thresholds_of
from forcegen.conditions.ast import (
    TRUE,
    And,
    Comparison,
    Const,
    DriverRef,
    Expr,
    Function,
    Not,
    Or,
    Threshold,
)
from forcegen.conditions.evaluate import evaluate
from forcegen.conditions.normalise import normalise
from forcegen.conditions.parser import check, parse
from forcegen.conditions.plain import PlainNames, in_plain_words
from forcegen.conditions.printer import to_text
from forcegen.conditions.vocabulary import FORM_LISTINGS, Listings, Vocabulary

__all__ = [
    "FORM_LISTINGS",
    "TRUE",
    "And",
    "Comparison",
    "Const",
    "DriverRef",
    "Expr",
    "Function",
    "Listings",
    "Not",
    "Or",
    "PlainNames",
    "Threshold",
    "Vocabulary",
    "check",
    "drivers_of",
    "evaluate",
    "has_thresholds",
    "in_plain_words",
    "normalise",
    "parse",
    "thresholds_of",
    "to_text",
]
