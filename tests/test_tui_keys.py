"""Keys never surprise: the note editor keeps Tab, [keys] is checked, the footer fits 80x24."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
from tui_helpers import make_app, notices, screen_text, settle

from jobtui.model import Application, Status
from jobtui.store import Store
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.editor import NoteEditor
from jobtui.tui.widgets.timeline import Timeline

SIZE = (120, 40)


def _disk(db_path) -> dict:
    return orjson.loads(db_path.read_bytes())


@pytest.fixture
def one_app_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        app = Application(company="Acme", role="Backend Engineer")
        app.set_status(Status.APPLIED, now - timedelta(days=1))
        store.save(app)
    return db_path


# -- 4: Tab in the note editor -------------------------------------------------


async def test_tab_in_the_note_editor_indents_and_letters_after_it_stay_text(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = app.screen.query_one(NoteEditor)
        await pilot.press("tab", "tab")
        assert app.focused is editor.text_area
        await pilot.press(*"- one", "enter", *"- two")
        # Tab used to leave the editor; "update" then ran u (undo), d (delete)...
        await pilot.press("tab", *"update")
        assert app.focused is editor.text_area
        assert editor.text_area.text == "- one\n  - twoupdate"
        assert app.screen is app.main  # no delete question, no form
        assert not any("undo" in n.lower() for n in notices(app))
        await pilot.press("shift+tab")
        assert editor.text_area.text == "- one\n- twoupdate"
        assert app.focused is editor.text_area
        # Tab indents every selected line; one undo step takes it back.
        editor.text_area.select_all()
        await pilot.press("tab")
        assert editor.text_area.text == "  - one\n  - twoupdate"
        await pilot.press("ctrl+z")
        assert editor.text_area.text == "- one\n- twoupdate"
        await pilot.pause(1.2)
        await settle(pilot, app)
        [stored] = _disk(one_app_db)["applications"].values()
        assert stored["notes"] == "- one\n- twoupdate"


async def test_escape_leaves_the_note_editor_and_its_border_says_so(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("shift+tab")  # from the applications straight to the notes
        assert app.focused is app.screen.query_one(NoteEditor).text_area
        assert "tab indent · shift+tab dedent · esc leave" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.focused, ApplicationsTable)
        assert "esc leave" not in screen_text(app)


async def test_tab_still_moves_between_the_other_panes(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert isinstance(app.focused, ApplicationsTable)
        await pilot.press("tab")
        assert isinstance(app.focused, Timeline)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ApplicationsTable)
        await pilot.press("shift+tab")
        assert app.focused is app.screen.query_one(NoteEditor).text_area


async def test_escape_from_an_interviews_notes_goes_back_to_the_timeline(one_app_db, now):
    from jobtui.model import Interview

    with Store(one_app_db, clock=lambda: now) as store:
        [acme] = store.applications()
        store.save(Interview(application_id=acme.id, starts_at=now - timedelta(hours=3)))
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("tab", "tab", *"asked about Kafka", "escape")
        assert isinstance(app.focused, Timeline)
        await pilot.press("t")  # the thank-you for that interview
        await settle(pilot, app)
    app.data.close()
    [interview] = _disk(one_app_db)["interviews"].values()
    assert interview["notes"] == "asked about Kafka"
    assert interview["thank_you_sent_at"] == now.isoformat()
