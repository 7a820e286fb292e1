"""The classroom flow of the terminal app: starting a student's assignment game (through the
session layer's ``Starter``), asking the assignment's questions after the seasons it names and
at the epilogue, stopping at its stop points, and writing the report beside the autosave.

``ClassroomFlow`` is a mixin of ``HighTideApp``: it shows the modals and notices and applies
answers through ``HighTideApp.apply``; the rules live in ``game.session``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from pathlib import Path

    from game.session.assignment import Assignment, Question
    from game.session.game import Session


class ClassroomFlow:
    """Assignments: start, questions, stop points, report (mixed into ``HighTideApp``)."""

    def start_assignment(self, picked: tuple[Assignment, str] | None) -> None:
        """The assignment modal's answer: continue the student's game for it, or start it (role,
        household and seed from the assignment; the new-game screen asks for the rest)."""
        from game.session.start import StartError

        if picked is None:
            return
        assignment, name = picked
        try:
            opened = self.starter.assignment_game(assignment, name)
        except StartError as error:
            self.notify(str(error), title="Cannot open your assignment game", severity="error", markup=False,
                        timeout=10)
            return
        self.show_opened(opened)

    def ask_name_taken(self, taken) -> None:
        """A name that already has a game for this assignment (``game.session.start.NameTaken``):
        continue that game, or go back to the assignment dialog for another name."""
        from game.ui.screens.classroom import ConfirmScreen
        from game.ui.screens.load import NameScreen

        def named(name: str | None) -> None:
            if name:
                self.start_assignment((taken.assignment, name))

        def answered(resume: bool | None) -> None:
            if resume:
                self.show_opened(self.starter.resume(taken))
            elif getattr(self, "served", None) is not None:  # served: another name is another folder
                self.ask_student()
            else:
                self.push_screen(NameScreen("Your name (as your teacher will see it):"), named)

        self.push_screen(ConfirmScreen(taken.question, taken.hint, f"Continue {taken.player}'s game",
                                       "Use another name"), answered)

    def pending_questions(self, final: bool = False) -> list[Question]:
        """The assignment's questions for the seasons already ended (and with ``final``, in the
        epilogue, the final ones) that the student has not answered yet."""
        session, assignment = self.session, self.assignment
        if session is None or assignment is None or not self.playing:
            return []
        ended = len(session.logs)
        out = [q for q in assignment.questions
               if q.season is not None and q.season < ended and q.id not in session.answers]
        if final and session.finished:
            out += [q for q in assignment.final_questions() if q.id not in session.answers]
        return out

    def ask_questions(self, then: Callable[[], None] | None = None, final: bool = False) -> None:
        """Ask the pending questions one modal at a time, apply each answer, autosave, then go on."""
        questions = self.pending_questions(final)
        if not questions:
            if then is not None:
                then()
            return
        from game.session.actions import Answer
        from game.ui.screens.classroom import QuestionScreen

        def ask(i: int) -> None:
            question = questions[i]

            def answered(text: str | None) -> None:
                if text:
                    self.apply(Answer(question.id, text))
                if i + 1 < len(questions):
                    ask(i + 1)
                    return
                self._autosave()
                self.screen.refresh_bindings()
                if then is not None:
                    then()

            self.push_screen(QuestionScreen(question.id, question.when, question.text, i + 1, len(questions)), answered)

        ask(0)

    def _at_epilogue(self) -> None:
        """In an assignment game: the report beside the autosave, once the final questions (asked
        after the student has read the epilogue: ``a`` there) are answered."""
        if self.assignment is None or not self.playing or self.session is None or not self.session.finished:
            return
        if self.pending_questions(final=True):
            self.notify("Read the epilogue, then press a to answer your teacher's final question; "
                        "your report is written after it.", title="The assignment", timeout=15)
        else:
            self._write_report()

    def answer_final_questions(self) -> None:
        """The epilogue's ``a``: any question still open, then the report."""
        self.ask_questions(self._write_report, final=True)

    def _write_report(self) -> None:
        from game.ui.screens.classroom import NoticeScreen

        session, assignment = self.session, self.assignment
        path = self._autosave()
        if session is None or assignment is None or path is None:
            return
        notice = NoticeScreen("Your report", "Writing your report: your choices are played again in 1,000 villages "
                                             "(a few seconds)…")
        self.push_screen(notice)

        def done(md: Path | None, page: Path | None, error: str | None) -> None:
            if error is not None:
                notice.set_text(f"The report was not written: {error}", "The report was not written")
                return
            notice.set_text(f"Your report is in {md.name} and {page.name}, in {self.shown_folder(page)}. "
                            f"Hand in the .html file.\n\nYour game is saved in {path.name}.", "Your report is written")

        self.report_in_worker(session, path, done)

    def report_in_worker(self, session: Session, path: Path,
                         done: Callable[[Path | None, Path | None, str | None], None]) -> None:
        """Write the report beside the save in a thread (it measures the debrief: seconds) on a copy
        of the game, then call ``done(md, page, error)`` on the app's thread."""
        from game.session import report, saves
        from game.ui.screens.debrief import frozen_copy

        game, assignment = frozen_copy(session), self.assignment

        def write() -> None:
            try:
                md, page = report.write_beside(game, path, assignment=assignment)
            except saves.SaveError as error:
                self.call_from_thread(done, None, None, str(error))
                return
            self.call_from_thread(done, md, page, None)

        self.run_worker(write, thread=True, group="report", exclusive=True, name="report")

    def _stop_point(self) -> bool:
        """At an assignment's stop point: say so, and go back to the title. True if it stopped."""
        session, assignment = self.session, self.assignment
        if session is None or assignment is None or session.finished:
            return False
        ended = len(session.logs) - 1
        if ended not in assignment.stop_after:
            return False
        from game.session import saves
        from game.sim.params import season_label
        from game.ui.screens.classroom import NoticeScreen

        path = saves.autosave_path(session, self.saves_folder)

        def text(written: str) -> str:
            return (f"The assignment stops here, after {season_label(ended)}. Your game is saved in "
                    f"{self.shown_path(path)}.{written}\n\n"
                    f"Next lesson, choose Assignment on the title screen again with the same name "
                    f"({session.setup.player}) to continue.")

        notice = NoticeScreen("The assignment stops here", text(" Writing your report so far (a few seconds)…"))
        self.push_screen(notice, lambda _: self.back_to_title())

        def done(_md: Path | None, page: Path | None, error: str | None) -> None:
            # the report so far, beside the save, for the teacher's class table
            notice.set_text(text(f" Your report so far is in {page.name}." if page is not None else ""))

        self.report_in_worker(session, path, done)
        return True
