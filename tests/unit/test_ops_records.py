"""jobtui.ops.records: what each use case leaves in the store and what it returns."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import NOW

from jobtui.core.model import Application, Contact, Interview, Status, ValidationError
from jobtui.db.store import AmbiguousIdError, NotFoundError, Store
from jobtui.ops import records


@pytest.fixture
def store():
    with Store(None, clock=lambda: NOW) as store:
        yield store


def _added(store: Store, company: str = "Acme", **fields) -> Application:
    return records.add_application(
        store, Application(company=company, role="Dev", **fields), now=NOW
    ).application


def test_add_application_records_the_status_and_applied_day(store):
    added = records.add_application(store, Application(company="Acme", role="Dev"), now=NOW)
    [stored] = store.applications()
    assert stored.id == added.application.id
    assert stored.applied_on == date(2026, 11, 26)
    assert [c.status for c in stored.status_history] == [Status.APPLIED]
    assert added.contacts == []


def test_add_application_with_contacts_links_exactly_those(store):
    rita = Contact(name="Rita")
    added = records.add_application(
        store, Application(company="Acme", role="Dev"), now=NOW, contacts=[rita]
    )
    assert store.get_application(added.application.id).contact_ids == [rita.id]
    assert [c.name for c in store.contacts()] == ["Rita"]


def test_add_application_refuses_a_future_applied_day_and_saves_nothing(store):
    app = Application(company="Acme", role="Dev", applied_on=date(2026, 12, 1))
    with pytest.raises(ValidationError):
        records.add_application(store, app, now=NOW)
    assert store.applications() == []
    wishlist = Application(company="Acme", role="Dev", status=Status.WISHLIST)
    wishlist.applied_on = date(2026, 12, 1)
    records.add_application(store, wishlist, now=NOW)  # a wishlist day ahead is a plan
    assert len(store.applications()) == 1


def test_add_interview_by_prefix_moves_the_application(store):
    app = _added(store)
    interview = Interview(application_id="", starts_at=NOW + timedelta(days=1))
    result = records.add_interview(store, interview, app_id=app.id[:6])
    assert result.was == Status.APPLIED and result.moved == Status.INTERVIEWING
    assert result.warning is None
    assert store.get_interview(interview.id).application_id == app.id
    assert store.get_application(app.id).status == Status.INTERVIEWING


def test_add_interview_before_applying_warns(store):
    app = _added(store)
    interview = Interview(application_id=app.id, starts_at=NOW - timedelta(days=30))
    result = records.add_interview(store, interview)
    assert result.warning and "before" in result.warning


def test_change_status_says_whether_it_changed(store):
    app = _added(store)
    assert records.change_status(store, app.id, Status.OFFER).changed
    again = records.change_status(store, app.id[:5], Status.OFFER)
    assert not again.changed and again.application.status == Status.OFFER
    assert store.get_application(app.id).status == Status.OFFER


def test_set_fields_sets_all_or_nothing(store):
    app = _added(store)
    result = records.set_fields(store, app.id, [("location", "Berlin"), ("tags", "a, b")], now=NOW)
    assert result.names == ["location", "tags"]
    stored = store.get_application(app.id)
    assert (stored.location, stored.tags) == ("Berlin", ["a", "b"])
    with pytest.raises(ValidationError):
        records.set_fields(store, app.id, [("location", "Paris"), ("salary_min", "lots")], now=NOW)
    assert store.get_application(app.id).location == "Berlin"


def test_save_edited_keeps_the_stored_notes(store):
    app = _added(store)
    copy = store.get_application(app.id)
    stored = store.get_application(app.id)
    stored.notes = "typed in the editor meanwhile"
    store.save(stored)
    copy.location = "Remote"
    copy.notes = "old"
    records.save_edited(store, copy, contacts=[Contact(name="Bo")])
    after = store.get_application(app.id)
    assert (after.location, after.notes) == ("Remote", "typed in the editor meanwhile")
    assert [store.get_contact(c).name for c in after.contact_ids] == ["Bo"]


def test_add_contact_for_an_application_takes_its_company(store):
    app = _added(store)
    result = records.add_contact(store, Contact(name="Rita"), app_id=app.id[:4])
    assert result.application is not None and result.application.id == app.id
    assert store.get_contact(result.contact.id).company == "Acme"
    assert store.get_application(app.id).contact_ids == [result.contact.id]


def test_add_contact_for_a_missing_application_saves_nothing(store):
    with pytest.raises(NotFoundError):
        records.add_contact(store, Contact(name="Rita"), app_id="zzzz")
    assert store.contacts() == []


def test_delete_and_undelete_by_prefix(store):
    app = _added(store)
    deleted = records.delete(store, app.id[:6])
    assert deleted.record.id == app.id and store.applications() == []
    assert [e.id for e in store.trash()] == [deleted.trash_id]
    back = records.undelete(store, deleted.trash_id[:6])
    assert back.record is not None and back.record.id == app.id
    assert back.label == "Acme — Dev"
    assert [a.id for a in store.applications()] == [app.id]


def test_undelete_needs_exactly_one_match(store):
    with pytest.raises(ValidationError, match="nothing in the trash"):
        records.undelete(store, "abc")
    for company in ("A", "B"):
        records.delete(store, _added(store, company).id)
    with pytest.raises(ValidationError, match="matches 2 deleted records"):
        records.undelete(store, "")


def test_an_ambiguous_prefix_is_refused(store):
    _added(store, "A", id="ab12")
    _added(store, "B", id="ab34")
    with pytest.raises(AmbiguousIdError):
        records.change_status(store, "ab", Status.OFFER)
    assert {a.status for a in store.applications()} == {Status.APPLIED}


def test_undo_and_redo_say_what_they_did(store):
    assert records.undo(store) == records.Undone(None, [])
    with store.change("adding Acme"):
        _added(store)
    undone = records.undo(store)
    assert undone.description == "adding Acme" and undone.removed
    assert store.applications() == []
    assert records.redo(store).description == "adding Acme"
    assert len(store.applications()) == 1
    assert records.redo(store).description is None


def test_save_notes_writes_only_a_change_to_disk(db_path):
    with Store(db_path, clock=lambda: NOW) as store:
        app = _added(store)
        before = db_path.read_bytes()
        assert records.save_notes(store, "application", app.id, app.notes) is False
        assert db_path.read_bytes() == before  # the same text: nothing written
        assert records.save_notes(store, "application", app.id, "Rita liked [b]Go[/b]\n") is True
    with Store(db_path) as again:
        assert again.get_application(app.id).notes == "Rita liked [b]Go[/b]\n"


def test_save_notes_of_an_interview(store):
    app = _added(store)
    interview = Interview(application_id=app.id, starts_at=NOW + timedelta(days=1))
    records.add_interview(store, interview)
    assert records.save_notes(store, "interview", interview.id, "ask about on-call") is True
    assert store.get_interview(interview.id).notes == "ask about on-call"
