"""The store: records in and out, ids by prefix, transactions, trash, read-only, lock."""

from __future__ import annotations

import os
from datetime import timedelta

import orjson
import pytest
import tinydb
from tinydb.table import Table

from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    InterviewKind,
    Person,
    SentFollowUp,
    SentKind,
    Status,
    ValidationError,
)
from jobtui.db.datafile import StorageError
from jobtui.db.store import AmbiguousIdError, NotFoundError, Store, interview_before_applied


@pytest.fixture
def store(db_path, now):
    s = Store(db_path, clock=lambda: now)
    yield s
    s.close()


def _on_disk(db_path) -> dict:
    return orjson.loads(db_path.read_bytes())


def test_saved_application_lands_on_disk_with_timestamps(store, db_path, now):
    app = Application(company="[bold]Acme[/]", role="Engineer ☕", tags=["python"])
    store.save(app)
    doc = _on_disk(db_path)["applications"][app.id]
    assert doc["company"] == "[bold]Acme[/]"
    assert doc["role"] == "Engineer ☕"
    assert doc["created_at"] == now.isoformat()
    assert store.get_application(app.id) == app


def test_invalid_record_never_reaches_the_file(store, db_path):
    store.save(Application(company="Acme", role="Dev"))
    before = db_path.read_bytes()
    with pytest.raises(ValidationError, match="company: must not be empty"):
        store.save(Application(company="  ", role="Dev"))
    assert db_path.read_bytes() == before


def test_interview_needs_an_existing_application(store, now):
    with pytest.raises(NotFoundError):
        store.save(Interview(application_id="nope", starts_at=now))


def test_interviews_come_back_in_time_order(store, now):
    app = store.save(Application(company="Acme", role="Dev"))
    late = store.save(Interview(application_id=app.id, starts_at=now + timedelta(days=2)))
    early = store.save(Interview(application_id=app.id, starts_at=now - timedelta(days=2)))
    assert [i.id for i in store.interviews(app.id)] == [early.id, late.id]
    assert store.interviews_by_application() == {app.id: [early, late]}


def test_resolve_by_unique_prefix_ambiguous_and_unknown(store):
    a = store.save(Application(company="A", role="r", id="3fa2aaaa-0000"))
    store.save(Application(company="B", role="r", id="3fb1bbbb-0000"))
    c = store.save(Contact(name="Cy", id="77c0ffee"))
    assert store.resolve("3fa").id == a.id
    assert store.resolve("77").id == c.id
    with pytest.raises(AmbiguousIdError, match='"3f" is ambiguous: it matches 3fa2aaaa'):
        store.resolve("3f")
    with pytest.raises(
        NotFoundError, match='no application or interview or contact with an id starting "zz"'
    ):
        store.resolve("zz")
    with pytest.raises(NotFoundError, match="no application with an id"):
        store.resolve("77", kinds=(Application,))


def test_set_status_records_history(store, now):
    app = store.save(Application(company="Acme", role="Dev"))
    app.set_status(Status.APPLIED, now - timedelta(days=3))
    store.save(app)
    assert store.set_status(app, Status.SCREENING) is True
    assert store.set_status(app, Status.SCREENING) is False
    saved = store.get_application(app.id)
    assert [(c.status, c.at) for c in saved.status_history] == [
        (Status.APPLIED, now - timedelta(days=3)),
        (Status.SCREENING, now),
    ]


def test_log_sent_marks_the_thank_you_in_one_save(store, db_path, now):
    app = store.save(Application(company="Acme", role="Dev"))
    interview = store.save(Interview(application_id=app.id, starts_at=now - timedelta(days=1)))
    backups_before = len(list((db_path.parent / "jobtui.json.backups").iterdir()))
    entry = SentFollowUp(SentKind.THANK_YOU, now, app.id, interview.id, to="Ana")
    store.log_sent(entry, thank_you_interview=interview)
    assert store.get_interview(interview.id).thank_you_sent_at == now
    assert store.sent_log(app.id) == [entry]
    # One save -> one new backup.
    assert len(list((db_path.parent / "jobtui.json.backups").iterdir())) == backups_before + 1


