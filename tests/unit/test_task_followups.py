"""Tasks with a due time among the follow-ups, on the timeline, in reminders, the calendar
export and `followups --json`.

The rule (core/followup.py): upcoming within [followup] upcoming_days (3) of the task's day,
due from the start of that day, overdue once its moment has passed (a date alone, local
midnight, runs to the end of its day); a task stays overdue until it is done. A done task, a
task without a due time and a closed application's tasks owe nothing.
"Now" is frozen at Thu 2026-11-26 10:00 Europe/Berlin."""

from __future__ import annotations

from datetime import datetime, timedelta

import orjson
import pytest
from dateutil import tz
from icalendar import Calendar

from jobtui.config import FollowUpRules
from jobtui.core.followup import FollowUpKind, Urgency, followups_for, next_action, owed_kind
from jobtui.core.model import Application, Status, StatusChange, Task
from jobtui.core.overview import build_overview
from jobtui.io.exporting import ExportData, export_ics
from jobtui.ops import remind

BERLIN = tz.gettz("Europe/Berlin")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)  # a Thursday
RULES = FollowUpRules()
SECOND = timedelta(seconds=1)
OVERDUE, DUE, UPCOMING = Urgency.OVERDUE, Urgency.DUE, Urgency.UPCOMING


def berlin(month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=BERLIN)


def app_with(*tasks: Task, status: Status = Status.INTERVIEWING) -> Application:
    app = Application(
        company="Acme",
        role="Engineer",
        id="app-1",
        status=status,
        status_history=[StatusChange(status, berlin(11, 20, 9))],
    )
    app.tasks = list(tasks)
    return app


def task_items(app: Application, now: datetime = NOW):
    return [i for i in followups_for(app, [], [], now, RULES) if i.kind == FollowUpKind.TASK]


def urgency_of(due: datetime | None, now: datetime = NOW) -> Urgency | None:
    found = task_items(app_with(Task("Take-home", id="t1", due=due)), now)
    assert len(found) <= 1
    return found[0].urgency if found else None


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (berlin(11, 26, 10) - SECOND, OVERDUE),  # passed a second ago
        (berlin(11, 26, 10), OVERDUE),  # its moment is now
        (berlin(11, 26, 10) + SECOND, DUE),  # later today
        (berlin(11, 26, 23, 59), DUE),
        (berlin(11, 26), DUE),  # a date alone: all of today
        (berlin(11, 25), OVERDUE),  # a date alone, yesterday
        (berlin(11, 27, 17), UPCOMING),  # tomorrow
        (berlin(11, 29, 10), UPCOMING),  # its day starts exactly 3 days ahead... minus 10h
        (berlin(11, 30, 0), None),  # its day starts more than 3 days ahead
        (None, None),  # no due time: nothing by a date
    ],
)
def test_urgency_boundaries(due, expected):
    assert urgency_of(due) == expected


def test_a_done_task_and_a_closed_applications_task_owe_nothing():
    done = Task("Send references", id="t1", due=berlin(11, 25), done_at=berlin(11, 24))
    assert task_items(app_with(done)) == []
    open_one = Task("Send references", id="t2", due=berlin(11, 25))
    assert task_items(app_with(open_one, status=Status.REJECTED)) == []


def test_an_overdue_task_stays_overdue_until_done_whatever_the_status_does():
    task = Task("Take-home", id="t1", due=berlin(11, 20, 17))
    app = app_with(task)
    app.set_status(Status.OFFER, berlin(11, 25, 9))  # moved on after it: still to do
    assert [i.urgency for i in task_items(app)] == [OVERDUE]


def test_the_words_and_the_next_action():
    task = Task("Take-home: build the ETL", id="t1", due=berlin(11, 26, 17))
    app = app_with(task)
    [item] = task_items(app)
    assert item.describe(NOW) == "Task due today 17:00: Take-home: build the ETL"
    assert next_action(app, [], task_items(app), NOW) == item.describe(NOW)
    late = task_items(app, berlin(11, 27, 17))[0]
    assert late.describe(berlin(11, 27, 17)) == "Task overdue by 1d: Take-home: build the ETL"


def test_a_task_is_no_message_owed():
    app = app_with(Task("Take-home", id="t1", due=berlin(11, 25)))
    assert owed_kind(app, None, task_items(app)) is None


def test_json_names_the_task():
    app = app_with(Task("Take-home [b]x[/b]", id="t1", due=berlin(11, 27, 17)))
    [item] = task_items(app)
    data = item.to_json(NOW)
    assert data["kind"] == "task"
    assert data["task_id"] == "t1" and data["task"] == "Take-home [b]x[/b]"
    assert data["urgency"] == "upcoming"
    assert data["due"] == "2026-11-27T00:00:00+01:00"
    assert data["overdue_at"] == "2026-11-27T17:00:00+01:00"


def test_timeline_rows_for_dated_tasks_open_or_done_with_unique_ids():
    dated = Task("Take-home", id="t1", due=berlin(11, 27, 17))
    done = Task("References", id="t2", due=berlin(11, 24, 12), done_at=berlin(11, 24, 9))
    undated = Task("Ask for a referral", id="t3")
    app = app_with(dated, done, undated)
    overview = build_overview([app], {}, {}, [], NOW, RULES)
    rows = [(e.kind, e.entry_id, e.task.text if e.task else None) for e in overview.timeline]
    assert rows == [("task", "task:t2", "References"), ("task", "task:t1", "Take-home")]
    entry = overview.timeline[1]
    assert entry.record is None and entry.deadline is None
    assert [i.urgency for i in entry.items] == [UPCOMING]


def test_reminder_and_calendar_todo():
    app = app_with(Task("Take-home", id="t1", due=berlin(11, 26, 17)))
    [item] = task_items(app)
    [reminder] = remind.owed_reminders([item], NOW)
    assert reminder.heading == "due task"
    assert reminder.about == "Acme — Engineer: Take-home, due Thu 26 Nov 17:00"
    assert reminder.key == "task:app-1:t1"
    data = ExportData(applications=[app], interviews=[], contacts=[], sent=[])
    cal = Calendar.from_ical(export_ics(data, [item], NOW))
    [todo] = cal.walk("VTODO")
    assert str(todo["SUMMARY"]) == "Task Take-home: Acme — Engineer"
    assert todo["DUE"].dt == berlin(11, 26, 17)


def test_followups_json_from_the_cli(jobtui):
    app_id = jobtui("add", "Acme", "Engineer")[1].strip()
    task_id = jobtui("task", app_id, "Take-home", "--due", "today 5pm")[1].strip()
    code, out, err = jobtui("followups", "--json")
    assert code == 0, err
    [item] = [i for i in orjson.loads(out) if i["kind"] == "task"]
    assert item["task_id"] == task_id and item["urgency"] == "due"
    jobtui("done", task_id)
    code, out, _ = jobtui("followups", "--json")
    assert [i for i in orjson.loads(out) if i["kind"] == "task"] == []
