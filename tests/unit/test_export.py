"""Exports: JSON read back exactly, CSV as a spreadsheet sees it, ICS as a calendar client reads it.

The records are awkward on purpose: unicode and emoji, markup-like text, commas, quotes,
semicolons, backslashes, newlines, a company named like a formula, an interview booked in
another zone. "Now" is the conftest's: Thu 26 Nov 2026 10:00 Europe/Berlin.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from dateutil import tz
from icalendar import Calendar

from jobtui.config import FollowUpRules
from jobtui.core.followup import FollowUp, FollowUpKind, Urgency, all_followups
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    InterviewKind,
    Person,
    SentFollowUp,
    SentKind,
    Status,
)
from jobtui.db.store import Store
from jobtui.io.exporting import (
    CALENDAR_NAME,
    CSV_COLUMNS,
    PRIORITY,
    PRODID,
    ExportData,
    export_csv,
    export_ics,
    export_json,
    followup_uid,
    interview_uid,
    neutralise_formula,
)

BERLIN = tz.gettz("Europe/Berlin")  # the zone conftest sets
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)  # conftest's frozen now, a Thursday
PST = timezone(timedelta(hours=-8))  # stored times carry fixed offsets like this

ACME_NOTES = 'Line one, with a comma\nLine "two"; with quotes\n- a markdown bullet'
TOPICS = "System design; caching, queues\nand a \\ backslash"


def pst(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=PST)


def berlin(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def store(db_path):
    # A clock that ticks a minute per call, so every record has its own created_at.
    ticks = itertools.count()
    start = NOW - timedelta(days=40)
    s = Store(db_path, clock=lambda: start + timedelta(minutes=next(ticks)))
    yield s
    s.close()


@pytest.fixture
def records(store):
    """A small search with every awkward value; returns the records by name."""
    acme = Application(
        company='Acme, Inc. "Labs"',
        role="Engineer 🚀",
        status=Status.INTERVIEWING,
        location="Zürich",
        url="https://acme.example/jobs/1?ref=a,b",
        source="LinkedIn",
        salary_min=70000,
        salary_max=90000,
        salary_currency="EUR",
        tags=["python", "remote, EU"],
        applied_on=date(2026, 11, 2),
        notes=ACME_NOTES,
    )
    ana = Contact(name="Ana Lima", email="ana@acme.example", company="Acme")
    bob = Contact(name="Bob Ørsted")
    store.save_with_contacts(acme, [ana, bob])
    formula = Application(
        company="=SUM(A1)",
        role="[bold]x[/]",
        status=Status.APPLIED,
        applied_on=date(2026, 11, 10),
        source="@recruiter",
        location="-",
        notes="+1 call back",
    )
    store.save(formula)
    gone = Application(company="Gone GmbH", role="Dev", status=Status.WITHDRAWN)
    store.save(gone)

    yesterday = Interview(
        application_id=acme.id,
        starts_at=berlin(11, 25, 15, 0),
        duration=timedelta(minutes=45),
        kind=InterviewKind.TECHNICAL,
        interviewers=[Person("Ana Lima", "ana@acme.example"), Person("Chén Wěi")],
        where="Video: https://meet.example/abc-defg.",
        topics=TOPICS,
        notes="Went well 🎉, asked about [red]testing[/]",
    )
    onsite = Interview(
        application_id=acme.id,
        starts_at=pst(12, 3, 14),
        duration=timedelta(hours=3),
        kind=InterviewKind.ONSITE,
        interviewers=[Person("Dana Smith, PhD", "dana@acme.example")],
        where="Office, 1 Main St; Floor 2",
    )
    gone_past = Interview(
        application_id=gone.id, starts_at=berlin(11, 2, 9), kind=InterviewKind.PHONE_SCREEN
    )
    gone_future = Interview(application_id=gone.id, starts_at=berlin(12, 10, 11))
    for interview in (yesterday, onsite, gone_past, gone_future):
        store.save(interview)
    store.log_sent(
        SentFollowUp(
            kind=SentKind.OTHER,
            at=berlin(11, 5, 12),
            application_id=acme.id,
            to="ana@acme.example",
        )
    )
    return {
        "acme": acme,
        "formula": formula,
        "gone": gone,
        "ana": ana,
        "bob": bob,
        "yesterday": yesterday,
        "onsite": onsite,
        "gone_past": gone_past,
        "gone_future": gone_future,
    }


@pytest.fixture
def data(store, records) -> ExportData:
    return ExportData.from_store(store)


@pytest.fixture
def followups(store, records) -> list[FollowUp]:
    return all_followups(
        store.applications(),
        store.interviews_by_application(),
        store.sent_by_application(),
        NOW,
        FollowUpRules(),
    )


# --------------------------------------------------------------------------
# JSON


def test_json_reads_back_every_record_exactly(data, records):
    doc = json.loads(export_json(data, NOW).decode("utf-8"))

    assert doc["jobtui_export"] == 1
    assert doc["exported_at"] == "2026-11-26T10:00:00+01:00"
    assert list(doc) == [
        "jobtui_export",
        "exported_at",
        "applications",
        "interviews",
        "contacts",
        "sent",
    ]
    for key, originals in (
        ("applications", data.applications),
        ("interviews", data.interviews),
        ("contacts", data.contacts),
        ("sent", data.sent),
    ):
        exported = {d["id"]: d for d in doc[key]}
        assert exported == {r.id: r.to_dict() for r in originals}, key
    # ... and the dicts rebuild records equal to the saved ones.
    apps = {d["id"]: Application.from_dict(d) for d in doc["applications"]}
    assert apps[records["acme"].id].notes == ACME_NOTES
    assert apps[records["formula"].id].company == "=SUM(A1)"
    interviews = {d["id"]: Interview.from_dict(d) for d in doc["interviews"]}
    assert interviews[records["onsite"].id].starts_at == records["onsite"].starts_at
    assert interviews[records["yesterday"].id].topics == TOPICS


def test_json_is_readable_utf8_with_two_space_indent(data):
    raw = export_json(data, NOW)
    text = raw.decode("utf-8")
    assert "Engineer 🚀" in text  # not \ud83d\ude80
    assert "Zürich" in text
    assert text.startswith('{\n  "jobtui_export": 1,\n')
    assert text.endswith("}\n")


def test_json_bytes_are_deterministic_whatever_the_input_order(data):
    first = export_json(data, NOW)
    assert export_json(data, NOW) == first
    shuffled = ExportData(
        applications=random.Random(1).sample(data.applications, len(data.applications)),
        interviews=list(reversed(data.interviews)),
        contacts=list(reversed(data.contacts)),
        sent=list(reversed(data.sent)),
    )
    assert export_json(shuffled, NOW) == first


def test_json_orders_records_by_creation_then_id():
    stamp = berlin(11, 1, 9)
    records = [
        Application(company="B", role="r", id="b", created_at=stamp),
        Application(company="A", role="r", id="a", created_at=stamp),
        Application(company="Later", role="r", id="0", created_at=stamp + timedelta(hours=1)),
        Application(company="Unknown", role="r", id="z", created_at=None),
        # 00:30 PST is 09:30 in Berlin: sorted as the instant, not as the ISO text.
        Application(company="PST", role="r", id="e", created_at=pst(11, 1, 0, 30)),
    ]
    data = ExportData(applications=records, interviews=[], contacts=[], sent=[])
    doc = json.loads(export_json(data, NOW))
    assert [a["id"] for a in doc["applications"]] == ["z", "a", "b", "e", "0"]


def test_json_leaves_out_the_trash(store, records):
    store.delete(records["gone"])
    doc = json.loads(export_json(ExportData.from_store(store), NOW))
    assert records["gone"].id not in {a["id"] for a in doc["applications"]}
    assert records["gone_past"].id not in {i["id"] for i in doc["interviews"]}
    assert len(doc["applications"]) == 2


def test_json_of_a_reopened_file_equals_the_original(db_path, store, records, data):
    before = export_json(data, NOW)
    store.close()
    with Store(db_path, read_only=True) as again:
        assert export_json(ExportData.from_store(again), NOW) == before


# --------------------------------------------------------------------------
# CSV


def _read_csv(text: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _row(rows: list[dict[str, str]], app: Application) -> dict[str, str]:
    (row,) = [r for r in rows if r["Id"] == app.id]
    return row


def test_csv_has_a_header_and_one_row_per_application(data, records):
    text = export_csv(data, now=NOW)
    rows = _read_csv(text)
    assert len(rows) == 3
    # Oldest first, like the JSON.
    assert [r["Id"] for r in rows] == [
        records["acme"].id,
        records["formula"].id,
        records["gone"].id,
    ]
    assert not text.startswith("\ufeff")


def test_csv_values_as_a_spreadsheet_shows_them(data, records):
    acme = _row(_read_csv(export_csv(data, now=NOW)), records["acme"])
    assert acme == {
        "Company": 'Acme, Inc. "Labs"',
        "Role": "Engineer 🚀",
        "Status": "interviewing",
        "Applied On": "2026-11-02",
        "Location": "Zürich",
        "URL": "https://acme.example/jobs/1?ref=a,b",
        "Source": "LinkedIn",
        "Salary Min": "70000",
        "Salary Max": "90000",
        "Currency": "EUR",
        "Tags": "python; remote, EU",
        "Interviews": "2",
        # Local (Berlin) wall time: 14:00 PST on Dec 3 is 23:00 in Berlin.
        "Next Interview": "2026-12-03 23:00",
        "Last Interview": "2026-11-25 15:00",
        "Contacts": "Ana Lima <ana@acme.example>; Bob Ørsted",
        "Notes": ACME_NOTES,
        "Id": records["acme"].id,
        "Created": acme["Created"],
        "Updated": acme["Updated"],
        "Cancelled Interviews": "0",
        "Deadline": "",
        "Offer Deadline": "",
        "Offer Base": "",
        "Offer Bonus": "",
        "Offer Sign-on": "",
        "Offer Equity": "",
        "Offer Vesting Years": "",
        "Offer Currency": "",
        "Offer Notes": "",
        "Open Tasks": "",
        "Job Description": "",
        "Posting Fetched": "",
    }
    created = records["acme"].created_at.astimezone(BERLIN)
    assert acme["Created"] == created.strftime("%Y-%m-%d %H:%M")


def test_csv_empty_values_stay_empty(data, records):
    gone = _row(_read_csv(export_csv(data, now=NOW)), records["gone"])
    assert gone["Salary Min"] == gone["Salary Max"] == gone["Tags"] == gone["Contacts"] == ""
    assert gone["Applied On"] == ""
    assert gone["Interviews"] == "2"
    assert gone["Next Interview"] == "2026-12-10 11:00"
    assert gone["Last Interview"] == "2026-11-02 09:00"


def test_csv_quotes_newlines_and_uses_crlf_line_ends(data):
    text = export_csv(data, now=NOW)
    # Records end in \r\n; the newlines inside the quoted notes stay bare \n.
    assert text.endswith("\r\n")
    assert '"Line one, with a comma\nLine ""two""; with quotes\n- a markdown bullet"' in text
    assert text.count("\r\n") == 4  # header + three rows


def test_csv_excel_flag_adds_a_bom_and_nothing_else(data):
    plain = export_csv(data, now=NOW)
    excel = export_csv(data, excel=True, now=NOW)
    assert excel == "\ufeff" + plain
    assert excel.encode("utf-8").startswith(b"\xef\xbb\xbf")
    # Excel's reader (and Python's utf-8-sig) strip the BOM back off.
    assert _read_csv(excel.encode("utf-8").decode("utf-8-sig")) == _read_csv(plain)


@pytest.mark.parametrize("excel", [False, True])
def test_csv_neutralises_formulas_in_user_text(data, records, excel):
    text = export_csv(data, excel=excel, now=NOW).removeprefix("\ufeff")
    formula = _row(_read_csv(text), records["formula"])
    assert formula["Company"] == "'=SUM(A1)"
    assert formula["Source"] == "'@recruiter"
    assert formula["Location"] == "'-"
    assert formula["Notes"] == "'+1 call back"
    assert formula["Role"] == "[bold]x[/]"  # markup-like text is left as typed
    acme = _row(_read_csv(text), records["acme"])
    assert acme["Notes"] == ACME_NOTES  # "- a markdown bullet" is not at the start of the cell


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("a=b", "a=b"),
        ("", ""),
        ("'already", "'already"),
    ],
)
def test_neutralise_formula(cell, shown):
    assert neutralise_formula(cell) == shown


def test_csv_salaries_stay_numbers(data, records):
    acme = _row(_read_csv(export_csv(data, now=NOW)), records["acme"])
    assert int(acme["Salary Min"]) == 70000


def test_csv_next_interview_moves_with_now(data, records):
    later = berlin(12, 4, 9)
    acme = _row(_read_csv(export_csv(data, now=later)), records["acme"])
    assert acme["Next Interview"] == ""
    assert acme["Last Interview"] == "2026-12-03 23:00"


# --------------------------------------------------------------------------
# ICS


def _calendar(raw: bytes) -> Calendar:
    return Calendar.from_ical(raw)


def _events(cal: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def _todos(cal: Calendar) -> dict[str, object]:
    return {str(t["UID"]): t for t in cal.walk("VTODO")}


def test_ics_calendar_header(data, followups):
    cal = _calendar(export_ics(data, followups, NOW))
    assert str(cal["PRODID"]) == PRODID
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["X-WR-CALNAME"]) == CALENDAR_NAME == "jobtui interviews"


def test_ics_has_one_event_per_interview_with_a_stable_uid(data, followups):
    first = _events(_calendar(export_ics(data, followups, NOW)))
    later = _events(_calendar(export_ics(data, [], NOW + timedelta(days=3))))
    expected = {f"{i.id}@jobtui" for i in data.interviews}
    assert set(first) == set(later) == expected
    assert len(data.interviews) == 4


def test_ics_event_start_is_the_same_instant_in_utc(data, records, followups):
    events = _events(_calendar(export_ics(data, followups, NOW)))
    for interview in data.interviews:
        event = events[interview_uid(interview)]
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None and start.utcoffset() == timedelta(0)
        assert start == interview.starts_at
        assert event.decoded("DURATION") == interview.duration
        assert event.decoded("DTSTAMP") == NOW
    onsite = events[interview_uid(records["onsite"])]
    assert onsite.decoded("DTSTART") == datetime(2026, 12, 3, 22, 0, tzinfo=UTC)
    assert onsite.decoded("DTSTART") + onsite.decoded("DURATION") == records["onsite"].ends_at


def test_ics_times_are_written_in_utc_without_unresolvable_tzids(data, followups):
    raw = export_ics(data, followups, NOW)
    assert b"TZID" not in raw
    assert b"DTSTART:20261203T220000Z" in raw


def test_ics_event_text(data, records, followups):
    events = _events(_calendar(export_ics(data, followups, NOW)))
    tech = events[interview_uid(records["yesterday"])]
    assert str(tech["SUMMARY"]) == 'Interview: Acme, Inc. "Labs" — Engineer 🚀 (technical)'
    assert str(tech["LOCATION"]) == "Video: https://meet.example/abc-defg."
    assert str(tech["URL"]) == "https://meet.example/abc-defg"
    description = str(tech["DESCRIPTION"])
    assert "Ana Lima <ana@acme.example>" in description
    assert "Chén Wěi" in description
    assert f"Topics:\n{TOPICS}\n" in description  # semicolons, commas, \ and newlines exact
    assert "Went well 🎉, asked about [red]testing[/]" in description
    assert "Job posting: https://acme.example/jobs/1?ref=a,b" in description
    assert "Length: 45m" in description
    assert "ATTENDEE" not in tech

    onsite = events[interview_uid(records["onsite"])]
    assert str(onsite["SUMMARY"]) == 'Interview: Acme, Inc. "Labs" — Engineer 🚀 (onsite)'
    assert str(onsite["LOCATION"]) == "Office, 1 Main St; Floor 2"
    assert "URL" not in onsite
    assert "Dana Smith, PhD <dana@acme.example>" in str(onsite["DESCRIPTION"])

    screen = events[interview_uid(records["gone_past"])]
    assert str(screen["SUMMARY"]) == "Interview: Gone GmbH — Dev (phone screen)"
    assert "LOCATION" not in screen


def test_ics_escapes_text_on_the_wire(data, followups):
    raw = export_ics(data, followups, NOW)
    assert b"LOCATION:Office\\, 1 Main St\\; Floor 2" in raw
    unfolded = raw.replace(b"\r\n ", b"")
    assert b"System design\\; caching\\, queues\\nand a \\\\ backslash" in unfolded
    # Lines are folded at 75 octets and end in CRLF (RFC 5545 3.1).
    lines = raw.split(b"\r\n")
    assert lines[-1] == b""
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_ics_closed_applications_keep_their_history_and_cancel_what_is_ahead(
    data, records, followups
):
    events = _events(_calendar(export_ics(data, followups, NOW)))
    past = events[interview_uid(records["gone_past"])]
    future = events[interview_uid(records["gone_future"])]
    assert "STATUS" not in past
    assert str(future["STATUS"]) == "CANCELLED"
    assert "Application withdrawn" in str(future["DESCRIPTION"])
    assert "STATUS" not in events[interview_uid(records["onsite"])]


def test_ics_is_deterministic(data, followups):
    assert export_ics(data, followups, NOW) == export_ics(data, followups, NOW)


def test_ics_has_one_todo_per_followup(data, records, followups):
    # The fixture's search at NOW: the thank-you for yesterday's interview is due (overdue
    # 24h after it ended), and the "=SUM(A1)" application is overdue a follow-up.
    assert {(f.kind, f.application_id, f.urgency) for f in followups} == {
        (FollowUpKind.THANK_YOU, records["acme"].id, Urgency.DUE),
        (FollowUpKind.APPLICATION_FOLLOW_UP, records["formula"].id, Urgency.OVERDUE),
    }
    todos = _todos(_calendar(export_ics(data, followups, NOW)))
    assert set(todos) == {followup_uid(f) for f in followups}
    for item in followups:
        todo = todos[followup_uid(item)]
        assert todo.decoded("DUE") == item.due
        assert todo.decoded("DUE").utcoffset() == timedelta(0)
        assert str(todo["DESCRIPTION"]) == item.describe(NOW)
        assert int(todo["PRIORITY"]) == PRIORITY[item.urgency]
        assert str(todo["STATUS"]) == "NEEDS-ACTION"

    acme, yesterday = records["acme"], records["yesterday"]
    thanks = todos[f"thank_you-{acme.id}-{yesterday.id}@jobtui"]
    assert str(thanks["SUMMARY"]) == 'Send thank-you: Acme, Inc. "Labs" — Engineer 🚀'
    assert thanks.decoded("DUE") == yesterday.ends_at
    assert str(thanks["RELATED-TO"]) == interview_uid(yesterday)
    assert str(thanks["DESCRIPTION"]) == "Thank-you due, 5h left"

    nudge = todos[f"application_follow_up-{records['formula'].id}-app@jobtui"]
    assert str(nudge["SUMMARY"]) == "Follow up: =SUM(A1) — [bold]x[/]"
    assert nudge.decoded("DUE") == berlin(11, 19)  # 7 business days after Tue 10 Nov
    assert int(nudge["PRIORITY"]) == 1
    assert "RELATED-TO" not in nudge


def test_ics_todo_uids_are_stable_and_written_once(data, followups):
    twice = list(followups) + [replace(f, urgency=Urgency.UPCOMING) for f in followups]
    cal = _calendar(export_ics(data, twice, NOW))
    assert len(cal.walk("VTODO")) == len(followups)
    later = _todos(_calendar(export_ics(data, followups, NOW + timedelta(hours=2))))
    assert set(later) == set(_todos(cal))


def test_ics_summaries_for_every_followup_kind(records):
    app = records["formula"]
    items = [
        FollowUp(kind, app, None, NOW, NOW + timedelta(days=1), Urgency.DUE, attempts=2)
        for kind in FollowUpKind
    ]
    data = ExportData(applications=[app], interviews=[], contacts=[], sent=[])
    todos = _calendar(export_ics(data, items, NOW)).walk("VTODO")
    assert [str(t["SUMMARY"]) for t in todos] == [
        "Send thank-you: =SUM(A1) — [bold]x[/]",
        "Check in: =SUM(A1) — [bold]x[/]",
        "Follow up: =SUM(A1) — [bold]x[/]",
        "Decide if ghosted: =SUM(A1) — [bold]x[/]",
        "Deadline: =SUM(A1) — [bold]x[/]",
        "Task: =SUM(A1) — [bold]x[/]",
    ]
    assert str(todos[3]["DESCRIPTION"]) == "2 follow-ups unanswered: mark ghosted?"


def test_ics_of_an_empty_search_is_a_valid_calendar():
    cal = _calendar(export_ics(ExportData([], [], [], []), [], NOW))
    assert cal.walk("VEVENT") == [] and cal.walk("VTODO") == []
    assert str(cal["PRODID"]) == PRODID
