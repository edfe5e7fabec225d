"""The Textual application: wires the store (through DataService), config and the main screen."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual.app import SystemCommand
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme

from jobtui import locations
from jobtui.config import Config
from jobtui.core import dates
from jobtui.core.overview import Overview
from jobtui.db.recovery import RecoveryError, UnsavedNote, write_recovery
from jobtui.db.store import Store
from jobtui.ops.records import save_notes
from jobtui.tui import keymap
from jobtui.tui.data import DataService, StoreOpener
from jobtui.tui.frames import after_next_frame
from jobtui.tui.notes import failure_reason
from jobtui.tui.palette import JobtuiCommands, app_commands, main_screen_commands
from jobtui.tui.screens.main import MainScreen
from jobtui.tui.theme_state import remember_theme, remembered_theme
from jobtui.tui.toasts import ToastingApp
from jobtui.tui.widgets.editor import RETRY_SECONDS

# How often the whole overview is recomputed so that "due" becomes "overdue" on time.
REFRESH_SECONDS = 120
# How often the file is checked for changes made elsewhere (a stat while nothing happens).
POLL_SECONDS = 1.0
# A new overview's search text is prepared after its frame, or at the latest this late.
SEARCH_AFTER_AT_MOST = 1.0


def _reload_if_changed(store: Store) -> list[str]:
    store.reload_if_changed()
    return store.take_warnings()


def _check_for_changes(store: Store) -> tuple[int | None, list[str]]:
    """Reload if the file changed elsewhere. Returns how many damaged records the last
    full read skipped (None right after a reload: the overview built after this job reads
    everything again), and the data layer's warnings since the last check."""
    skipped = None
    if not store.reload_if_changed():
        skipped = len({(p.table, p.record_id) for p in store.skipped})
    return skipped, store.take_warnings()


