"""The selected record's details: links, salary, tags, deadlines, contacts, history,
follow-ups sent; an interview's (struck through when cancelled); a deadline's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from jobtui.core import dates
from jobtui.core.followup import (
    DEADLINE_FIELDS,
    FollowUp,
    FollowUpKind,
    Urgency,
    deadline_moment,
    deadline_overdue_at,
)
from jobtui.core.model import Application, Contact, Interview, Person, SentFollowUp
from jobtui.core.overview import AppRow, Overview, TimelineEntry
from jobtui.ops.views import first_line, sent_messages
from jobtui.tui.shown import shown


def _grid() -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _salary(app: Application) -> str:
    low, high, cur = app.salary_min, app.salary_max, app.salary_currency
    if low is None and high is None:
        return ""
    parts = [f"{v:,}" for v in (low, high) if v is not None]
    return " – ".join(parts) + (f" {cur}" if cur else "")


def application_details(row: AppRow, overview: Overview) -> Group:
    """Every detail of an application, as Text (user data is never markup)."""
    app = row.app
    grid = _grid()
    title = shown(app.label, "bold")
    for label, value in (
        ("Status", app.status.value),
        ("Applied", dates.format_day(app.applied_on) if app.applied_on else ""),
        ("Location", app.location),
        ("URL", app.url),
        ("Source", app.source),
        ("Salary", _salary(app)),
        ("Tags", ", ".join(app.tags)),
        ("Snoozed", dates.format_when(app.snoozed_until) if app.snoozed_until else ""),
        ("Deadline", _deadline_text(app, "deadline", row.items, overview.now)),
        ("Offer by", _deadline_text(app, "offer_deadline", row.items, overview.now)),
    ):
        if value:
            grid.add_row(label, shown(value))
    contacts = [overview.contacts[c] for c in app.contact_ids if c in overview.contacts]
    for contact in contacts:
        grid.add_row("Contact", shown(_contact_line(contact)))
    today = dates.local_day(overview.now)
    for task in (t for t in app.tasks if not t.done):
        due = f" (due {dates.format_dated(task.due, overview.now)})" if task.due else ""
        grid.add_row("Task", shown(f"☐ {' '.join(task.text.split())}{due}"))
    history = " → ".join(
        f"{c.status.value} {dates.format_short_day(c.at.astimezone(dates.local_tz()), today)}"
        for c in app.status_history
    )
    if history:
        grid.add_row("History", Text(history))
    _add_sent(grid, row.sent, None, today)
    return Group(title, grid)


# The sent messages listed in the pane (the newest); v reads them all.
SENT_SHOWN = 5
TO_CHARS = 24
FIRST_LINE_CHARS = 80


def sent_line(entry: SentFollowUp, today: date) -> Text:
    """One sent message on one line: when, kind, to whom and its first line (the subject,
    else the body's first line), each literal and short."""
    local = entry.at.astimezone(dates.local_tz())
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    line.append(f"{dates.format_short_day(local.date(), today)} {dates.format_clock(local)}")
    line.append(f"  {entry.kind.label}")
    if entry.to:
        line.append("  to ", style="dim")
        line.append_text(shown(_names(entry.to), limit=TO_CHARS))
    title = first_line(entry)
    if title:
        line.append("  ")
        line.append_text(shown(title, "italic", limit=FIRST_LINE_CHARS))
    return line


def _names(to: str) -> str:
    """The recipients by name, short: "Ana Lima, bo@x.example" for
    "Ana Lima <ana@x.example>, bo@x.example"."""
    people = (Person.parse(part) for part in to.split(",") if part.strip())
    return ", ".join(p.name or p.email for p in people) or to


def _add_sent(
    grid: Table, sent: Sequence[SentFollowUp], interview_id: str | None, today: date
) -> None:
    """The sent messages (of the interview ``interview_id``; None: all), newest first."""
    entries = sent_messages(sent, interview_id)
    for entry in entries[:SENT_SHOWN]:
        grid.add_row("Sent", sent_line(entry, today))
    if len(entries) > SENT_SHOWN:
        grid.add_row("", Text(f"… {len(entries) - SENT_SHOWN} older", style="dim"))


def _contact_line(contact: Contact) -> str:
    bits = [contact.name]
    if contact.title:
        bits.append(f"({contact.title})")
    if contact.email:
        bits.append(contact.email)
    if contact.phone:
        bits.append(contact.phone)
    return " ".join(bits)


def _deadline_text(app: Application, name: str, items: Sequence[FollowUp], now: datetime) -> str:
    """A deadline as the pane says it: "Fri 27 Nov 2026 17:00 (due today)", "" if unset."""
    moment = deadline_moment(app, name)
    if moment is None:
        return ""
    local = moment.astimezone(dates.local_tz())
    when = (
        dates.format_day(local.date()) if local.time() == time(0, 0) else dates.format_when(local)
    )
    item = next((i for i in items if i.kind == FollowUpKind.DEADLINE and i.field == name), None)
    if item is not None:
        return f"{when} ({_DEADLINE_WORDS[item.urgency]})"
    return f"{when} (passed)" if deadline_overdue_at(moment) <= now else when


_DEADLINE_WORDS = {
    Urgency.OVERDUE: "passed: overdue",
    Urgency.DUE: "due today",
    Urgency.UPCOMING: "coming up",
}


def deadline_details(entry: TimelineEntry, now: datetime) -> Group:
    """A deadline's row on the timeline: what it is, when, how urgent, and that it is no
    interview (actions apply to its application)."""
    mark = entry.deadline
    assert mark is not None
    name = DEADLINE_FIELDS[mark.field][0]
    grid = _grid()
    title = shown(f"{name} — {entry.app.label}", "bold")
    grid.add_row("When", shown(_deadline_text(entry.app, mark.field, entry.items, now)))
    grid.add_row("Status", shown(entry.app.status.value))
    grid.add_row(
        "",
        Text("A deadline, not an interview: e edits it on the application.", style="dim"),
    )
    return Group(title, grid)


def task_details(entry: TimelineEntry, now: datetime) -> Group:
    """A task's row on the timeline: what to do, by when, done or not."""
    task = entry.task
    assert task is not None
    grid = _grid()
    title = shown(f"Task — {entry.app.label}", "bold")
    grid.add_row("To do", shown(task.text))
    if task.due is not None:
        item = entry.items[0] if entry.items else None
        when = dates.format_dated(task.due, now)
        if item is not None:
            when += f" ({_DEADLINE_WORDS[item.urgency]})"
        grid.add_row("Due", shown(when))
    if task.done_at is not None:
        grid.add_row("Done", shown(dates.format_when(task.done_at, now)))
    grid.add_row("", Text("x marks it done (or open again); u undoes.", style="dim"))
    return Group(title, grid)


def interview_details(
    interview: Interview, app: Application, now: datetime, sent: Sequence[SentFollowUp] = ()
) -> Group:
    """An interview's details, including the follow-up material and the messages sent
    about it (those of ``sent``, its application's log, that name it). A cancelled one says
    so, and that nothing is owed for it."""
    grid = _grid()
    heading = f"{interview.kind.label.capitalize()} — {app.label}"
    title = shown(heading, "bold")
    if interview.cancelled:  # said first: a long name must not push it out of the pane
        title = Text("CANCELLED", style="bold reverse")
        title.append("  ")
        title.append_text(shown(heading, Style(bold=True, strike=True)))
    thank_you = (
        dates.format_when(interview.thank_you_sent_at)
        if interview.thank_you_sent_at
        else ("not sent" if interview.ends_at <= now else "")
    )
    if interview.cancelled and not interview.thank_you_sent_at:
        thank_you = ""
    rows = [
        (
            "Cancelled",
            "yes, nothing is owed for it" if interview.cancelled else "",
        ),
        (
            "When",
            f"{dates.format_when(interview.starts_at)} – {dates.format_clock(interview.ends_at)}",
        ),
        ("Where", interview.where),
        ("With", ", ".join(str(p) for p in interview.interviewers)),
        ("Decide by", dates.format_day(interview.decide_by) if interview.decide_by else ""),
        ("Thank-you", thank_you),
        ("Outcome", interview.outcome),
        ("Topics", interview.topics),
        ("Concerns", interview.concerns),
        ("Strengths", interview.strengths),
        ("Liked", interview.liked),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, shown(value))
    _add_sent(grid, sent, interview.id, dates.local_day(now))
    return Group(title, grid)


class Details(Static):
    """Shows the selected record; empty text when nothing is selected."""

    def show_application(self, row: AppRow, overview: Overview) -> None:
        self.update(application_details(row, overview))

    def show_interview(
        self,
        interview: Interview,
        app: Application,
        now: datetime,
        sent: Sequence[SentFollowUp] = (),
    ) -> None:
        self.update(interview_details(interview, app, now, sent))

    def show_deadline(self, entry: TimelineEntry, now: datetime) -> None:
        self.update(deadline_details(entry, now))

    def show_task(self, entry: TimelineEntry, now: datetime) -> None:
        self.update(task_details(entry, now))

    def show_nothing(self, message: str = "") -> None:
        self.update(shown(message, "dim"))
