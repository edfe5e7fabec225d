"""Pilot tests for the modal screens: forms, pickers, dialogs and the help."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from jobtui.core.fields import FieldKind, FieldSpec
from jobtui.core.model import Application, Interview, InterviewKind, Person, Status
from jobtui.tui.screens.application_form import ApplicationForm
from jobtui.tui.screens.confirm import ConfirmDialog
from jobtui.tui.screens.help import HelpScreen
from jobtui.tui.screens.interview_form import InterviewForm
from jobtui.tui.screens.record_form import RecordForm
from jobtui.tui.screens.snooze import Snooze, SnoozeDialog
from jobtui.tui.screens.status_picker import StatusPicker

SIZE = (80, 24)


class Host(App[None]):
    """Pushes one screen and records what it dismisses with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.screen_under_test = screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test, callback=self.results.append)


def shown(widget: Widget) -> str:
    """The plain text a Static shows."""
    return str(widget.render())


def screen_text(app: App[Any]) -> str:
    """Everything visible on the screen, as plain text."""
    return "\n".join(
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    )


async def type_into(pilot, widget_id: str, text: str) -> None:
    """Replace a field's text the way a user would: focus it, clear it, type."""
    widget = pilot.app.screen.query_one(f"#{widget_id}")
    widget.focus()
    await pilot.pause()
    if isinstance(widget, TextArea):
        widget.clear()
        widget.insert(text)
    else:
        widget.value = ""
        if text:
            await pilot.press(*text)
    await pilot.pause()


# --------------------------------------------------------------------------- application form


async def test_application_form_adds_an_application(now):
    host = Host(ApplicationForm(None, now))
    async with host.run_test(size=SIZE) as pilot:
        assert "Add application" in shown(host.screen.query_one("#form-title"))
        # The URL has the cursor first (a posting's link fills the rest); then the company.
        assert host.focused is host.screen.query_one("#field-url")
        await pilot.press("tab", *"Acme")
        await pilot.press("tab", *"Backend engineer")
        await pilot.press("enter")
        await pilot.pause()
    [app] = host.results
    assert isinstance(app, Application)
    assert (app.company, app.role) == ("Acme", "Backend engineer")
    assert app.status == Status.APPLIED
    assert app.applied_on == date(2026, 11, 26)
    assert [c.status for c in app.status_history] == [Status.APPLIED]


async def test_application_form_refuses_an_empty_company(now):
    host = Host(ApplicationForm(None, now))
    async with host.run_test(size=SIZE) as pilot:
        await type_into(pilot, "field-role", "Engineer")
        await pilot.press("enter")
        await pilot.pause()
        assert host.results == []
        assert isinstance(host.screen, ApplicationForm)
        company = host.screen.query_one("#field-company", Input)
        assert company.has_class("-invalid")
        assert host.focused is company
        error = host.screen.query_one("#error-company", Static)
        assert error.display
        assert shown(error) == "company: must not be empty"
        assert "company: must not be empty" in screen_text(host)
        # Typing a company clears the mark and saves.
        await pilot.press(*"Acme")
        assert not company.has_class("-invalid")
        assert not error.display
        await pilot.press("ctrl+s")
        await pilot.pause()
    [app] = host.results
    assert (app.company, app.role) == ("Acme", "Engineer")


async def test_application_form_shows_what_a_date_reads_as(now):
    host = Host(ApplicationForm(None, now))
    async with host.run_test(size=SIZE) as pilot:
        hint = host.screen.query_one("#hint-applied_on", Static)
        assert shown(hint) == ""  # the default, today, reads as itself: nothing to add
        await type_into(pilot, "field-applied_on", "last monday")
        assert shown(hint) == "→ Mon 23 Nov 2026"
        assert hint.has_class("-ok")
        await type_into(pilot, "field-applied_on", "next blursday")
        assert shown(hint).startswith("✗ ")
        assert "blursday" in shown(hint)
        assert hint.has_class("-bad")
        # Submitting it marks the field and keeps the form open.
        await type_into(pilot, "field-company", "Acme")
        await type_into(pilot, "field-role", "Dev")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert host.results == []
        assert host.screen.query_one("#field-applied_on").has_class("-invalid")
        assert "blursday" in shown(host.screen.query_one("#error-applied_on"))


async def test_application_form_escape_cancels(now):
    host = Host(ApplicationForm(None, now))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"Acme", "escape")
        await pilot.pause()
    assert host.results == [None]


async def test_application_form_keeps_markup_like_text_as_typed(now):
    host = Host(ApplicationForm(None, now))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("tab", *"[bold]Acme[/]", "tab", *"[/] dev", "enter")
        await pilot.pause()
    [app] = host.results
    assert app.company == "[bold]Acme[/]"
    assert app.role == "[/] dev"


