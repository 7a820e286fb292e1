"""The game served to a browser by ``hightide serve`` (``hightide play --served CLASS_DIR``), and
the downloads of both the browser and the terminal.

Served, the title first asks the student's name (or class id); the student's games then live in
``CLASS_DIR/<safe-name>/`` (``game.session.students``), the load and replay dialogs list that
folder only and take no typed path, and no screen shows a path on the server. With a class
assignment the student's assignment game opens as soon as the name is given. A tab left alone
for ``idle_seconds`` is autosaved and closed; a game being played is autosaved whenever the
app ends (a closed tab, the idle timeout, quit).

'download save|report' and 'open report|SOURCE' (``game.session.commands``; the title's
"Download my save" and "Download my report") write the file in the player's folder
(``game.session.downloads``); in a browser ``App.deliver_text`` hands it over, ``App.open_url``
opens a source; in a terminal the app says where the file is.

``ServedFlow`` is a mixin of ``HighTideApp``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

IDLE_SECONDS = 30 * 60  # a served tab with no key or click for this long is autosaved and closed


@dataclass(frozen=True)
class Served:
    """How ``hightide serve`` runs this game process."""

    class_folder: Path
    assignment_file: Path | None = None
    code: str | None = None
    idle_seconds: float = IDLE_SECONDS

    @property
    def has_assignment(self) -> bool:
        return self.assignment_file is not None or self.code is not None


class StudentNameScreen(ModalScreen[str]):
    """The first question of a served game: the student's name (or class id). It cannot be
    dismissed without a name the app accepts (``check`` gives the refusal's sentence, or None)."""

    DEFAULT_CSS = """
    StudentNameScreen { align: center middle; }
    StudentNameScreen #student-box { width: 100%; max-width: 64; height: auto; border: round $primary;
                                     background: $surface; padding: 0 1; }
    StudentNameScreen #student-message { height: auto; color: $error; }
    """

    def __init__(self, check) -> None:
        super().__init__()
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="student-box"):
            yield Label("Your name, or your class id:")
            yield Input(id="student-name", max_length=60, placeholder="as your teacher should see it")
            yield Static("Your games are kept under this name; type it the same way next lesson.",
                         id="student-message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#student-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self.check(event.value)
        if problem:
            self.query_one("#student-message", Static).update(problem)
            return
        self.dismiss(event.value.strip())


class ServedFlow:
    """Served mode and downloads (mixed into ``HighTideApp``)."""

    served: Served | None
    student = None  # game.session.students.Student once named
    _student_lock: int | None = None
    _idle_timer = None

    # ------------------------------------------------------------------ the student's name
    def ask_student(self) -> None:
        self.push_screen(StudentNameScreen(self.claim_student), self._student_named)

    def claim_student(self, typed: str) -> str | None:
        """Take the student's folder; the refusal's sentence, or None."""
        from game.session import students

        try:
            student = students.folder_for(self.served.class_folder, typed)
            fd = students.claim(student)
        except students.StudentError as error:
            return str(error)
        if self._student_lock is not None:
            students.release(self._student_lock)
        self._student_lock = fd
        self.student = student
        self.saves_folder = student.folder
        self._starter = None
        return None

    def _student_named(self, name: str | None) -> None:
        from game.session.start import StartRequest

        screen = self.screen
        if hasattr(screen, "on_screen_resume"):
            screen.on_screen_resume()
        if self.served is not None and self.served.has_assignment and self.student is not None:
            self.open_request(StartRequest("assignment", assignment_file=self.served.assignment_file,
                                           code=self.served.code, player=self.student.name))

    def start_class_assignment(self) -> bool:
        """Served with a class assignment: the title's Assignment opens the student's game for it."""
        if self.served is None or not self.served.has_assignment or self.student is None:
            return False
        self._student_named(self.student.name)
        return True

    def shown_path(self, path: Path) -> str:
        """A path as a screen may show it: served, the file's name only (never a server path)."""
        return Path(path).name if self.served is not None else str(path)

    def shown_folder(self, path: Path) -> str:
        return "your folder" if self.served is not None else f"the folder {Path(path).parent}"

    # ------------------------------------------------------------------ idle tabs
    def start_idle_timer(self, seconds: float | None = None) -> None:
        """(Re)start the idle timer: ``seconds``, else the server's ``idle_seconds``."""
        if self._idle_timer is not None:
            self._idle_timer.stop()
        seconds = seconds if seconds is not None else (self.served.idle_seconds if self.served else 0)
        if seconds > 0:
            self._idle_timer = self.set_timer(seconds, self._idle_out)

    async def on_event(self, event: events.Event) -> None:
        if self._idle_timer is not None and isinstance(event, (events.Key, events.MouseDown, events.Paste)):
            self._idle_timer.reset()
        await super().on_event(event)

    def _idle_out(self) -> None:
        self.autosave_on_exit()
        self.exit(0)

    def autosave_on_exit(self) -> None:
        """The game being played, autosaved (a closed tab, the idle timeout, quit)."""
        if getattr(self, "session", None) is not None and self.playing:
            from game.session import saves

            try:
                saves.autosave(self.session, self.saves_folder)
            except saves.SaveError:
                pass

    # ------------------------------------------------------------------ downloads
    def _game_for_download(self):
        """(session, assignment) of the game being played, else of the latest save in the folder."""
        from game.session.start import StartError

        if self.session is not None and self.playing:
            return self.session, self.assignment
        try:
            opened = self.starter.continue_latest()
        except StartError:
            return None, None
        return opened.session, opened.assignment

    def deliver(self, what: str, argument: str | None) -> None:
        """'download save|report' and 'open report|SOURCE', in a browser or a terminal."""
        from game.session import downloads, saves

        session, assignment = self._game_for_download()
        if session is None:
            self.notify("There is no game to download yet; start one first.", severity="warning")
            return
        if what == "open" and argument != "report":
            try:
                source, url = downloads.source_url(session, argument or "")
            except downloads.DownloadError as error:
                self.notify(str(error), severity="warning", markup=False)
                return
            self.open_url(url, new_tab=True)
            self.notify(f"Source {source} opens in your browser: {url}", markup=False, timeout=10)
            return
        try:
            if what == "download" and argument == "save":
                delivery = downloads.save_file(session, self.saves_folder)
            else:
                delivery = downloads.report_file(session, self.saves_folder, assignment)
        except saves.SaveError as error:
            self.notify(str(error), title="Not written", severity="error", markup=False, timeout=10)
            return
        if self.is_web:
            method = "browser" if what == "open" else "download"
            self.deliver_text(io.StringIO(delivery.text), save_filename=delivery.filename, open_method=method,
                              encoding="utf-8", mime_type=delivery.mime)
            verb = "opens in a new tab" if what == "open" else "is downloading"
            self.notify(f"Your {'report' if delivery.mime == 'text/html' else 'save'} {verb}: {delivery.filename}.",
                        markup=False)
            return
        if what == "open":
            self.open_url(delivery.path.resolve().as_uri(), new_tab=True)
        self.notify(f"Written to {delivery.path}.", markup=False, timeout=10)
