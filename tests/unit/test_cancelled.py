"""A cancelled interview (Interview.cancelled): it owes nothing, it is nobody's last contact,
and every output says so; the calendar export keeps the invite's UID and SEQUENCE and writes
STATUS:CANCELLED. "Now" is frozen at Thu 2026-11-26 10:00 Europe/Berlin."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

import pytest
from dateutil import tz
from hostile import HOSTILE, looks_like
from icalendar import Calendar

from jobtui.config import FollowUpRules
from jobtui.core.followup import FollowUpKind, Urgency, followups_for, next_action, owed_kind
from jobtui.core.model import Application, Interview, SentFollowUp, SentKind, Status
from jobtui.db.store import Store
from jobtui.io.exporting import ExportData, export_csv, export_ics, export_json
from jobtui.ops import followups as followup_ops

BERLIN = tz.gettz("Europe/Berlin")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)  # a Thursday
RULES = FollowUpRules()
HOUR = timedelta(hours=1)
SECOND = timedelta(seconds=1)


def berlin(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def app(status: Status = Status.INTERVIEWING, **kwargs: object) -> Application:
    return Application(company="Acme", role="Engineer", id="app-1", status=status, **kwargs)


def interview(start: datetime, iv_id: str = "iv-1", **kwargs: object) -> Interview:
    return Interview(application_id="app-1", starts_at=start, id=iv_id, duration=HOUR, **kwargs)


def items(application, interviews, sent=(), now=NOW):
    return followups_for(application, list(interviews), list(sent), now, RULES)


def kinds(found) -> list[tuple[FollowUpKind, str | None, Urgency]]:
    return [(i.kind, i.interview_id, i.urgency) for i in found]


# -- the rules -------------------------------------------------------------------------


def test_a_cancelled_interview_owes_no_thank_you():
    held = interview(NOW - 2 * HOUR)  # ended an hour ago: a thank-you is due
    assert kinds(items(app(), [held])) == [(FollowUpKind.THANK_YOU, "iv-1", Urgency.DUE)]
    gone = interview(NOW - 2 * HOUR, cancelled=True)
    assert items(app(), [gone]) == []


def test_a_cancelled_interview_never_gets_a_check_in_of_its_own():
    # Ended long ago, nothing sent, no news: a check-in would be overdue were it held.
    long_ago = interview(berlin(11, 2, 10), thank_you_sent_at=berlin(11, 2, 12))
    assert kinds(items(app(), [long_ago])) == [(FollowUpKind.CHECK_IN, "iv-1", Urgency.OVERDUE)]
    long_ago.cancelled = True
    assert items(app(), [long_ago]) == []


def test_the_check_in_counts_from_the_last_interview_held_not_a_later_cancelled_one():
    # Held Thu 19 Nov 9-10 (thanked); the check-in falls due 5 business days after it ended:
    # Thu 26 Nov 10:00, exactly now. A later round cancelled on Tue 24 Nov changes nothing.
    held = interview(berlin(11, 19, 9), "held", thank_you_sent_at=berlin(11, 19, 12))
    gone = interview(berlin(11, 24, 14), "gone", cancelled=True)
    found = items(app(), [held, gone])
    assert kinds(found) == [(FollowUpKind.CHECK_IN, "held", Urgency.DUE)]
    assert found[0].since == held.ends_at
    assert found[0].due == berlin(11, 26, 10)
    assert found[0].describe(NOW) == "Check in: 5 business days quiet"
    # One second earlier it is only coming up: the boundary is the held interview's end.
    before = items(app(), [held, gone], now=NOW - SECOND)
    assert kinds(before) == [(FollowUpKind.CHECK_IN, "held", Urgency.UPCOMING)]
    # Were the later round held, it would be the last contact: no check-in yet.
    gone.cancelled = False
    assert FollowUpKind.CHECK_IN not in [i.kind for i in items(app(), [held, gone])]


def test_a_cancelled_interview_still_ahead_does_not_hold_the_check_in_back():
    held = interview(berlin(11, 12, 9), "held", thank_you_sent_at=berlin(11, 12, 12))
    ahead = interview(berlin(12, 3, 14), "ahead")
    assert items(app(), [held, ahead]) == []  # waiting for the next round
    ahead.cancelled = True
    assert [i.kind for i in items(app(), [held, ahead])] == [FollowUpKind.CHECK_IN]


def test_a_cancelled_later_round_does_not_supersede_an_earlier_thank_you():
    earlier = interview(NOW - 3 * HOUR, "earlier")  # ended 2h ago, not thanked
    later = interview(NOW - HOUR, "later", cancelled=True)  # "started" an hour ago
    assert kinds(items(app(), [earlier, later])) == [
        (FollowUpKind.THANK_YOU, "earlier", Urgency.DUE)
    ]


def test_only_cancelled_interviews_count_as_none_for_the_follow_up_after_applying():
    applied = app(Status.APPLIED, applied_on=berlin(11, 2).date())
    gone = interview(berlin(11, 10, 10), cancelled=True)
    assert [i.kind for i in items(applied, [gone])] == [FollowUpKind.APPLICATION_FOLLOW_UP]


def test_the_next_action_is_not_a_cancelled_interview():
    ahead = interview(berlin(11, 27, 14), cancelled=True)
    assert next_action(app(), [ahead], [], NOW) == ""
    ahead.cancelled = False
    assert next_action(app(), [ahead], [], NOW) == "Interview tomorrow 14:00"


def test_nothing_is_owed_on_a_cancelled_interview_and_sent_logs_nothing(tmp_path):
    store = Store(tmp_path / "db.json")
    application = app()
    store.save(application)
    gone = interview(NOW - 2 * HOUR, cancelled=True)
    store.save(gone)
    assert owed_kind(application, gone, items(application, [gone])) is None
    with pytest.raises(followup_ops.NothingOwed):
        followup_ops.mark_sent(store, gone.id, now=NOW, rules=RULES)
    assert store.sent_log() == []


def test_a_message_sent_after_a_held_interview_still_counts():
    held = interview(berlin(11, 12, 9), "held", thank_you_sent_at=berlin(11, 12, 12))
    gone = interview(berlin(11, 20, 9), "gone", cancelled=True)
    nudge = SentFollowUp(kind=SentKind.CHECK_IN, at=berlin(11, 19, 9), application_id="app-1")
    found = items(app(), [held, gone], [nudge])
    assert [(i.kind, i.since) for i in found] == [(FollowUpKind.CHECK_IN, nudge.at)]
    assert found[0].urgency == Urgency.DUE  # 5 business days after Thu 19 Nov 9:00


# -- the command line ------------------------------------------------------------------


def _ok(result) -> str:
    code, out, err = result
    assert code == 0, err
    return out.strip()


def test_cli_set_cancelled_drops_the_thank_you_and_show_says_so(jobtui):
    app_id = _ok(jobtui("add", "Acme", "Dev"))
    iv_id = _ok(jobtui("interview", app_id, "today 8:00", "--kind", "technical"))
    owed = json.loads(_ok(jobtui("followups", "--json")))
    assert [(i["kind"], i["interview_id"]) for i in owed] == [("thank_you", iv_id)]
    _ok(jobtui("set", iv_id, "cancelled=yes"))
    assert json.loads(_ok(jobtui("followups", "--json"))) == []
    assert _ok(jobtui("followups")) == "nothing needs a follow-up right now"
    shown = _ok(jobtui("show", iv_id))
    assert shown.splitlines()[0].endswith(
        "CANCELLED (it did not take place: nothing is owed for it)"
    )
    line = next(line for line in _ok(jobtui("show", app_id)).splitlines() if iv_id[:8] in line)
    assert line.endswith("technical  CANCELLED")
    assert json.loads(_ok(jobtui("show", iv_id, "--json")))["cancelled"] is True
    code, _, err = jobtui("sent", iv_id)
    assert code == 1 and "no thank-you or follow-up is owed" in err


@pytest.mark.parametrize(("name", "text"), HOSTILE, ids=[n for n, _ in HOSTILE])
def test_cli_show_of_a_cancelled_interview_with_hostile_text(jobtui, name, text):
    app_id = _ok(jobtui("add", text, text))
    iv_id = _ok(jobtui("interview", app_id, "yesterday 9:00", "--with", text, "--where", text))
    _ok(jobtui("set", iv_id, "cancelled=yes", f"outcome={text}"))
    for args in (("show", iv_id), ("show", app_id), ("list",), ("followups",)):
        out = _ok(jobtui(*args))
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert looks_like(text) in _ok(jobtui("show", iv_id))
    assert "CANCELLED" in _ok(jobtui("show", app_id))


# -- the exports -----------------------------------------------------------------------


def _data() -> tuple[ExportData, Interview, Interview]:
    application = app(created_at=berlin(11, 1))
    invited = interview(
        berlin(11, 24, 14),
        "invited",
        uid="040000008200E00074C5B7101A82E008@outlook.example",
        sequence=3,
        cancelled=True,
        created_at=berlin(11, 2),
    )
    typed = interview(berlin(12, 2, 9), "typed", created_at=berlin(11, 3))
    return ExportData([application], [invited, typed], [], []), invited, typed


def _events(raw: bytes) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(raw).walk("VEVENT")}


def test_ics_reuses_the_stored_uid_writes_sequence_and_cancelled():
    data, invited, _ = _data()
    events = _events(export_ics(data, [], NOW))
    assert set(events) == {invited.uid, "typed@jobtui"}
    sent = events[invited.uid]
    assert int(sent["SEQUENCE"]) == 3
    assert str(sent["STATUS"]) == "CANCELLED"
    assert "Cancelled" in str(sent["DESCRIPTION"]).splitlines()
    mine = events["typed@jobtui"]
    assert int(mine["SEQUENCE"]) == 0
    assert "STATUS" not in mine
    raw = export_ics(data, [], NOW).decode()
    assert f"UID:{invited.uid}\r\n" in raw and "SEQUENCE:3\r\n" in raw
    assert "STATUS:CANCELLED\r\n" in raw
    # The generated UID is stable: the same in a later export.
    assert set(_events(export_ics(data, [], NOW + timedelta(days=3)))) == set(events)


def test_ics_a_follow_up_names_its_interview_by_the_stored_uid():
    data, _, _ = _data()
    held = interview(NOW - 3 * HOUR, "held", uid="abc@google.example", created_at=berlin(11, 4))
    data.interviews.append(held)
    owed = items(data.applications[0], data.interviews)
    assert [i.interview_id for i in owed] == ["held"]
    todo = Calendar.from_ical(export_ics(data, owed, NOW)).walk("VTODO")[0]
    assert str(todo["RELATED-TO"]) == "abc@google.example"


def test_json_export_carries_uid_sequence_cancelled_and_reads_back(jobtui, tmp_path):
    data, invited, _ = _data()
    document = json.loads(export_json(data, NOW))
    stored = next(i for i in document["interviews"] if i["id"] == "invited")
    assert (stored["uid"], stored["sequence"], stored["cancelled"]) == (invited.uid, 3, True)
    path = tmp_path / "export.json"
    path.write_bytes(export_json(data, NOW))
    _ok(jobtui("import", str(path)))
    back = json.loads(_ok(jobtui("show", "invited", "--json")))
    assert (back["uid"], back["sequence"], back["cancelled"]) == (invited.uid, 3, True)
    again = json.loads(_ok(jobtui("show", "typed", "--json")))
    assert (again["uid"], again["sequence"], again["cancelled"]) == ("", 0, False)


def test_csv_counts_cancelled_interviews_apart():
    data, _, _ = _data()
    rows = list(csv.DictReader(io.StringIO(export_csv(data, now=NOW))))
    assert len(rows) == 1
    row = rows[0]
    assert row["Interviews"] == "1"  # the typed one, still ahead
    assert row["Cancelled Interviews"] == "1"
    assert row["Next Interview"] == "2026-12-02 09:00"
    assert row["Last Interview"] == ""  # the one before now was cancelled
