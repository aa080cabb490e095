"""Name checks: each name in a condition must be in the vocabulary, or the error suggests one.

A name in the wrong place (a participant code used as a driver, a capability given to
`troops`) gets advice on how to write what was probably meant. A participant written by a
common name (`troops(UK)`) stands for its code (`troops(GBR)`).
"""

from __future__ import annotations

from forcegen.conditions.ast import Function
from forcegen.conditions.diagnostic import condition_error
from forcegen.conditions.lexer import Token
from forcegen.conditions.vocabulary import Vocabulary
from forcegen.model.common_name import code_for_name
from forcegen.model.suggestion import closest


def check_driver(text: str, token: Token, vocabulary: Vocabulary | None) -> None:
    """Check that the name in `token` is a known driver.

    Raises:
        ConditionError: it is not; the message suggests the closest driver.
    """
    name = token.text
    if vocabulary is None or name in vocabulary.drivers:
        return
    if name in vocabulary.participants:
        advice = f"{name!r} is a participant; to depend on its troops write troops({name}) >= 1"
    elif name in vocabulary.capabilities:
        advice = (
            f"{name!r} is a capability; to depend on others contributing to it write "
            f"contributors({name}) >= 1"
        )
    else:
        advice = _suggest(
            name, vocabulary.drivers, f"(known drivers: {vocabulary.listings.drivers})"
        )
    raise condition_error(text, token.position, f"Unknown driver {name!r}", advice)


def check_argument(
    text: str, function: Function, token: Token, vocabulary: Vocabulary | None
) -> str:
    """Check that the argument of `troops` is a participant, of `contributors` a capability;
    return the argument as the condition means it (a common name becomes its code).

    Raises:
        ConditionError: it is not; the message suggests the closest known name.
    """
    name = token.text
    if function is Function.TROOPS:
        return _participant(text, token, vocabulary)
    if vocabulary is None or name in vocabulary.capabilities:
        return name
    if name in vocabulary.participants:
        advice = f"{name!r} is a participant; write troops({name}) to count its troops"
    else:
        where = f"(known capabilities: {vocabulary.listings.capabilities})"
        advice = _suggest(name, vocabulary.capabilities, where)
    raise condition_error(text, token.position, f"Unknown capability {name!r}", advice)


def _participant(text: str, token: Token, vocabulary: Vocabulary | None) -> str:
    name = token.text
    if vocabulary is not None and name in vocabulary.participants:
        return name
    code = code_for_name(name)
    if code is not None and (vocabulary is None or code in vocabulary.participants):
        return code
    if vocabulary is None:
        return name
    if name in vocabulary.capabilities:
        advice = f"{name!r} is a capability; write contributors({name}) to count contributors"
    else:
        where = f"(known participants: {vocabulary.listings.participants})"
        advice = _suggest(name, vocabulary.participants, where)
    raise condition_error(text, token.position, f"Unknown participant {name!r}", advice)


def _suggest(name: str, known: frozenset[str], listing: str) -> str:
    suggestion = closest(name, known)
    if suggestion is None:
        return f"use a known name {listing}"
    if suggestion.casefold() == name.casefold():
        return f"did you mean {suggestion!r}? Names are case-sensitive {listing}"
    return f"did you mean {suggestion!r}? {listing}"
