"""Static checks of the story's shape and of the screen budget.

Finds scenes nothing leads to, ``next`` cycles with no way out, chains that cross roles,
text too long for the screen, and scenes filed under the wrong role or season. Works on a
loaded ``ContentBundle`` and returns ``Problem`` values (errors and warnings) for the
checker. Never imports textual.
"""

from __future__ import annotations

from pathlib import Path

from game.content.bundle import ContentBundle
from game.content.errors import ContentError, Problem
from game.content.files import LineIndex, read_text
from game.content.model import Passage, Scene
from game.content.names import MODEL_FLAGS

MAX_TEXT = 1400
MAX_LINE = 200
MAX_LABEL = 72


class _Lines:
    """Caches a LineIndex per content file, to point at long lines."""

    def __init__(self, bundle: ContentBundle) -> None:
        self.bundle = bundle
        self.cache: dict[str, LineIndex] = {}

    def find(self, file: str, needle: str, start: int | None) -> int | None:
        if file not in self.cache:
            try:
                text = read_text(self.bundle.assets_dir.parent / file, file)
            except ContentError:
                return start
            self.cache[file] = LineIndex(text)
        return self.cache[file].find(needle, start)


def next_graph(bundle: ContentBundle) -> dict[str, set[str]]:
    """For each scene or event id, the ids its choices lead to with ``next``."""
    ids = {p.id for p in (*bundle.scenes, *bundle.events)}
    return {
        p.id: {c.next for c in p.choices if c.next is not None and c.next in ids}
        for p in (*bundle.scenes, *bundle.events)
    }


def reachable(bundle: ContentBundle) -> set[str]:
    """Ids reachable from a dated scene or an event by following ``next``."""
    graph = next_graph(bundle)
    todo = [s.id for s in bundle.scenes if s.t is not None] + [e.id for e in bundle.events]
    found = set(todo)
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in found:
                found.add(target)
                todo.append(target)
    return found


def _components(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[set[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                out.append(component)
    return out


def check_structure(bundle: ContentBundle) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) about reachability, cycles, roles, budgets and file placement."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    passages: list[Passage] = [*bundle.scenes, *bundle.events]
    by_id = {p.id: p for p in passages}
    lines = _Lines(bundle)

    seen_ok = reachable(bundle)
    for scene in bundle.scenes:
        if scene.id not in seen_ok:
            errors.append(Problem(scene.file, scene.line,
                                  f"unreachable scene '{scene.id}': it has no year/season and "
                                  "no reachable scene leads to it with next"))

    graph = next_graph(bundle)
    for component in _components(graph):
        looping = len(component) > 1 or any(n in graph[n] for n in component)
        if not looping:
            continue
        exits = any(
            c.next is None or c.next not in component
            for n in component for c in by_id[n].choices
        )
        if not exits:
            first = min((by_id[n] for n in component), key=lambda p: (p.file, p.line or 0))
            names = ", ".join(sorted(component))
            errors.append(Problem(first.file, first.line,
                                  f"next cycle never ends: every choice of {names} leads back"))

    set_flags = {str(e.args[0]) for p in passages for c in p.choices for e in c.effects
                 if e.name == "flag"} | set(MODEL_FLAGS)
    for passage in passages:
        head = passage.when if isinstance(passage, Scene) else passage.trigger
        for condition in (head, *(c.when for c in passage.choices)):
            for name in condition.calls("flag") if condition is not None else ():
                if name not in set_flags:
                    warnings.append(Problem(passage.file, lines.find(passage.file, name,
                                                                     passage.line),
                                            f"flag('{name}') is tested but no effect sets it"))
        for choice in passage.choices:
            target = by_id.get(choice.next or "")
            if isinstance(target, Scene) and passage.role != "any" and target.role not in (
                    passage.role, "any"):
                errors.append(Problem(passage.file, choice.line,
                                      f"next '{target.id}' is a {target.role} scene but "
                                      f"'{passage.id}' is for the {passage.role} role"))
        errors += _budget(passage, lines)
        warnings += _placement(passage)
    return errors, warnings


def _budget(passage: Passage, lines: _Lines) -> list[Problem]:
    out: list[Problem] = []

    def text_budget(text: str, what: str, start: int | None) -> None:
        if len(text) > MAX_TEXT:
            out.append(Problem(passage.file, start, f"{what} of '{passage.id}' is {len(text)} "
                                                    f"characters; the screen holds {MAX_TEXT}"))
        for row in text.splitlines():
            if len(row) > MAX_LINE:
                at = lines.find(passage.file, row[:60], start)
                out.append(Problem(passage.file, at, f"a line of {what} of '{passage.id}' is "
                                                     f"{len(row)} characters; keep lines under "
                                                     f"{MAX_LINE}"))

    text_budget(passage.text, "the text", passage.line)
    for choice in passage.choices:
        if len(choice.label) > MAX_LABEL:
            out.append(Problem(passage.file, lines.find(passage.file, choice.label[:40],
                                                        choice.line),
                               f"choice label is {len(choice.label)} characters; keep it "
                               f"under {MAX_LABEL}"))
        if choice.result:
            text_budget(choice.result, "a result", choice.line)
    return out


def _placement(passage: Passage) -> list[Problem]:
    """Warn when a scene sits in a file whose folder or name says another role or season."""
    if not isinstance(passage, Scene):
        return []
    path = Path(passage.file)
    out: list[Problem] = []
    folder = path.parent.name
    if folder in ("peasant", "cadre") and passage.role not in (folder, "any"):
        out.append(Problem(passage.file, passage.line,
                           f"scene '{passage.id}' is for the {passage.role} role but sits in "
                           f"scenes/{folder}/"))
    if passage.t is not None and "-" in path.stem:
        if path.stem != f"{passage.year}-{passage.season}":
            out.append(Problem(passage.file, passage.line,
                               f"scene '{passage.id}' is dated {passage.year}-{passage.season} "
                               f"but sits in {path.name}"))
    return out
