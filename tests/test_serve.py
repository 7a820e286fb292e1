"""``hightide serve`` without a browser: the student's folder from a typed name (a hostile name
never leaves the class folder, two tabs cannot share a name), the served title, load dialog and
idle timeout in the real app, 'download' and 'open' in the command table and in line mode, and
the server's command line. The browser tests are in test_serve_browser.py."""

from __future__ import annotations

import html
import io
import os
import re
from pathlib import Path

import pytest

from game.cli import main
from game.serve import default_max_players, is_loopback, network_warning, player_command
from game.session import saves, students
from game.session.commands import CommandError, interpret
from game.session.game import GameSetup, Session

HOSTILE = ["../../x", "..", ".", "/etc/passwd", "a/b", "a\\b", "~root", "x\x00y", "x\ny", "\x1b[2Jx",
           "A" * 41, "", "   ", "-'_", "Amy\u202eChen", "nul.txt"]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_is_refused_in_one_sentence_and_makes_nothing(tmp_path, name) -> None:
    klass = tmp_path / "class"
    klass.mkdir()
    with pytest.raises(students.StudentError) as caught:
        students.claim(students.folder_for(klass, name))
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message and len(message) < 200
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["class"]


@pytest.mark.parametrize("typed, folder", [("Amy Chen", "amy-chen"), ("  amy   CHEN ", "amy-chen"),
                                           ("O'Brien-Smith 3b", "o-brien-smith-3b"), ("王小明", "王小明"),
                                           ("Ｂｏ Ｗａｎｇ", "bo-wang")])
def test_a_name_makes_a_folder_inside_the_class_folder(tmp_path, typed, folder) -> None:
    student = students.folder_for(tmp_path, typed)
    assert student.folder == tmp_path.resolve() / folder
    students.release(students.claim(student))
    assert student.folder.is_dir() and student.folder.parent == tmp_path.resolve()


def test_two_tabs_cannot_play_under_one_name_at_once(tmp_path) -> None:
    first = students.claim(students.folder_for(tmp_path, "Amy Chen"))
    with pytest.raises(students.StudentError, match="already playing as 'amy chen' in another tab"):
        students.claim(students.folder_for(tmp_path, "amy chen"))
    students.release(first)  # the first tab closed: the name is free again
    students.release(students.claim(students.folder_for(tmp_path, "amy chen")))


def test_a_symlink_in_place_of_a_student_folder_is_not_followed(tmp_path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    klass = tmp_path / "class"
    klass.mkdir()
    (klass / "amy").symlink_to(outside)
    with pytest.raises(students.StudentError):
        students.claim(students.folder_for(klass, "Amy"))
    assert list(outside.iterdir()) == []


# ------------------------------------------------------------------ the command table
@pytest.fixture(scope="module")
def session() -> Session:
    return Session(GameSetup(seed=7))


def test_download_and_open_are_typed_commands(session) -> None:
    assert interpret("download save", session).app == "download"
    assert interpret("download report", session).argument == "report"
    assert (interpret("open report", session).app, interpret("open report", session).argument) == ("open", "report")
    assert interpret("open s1", session).argument == "S1"
    for line, says in [("download", "Download what?"), ("download everything", "Download what?"),
                       ("open", "Open what?"), ("open S999", "There is no source")]:
        with pytest.raises(CommandError, match=says):
            interpret(line, session)


def test_line_mode_download_writes_the_file_and_says_where(tmp_path, session) -> None:
    from game.plain import Console, PlainGame
    from game.session.actions import EndSeason

    game = Session(GameSetup(seed=7, player="Amy Chen", role="cadre"))
    while game.queue:
        from game.session import views
        from game.session.actions import ChooseScene

        game.apply(ChooseScene(views.current_scene(game).id, 0))
    game.apply(EndSeason())
    out = io.StringIO()
    plain = PlainGame(game, Console(io.StringIO(), out), tmp_path)
    assert plain.command("download save") and plain.command("download report") and plain.command("open s1")
    said = " ".join(out.getvalue().split())  # the console wraps long lines
    save = next(tmp_path.glob("*.autosave.hightide.json"))
    page = next(tmp_path.glob("*.report.html"))
    assert f"Your save is written to {save}." in said and f"Your report is written to {page}." in said
    assert "https://www.marxists.org/" in said
    assert saves.verify(save).ok
    assert main(["verify", str(page)]) == 0


# ------------------------------------------------------------------ the served app
async def test_served_title_asks_the_name_then_keeps_to_the_students_folder(tmp_path) -> None:
    from textual.widgets import Input

    from game.ui.app import HighTideApp
    from game.ui.screens.load import LoadScreen
    from game.ui.served import Served, StudentNameScreen
    from game.ui.screens.title import TitleScreen

    klass = tmp_path / "class"
    other = tmp_path / "elsewhere"
    other.mkdir()
    app = HighTideApp(klass, cursor_blink=False, served=Served(klass))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StudentNameScreen)
        await pilot.press(*"../x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StudentNameScreen)  # refused: the prompt stays, with the reason
        assert "letters, digits" in str(app.screen.query_one("#student-message").render())
        app.screen.query_one(Input).value = "Amy Chen"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.saves_folder == klass.resolve() / "amy-chen"
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        assert not app.screen.query(Input)  # no typed path on the server
        shown = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")
        assert str(tmp_path) not in shown and "your folder" in shown
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_dir()) == \
        ["class", "class/amy-chen", "elsewhere"]


