"""The first screen with data: what it holds, what follows it, and what still shows after it.

The rows, the summary, the details and the notes of the selected application are drawn in
the first frame with data; the timeline a frame later (building its lines would hold the
rows back), and the app is not idle until it is there too. The footer is rebuilt only when
the keys it shows change.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from tui_helpers import make_app, notices, screen_text, settle

from jobtui.config import Config
from jobtui.db.store import Store
from jobtui.io.demo import populate_demo
from jobtui.tui.app import JobTUI
from jobtui.tui.screens.main import MainScreen
from jobtui.tui.widgets.details import Details
from jobtui.tui.widgets.editor import NoteEditor
from jobtui.tui.widgets.timeline import Timeline

SIZE = (120, 40)
TOP = "Copperleaf Robotics"  # the demo's most urgent application: the first row


@pytest.fixture
def demo_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
    return db_path


def _plain(renderable) -> str:
    console = Console(width=60, file=io.StringIO(), record=True)
    console.print(renderable)
    return console.export_text()


async def test_the_first_redraw_with_data_fills_all_but_the_timeline(demo_db, now, monkeypatch):
    app = make_app(demo_db, now)
    seen: dict[str, object] = {}
    show_first = MainScreen.show_first

    def watched(screen: MainScreen, overview, then) -> None:
        show_first(screen, overview, then)
        # What the next frame draws: everything is set but the timeline, which follows.
        row = screen.selected_row()
        seen["row"] = row.app.company if row is not None else None
        seen["details"] = _plain(screen.query_one(Details).content)
        seen["notes"] = screen.query_one(NoteEditor).text_area.text
        seen["timeline"] = screen.query_one(Timeline).option_count

    monkeypatch.setattr(MainScreen, "show_first", watched)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert seen["row"] == TOP
        assert "Salary" in str(seen["details"]) and "72,000" in str(seen["details"])
        assert "Warehouse robots." in str(seen["notes"])
        assert seen["timeline"] == 0
        text = screen_text(app)  # and once idle, the timeline too
        first_row = next(line for line in text.splitlines() if line.startswith("!!"))
        assert TOP in first_row
        assert "Salary  72,000 – 85,000 EUR" in text
        assert f"Notes — {TOP}" in text
        assert "──── now ────" in text
        assert "thank-you overdue Copperleaf Robotics" in text


async def test_idle_only_once_the_timeline_is_drawn(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE):
        await app.data.wait_idle()  # no pause: idle itself must mean "all drawn"
        assert app.loaded
        timeline = app.main.query_one(Timeline)
        assert timeline.option_count > 0
        entry = timeline.selected_entry
        assert entry is not None and entry.app.company == TOP  # it jumped to the top row's


async def test_the_timeline_is_drawn_even_if_its_callback_is_lost(demo_db, now, monkeypatch):
    # A callback after the refresh waits on the screen shown then; a dialog closed at once
    # would take it along. The timer behind it draws the timeline anyway.
    monkeypatch.setattr(Timeline, "call_after_refresh", lambda self, *args: True)
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert app.main.query_one(Timeline).option_count > 0
        assert "──── now ────" in screen_text(app)


async def test_notices_still_show_after_the_first_load(demo_db, now):
    def open_store() -> tuple[Store, str | None]:
        return Store(demo_db, clock=lambda: now, read_only=True), "Demo data: a throwaway copy."

    app = JobTUI(open_store, Config(), clock=lambda: now, state_file=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        said = notices(app)
        assert "Demo data: a throwaway copy." in said
        assert any(n.startswith("Read-only:") for n in said)
        assert app.main.query_one(Timeline).option_count > 0


async def test_a_database_that_cannot_be_read_still_ends_the_app(db_path, now):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text("{ not json")
    app = JobTUI(lambda: (Store(db_path, clock=lambda: now), None), Config(), clock=lambda: now)
    async with app.run_test(size=SIZE) as pilot:
        await app.data.wait_idle()
        await pilot.pause()
    assert app.startup_error and "not valid JSON" in app.startup_error
    assert app.return_code == 1


async def test_the_footer_follows_its_width_and_the_keys(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        wide = screen_text(app).splitlines()[-1]
        assert "b Board" in wide
        await pilot.resize_terminal(80, 24)
        await settle(pilot, app)
        narrow = screen_text(app).splitlines()[-1]
        assert "b Board" not in narrow and "q Quit" in narrow
        await pilot.resize_terminal(*SIZE)
        await settle(pilot, app)
        assert screen_text(app).splitlines()[-1] == wide
        app.set_keymap({"quit": "w"})  # a key remapped while running shows at once
        await settle(pilot, app)
        assert "w Quit" in screen_text(app).splitlines()[-1]
