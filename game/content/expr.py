"""The safe condition language: parse, type-check and evaluate conditions.

Content conditions such as ``form == 'team' and not flag('asked_zhang')`` are parsed once,
at load time (see ``game.content.syntax``), then type-checked here, so unknown names, type
mistakes and misspelt enum values surface in the checker as ``ContentError``. Evaluation walks
the tree against a mapping of whitelisted values. Never uses eval, exec, compile or the
``ast`` module, and never imports textual.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from game.content.errors import ContentError
from game.content.names import NAMES
from game.content.syntax import (
    COMPARISONS,
    Binary,
    Call,
    Const,
    Expr,
    Name,
    Token,
    Unary,
    parse_tree,
    tokenize,
    walk,
)

__all__ = [
    "Binary", "Call", "Condition", "Const", "Expr", "Name", "Token", "Unary", "evaluate",
    "is_true", "parse_condition", "parse_expression", "tokenize", "type_of", "walk",
]


@dataclass(frozen=True)
class Condition:
    """A parsed condition: its source text and its AST (whose value is true or false)."""

    source: str
    tree: Expr

    def names(self) -> set[str]:
        """Every condition name the expression reads."""
        return {n.name for n in walk(self.tree) if isinstance(n, Name)}

    def calls(self, func: str) -> list[str]:
        """The string arguments of every call to flag() or seen()."""
        return [
            n.args[0].value  # type: ignore[misc]
            for n in walk(self.tree)
            if isinstance(n, Call) and n.func == func and isinstance(n.args[0], Const)
        ]


# --- static types --------------------------------------------------------------------------


def type_of(node: Expr) -> str:
    """The type of an expression ('num', 'str' or 'bool'); raises ContentError on a mismatch."""
    if isinstance(node, Const):
        if isinstance(node.value, bool):
            return "bool"
        return "str" if isinstance(node.value, str) else "num"
    if isinstance(node, Name):
        return NAMES[node.name].type
    if isinstance(node, Call):
        if node.func in ("flag", "seen"):
            return "bool"
        for arg in node.args:
            _need(arg, "num", f"{node.func}()")
        return "num"
    if isinstance(node, Unary):
        _need(node.operand, "bool" if node.op == "not" else "num", f"'{node.op}'")
        return "bool" if node.op == "not" else "num"
    op = node.op
    if op in ("and", "or"):
        _need(node.left, "bool", f"'{op}'")
        _need(node.right, "bool", f"'{op}'")
        return "bool"
    if op in ("==", "!="):
        left, right = type_of(node.left), type_of(node.right)
        if left != right:
            raise ContentError(f"cannot compare a {_TYPE_WORDS[left]} with a {_TYPE_WORDS[right]}")
        _check_enum(node.left, node.right)
        _check_enum(node.right, node.left)
        return "bool"
    _need(node.left, "num", f"'{op}'")
    _need(node.right, "num", f"'{op}'")
    return "bool" if op in COMPARISONS else "num"


_TYPE_WORDS = {"num": "number", "str": "string", "bool": "true/false value"}


def _need(node: Expr, wanted: str, where: str) -> None:
    found = type_of(node)
    if found != wanted:
        raise ContentError(f"{where} needs a {_TYPE_WORDS[wanted]}, not a {_TYPE_WORDS[found]}")


def _check_enum(name: Expr, other: Expr) -> None:
    if isinstance(name, Name) and isinstance(other, Const) and isinstance(other.value, str):
        values = NAMES[name.name].values
        if values and other.value not in values:
            choices = ", ".join(values)
            raise ContentError(f"'{other.value}' is not a value of {name.name} ({choices})")


def parse_condition(source: str) -> Condition:
    """Parse and type-check a condition; it must be true or false. Raises ContentError."""
    if not isinstance(source, str):
        raise ContentError("a condition must be a quoted string")
    if not source.strip():
        raise ContentError("empty condition")
    tree = parse_tree(source)
    kind = type_of(tree)
    if kind != "bool":
        raise ContentError(
            f"condition must be true or false, not a {_TYPE_WORDS[kind]} (compare it, e.g. x > 0)"
        )
    return Condition(source, tree)


def parse_expression(source: str) -> Expr:
    """Parse any expression (a condition or a value) without requiring it to be true/false."""
    tree = parse_tree(source)
    type_of(tree)
    return tree


# --- evaluation ----------------------------------------------------------------------------


def evaluate(
    node: Expr | Condition,
    values: Mapping[str, object],
    flags: Collection[str] = (),
    seen: Collection[str] = (),
) -> bool | int | float | str:
    """Evaluate a parsed expression against condition values, flags and seen scene ids."""
    if isinstance(node, Condition):
        node = node.tree
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Name):
        if node.name not in values:
            raise ContentError(f"the game gave no value for '{node.name}'")
        return values[node.name]  # type: ignore[return-value]
    if isinstance(node, Call):
        if node.func == "flag":
            return node.args[0].value in flags  # type: ignore[union-attr]
        if node.func == "seen":
            return node.args[0].value in seen  # type: ignore[union-attr]
        a, b = (_number(evaluate(arg, values, flags, seen)) for arg in node.args)
        return min(a, b) if node.func == "min" else max(a, b)
    if isinstance(node, Unary):
        value = evaluate(node.operand, values, flags, seen)
        return (not _truth(value)) if node.op == "not" else -_number(value)
    op = node.op
    if op == "and":
        return _truth(evaluate(node.left, values, flags, seen)) and _truth(
            evaluate(node.right, values, flags, seen))
    if op == "or":
        return _truth(evaluate(node.left, values, flags, seen)) or _truth(
            evaluate(node.right, values, flags, seen))
    left = evaluate(node.left, values, flags, seen)
    right = evaluate(node.right, values, flags, seen)
    if op == "==":
        return _same(left, right)
    if op == "!=":
        return not _same(left, right)
    a, b = _number(left), _number(right)
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    if op == ">=":
        return a >= b
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        raise ContentError("division by zero")
    return a / b


def _number(value: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ContentError(f"expected a number, got {value!r}")
    return value


def _truth(value: object) -> bool:
    if not isinstance(value, bool):
        raise ContentError(f"expected true or false, got {value!r}")
    return value


def _same(left: object, right: object) -> bool:
    if isinstance(left, bool) != isinstance(right, bool):
        return False
    return left == right


def is_true(
    condition: Condition | None,
    values: Mapping[str, object],
    flags: Collection[str] = (),
    seen: Collection[str] = (),
) -> bool:
    """True if there is no condition or it evaluates to true."""
    if condition is None:
        return True
    return _truth(evaluate(condition.tree, values, flags, seen))
