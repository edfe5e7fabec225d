"""Undo and redo in the TUI: the keys, the toasts, the trash view (the store's undo and redo
are tested in tests/unit/test_redo_store.py)."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
from tui_helpers import make_app, notices, screen_text, settle

from jobtui.core.model import Application, Contact, Interview, Status
from jobtui.db.store import Store
from jobtui.tui.screens.trash import TrashScreen

SIZE = (120, 40)


def _apps(db_path) -> dict[str, dict]:
    data = orjson.loads(db_path.read_bytes())
    return {d["company"]: d for d in data["applications"].values()}


@pytest.fixture
def two_apps_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        for company in ("Acme", "Beta [Remote]"):
            app = Application(company=company, role="Dev")
            app.set_status(Status.APPLIED, now - timedelta(days=1))
            store.save(app)
    return db_path


@pytest.mark.parametrize("redo_key", ["U", "ctrl+r"])
async def test_u_and_ctrl_r_redo_in_the_tui(two_apps_db, now, redo_key):
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("s", "3")  # status: screening
        await settle(pilot, app)
        await pilot.press("d", "y")  # delete it
        await settle(pilot, app)
        assert len(_apps(two_apps_db)) == 1
        await pilot.press("u")
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        assert {d["status"] for d in _apps(two_apps_db).values()} == {"applied"}
        assert notices(app)[-1].startswith("Undid the status change of")
        await pilot.press(redo_key)
        await settle(pilot, app)
        assert "screening" in {d["status"] for d in _apps(two_apps_db).values()}
        assert notices(app)[-1].startswith("Redid the status change of")
        await pilot.press(redo_key)
        await settle(pilot, app)
        assert len(_apps(two_apps_db)) == 1
        assert notices(app)[-1].startswith("Redid the deletion of")
        await pilot.press(redo_key)
        await settle(pilot, app)
        assert notices(app)[-1] == "Nothing to redo."


async def test_undoing_an_add_says_what_it_removed_and_that_redo_brings_it_back(db_path, now):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#field-company").value = "Gamma [Remote]"
        app.screen.query_one("#field-role").value = "Dev"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert list(_apps(db_path)) == ["Gamma [Remote]"]
        await pilot.press("u")
        await settle(pilot, app)
        assert _apps(db_path) == {}
        assert notices(app)[-1] == (
            "Undid adding Gamma [Remote] — Dev: removed the application "
            "Gamma [Remote] — Dev. U brings it back."
        )
        await pilot.press("U")
        await settle(pilot, app)
        assert list(_apps(db_path)) == ["Gamma [Remote]"]


async def test_the_trash_view_lists_deleted_records_with_when_and_enter_restores(two_apps_db, now):
    with Store(two_apps_db, clock=lambda: now - timedelta(hours=2)) as store:
        beta = next(a for a in store.applications() if a.company.startswith("Beta"))
        store.add_interview(Interview(application_id=beta.id, starts_at=now))
        store.delete(beta)
        contact = store.save(Contact(name="Dana [HR]"))
        store.delete(contact)
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("D")
        await settle(pilot, app)
        assert isinstance(app.screen, TrashScreen)
        text = screen_text(app)
        assert "Trash · 2 deleted, newest first" in text
        assert "Beta [Remote] — Dev" in text  # literally, not read as markup
        assert "Dana [HR]" in text
        assert "deleted 26 Nov 08:00" in text
        # Newest first: both at the same time here; pick Beta's row and restore it.
        rows = [e.label for e in app.screen.entries]
        await pilot.press(*["down"] * rows.index("Beta [Remote] — Dev"), "enter")
        await settle(pilot, app)
        assert "Restored Beta [Remote] — Dev. u undoes it." in notices(app)
        assert "Trash · 1 deleted" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert not isinstance(app.screen, TrashScreen)
        assert "Beta [Remote]" in screen_text(app)
    data = orjson.loads(two_apps_db.read_bytes())
    assert {d["company"] for d in data["applications"].values()} == {"Acme", "Beta [Remote]"}
    assert len(data["interviews"]) == 1  # back with its application
    assert [d["label"] for d in data["trash"].values()] == ["Dana [HR]"]


async def test_an_empty_trash_says_so(two_apps_db, now):
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("D")
        await settle(pilot, app)
        assert "Trash: empty" in screen_text(app)
        await pilot.press("enter")
        await pilot.press("q")
        await settle(pilot, app)
        assert app.is_running  # q closed the trash, it did not quit


async def test_the_palette_opens_the_trash(two_apps_db, now):
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p", *"Trash")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, TrashScreen)


# -- adding an interview moves an application on (undoably) ------------------------


async def test_adding_an_interview_moves_applied_to_interviewing_and_u_undoes_both(
    two_apps_db, now
):
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        app.screen.query_one("#field-starts_at").value = "tomorrow 10:00"
        await pilot.press("enter")
        await settle(pilot, app)
        moved = [d for d in _apps(two_apps_db).values() if d["status"] == "interviewing"]
        [company] = [d["company"] for d in moved]
        assert moved[0]["status_history"][-1]["status"] == "interviewing"
        assert (
            f"Interview added; {company} moved from applied to interviewing. u undoes both."
            in notices(app)
        )
        assert not any("before the applied date" in n for n in notices(app))
        await pilot.press("u")
        await settle(pilot, app)
        assert {d["status"] for d in _apps(two_apps_db).values()} == {"applied"}
        assert orjson.loads(two_apps_db.read_bytes())["interviews"] == {}


async def test_an_interview_before_the_applied_date_warns(two_apps_db, now):
    app = make_app(two_apps_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        app.screen.query_one("#field-starts_at").value = "23 Nov 2026 10:00"
        await pilot.press("enter")
        await settle(pilot, app)
        assert len(orjson.loads(two_apps_db.read_bytes())["interviews"]) == 1  # still saved
        [warning] = [n for n in notices(app) if "before the applied date" in n]
        assert warning == (
            "Saved, but the interview (Mon 23 Nov 2026) is before the applied date "
            "(Wed 25 Nov 2026); check the dates."
        )
