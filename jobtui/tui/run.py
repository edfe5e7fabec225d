"""Open the database (or a demo copy) and run the TUI, saving every note however it ends.

SIGTERM, SIGHUP and SIGINT, or the terminal going away, make the TUI leave the way ``q``
does: every unsaved note gets one last save (a recovery file if that fails) and the data
thread finishes before the process exits. When the terminal is gone, output goes to
/dev/null so that restoring a terminal that is no longer there cannot fail or hang.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import threading
import time
from types import FrameType
from typing import TYPE_CHECKING, Any

from jobtui import locations
from jobtui.config import load_config
from jobtui.core import dates
from jobtui.core.textsafe import visible
from jobtui.db.store import Store

if TYPE_CHECKING:
    from jobtui.io.demo import DemoFolder
    from jobtui.tui.app import JobTUI

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
# After a signal: how long the UI gets to queue the last save itself, and then to exit
# once that save is done, before the process leaves without it (the save has landed).
HANDOVER_SECONDS = 3.0
EXIT_GRACE_SECONDS = 5.0
TERMINAL_CHECK_SECONDS = 0.5


def run_tui(db: str | None, demo: bool) -> int:
    """Run the TUI; return the exit status. Errors that stop it are reported by the CLI."""
    if not demo:
        return _run(db, None)
    from jobtui.io.demo import demo_environment, make_demo_folder

    folder = make_demo_folder()
    try:
        # Every path jobtui uses points into the throwaway folder while the demo runs.
        with demo_environment(folder):
            return _run(None, folder)
    finally:
        shutil.rmtree(folder.root, ignore_errors=True)


def _run(db: str | None, demo: DemoFolder | None) -> int:
    from jobtui.tui.app import JobTUI

    config = load_config()

    def open_store() -> tuple[Store, str | None]:
        # Runs on the data thread, after the first frame.
        if demo is not None:
            from jobtui.io.demo import open_demo_store

            store, _ = open_demo_store(dates.now(), demo)
            return store, "Demo data: a throwaway copy. Nothing you change here is kept."
        # A file or folder that cannot be written opens read-only by itself (with why).
        return Store(locations.database_file(db)), None

    app = JobTUI(open_store, config)
    guard = ExitGuard(app)
    guard.install()
    try:
        app.run()
    finally:
        try:
            app.data.close()  # waits for every queued save, the last one too
        finally:
            guard.finished()
    _say_on_exit(app)
    if app.startup_error:
        _print(f"jobtui: {app.startup_error}")
        return 1
    if guard.signum is not None:
        return 128 + guard.signum
    return app.return_code or 0


def _print(line: str) -> None:
    # stderr may be a terminal that is gone: never let that fail the exit. A line may quote
    # stored text (a note's label is its company): control characters are shown, not sent.
    with contextlib.suppress(OSError, ValueError):
        print(visible(line), file=sys.stderr, flush=True)


def _say_on_exit(app: JobTUI) -> None:
    for message in app.exit_messages:
        _print(f"jobtui: {message}")


def terminal_is_there() -> bool:
    """True while stdin and stdout are still a terminal (False once it has hung up)."""
    try:
        return os.isatty(sys.__stdin__.fileno()) and os.isatty(sys.__stdout__.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def _detach_from_terminal() -> None:
    """Point stdin, stdout and stderr at /dev/null (the terminal is gone)."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            with contextlib.suppress(OSError):
                os.dup2(null, fd)
        os.close(null)


class ExitGuard:
    """Turns SIGTERM, SIGHUP, SIGINT and a vanished terminal into a saving exit.

    The handlers stay installed until the data thread has finished (``finished``), so a
    second signal during the last save cannot kill the process halfway.
    """

    def __init__(self, app: JobTUI) -> None:
        self.app = app
        self.signum: int | None = None
        self._previous: dict[int, Any] = {}
        self._done = threading.Event()

    def install(self) -> None:
        """Take over the exit signals (main thread only) and watch the terminal."""
        if threading.current_thread() is not threading.main_thread():
            return  # signals can only be handled there (tests may run the TUI elsewhere)
        for signum in EXIT_SIGNALS:
            self._previous[signum] = signal.signal(signum, self._on_signal)
        if terminal_is_there():
            threading.Thread(
                target=self._watch_terminal, name="jobtui-terminal", daemon=True
            ).start()

    def finished(self) -> None:
        """Every save is done: give the signals back."""
        self._done.set()
        for signum, previous in self._previous.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(signum, previous)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.trigger(signum)

    def trigger(self, signum: int) -> None:
        """Leave because of ``signum``; further signals are ignored (the save is underway)."""
        if self.signum is not None or self._done.is_set():
            return
        self.signum = signum
        if not terminal_is_there():
            _detach_from_terminal()
        self.app.request_leave(signum)
        threading.Thread(target=self._watchdog, name="jobtui-exit", daemon=True).start()

    def _watch_terminal(self) -> None:
        # A closed terminal normally sends SIGHUP; if that is ignored or lost, notice anyway
        # (reading a hung-up terminal returns nothing, and the UI would spin on it).
        while not self._done.wait(TERMINAL_CHECK_SECONDS):
            if not terminal_is_there():
                self.trigger(signal.SIGHUP)
                return

    def _watchdog(self) -> None:
        """Make sure the last save happens and the process ends, even if the UI is stuck."""
        app = self.app
        deadline = time.monotonic() + HANDOVER_SECONDS
        while not app.leaving and time.monotonic() < deadline:
            if self._done.wait(0.05):
                return
        if not app.leaving:  # the UI thread never got to it: save from here
            with contextlib.suppress(Exception):
                app.leave_from_any_thread()
        if app.final_save is not None:
            with contextlib.suppress(Exception):
                app.final_save.result()
        if self._done.wait(EXIT_GRACE_SECONDS):
            return
        # The UI could not finish (a terminal write that never returns): the notes are
        # saved (or in a recovery file), so end here.
        _say_on_exit(app)
        assert self.signum is not None
        os._exit(128 + self.signum)
