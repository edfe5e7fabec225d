"""Undo that can be undone: redo several steps deep, on disk, never over a change made elsewhere."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest

from jobtui.core.model import Application, Interview, Status
from jobtui.db.datafile import StorageError
from jobtui.db.store import Store


@pytest.fixture
def store(db_path, now):
    s = Store(db_path, clock=lambda: now)
    yield s
    s.close()


def _apps(db_path) -> dict[str, dict]:
    data = orjson.loads(db_path.read_bytes())
    return {d["company"]: d for d in data["applications"].values()}


def test_redo_does_again_what_undo_took_back_several_steps_deep(store, db_path):
    with store.change("adding Acme"):
        app = store.save(Application(company="Acme", role="Dev"))
    with store.change("the status change"):
        store.set_status(store.get_application(app.id), Status.SCREENING)
    with store.change("the deletion of Acme"):
        store.delete(store.get_application(app.id))
    assert store.redo() is None  # nothing undone yet
    assert [store.undo(), store.undo(), store.undo()] == [
        "the deletion of Acme",
        "the status change",
        "adding Acme",
    ]
    assert _apps(db_path) == {}
    assert store.redo() == "adding Acme"
    assert _apps(db_path)["Acme"]["status"] == "applied"
    assert store.redo() == "the status change"
    assert _apps(db_path)["Acme"]["status"] == "screening"
    assert store.redo() == "the deletion of Acme"
    assert _apps(db_path) == {}
    assert [e.label for e in store.trash()] == ["Acme - Dev"]
    assert store.redo() is None
    # And undo again after the redos.
    assert store.undo() == "the deletion of Acme"
    assert _apps(db_path)["Acme"]["status"] == "screening"
    assert store.trash() == []


def test_a_new_change_ends_the_redo_chain(store):
    with store.change("adding Acme"):
        store.save(Application(company="Acme", role="Dev"))
    store.undo()
    with store.change("adding Beta"):
        store.save(Application(company="Beta", role="Ops"))
    assert store.redo() is None
    assert [a.company for a in store.applications()] == ["Beta"]


def test_undo_of_a_creation_names_what_it_removed(store, now):
    with store.change("adding Acme"):
        app = store.save(Application(company="Acme", role="Dev"))
    with store.change("adding the interview"):
        store.add_interview(Interview(application_id=app.id, starts_at=now + timedelta(days=1)))
    assert store.undo() == "adding the interview"
    [removed] = store.removed_by_undo
    assert removed.startswith("the interview Fri 27 Nov")
    assert store.get_application(app.id).status == Status.APPLIED
    assert store.undo() == "adding Acme"
    assert store.removed_by_undo == ["the application Acme - Dev"]
    assert store.redo() == "adding Acme"
    assert store.removed_by_undo == []
    assert store.redo() == "adding the interview"
    assert store.get_application(app.id).status == Status.INTERVIEWING
    assert len(store.interviews()) == 1


def test_redo_keeps_notes_typed_after_the_undo_and_brings_back_trashed_notes(store):
    with store.change("adding Acme"):
        app = store.save(Application(company="Acme", role="Dev"))
    app.notes = "typed after adding"
    store.save(app)  # a notes save: not a change
    store.undo()  # the notes go to the trash rather than being lost
    assert [e.label for e in store.trash()] == ["Acme - Dev"]
    assert store.redo() == "adding Acme"
    assert store.get_application(app.id).notes == "typed after adding"
    assert store.trash() == []  # not in two places


def test_redo_never_reverts_a_change_made_elsewhere(db_path, jobtui):
    with Store(db_path) as store:
        with store.change("the location"):
            app = store.save(Application(company="Acme", role="Dev"))
        with store.change("set the location"):
            app.location = "Berlin"
            store.save(app)
        store.undo()
        assert jobtui("set", app.id, "role=Staff Dev")[0] == 0  # another terminal
        store.reload_if_changed()
        with pytest.raises(StorageError, match="changed elsewhere since; nothing was redone"):
            store.redo()
        assert store.redo() is None
    assert (_apps(db_path)["Acme"]["role"], _apps(db_path)["Acme"]["location"]) == (
        "Staff Dev",
        "",
    )


# -- in the TUI ------------------------------------------------------------------

SIZE = (120, 40)


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
    from tui_helpers import make_app, notices, settle

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
    from tui_helpers import make_app, notices, settle

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
            "Gamma [Remote] - Dev. U brings it back."
        )
        await pilot.press("U")
        await settle(pilot, app)
        assert list(_apps(db_path)) == ["Gamma [Remote]"]


async def test_the_trash_view_lists_deleted_records_with_when_and_enter_restores(two_apps_db, now):
    from tui_helpers import make_app, notices, screen_text, settle

    from jobtui.core.model import Contact
    from jobtui.tui.screens.trash import TrashScreen

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
        assert "Beta [Remote] - Dev" in text  # literally, not read as markup
        assert "Dana [HR]" in text
        assert "deleted 26 Nov 08:00" in text
        # Newest first: both at the same time here; pick Beta's row and restore it.
        rows = [e.label for e in app.screen.entries]
        await pilot.press(*["down"] * rows.index("Beta [Remote] - Dev"), "enter")
        await settle(pilot, app)
        assert "Restored Beta [Remote] - Dev. u undoes it." in notices(app)
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
    from tui_helpers import make_app, screen_text, settle

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
    from tui_helpers import make_app, settle

    from jobtui.tui.screens.trash import TrashScreen

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
    from tui_helpers import make_app, notices, settle

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
    from tui_helpers import make_app, notices, settle

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


def test_undoing_a_restore_puts_it_back_in_the_trash_and_removes_nothing_else(store):
    app = store.save(Application(company="Acme", role="Dev"))
    store.delete(app)
    with store.change("restoring Acme - Dev"):
        store.restore(app.id)
    assert store.undo() == "restoring Acme - Dev"
    assert store.removed_by_undo == []  # it went back to the trash, not away
    assert [e.label for e in store.trash()] == ["Acme - Dev"]
    assert store.redo() == "restoring Acme - Dev"
    assert store.trash() == [] and [a.company for a in store.applications()] == ["Acme"]
