"""Reading calendar invites: each VEVENT as the facts an interview needs (jobtui.io.importing.ics).

Fixtures in tests/data/invite_*.ics are written the way Google Calendar, Outlook/Exchange, Zoom
and smaller schedulers write them. The local zone is always passed explicitly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event, vCalAddress

from jobtui.core.model import Application, Interview, InterviewKind, Person
from jobtui.io.exporting import ExportData, export_ics, interview_uid
from jobtui.io.importing.ics import Invite, InviteError, guess_kind, meeting_link, read_invites
from tests.hostile import HOSTILE

DATA = Path(__file__).parent.parent / "data"
BERLIN = ZoneInfo("Europe/Berlin")
ME = "jess.jobseeker@mail.example"


def _read(name: str, *, my_email: str = ME, local_tz=BERLIN) -> list[Invite]:
    return read_invites((DATA / name).read_bytes(), my_email=my_email, local_tz=local_tz)


def _one(name: str, **kwargs) -> Invite:
    invites = _read(name, **kwargs)
    assert len(invites) == 1
    return invites[0]


def _ics(*events: str, method: str = "") -> bytes:
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    if method:
        head += f"METHOD:{method}\r\n"
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return (head + body + "END:VCALENDAR\r\n").encode()


def _utc(invite: Invite) -> datetime:
    return invite.starts_at.astimezone(UTC)


# --- what each vendor's invite gives --------------------------------------------------------


def test_google_invite_with_meet_link():
    invite = _one("invite_google_meet.ics")
    assert invite.uid == "5v1b2c3d4e5f6g7h8i9j0k@google.com"
    assert invite.summary == "Technical interview: Acme / Jess Jobseeker"
    assert invite.starts_at.utcoffset() == timedelta(hours=1)
    assert _utc(invite) == datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
    assert invite.duration == timedelta(hours=1)
    assert invite.where == "https://meet.google.com/abc-defg-hij"
    assert invite.kind is InterviewKind.TECHNICAL
    assert not invite.cancelled
    assert invite.sequence == 0
    assert invite.organizer == Person("Rita Recruiter", "rita@acme.example")
    # Google lists the organizer as an attendee; me (another case) and the room are left out.
    assert invite.interviewers == (
        Person("Rita Recruiter", "rita@acme.example"),
        Person("Ana Lima", "ana.lima@acme.example"),
    )
    assert invite.domains == ("acme.example",)
    assert invite.description.startswith("Hi Jess,\n\nlooking forward to our technical interview")
    assert "Join with Google Meet: https://meet.google.com/abc-defg-hij\n" in invite.description
    assert invite.notes == ()


def test_outlook_teams_invite_with_a_windows_zone_name():
    invite = _one("invite_outlook_teams.ics")
    assert invite.summary == "Final interview - Globex"
    assert _utc(invite) == datetime(2026, 12, 8, 13, 0, tzinfo=UTC)
    assert invite.duration == timedelta(minutes=90)
    assert invite.kind is InterviewKind.FINAL
    # Outlook names the place "Microsoft Teams Meeting" and puts the link in its own property.
    assert invite.where == (
        "Microsoft Teams Meeting https://teams.microsoft.com/l/meetup-join/"
        "19%3ameeting_NjQ4%40thread.v2/0?context=%7b%22Tid%22%3a%22abc%22%7d"
    )
    # The organizer is not an attendee in Outlook's invites, so not an interviewer.
    assert invite.organizer == Person("Gert Hiring", "gert.hiring@globex.example")
    assert invite.interviewers == (
        Person("Mia Manager", "mia.manager@globex.example"),
        Person("Olu Engineer", "olu@eng.globex.example"),
    )
    assert invite.domains == ("globex.example", "eng.globex.example")
    assert invite.uid.startswith("040000008200E00074C5B7101A82E008")
    assert invite.uid.endswith("01000000012345678901234567890ABCDEF")


def test_windows_zone_name_without_a_vtimezone_block():
    data = _ics("UID:w@x\r\nDTSTART;TZID=W. Europe Standard Time:20260701T100000")
    (invite,) = read_invites(data, local_tz=UTC)
    assert _utc(invite) == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)  # summer: +02:00
    assert invite.notes == ()


def test_zoom_invite_link_from_the_description():
    invite = _one("invite_zoom.ics")
    assert invite.summary == "Recruiter call with Initech"
    assert _utc(invite) == datetime(2026, 12, 2, 14, 30, tzinfo=UTC)
    assert invite.duration == timedelta(minutes=30)
    assert invite.where == "https://us02web.zoom.us/j/85123456789?pwd=QWxhZGRpbjpvcGVu.1"
    assert invite.kind is InterviewKind.PHONE_SCREEN
    assert invite.organizer is None
    assert invite.interviewers == ()
    assert invite.domains == ()


def test_utc_invite_with_a_duration():
    invite = _one("invite_utc.ics")
    assert invite.starts_at == datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    assert invite.starts_at.utcoffset() == timedelta(0)
    assert invite.duration == timedelta(minutes=45)
    assert invite.where == "+1 555 0100"
    assert invite.kind is InterviewKind.PHONE_SCREEN
    assert invite.organizer == Person("Hooli Talent, EMEA", "talent@hooli.example")
    assert invite.domains == ("hooli.example",)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/Los_Angeles"])
def test_floating_time_is_local(zone):
    invite = _one("invite_floating.ics", local_tz=ZoneInfo(zone))
    assert invite.starts_at == datetime(2026, 12, 5, 11, 0, tzinfo=ZoneInfo(zone))
    assert invite.duration == timedelta(hours=1)  # no DTEND, no DURATION
    assert invite.where == "Café Kranzler, Kurfürstendamm 18, Berlin"
    assert invite.kind is InterviewKind.OTHER
    assert invite.notes == ()


def test_all_day_event_starts_at_nine_local_with_a_note():
    invite = _one("invite_all_day.ics")
    assert invite.starts_at == datetime(2026, 12, 10, 9, 0, tzinfo=BERLIN)
    assert invite.duration == timedelta(hours=1)
    assert invite.kind is InterviewKind.ONSITE
    assert invite.where == "Hooli HQ, 1 Hacker Way"
    assert "all-day event: starts at 09:00 local time" in invite.notes


def test_update_of_the_google_invite_has_the_same_uid_and_a_new_time():
    (first,) = _read("invite_google_meet.ics")
    update = _one("invite_google_update.ics")
    assert update.uid == first.uid
    assert update.sequence == 1 > first.sequence
    assert update.starts_at == datetime(2026, 12, 4, 16, 0, tzinfo=BERLIN)
    assert update.duration == first.duration
    assert not update.cancelled


def test_cancellation_of_the_google_invite():
    (first,) = _read("invite_google_meet.ics")
    cancel = _one("invite_google_cancel.ics")
    assert cancel.uid == first.uid
    assert cancel.cancelled
    assert cancel.sequence == 2 > first.sequence
    assert cancel.starts_at == first.starts_at


def test_status_cancelled_without_method_cancel():
    (invite,) = read_invites(
        _ics("UID:c@x\r\nDTSTART:20261201T100000Z\r\nSTATUS:CANCELLED"), local_tz=BERLIN
    )
    assert invite.cancelled


def test_method_cancel_without_status():
    (invite,) = read_invites(
        _ics("UID:c@x\r\nDTSTART:20261201T100000Z", method="CANCEL"), local_tz=BERLIN
    )
    assert invite.cancelled


def test_two_events_in_one_file_in_file_order():
    panel, design = _read("invite_two_events.ics")
    assert (panel.uid, design.uid) == (
        "panel-1@jobs.umbrella.example",
        "design-2@jobs.umbrella.example",
    )
    assert panel.kind is InterviewKind.PANEL
    assert panel.where == "https://umbrella.webex.com/meet/panel42"
    assert panel.sequence == 1
    assert panel.interviewers == (Person("Uma Umbrella", "uma@umbrella.example"),)
    # Kind from the description when the summary names none; link from CONFERENCE.
    assert design.kind is InterviewKind.TECHNICAL
    assert design.where == "https://meet.google.com/xyz-abcd-efg"
    assert design.summary == "Umbrella – conversation with Vic"
    assert design.organizer is None


def test_without_my_email_everyone_is_an_interviewer():
    invite = _one("invite_google_meet.ics", my_email="")
    assert Person("Jess Jobseeker", "Jess.Jobseeker@Mail.example") in invite.interviewers
    assert "mail.example" in invite.domains
    assert len(invite.interviewers) == 3  # still not the room


def test_an_organizer_who_is_me_is_not_the_organizer():
    data = _ics(
        "UID:o@x\r\nDTSTART:20261201T100000Z\r\nORGANIZER;CN=Me:mailto:ME@mail.example\r\n"
        "ATTENDEE;CN=Kim:mailto:kim@corp.example"
    )
    (invite,) = read_invites(data, my_email="me@mail.example", local_tz=BERLIN)
    assert invite.organizer is None
    assert invite.interviewers == (Person("Kim", "kim@corp.example"),)
    assert invite.domains == ("corp.example",)


def test_repeating_event_gives_its_first_occurrence_with_a_note():
    data = _ics("UID:r@x\r\nDTSTART:20261201T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3")
    (invite,) = read_invites(data, local_tz=BERLIN)
    assert invite.starts_at == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert invite.notes == ("repeats (RRULE): only the first occurrence is read",)


def test_unknown_zone_is_read_as_local_with_a_note():
    data = _ics("UID:u@x\r\nDTSTART;TZID=Nowhere/Atlantis:20261201T100000")
    (invite,) = read_invites(data, local_tz=BERLIN)
    assert invite.starts_at == datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN)
    assert invite.notes == ("unknown time zone 'Nowhere/Atlantis': DTSTART read as local time",)


def test_location_with_a_link_is_kept_as_is():
    data = _ics(
        "UID:l@x\r\nDTSTART:20261201T100000Z\r\nLOCATION:https://zoom.us/j/1\r\n"
        "X-GOOGLE-CONFERENCE:https://meet.google.com/aaa-bbbb-ccc"
    )
    (invite,) = read_invites(data, local_tz=BERLIN)
    assert invite.where == "https://zoom.us/j/1"


def test_microsoft_online_meeting_conf_link():
    data = _ics(
        "UID:m@x\r\nDTSTART:20261201T100000Z\r\n"
        "X-MICROSOFT-ONLINEMEETINGCONFLINK:https://teams.microsoft.com/l/meetup-join/abc"
    )
    (invite,) = read_invites(data, local_tz=BERLIN)
    assert invite.where == "https://teams.microsoft.com/l/meetup-join/abc"


def test_zero_length_event_lasts_an_hour_with_a_note():
    data = _ics("UID:z@x\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T100000Z")
    (invite,) = read_invites(data, local_tz=BERLIN)
    assert invite.duration == timedelta(hours=1)
    assert invite.notes == ("zero-length event: one hour assumed",)


def test_windows_1252_file_is_read():
    data = _ics("UID:w@x\r\nDTSTART:20261201T100000Z\r\nSUMMARY:Café")
    data = data.decode().encode("cp1252")
    (invite,) = read_invites(data, local_tz=BERLIN)
    assert invite.summary == "Café"


def test_several_calendars_in_one_file():
    data = _ics("UID:a@x\r\nDTSTART:20261201T100000Z") + _ics(
        "UID:b@x\r\nDTSTART:20261202T100000Z", method="CANCEL"
    )
    first, second = read_invites(data, local_tz=BERLIN)
    assert (first.uid, first.cancelled) == ("a@x", False)
    assert (second.uid, second.cancelled) == ("b@x", True)


def test_no_events_is_an_empty_list():
    assert read_invites(_ics(), local_tz=BERLIN) == []


# --- guessing the kind and the link ----------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "kind"),
    [
        ("Phone screen with Acme", InterviewKind.PHONE_SCREEN),
        ("Recruiter call", InterviewKind.PHONE_SCREEN),
        ("Intro call - Globex", InterviewKind.PHONE_SCREEN),
        ("Technical interview", InterviewKind.TECHNICAL),
        ("Coding exercise (live)", InterviewKind.TECHNICAL),
        ("System Design", InterviewKind.TECHNICAL),
        ("Pairing session", InterviewKind.TECHNICAL),
        ("Technical phone screen", InterviewKind.TECHNICAL),
        ("Onsite", InterviewKind.ONSITE),
        ("On-site interviews", InterviewKind.ONSITE),
        ("Interview loop", InterviewKind.ONSITE),
        ("Panel interview", InterviewKind.PANEL),
        ("Final round", InterviewKind.FINAL),
        ("Final technical interview", InterviewKind.FINAL),
        ("Interview with Acme", InterviewKind.OTHER),
        ("", InterviewKind.OTHER),
    ],
)
def test_guess_kind(summary, kind):
    assert guess_kind(summary) is kind


def test_guess_kind_summary_wins_over_description():
    assert guess_kind("Panel", "a technical panel") is InterviewKind.PANEL
    assert guess_kind("Acme", "a technical panel") is InterviewKind.PANEL
    assert guess_kind("Acme", "nothing here") is InterviewKind.OTHER


def test_meeting_link_only_meeting_hosts():
    text = "Docs: https://acme.example/prep. Join: https://acme.zoom.us/j/123?pwd=x. Thanks"
    assert meeting_link(text) == "https://acme.zoom.us/j/123?pwd=x"
    assert meeting_link("see https://example.com/meet.google.com/x") == ""
    assert meeting_link("") == ""


# --- errors: one line, naming the event -------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"hello world", b"company,role\nAcme,Dev\n", b'{"applications": []}', b"\xff\xfe\x00"],
)
def test_not_icalendar(data):
    with pytest.raises(InviteError) as err:
        read_invites(data, local_tz=BERLIN)
    assert str(err.value) == "not an iCalendar file"


def test_broken_icalendar_is_not_icalendar():
    with pytest.raises(InviteError, match=r"^not an iCalendar file$"):
        read_invites(b"BEGIN:VCALENDAR\r\nthis is not a content line\r\n", local_tz=BERLIN)


def test_event_without_dtstart_is_named():
    data = _ics("UID:ok@x\r\nDTSTART:20261201T100000Z", "UID:bad@x\r\nSUMMARY:No time")
    with pytest.raises(InviteError) as err:
        read_invites(data, local_tz=BERLIN)
    assert str(err.value) == "VEVENT 2 (uid bad@x): no DTSTART (when it starts)"


def test_dtend_before_dtstart():
    data = _ics("UID:e@x\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T090000Z")
    with pytest.raises(InviteError) as err:
        read_invites(data, local_tz=BERLIN)
    assert str(err.value) == "VEVENT 1 (uid e@x): DTEND is before DTSTART"


def test_event_without_uid():
    with pytest.raises(InviteError) as err:
        read_invites(_ics("DTSTART:20261201T100000Z"), local_tz=BERLIN)
    assert str(err.value) == "VEVENT 1: no UID"


def test_error_message_is_one_line_even_for_a_uid_with_newlines():
    data = _ics("UID:two\\nlines@x\r\nSUMMARY:x")
    with pytest.raises(InviteError) as err:
        read_invites(data, local_tz=BERLIN)
    assert str(err.value) == "VEVENT 1 (uid two lines@x): no DTSTART (when it starts)"


def test_garbage_dtstart():
    with pytest.raises(InviteError) as err:
        read_invites(_ics("UID:g@x\r\nDTSTART:tomorrow-ish"), local_tz=BERLIN)
    message = str(err.value)
    assert message.startswith("VEVENT 1 (uid g@x): DTSTART is not a date or time")
    assert "\n" not in message


# --- hostile text is data ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), HOSTILE, ids=[n for n, _ in HOSTILE])
def test_hostile_text_kept_exactly(name, text):
    cal = Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", f"{name}@hostile")
    event.add("dtstart", datetime(2026, 12, 1, 10, 0, tzinfo=UTC))
    event.add("summary", text)
    event.add("description", f"{text}\nsecond line")
    attendee = vCalAddress("mailto:someone@corp.example")
    attendee.params["CN"] = text
    event.add("attendee", attendee, encode=0)
    cal.add_component(event)

    (invite,) = read_invites(cal.to_ical(), local_tz=BERLIN)
    assert invite.summary == text
    assert invite.description == f"{text}\nsecond line"
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        # RFC 5545 allows no control character in a parameter: icalendar leaves the line
        # out, and the invite says so rather than dropping it silently.
        assert invite.interviewers == ()
        assert invite.notes == ("ATTENDEE line could not be read and is left out",)
    else:
        assert invite.interviewers == (Person(text, "someone@corp.example"),)
        assert invite.notes == ()


# --- jobtui's own export, read back ----------------------------------------------------------


def test_own_export_read_back_keeps_the_uid():
    app = Application(company="Acme", role="Backend Developer")
    interview = Interview(
        application_id=app.id,
        starts_at=datetime(2026, 12, 3, 14, 0, tzinfo=BERLIN),
        duration=timedelta(minutes=45),
        kind=InterviewKind.TECHNICAL,
        where="https://meet.google.com/abc-defg-hij",
        interviewers=[Person("Ana Lima", "ana@acme.example")],
        notes="Bring [bold]questions[/]",
    )
    data = ExportData(applications=[app], interviews=[interview], contacts=[], sent=[])
    now = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)

    (invite,) = read_invites(export_ics(data, [], now), local_tz=BERLIN)
    assert invite.uid == interview_uid(interview) == f"{interview.id}@jobtui"
    assert invite.starts_at == interview.starts_at
    assert invite.duration == interview.duration
    assert invite.where == interview.where
    assert invite.kind is InterviewKind.TECHNICAL
    assert not invite.cancelled
    assert "Bring [bold]questions[/]" in invite.description


def test_invite_is_frozen():
    (invite,) = read_invites(_ics("UID:f@x\r\nDTSTART;VALUE=DATE:20261201"), local_tz=BERLIN)
    assert invite.ends_at == datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN)
    assert date(2026, 12, 1) == invite.starts_at.date()
    with pytest.raises(AttributeError):
        invite.uid = "other"  # type: ignore[misc]


def test_default_local_zone_is_the_users(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    (invite,) = read_invites((DATA / "invite_floating.ics").read_bytes())
    assert invite.starts_at.utcoffset() == timedelta(hours=9)
    assert invite.starts_at.replace(tzinfo=None) == datetime(2026, 12, 5, 11, 0)