async def test_application_form_edits_a_copy(now):
    original = Application(company="[red]Acme", role="Dev", salary_min=100, salary_max=120)
    host = Host(ApplicationForm(original, now))
    async with host.run_test(size=SIZE) as pilot:
        assert "[red]Acme" in shown(host.screen.query_one("#form-title"))
        # Widening the range one end at a time passes through an invalid state.
        await type_into(pilot, "field-salary_min", "150k")
        assert shown(host.screen.query_one("#hint-salary_min")) == "→ 150,000"
        await type_into(pilot, "field-salary_max", "180k")
        await type_into(pilot, "field-status", "scr")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [app] = host.results
    assert app is not original
    assert (app.salary_min, app.salary_max) == (150_000, 180_000)
    assert app.status == Status.SCREENING
    assert [c.status for c in app.status_history] == [Status.SCREENING]
    assert (original.salary_min, original.status) == (100, Status.APPLIED)


async def test_application_form_reports_a_bad_range_on_its_field(now):
    original = Application(company="Acme", role="Dev")
    host = Host(ApplicationForm(original, now))
    async with host.run_test(size=SIZE) as pilot:
        await type_into(pilot, "field-salary_min", "200k")
        await type_into(pilot, "field-salary_max", "100k")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert host.results == []
        assert host.screen.query_one("#field-salary_max").has_class("-invalid")
        assert not host.screen.query_one("#field-salary_min").has_class("-invalid")


# --------------------------------------------------------------------------- interview form


@pytest.fixture
def acme() -> Application:
    return Application(company="[b]Acme", role="Backend engineer")


async def test_interview_form_adds_an_interview(now, acme):
    host = Host(InterviewForm(None, acme, now))
    async with host.run_test(size=SIZE) as pilot:
        title = shown(host.screen.query_one("#form-title"))
        assert title == "Add interview — [b]Acme · Backend engineer"
        # A new interview starts tomorrow at 10:00.
        assert host.screen.query_one("#field-starts_at", Input).value == "Fri 27 Nov 2026 10:00"
        await type_into(pilot, "field-starts_at", "tomorrow 2pm")
        assert shown(host.screen.query_one("#hint-starts_at")) == "→ Fri 27 Nov 2026 14:00 CET"
        await type_into(pilot, "field-duration", "45m")
        assert shown(host.screen.query_one("#hint-duration")) == ""  # reads as typed
        await type_into(pilot, "field-kind", "panel")
        await type_into(pilot, "field-interviewers", "Ana <a@x.com>, Bo")
        await type_into(pilot, "field-topics", "system design\n[red]caching[/]")
        await pilot.press("ctrl+s")  # from inside the TextArea
        await pilot.pause()
    [interview] = host.results
    assert isinstance(interview, Interview)
    assert interview.application_id == acme.id
    assert interview.starts_at == now.replace(day=27, hour=14)
    assert interview.duration == timedelta(minutes=45)
    assert interview.kind == InterviewKind.PANEL
    assert interview.interviewers == [Person("Ana", "a@x.com"), Person("Bo")]
    assert interview.topics == "system design\n[red]caching[/]"


async def test_interview_form_enter_keeps_the_default_start(now, acme):
    host = Host(InterviewForm(None, acme, now))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
    [interview] = host.results
    assert interview.starts_at == datetime(2026, 11, 27, 10, 0, tzinfo=now.tzinfo)
    assert interview.duration == timedelta(hours=1)


async def test_interview_form_refuses_a_bad_time(now, acme):
    host = Host(InterviewForm(None, acme, now))
    async with host.run_test(size=SIZE) as pilot:
        await type_into(pilot, "field-starts_at", "garbage o'clock")
        assert shown(host.screen.query_one("#hint-starts_at")).startswith("✗ ")
        await type_into(pilot, "field-kind", "panel")
        await pilot.press("enter")
        await pilot.pause()
        assert host.results == []
        when = host.screen.query_one("#field-starts_at", Input)
        assert when.has_class("-invalid")
        assert host.focused is when
        assert "garbage" in shown(host.screen.query_one("#error-starts_at"))


async def test_interview_form_fields(now, acme):
    form = InterviewForm(None, acme, now)
    names = [spec.name for spec in form.specs]
    assert "starts_at" in names and "duration" in names
    assert not {"notes", "ends_at", "snoozed_until", "thank_you_sent_at"} & set(names)


# --------------------------------------------------------------------------- record form


async def test_record_form_scrolls_to_a_field_below_the_fold(now, acme):
    host = Host(InterviewForm(None, acme, now))
    async with host.run_test(size=SIZE) as pilot:
        outcome = host.screen.query_one("#field-outcome", Input)
        assert outcome.region.height == 0 or outcome.region.y >= 24  # off screen at first
        for _ in range(10):
            await pilot.press("tab")
        await pilot.pause()
        assert host.focused is outcome
        assert 0 < outcome.region.y < 24


