"""Bounds at the door, in the TUI: a stored record out of bounds does not stop it opening, and
a date out of range typed in a dialog is refused there (the data tests are in
tests/unit/test_bounds_data.py)."""

from __future__ import annotations

import json
from pathlib import Path

from tui_helpers import make_app, screen_text, settle


def _contents(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


async def test_the_tui_opens_beside_a_stored_year_9999_record(jobtui, db_path, now):
    bad = jobtui("add", "Broken", "Dev", "--applied", "2026-11-02")[1].strip()
    jobtui("add", "Good Corp", "Dev", "--applied", "2026-11-10")
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data["applications"][bad]["applied_on"] = "9999-12-31"  # as an older jobtui could write
    db_path.write_text(json.dumps(data), encoding="utf-8")
    app = make_app(db_path, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        text = screen_text(app)
        assert "Good Corp" in text
        assert "Broken" not in text


async def test_the_tui_snooze_refuses_year_9999(jobtui, db_path, now):
    jobtui("add", "Acme", "Dev", "--applied", "2026-11-02")
    before = _contents(db_path)
    app = make_app(db_path, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("z", *"9999-12-31")
        await settle(pilot, app)
        assert '"9999-12-31" is outside the years 1900-2200' in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
    assert _contents(db_path) == before
