"""The Textual application: wires the store (through DataService), config and the main screen."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from jobtui import dates
from jobtui.config import Config
from jobtui.store import Store
from jobtui.tui.commands import KEY_HELP, main_screen_commands
from jobtui.tui.data import DataService, StoreOpener
from jobtui.tui.screens.main import MainScreen

# How often the whole overview is recomputed so that "due" becomes "overdue" on time.
REFRESH_SECONDS = 120


class _Deliver(Message):
    """A data-thread result to run on the UI thread (post_message is thread-safe)."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.fn = fn
        self.args = args


class JobTUI(App[None]):
    """jobtui's TUI. ``clock`` gives "now" (tests freeze it); ``notice`` is shown at start."""

    CSS_PATH = "app.tcss"
    TITLE = "jobtui"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    def __init__(
        self,
        store: Store | StoreOpener,
        config: Config | None = None,
        *,
        clock: Callable[[], datetime] = dates.now,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.clock = clock
        self.notice = notice
        self.data = DataService(store, self.config, clock, self._deliver)
        self.main = MainScreen()
        self.loaded = False
        self.startup_error: str | None = None  # the database could not be opened

    def _deliver(self, fn: Callable[..., Any], *args: Any) -> None:
        self.post_message(_Deliver(fn, args))

    def on__deliver(self, message: _Deliver) -> None:
        message.fn(*message.args)

    def on_mount(self) -> None:
        if self.config.keys:
            self.set_keymap(self.config.keys)
        if self.config.theme:
            try:
                self.theme = self.config.theme
            except Exception:
                self.notify(f"Unknown theme {self.config.theme!r} in config.toml", severity="error")
        self.push_screen(self.main)
        if self.notice:
            self.notify(self.notice, severity="warning", timeout=10)
        # Read the data once the first frame is up: the screen appears at once.
        self.call_after_refresh(self.reload)
        # Urgency moves with the clock: recompute everything now and then.
        self.set_interval(REFRESH_SECONDS, self._refresh_if_idle)

    def reload(self) -> None:
        """Read everything again on the data thread and redraw."""

        def done(_: Any, overview: Any) -> None:
            first = not self.loaded
            self.loaded = True
            self.main.show(overview)
            if first and self.data.notice:
                self.notify(self.data.notice, severity="warning", timeout=10)

        def failed(exc: BaseException) -> None:
            if not self.loaded:
                # Nothing to show without the data: leave, and say why (the CLI prints it).
                self.startup_error = str(exc)
                self.exit(return_code=1)
                return
            self.notify(f"Could not read the database: {exc}", severity="error", timeout=30)

        def job(store: Store) -> None:
            # A read-only instance (another jobtui has the file) picks up that one's saves.
            if store.read_only:
                store.reload_if_changed()

        self.data.submit(job, done, failed, full=True)

    def _refresh_if_idle(self) -> None:
        if self.loaded and not self.data.busy:
            self.reload()

    def action_help(self) -> None:
        from jobtui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.key_help()))

    def key_help(self) -> list[tuple[str, str, str]]:
        """(keys as the user must press them now, what they do, binding id) for the help."""
        rows = [
            ("tab / shift+tab", "Move between panes: applications, timeline, notes", ""),
            ("j / k  ↓ / ↑", "Move in a list", "cursor_down / cursor_up"),
        ]
        for binding in [*MainScreen.BINDINGS, *JobTUI.BINDINGS]:
            assert isinstance(binding, Binding) and binding.id
            key = self.config.keys.get(binding.id, binding.key)
            shown = " / ".join(
                self.get_key_display(Binding(k.strip(), binding.action)) for k in key.split(",")
            )
            rows.append((shown, KEY_HELP.get(binding.id, binding.description), binding.id))
        rows.append(("ctrl+p", "Command palette: every action by name", ""))
        return rows

    async def action_quit(self) -> None:
        """Save the note being typed, then leave (the data thread finishes every save)."""
        if self.main.is_attached:
            self.main.flush_notes()
        self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            yield from main_screen_commands(screen)
