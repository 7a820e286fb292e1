"""Effects: the typed actions a content choice asks the game to take.

An effect string such as ``"join('team')"`` or ``"standing(-1)"`` is parsed at load time
into a frozen ``Effect(name, args)`` whose name and argument types, enum values and ranges
are checked against the README's table (``game.content.names.EFFECTS``). Content never
changes the model directly: the session turns effects into its own actions. Never uses
eval or exec, and never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.errors import ContentError
from game.content.names import EFFECTS, ArgSpec
from game.content.syntax import Token, tokenize

EffectArg = str | int | float | bool


@dataclass(frozen=True)
class Effect:
    """One effect of a choice: its name (a key of the README table) and literal arguments."""

    name: str
    args: tuple[EffectArg, ...] = ()

    @property
    def role(self) -> str:
        """Which role may use this effect: 'any', 'peasant' or 'cadre'."""
        return EFFECTS[self.name].role

    def __str__(self) -> str:
        return f"{self.name}({', '.join(_show(a) for a in self.args)})"


def _show(arg: EffectArg) -> str:
    if isinstance(arg, bool):
        return "true" if arg else "false"
    if isinstance(arg, str):
        return f"'{arg}'"
    return str(arg)


def parse_effect(source: object) -> Effect:
    """Parse one effect string into an Effect; raises ContentError with a plain message."""
    if not isinstance(source, str):
        raise ContentError("each effect must be a quoted string like \"flag('name')\"")
    tokens = tokenize(source)
    head = tokens[0]
    if head.kind != "name":
        raise ContentError(f"an effect starts with its name, like flag('x'), not {source!r}")
    name = head.text
    if name.startswith("_"):
        raise ContentError(f"names starting with '_' are not allowed ('{name}')")
    if name not in EFFECTS:
        raise ContentError(f"unknown effect '{name}'")
    if len(tokens) < 3 or tokens[1].text != "(" or tokens[-2].text != ")":
        raise ContentError(f"write the effect as {name}(...) with its arguments in brackets")
    args = _literals(tokens[2:-2], name)
    spec = EFFECTS[name].args
    if len(args) != len(spec):
        raise ContentError(f"{name}() takes {len(spec)} argument(s), got {len(args)}")
    return Effect(name, tuple(_check_arg(name, arg, want) for arg, want in zip(args, spec)))


def _literals(tokens: list[Token], name: str) -> list[EffectArg]:
    """Comma-separated literal arguments: numbers (optionally negative), strings, true/false."""
    args: list[EffectArg] = []
    i = 0
    while i < len(tokens):
        sign = 1
        if tokens[i].text == "-" and tokens[i].kind == "op":
            sign, i = -1, i + 1
        if i >= len(tokens):
            raise ContentError(f"{name}(): '-' must be followed by a number")
        token = tokens[i]
        if token.kind == "num":
            args.append(sign * (float(token.text) if "." in token.text else int(token.text)))
        elif sign == -1:
            raise ContentError(f"{name}(): '-' must be followed by a number")
        elif token.kind == "str":
            args.append(token.text)
        elif token.kind == "name" and token.text in ("true", "false"):
            args.append(token.text == "true")
        else:
            raise ContentError(
                f"{name}() takes only plain values (numbers, 'strings', true/false), "
                f"not '{token.text}'"
            )
        i += 1
        if i < len(tokens):
            if tokens[i].text != ",":
                raise ContentError(f"{name}(): expected ',' between arguments")
            i += 1
            if i >= len(tokens):
                raise ContentError(f"{name}(): missing argument after ','")
    return args


def _check_arg(name: str, arg: EffectArg, want: ArgSpec) -> EffectArg:
    if want.kind in ("name", "enum"):
        if not isinstance(arg, str) or not arg:
            raise ContentError(f"{name}() takes a quoted name, got {_show(arg)}")
        if want.kind == "enum" and arg not in want.values:
            raise ContentError(f"{name}() takes one of {', '.join(want.values)}, got '{arg}'")
        return arg
    if want.kind == "bool":
        if not isinstance(arg, bool):
            raise ContentError(f"{name}() takes true or false, got {_show(arg)}")
        return arg
    if isinstance(arg, bool) or not isinstance(arg, (int, float)):
        raise ContentError(f"{name}() takes a number, got {_show(arg)}")
    if want.kind == "int" and not isinstance(arg, int):
        raise ContentError(f"{name}() takes a whole number, got {arg}")
    if (want.low is not None and arg < want.low) or (want.high is not None and arg > want.high):
        raise ContentError(f"{name}() takes a number from {want.low:g} to {want.high:g}, got {arg}")
    return arg
