"""The parser: condition text to a syntax tree, by recursive descent (never `eval`).

    condition  := <nothing> | or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | atom
    atom       := "true" | "false" | NAME | threshold | "(" or_expr ")"
    threshold  := ("troops" | "contributors") "(" NAME ")" (">=" | ">") NUMBER

`not` may not cover a threshold: a condition that holds only while someone does NOT pledge
would make the activation of pledges non-monotone, and the fixpoints would not exist.
"""

from __future__ import annotations

from forcegen.conditions.analyse import has_thresholds
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
from forcegen.conditions.diagnostic import condition_error, place
from forcegen.conditions.lexer import Token, TokenKind, tokenize, whole_number
from forcegen.conditions.names import check_argument, check_driver
from forcegen.conditions.vocabulary import Vocabulary
from forcegen.model.errors import ConditionError
from forcegen.model.suggestion import closest

MAX_DEPTH = 100
"""How deeply `not` and parentheses may nest; real conditions stay far below it."""

_OPERAND = "a driver, true, false, troops(...), contributors(...), 'not' or '('"
_THRESHOLD_HELP = {
    Function.TROOPS: ("a participant code", "troops(FRA) >= 5000"),
    Function.CONTRIBUTORS: ("a capability", "contributors(land.combat) >= 10"),
}
_COMPARE_ONLY_THRESHOLDS = "only troops(...) and contributors(...) can be compared with a number"


def parse(text: str, vocabulary: Vocabulary | None = None) -> Expr:
    """Parse a condition; the empty (or blank, or comment-only) text means true.

    With a `vocabulary`, every driver, participant code and capability must be in it.

    Raises:
        ConditionError: the text does not parse or names something unknown; the one-line
            message names the column and says what to do.
    """
    return _Parser(text, vocabulary).condition()


def check(text: str, vocabulary: Vocabulary | None = None) -> str | None:
    """Return None if `text` is a valid condition, else the message saying what is wrong."""
    try:
        parse(text, vocabulary)
    except ConditionError as error:
        return error.message
    return None


class _Parser:
    def __init__(self, text: str, vocabulary: Vocabulary | None) -> None:
        self.text = text
        self.vocabulary = vocabulary
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    def condition(self) -> Expr:
        if self._peek().kind is TokenKind.END:
            return TRUE
        expr = self._or()
        token = self._peek()
        if token.kind is TokenKind.RPAREN:
            raise self._error(token, "Unexpected ')'", "there is no '(' for it to close; remove it")
        if token.kind is not TokenKind.END:
            raise self._unexpected_after_operand(token, "'and', 'or' or the end of the condition")
        return expr

    def _or(self) -> Expr:
        operands = [self._and()]
        while self._accept(TokenKind.OR):
            operands.append(self._and())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def _and(self) -> Expr:
        operands = [self._not()]
        while self._accept(TokenKind.AND):
            operands.append(self._not())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def _not(self) -> Expr:
        token = self._peek()
        if not self._accept(TokenKind.NOT):
            return self._atom()
        self._nest(token)
        operand = self._not()
        self.depth -= 1
        if has_thresholds(operand):
            raise self._error(
                token,
                f"{token.text!r} over a pledge threshold",
                "a condition may not depend on someone NOT pledging, so 'not' applies only to "
                "drivers (e.g. not russia_consent); remove the 'not' or rephrase the condition",
            )
        return Not(operand)

    def _atom(self) -> Expr:
        token = self._advance()
        match token.kind:
            case TokenKind.TRUE | TokenKind.FALSE:
                return Const(token.kind is TokenKind.TRUE)
            case TokenKind.NAME if self._peek().kind is TokenKind.LPAREN:
                raise self._unknown_function(token)
            case TokenKind.NAME:
                check_driver(self.text, token, self.vocabulary)
                return DriverRef(token.text)
            case TokenKind.FUNCTION:
                return self._threshold(Function(token.text.casefold()))
            case TokenKind.LPAREN:
                return self._parenthesised(token)
        raise self._expected_operand(token)

    def _parenthesised(self, opening: Token) -> Expr:
        self._nest(opening)
        expr = self._or()
        self.depth -= 1
        token = self._peek()
        opened = f"the '(' opened at {place(self.text, opening.position)}"
        if token.kind is TokenKind.END:
            raise self._error(token, "Missing ')'", f"close {opened}")
        if token.kind is not TokenKind.RPAREN:
            raise self._unexpected_after_operand(token, f"'and', 'or' or ')' to close {opened}")
        self._advance()
        return expr

    def _threshold(self, function: Function) -> Threshold:
        argument_kind, example = _THRESHOLD_HELP[function]
        self._expect(TokenKind.LPAREN, f"Expected '(' after {function.value!r}", example)
        argument = self._expect(
            TokenKind.NAME, f"Expected {argument_kind} in {function.value}(...)", example
        )
        meant = check_argument(self.text, function, argument, self.vocabulary)
        written = f"{function.value}({argument.text})"
        self._expect(TokenKind.RPAREN, f"Expected ')' after {written[:-1]!r}", example)
        comparison = self._expect(
            TokenKind.COMPARISON, f"Expected '>=' or '>' after {written!r}", example
        )
        written = f"{written} {comparison.text}"
        number = self._expect(
            TokenKind.NUMBER, f"Expected a whole number after {written!r}", example
        )
        return Threshold(function, meant, Comparison(comparison.text), whole_number(number))

    def _nest(self, token: Token) -> None:
        """Count one more level of `not` or `(`; a bounded depth keeps recursion safe."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self._error(
                token,
                f"Nesting deeper than {MAX_DEPTH} levels",
                "use fewer parentheses and fewer 'not' in a row",
            )

    def _peek(self) -> Token:
        return self.tokens[self.index]

    def _advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind is not TokenKind.END:
            self.index += 1
        return token

    def _accept(self, kind: TokenKind) -> bool:
        if self._peek().kind is kind:
            self._advance()
            return True
        return False

    def _expect(self, kind: TokenKind, what: str, example: str) -> Token:
        token = self._peek()
        if token.kind is not kind:
            found = "the end of the condition" if token.kind is TokenKind.END else repr(token.text)
            raise self._error(token, what, f"found {found}; a threshold reads {example}")
        return self._advance()

    def _error(self, token: Token, what: str, advice: str) -> ConditionError:
        return condition_error(self.text, token.position, what, advice)

    def _expected_operand(self, token: Token) -> ConditionError:
        match token.kind:
            case TokenKind.END:
                return self._error(token, "The condition ends too early", f"expected {_OPERAND}")
            case TokenKind.NUMBER:
                advice = "a number may only follow troops(...) >= or contributors(...) >="
                return self._error(token, f"Unexpected number {token.text}", advice)
            case TokenKind.COMPARISON:
                return self._error(token, f"Unexpected {token.text!r}", _COMPARE_ONLY_THRESHOLDS)
        return self._error(token, f"Unexpected {token.text!r}", f"expected {_OPERAND}")

    def _unexpected_after_operand(self, token: Token, expected: str) -> ConditionError:
        if token.kind is TokenKind.COMPARISON:
            return self._error(token, f"Unexpected {token.text!r}", _COMPARE_ONLY_THRESHOLDS)
        return self._error(token, f"Unexpected {token.text!r}", f"expected {expected}")

    def _unknown_function(self, token: Token) -> ConditionError:
        functions = "troops(participant) and contributors(capability)"
        suggestion = closest(token.text, [f.value for f in Function])
        advice = f"did you mean {suggestion!r}? " if suggestion else ""
        return self._error(
            token, f"Unknown function {token.text!r}", f"{advice}the functions are {functions}"
        )
