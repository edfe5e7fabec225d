"""The demo job search: every follow-up situation present, deterministic, and kept apart."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from jobtui.config import FollowUpRules
from jobtui.core import dates, followup
from jobtui.core.followup import FollowUpKind, Urgency
from jobtui.core.model import CLOSED_STATUSES, InterviewKind, Status
from jobtui.db.datafile import DatabaseFile
from jobtui.db.store import Store
from jobtui.io.demo import open_demo_store, populate_demo

BERLIN = tz.gettz("Europe/Berlin")  # the zone conftest sets


def _snapshot(store: Store) -> dict[str, list[dict]]:
    return {
        "applications": sorted((a.to_dict() for a in store.applications()), key=lambda d: d["id"]),
        "interviews": [i.to_dict() for i in store.interviews()],
        "contacts": [c.to_dict() for c in store.contacts()],
        "sent": [s.to_dict() for s in store.sent_log()],
    }


def _followups(store: Store, now: datetime) -> list[followup.FollowUp]:
    return followup.all_followups(
        store.applications(),
        store.interviews_by_application(),
        store.sent_by_application(),
        now,
        FollowUpRules(),
    )


def _kinds(items: list[followup.FollowUp]) -> set[tuple[FollowUpKind, Urgency]]:
    return {(item.kind, item.urgency) for item in items}


@pytest.fixture
def demo(db_path, now):
    store = Store(db_path, clock=lambda: now)
    populate_demo(store, now)
    yield store
    store.close()


def _company(items, kind: FollowUpKind) -> set[str]:
    return {item.application.company for item in items if item.kind == kind}


def test_demo_has_every_follow_up_situation(demo, now):
    items = _followups(demo, now)
    kinds = _kinds(items)
    assert (FollowUpKind.THANK_YOU, Urgency.OVERDUE) in kinds
    assert (FollowUpKind.THANK_YOU, Urgency.DUE) in kinds
    assert any(k == FollowUpKind.APPLICATION_FOLLOW_UP and u != Urgency.UPCOMING for k, u in kinds)
    assert any(k == FollowUpKind.GHOSTED and u != Urgency.UPCOMING for k, u in kinds)
    assert any(k == FollowUpKind.CHECK_IN and u != Urgency.UPCOMING for k, u in kinds)
    # The story the README tells.
    due = {
        (i.kind, i.urgency, i.application.company) for i in items if i.urgency != Urgency.UPCOMING
    }
    assert (FollowUpKind.THANK_YOU, Urgency.DUE, "Northwind Analytics") in due
    assert (FollowUpKind.THANK_YOU, Urgency.OVERDUE, "Copperleaf Robotics") in due
    assert _company(items, FollowUpKind.APPLICATION_FOLLOW_UP) == {"Mosaic Learning"}
    assert _company(items, FollowUpKind.GHOSTED) == {"Parcelwise"}
    assert _company(items, FollowUpKind.CHECK_IN) == {"Quillstack"}
    check_in = next(i for i in items if i.kind == FollowUpKind.CHECK_IN)
    assert check_in.interview.decide_by < now.date()
    assert "decision was due" in check_in.describe(now)


def test_the_thank_you_due_now_is_for_an_interview_that_ended_hours_ago(demo, now):
    items = _followups(demo, now)
    due = next(i for i in items if i.kind == FollowUpKind.THANK_YOU and i.urgency == Urgency.DUE)
    ended = now - due.interview.ends_at
    assert timedelta(hours=1) <= ended < timedelta(hours=24)
    for field in ("topics", "concerns", "strengths", "liked"):
        assert getattr(due.interview, field).strip(), field
    assert due.interview.interviewers and all(p.email for p in due.interview.interviewers)


def test_closed_and_fresh_applications_need_nothing(demo, now):
    items = _followups(demo, now)
    assert not [i for i in items if i.application.status in CLOSED_STATUSES]
    companies = {i.application.company for i in items}
    assert "Saltbox Software" not in companies  # applied two days ago
    assert "Tidewater Bank" not in companies  # the offer is news
    assert "Kestrel Security" not in companies  # wishlist


def test_upcoming_interview_and_thank_yous_already_sent(demo, now):
    future = [i for i in demo.interviews() if i.starts_at > now]
    assert future
    first = future[0]
    assert demo.get_application(first.application_id).status == Status.INTERVIEWING
    assert first.starts_at - now < timedelta(days=4)
    thanked = [i for i in demo.interviews() if i.thank_you_sent_at is not None]
    assert thanked
    logged = {(s.interview_id, s.at) for s in demo.sent_log() if s.kind == "thank_you"}
    for interview in thanked:
        assert interview.ends_at <= interview.thank_you_sent_at <= now
        assert (interview.id, interview.thank_you_sent_at) in logged


def test_demo_covers_the_pipeline_and_validates(demo, now):
    apps = demo.applications()
    assert len(apps) >= 12
    present = {a.status for a in apps}
    assert present >= set(Status) - {Status.ACCEPTED}
    assert sum(a.status == Status.APPLIED for a in apps) == 3
    assert sum(a.status == Status.INTERVIEWING for a in apps) == 3
    assert len({a.company for a in apps}) == len(apps)
    contacts = demo.contacts()
    assert 3 <= len(contacts) <= 4
    contact_ids = {c.id for c in contacts}
    linked = {cid for a in apps for cid in a.contact_ids}
    assert linked == contact_ids
    for record in [*apps, *demo.interviews(), *contacts, *demo.sent_log()]:
        record.validate()
    for app in apps:
        assert app.url.startswith("https://example.com/")
        assert app.notes.startswith("## ") and "\n- " in app.notes
        assert app.status_since() is not None
        steps = [c.at for c in app.status_history]
        assert steps == sorted(steps) and steps[-1] <= now
        if app.status not in (Status.WISHLIST,):
            assert app.applied_on is not None and app.applied_on <= now.date()
    for interview in demo.interviews():
        assert interview.interviewers and interview.where
        assert demo.get_application(interview.application_id)


def _datetimes(store: Store):
    for app in store.applications():
        yield from (app.created_at, app.updated_at, *(c.at for c in app.status_history))
    for interview in store.interviews():
        yield from (interview.starts_at, interview.created_at, interview.thank_you_sent_at)
    for contact in store.contacts():
        yield contact.created_at
    for entry in store.sent_log():
        yield entry.at


@pytest.mark.parametrize(
    "moment",
    [
        None,  # conftest's frozen now: Thursday 10:00
        datetime(2026, 11, 30, 8, 30, tzinfo=BERLIN),  # Monday before office hours
        datetime(2026, 11, 28, 15, 0, tzinfo=BERLIN),  # Saturday afternoon
        datetime(2026, 11, 29, 23, 59, 30, tzinfo=BERLIN),  # Sunday night, with seconds
        datetime(2026, 3, 30, 12, 0, tzinfo=BERLIN),  # the Monday after the DST change
        datetime(2026, 11, 26, 9, 0, tzinfo=tz.UTC),  # a "now" given in another zone
    ],
)
def test_any_now_gives_the_same_situations_at_whole_minutes(db_path, now, moment):
    now = moment or now
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
        kinds = _kinds(_followups(store, now))
        assert (FollowUpKind.THANK_YOU, Urgency.OVERDUE) in kinds
        assert (FollowUpKind.THANK_YOU, Urgency.DUE) in kinds
        found = {k for k, u in kinds if u != Urgency.UPCOMING}
        assert found >= {
            FollowUpKind.APPLICATION_FOLLOW_UP,
            FollowUpKind.GHOSTED,
            FollowUpKind.CHECK_IN,
        }
        assert any(i.starts_at > now for i in store.interviews())
        latest_past = now.replace(second=0, microsecond=0)
        for stamp in _datetimes(store):
            if stamp is not None:
                assert stamp.second == 0 and stamp.microsecond == 0, stamp
        for interview in store.interviews():
            local = interview.starts_at.astimezone(dates.local_tz())
            assert time(9, 0) <= local.time() <= time(17, 0), interview.id
            assert local.minute in (0, 30)
            if interview.starts_at <= now:
                assert interview.created_at <= latest_past
        for entry in store.sent_log():
            assert entry.at <= now


def test_same_now_gives_the_same_ids_and_data(tmp_path, now):
    snapshots = []
    for name in ("a.json", "b.json"):
        with Store(tmp_path / name) as store:
            populate_demo(store, now)
            snapshots.append(_snapshot(store))
    assert snapshots[0] == snapshots[1]
    assert snapshots[0]["applications"]
    # Every record is stamped with the demo's "now", not the wall clock.
    assert {a["updated_at"] for a in snapshots[0]["applications"]} == {now.isoformat()}


def test_populating_again_replaces_rather_than_duplicates(demo, now):
    before = _snapshot(demo)
    populate_demo(demo, now)
    assert _snapshot(demo) == before


def test_populate_is_one_save(db_path, now, monkeypatch):
    saves = []
    real_save = DatabaseFile.save

    def counting_save(self, data, **kwargs):
        saves.append(len(data.get("applications", {})))
        return real_save(self, data, **kwargs)

    monkeypatch.setattr(DatabaseFile, "save", counting_save)
    with Store(db_path) as store:
        populate_demo(store, now)
    assert saves == [len(store.applications())]


def test_the_demo_survives_close_and_reopen(demo, db_path):
    before = _snapshot(demo)
    demo.close()
    with Store(db_path, read_only=True) as reopened:
        assert _snapshot(reopened) == before


def test_open_demo_store_uses_a_throwaway_folder(now):
    store, folder = open_demo_store(now)
    try:
        assert folder.name.startswith("jobtui-demo-")
        assert folder.parent == Path(tempfile.gettempdir())
        assert store.path is not None and store.path.parent == folder
        assert store.path.exists()
        assert store.path != Path(os.environ["JOBTUI_DB"])
        assert not Path(os.environ["JOBTUI_DB"]).exists()
        assert len(store.applications()) >= 12
        assert not store.read_only
        # Edits after the demo get the store's own clock (here $JOBTUI_NOW).
        assert store.clock() == dates.now()
    finally:
        store.close()
        shutil.rmtree(folder)
    assert not folder.exists()


def test_two_demo_stores_do_not_share_a_folder(now):
    first, folder_a = open_demo_store(now)
    second, folder_b = open_demo_store(now)
    try:
        assert folder_a != folder_b
    finally:
        for store, folder in ((first, folder_a), (second, folder_b)):
            store.close()
            shutil.rmtree(folder)


def test_notes_name_their_days_as_jobtui_shows_dates(demo, now):
    # Story notes say "{day -2}" for "two business days back"; the loader writes the date.
    notes = {app.company: app.notes for app in demo.applications()}
    assert not any("{day" in text for text in notes.values())
    today = now.astimezone(BERLIN).date()
    shortlist = dates.format_day(dates.add_business_days(today, -2))
    assert f"would pick the shortlist by {shortlist}\n" in notes["Quillstack"]
    deadline = dates.format_day(dates.add_business_days(today, 4))
    assert f"Answer by **{deadline}**" in notes["Tidewater Bank"]


def test_interviewers_who_are_contacts_have_the_contacts_names_and_emails(demo):
    contacts = {c.name: c for c in demo.contacts()}
    panel = next(i for i in demo.interviews() if i.kind == InterviewKind.PANEL)
    assert panel.interviewers[0].name == "Tomasz Wren"
    assert panel.interviewers[0].email == contacts["Tomasz Wren"].email
