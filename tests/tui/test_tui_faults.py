"""The TUI under faults (Pilot): notes are never dropped, read-only is said up front, and
changes made elsewhere show up. What the user sees, and what lands on disk."""

from __future__ import annotations

import asyncio
import errno
import os
import stat
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from tui_helpers import make_app, notices, screen_text, settle, wait_for

from jobtui.config import Config
from jobtui.core.model import Application, Status
from jobtui.db.store import Store
from jobtui.tui.app import JobTUI
from jobtui.tui.screens.confirm import ConfirmDialog
from jobtui.tui.widgets import editor as editor_module
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.editor import NoteEditor

SIZE = (120, 40)
ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _apps_on_disk(db_path) -> dict[str, dict]:
    return {d["company"]: d for d in orjson.loads(db_path.read_bytes())["applications"].values()}


def _mode(path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _two_apps(db_path: Path, now) -> Path:
    with Store(db_path, clock=lambda: now) as store:
        for company, days in (("Acme", 1), ("Beta", 2)):
            app = Application(company=company, role="Engineer")
            app.set_status(Status.APPLIED, now - timedelta(days=days))
            store.save(app)
    return db_path


@pytest.fixture
def two_apps_db(db_path, now):
    return _two_apps(db_path, now)


@pytest.fixture
def two_apps_short_db(short_home, now):
    """Acme and Beta in a file whose path is short in every run (a toast naming it is whole)."""
    return _two_apps(short_home / "data" / "jobtui.json", now)


@pytest.fixture
def full_disk(monkeypatch):
    """Every save of a record fails with ENOSPC until ``full_disk.clear()``."""
    real_save = Store.save

    class Disk:
        full = True

        def clear(self) -> None:
            self.full = False

    disk = Disk()

    def save(self, record, **kwargs):
        if disk.full:
            raise ENOSPC
        return real_save(self, record, **kwargs)

    monkeypatch.setattr(Store, "save", save)
    return disk


def _joined(text: str) -> str:
    """Screen text with line breaks and pane borders removed (for wrapped long lines)."""
    return "".join(line.strip(" │") for line in text.splitlines())


def _squeezed(text: str) -> str:
    """``text`` without any whitespace or pane borders (to find words wrapped anywhere)."""
    return "".join(text.replace("│", "").split())


def _editor(app: JobTUI) -> NoteEditor:
    return app.screen.query_one(NoteEditor)


async def _to_editor(pilot, app: JobTUI) -> None:
    await pilot.press("tab", "tab")
    assert app.focused is _editor(app).text_area


# -- autosave with a maximum wait ------------------------------------------------------


async def test_steady_typing_is_saved_while_it_goes_on(two_apps_db, now):
    app = make_app(two_apps_db, now)
    typed = "steady typing that never pauses long enough for the debounce"
    seen_on_disk_while_typing = ""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _to_editor(pilot, app)
        # One key every 0.3 s (less than the 0.8 s pause that would trigger a save) for
        # well over 2 s: the maximum wait still sends it to disk mid-typing.
        for i, char in enumerate(typed[:14]):
            await pilot.press(char if char != " " else "space")
            await asyncio.sleep(0.3)
            notes = _apps_on_disk(two_apps_db)["Acme"]["notes"]
            if notes and i < 13:
                seen_on_disk_while_typing = notes
        assert _editor(app).mark == "unsaved"
        await pilot.press("ctrl+q")
    app.data.close()
    assert seen_on_disk_while_typing, "nothing reached the disk while typing went on"
    assert typed.startswith(seen_on_disk_while_typing)
    assert _apps_on_disk(two_apps_db)["Acme"]["notes"] == typed[:14]


# -- a save that fails -----------------------------------------------------------------


async def test_a_failed_save_keeps_the_text_says_why_and_retries(
    two_apps_db, now, full_disk, monkeypatch
):
    monkeypatch.setattr(editor_module, "RETRY_SECONDS", 0.3)
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _to_editor(pilot, app)
        await pilot.press(*"kept")
        await pilot.press("escape")  # leaving the editor saves: that fails
        await settle(pilot, app)
        editor = _editor(app)
        assert editor.mark == "not saved"
        assert editor.text_area.text == "kept"
        assert "✗ not saved: No space left on device" in screen_text(app)
        assert any("Notes not saved: No space left" in n for n in notices(app)), notices(app)
        # Move to the other application and back: the text is still there.
        await pilot.press("j")
        await settle(pilot, app)
        assert editor.text_area.text == ""
        await pilot.press("k")
        await settle(pilot, app)
        assert editor.text_area.text == "kept"
        assert "✗ not saved" in screen_text(app)  # the error stays until a save succeeds
        before = len(notices(app))
        await pilot.pause(1.0)  # retried several times meanwhile: one toast, not one each
        assert len(notices(app)) == before
        full_disk.clear()
        assert await wait_for(pilot, lambda: editor.mark == "saved")
        assert "✓ saved" in screen_text(app)
    app.data.close()
    assert _apps_on_disk(two_apps_db)["Acme"]["notes"] == "kept"


async def test_a_failed_save_of_another_record_is_retried_too(
    two_apps_db, now, full_disk, monkeypatch
):
    monkeypatch.setattr(editor_module, "RETRY_SECONDS", 0.3)
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _to_editor(pilot, app)
        await pilot.press(*"for acme")
        await pilot.press("escape", "j")  # saved (and failed) on the way to Beta
        await settle(pilot, app)
        full_disk.clear()  # the next retry saves it, with nothing else done meanwhile
        assert await wait_for(
            pilot, lambda: _apps_on_disk(two_apps_db)["Acme"]["notes"] == "for acme"
        )
    app.data.close()
    assert _apps_on_disk(two_apps_db)["Acme"]["notes"] == "for acme"


async def test_quit_with_a_failing_save_asks_and_writes_a_recovery_file(
    two_apps_db, now, full_disk
):
    app = make_app(two_apps_db, now)
    recovery = two_apps_db.parent / "jobtui-recovery"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _to_editor(pilot, app)
        await pilot.press(*"# Call notes", "enter", *"ask about [bold] team")
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        [path] = list(recovery.iterdir())
        await pilot.pause()
        text = screen_text(app)
        assert "1 note could not be saved. Quit anyway?" in text
        assert "Why: No space left on device" in text
        assert str(path) in _joined(text)  # named in the question (wrapped over lines)
        assert path.read_text().endswith("# Call notes\nask about [bold] team")
        assert _mode(path) == 0o600 and _mode(recovery) == 0o700
        await pilot.press("n")  # stay: the text is still in the editor
        await pilot.pause()
        assert app.is_running and _editor(app).text_area.text.endswith("[bold] team")
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    app.data.close()
    assert app.return_code == 0
    assert len(list(recovery.iterdir())) == 2  # asked twice: written twice, never dropped
    assert any(str(path) in m and "No space left" in m for m in app.exit_messages)
    assert _apps_on_disk(two_apps_db)["Acme"]["notes"] == ""


async def test_quit_without_failures_does_not_ask(two_apps_db, now):
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _to_editor(pilot, app)
        await pilot.press(*"fine")
        await pilot.press("ctrl+q")
        await pilot.pause()
    app.data.close()
    assert not (two_apps_db.parent / "jobtui-recovery").exists()
    assert _apps_on_disk(two_apps_db)["Acme"]["notes"] == "fine"


async def test_leaving_on_a_signal_when_the_last_save_fails_writes_a_recovery_file(
    two_apps_db, now, full_disk
):
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _to_editor(pilot, app)
        await pilot.press(*"typed just before SIGTERM")
        app.request_leave(15)  # what the SIGTERM handler does
        await pilot.pause(0.2)
    app.data.close()
    assert app.return_code == 128 + 15
    [path] = list((two_apps_db.parent / "jobtui-recovery").iterdir())
    assert path.read_text().endswith("typed just before SIGTERM")
    assert "Acme" in path.read_text().split("\n")[0]
    [message] = app.exit_messages
    assert str(path) in message and "No space left on device" in message


def test_launch_prints_where_the_recovery_file_is(two_apps_db, capsys, monkeypatch):
    from jobtui.tui import run as launch

    async def drive(app: JobTUI) -> None:
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(200):
                await pilot.pause(0.02)
                if app.loaded:
                    break
            await _to_editor(pilot, app)
            await pilot.press(*"lost?")
            monkeypatch.setattr(Store, "save", lambda *a, **k: (_ for _ in ()).throw(ENOSPC))
            await pilot.press("ctrl+q")
            await pilot.pause(0.2)

    monkeypatch.setattr(JobTUI, "run", lambda self: asyncio.run(drive(self)))
    code = launch.run_tui(str(two_apps_db), demo=False)
    err = capsys.readouterr().err
    assert code == 0
    assert "jobtui: notes of Acme · Engineer kept in " in err
    assert err.endswith(" (not saved: No space left on device)\n")
    path = err.split(" kept in ", 1)[1].split(" (not saved", 1)[0]
    assert Path(path).read_text().endswith("lost?")


# -- read-only -------------------------------------------------------------------------


async def test_read_only_refuses_editing_up_front_with_the_reason(two_apps_short_db, now):
    # The reason names the file: a short path keeps it whole in the 160-character toast.
    two_apps_db = two_apps_short_db
    two_apps_db.chmod(0o400)
    store = Store(two_apps_db, clock=lambda: now)
    assert store.read_only
    app = JobTUI(store, Config(), clock=lambda: now)
    before = two_apps_db.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        reason = store.read_only_reason
        assert reason
        text = screen_text(app)
        assert "READ-ONLY: nothing can be changed here" in text.splitlines()[0]
        assert _squeezed(f"read-only: {reason}") in _squeezed(text)
        assert "another jobtui" not in text
        editor = _editor(app)
        assert editor.text_area.read_only
        for key in ("a", "e", "i", "s", "d", "z", "t", "m"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is app.main, f"{key} opened {type(app.screen).__name__}"
        assert any(n.startswith("Read-only:") and reason in n for n in notices(app))
        await _to_editor(pilot, app)
        await pilot.press(*"nothing")
        assert editor.text_area.text == ""
        await pilot.press("q")
        await pilot.pause()
    app.data.close()
    assert two_apps_db.read_bytes() == before
    assert not (two_apps_db.parent / "jobtui-recovery").exists()


async def test_a_read_only_folder_opens_the_tui_read_only_instead_of_exiting(two_apps_db, now):
    folder = two_apps_db.parent
    folder.chmod(0o500)
    try:
        store = Store(two_apps_db, clock=lambda: now)
        app = JobTUI(store, Config(), clock=lambda: now)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            assert app.startup_error is None and app.is_running
            text = screen_text(app)
            assert "READ-ONLY" in text.splitlines()[0]
            assert "Acme" in text and "Beta" in text
            assert _editor(app).text_area.read_only
            await pilot.press("a")
            await pilot.pause()
            assert app.screen is app.main  # no form to fill in for nothing
        app.data.close()
    finally:
        folder.chmod(0o700)
    assert sorted(_apps_on_disk(two_apps_db)) == ["Acme", "Beta"]


# -- others' changes -------------------------------------------------------------------


async def test_changes_saved_elsewhere_show_within_a_second(two_apps_db, now):
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        with Store(two_apps_db, clock=lambda: now) as other:  # another jobtui, the CLI...
            other.save(Application(company="Gamma", role="Ops"))
        table = app.screen.query_one(ApplicationsTable)
        assert await wait_for(pilot, lambda: table.row_count == 3, seconds=10)
        assert "Gamma" in screen_text(app)
        assert "Loaded changes saved elsewhere." in notices(app)


async def test_the_data_layers_warnings_are_shown_once(two_apps_db, now, monkeypatch):
    said = ["the backups folder X cannot be written (Permission denied): saved without a backup"]

    def take_warnings(self):
        taken, said[:] = list(said), []
        return taken

    monkeypatch.setattr(Store, "take_warnings", take_warnings)
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.pause(1.5)
        shown = [n for n in notices(app) if "backups folder X" in n]
    assert len(shown) == 1


async def test_damaged_records_are_skipped_with_one_notice(two_apps_db, now):
    data = orjson.loads(two_apps_db.read_bytes())
    bad = next(iter(data["applications"].values()))
    bad["status"] = "bogus"
    two_apps_db.write_bytes(orjson.dumps(data))
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.pause(2.5)  # a few checks for changes later: still one notice
        table = app.screen.query_one(ApplicationsTable)
        assert table.row_count == 1
        skipped = [n for n in notices(app) if "skipped" in n]
    assert skipped == ["1 record was skipped because damaged: run 'jobtui check' for details."]


# -- no terminal -----------------------------------------------------------------------


def test_no_terminal_means_no_tui(db_path):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "jobtui", "--db", str(db_path)],
        stdin=subprocess.DEVNULL,
        capture_output=True,  # stdout a pipe: not a terminal
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "needs a terminal" in line and "the commands work without one" in line
    assert not db_path.exists() and not db_path.parent.exists()  # never opened
    assert time.monotonic() - started < 30


def test_no_terminal_on_stdout_alone_is_refused_too(db_path):
    # stdin may still be a terminal (`jobtui > file`): stdout must be one as well.
    result = subprocess.run(
        [sys.executable, "-m", "jobtui", "--demo"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "needs a terminal" in result.stderr


async def test_a_save_that_merges_changes_made_elsewhere_says_so_and_shows_them(
    two_apps_db, now, monkeypatch
):
    # No check for changes in between: the note's save itself meets the other change.
    monkeypatch.setattr(JobTUI, "_poll_for_changes", lambda self: None)
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _to_editor(pilot, app)
        await pilot.press(*"mine")
        with Store(two_apps_db, clock=lambda: now) as other:
            other.save(Application(company="Gamma", role="Ops"))
        await pilot.press("escape")  # saves the note: the file changed, so it merges
        table = app.screen.query_one(ApplicationsTable)
        assert await wait_for(pilot, lambda: table.row_count == 3, seconds=10)
        assert [n for n in notices(app) if n.startswith("merged changes made elsewhere")]
    app.data.close()
    on_disk = _apps_on_disk(two_apps_db)
    assert on_disk["Acme"]["notes"] == "mine" and "Gamma" in on_disk


async def test_a_note_refused_for_its_length_is_kept_and_not_retried(two_apps_db, now, monkeypatch):
    from jobtui.core.model import MAX_TEXT

    monkeypatch.setattr(editor_module, "RETRY_SECONDS", 0.2)
    tries = []
    real_save = Store.save

    def counting_save(self, record, **kwargs):
        tries.append(len(record.notes))
        return real_save(self, record, **kwargs)

    monkeypatch.setattr(Store, "save", counting_save)
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _to_editor(pilot, app)
        editor = _editor(app)
        editor.replace_text("x" * (MAX_TEXT + 1))
        await settle(pilot, app)
        await asyncio.sleep(1.0)  # five retry periods
        await settle(pilot, app)
        assert len(tries) == 1  # refused once, not retried every 0.2 s
        assert "change it to save" in screen_text(app)
        assert editor.text_area.text == "x" * (MAX_TEXT + 1)  # kept in the editor
        editor.replace_text("short again")  # a change that fits is saved at once
        await settle(pilot, app)
    app.data.close()
    assert "short again" in {d["notes"] for d in _apps_on_disk(two_apps_db).values()}
