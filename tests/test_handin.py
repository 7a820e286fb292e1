"""Classroom records a teacher can trust (issue 15): a class folder with a renamed copy, a branch,
a code-played game, an abandoned game and an HTML hand-in; signed, unsigned and bad-signature
saves; an edited report; the same class row by file and by code; readable reports; files made
with the user's umask; Markdown as plain text."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from game.cli import main
from game.paths import assets_dir
from game.session import classtable, report, saves, signing, views
from game.session.actions import Answer, ChooseScene, EndSeason, SetForm
from game.session.assignment import encode, load_assignment
from game.session.markup import to_text
from game.session.start import Choices, NameTaken, Starter

TWO = assets_dir() / "assignments" / "two-lessons.toml"
EXAMPLES = sorted((assets_dir() / "assignments").glob("*.toml"))


def play_student(folder: Path, name: str, seasons: int = 16, how: str = "file", source: Path = TWO,
                 household: str = "wang_fu", style: int | None = None) -> Path:
    """A student's game for an assignment, played in-process through the start service: scene
    choices that depend on ``style`` (by default on the name), every question answered; the
    autosave after every season and, at the end, the report beside it. Returns the autosave."""
    starter = Starter(folder)
    assignment = starter.assignment(file=source) if how == "file" else \
        starter.assignment(code=encode(load_assignment(source, assets_dir())))
    opened = starter.assignment_game(assignment, name)
    if isinstance(opened, NameTaken):
        opened = starter.resume(opened)
    if isinstance(opened, Choices):
        opened = starter.start(opened, household=household)
    session = opened.session
    style = sum(map(ord, name)) if style is None else style
    path = saves.assignment_autosave(folder, name, assignment.id)
    while not session.finished and len(session.logs) < seasons:
        k = 0
        while session.queue:
            view = views.current_scene(session)
            options = [o.index for o in view.options if o.available]
            session.apply(ChooseScene(view.id, options[(style + k) % len(options)]))
            k += 1
        session.apply(EndSeason())
        for q in assignment.questions_after(session.t - 1):
            session.apply(Answer(q.id, f"{name} answers {q.id}: the calculus said so."))
        saves.autosave(session, folder)
    if session.finished:
        for q in assignment.final_questions():
            session.apply(Answer(q.id, f"{name} answers {q.id} at the end."))
        saves.autosave(session, folder)
        report.write_beside(session, path, assignment=assignment)
    return path


def renamed_copy(path: Path, to: Path, player: str) -> Path:
    """What issue 15 saw: a classmate's save with the name changed and the seal recomputed."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["player"] = player
    data["saved_at"] = "2099-01-01T00:00:00+00:00"
    data["seal"] = hashlib.sha256(saves.seal_body(data)).hexdigest()
    to.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return to



pytestmark = pytest.mark.usefixtures("small_class_debriefs")


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("class")
    folder = root / "3b"
    amy = play_student(folder, "Amy Chen")
    renamed_copy(amy, folder / "zed.hightide.json", "Zed Wu")
    bo = play_student(folder, "Bo Wang", seasons=11)  # to the stop point after autumn 1955
    assert main(["branch", str(bo), "--season", "autumn 1954", "--action", "effort 0.6"]) == 0
    play_student(folder, "Cy Zhou", how="code", household="li_guiying")
    play_student(folder, "Dee Lin", seasons=5)  # quit after spring 1954, before the stop point
    home = root / "eve-at-home"
    eve = play_student(home, "Eve Ma", household="zhao_shouren")
    shutil.copy(eve.with_name(eve.name.replace(".autosave.hightide.json", ".report.html")), folder / "eve-ma.html")
    return folder


