"""Choice or luck? The debrief of a game, in the terminal.

``DebriefPanel`` measures ``game.session.debrief`` in a thread worker (the screen never freezes;
a progress bar says how far it is), then shows where the game's ending falls among 1,000 villages
that played the same choices (a histogram per ending axis), the decisions that moved the ending
most and the largest pieces of luck. Enter on a ranked decision plays on from that season with
the decision taken back (a branch: same weather and luck); ``s`` plays the whole game again without
it and shows the two games side by side, so the player sees the ending move by the amount shown.

The panel is the last section of the epilogue and the body of ``DebriefScreen`` (the ``compare``
command, ``v`` on the report screen). The measurement runs on a copy of the session, so the game
can never change under it.
"""

from __future__ import annotations

import copy
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from game.session import debrief as measure
from game.session.game import Session
from game.sim.params import N_SEASONS, season_label
from game.ui.widgets.cached import AppFooter
from game.ui.widgets.histogram import Histogram


def frozen_copy(session: Session) -> Session:
    """A copy of the session for a worker thread to read (its content and parameters shared:
    nothing changes them)."""
    memo = {id(session.bundle): session.bundle, id(session.params): session.params}
    return copy.deepcopy(session, memo)


class DebriefPanel(Vertical):
    """The debrief of one game: measured in a worker, then drawn."""

    DEFAULT_CSS = """
    DebriefPanel { height: auto; }
    DebriefPanel #debrief-progress { margin: 1 0; }
    DebriefPanel .axis-title { margin-top: 1; text-style: bold; }
    DebriefPanel #debrief-decisions { height: auto; max-height: 12; border: none; padding: 0; }
    """

    BINDINGS = [
        Binding("s", "compare_without", "Side by side without it", id="debrief.compare"),
    ]

    def __init__(self, session: Session, villages: int = measure.COMPARISON_VILLAGES, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.villages = villages
        self.result: measure.Debrief | None = None

    def compose(self) -> ComposeResult:
        yield Static(f"Your choices, played again in {self.villages:,} other villages (other weather, other "
                     "neighbours), and what each decision changed.", classes="note", id="debrief-intro")
        yield ProgressBar(total=100, show_eta=False, id="debrief-progress")
        yield Static("Measuring…", id="debrief-status", classes="note")

    def on_mount(self) -> None:
        if not self.session.logs:
            self.query_one("#debrief-progress").display = False
            self.query_one("#debrief-status", Static).update("Play a season first: there is nothing to compare yet.")
            return
        self.run_measure(frozen_copy(self.session))

    @work(thread=True, exclusive=True, group="debrief")
    def run_measure(self, session: Session) -> None:
        worker = get_current_worker()

        def call(method, *args) -> None:
            if worker.is_cancelled:
                return
            try:
                self.app.call_from_thread(method, *args)
            except RuntimeError:  # the app closed while the measurement ran
                pass

        result = measure.debrief(session, self.villages, lambda fraction, label: call(self._progress, fraction, label))
        call(self._show, result)

    def _progress(self, fraction: float, label: str) -> None:
        self.query_one("#debrief-progress", ProgressBar).update(progress=100 * fraction)
        self.query_one("#debrief-status", Static).update(f"Measuring: {label}…")

    def _show(self, result: measure.Debrief) -> None:
        self.result = result
        self.query_one("#debrief-progress").display = False
        self.query_one("#debrief-status").display = False
        widgets = [Static(result.sentence(), markup=False, id="debrief-sentence")]
        for dist in result.distributions.values():
            widgets.append(Static(f"{dist.label[:1].upper()}{dist.label[1:]}: yours {measure.amount(dist.unit, dist.actual)}, as good as or "
                                  f"better than {dist.percentile:.0f}% of the villages", markup=False,
                                  classes="axis-title"))
            widgets.append(Histogram(dist, id=f"hist-{dist.axis}"))
        widgets.append(Static("What each of your decisions changed", classes="section-title"))
        top = result.top()
        if top:
            widgets.append(Static("Your ending minus the same game with that one decision left to its default, "
                                  "under the same weather and luck. Enter: play on from that season without it; "
                                  "s: the whole game without it, side by side.", classes="note", markup=False))
            options = [Option(f"{i}. {e.label} - {measure.effect_words(e, result.role)}",
                              id=str(i - 1)) for i, e in enumerate(top, start=1)]
            widgets.append(OptionList(*options, id="debrief-decisions"))
        else:
            widgets.append(Static("None of your decisions changed the ending; the season's defaults would have "
                                  "done the same.", markup=False))
        widgets.append(Static("The largest pieces of luck", classes="section-title"))
        luck = result.top_luck()
        widgets.append(Static("\n".join(f"• {e.label} - {measure.effect_words(e, result.role)}" for e in luck)
                              or "• No harvest's weather moved the ending.", markup=False, id="debrief-luck"))
        share = measure.choice_share(result)
        widgets.append(Static(f"Measured one at a time, {share:.0%} of what moved your ending was your own "
                              f"decisions and {1 - share:.0%} the weather of the harvests.", markup=False,
                              id="debrief-share"))
        self.mount_all(widgets)

    # ------------------------------------------------------------------ branching from a decision
    def _chosen(self) -> measure.Effect | None:
        if self.result is None:
            return None
        try:
            options = self.query_one("#debrief-decisions", OptionList)
        except Exception:  # noqa: BLE001 - no decisions listed
            return None
        index = options.highlighted
        top = self.result.top()
        return top[index] if index is not None and 0 <= index < len(top) else None

    def _save_path(self) -> Path | None:
        """The game's save, written now (the autosave), for a branch to start from."""
        from game.session import saves

        app = self.app
        try:
            if app.session is self.session and app.playing:
                return saves.autosave(self.session, app.saves_folder)
        except saves.SaveError as error:
            self.notify(str(error), title="Cannot branch", severity="error", markup=False)
            return None
        path = saves.autosave_path(self.session, app.saves_folder)
        if not path.is_file():
            self.notify("This game has no save to branch from; branch it from its replay (b).", severity="warning")
            return None
        return path

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.play_on_without()

    def play_on_without(self) -> None:
        """A new game from the decision's season with that decision taken back."""
        from game.session import saves
        from game.session.actions import ActionError, parse_action
        from game.session.replay import Replay

        effect = self._chosen()
        if effect is None or not effect.branch_action:
            return
        path = self._save_path()
        if path is None:
            return
        app = self.app
        name = f"{self.session.setup.player} without '{effect.label}'"[:60]
        try:
            replay = Replay(path)
            session = replay.branch(effect.season, player=name)
            session.apply(parse_action(effect.branch_action))
            out = saves.save(session, saves.manual_path(app.saves_folder, name), name)
        except (saves.SaveError, ActionError) as error:
            self.notify(str(error), title="Cannot branch", severity="error", markup=False)
            return
        app.start_session(session, "branch")
        app.branched_from = path
        app.notify(f"A new game from {season_label(effect.season)} without \"{effect.label}\", saved as {out.name}: "
                   "the same weather and luck.", markup=False, timeout=8)

    def action_compare_without(self) -> None:
        """The whole game again without the decision, beside this one."""
        from game.session.actions import ActionError, parse_action
        from game.session.replay import Replay
        from game.session.saves import SaveError
        from game.ui.screens.compare import CompareScreen

        effect = self._chosen()
        if effect is None or not effect.branch_action:
            self.notify("Highlight one of your decisions first.", severity="warning")
            return
        path = self._save_path()
        if path is None:
            return
        try:
            other, _skipped = Replay(path).branch_with(effect.season, parse_action(effect.branch_action))
        except (SaveError, ActionError) as error:
            self.notify(str(error), title="Cannot compare", severity="error", markup=False)
            return
        self.app.push_screen(CompareScreen(self.session, other, self.session.setup.player or "your game",
                                           "the game without it"))


class DebriefScreen(Screen):
    """Choice or luck? on a screen of its own."""

    DEFAULT_CSS = """
    DebriefScreen #debrief-body { padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="debrief.back")]

    def __init__(self, session: Session, villages: int = measure.COMPARISON_VILLAGES) -> None:
        super().__init__()
        self.session = session
        self.villages = villages

    def compose(self) -> ComposeResult:
        yield Static(f"Choice or luck? {self.session.setup.player}, {len(self.session.logs)} of {N_SEASONS} seasons",
                     classes="screen-title", markup=False)
        with VerticalScroll(id="debrief-body"):
            yield DebriefPanel(self.session, self.villages, id="debrief")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#debrief-body").focus()
