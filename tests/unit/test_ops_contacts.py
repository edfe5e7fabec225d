"""jobtui.ops.contacts: the contact list (links, last written, order, filter) and the use
cases that change contacts, checked on what the store holds afterwards."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import NOW

from jobtui.core.model import Application, Contact, SentFollowUp, SentKind, ValidationError
from jobtui.db.store import NotFoundError, Store
from jobtui.ops import contacts, records


@pytest.fixture
def store():
    with Store(None, clock=lambda: NOW) as store:
        yield store


def _app(store: Store, company: str = "Acme", **fields) -> Application:
    app = Application(company=company, role="Dev", **fields)
    return records.add_application(store, app, now=NOW).application


def _contact(store: Store, name: str, app: Application | None = None, **fields) -> Contact:
    added = contacts.add(store, Contact(name=name, **fields), app_id=app.id if app else None)
    return added.contact


def _sent(store: Store, app: Application, to: str, days_ago: int) -> SentFollowUp:
    entry = SentFollowUp(
        kind=SentKind.CHECK_IN, at=NOW - timedelta(days=days_ago), application_id=app.id, to=to
    )
    store.log_sent(entry)
    return entry


def _row(rows: list[contacts.ContactRow], name: str) -> contacts.ContactRow:
    [row] = [r for r in rows if r.contact.name == name]
    return row


def test_no_contacts_no_rows(store):
    assert contacts.contact_rows(store) == []


def test_a_row_has_the_contact_and_its_linked_applications(store):
    acme, globex = _app(store, "Acme"), _app(store, "Globex")
    ana = _contact(store, "Ana Lima", acme, title="Recruiter", email="ana@acme.example")
    contacts.link(store, ana.id, globex.id)
    [row] = contacts.contact_rows(store)
    assert row.contact.title == "Recruiter"
    assert {a.company for a in row.applications} == {"Acme", "Globex"}
    assert row.last_written is None


def test_last_written_by_email_whatever_the_name_written(store):
    acme = _app(store)
    _contact(store, "Ana Lima", email="Ana@Acme.example")
    _sent(store, acme, "A. Lima <ana@acme.example>, Bo", days_ago=3)
    _sent(store, acme, "ana@acme.example", days_ago=5)
    assert _row(contacts.contact_rows(store), "Ana Lima").last_written == NOW - timedelta(3)


def test_last_written_by_name_when_an_address_is_missing(store):
    acme = _app(store)
    _contact(store, "Jonas Ek")  # no email: the name decides
    _contact(store, "Bo Berg", email="bo@acme.example")
    _sent(store, acme, "Jonas Ek (Engineering Manager)", days_ago=2)
    _sent(store, acme, "Ana Lima <ana@acme.example>, Bo Berg", days_ago=4)
    rows = contacts.contact_rows(store)
    assert _row(rows, "Jonas Ek").last_written == NOW - timedelta(2)
    assert _row(rows, "Bo Berg").last_written == NOW - timedelta(4)


def test_a_different_address_is_someone_else_even_with_the_same_name(store):
    acme = _app(store)
    _contact(store, "Ana Lima", email="ana@acme.example")
    _sent(store, acme, "Ana Lima <ana.lima@other.example>", days_ago=1)
    assert _row(contacts.contact_rows(store), "Ana Lima").last_written is None


def test_a_message_about_a_linked_application_counts_only_when_sent_to_them(store):
    acme = _app(store)
    _contact(store, "Ana Lima", acme, email="ana@acme.example")
    _contact(store, "Tom Wren", acme, email="tom@acme.example")
    _sent(store, acme, "ana@acme.example", days_ago=1)
    rows = contacts.contact_rows(store)
    assert _row(rows, "Ana Lima").last_written == NOW - timedelta(1)
    assert _row(rows, "Tom Wren").last_written is None


def test_a_message_about_another_application_counts_too(store):
    acme, globex = _app(store, "Acme"), _app(store, "Globex")
    _contact(store, "Ana Lima", acme, email="ana@acme.example")
    _sent(store, globex, "ana@acme.example", days_ago=6)
    assert _row(contacts.contact_rows(store), "Ana Lima").last_written == NOW - timedelta(6)


def test_newest_written_first_then_the_never_written_by_name(store):
    acme = _app(store)
    for name in ("Zoe", "Ana", "Bo", "Cy"):
        _contact(store, name)
    _sent(store, acme, "Zoe", days_ago=9)
    _sent(store, acme, "Cy", days_ago=1)
    assert [r.contact.name for r in contacts.contact_rows(store)] == ["Cy", "Zoe", "Ana", "Bo"]
    by_name = contacts.contact_rows(store, sort="name")
    assert [r.contact.name for r in by_name] == ["Ana", "Bo", "Cy", "Zoe"]
    with pytest.raises(ValueError):
        contacts.contact_rows(store, sort="age")


def test_the_filter_ignores_case_and_accents_and_reads_every_column(store):
    initech = _app(store, "Initech")
    _contact(store, "José Müller", title="Hiring Manager", company="Acme")
    _contact(store, "Rita", email="rita@globex.example", phone="+49 30 1234")
    _contact(store, "Bo", initech)  # Initech only through the link (and the company it gave)
    _contact(store, "Cy")

    def names(needle: str) -> list[str]:
        return [r.contact.name for r in contacts.contact_rows(store, sort="name", needle=needle)]

    assert names("jose muller") == ["José Müller"]
    assert names("JOSÉ") == ["José Müller"]
    assert names("hiring") == ["José Müller"]
    assert names("acme") == ["José Müller"]
    assert names("globex") == ["Rita"]
    assert names("30 12") == ["Rita"]
    assert names("initech") == ["Bo"]
    assert names("") == ["Bo", "Cy", "José Müller", "Rita"]
    assert names("nobody") == []


def test_a_linked_company_is_found_though_the_contact_has_another(store):
    globex = _app(store, "Globex")
    bo = _contact(store, "Bo", company="Acme")
    contacts.link(store, bo.id, globex.id)
    assert [r.contact.name for r in contacts.contact_rows(store, needle="globex")] == ["Bo"]
    assert store.get_contact(bo.id).company == "Acme"  # its own company is kept


def test_link_gives_a_contact_without_company_the_applications_and_is_idempotent(store):
    acme = _app(store)
    bo = _contact(store, "Bo")
    done = contacts.link(store, bo.id[:8], acme.id[:8])
    assert done.changed
    assert store.get_application(acme.id).contact_ids == [bo.id]
    assert store.get_contact(bo.id).company == "Acme"
    assert not contacts.link(store, bo.id, acme.id).changed
    assert store.get_application(acme.id).contact_ids == [bo.id]


def test_unlink_keeps_the_contact(store):
    acme = _app(store)
    bo = _contact(store, "Bo", acme)
    assert contacts.unlink(store, bo.id, acme.id).changed
    assert store.get_application(acme.id).contact_ids == []
    assert [c.name for c in store.contacts()] == ["Bo"]
    assert not contacts.unlink(store, bo.id, acme.id).changed


def test_link_and_unlink_are_one_undoable_change(store):
    acme = _app(store)
    bo = _contact(store, "Bo")
    with store.change("linking Bo"):
        contacts.link(store, bo.id, acme.id)
    store.undo()
    assert store.get_application(acme.id).contact_ids == []
    assert store.get_contact(bo.id).company == ""


def test_edit_saves_and_validates(store):
    bo = _contact(store, "Bo")
    bo.title, bo.email = "CTO", "bo@acme.example"
    contacts.edit(store, bo)
    assert store.get_contact(bo.id).title == "CTO"
    bo.email = "not an address"
    with pytest.raises(ValidationError):
        contacts.edit(store, bo)
    assert store.get_contact(bo.id).email == "bo@acme.example"


def test_edit_of_a_deleted_contact_does_not_bring_it_back(store):
    bo = _contact(store, "Bo")
    contacts.delete(store, bo.id)
    with pytest.raises(NotFoundError):
        contacts.edit(store, bo)
    assert store.contacts() == []


def test_delete_goes_to_the_trash_and_undelete_links_it_back(store):
    acme = _app(store)
    bo = _contact(store, "Bo", acme)
    deleted = contacts.delete(store, bo.id[:8])
    assert contacts.contact_rows(store) == []
    assert [e.kind for e in store.trash()] == ["contact"]
    records.undelete(store, deleted.trash_id)
    [row] = contacts.contact_rows(store)
    assert [a.company for a in row.applications] == ["Acme"]


def test_delete_refuses_an_application_id(store):
    acme = _app(store)
    with pytest.raises(NotFoundError):
        contacts.delete(store, acme.id)
    assert store.applications()


def test_recipients_and_fold():
    people = contacts.recipients("Ana Lima <ana@example.com>, Bo; carl@x.example")
    assert [(p.name, p.email) for p in people] == [
        ("Ana Lima", "ana@example.com"),
        ("Bo", ""),
        ("", "carl@x.example"),
    ]
    assert contacts.fold("  Ångström   ÉCOLE ") == "angstrom ecole"


def test_the_rows_agree_with_wrote_to_for_every_mix_of_names_and_addresses():
    people = [
        Contact(name="Ana Lima", email="ana@acme.example"),
        Contact(name="Ana Lima"),
        Contact(name="Bo", email="bo@acme.example"),
        Contact(name="Bo"),
        Contact(name="Cy", email="ANA@acme.example"),
    ]
    recipients_written = [
        "Ana Lima <ana@acme.example>",
        "Ana Lima",
        "ana lima <other@acme.example>",
        "Bo (Engineering Manager)",
        "bo@acme.example; Cy",
        '"Bo" <bo@elsewhere.example>',
        "",
    ]
    sent = [
        SentFollowUp(SentKind.OTHER, NOW - timedelta(days=n), "app", to=to)
        for n, to in enumerate(recipients_written, start=1)
    ]
    rows = contacts.build_rows(people, [], sent, sort="name")
    for row in rows:
        times = [e.at for e in sent if contacts.wrote_to(row.contact, contacts.recipients(e.to))]
        assert row.last_written == max(times, default=None), row.contact


def test_last_written_text_is_the_day_with_its_year_when_not_this_one(store):
    acme = _app(store)
    _contact(store, "Ana Lima", email="ana@acme.example")
    _contact(store, "Bo Berg", email="bo@acme.example")
    _contact(store, "Tom Wren")
    _sent(store, acme, "ana@acme.example", days_ago=3)  # Mon 23 Nov 2026
    _sent(store, acme, "bo@acme.example", days_ago=340)  # Sun 21 Dec 2025
    rows = contacts.contact_rows(store)
    assert contacts.last_written_text(_row(rows, "Ana Lima"), NOW) == "Mon 23 Nov"
    assert contacts.last_written_text(_row(rows, "Bo Berg"), NOW) == "Sun 21 Dec 2025"
    assert contacts.last_written_text(_row(rows, "Tom Wren"), NOW) == "never"