def test_transaction_error_leaves_memory_and_disk_unchanged(store, db_path):
    app = store.save(Application(company="Acme", role="Dev"))
    before = db_path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction():
        store.save(Application(company="Other", role="Dev"))
        app.company = "Changed"
        store.save(app)
        raise RuntimeError("boom")
    assert db_path.read_bytes() == before
    assert [a.company for a in store.applications()] == ["Acme"]


def test_a_failed_write_does_not_leave_memory_ahead_of_disk(store, db_path, monkeypatch):
    store.save(Application(company="Acme", role="Dev"))

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(StorageError, match="No space left on device"):
        store.save(Application(company="Lost", role="Dev"))
    monkeypatch.undo()
    assert [a.company for a in store.applications()] == ["Acme"]
    store.save(Application(company="Next", role="Dev"))
    assert sorted(d["company"] for d in _on_disk(db_path)["applications"].values()) == [
        "Acme",
        "Next",
    ]


def test_delete_and_restore_an_application_with_its_interviews(store, now):
    app = store.save(Application(company="Acme", role="Dev"))
    interview = store.save(
        Interview(
            application_id=app.id,
            starts_at=now,
            kind=InterviewKind.PANEL,
            interviewers=[Person("Ana")],
        )
    )
    store.log_sent(SentFollowUp(SentKind.CHECK_IN, now, app.id, interview.id))
    store.delete(app)
    assert store.applications() == []
    assert store.interviews() == []
    assert store.sent_log() == []
    [entry] = store.trash()
    assert entry.label == "Acme — Dev"
    restored = store.restore(entry.id)
    assert restored == app
    assert store.interviews(app.id) == [interview]
    assert len(store.sent_log(app.id)) == 1
    assert store.trash() == []


def test_reopening_reads_everything_back(db_path, now):
    with Store(db_path, clock=lambda: now) as first:
        app = first.save(Application(company="Acme", role="Dev", notes="# Notes\n\n- one"))
        first.save(Contact(name="Ana", email="ana@acme.com"))
    with Store(db_path, read_only=True) as again:
        assert again.get_application(app.id).notes == "# Notes\n\n- one"
        assert [c.name for c in again.contacts()] == ["Ana"]


def test_two_writers_open_at_once_both_land(store, db_path):
    store.save(Application(company="Acme", role="Dev"))
    with Store(db_path) as second:
        second.save(Application(company="Beta", role="Ops"))
    store.save(Application(company="Gamma", role="QA"))  # merges Beta in, does not drop it
    companies = sorted(d["company"] for d in _on_disk(db_path)["applications"].values())
    assert companies == ["Acme", "Beta", "Gamma"]
    assert sorted(a.company for a in store.applications()) == companies
    with Store(db_path, read_only=True) as reader:
        assert sorted(a.company for a in reader.applications()) == companies
        with pytest.raises(StorageError, match="read-only"):
            reader.save(Application(company="X", role="Y"))


def test_reader_reloads_when_the_writer_saves(store, db_path):
    with Store(db_path, read_only=True) as reader:
        assert reader.applications() == []
        store.save(Application(company="Acme", role="Dev"))
        assert reader.reload_if_changed() is True
        assert [a.company for a in reader.applications()] == ["Acme"]
        assert reader.reload_if_changed() is False


def test_read_only_open_of_a_missing_file_creates_nothing(tmp_path):
    path = tmp_path / "nowhere" / "db.json"
    with Store(path, read_only=True) as reader:
        assert reader.applications() == []
    assert not path.parent.exists()


def test_memory_store_needs_no_file(now):
    store = Store(None, clock=lambda: now)
    app = store.save(Application(company="Acme", role="Dev"))
    assert store.get_application(app.id).company == "Acme"


def test_a_failed_inner_transaction_saves_nothing_and_later_saves_still_land(store, db_path):
    store.save(Application(company="Before", role="r"))
    with pytest.raises(StorageError, match="none of these changes were saved"):  # noqa: SIM117
        with store.transaction():
            store.save(Application(company="Outer", role="r"))
            try:
                with store.transaction():
                    store.save(Application(company="Inner", role="r"))
                    raise RuntimeError("inner step failed")
            except RuntimeError:
                pass  # the caller carries on, but the outer transaction must not save a half
    assert sorted(d["company"] for d in _on_disk(db_path)["applications"].values()) == ["Before"]
    assert [a.company for a in store.applications()] == ["Before"]
    store.save(Application(company="After", role="r"))
    assert sorted(d["company"] for d in _on_disk(db_path)["applications"].values()) == [
        "After",
        "Before",
    ]


