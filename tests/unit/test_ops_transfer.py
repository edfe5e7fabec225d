"""jobtui.ops.transfer and jobtui.ops.views: import, export, backups, restore, and the
read-only answers the front ends format."""

from __future__ import annotations

import json

import pytest
from conftest import NOW

from jobtui.config import FollowUpRules
from jobtui.core.model import Application, Contact, Interview, Status
from jobtui.db.store import Store
from jobtui.ops import records, transfer, views

RULES = FollowUpRules()


@pytest.fixture
def store(db_path):
    with Store(db_path, clock=lambda: NOW) as store:
        yield store


def _add(store: Store, company: str, status: Status = Status.APPLIED) -> Application:
    app = Application(company=company, role="Dev", status=status)
    return records.add_application(store, app, now=NOW).application


def test_import_dry_run_writes_nothing_then_import_adds(store, tmp_path):
    csv = tmp_path / "in.csv"
    csv.write_text("company,role\nAcme,Dev\nBeta,Ops\n", encoding="utf-8")
    plan = transfer.import_file(store, csv, now=NOW, dry_run=True)
    assert len(plan.add) == 2 and store.applications() == []
    done = transfer.import_file(store, csv, now=NOW)
    assert done.summary(done=True).startswith("2 added")
    assert sorted(a.company for a in store.applications()) == ["Acme", "Beta"]
    again = transfer.apply_import(store, transfer.plan_import(store, csv, now=NOW))
    assert len(again.skip) == 2 and len(store.applications()) == 2


def test_export_formats(store):
    _add(store, "Acme")
    data = json.loads(transfer.export(store, "json", now=NOW, rules=RULES))
    assert [a["company"] for a in data["applications"]] == ["Acme"]
    csv = transfer.export(store, "csv", now=NOW, rules=RULES, excel=True)
    assert csv.startswith("\ufeff".encode()) and b"Acme" in csv
    assert transfer.export(store, "ics", now=NOW, rules=RULES).startswith(b"BEGIN:VCALENDAR")
    with pytest.raises(ValueError):
        transfer.export(store, "xml", now=NOW, rules=RULES)


def test_backups_are_listed_newest_first_and_restore_keeps_the_file(store, db_path, tmp_path):
    _add(store, "Acme")
    manual = transfer.backup(store)
    assert manual.parent == transfer.backups_folder(db_path)
    _add(store, "Beta")  # the save before it keeps a rolling backup too
    listed = transfer.list_backups(db_path)
    assert manual in [b.path for b in listed]
    assert all(b.applications is not None and not b.problem for b in listed)
    restored = transfer.restore_backup(store, manual)
    assert restored.applications == 1 and restored.kept is not None
    assert [a.company for a in store.applications()] == ["Acme"]
    bad = transfer.backups_folder(db_path) / "broken.json"
    bad.write_text("{nope", encoding="utf-8")
    [info] = [b for b in transfer.list_backups(db_path) if b.path == bad]
    assert info.applications is None and info.problem


def test_list_backups_of_a_database_never_saved(tmp_path):
    assert transfer.list_backups(tmp_path / "none.json") == []


def test_application_rows_filter_and_sort(store):
    _add(store, "Beta")
    _add(store, "Acme")
    _add(store, "Gone", Status.REJECTED)
    rows = views.application_rows(store, now=NOW, rules=RULES, sort="company")
    assert [r.app.company for r in rows] == ["Acme", "Beta", "Gone"]
    open_rows = views.application_rows(store, now=NOW, rules=RULES, open_only=True)
    assert {r.app.company for r in open_rows} == {"Acme", "Beta"}
    only = views.application_rows(store, now=NOW, rules=RULES, status=Status.REJECTED)
    assert [r.app.company for r in only] == ["Gone"]


def test_record_details_of_an_application_and_an_interview(store):
    app = _add(store, "Acme")
    interview = Interview(application_id=app.id, starts_at=NOW.replace(hour=8))
    records.add_interview(store, interview)
    records.add_contact(store, Contact(name="Rita"), app_id=app.id)
    details = views.show(store, app.id[:6], now=NOW, rules=RULES)
    assert [i.id for i in details.interviews] == [interview.id]
    assert [c.name for c in details.contacts] == ["Rita"]
    assert details.needs  # a thank-you is owed
    assert views.show(store, app.id, now=NOW).needs == ()  # no rules: not looked up
    about = views.show(store, interview.id, now=NOW)
    assert about.application is not None and about.application.id == app.id
    assert [f.application_id for f in views.followups(store, now=NOW, rules=RULES)] == [app.id]


def test_trash_stats_and_check(store):
    app = _add(store, "Acme")
    records.delete(store, app.id)
    assert [e.label for e in views.trash(store)] == ["Acme — Dev"]
    assert views.stats(store, now=NOW).to_json()
    checked = views.check(store, fix=True)
    assert checked == views.Checked(problems=[], records=0)