def test_the_class_counts_the_real_students_and_flags_both_copies(class_folder, capsys) -> None:
    capsys.readouterr()
    assert main(["class", str(class_folder), "--format", "html"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    summary = next(line for line in lines if "hand-in(s) from" in line)
    # Amy's save and her report beside it, Zed's copy, Bo, Cy's save and report, Dee and Eve's report; the branch
    # left out; Cy's report is the same game as Cy's save: not counted twice, not flagged either
    assert summary == ("8 hand-in(s) from 5 student(s): 4 counted, 3 flagged, 1 extra copy(ies) of a student's own "
                       "game; 1 file(s) left out (not a student's own game).")
    assert any(line.startswith("Extra copy: cy-zhou-liudu-two-lessons.") for line in lines)
    flagged = [line for line in lines if line.startswith("Flagged:")]
    assert len(flagged) == 3 and all("COPIED GAME" in line and "Amy Chen" in line and "Zed Wu" in line for line in flagged)
    assert any(line.startswith("Flagged: zed.hightide.json") for line in flagged)
    assert all("saved first by Amy Chen (amy-chen-liudu-two-lessons" in line for line in flagged)
    assert any(line.startswith("Left out: bo-wang-liudu-two-lessons.autumn-1954.branch.hightide.json: a branch of "
                               "Bo Wang's game at Autumn 1954") for line in lines)
    rows = {line.split(" | ")[0]: line for line in lines if line.startswith("student: ")}
    assert "status: stopped after Autumn 1955 (a stop point)" in rows["student: Bo Wang"]
    assert "status: abandoned after Spring 1954" in rows["student: Dee Lin"]
    assert "status: complete" in rows["student: Cy Zhou"] and "check: verified |" in rows["student: Cy Zhou"]
    assert "status: complete" in rows["student: Eve Ma"] and "check: verified |" in rows["student: Eve Ma"]
    assert "Status: 1 abandoned, 2 complete, 1 stopped." in out
    assert "Records: 8 unsigned. (No signing key in this folder: signatures were not checked.)" in out
    page = (class_folder / "class-table.html").read_text(encoding="utf-8")
    assert page.count("<svg") >= 4 + 2 + 3 and "@media print" in page and "more is better" in page
    assert "households joined a co-op" in page and "China (national record)" in page
    assert page.count('<section class="report">') == 4  # one report per counted student, one printed page each
    table = (class_folder / "class-table.csv").read_text(encoding="utf-8").splitlines()
    assert "answer to q1 (after Autumn 1953): From this autumn the state buys grain" in table[0]


def test_an_edited_html_hand_in_fails_verify(class_folder, tmp_path, capsys) -> None:
    original = class_folder / "eve-ma.html"
    assert main(["verify", str(original)]) == 0
    assert "verified report (the whole game, to the epilogue" in capsys.readouterr().out
    text = original.read_text(encoding="utf-8")
    edits = {"verdict": text.replace("NOT verified", "verified") if "NOT verified" in text else
             text.replace("Save verified", "Save verified and excellent"),
             "an answer": text.replace("Eve Ma answers q2", "Eve Ma answers q2 brilliantly"),
             "the embedded save": text.replace('"player":"Eve Ma"', '"player":"Eve Mao"'),
             "a chart": text.replace("<polyline", "<polyline stroke-opacity=\"0.5\"", 1)}
    for what, edited in edits.items():
        assert edited != text, what
        path = tmp_path / f"edited-{what.replace(' ', '-')}.html"
        path.write_text(edited, encoding="utf-8")
        assert main(["verify", str(path)]) == 1, what
        out = capsys.readouterr().out
        assert out.startswith("FAILED ") and ("edited" in out or "diverged" in out), (what, out)


def test_a_report_printed_to_standard_output_verifies(class_folder, tmp_path, capsys) -> None:
    """'hightide report SAVE --format html > r.html' (the shell adds print's final newline) is the
    page as written, not an edit; an edit inside it still fails."""
    main(["report", str(class_folder / "eve-ma.html"), "--format", "html"])
    printed = tmp_path / "printed.html"
    printed.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["verify", str(printed)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    printed.write_text(printed.read_text(encoding="utf-8").replace("Eve Ma", "Eve Mao", 1), encoding="utf-8")
    assert main(["verify", str(printed)]) == 1


def test_the_html_report_embeds_the_save_and_reads_back(class_folder) -> None:
    handin = classtable.open_handin(class_folder / "eve-ma.html")
    assert handin.kind == "report" and handin.verdict.ok and handin.page == report.MATCHES
    assert handin.verdict.save_file.setup.player == "Eve Ma" and handin.assignment.id == "liudu-two-lessons"
    assert handin.verdict.session.finished


# ------------------------------------------------------------------ signed, unsigned, bad signature
def test_signed_unsigned_and_bad_signatures_are_told_apart(tmp_path, capsys) -> None:
    folder = tmp_path / "lab"
    key = signing.create_or_load(folder)
    assert stat.S_IMODE(signing.key_path(folder).stat().st_mode) == 0o600
    assert signing.create_or_load(folder).id == key.id  # made once, then read
    assert key.secret.hex() not in repr(key) and key.exposed() is None
    signing.use(key)
    try:
        signed = play_student(folder / "amy", "Amy Chen", seasons=3)
    finally:
        signing.use(None)
    unsigned = play_student(folder / "bo", "Bo Wang", seasons=3)
    assert json.loads(signed.read_text())["signature"]["key"] == key.id
    assert "signature" not in json.loads(unsigned.read_text())
    forged = renamed_copy(signed, folder / "amy" / "forged.hightide.json", "Zed Wu")  # re-sealed, signature kept
    capsys.readouterr()
    assert main(["class", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Records: 1 bad signature, 1 signed, 1 unsigned." in out
    assert "Flagged: amy/forged.hightide.json: BAD SIGNATURE: its signature does not match" in out
    assert main(["verify", str(signed), str(unsigned)]) == 0
    out = capsys.readouterr().out
    assert f"Signature: signed with this folder's key {key.id}." in out and "Signature: unsigned" in out
    assert main(["verify", str(forged)]) == 1
    assert capsys.readouterr().out.startswith("FAILED ")
    # elsewhere, without the key, a signature cannot be checked and says so
    away = tmp_path / "away"
    away.mkdir()
    shutil.copy(signed, away / signed.name)
    handin = classtable.open_handin(away / signed.name)
    assert handin.signature_status == signing.UNCHECKED and handin.verdict.ok


def test_a_readable_key_is_reported(tmp_path, capsys) -> None:
    key = signing.create_or_load(tmp_path)
    os.chmod(signing.key_path(tmp_path), 0o644)
    assert "can be read by other users (mode 644)" in key.exposed()
    assert main(["class", str(tmp_path)]) == 0
    assert "Warning: the signing key" in capsys.readouterr().out


# ------------------------------------------------------------------ short codes are the same assignment
@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.name)
def test_every_example_played_by_file_and_by_code_gives_the_same_class_row(tmp_path, source) -> None:
    rows = {}
    for how in ("file", "code"):
        folder = tmp_path / how
        play_student(folder, "Li Mei", seasons=6, how=how, source=source, household="zhang_dewang", style=3)
        table = classtable.rows_for(folder, load_assignment(source, assets_dir()))
        (row,) = table.rows
        assert row.counted and not row.notes, row.values["check"]
        rows[how] = ({k: v for k, v in row.values.items() if k not in ("file", "started", "time on task")}, row.answers)
    assert rows["file"] == rows["code"]
    assert rows["file"][1], "the student who started by code was asked the questions"


# ------------------------------------------------------------------ readable records
def test_a_report_puts_the_answers_first_with_their_questions_and_decisions_as_changes(tmp_path) -> None:
    folder = tmp_path / "r"
    starter = Starter(folder)
    assignment = starter.assignment(file=TWO)
    session = starter.start(starter.assignment_game(assignment, "Wu Fang"), household="wang_fu").session
    for t in range(8):
        session.queue.clear()
        if session.form_reason("lower") is None:
            session.apply(SetForm("lower"))  # asked every season: the report says it once
        session.apply(EndSeason())
    session.apply(Answer("q1", "Surplus, so spring was easy."))
    path = saves.autosave(session, folder)
    text = report.markdown(report.build(path))  # no --assignment: the bundled file is found by its id
    assert text.index("## Answers") < text.index("## Decisions")
    assert "**After Autumn 1953: From this autumn the state buys grain at a fixed price" in text
    assert "q1" not in text.split("## Answers")[1].split("## Decisions")[0]
    decisions = text.split("## Decisions (what changed)")[1].split("##")[0]
    assert decisions.count("applied to the lower-stage co-op") == 1, decisions  # asked eight times, said once
    assert "(not answered)" in text  # q2 to q5 are listed, unanswered


def test_report_charts_have_axes_units_the_household_and_print_styles(tmp_path) -> None:
    path = play_student(tmp_path, "Amy Chen", seasons=6)
    page = report.to_html(report.build(path))
    outcomes, luck = page.split("<h2>Choice or luck?</h2>")
    charts = outcomes.split("<svg")[1:]
    assert len(charts) == 4
    # issue 14: the comparison's four histograms, the game's own bar marked, before the documents
    assert luck.split("<h2>Documents met</h2>")[0].count("<svg") == 4 and luck.count('fill="#c0504d"><title>') == 4
    assert "would have fed the family in every one of the 6 seasons played" in luck
    for chart in charts:
        assert "spring 1953" in chart and "spring 1954" in chart and "31 July 1955" in chart
        assert "text-anchor=\"end\"" in chart  # the y axis is labelled
    assert "your family" in charts[1] and "village average" in charts[1] and "jin a year" in charts[1]
    assert "share of households" in charts[0] and "your family in a co-op" in charts[0]
    assert "@media print" in page and "break-inside:avoid" in page


def test_files_are_made_with_the_users_umask(tmp_path) -> None:
    old = os.umask(0o002)
    try:
        path = play_student(tmp_path / "shared", "Amy Chen", seasons=1)
        assert stat.S_IMODE(path.stat().st_mode) == 0o664
        os.umask(0o077)
        saves.write_atomic(tmp_path / "private.txt", "x")
        assert stat.S_IMODE((tmp_path / "private.txt").stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_markdown_becomes_plain_text() -> None:
    text = to_text("# The **speech**\n\nMao said *this*, see [the text](https://example.org/a) and `read mao`.\n\n"
                   "> a **quoted** line\n\n- one\n- two\n\n| a | b |\n|---|---|\n| **x** | y |\n\n---\n2*3*4 = 24")
    assert text == ("The speech\n\nMao said this, see the text (https://example.org/a) and read mao.\n\n  a quoted line\n\n"
                    "- one\n- two\n\na | b\nx | y\n\n\n2*3*4 = 24")
    assert "*" not in to_text("**bold** and __also__ and *it* and _it_")


def test_the_guides_example_assignment_is_a_working_assignment(tmp_path) -> None:
    """The teacher guide's example (section 11) uses every key, and the game accepts it as written."""
    import re

    guide = (assets_dir() / "docs" / "teacher-guide.md").read_text(encoding="utf-8")
    section = guide.split("## 11. The assignment file, key by key")[1]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    a = load_assignment(path, assets_dir())
    assert a.role == "student chooses" and a.household == "wang_fu" and len(a.stop_after) == 2 and len(a.questions) == 2
    keys = set(re.findall(r"^(\w+) = ", example, re.M))
    documented = set(re.findall(r"^\| `(\w+)` \|", section, re.M))
    assert keys == documented == {"id", "title", "instructions", "scenario", "role", "seed", "household",
                                  "lock_household", "stop_after", "text", "season"}


def test_replay_in_line_mode_shows_the_questions_with_their_text(tmp_path, capsys) -> None:
    path = play_student(tmp_path, "Amy Chen", seasons=3)
    capsys.readouterr()
    assert main(["replay", str(path), "--plain"]) == 0
    out = capsys.readouterr().out
    assert '- answered "From this autumn the state buys grain at a fixed price' in out
    assert "answered 'q1'" not in out


def test_a_game_process_signs_with_the_key_its_server_names(tmp_path, monkeypatch) -> None:
    import subprocess
    import sys

    key = signing.create_or_load(tmp_path / "lab")
    env = {**os.environ, signing.ENVIRONMENT: str(signing.key_path(tmp_path / "lab"))}
    run = subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--role", "cadre", "--seed", "3",
                          "--saves", str(tmp_path / "lab" / "amy")], input="1\n" * 40, capture_output=True, text=True,
                         timeout=120, env=env)
    assert run.returncode == 0, run.stderr
    (save,) = (tmp_path / "lab" / "amy").glob("*.hightide.json")
    assert json.loads(save.read_text())["signature"]["key"] == key.id
    assert key.secret.hex() not in run.stdout + run.stderr
    handin = classtable.open_handin(save, key=key)
    assert handin.verdict.ok and handin.signature_status == signing.SIGNED


def test_a_save_of_format_1_still_verifies_and_the_class_table_says_it_is_older(tmp_path, capsys) -> None:
    from game.session.game import GameSetup, Session

    session = Session(GameSetup(role="cadre", seed=3, county=3, player="Old Timer"))
    for _ in range(2):
        session.queue.clear()
        session.apply(EndSeason())
    data = saves.to_dict(session)
    for key in ("game_id", "started", "origin", "assignment_hash"):
        del data[key]
    data.update(format=1, saved_at="2024-01-01T10:00:00", seal=saves.seal(session))
    path = tmp_path / "old.hightide.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert saves.verify(path).ok
    data["player"] = "New Name"
    (tmp_path / "renamed.json").write_text(json.dumps(data), encoding="utf-8")
    assert "was edited after saving" in saves.verify(tmp_path / "renamed.json").message
    (tmp_path / "renamed.json").unlink()
    capsys.readouterr()
    assert main(["class", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Records: 1 older save (no game id, no times)." in out and "status: unfinished, after Summer 1953" in out
