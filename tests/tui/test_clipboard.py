"""The composer's copy (ctrl+y) says where the draft went: the system tool when one can work,
OSC 52 otherwise (the tools are fakes, tests/fake_clipboard.py; the tool choice itself is tested
in tests/unit/test_clipboard_tools.py)."""

from __future__ import annotations

import sys

import pytest
from fake_clipboard import fake_tool
from test_tui_composer import _select
from tui_helpers import SIGNED, make_app, notices, screen_text, settle

from jobtui.db.store import Store
from jobtui.io.demo import populate_demo

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fake tools are shell scripts")


async def _copy_in_composer(tmp_path, now, monkeypatch, env: dict[str, str]):
    for name in ("PATH", "DISPLAY", "WAYLAND_DISPLAY", "SSH_CONNECTION", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    db = tmp_path / "demo.json"
    with Store(db, clock=lambda: now) as store:
        populate_demo(store, now)
    app = make_app(db, now, SIGNED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        _select(app, "Northwind Analytics")
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        draft = app.screen.text
        await pilot.press("ctrl+y")
        # The copy runs in the composer's own worker (the app's may be waiting on the composer).
        for worker in [w for w in app.workers if w.node is app.screen]:
            await worker.wait()
        await pilot.pause()
        said = app.screen.said  # on the composer's status line: no toast over the draft
        assert said in screen_text(app).replace("\n", "")
        assert not notices(app)
        clipped = app.clipboard
    app.data.close()
    return draft, said, clipped


async def test_the_composer_copies_with_the_system_tool_and_says_so(tmp_path, now, monkeypatch):
    bin_dir = tmp_path / "bin"
    fake_tool(bin_dir, "wl-copy")
    draft, said, clipped = await _copy_in_composer(
        tmp_path, now, monkeypatch, {"PATH": str(bin_dir), "WAYLAND_DISPLAY": "wayland-0"}
    )
    assert (bin_dir / "wl-copy.out").read_text(encoding="utf-8") == draft
    assert said == "Draft copied to the clipboard (wl-copy)."
    assert clipped == ""  # no OSC 52 sent as well


async def test_the_composer_without_a_tool_uses_osc52_and_says_what_it_needs(
    tmp_path, now, monkeypatch
):
    empty = tmp_path / "empty"
    empty.mkdir()
    draft, said, clipped = await _copy_in_composer(tmp_path, now, monkeypatch, {"PATH": str(empty)})
    assert clipped == draft
    assert said == ("Draft sent to the terminal's clipboard: your terminal must allow OSC 52.")
