"""Shared fixtures: every test runs in its own folders, in a fixed zone, at a frozen "now"."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from dateutil import tz

from jobtui.__main__ import main

ZONE = "Europe/Berlin"
# Thursday 26 November 2026, 10:00 in Berlin: the "now" of every test.
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=tz.gettz(ZONE))


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Keep tests out of the user's real data and config, with a fixed zone and clock."""
    monkeypatch.setenv("TZ", ZONE)
    monkeypatch.setenv("JOBTUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("JOBTUI_DB", str(tmp_path / "data" / "jobtui.json"))
    monkeypatch.setenv("JOBTUI_NOW", NOW.isoformat())
    monkeypatch.setenv("JOBTUI_DRAFTS_DIR", str(tmp_path / "drafts"))
    # No test may reach a real clipboard: no display to copy to, and "over SSH" skips the
    # local-only tools (tests that want a clipboard tool build a fake one on PATH).
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 1 127.0.0.1 22")


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "jobtui.json"


@pytest.fixture
def short_home(monkeypatch) -> Iterator[Path]:
    """A private folder for the data, settings and drafts whose path is short and as long in
    every run, for tests that show a path on screen: tmp_path's length changes with the xdist
    worker (``popen-gw0/``) and the run number, a toast is cut at 160 characters, and the
    help's paths wrap (and move its scrollbar) by their length."""
    home = Path(tempfile.mkdtemp(prefix="jobtui-testhome-", dir="/tmp"))  # unique, 29 characters
    monkeypatch.setenv("JOBTUI_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("JOBTUI_DB", str(home / "data" / "jobtui.json"))
    monkeypatch.setenv("JOBTUI_DRAFTS_DIR", str(home / "drafts"))
    yield home
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def jobtui(capsys):
    """Run `jobtui ARGS...` in-process; return (exit status, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