class _Deliver(Message):
    """A data-thread result to run on the UI thread (post_message is thread-safe)."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.fn = fn
        self.args = args


class JobTUI(ToastingApp):
    """jobtui's TUI. ``clock`` gives "now" (tests freeze it); ``notice`` is shown at start."""

    CSS_PATH = "app.tcss"
    TITLE = "jobtui"
    # One provider that keeps jobtui's order (Textual's sorts alphabetically).
    COMMANDS: ClassVar[set[Any]] = {JobtuiCommands}
    BINDINGS = keymap.bindings("app")  # quit, help: the key table in jobtui.config

    def __init__(
        self,
        store: Store | StoreOpener,
        config: Config | None = None,
        *,
        clock: Callable[[], datetime] = dates.now,
        notice: str | None = None,
        state_file: Path | bool | None = True,
    ) -> None:
        """``state_file`` is where a theme picked in the palette is remembered: True for
        jobtui's usual file (:func:`locations.state_file`), None to remember nothing (demo)."""
        super().__init__()
        self.config = config or Config()
        self.state_file = locations.state_file() if state_file is True else state_file or None
        self.clock = clock
        self.notice = notice
        # An awaited change redraws the main screen with the overview it brought.
        self.data = DataService(store, self.config, clock, self._deliver, self._show_overview)
        # Not idle until the first read is drawn (it is queued after the first frame).
        self._first_read = self.data.hold()
        self.main = MainScreen()
        self.loaded = False
        self.startup_error: str | None = None  # the database could not be opened
        # Leaving: no new jobs but the last save; what to print on exit (recovery files).
        self.leaving = False
        self._leave_lock = threading.Lock()
        self.final_save: Future[Any] | None = None
        self.exit_messages: list[str] = []
        self._recovered: dict[tuple[str, str], str] = {}
        self._asking_to_quit = False
        self._ui_loop: asyncio.AbstractEventLoop | None = None
        self._leave_requested: int | None = None
        self._damaged_shown = 0

    def _deliver(self, fn: Callable[..., Any], *args: Any) -> bool:
        return self.post_message(_Deliver(fn, args))

    def on__deliver(self, message: _Deliver) -> None:
        message.fn(*message.args)

    def _show_overview(self, overview: Overview) -> None:
        self.main.show(overview)

    def on_mount(self) -> None:
        self._ui_loop = asyncio.get_running_loop()
        if self.config.keys:
            self.set_keymap(self.config.keys)
        if self.config.theme:
            try:
                self.theme = self.config.theme
            except Exception:
                self.notify(f"Unknown theme {self.config.theme!r} in config.toml", severity="error")
        picked = remembered_theme(self.state_file, self.config.theme)
        if picked is not None and picked in self.available_themes:
            self.theme = picked
        self.theme_changed_signal.subscribe(self, self._theme_picked)
        self.screen_change_signal.subscribe(self, self.screen_changed)
        self.push_screen(self.main)
        if self.notice:
            self.notify(self.notice, severity="warning", timeout=10)
        if self._leave_requested is not None:  # told to stop before we were up
            self.leave(self._leave_requested)
            return
        # Read the data once the first frame is up: the screen appears at once.
        self.call_after_refresh(self.reload)
        # Urgency moves with the clock: recompute everything now and then.
        self.set_interval(REFRESH_SECONDS, self._refresh_if_idle)
        # Others' saves (the CLI, another jobtui, a sync tool) show up within a second.
        self.set_interval(POLL_SECONDS, self._poll_for_changes)

    def _theme_picked(self, theme: Theme) -> None:
        if self.state_file is None:
            return
        try:
            remember_theme(self.state_file, theme.name, self.config.theme)
        except OSError as exc:
            self.notify(f"Could not remember the theme: {exc}", severity="warning")

    def reload(self) -> None:
        """Read everything again on the data thread and redraw."""

        def done(warnings: list[str], overview: Any) -> None:
            self._first_read()  # (idle is seen only once this callback has run)
            first = not self.loaded
            self.loaded = True
            if first and overview is not None:
                # The rows first; idle only once the timeline (a frame later) is drawn too.
                # The search text is prepared after that, so it does not compete with them.
                release = self.data.hold()

                def drawn() -> None:
                    self.data.prepare_search_later(overview)
                    release()

                self.main.show_first(overview, drawn)
            elif overview is not None:
                self.main.show(overview)
                self._prepare_search_after_frame(overview)
            if first and self.data.notice:
                self.notify(self.data.notice, severity="warning", timeout=10)
            if first and self.data.read_only_reason:
                self.notify(
                    f"Read-only: {self.data.read_only_reason}. You can look, not change.",
                    severity="warning",
                    timeout=10,
                )
            self.main.show_warnings(warnings)

        def failed(exc: BaseException) -> None:
            self._first_read()
            if not self.loaded:
                # Nothing to show without the data: leave, and say why (the CLI prints it).
                self.startup_error = str(exc)
                self.exit(return_code=1)
                return
            self.notify(f"Could not read the database: {exc}", severity="error", timeout=30)

        self.data.submit(_reload_if_changed, done, failed, full=True, search_later=False)

    def _prepare_search_after_frame(self, overview: Overview) -> None:
        """Have the search text of a whole new overview prepared once its frame is drawn:
        on the data thread meanwhile, it would share the interpreter lock with the redraw
        (at 10,000 applications about twice as long)."""
        after_next_frame(
            self, partial(self.data.prepare_search_later, overview), at_most=SEARCH_AFTER_AT_MOST
        )

    def _refresh_if_idle(self) -> None:
        if self.loaded and not self.data.busy and not self.leaving:
            self.reload()

    def _poll_for_changes(self) -> None:
        if not self.loaded or self.data.busy or self.leaving:
            return

        def done(found: tuple[int | None, list[str]], overview: Any) -> None:
            damaged, warnings = found
            # The data service rebuilds the overview in full when the file was reloaded.
            if overview is not None and not self.leaving:
                self.main.show(overview)
                self._prepare_search_after_frame(overview)
                self.notify("Loaded changes saved elsewhere.", timeout=3)
            if damaged is not None:
                self._show_damaged(damaged)
            self.main.show_warnings(warnings)

        self.data.submit(_check_for_changes, done, refresh=False, search_later=False)

    def _show_damaged(self, damaged: int) -> None:
        # Once per count: again only if more (or other) records turn out damaged.
        if damaged and damaged != self._damaged_shown:
            were = "record was" if damaged == 1 else "records were"
            self.notify(
                f"{damaged} {were} skipped because damaged: run 'jobtui check' for details.",
                severity="warning",
                timeout=15,
            )
        self._damaged_shown = damaged

    def action_help(self) -> None:
        from jobtui.tui.screens.help import HelpScreen

        store = self.data.store
        db = store.path if store is not None else None
        self.push_screen(HelpScreen(self.key_help(), db, self.config.followup))

    def key_help(self) -> list[tuple[str, str, str]]:
        """(keys as the user must press them now, what they do, binding id) for the help."""
        return keymap.help_rows(self, self.config.keys)

    async def action_quit(self) -> None:
        """Save the notes being typed, then leave (the data thread finishes every save).

        If a note's save has been failing, ask first; either way its text goes to a
        recovery file (named in the question, and on exit), never nowhere.
        """
        if self.leaving:
            return
        if self._asking_to_quit:
            self.leave()  # asked twice: yes
            return
        if not self.main.is_attached:
            self.leave()
            return
        self.main.flush_notes()
        failing = self.main.failing_notes()
        if not failing:
            self.leave()
            return
        from jobtui.tui.screens.confirm import ConfirmDialog

        reasons = sorted({why for _, why in failing})
        kept = [self._recover_now(note, why) for note, why in failing]
        count = "1 note" if len(failing) == 1 else f"{len(failing)} notes"
        question = f"{count} could not be saved. Quit anyway?"
        where = [f"The text is kept in {path}." for path in kept if path is not None]
        if len(where) < len(kept):
            where.append("No recovery file could be written: stay to keep the text.")
        detail = "\n".join(
            [
                *(f"Why: {why}" for why in reasons),
                "",
                *where,
                "Stay (n) and it stays in the editor; saving is retried every "
                f"{RETRY_SECONDS:g} s.",
            ]
        )

        def answered(yes: bool | None) -> None:
            self._asking_to_quit = False
            if yes:
                self.leave()
            else:
                self.notify("Still here: saving the notes is retried.", timeout=5)

        self._asking_to_quit = True
        self.push_screen(ConfirmDialog(question, detail), answered)

    def leave(self, return_code: int = 0) -> None:
        """Exit after one last try at saving every unsaved note (a recovery file if not)."""
        if self.leave_from_any_thread():
            self.exit(return_code=return_code)

    def leave_from_any_thread(self) -> bool:
        """Queue the last save (every unsaved note; a recovery file for any that fails).

        Also the barrier for everything queued before it: ``final_save`` is done once every
        save has landed. Called off the UI thread only when that thread is stuck. True if
        this call started leaving.
        """
        with self._leave_lock:
            if self.leaving:
                return False
            self.leaving = True
        notes = self.main.unsaved_notes() if self.main.is_attached else []
        self.final_save = self.data.submit(self._final_save_job(notes), refresh=False)
        return True

    def request_leave(self, signum: int) -> None:
        """Leave because of ``signum`` (SIGTERM, SIGHUP, SIGINT). Safe from any thread or a
        signal handler: the work is done on the UI thread."""
        self._leave_requested = 128 + signum  # seen by on_mount if we are not up yet
        loop = self._ui_loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: we are out
            loop.call_soon_threadsafe(self.leave, 128 + signum)

    def _final_save_job(self, notes: list[UnsavedNote]) -> Callable[[Store], None]:
        recovered = dict(self._recovered)

        def job(store: Store) -> None:
            for note in notes:
                try:
                    save_notes(store, note.kind, note.record_id, note.text)
                except Exception as exc:
                    if recovered.get((note.kind, note.record_id)) != note.text:
                        self._recover(note, store.path, failure_reason(exc))

        return job

    def _recover_now(self, note: UnsavedNote, reason: str) -> Path | None:
        """Write ``note`` to a recovery file now (quitting with a failing save)."""
        store = self.data.store
        path = self._recover(note, store.path if store is not None else None, reason)
        if path is not None:
            self._recovered[(note.kind, note.record_id)] = note.text
        return path

    def _recover(self, note: UnsavedNote, db_path: Path | None, reason: str) -> Path | None:
        try:
            path = write_recovery(note, db_path, self.clock(), reason)
        except RecoveryError as exc:
            # The last resort: the text itself, on stderr after the terminal is restored.
            self.exit_messages.append(
                f"notes of {note.label} not saved ({reason}), and {exc}; "
                f"here they are:\n{note.text}"
            )
            return None
        self.exit_messages.append(f"notes of {note.label} kept in {path} (not saved: {reason})")
        return path

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: jobtui's actions first, then Help, Theme and Quit (Textual's other
        commands make no sense here, and its Quit skips the last save of the notes)."""
        if isinstance(screen, MainScreen):
            yield from main_screen_commands(screen)
        yield from app_commands(self)
