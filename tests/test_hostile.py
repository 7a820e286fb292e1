"""Never a traceback, never a hang, never a file outside the saves folder (issue 17).

Hypothesis drives the ``hightide`` command (in-process, through ``game.cli.main``) with hostile
input on every surface: random bytes and structured mutations of a real save through every
command that reads saves; random lines at every line-mode prompt; random assignment files and
codes; random values in content files. Each example asserts:

- the exit status is 0, 1 (a refusal, said in one sentence) or 2 (a usage error);
- stderr is at most one readable line (<= 300 characters, no control characters, no traceback);
- nothing outside the sandbox's saves folder (and the command's own --out) is written or changed,
  and the input file is unchanged.

The default run is bounded (a few examples per surface); ``--hypothesis-profile=long`` (see
tests/conftest.py) runs many more.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.paths import assets_dir
from game.session import saves, views
from game.session.actions import ChooseScene, EndSeason, SetEffort
from game.session.assignment import encode, load_assignment
from game.session.game import GameSetup, Session

LONG = settings.default.max_examples >= 1000  # --hypothesis-profile=long
EXAMPLES = {"saves": 400, "lines": 200, "assignments": 400, "codes": 1000, "content": 60} if LONG else \
    {"saves": 12, "lines": 6, "assignments": 20, "codes": 60, "content": 3}
HOSTILE = dict(deadline=None, derandomize=not LONG, suppress_health_check=list(HealthCheck))
STATUSES = (0, 1, 2)


# ------------------------------------------------------------------ the harness
def tree(root: Path, skip: Path | None = None) -> dict[str, str]:
    """Every regular file under root (but not under skip) with a hash of its bytes."""
    out = {}
    for path in sorted(root.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if path.is_file() and not path.is_symlink():
            out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run(argv: list[str], sandbox: Path, stdin: str = "", allowed: Path | None = None) -> tuple[int, str, str]:
    """Run ``hightide argv`` in-process; check the promises that hold for every input."""
    saves_folder = sandbox / "saves"
    before = tree(sandbox, skip=allowed or saves_folder)
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--saves", str(saves_folder), *argv])
    finally:
        sys.stdin = old_stdin
    stdout, stderr = out.getvalue(), err.getvalue()
    assert code in STATUSES, f"exit status {code} for {argv}"
    assert "Traceback" not in stdout + stderr, stderr[-2000:]
    lines = stderr.strip().splitlines()
    assert len(lines) <= 1, f"stderr has {len(lines)} lines: {stderr[:600]!r}"
    if lines:
        assert len(lines[0]) <= 300, f"an error line of {len(lines[0])} characters"
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in lines[0]), repr(lines[0])
    assert "\x1b" not in stdout, "a raw escape character reached the terminal"
    assert tree(sandbox, skip=allowed or saves_folder) == before, "a file outside the saves folder changed"
    return code, stdout, stderr


def small_game(seasons: int = 3) -> Session:
    session = Session(GameSetup(role="peasant", household="wang_fu", seed=11, county=3, player="Hostile"))
    for t in range(seasons):
        while session.queue:
            scene = views.current_scene(session)
            session.apply(ChooseScene(scene.id, next(o.index for o in scene.options if o.available)))
        session.apply(SetEffort(0.85))
        session.apply(EndSeason())
    return session


@pytest.fixture(scope="module")
def save_text(tmp_path_factory) -> str:
    path = saves.save(small_game(), tmp_path_factory.mktemp("real") / "real.hightide.json")
    return path.read_text(encoding="utf-8")


def fresh_sandbox(base: Path) -> Path:
    sandbox = Path(tempfile.mkdtemp(prefix="hostile-", dir=base))
    (sandbox / "saves").mkdir()
    return sandbox


# ------------------------------------------------------------------ saves through every command
def _leaves(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, path + (i,))


ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True), st.text(max_size=40),
    st.just("\x1b[2J\x1b[31mred"), st.just("=HYPERLINK(\"http://x\")"), st.just("x" * 5000), st.just("9" * 5000),
    st.just(json.loads("[" * 30 + "]" * 30)), st.just({"kind": "end_season"}),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3))


@st.composite
def hostile_saves(draw, text: str) -> bytes:
    how = draw(st.sampled_from(["bytes", "value", "delete", "truncate", "flip", "deep", "swap", "duplicate"]))
    data = json.loads(text)
    if how == "bytes":
        return draw(st.binary(max_size=400))
    if how == "truncate":
        raw = text.encode()
        return raw[: draw(st.integers(0, len(raw)))]
    if how == "flip":
        raw = bytearray(text.encode())
        for _ in range(draw(st.integers(1, 5))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
        return bytes(raw)
    if how == "deep":
        depth = draw(st.sampled_from([30, 1000, 100_000]))
        return ("[" * depth + "]" * depth).encode()
    paths = [p for p in _leaves(data) if p]
    path = draw(st.sampled_from(paths))
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if how == "value":
        parent[path[-1]] = draw(ODD_VALUES)
    elif how == "delete":
        del parent[path[-1]]
    elif how == "swap" and isinstance(parent, list) and len(parent) > 1:
        i = draw(st.integers(0, len(parent) - 2))
        parent[i], parent[i + 1] = parent[i + 1], parent[i]
    elif how == "duplicate" and isinstance(parent, list):
        parent.extend(parent[: draw(st.integers(1, 3))])
    return json.dumps(data, ensure_ascii=draw(st.booleans())).encode()


SAVE_COMMANDS = [
    ["verify", "{save}"], ["replay", "{save}", "--plain"], ["report", "{save}", "--format", "md"],
    ["report", "{save}", "--format", "html", "--out", "{out}/r.html"], ["compare", "{save}", "{save}"],
    ["branch", "{save}", "--season", "summer 1953", "--action", "effort 0.6", "--out", "{out}/b.hightide.json"],
    ["play", "--plain", "--load", "{save}"], ["class", "{folder}", "--assignment", "{assignment}", "--out", "{out}"],
]


@pytest.mark.slow
@given(data=st.data())
@settings(max_examples=EXAMPLES["saves"], **HOSTILE)
def test_hostile_saves_through_every_command(tmp_path_factory, save_text, data) -> None:
    sandbox = fresh_sandbox(tmp_path_factory.getbasetemp())
    folder = sandbox / "class"
    folder.mkdir()
    save = folder / "game.hightide.json"
    content = data.draw(hostile_saves(save_text))
    save.write_bytes(content)
    out = sandbox / "saves" / "out"
    assignment = assets_dir() / "assignments" / "two-lessons.toml"
    argv = data.draw(st.sampled_from(SAVE_COMMANDS))
    argv = [a.format(save=save, out=out, folder=folder, assignment=assignment) for a in argv]
    allowed = out if "--out" in argv else None
    code, stdout, _ = run(argv, sandbox, stdin="1\n" * 3, allowed=allowed)
    assert save.read_bytes() == content, "the command changed the save it read"


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "deep", "huge"])
def test_files_that_are_not_saves_never_hang(tmp_path, kind) -> None:
    sandbox = fresh_sandbox(tmp_path)
    path = sandbox / "x.hightide.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000)
    else:
        path.write_bytes(b" " * (saves.MAX_BYTES + 10))
    for argv in (["verify", str(path)], ["replay", str(path), "--plain"], ["report", str(path)],
                 ["compare", str(path), str(path)], ["play", "--plain", "--load", str(path)],
                 ["code", str(path)], ["play", "--plain", "--assignment", str(path)]):
        code, stdout, stderr = run(argv, sandbox)
        assert code == 1 and (stderr.strip() or stdout.startswith("FAILED")), argv  # verify reports on stdout


# ------------------------------------------------------------------ line mode: random lines at every prompt
LINES = st.one_of(
    st.text(max_size=60), st.sampled_from(["", " ", "²", "⑦", "٣", "1" * 5000, "-1", "0", "99", "help", "quit",
                                           "calculus ²", "why", "do fly", "save \x1b[2J", "read", "glossary ⑦",
                                           "policy stance", "effort 1e308", "sell nan", "\x00", "\ufeff1"]),
    st.from_regex(r"[a-z]{1,9}( [0-9a-z²⑦]{1,6}){0,2}", fullmatch=True))


@pytest.mark.slow
@given(lines=st.lists(LINES, min_size=1, max_size=40), role=st.sampled_from(["peasant", "cadre"]))
@settings(max_examples=EXAMPLES["lines"], **HOSTILE)
def test_random_lines_at_every_line_mode_prompt(tmp_path_factory, lines, role) -> None:
    sandbox = fresh_sandbox(tmp_path_factory.getbasetemp())
    # interleave the random lines with answers that move the game on, so every prompt sees them
    script = [x for line in lines for x in (line, "1")]
    argv = ["play", "--plain", "--role", role, "--seed", "4"] + (["--household", "li_guiying"] if role == "peasant" else [])
    code, stdout, _ = run(argv, sandbox, stdin="\n".join(script) + "\n")
    assert code == 0 and ("Input ended" in stdout or "No game started" in stdout or "Epilogue" in stdout)
    for path in (sandbox / "saves").glob("*.hightide.json"):
        assert saves.verify(path).ok, "line mode wrote a save it cannot read back"


@pytest.mark.parametrize("line", ["²", "⑦", "1" * 5000, "\udcff", "\x1b[2J"])
def test_the_first_prompts_refuse_odd_numbers(tmp_path, line) -> None:
    sandbox = fresh_sandbox(tmp_path)
    code, stdout, _ = run(["play", "--plain"], sandbox, stdin=f"{line}\n1\n{line}\n1\n")
    assert code == 0 and "Which household?" in stdout


# ------------------------------------------------------------------ assignment files and codes
ASSIGNMENT = (assets_dir() / "assignments" / "two-lessons.toml").read_text(encoding="utf-8")
KEYS = ["id", "title", "scenario", "role", "seed", "household", "stop_after", "lock_household", "instructions"]


@st.composite
def hostile_assignments(draw) -> bytes:
    how = draw(st.sampled_from(["bytes", "line", "value", "deep", "long"]))
    if how == "bytes":
        return draw(st.binary(max_size=300))
    if how == "deep":
        return ("[assignment]\nid = " + "[" * 5000 + "]" * 5000 + "\n").encode()
    if how == "long":
        key = draw(st.sampled_from(["id", "title", "instructions"]))
        return ASSIGNMENT.replace(f"\n{key} = ", f"\n{key} = \"{'x' * 20000}\"\nignored_{key} = ", 1).encode()
    lines = ASSIGNMENT.splitlines()
    if how == "line":
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] = draw(st.text(max_size=40))
        return "\n".join(lines).encode("utf-8", "surrogatepass")
    key = draw(st.sampled_from(KEYS))
    value = draw(st.one_of(st.integers(-2**70, 2**70), st.text(max_size=20).map(json.dumps),
                           st.sampled_from(['"²"', '["summer ⑦"]', '["autumn 9' + "9" * 5000 + '"]', "[]", "{}",
                                            '"\\u001b[2J"', "true", '"=cmd"', '["winter 1957"]'])))
    return "\n".join(line for line in lines if not line.startswith(f"{key} ")).replace(
        "[assignment]", f"[assignment]\n{key} = {value}", 1).encode("utf-8", "surrogatepass")


@pytest.mark.slow
@given(content=hostile_assignments(), which=st.sampled_from(["code", "play", "class"]))
@settings(max_examples=EXAMPLES["assignments"], **HOSTILE)
def test_hostile_assignment_files(tmp_path_factory, content, which) -> None:
    sandbox = fresh_sandbox(tmp_path_factory.getbasetemp())
    path = sandbox / "assignment.toml"
    path.write_bytes(content)
    argv = {"code": ["code", str(path)], "play": ["play", "--plain", "--assignment", str(path)],
            "class": ["class", str(sandbox / "saves"), "--assignment", str(path)]}[which]
    run(argv, sandbox, stdin="Student\n")
    assert path.read_bytes() == content


REAL_CODE = encode(load_assignment(assets_dir() / "assignments" / "two-lessons.toml", assets_dir()))


@given(code=st.one_of(st.text(max_size=30), st.text(alphabet="0123456789ABCDEFGHJKMNPQRSTVWXYZ-", max_size=14),
                      st.just(REAL_CODE[:-1] + "Z"), st.just("x" * 5000)))
@settings(max_examples=EXAMPLES["codes"], **HOSTILE)
def test_random_codes(tmp_path_factory, code) -> None:
    if "\x00" in code:
        code = code.replace("\x00", "")
    sandbox = fresh_sandbox(tmp_path_factory.getbasetemp())
    status, stdout, stderr = run(["play", "--plain", f"--code={code}"], sandbox, stdin="")
    assert status in (0, 1)


# ------------------------------------------------------------------ content values
CONTENT_VALUES = st.one_of(st.text(max_size=30).map(json.dumps), st.integers(-2**70, 2**70).map(str),
                           st.sampled_from(['"{nonsense}"', '"' + "x" * 100_000 + '"', "[" * 200 + "]" * 200,
                                            '"\\u001b]0;title\\u0007"', '"flag(\'x\') and"', "nan", '"__import__"']))


@pytest.mark.slow
@given(value=CONTENT_VALUES, key=st.sampled_from(["title", "text", "when", "label", "next", "speaker", "priority"]))
@settings(max_examples=EXAMPLES["content"], **HOSTILE)
def test_random_content_values(tmp_path_factory, value, key) -> None:
    sandbox = fresh_sandbox(tmp_path_factory.getbasetemp())
    assets = sandbox / "saves" / "assets"  # the checker reads it; nothing else may change
    shutil.copytree(Path(__file__).parent / "content" / "fixtures" / "good", assets)
    scene = next(iter(sorted((assets / "scenes").rglob("*.toml"))))
    text = scene.read_text(encoding="utf-8")
    scene.write_text(text.replace(f"\n{key} = ", f"\n{key} = {value}\nx_{key} = ", 1), encoding="utf-8")
    code, stdout, _ = run(["content", "check", str(assets), "--games", "2"], sandbox)
    assert code in (0, 1) and len(stdout) < 200_000
