"""The lexer: condition text to tokens, with the position of each for error messages.

Hand-written on top of one regular expression per token kind; nothing is ever evaluated.
Keywords are case-insensitive (`AND`, `True`); names keep their case (`parliament.DEU`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from forcegen.conditions.diagnostic import condition_error
from forcegen.model.number import InvalidNumberError, parse_whole


class TokenKind(StrEnum):
    NAME = "name"
    NUMBER = "number"
    LPAREN = "("
    RPAREN = ")"
    COMPARISON = "comparison"
    AND = "and"
    OR = "or"
    NOT = "not"
    TRUE = "true"
    FALSE = "false"
    FUNCTION = "function"
    END = "end"


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str  # as written, for messages; keywords and functions are compared lower-cased
    position: int  # 0-based offset in the condition text


KEYWORDS: dict[str, TokenKind] = {
    "and": TokenKind.AND,
    "or": TokenKind.OR,
    "not": TokenKind.NOT,
    "true": TokenKind.TRUE,
    "false": TokenKind.FALSE,
    "troops": TokenKind.FUNCTION,
    "contributors": TokenKind.FUNCTION,
}
"""Reserved words, compared case-insensitively; a driver cannot be called `troops` or `and`."""

NAME_PATTERN = re.compile(r"[^\W\d][\w]*(?:\.\w+)*")
"""A driver, participant or capability name: words joined by single dots. Letters may carry
accents, so a government's own name ("Türkiye") is read like its other names."""

_SKIP = re.compile(r"(?:\s+|#[^\n]*)+")
_NUMBER = re.compile(r"-?[0-9][0-9_.,]*")
_OPERATOR = re.compile(r"[<>=!&|]+")

ALLOWED_COMPARISONS = frozenset({">=", ">"})
_FORBIDDEN_COMPARISONS = frozenset({"<", "<=", "==", "=", "!=", "=<", "<>"})
_SPELLED_OPERATORS = {"&": "and", "&&": "and", "|": "or", "||": "or", "!": "not", "=>": ">="}
_MONOTONE_ADVICE = (
    "only '>=' and '>' are allowed, not '<', '<=' or '==', because conditions must stay "
    "monotone in pledges (more pledges may never switch a condition off)"
)


def is_plain_name(name: str) -> bool:
    """Whether `name` can be written as it is in a condition (a valid name, not a keyword)."""
    return NAME_PATTERN.fullmatch(name) is not None and name.casefold() not in KEYWORDS


def tokenize(text: str) -> list[Token]:
    """Split `text` into tokens, ending with one END token placed after the last real token.

    Raises:
        ConditionError: a character, number or operator the language does not have.
    """
    tokens: list[Token] = []
    position = _skip(text, 0)
    while position < len(text):
        token = _next_token(text, position)
        tokens.append(token)
        position = _skip(text, position + len(token.text))
    end = tokens[-1].position + len(tokens[-1].text) if tokens else 0
    tokens.append(Token(TokenKind.END, "", end))
    return tokens


def _skip(text: str, position: int) -> int:
    blank = _SKIP.match(text, position)
    return blank.end() if blank else position


def _next_token(text: str, position: int) -> Token:
    char = text[position]
    if char in "()":
        return Token(TokenKind(char), char, position)
    if name := NAME_PATTERN.match(text, position):
        kind = KEYWORDS.get(name.group().casefold(), TokenKind.NAME)
        return Token(kind, name.group(), position)
    if number := _NUMBER.match(text, position):
        return _number_token(text, number.group(), position)
    if operator := _OPERATOR.match(text, position):
        return _operator_token(text, operator.group(), position)
    raise condition_error(
        text,
        position,
        f"Unexpected character {char!r}",
        "a condition is made of names (letters, digits and '_' joined by single dots), "
        "whole numbers, parentheses, and/or/not, true/false, '>=' and '>'",
    )


MAX_NUMBER_DIGITS = 17
"""No threshold needs more (the import files' limit too: what a float64 keeps)."""


def _number_token(text: str, number: str, position: int) -> Token:
    shown = number if len(number) <= 20 else f"{number[:12]}… ({len(number)} characters)"
    if number.isdigit() and len(number) > MAX_NUMBER_DIGITS:
        raise condition_error(
            text,
            position,
            f"Number {shown!r} has {len(number)} digits",
            f"a threshold has at most {MAX_NUMBER_DIGITS} digits, e.g. 5000",
        )
    if not number[0].isdigit() or len(number) > 2 * MAX_NUMBER_DIGITS or _value(number) is None:
        raise condition_error(
            text,
            position,
            f"Number {shown!r}",
            "write a whole number (0 or more) without decimals, e.g. 5000 or 5,000",
        )
    return Token(TokenKind.NUMBER, number, position)


def whole_number(token: Token) -> int:
    """The value of a NUMBER token, read as numbers are everywhere ("5,000" is 5000)."""
    return parse_whole(token.text)


def _value(number: str) -> int | None:
    try:
        return parse_whole(number)
    except InvalidNumberError:
        return None


def _operator_token(text: str, operator: str, position: int) -> Token:
    if operator in ALLOWED_COMPARISONS:
        return Token(TokenKind.COMPARISON, operator, position)
    if operator in _FORBIDDEN_COMPARISONS:
        raise condition_error(text, position, f"Comparison {operator!r}", _MONOTONE_ADVICE)
    if operator in _SPELLED_OPERATORS:
        advice = f"write {_SPELLED_OPERATORS[operator]!r} instead"
    else:
        advice = "the only operators are 'and', 'or', 'not', '>=' and '>'"
    raise condition_error(text, position, f"Unexpected {operator!r}", advice)