def test_a_bulk_build_is_one_save(store, db_path):
    with store.transaction():
        for n in range(500):
            store.save(Application(company=f"co-{n}", role="r"))
    assert len(_on_disk(db_path)["applications"]) == 500
    # The first save of a new file: nothing older to back up, so no backups folder at all.
    assert not (db_path.parent / "jobtui.json.backups").exists()


def test_undo_takes_back_changes_several_steps_deep(store, db_path, now):
    with store.change("Added Acme"):
        app = store.save(Application(company="Acme", role="Dev"))
    with store.change("Status: screening"):
        store.set_status(store.get_application(app.id), Status.SCREENING)
    with store.change("Deleted Acme"):
        store.delete(store.get_application(app.id))
    assert store.undo() == "Deleted Acme"
    assert store.get_application(app.id).status == Status.SCREENING
    assert store.trash() == []
    assert store.undo() == "Status: screening"
    assert store.get_application(app.id).status == Status.APPLIED
    assert store.undo() == "Added Acme"
    assert store.applications() == []
    assert store.undo() is None
    # Every undo is on disk.
    assert _on_disk(db_path)["applications"] == {}


def test_undo_keeps_notes_typed_after_the_change(store, db_path):
    with store.change("Edited"):
        app = store.save(Application(company="Acme", role="Dev"))
        app.role = "Staff Dev"
        store.save(app)
    app = store.get_application(app.id)
    app.notes = "typed after the edit"
    store.save(app)  # a notes save: not a change, not undone
    assert store.undo() == "Edited"
    # The record did not exist before the change, but the notes typed since are kept in
    # the trash, from which it can be brought back.
    assert store.applications() == []
    [kept] = store.trash()
    assert store.restore(kept.id).notes == "typed after the edit"
    with store.change("Renamed"):
        app = store.save(Application(company="Beta", role="Dev"))
    with store.change("Renamed again"):
        app.role = "Lead"
        store.save(app)
    app = store.get_application(app.id)
    app.notes = "words"
    store.save(app)
    store.undo()
    restored = store.get_application(app.id)
    assert (restored.role, restored.notes) == ("Dev", "words")
    assert _on_disk(db_path)["applications"][app.id]["notes"] == "words"


def test_a_failed_change_is_not_on_the_undo_stack(store):
    with pytest.raises(ValidationError), store.change("Bad"):
        store.save(Application(company="", role="Dev"))
    assert store.undo() is None


def test_backup_and_restore(store, db_path, tmp_path):
    store.save(Application(company="Acme", role="Dev"))
    copy_path = store.backup_to(tmp_path / "mine")
    assert orjson.loads(copy_path.read_bytes())["applications"] == _on_disk(db_path)["applications"]
    assert oct(copy_path.stat().st_mode & 0o777) == "0o600"
    manual = store.backup_to()
    assert manual.parent == db_path.parent / "jobtui.json.backups"
    assert manual.name.startswith("manual-")
    store.save(Application(company="Beta", role="Dev"))
    kept = store.restore_from(copy_path)
    assert [a.company for a in store.applications()] == ["Acme"]
    assert sorted(d["company"] for d in _on_disk(db_path)["applications"].values()) == ["Acme"]
    # The file as it was before the restore is kept.
    assert kept is not None
    assert sorted(
        d["company"] for d in orjson.loads(kept.read_bytes())["applications"].values()
    ) == [
        "Acme",
        "Beta",
    ]


