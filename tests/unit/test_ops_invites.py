"""jobtui.ops.invites: calendar invites filed as interviews of their applications.

Each test plans and applies against a real store file and checks what lands on disk.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import NOW

from jobtui.core.model import Application, Contact, InterviewKind, Person, Status
from jobtui.db.store import NotFoundError, Store
from jobtui.ops import invites, records

DATA = Path(__file__).parent.parent / "data"
ME = "jess.jobseeker@mail.example"


@pytest.fixture
def store(db_path):
    with Store(db_path, clock=lambda: NOW) as store:
        yield store


def _add(
    store: Store,
    company: str,
    *,
    url: str = "",
    status: Status = Status.APPLIED,
    role: str = "Dev",
) -> Application:
    app = Application(company=company, role=role, url=url, status=status)
    return records.add_application(store, app, now=NOW).application


def _import(store: Store, path: Path, **kwargs) -> invites.InvitePlan:
    return invites.import_invites(store, path, my_email=ME, **kwargs)


def _ics(tmp_path: Path, *events: str, method: str = "", name: str = "in.ics") -> Path:
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    if method:
        head += f"METHOD:{method}\r\n"
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    path = tmp_path / name
    path.write_text(head + body + "END:VCALENDAR\r\n", encoding="utf-8")
    return path


def _event(uid: str, summary: str, *people: str, start: str = "20261210T090000Z") -> str:
    lines = [f"UID:{uid}", f"DTSTART:{start}", "DURATION:PT1H", f"SUMMARY:{summary}", *people]
    return "\r\n".join(lines)


# --- matching -------------------------------------------------------------------------------


def test_google_invite_matched_by_the_posting_domain_becomes_an_interview(store):
    acme = _add(store, "Acme", url="https://www.acme.example/careers/42")
    _add(store, "Globex", url="https://globex.example/jobs")
    plan = _import(store, DATA / "invite_google_meet.ics")
    assert plan.ready and plan.applied
    [interview] = store.interviews()
    assert interview.application_id == acme.id
    assert interview.starts_at == datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
    assert interview.duration == timedelta(hours=1)
    assert interview.where == "https://meet.google.com/abc-defg-hij"
    assert interview.kind is InterviewKind.TECHNICAL
    assert interview.interviewers == [
        Person("Rita Recruiter", "rita@acme.example"),
        Person("Ana Lima", "ana.lima@acme.example"),
    ]
    assert (interview.uid, interview.sequence, interview.cancelled) == (
        "5v1b2c3d4e5f6g7h8i9j0k@google.com",
        0,
        False,
    )
    assert interview.notes == (
        "Hi Jess,\n\nlooking forward to our technical interview (live coding, 60 min)."
    )
    assert store.get_application(acme.id).status is Status.INTERVIEWING
    assert plan.lines() == [
        f"added interview Thu 3 Dec 2026 14:00 CET for Acme — Dev (id {interview.id[:8]})",
        "  added contact Rita Recruiter <rita@acme.example> to Acme — Dev",
    ]


def test_the_organizer_becomes_a_contact_of_the_application(store):
    acme = _add(store, "Acme", url="https://acme.example")
    _import(store, DATA / "invite_google_meet.ics")
    [rita] = store.contacts()
    assert (rita.name, rita.email, rita.company) == ("Rita Recruiter", "rita@acme.example", "Acme")
    assert store.get_application(acme.id).contact_ids == [rita.id]


def test_an_existing_contact_with_the_organizers_email_is_linked_not_copied(store):
    acme = _add(store, "Acme", url="https://acme.example")
    rita = Contact(name="Rita R.", email="RITA@acme.example", company="Acme Inc")
    store.save(rita)
    plan = _import(store, DATA / "invite_google_meet.ics")
    assert [c.id for c in store.contacts()] == [rita.id]
    assert store.get_application(acme.id).contact_ids == [rita.id]
    assert plan.lines()[1] == "  linked contact Rita R. <RITA@acme.example> to Acme — Dev"


def test_outlook_invite_matched_by_a_linked_contacts_email(store):
    _add(store, "Acme", url="https://acme.example")
    globex = _add(store, "Globex Corporation")  # no URL: only its contact says who it is
    contact = Contact(name="Gert", email="gert.hiring@globex.example")
    records.add_contact(store, contact, app_id=globex.id)
    _import(store, DATA / "invite_outlook_teams.ics")
    [interview] = store.interviews()
    assert interview.application_id == globex.id
    assert interview.kind is InterviewKind.FINAL
    assert interview.starts_at == datetime(2026, 12, 8, 13, 0, tzinfo=UTC)
    assert interview.duration == timedelta(minutes=90)
    assert interview.where.startswith("Microsoft Teams Meeting https://teams.microsoft.com/")
    assert [p.name for p in interview.interviewers] == ["Mia Manager", "Olu Engineer"]
    assert interview.notes == "Hello Jess,\n\nplease join us for the final round."
    assert store.get_application(globex.id).contact_ids == [contact.id]  # Gert, reused


def test_a_free_mail_contact_matches_by_its_address_only(store, tmp_path):
    gmail_app = _add(store, "Tiny Startup")
    other = _add(store, "Other Startup")
    records.add_contact(
        store, Contact(name="Founder", email="founder@gmail.com"), app_id=gmail_app.id
    )
    records.add_contact(store, Contact(name="Else", email="else@gmail.com"), app_id=other.id)
    path = _ics(
        tmp_path, _event("f@x", "Coffee chat", "ORGANIZER;CN=Founder:mailto:founder@gmail.com")
    )
    _import(store, path)
    assert [i.application_id for i in store.interviews()] == [gmail_app.id]


def test_zoom_invite_matched_by_the_company_named_in_the_summary(store):
    initech = _add(store, "Initech")
    _add(store, "Init")  # "Init" is not a word of "Recruiter call with Initech"
    _import(store, DATA / "invite_zoom.ics")
    [interview] = store.interviews()
    assert interview.application_id == initech.id
    assert interview.kind is InterviewKind.PHONE_SCREEN
    assert interview.where == "https://us02web.zoom.us/j/85123456789?pwd=QWxhZGRpbjpvcGVu.1"
    assert interview.notes == ""  # only Zoom's own text
    assert store.contacts() == []  # Zoom names no organizer


def test_company_names_match_without_case_accents_or_legal_suffix(store, tmp_path):
    societe = _add(store, "Société Générale SA")
    path = _ics(tmp_path, _event("s@x", "Entretien SOCIETE GENERALE (visio)"))
    _import(store, path)
    assert [i.application_id for i in store.interviews()] == [societe.id]


def test_applicant_tracking_hosts_and_schedulers_say_nothing_about_the_company(store, tmp_path):
    _add(store, "Acme", url="https://boards.greenhouse.io/acme/jobs/1")
    _add(store, "Beta", url="https://jobs.lever.co/beta/1")
    event = _event(
        "gh@x", "Interview", "ORGANIZER;CN=Scheduler:mailto:no-reply@us.greenhouse-mail.io"
    )
    plan = _import(store, _ics(tmp_path, event))
    assert not plan.ready and not plan.unmatched[0].several
    assert store.interviews() == []


def test_for_names_the_application_by_id_prefix(store):
    _add(store, "Acme", url="https://acme.example")
    other = _add(store, "Other")
    _import(store, DATA / "invite_google_meet.ics", for_id=other.id[:6])
    assert [i.application_id for i in store.interviews()] == [other.id]
    with pytest.raises(NotFoundError):
        _import(store, DATA / "invite_zoom.ics", for_id="zzzz")


def test_no_match_lists_every_application_and_writes_nothing(store, db_path):
    _add(store, "Globex")
    _add(store, "Old", status=Status.REJECTED)
    before = db_path.read_bytes()
    plan = _import(store, DATA / "invite_google_meet.ics")
    assert not plan.ready and not plan.applied
    [miss] = plan.unmatched
    assert not miss.several
    assert [(c.label, c.closed) for c in miss.candidates] == [
        ("Globex — Dev", False),
        ("Old — Dev", True),
    ]
    assert miss.line() == (
        '"Technical interview: Acme / Jess Jobseeker" (Thu 3 Dec 2026 14:00 CET) '
        "matches no application"
    )
    assert db_path.read_bytes() == before
    with pytest.raises(ValueError, match="matches no application; nothing imported"):
        invites.apply_invites(store, plan)
    assert db_path.read_bytes() == before


def test_several_matches_list_them_and_write_nothing(store, db_path):
    one = _add(store, "Acme", url="https://acme.example/a", role="Dev")
    two = _add(store, "Acme", url="https://acme.example/b", role="Ops")
    _add(store, "Globex")
    before = db_path.read_bytes()
    plan = _import(store, DATA / "invite_google_meet.ics")
    [miss] = plan.unmatched
    assert miss.several
    assert {c.id for c in miss.candidates} == {one.id, two.id}
    assert "matches 2 applications" in miss.line()
    assert db_path.read_bytes() == before


def test_an_open_application_wins_over_a_closed_one(store):
    _add(store, "Acme", url="https://acme.example", status=Status.REJECTED)
    open_one = _add(store, "Acme", url="https://acme.example", role="Staff Dev")
    _import(store, DATA / "invite_google_meet.ics")
    assert [i.application_id for i in store.interviews()] == [open_one.id]


def test_a_closed_application_is_matched_when_no_open_one_is(store):
    closed = _add(store, "Acme", url="https://acme.example", status=Status.WITHDRAWN)
    _add(store, "Globex")
    _import(store, DATA / "invite_google_meet.ics")
    assert [i.application_id for i in store.interviews()] == [closed.id]


def test_the_users_own_domain_does_not_match(store, tmp_path):
    _add(store, "Mail Example", url="https://mail.example")
    event = _event("m@x", "Chat", "ATTENDEE;CN=Friend:mailto:friend@mail.example")
    plan = _import(store, _ics(tmp_path, event))
    assert not plan.ready


# --- updates and cancellations ------------------------------------------------------------------


def test_an_update_with_the_same_uid_moves_the_interview(store):
    _add(store, "Acme", url="https://acme.example")
    _import(store, DATA / "invite_google_meet.ics")
    [first] = store.interviews()
    plan = _import(store, DATA / "invite_google_update.ics")
    [moved] = store.interviews()
    assert moved.id == first.id
    assert moved.starts_at == datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    assert moved.sequence == 1
    assert plan.lines() == [
        f"updated interview for Acme — Dev (id {first.id[:8]}): "
        "moved from Thu 3 Dec 2026 14:00 CET to Fri 4 Dec 2026 16:00 CET"
    ]
    assert len(store.contacts()) == 1  # Rita, once


def test_an_older_copy_of_the_invite_is_skipped(store):
    _add(store, "Acme", url="https://acme.example")
    _import(store, DATA / "invite_google_update.ics")
    [stored] = store.interviews()
    plan = _import(store, DATA / "invite_google_meet.ics")
    assert store.interviews()[0].starts_at == stored.starts_at
    assert plan.lines() == [
        f"skipped interview Fri 4 Dec 2026 16:00 CET for Acme — Dev (id {stored.id[:8]}): "
        "an older copy of the invite (sequence 0; the interview has 1)"
    ]


def test_the_same_invite_again_changes_nothing(store, db_path):
    _add(store, "Acme", url="https://acme.example")
    _import(store, DATA / "invite_google_meet.ics")
    before = db_path.read_bytes()
    plan = _import(store, DATA / "invite_google_meet.ics")
    assert plan.lines()[0].endswith(": already up to date")
    assert db_path.read_bytes() == before


def test_a_newer_sequence_with_no_visible_change_is_kept(store, db_path, tmp_path):
    _add(store, "Acme", url="https://acme.example")
    rita = "ORGANIZER;CN=Rita:mailto:rita@acme.example"
    original = _event("a@x", "Acme intro", rita)
    _import(store, _ics(tmp_path, original, name="v0.ics"))
    [stored] = store.interviews()
    # The calendar bumped the number (a new description, say): nothing to see changed.
    plan = _import(store, _ics(tmp_path, original + "\r\nSEQUENCE:3", name="v3.ics"))
    assert plan.lines() == [
        "updated interview Thu 10 Dec 2026 10:00 CET (09:00 UTC) for Acme — Dev "
        f"(id {stored.id[:8]}): no visible change (sequence 0 → 3)"
    ]
    assert store.interviews()[0].sequence == 3
    # So a copy older than that one is judged against it, and skipped.
    moved = _event("a@x", "Acme intro", rita, "SEQUENCE:2", start="20261211T090000Z")
    before = db_path.read_bytes()
    older = _import(store, _ics(tmp_path, moved, name="v2.ics"))
    assert older.lines()[0].endswith(
        ": an older copy of the invite (sequence 2; the interview has 3)"
    )
    assert db_path.read_bytes() == before
    # The same number again, nothing changed: a skip that writes nothing.
    again = _import(store, _ics(tmp_path, original + "\r\nSEQUENCE:3", name="v3b.ics"))
    assert again.lines()[0].endswith(": already up to date") and not again.changes
    assert again.reasons() == "already up to date"
    assert db_path.read_bytes() == before


def test_the_original_invite_again_after_a_same_sequence_cancellation_uncancels(store, tmp_path):
    _add(store, "Acme", url="https://acme.example")
    original = _event("a@x", "Acme intro", "ORGANIZER;CN=Rita:mailto:rita@acme.example")
    path = _ics(tmp_path, original, name="invite.ics")
    _import(store, path)
    _import(store, _ics(tmp_path, original + "\r\nSTATUS:CANCELLED", name="cancel.ics"))
    assert store.interviews()[0].cancelled
    plan = _import(store, path)
    assert plan.lines()[0].endswith(": no longer cancelled")
    assert not store.interviews()[0].cancelled


def test_a_kind_the_user_chose_is_kept_on_update(store):
    _add(store, "Acme", url="https://acme.example")
    _import(store, DATA / "invite_google_meet.ics")
    [interview] = store.interviews()
    interview.kind = InterviewKind.PANEL
    store.save(interview)
    _import(store, DATA / "invite_google_update.ics")
    assert store.interviews()[0].kind is InterviewKind.PANEL


def test_a_cancellation_marks_the_interview_cancelled(store):
    _add(store, "Acme", url="https://acme.example")
    _import(store, DATA / "invite_google_meet.ics")
    plan = _import(store, DATA / "invite_google_cancel.ics")
    [interview] = store.interviews()
    assert interview.cancelled and interview.sequence == 2
    assert interview.starts_at == datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
    assert plan.lines() == [
        f"cancelled interview Thu 3 Dec 2026 14:00 CET for Acme — Dev (id {interview.id[:8]})"
    ]
    again = _import(store, DATA / "invite_google_cancel.ics")
    assert again.lines()[0].endswith(": already cancelled")


def test_a_cancellation_of_an_unknown_invite_is_skipped_not_an_error(store, db_path):
    _add(store, "Acme", url="https://acme.example")
    before = db_path.read_bytes()
    plan = _import(store, DATA / "invite_google_cancel.ics")
    assert plan.ready
    assert plan.lines() == [
        'skipped "Technical interview: Acme / Jess Jobseeker" '
        "(Thu 3 Dec 2026 14:00 CET (13:00 UTC)): a cancellation of an interview not in jobtui"
    ]
    assert db_path.read_bytes() == before


def test_an_update_found_on_any_application_even_with_for(store):
    acme = _add(store, "Acme", url="https://acme.example")
    other = _add(store, "Other")
    _import(store, DATA / "invite_google_meet.ics")
    _import(store, DATA / "invite_google_update.ics", for_id=other.id)
    assert [i.application_id for i in store.interviews()] == [acme.id]


# --- several events, dry run, one save ----------------------------------------------------------


def test_several_events_in_one_file_all_land(store):
    umbrella = _add(store, "Umbrella", url="https://umbrella.example/jobs")
    plan = _import(store, DATA / "invite_two_events.ics")
    kinds = [(i.kind, i.application_id) for i in store.interviews()]
    assert kinds == [(InterviewKind.PANEL, umbrella.id), (InterviewKind.TECHNICAL, umbrella.id)]
    assert plan.summary() == "2 added, 0 updated, 0 cancelled, 0 skipped"
    assert [c.email for c in store.contacts()] == ["uma@umbrella.example"]


def test_one_event_without_its_application_stops_the_whole_file(store, db_path, tmp_path):
    _add(store, "Acme", url="https://acme.example")
    path = _ics(
        tmp_path,
        _event("a@x", "Acme intro", "ORGANIZER;CN=Rita:mailto:rita@acme.example"),
        _event("b@x", "Interview at Nowhere Ltd", "ORGANIZER;CN=N:mailto:n@nowhere.example"),
    )
    before = db_path.read_bytes()
    plan = _import(store, path)
    assert [m.invite.uid for m in plan.unmatched] == ["b@x"]
    assert db_path.read_bytes() == before and store.interviews() == []


def test_a_fallback_takes_only_the_events_that_match_nothing(store, db_path, tmp_path):
    acme = _add(store, "Acme", url="https://acme.example")
    other = _add(store, "Other")
    path = _ics(
        tmp_path,
        _event("a@x", "Acme intro", "ORGANIZER;CN=Rita:mailto:rita@acme.example"),
        _event("b@x", "Interview at Nowhere Ltd", "ORGANIZER;CN=N:mailto:n@nowhere.example"),
    )
    found = invites.read_invite_file(path, my_email=ME)
    before = db_path.read_bytes()
    plan = invites.plan_invites(store, found, name="in.ics", my_email=ME, fallback_id=other.id)
    assert plan.ready and db_path.read_bytes() == before
    assert [step.application.id for step in plan.steps] == [acme.id, other.id]
    invites.apply_invites(store, plan)
    placed = {i.uid: i.application_id for i in store.interviews()}
    assert placed == {"a@x": acme.id, "b@x": other.id}
    # --for (the CLI's) stays what it says: every new event goes there.
    again = path.read_text(encoding="utf-8").replace("UID:a@x", "UID:c@x")
    path.write_text(again.replace("UID:b@x", "UID:d@x"), encoding="utf-8")
    _import(store, path, for_id=other.id)
    placed = {i.uid: i.application_id for i in store.interviews()}
    assert (placed["c@x"], placed["d@x"]) == (other.id, other.id)


def test_a_fallback_also_settles_an_event_that_matches_several(store, tmp_path):
    _add(store, "Acme", url="https://acme.example/a", role="Dev")
    _add(store, "Acme", url="https://acme.example/b", role="Ops")
    third = _add(store, "Globex")
    found = invites.read_invite_file(DATA / "invite_google_meet.ics", my_email=ME)
    plan = invites.plan_invites(store, found, my_email=ME, fallback_id=third.id[:6])
    invites.apply_invites(store, plan)
    assert [i.application_id for i in store.interviews()] == [third.id]


def test_a_fallback_deleted_meanwhile_raises_and_writes_nothing(store, db_path):
    _add(store, "Globex")
    gone = _add(store, "Gone")
    found = invites.read_invite_file(DATA / "invite_google_meet.ics", my_email=ME)
    plan = invites.plan_invites(store, found, my_email=ME, fallback_id=gone.id)
    records.delete(store, gone.id)
    before = db_path.read_bytes()
    with pytest.raises(NotFoundError):
        invites.apply_invites(store, plan)
    assert db_path.read_bytes() == before


def test_two_events_from_one_organizer_make_one_contact(store, tmp_path):
    acme = _add(store, "Acme", url="https://acme.example")
    rita = "ORGANIZER;CN=Rita:mailto:rita@acme.example"
    path = _ics(tmp_path, _event("a@x", "One", rita), _event("b@x", "Two", rita))
    _import(store, path)
    [contact] = store.contacts()
    assert store.get_application(acme.id).contact_ids == [contact.id]
    assert len(store.interviews()) == 2


def test_an_invite_and_its_update_in_one_file(store, tmp_path):
    _add(store, "Acme", url="https://acme.example")
    rita = "ORGANIZER;CN=Rita:mailto:rita@acme.example"
    path = _ics(
        tmp_path,
        _event("a@x", "One", rita, start="20261210T090000Z"),
        _event("a@x", "One", rita, "SEQUENCE:1", start="20261211T090000Z"),
    )
    plan = _import(store, path)
    [interview] = store.interviews()
    assert interview.starts_at == datetime(2026, 12, 11, 9, 0, tzinfo=UTC)
    assert [line.split(" ")[0] for line in plan.lines() if not line.startswith(" ")] == [
        "added",
        "updated",
    ]


def test_dry_run_writes_nothing_and_says_would(store, db_path):
    _add(store, "Acme", url="https://acme.example")
    before = db_path.read_bytes()
    plan = _import(store, DATA / "invite_google_meet.ics", dry_run=True)
    assert plan.lines()[0] == "would add interview Thu 3 Dec 2026 14:00 CET for Acme — Dev (new)"
    assert plan.lines()[1] == "  would add contact Rita Recruiter <rita@acme.example> to Acme — Dev"
    assert plan.summary() == "1 to add, 0 to update, 0 to cancel, 0 to skip"
    assert db_path.read_bytes() == before
    done = invites.apply_invites(store, plan)
    assert done.applied and len(store.interviews()) == 1
    # A preview names no id (a dry run's would not be the real import's); applied in this
    # process, the plan keeps the ids it made.
    short = store.interviews()[0].id[:8]
    assert done.lines() == [
        line.replace("would ", "").replace("add ", "added ").replace("(new)", f"(id {short})")
        for line in plan.lines()
    ]
    assert store.interviews()[0].id == plan.steps[0].interview.id
    assert store.contacts()[0].id == plan.steps[0].contact.id


def test_the_import_is_one_undoable_change(store):
    acme = _add(store, "Acme", url="https://acme.example")
    found = invites.read_invite_file(DATA / "invite_google_meet.ics", my_email=ME)
    plan = invites.plan_invites(store, found, name="x.ics", my_email=ME)
    with store.change("the import of x.ics"):
        invites.apply_invites(store, plan)
    assert len(store.interviews()) == 1 and len(store.contacts()) == 1
    assert store.undo() == "the import of x.ics"
    assert store.interviews() == [] and store.contacts() == []
    assert store.get_application(acme.id).status is Status.APPLIED


# --- files that cannot be read ------------------------------------------------------------------


def test_a_file_that_is_not_a_calendar_is_one_line_naming_it(tmp_path):
    path = tmp_path / "x.ics"
    path.write_text("company,role\nAcme,Dev\n", encoding="utf-8")
    with pytest.raises(invites.InviteFileError) as err:
        invites.read_invite_file(path)
    assert str(err.value) == f"{path}: not an iCalendar file"


def test_a_broken_event_names_the_file_and_its_line(tmp_path):
    path = _ics(tmp_path, _event("ok@x", "Fine"), "UID:bad@x\r\nSUMMARY:No time")
    with pytest.raises(invites.InviteFileError) as err:
        invites.read_invite_file(path)
    assert str(err.value) == f"{path}, line 10: VEVENT 2 (uid bad@x): no DTSTART (when it starts)"


def test_a_missing_file(tmp_path):
    with pytest.raises(invites.InviteFileError, match="does not exist"):
        invites.read_invite_file(tmp_path / "nope.ics")
