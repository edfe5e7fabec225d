"""The real TUI in a real terminal (a pseudo-terminal, or tmux): a note typed and then the
process signalled, or its terminal closed, is on disk afterwards. So are notes typed
steadily for seconds, and a `jobtui add` from another terminal shows up in the open TUI."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import orjson
import pytest

from jobtui.core.model import Application, Status
from jobtui.db.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals")

ROWS, COLS = 40, 120
NOTE = "Noted: call went well, send the deck"


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    return env


class Terminal:
    """``jobtui ARGS`` running in a pseudo-terminal we can type into and close."""

    def __init__(self, *args: str) -> None:
        argv = [sys.executable, "-m", "jobtui", *args]
        env = _child_env()
        pid, fd = pty.fork()
        if pid == 0:  # the child: a session leader with the pty as its terminal
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.status: int | None = None
        self._output = bytearray()
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        # Keep draining the terminal: a full pty would block the app's writes.
        while not self._stop.is_set():
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self._output.extend(data)

    @property
    def output(self) -> str:
        return self._output.decode("utf-8", "replace")

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if time.monotonic() > deadline or self.poll() is not None:
                raise AssertionError(f"{text!r} never appeared (exit status {self.status})")
            time.sleep(0.05)

    def type(self, text: str, every: float = 0.02) -> None:
        for char in text:
            os.write(self.fd, char.encode())
            time.sleep(every)

    def poll(self) -> int | None:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                self.wait(5)
                raise AssertionError("jobtui did not exit")
            time.sleep(0.05)
        assert self.status is not None
        return self.status

    def hang_up(self) -> None:
        """Close the terminal (a closed window, a dropped SSH connection)."""
        self._stop.set()
        self._reader.join()
        os.close(self.fd)
        self.fd = -1

    def close(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            self.wait(5)
        if self.fd >= 0:
            self.hang_up()


@pytest.fixture
def acme_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        app = Application(company="Acme", role="Backend Engineer")
        app.set_status(Status.APPLIED, now)
        store.save(app)
    return db_path


@pytest.fixture
def terminal(acme_db):
    opened: list[Terminal] = []

    def start() -> Terminal:
        term = Terminal("--db", str(acme_db))
        opened.append(term)
        term.wait_for("Acme")  # the data is on screen
        time.sleep(0.3)
        return term

    yield start
    for term in opened:
        term.close()


def _notes(db_path: Path) -> str:
    [app] = orjson.loads(db_path.read_bytes())["applications"].values()
    return app["notes"]


def _type_into_editor(term: Terminal, text: str) -> None:
    term.type("\t\t")  # applications -> timeline -> notes
    time.sleep(0.3)
    term.type(text[0])  # no key binding: harmless if the editor did not get focus
    term.wait_for("unsaved", timeout=10)
    term.type(text[1:])


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_right_after_typing_saves_the_note(terminal, acme_db, signum):
    term = terminal()
    _type_into_editor(term, NOTE)
    time.sleep(0.1)  # well inside the autosave pause: only the signal can save it
    os.kill(term.pid, signum)
    assert term.wait() == 128 + signum
    assert _notes(acme_db) == NOTE


@pytest.mark.parametrize("delay", [0.05, 0.4, 1.0])
def test_a_signal_while_starting_up_ends_it_cleanly(acme_db, delay):
    before = acme_db.read_bytes()
    term = Terminal("--db", str(acme_db))
    try:
        time.sleep(delay)  # importing, drawing the first frame, or reading the file
        os.kill(term.pid, signal.SIGTERM)
        status = term.wait(timeout=20)
    finally:
        term.close()
    assert status in (128 + signal.SIGTERM, -signal.SIGTERM)  # -15: before jobtui took over
    assert acme_db.read_bytes() == before


def test_closing_the_terminal_right_after_typing_saves_the_note(terminal, acme_db):
    term = terminal()
    _type_into_editor(term, NOTE)
    time.sleep(0.1)
    term.hang_up()  # the kernel sends SIGHUP; the terminal is gone for good
    assert term.wait() == 128 + signal.SIGHUP
    assert _notes(acme_db) == NOTE


def test_a_failed_last_save_on_a_signal_leaves_a_recovery_file(terminal, acme_db):
    term = terminal()
    _type_into_editor(term, NOTE)
    # The database vanishes under the open TUI (a folder now stands in its place): the last
    # save cannot land, so the text must go to a recovery file.
    acme_db.rename(acme_db.with_name("moved.json"))
    acme_db.mkdir()
    os.kill(term.pid, signal.SIGTERM)
    assert term.wait() == 128 + signal.SIGTERM
    [path] = list((acme_db.parent / "jobtui-recovery").iterdir())
    assert path.read_text().endswith(NOTE)
    assert f"kept in {path}" in term.output.replace("\r\n", "")


def test_typing_steadily_is_on_disk_while_it_goes_on(terminal, acme_db):
    term = terminal()
    text = "typing steadily, a key every tenth of a second, never pausing"
    _type_into_editor(term, text[:2])
    on_disk_while_typing = ""
    started = time.monotonic()
    for char in text[2:]:
        term.type(char, every=0.1)
        if time.monotonic() - started < 5:
            on_disk_while_typing = _notes(acme_db) or on_disk_while_typing
    assert time.monotonic() - started > 2.5
    assert on_disk_while_typing, "nothing reached the disk while typing went on"
    assert text.startswith(on_disk_while_typing)
    os.kill(term.pid, signal.SIGTERM)
    term.wait()
    assert _notes(acme_db) == text


# -- tmux: a closed session, and a CLI write while the TUI is open --------------------

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


class Tmux:
    """A private tmux server (its own socket) running ``jobtui ARGS``."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.socket = str(tmp_path / "tmux.sock")
        command = " ".join(
            ["env", "-u", "COLUMNS", "-u", "LINES", sys.executable, "-m", "jobtui", *args]
        )
        self.tmux("new-session", "-d", "-s", "t", "-x", str(COLS), "-y", str(ROWS), command)
        self.pid = int(self.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-S", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=10,
            env=_child_env(),
            check=False,
        ).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")
            time.sleep(0.1)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def kill_server(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def tmux_tui(tmp_path, acme_db):
    sessions: list[Tmux] = []

    def start() -> Tmux:
        session = Tmux(tmp_path, "--db", str(acme_db))
        sessions.append(session)
        session.wait_for("Acme")
        time.sleep(0.3)
        return session

    yield start
    for session in sessions:
        session.kill_server()


@needs_tmux
def test_killing_the_tmux_session_right_after_typing_saves_the_note(tmux_tui, acme_db):
    session = tmux_tui()
    session.keys("Tab", "Tab")
    time.sleep(0.3)
    session.keys("N")
    session.wait_for("unsaved", timeout=10)
    session.keys("-l", NOTE[1:])
    time.sleep(0.1)
    session.tmux("kill-session", "-t", "t")
    deadline = time.monotonic() + 20
    while session.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not session.alive()
    assert _notes(acme_db) == NOTE


@needs_tmux
def test_a_cli_add_while_the_tui_is_open_lands_and_shows(tmux_tui, acme_db):
    session = tmux_tui()
    result = subprocess.run(
        [sys.executable, "-m", "jobtui", "--db", str(acme_db), "add", "Globex", "Data Engineer"],
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    session.wait_for("Globex", timeout=10)  # the open TUI shows it (within about a second)
    companies = {a["company"] for a in orjson.loads(acme_db.read_bytes())["applications"].values()}
    assert companies == {"Acme", "Globex"}
    # ...and the TUI can still write after it.
    session.keys("Tab", "Tab")
    time.sleep(0.3)
    session.keys("N")
    session.wait_for("unsaved", timeout=10)
    session.keys("q")  # typed into the note; ctrl+q quits
    session.keys("C-q")
    deadline = time.monotonic() + 20
    while session.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    notes = {
        a["company"]: a["notes"]
        for a in orjson.loads(acme_db.read_bytes())["applications"].values()
    }
    assert "Nq" in notes.values()