def test_restoring_a_bad_file_changes_nothing(store, db_path, tmp_path):
    store.save(Application(company="Acme", role="Dev"))
    before = db_path.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "ours"}')
    with pytest.raises(StorageError, match="cannot be restored: it is JSON but not a jobtui"):
        store.restore_from(bad)
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("status", [Status.APPLIED, Status.SCREENING])
def test_adding_an_interview_moves_an_early_application_to_interviewing(
    store, db_path, now, status
):
    app = Application(company="Acme", role="Dev", status=status)
    app.set_status(status, now - timedelta(days=3))
    store.save(app)
    interview = Interview(application_id=app.id, starts_at=now + timedelta(days=2))
    assert store.add_interview(interview) == Status.INTERVIEWING
    doc = _on_disk(db_path)
    assert interview.id in doc["interviews"]
    stored = doc["applications"][app.id]
    assert stored["status"] == "interviewing"
    assert stored["status_history"][-1]["status"] == "interviewing"
    # One change: undo takes back both the interview and the move.
    store.save(Application(company="Other", role="x"))  # not part of it
    with store.change("adding the interview"):
        second = Interview(application_id=app.id, starts_at=now + timedelta(days=5))
        assert store.add_interview(second) is None  # already interviewing
    assert store.get_application(app.id).status == Status.INTERVIEWING


def test_adding_an_interview_is_undone_in_one_step(store, now):
    app = store.save(Application(company="Acme", role="Dev"))
    with store.change("adding the interview with Acme"):
        store.add_interview(Interview(application_id=app.id, starts_at=now))
    assert store.get_application(app.id).status == Status.INTERVIEWING
    assert store.undo() == "adding the interview with Acme"
    assert store.get_application(app.id).status == Status.APPLIED
    assert store.interviews() == []


@pytest.mark.parametrize("status", [Status.WISHLIST, Status.OFFER, Status.REJECTED])
def test_adding_an_interview_leaves_other_statuses_alone(store, now, status):
    app = store.save(Application(company="Acme", role="Dev", status=status))
    assert store.add_interview(Interview(application_id=app.id, starts_at=now)) is None
    assert store.get_application(app.id).status == status


def test_an_interview_that_fails_to_save_changes_no_status(store, db_path, now):
    app = store.save(Application(company="Acme", role="Dev"))
    before = db_path.read_bytes()
    bad = Interview(application_id=app.id, starts_at=now, duration=timedelta(0))
    with pytest.raises(ValidationError):
        store.add_interview(bad)
    assert db_path.read_bytes() == before
    assert store.get_application(app.id).status == Status.APPLIED


def test_an_interview_before_the_applied_date_warns(now):
    app = Application(company="Acme", role="Dev", applied_on=now.date())
    early = Interview(application_id=app.id, starts_at=now - timedelta(days=3))
    warning = interview_before_applied(app, early)
    assert warning is not None and "before the applied date" in warning
    later = Interview(application_id=app.id, starts_at=now + timedelta(hours=1))
    assert interview_before_applied(app, later) is None
    assert interview_before_applied(Application(company="A", role="B"), early) is None


class _KeyedByUuid(Table):
    # TinyDB's documented hook for ids that are not numbers: jobtui keys records by uuid.
    document_id_class = str


def test_the_file_is_still_a_tinydb_database(store, db_path, now):
    app = store.save(Application(company="Acme", role="Dev"))
    interview = Interview(application_id=app.id, starts_at=now, interviewers=[Person("Ana")])
    store.add_interview(interview)
    store.save(Contact(name="Dana"))
    store.log_sent(SentFollowUp(SentKind.CHECK_IN, now, app.id))

    before = db_path.read_bytes()
    with tinydb.TinyDB(db_path, access_mode="r") as tiny:  # read only: it never writes
        tiny.table_class = _KeyedByUuid
        assert {"applications", "interviews", "contacts", "sent"} <= tiny.tables()
        found = tiny.table("applications").get(doc_id=app.id)
        assert found is not None and found["company"] == "Acme"
        assert found["status"] == "interviewing"
        query = tinydb.Query()
        [stored] = tiny.table("interviews").search(query.application_id == app.id)
        assert stored.doc_id == interview.id
        assert stored["interviewers"][0]["name"] == "Ana"
        assert [c["name"] for c in tiny.table("contacts").all()] == ["Dana"]
        assert len(tiny.table("sent")) == 1
    assert db_path.read_bytes() == before
