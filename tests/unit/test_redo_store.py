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
    assert [e.label for e in store.trash()] == ["Acme — Dev"]
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
    assert store.removed_by_undo == ["the application Acme — Dev"]
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
    assert [e.label for e in store.trash()] == ["Acme — Dev"]
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


def test_undoing_a_restore_puts_it_back_in_the_trash_and_removes_nothing_else(store):
    app = store.save(Application(company="Acme", role="Dev"))
    store.delete(app)
    with store.change("restoring Acme — Dev"):
        store.restore(app.id)
    assert store.undo() == "restoring Acme — Dev"
    assert store.removed_by_undo == []  # it went back to the trash, not away
    assert [e.label for e in store.trash()] == ["Acme — Dev"]
    assert store.redo() == "restoring Acme — Dev"
    assert store.trash() == [] and [a.company for a in store.applications()] == ["Acme"]


def test_undoing_the_restore_of_an_application_puts_it_back_whole_with_its_interviews(store, now):
    # The application and its interviews go back into the one trash entry they came from:
    # no separate entries for the interviews, nothing said to be removed, nothing orphaned,
    # and notes typed while it was restored are kept in the entry.
    app = store.save(Application(company="Acme", role="Dev"))
    first = store.save(
        Interview(application_id=app.id, starts_at=now - timedelta(days=2), notes="asked X")
    )
    second = store.save(Interview(application_id=app.id, starts_at=now - timedelta(days=1)))
    store.delete(app)
    with store.change("restoring Acme — Dev"):
        store.restore(app.id)
    typed = store.get_interview(second.id)
    typed.notes = "typed after the restore"
    store.save(typed)

    assert store.undo() == "restoring Acme — Dev"
    assert store.removed_by_undo == []
    [entry] = store.trash()
    assert (entry.id, entry.label) == (app.id, "Acme — Dev")
    assert store.applications() == [] and store.interviews(app.id) == []

    store.restore(app.id)
    assert store.trash() == []
    notes = {i.id: i.notes for i in store.interviews(app.id)}
    assert notes == {first.id: "asked X", second.id: "typed after the restore"}
