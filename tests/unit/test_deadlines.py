"""Deadlines (Application.deadline, Application.offer_deadline) among the follow-ups, on the
timeline, in the reminders, the calendar export and the command line.

The rules (core/followup.py): a deadline asks for something at its own status (the posting's
`deadline` on the wishlist, `offer_deadline` while the offer is open): upcoming within
[followup] upcoming_days (3) of its day, due from the start of that day, overdue once its
moment has passed (a deadline at local midnight, a date given alone, runs to the end of its
day), until the status moves on or the field is cleared.
"Now" is frozen at Thu 2026-11-26 10:00 Europe/Berlin."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from dateutil import tz
from hostile import HOSTILE, looks_like
from icalendar import Calendar

from jobtui.config import FollowUpRules
from jobtui.core.followup import (
    FollowUpKind,
    Urgency,
    followups_for,
    next_action,
    owed_kind,
)
from jobtui.core.model import Application, Interview, Status, StatusChange
from jobtui.core.overview import build_overview
from jobtui.db.store import Store
from jobtui.io.exporting import ExportData, export_ics
from jobtui.ops import records, remind

BERLIN = tz.gettz("Europe/Berlin")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)  # a Thursday
RULES = FollowUpRules()
SECOND = timedelta(seconds=1)
DEADLINE = FollowUpKind.DEADLINE
OVERDUE, DUE, UPCOMING = Urgency.OVERDUE, Urgency.DUE, Urgency.UPCOMING


def berlin(month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=BERLIN)


def make_app(status: Status = Status.WISHLIST, app_id: str = "app-1", **kwargs) -> Application:
    history = kwargs.pop("history", [StatusChange(status, berlin(11, 20, 9))])
    app = Application(
        company="Acme", role="Engineer", id=app_id, status=status, status_history=history, **kwargs
    )
    app.applied_on = berlin(11, 20).date()
    return app


def deadlines(app: Application, now: datetime = NOW, rules: FollowUpRules = RULES):
    return [i for i in followups_for(app, [], [], now, rules) if i.kind == DEADLINE]


def urgency_of(moment: datetime, now: datetime = NOW) -> Urgency | None:
    found = deadlines(make_app(deadline=moment), now)
    assert len(found) <= 1
    return found[0].urgency if found else None


# -- the urgency boundaries --------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (berlin(11, 26, 10, 0, 1), DUE),  # today, a second from now
        (berlin(11, 26, 23, 59), DUE),  # later today
        (berlin(11, 26, 10), OVERDUE),  # exactly now: it has passed
        (berlin(11, 26, 9, 59, 59), OVERDUE),
        (berlin(11, 26), DUE),  # today as a date: runs to the end of the day
        (berlin(11, 25), OVERDUE),  # yesterday as a date
        (berlin(11, 27, 17), UPCOMING),  # tomorrow
        (berlin(11, 29, 23, 59), UPCOMING),  # Sunday: its day starts 2d14h from now
        (berlin(11, 30), None),  # Monday: its day starts more than 3 days from now
        (berlin(11, 30, 9), None),
        (berlin(10, 1), OVERDUE),  # long past, and nothing moved since
    ],
)
def test_urgency_of_a_deadline(moment, expected):
    assert urgency_of(moment) == expected


def test_upcoming_starts_exactly_upcoming_days_before_the_deadline_day():
    sunday = berlin(11, 29, 17)  # its day starts Sun 00:00
    assert urgency_of(sunday, now=berlin(11, 26)) == UPCOMING  # exactly 3 days before
    assert urgency_of(sunday, now=berlin(11, 26) - SECOND) is None
    rules = FollowUpRules(upcoming_days=1)
    assert deadlines(make_app(deadline=sunday), berlin(11, 28), rules)[0].urgency == UPCOMING
    assert deadlines(make_app(deadline=sunday), berlin(11, 27, 23, 59), rules) == []


def test_a_date_deadline_is_due_all_day_and_overdue_from_midnight():
    today = make_app(deadline=berlin(11, 26))
    assert deadlines(today, berlin(11, 26))[0].urgency == DUE  # from its first second
    assert deadlines(today, berlin(11, 27) - SECOND)[0].urgency == DUE
    late = deadlines(today, berlin(11, 27))[0]
    assert late.urgency == OVERDUE
    assert late.overdue_at == berlin(11, 27)


def test_the_words_for_each_urgency():
    def said(moment: datetime, field: str = "deadline") -> str:
        status = Status.OFFER if field == "offer_deadline" else Status.WISHLIST
        return deadlines(make_app(status, **{field: moment}))[0].describe(NOW)

    assert said(berlin(11, 26, 17)) == "Deadline today 17:00"
    assert said(berlin(11, 26)) == "Deadline today"
    assert said(berlin(11, 27, 17)) == "Deadline tomorrow 17:00"
    assert said(berlin(11, 29)) == "Deadline Sun"
    assert said(berlin(11, 24, 17)) == "Deadline passed 1d ago"
    assert said(berlin(11, 26, 10)) == "Deadline passed just now"
    assert said(berlin(11, 27, 12), "offer_deadline") == "Offer answer due tomorrow 12:00"
    assert said(berlin(11, 25), "offer_deadline") == "Offer answer passed 10h ago"


# -- when a deadline is no longer listed ----------------------------------------------------


def test_a_closed_application_lists_no_deadline():
    for status in (Status.REJECTED, Status.WITHDRAWN, Status.ACCEPTED):
        assert deadlines(make_app(status, deadline=berlin(11, 26, 17))) == []


def test_a_passed_deadline_is_owed_only_on_the_wishlist():
    # Apply by then: overdue once passed while still on the wishlist...
    app = make_app(Status.WISHLIST, deadline=berlin(11, 10, 17))
    assert [i.urgency for i in deadlines(app)] == [OVERDUE]
    # ... and history once applied, whenever that was (a posting closing after you applied
    # is no news).
    app.set_status(Status.APPLIED, berlin(11, 12, 9))
    assert deadlines(app) == []
    assert deadlines(make_app(Status.INTERVIEWING, deadline=berlin(11, 20))) == []
    # A deadline still ahead counts at any open status: one you typed ("an answer is due").
    assert [
        i.urgency for i in deadlines(make_app(Status.APPLIED, deadline=berlin(11, 27, 17)))
    ] == [UPCOMING]
    ahead = make_app(Status.INTERVIEWING, deadline=berlin(11, 26, 17))
    assert [i.urgency for i in deadlines(ahead)] == [DUE]
    assert deadlines(make_app(deadline=None)) == []  # cleared


def test_a_posting_captured_after_applying_raises_no_alarm_when_it_closes(jobtui):
    # The review's case: `add URL` stores the closing date on an application that is applied.
    app_id = jobtui("add", "Acme", "Dev")[1].strip()
    assert jobtui("set", app_id, "deadline=yesterday")[0] == 0
    code, out, _ = jobtui("followups", "--json")
    assert code == 0 and [i for i in json.loads(out) if i["kind"] == "deadline"] == []


def test_an_offer_deadline_asks_only_while_the_offer_is_open():
    app = make_app(Status.OFFER, offer_deadline=berlin(11, 25, 17))
    assert [i.urgency for i in deadlines(app)] == [OVERDUE]  # stays until answered
    app.set_status(Status.INTERVIEWING, berlin(11, 25, 18))  # e.g. a renegotiation round
    assert deadlines(app) == []
    app.set_status(Status.ACCEPTED, berlin(11, 25, 19))
    assert deadlines(app) == []


def test_a_snooze_does_not_move_a_deadline():
    app = make_app(deadline=berlin(11, 26, 17), snoozed_until=berlin(12, 10))
    assert [i.urgency for i in deadlines(app)] == [DUE]


def test_both_deadlines_are_listed_apart_and_the_offers_only_while_it_is_open():
    app = make_app(Status.OFFER, deadline=berlin(11, 27, 9), offer_deadline=berlin(11, 26, 18))
    found = deadlines(app)
    assert [(i.field, i.urgency) for i in found] == [
        ("offer_deadline", DUE),
        ("deadline", UPCOMING),
    ]
    assert [i.to_json(NOW)["field"] for i in found] == ["offer_deadline", "deadline"]
    assert {i.to_json(NOW)["kind"] for i in found} == {"deadline"}
    wish = make_app(Status.WISHLIST, offer_deadline=berlin(11, 26, 18))
    assert deadlines(wish) == []  # no offer open: nothing to answer


def test_a_deadline_owes_no_message_but_is_the_next_action():
    app = make_app(deadline=berlin(11, 26, 17))
    items = followups_for(app, [], [], NOW, RULES)
    assert [i.kind for i in items] == [DEADLINE]
    assert owed_kind(app, None, items) is None
    assert next_action(app, [], items, NOW) == "Deadline today 17:00"


def test_an_interview_ahead_comes_before_an_upcoming_deadline_in_the_next_action():
    app = make_app(Status.WISHLIST, deadline=berlin(11, 28, 12))
    ahead = Interview(application_id=app.id, starts_at=berlin(11, 27, 14))
    items = followups_for(app, [ahead], [], NOW, RULES)
    assert next_action(app, [ahead], items, NOW) == "Interview tomorrow 14:00"
    assert next_action(app, [], followups_for(app, [], [], NOW, RULES), NOW) == "Deadline Sat 12:00"


def test_an_offer_further_out_than_upcoming_says_when_to_answer():
    offer = make_app(Status.OFFER, offer_deadline=berlin(12, 7, 17))
    assert next_action(offer, [], [], NOW) == "Offer: answer by Mon 7 Dec 17:00"
    offer.offer_deadline = None
    assert next_action(offer, [], [], NOW) == "Offer: decide and reply"


# -- the overview and its timeline -------------------------------------------------------


def test_the_timeline_has_a_row_per_deadline_with_unique_ids():
    offer = make_app(
        Status.OFFER, "app-1", deadline=berlin(11, 20, 17), offer_deadline=berlin(11, 27, 12)
    )
    other = make_app(Status.WISHLIST, "app-2", deadline=berlin(12, 20))
    interview = Interview(application_id="app-1", starts_at=berlin(11, 24, 10), id="iv-1")
    overview = build_overview([offer, other], {"app-1": [interview]}, {}, [], NOW, RULES).prepare()
    rows = [(e.kind, e.entry_id, e.starts_at) for e in overview.timeline]
    assert rows == [
        ("deadline", "deadline:app-1", berlin(11, 20, 17)),
        ("interview", "iv-1", berlin(11, 24, 10)),
        ("deadline", "offer_deadline:app-1", berlin(11, 27, 12)),
        ("deadline", "deadline:app-2", berlin(12, 20)),
    ]
    assert len({e.entry_id for e in overview.timeline}) == 4
    by_id = {e.entry_id: e for e in overview.timeline}
    assert by_id["iv-1"].record is interview and by_id["iv-1"].deadline is None
    assert by_id["deadline:app-2"].record is None
    # The far one is on the timeline but not among the follow-ups.
    assert by_id["deadline:app-2"].items == [] and not by_id["deadline:app-2"].pressing
    assert [i.urgency for i in by_id["offer_deadline:app-1"].items] == [UPCOMING]
    # The posting's closing date, passed at offer status: kept on the timeline, asks nothing.
    assert not by_id["deadline:app-1"].pressing and by_id["deadline:app-1"].deadline_settled
    assert overview.interviews_this_week == 1  # deadlines are no interviews
    assert overview.due_now == overview.overdue == 1  # the thank-you
    window = overview.entries_between(berlin(11, 26), berlin(11, 28))
    assert [e.entry_id for e in window] == ["offer_deadline:app-1"]
    assert [e.entry_id for e in overview.entries_of("app-2")] == ["deadline:app-2"]


def test_a_settled_deadline_stays_on_the_timeline_as_history():
    app = make_app(
        Status.SCREENING,
        deadline=berlin(11, 10, 17),
        history=[
            StatusChange(Status.APPLIED, berlin(11, 1)),
            StatusChange(Status.SCREENING, berlin(11, 12)),
        ],
    )
    overview = build_overview([app], {}, {}, [], NOW, RULES)
    (entry,) = overview.timeline
    assert entry.kind == "deadline" and entry.items == [] and entry.deadline_settled


# -- reminders, export, command line -------------------------------------------------------


def test_reminders_for_deadlines_due_and_overdue(tmp_path):
    with Store(None, clock=lambda: NOW) as store:
        wish = Application(
            company="Zeta",
            role="Backend",
            status=Status.WISHLIST,
            deadline=berlin(11, 24, 17),
        )
        records.add_application(store, wish, now=NOW)
        app = Application(
            company="Acme",
            role="Backend",
            status=Status.OFFER,
            deadline=berlin(11, 24, 17),
            offer_deadline=berlin(11, 26, 18),
        )
        records.add_application(store, app, now=NOW)
        far = Application(
            company="Beta", role="Dev", status=Status.WISHLIST, deadline=berlin(11, 28, 9)
        )
        records.add_application(store, far, now=NOW)
        state = tmp_path / "reminded.json"
        sent: list[remind.Reminder] = []
        done = remind.remind(store, now=NOW, rules=RULES, state_path=state, send=sent.append)
        lines = [r.line for r in sent]
        assert lines == [
            "overdue deadline — Zeta — Backend (deadline Tue 24 Nov 17:00)",
            "due offer answer — Acme — Backend (offer answer Thu 26 Nov 18:00)",
        ]
        assert done.owed == 2  # Beta's is only coming up; Acme's posting date asks nothing
        assert [r.key for r in sent] == [
            f"deadline:{wish.id}:deadline",
            f"deadline:{app.id}:offer_deadline",
        ]
        again = remind.remind(store, now=NOW, rules=RULES, state_path=state, send=sent.append)
        assert again.sent == ()


def test_ics_has_a_todo_per_deadline_due_when_it_passes():
    app = make_app(Status.OFFER, offer_deadline=berlin(11, 26, 18))
    wish = make_app(Status.WISHLIST, "app-2", deadline=berlin(11, 26))
    items = followups_for(app, [], [], NOW, RULES) + followups_for(wish, [], [], NOW, RULES)
    raw = export_ics(ExportData([app, wish], [], [], []), items, NOW)
    todos = {str(t["UID"]): t for t in Calendar.from_ical(raw).walk("VTODO")}
    assert set(todos) == {
        "deadline-app-2-deadline@jobtui",
        "deadline-app-1-offer_deadline@jobtui",
    }
    date_only = todos["deadline-app-2-deadline@jobtui"]
    assert date_only["DUE"].dt == berlin(11, 27).astimezone(tz.UTC)  # the end of its day
    offer = todos["deadline-app-1-offer_deadline@jobtui"]
    assert offer["DUE"].dt == berlin(11, 26, 18).astimezone(tz.UTC)
    assert str(offer["SUMMARY"]) == "Offer answer: Acme — Engineer"


def _ok(result) -> str:
    code, out, err = result
    assert code == 0, err
    return out.strip()


def test_cli_followups_json_list_and_show(jobtui):
    app_id = _ok(jobtui("add", "Acme", "Dev", "--status", "offer"))
    _ok(jobtui("set", app_id, "deadline=today 5pm", "offer_deadline=2026-11-25"))
    far = _ok(jobtui("add", "Beta", "Ops", "--status", "wishlist"))
    _ok(jobtui("set", far, "deadline=2026-12-24"))
    found = json.loads(_ok(jobtui("followups", "--json")))
    assert [(i["kind"], i["field"], i["urgency"], i["summary"]) for i in found] == [
        ("deadline", "offer_deadline", "overdue", "Offer answer passed 10h ago"),
        ("deadline", "deadline", "due", "Deadline today 17:00"),
    ]
    assert found[1]["due"] == "2026-11-26T00:00:00+01:00"
    assert found[1]["overdue_at"] == "2026-11-26T17:00:00+01:00"
    assert found[1]["interview_id"] is None and found[1]["application_id"] == app_id
    table = _ok(jobtui("followups"))
    assert "OVERDUE" in table and "Offer answer passed 10h ago" in table
    assert _ok(jobtui("followups", "--format", "line")) == "1 overdue, 1 due"
    rows = {r["company"]: r for r in json.loads(_ok(jobtui("list", "--json")))}
    assert rows["Acme"]["next_action"] == "Offer answer passed 10h ago"
    assert rows["Beta"]["next_action"] == ""
    shown = _ok(jobtui("show", app_id))
    assert "    overdue: Offer answer passed 10h ago" in shown
    assert "    due: Deadline today 17:00" in shown
    _ok(jobtui("status", app_id, "accepted"))
    assert json.loads(_ok(jobtui("followups", "--json"))) == []


@pytest.mark.parametrize(("name", "text"), HOSTILE, ids=[n for n, _ in HOSTILE])
def test_cli_deadline_lines_with_hostile_text(jobtui, name, text):
    app_id = _ok(jobtui("add", text, text, "--status", "offer"))
    _ok(jobtui("set", app_id, "deadline=today 5pm", "offer_deadline=yesterday 9am"))
    for args in (("followups",), ("list",), ("show", app_id)):
        out = _ok(jobtui(*args))
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
        assert looks_like(text, 4) in out
    found = json.loads(_ok(jobtui("followups", "--json")))
    assert {(i["company"], i["kind"]) for i in found} == {(text, "deadline")}