async def test_record_form_with_few_fields_is_short(now):
    specs = (FieldSpec("company", "Company", FieldKind.TEXT, required=True),)
    host = Host(RecordForm("Rename", Application(company="A", role="B"), specs, now))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("end", *"cme", "enter")
        await pilot.pause()
    assert host.results[0].company == "Acme"


# --------------------------------------------------------------------------- status picker


async def test_status_picker_number_key_picks(now):
    host = Host(StatusPicker(Status.APPLIED, "Acme — Dev"))
    async with host.run_test(size=SIZE) as pilot:
        assert "1 wishlist" in screen_text(host)
        assert "9 ghosted" in screen_text(host)
        await pilot.press("3")
        await pilot.pause()
    assert host.results == [Status.SCREENING]


async def test_status_picker_arrows_and_enter(now):
    host = Host(StatusPicker(Status.APPLIED, "Acme — Dev"))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")  # from "applied", the current one
        await pilot.pause()
    assert host.results == [Status.INTERVIEWING]


async def test_status_picker_escape_cancels(now):
    host = Host(StatusPicker(Status.OFFER, "[x"))
    async with host.run_test(size=SIZE) as pilot:
        assert "[x" in screen_text(host)
        await pilot.press("escape")
        await pilot.pause()
    assert host.results == [None]


# --------------------------------------------------------------------------- confirm


@pytest.mark.parametrize(("keys", "answer"), [("y", True), ("enter", True), ("n", False)])
async def test_confirm_keys(keys, answer):
    host = Host(ConfirmDialog("Delete?"))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(keys)
        await pilot.pause()
    assert host.results == [answer]


async def test_confirm_shows_question_and_detail_as_typed():
    host = Host(ConfirmDialog("Delete [bold]Acme[/]?", "and its [/] interviews"))
    async with host.run_test(size=SIZE) as pilot:
        text = screen_text(host)
        assert "Delete [bold]Acme[/]?" in text
        assert "and its [/] interviews" in text
        await pilot.press("escape")
        await pilot.pause()
    assert host.results == [False]


# --------------------------------------------------------------------------- snooze


async def test_snooze_for_three_days(now):
    host = Host(SnoozeDialog("Acme", now, None))
    async with host.run_test(size=SIZE) as pilot:
        assert "Not snoozed" in screen_text(host)
        await pilot.press(*"+3d")
        hint = shown(host.screen.query_one("#snooze-hint"))
        assert hint == "→ until Sun 29 Nov 2026 10:00 CET (in 3d)"
        await pilot.press("enter")
        await pilot.pause()
    assert host.results == [Snooze(until=now + timedelta(days=3))]


async def test_snooze_off_clears(now):
    host = Host(SnoozeDialog("Acme", now, now + timedelta(days=1)))
    async with host.run_test(size=SIZE) as pilot:
        assert "Snoozed until Fri 27 Nov 2026 10:00 CET" in screen_text(host)
        await pilot.press(*"off", "enter")
        await pilot.pause()
    assert host.results == [Snooze(None)]


async def test_snooze_refuses_garbage(now):
    host = Host(SnoozeDialog("Acme", now, None))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"someday", "enter")
        await pilot.pause()
        assert host.results == []
        assert host.screen.query_one("#snooze-input").has_class("-invalid")
        assert shown(host.screen.query_one("#snooze-hint")).startswith("✗ ")
        await pilot.press("enter")  # still refused
        await pilot.press("escape")
        await pilot.pause()
    assert host.results == [None]


async def test_snooze_refuses_empty_input(now):
    host = Host(SnoozeDialog("Acme", now, None))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert host.results == []
        assert isinstance(host.screen, SnoozeDialog)


# --------------------------------------------------------------------------- help


async def test_help_lists_the_keys_and_closes(tmp_path):
    bindings = [("a", "Add application", "app.add"), ("[", "Previous [tab]", "tab.prev")]
    host = Host(HelpScreen(bindings))
    async with host.run_test(size=SIZE) as pilot:
        text = screen_text(host)
        assert "Add application" in text
        assert "Previous [tab]" in text
        assert "app.add" in text
        assert "config.toml [keys]" in text
        assert str(tmp_path / "data" / "jobtui.json") in shown(host.screen.query_one("#help-files"))
        assert "overdue" in shown(host.screen.query_one("#help-rules"))
        await pilot.press("escape")
        await pilot.pause()
    assert host.results == [None]


@pytest.mark.parametrize("key", ["q", "question_mark"])
async def test_help_closes_with_q_and_question_mark(key):
    host = Host(HelpScreen([("a", "Add", "app.add")]))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
    assert host.results == [None]
