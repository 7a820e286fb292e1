"""Syntax of the condition language: tokens, the AST and a recursive-descent parser.

Turns a condition string into a tree of frozen nodes, rejecting anything the language lacks
(attribute access, indexing, unknown names, calls other than flag/seen/min/max, names that
start with an underscore) with a ``ContentError``. Nesting depth and length are bounded so
no input can exhaust the stack. Never uses eval, exec, compile or the ``ast`` module, and
never imports textual. ``game.content.expr`` adds type checking and evaluation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.content.errors import ContentError
from game.content.names import FUNCTIONS, NAMES

MAX_LENGTH = 2000
MAX_DEPTH = 40
MAX_TOKENS = 150  # bounds the tree, so type checks and evaluation never recurse deeply

KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")
OPERATORS = COMPARISONS + ("+", "-", "*", "/", "(", ")", ",")

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Token:
    """One token: kind is 'num', 'str', 'name', 'op' or 'end'; pos is its offset."""

    kind: str
    text: str
    pos: int


def tokenize(source: str) -> list[Token]:
    """Split a condition into tokens, rejecting any character the language does not have."""
    if len(source) > MAX_LENGTH:
        raise ContentError(f"expression is longer than {MAX_LENGTH} characters")
    tokens: list[Token] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "'\"":
            end = source.find(ch, i + 1)
            if end < 0:
                raise ContentError(f"unterminated string starting at column {i + 1}")
            tokens.append(Token("str", source[i + 1:end], i))
            i = end + 1
            continue
        match = _NUMBER.match(source, i)
        if match:
            tokens.append(Token("num", match.group(), i))
            i = match.end()
            continue
        match = _NAME.match(source, i)
        if match:
            if match.group().startswith("_"):
                raise ContentError(f"names starting with '_' are not allowed ('{match.group()}')")
            tokens.append(Token("name", match.group(), i))
            i = match.end()
            continue
        two = source[i:i + 2]
        if two in OPERATORS:
            tokens.append(Token("op", two, i))
            i += 2
            continue
        if ch in OPERATORS:
            tokens.append(Token("op", ch, i))
            i += 1
            continue
        raise ContentError(_bad_character(ch))
    if len(tokens) > MAX_TOKENS:
        raise ContentError(f"expression has more than {MAX_TOKENS} parts; split it up")
    tokens.append(Token("end", "", len(source)))
    return tokens


def _bad_character(ch: str) -> str:
    if ch == ".":
        return "attribute access (a.b) is not allowed"
    if ch in "[]":
        return "indexing (a[b]) is not allowed"
    if ch == "=":
        return "use == to compare, not ="
    if ch in "&|!":
        return f"'{ch}' is not an operator here; use and, or, not"
    return f"unexpected character {ch!r}"


# --- the AST -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Const:
    value: bool | int | float | str


@dataclass(frozen=True)
class Name:
    name: str


@dataclass(frozen=True)
class Unary:
    op: str  # 'not' or '-'
    operand: Expr


@dataclass(frozen=True)
class Binary:
    op: str  # 'and', 'or', a comparison, or + - * /
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[Expr, ...]


Expr = Const | Name | Unary | Binary | Call


def walk(node: Expr):
    """Every node of an expression tree, parents first."""
    yield node
    if isinstance(node, Unary):
        yield from walk(node.operand)
    elif isinstance(node, Binary):
        yield from walk(node.left)
        yield from walk(node.right)
    elif isinstance(node, Call):
        for arg in node.args:
            yield from walk(arg)


# --- the parser ----------------------------------------------------------------------------


class _Parser:
    """Recursive descent over the grammar: or > and > not > comparison > sum > term > unary."""

    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.i = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def at(self, kind: str, text: str | None = None) -> bool:
        token = self.peek()
        return token.kind == kind and (text is None or token.text == text)

    def expect_op(self, text: str) -> None:
        if not self.at("op", text):
            raise ContentError(f"expected '{text}' but found {_describe(self.peek())}")
        self.take()

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ContentError("expression is nested too deeply")

    def parse(self) -> Expr:
        tree = self.or_expr()
        if not self.at("end"):
            raise ContentError(f"unexpected {_describe(self.peek())}")
        return tree

    def or_expr(self) -> Expr:
        left = self.and_expr()
        while self.at("name", "or"):
            self.take()
            left = Binary("or", left, self.and_expr())
        return left

    def and_expr(self) -> Expr:
        left = self.not_expr()
        while self.at("name", "and"):
            self.take()
            left = Binary("and", left, self.not_expr())
        return left

    def not_expr(self) -> Expr:
        if self.at("name", "not"):
            self.take()
            self.deeper()
            node = Unary("not", self.not_expr())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Expr:
        left = self.sum()
        if self.peek().kind == "op" and self.peek().text in COMPARISONS:
            op = self.take().text
            left = Binary(op, left, self.sum())
            if self.peek().kind == "op" and self.peek().text in COMPARISONS:
                raise ContentError("chained comparisons are not allowed; join them with 'and'")
        return left

    def sum(self) -> Expr:
        left = self.term()
        while self.at("op", "+") or self.at("op", "-"):
            op = self.take().text
            left = Binary(op, left, self.term())
        return left

    def term(self) -> Expr:
        left = self.unary()
        while self.at("op", "*") or self.at("op", "/"):
            op = self.take().text
            left = Binary(op, left, self.unary())
        return left

    def unary(self) -> Expr:
        if self.at("op", "-"):
            self.take()
            self.deeper()
            node = Unary("-", self.unary())
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Expr:
        token = self.take()
        if token.kind == "num":
            text = token.text
            return Const(float(text) if "." in text else int(text))
        if token.kind == "str":
            return Const(token.text)
        if token.kind == "op" and token.text == "(":
            self.deeper()
            inner = self.or_expr()
            self.depth -= 1
            self.expect_op(")")
            return inner
        if token.kind == "name":
            return self.name(token)
        raise ContentError(f"unexpected {_describe(token)}")

    def name(self, token: Token) -> Expr:
        word = token.text
        if word == "true":
            return Const(True)
        if word == "false":
            return Const(False)
        if word in KEYWORDS:
            raise ContentError(f"unexpected '{word}'")
        if word.startswith("_"):
            raise ContentError(f"names starting with '_' are not allowed ('{word}')")
        if self.at("op", "("):
            return self.call(word)
        if word in FUNCTIONS:
            raise ContentError(f"'{word}' is a function; call it like {word}(...)")
        if word not in NAMES:
            hint = " (write true/false in lower case)" if word in ("True", "False") else ""
            raise ContentError(f"unknown name '{word}'{hint}")
        return Name(word)

    def call(self, func: str) -> Expr:
        if func not in FUNCTIONS:
            if func in NAMES:
                raise ContentError(f"'{func}' is not a function")
            raise ContentError(f"unknown function '{func}'; only flag, seen, min, max")
        self.take()  # the '('
        args: list[Expr] = []
        self.deeper()
        if not self.at("op", ")"):
            args.append(self.or_expr())
            while self.at("op", ","):
                self.take()
                args.append(self.or_expr())
        self.depth -= 1
        self.expect_op(")")
        if len(args) != FUNCTIONS[func]:
            raise ContentError(f"{func}() takes {FUNCTIONS[func]} argument(s), got {len(args)}")
        if func in ("flag", "seen") and not (
            isinstance(args[0], Const) and isinstance(args[0].value, str) and args[0].value
        ):
            raise ContentError(f"{func}() takes one quoted name, like {func}('name')")
        return Call(func, tuple(args))


def _describe(token: Token) -> str:
    if token.kind == "end":
        return "end of expression"
    if token.kind == "str":
        return f"string '{token.text}'"
    return f"'{token.text}'"




def parse_tree(source: str) -> Expr:
    """Parse an expression into a tree (no type check). Raises ContentError."""
    return _Parser(source).parse()