async def test_an_idle_served_tab_is_autosaved_and_closed(tmp_path) -> None:
    from game.ui.app import HighTideApp
    from game.ui.served import Served

    klass = tmp_path / "class"
    app = HighTideApp(klass, cursor_blink=False, served=Served(klass))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Bo", "enter", "n")
        for _ in range(100):
            if app.screen.__class__.__name__ == "NewGameScreen":
                break
            await pilot.pause(0.05)
        await pilot.press("ctrl+g")
        for _ in range(100):
            if app.session is not None:
                break
            await pilot.pause(0.05)
        assert app.session is not None and app.return_code is None
        app.start_idle_timer(0.2)  # as if the tab had been left alone for the server's idle time
        for _ in range(100):  # the idle timer ends the app
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
        assert app.return_code == 0, (app.screen, app.session)
    assert list((klass.resolve() / "bo").glob("*.autosave.hightide.json"))


# ------------------------------------------------------------------ the server's command line
def test_only_a_loopback_address_is_quiet() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert network_warning("127.0.0.1", 8000) is None
    line = network_warning("0.0.0.0", 8000)
    assert line is not None and "anyone" in line and "Ctrl+C" in line and "\n" not in line


def test_the_default_limit_follows_free_memory() -> None:
    assert default_max_players("MemTotal: 8000000 kB\nMemAvailable: 4000000 kB\n") == \
        min(60, int(4000000 / 1024 * 0.8 / 110))
    assert default_max_players("MemAvailable: 1000 kB\n") == 1


def test_the_player_command_quotes_its_paths(tmp_path) -> None:
    command = player_command(tmp_path / "a b; rm -rf x", None, None)
    assert command.startswith("exec ") and "'" + str(tmp_path / "a b; rm -rf x") + "'" in command


@pytest.mark.parametrize("argv, says", [
    (["serve", "--port", "70000"], "The port"),
    (["serve", "--assignment", "no-such.toml"], "no-such.toml"),
    (["serve", "--code", "NOT-A-CODE"], "code"),
    (["serve", "--assignment", "a.toml", "--code", "X"], "not allowed with"),
])
def test_a_bad_serve_command_is_one_sentence(argv, says, capsys, tmp_path) -> None:
    assert main([*argv, "--saves", str(tmp_path / "class")]) in (1, 2)
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err


async def test_the_served_assignment_dialog_opens_no_typed_path(tmp_path) -> None:
    from textual.widgets import Input, Static

    from game.ui.app import HighTideApp
    from game.ui.screens.assignment import AssignmentScreen

    secret = tmp_path / "teacher-only.toml"
    secret.write_text((Path(__file__).parents[1] / "assets/assignments/two-lessons.toml").read_text())
    app = HighTideApp(tmp_path, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = AssignmentScreen(paths=False, name="Amy Chen")
        app.push_screen(screen)
        await pilot.pause()
        assert screen.query_one("#assignment-name", Input).value == "Amy Chen"
        screen.query_one("#assignment-source", Input).value = str(secret)
        assert screen.check() is None
        assert "pick an assignment from the list or type its code" in str(
            screen.query_one("#assignment-message", Static).render())
        screen.query_one("#assignment-source", Input).value = "two-lessons.toml"  # a file of the game's own
        assert screen.check() is not None


def test_a_port_in_use_is_one_sentence_before_any_url(capsys, tmp_path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port), "--saves", str(tmp_path / "class")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and f"port {port} on 127.0.0.1 is in use" in err and err.count("\n") == 1


async def test_the_palette_downloads_in_a_terminal_write_the_file_and_say_where(tmp_path) -> None:
    from game.ui.app import HighTideApp
    from game.ui.commands import GameCommands

    app = HighTideApp(tmp_path, cursor_blink=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert "Download my save" not in [t for t, _, _ in GameCommands(app.screen)._entries()]  # no game yet
        app.start_session(app.starter.new_game(role="cadre", seed=3, player="Amy Chen").session)
        await pilot.pause()
        entries = {title: callback for title, callback, _ in GameCommands(app.screen)._entries()}
        entries["Download my save"]()
        entries["Download my report (HTML)"]()
        await pilot.pause()
        kept = list(tmp_path.glob("*.autosave.hightide.json"))
        pages = list(tmp_path.glob("*.report.html"))
        assert len(kept) == 1 and len(pages) == 1 and saves.verify(kept[0]).ok
        shown = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")
        assert "Written to" in shown
