"""The selected record's details: links, salary, tags, contacts, history, follow-ups sent."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from jobtui.core import dates
from jobtui.core.model import Application, Contact, Interview
from jobtui.core.overview import AppRow, Overview
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
    ):
        if value:
            grid.add_row(label, shown(value))
    contacts = [overview.contacts[c] for c in app.contact_ids if c in overview.contacts]
    for contact in contacts:
        grid.add_row("Contact", shown(_contact_line(contact)))
    today = dates.local_day(overview.now)
    history = " → ".join(
        f"{c.status.value} {dates.format_short_day(c.at.astimezone(dates.local_tz()), today)}"
        for c in app.status_history
    )
    if history:
        grid.add_row("History", Text(history))
    for entry in row.sent:
        to = f" to {entry.to}" if entry.to else ""
        grid.add_row("Sent", shown(f"{entry.kind.label}{to}, {dates.format_when(entry.at)}"))
    return Group(title, grid)


def _contact_line(contact: Contact) -> str:
    bits = [contact.name]
    if contact.title:
        bits.append(f"({contact.title})")
    if contact.email:
        bits.append(contact.email)
    if contact.phone:
        bits.append(contact.phone)
    return " ".join(bits)


def interview_details(interview: Interview, app: Application, now: datetime) -> Group:
    """An interview's details, including the follow-up material."""
    grid = _grid()
    title = shown(f"{interview.kind.label.capitalize()} — {app.label}", "bold")
    rows = [
        (
            "When",
            f"{dates.format_when(interview.starts_at)} – {dates.format_clock(interview.ends_at)}",
        ),
        ("Where", interview.where),
        ("With", ", ".join(str(p) for p in interview.interviewers)),
        ("Decide by", dates.format_day(interview.decide_by) if interview.decide_by else ""),
        (
            "Thank-you",
            dates.format_when(interview.thank_you_sent_at)
            if interview.thank_you_sent_at
            else ("not sent" if interview.ends_at <= now else ""),
        ),
        ("Outcome", interview.outcome),
        ("Topics", interview.topics),
        ("Concerns", interview.concerns),
        ("Strengths", interview.strengths),
        ("Liked", interview.liked),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, shown(value))
    return Group(title, grid)


class Details(Static):
    """Shows the selected record; empty text when nothing is selected."""

    def show_application(self, row: AppRow, overview: Overview) -> None:
        self.update(application_details(row, overview))

    def show_interview(self, interview: Interview, app: Application, now: datetime) -> None:
        self.update(interview_details(interview, app, now))

    def show_nothing(self, message: str = "") -> None:
        self.update(shown(message, "dim"))
