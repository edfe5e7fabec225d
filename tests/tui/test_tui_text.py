"""Issue 9 in the TUI, one test (or a few) per item: markup in toasts (1), control characters
(2), long toasts and dialogs (3), the palette and its theme (8), snoozed items (10), forms (13),
stats weeks (14) and timeline rows at 80x24 (7)."""

from __future__ import annotations

import json
import stat
from datetime import date, datetime, time, timedelta

from test_hostile_text import raw_controls
from textual import events
from textual.command import CommandPalette
from textual.widgets import OptionList
from textual.widgets._toast import Toast
from tui_helpers import make_app, notices, screen_text, settle

from jobtui import locations
from jobtui.config import Config
from jobtui.core import dates
from jobtui.core.model import Application, Interview, Status
from jobtui.db.store import Store
from jobtui.io.demo import populate_demo
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.timeline import Timeline

SIZE = (120, 40)


async def _add(pilot, app, company: str, role: str) -> None:
    """Add an application through the form (a = add, fields set as typed, ctrl+s)."""
    await pilot.press("a")
    await pilot.pause()
    app.screen.field_widget("company").value = company
    app.screen.field_widget("role").value = role
    await pilot.press("ctrl+s")
    await settle(pilot, app)


def _next_action(app, company: str) -> str:
    table = app.screen.query_one(ApplicationsTable)
    for n in range(table.row_count):
        row = table.get_row_at(n)
        if row[1].plain == company:
            return row[5].plain
    raise AssertionError(f"no row for {company}")


# ---------------------------------------------------------------------- 1. markup


async def test_markup_in_a_role_is_shown_literally_and_crashes_nothing(db_path, now):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        await _add(pilot, app, "Acme", "Dev [a=b:c]")
        await pilot.pause(0.1)
        assert app.return_code is None  # MarkupError used to end the app here
        assert notices(app)[-1] == "Added Acme — Dev [a=b:c]"
        await _add(pilot, app, "[bold red]x[/]", "Backend Engineer [Remote] [$150k]")
        await pilot.pause(0.1)
        text = screen_text(app)
        assert "Added [bold red]x[/] — Backend Engineer [Remote] [$150k]" in text  # the toast
        assert "Backend Engineer [Remote] [$150k]" in text.split("Added")[0]  # the table
        for key in ("s", "2", "u", "d", "y", "u"):  # status, undo, delete, undo: all toast
            await pilot.press(key)
            await settle(pilot, app)
        await pilot.pause(0.1)
        assert app.return_code is None
        assert "[bold red]x[/]" in screen_text(app)


# ---------------------------------------------------------------------- 2. escapes


async def test_stored_escape_sequences_never_reach_the_terminal(db_path, now):
    """An ESC/OSC/C1/bidi in company, role, tags and notes is drawn as ␛, \\x9b, \\u202e."""
    company = "Acme\x1b]52;c;aGk=\x07\x1b[2J"
    with Store(db_path, clock=lambda: now) as store:
        application = Application(
            company=company, role="Dev\x9b2J\u202e", tags=["\x1b]0;title\x07"], notes="\x1b[31m"
        )
        application.set_status(Status.APPLIED, now - timedelta(days=1))
        store.save(application)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        assert raw_controls(app) == []
        text = screen_text(app)
        assert "Acme␛]52;c;aGk=␇␛[2J" in text
        assert "Dev\\x9b2J\\u202e" in text
        await pilot.press("e")  # the edit form shows the stored text in its fields
        await pilot.pause()
        assert raw_controls(app) == []
        assert app.screen.field_widget("company").value == company  # kept as stored


# ---------------------------------------------------------------------- 3. toasts


async def test_a_long_name_makes_a_short_toast(db_path, now):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        await _add(pilot, app, "C" * 2000, "Engineer")
        [added] = notices(app)
        assert added.startswith("Added CCCC") and added.endswith("CCC — Engineer")
        assert "…" in added and len(added) <= 160
        await pilot.pause(0.1)
        [toast] = app.screen.query(Toast)
        assert toast.region.height <= 8  # not the whole screen


async def test_toasts_never_cover_the_dialog_being_typed_in(db_path, now):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        await _add(pilot, app, "Acme", "Engineer")
        await pilot.pause(0.1)
        assert len(app.screen.query(Toast)) == 1  # "Added Acme — Engineer"
        await pilot.press("a")  # a form, while that toast is up
        await pilot.pause(0.1)
        assert len(app.screen.query(Toast)) == 0
        app.notify("Loaded changes saved elsewhere.")  # and one raised while typing
        await pilot.pause(0.1)
        assert len(app.screen.query(Toast)) == 0
        await pilot.press("z")  # snooze dialog: the same
        await pilot.press("escape")
        await pilot.pause(0.1)
        shown = [t._notification.message for t in app.screen.query(Toast)]
        assert shown == ["Added Acme — Engineer", "Loaded changes saved elsewhere."]


# ---------------------------------------------------------------------- 8. palette


def _palette_prompts(app) -> list[str]:
    assert isinstance(app.screen, CommandPalette)
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def test_the_palette_lists_jobtuis_actions_first_and_no_generic_ones(db_path, now):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        prompts = " | ".join(_palette_prompts(app))
        assert prompts.startswith("Add application")
        assert prompts.index("Stats") < prompts.index("Theme") < prompts.index("Quit")
        for generic in ("as soon as possible", "Screenshot", "Keys", "Maximize"):
            assert generic not in prompts
        assert "Save the notes and leave" in prompts  # jobtui's own quit


async def _pick_theme(pilot, app, name: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause(0.2)
    await pilot.press(*"Theme")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause(0.3)
    await pilot.press(*name)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause(0.2)


async def test_a_theme_picked_in_the_palette_is_remembered(db_path, now):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _pick_theme(pilot, app, "nord")
        assert app.theme == "nord"
    state = locations.state_file()
    assert json.loads(state.read_text())["theme"] == "nord"
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    again = make_app(db_path, now)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, again)
        assert again.theme == "nord"
    # A theme set in config.toml after the pick wins over it.
    edited = make_app(db_path, now, Config(theme="gruvbox"))
    async with edited.run_test(size=SIZE) as pilot:
        await settle(pilot, edited)
        assert edited.theme == "gruvbox"


# ---------------------------------------------------------------------- 10. snoozed


async def test_a_snoozed_application_says_until_when(db_path, now):
    monday = datetime.combine(date(2026, 11, 30), time(9, 0), tzinfo=dates.local_tz())
    with Store(db_path, clock=lambda: now) as store:
        quiet = Application(company="Quietco", role="Engineer", snoozed_until=monday)
        quiet.set_status(Status.APPLIED, now - timedelta(days=20))  # a follow-up is owed
        quiet.applied_on = (now - timedelta(days=20)).date()
        store.save(quiet)
        met = Application(company="Metco", role="Engineer")
        met.set_status(Status.INTERVIEWING, now - timedelta(days=10))
        store.save(met)
        store.save(
            Interview(
                application_id=met.id,
                starts_at=now - timedelta(days=2),
                snoozed_until=monday,  # the thank-you can wait
            )
        )
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert _next_action(app, "Quietco") == "Snoozed until Mon 30 Nov"
        timeline = app.screen.query_one(Timeline)
        [line] = [
            str(timeline.get_option_at_index(n).prompt)
            for n in range(timeline.option_count)
            if "Metco" in str(timeline.get_option_at_index(n).prompt)
        ]
        assert " snoozed  Metco" in line


# ---------------------------------------------------------------------- 13. forms


async def test_the_contacts_field_shows_its_format(db_path, now):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("a")
        await pilot.pause()
        assert "One a line: Name <email> (title)" in screen_text(app)


async def test_a_paste_right_after_tab_lands_in_the_next_field(db_path, now):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab", *"Acme")  # the form starts at the URL; then the company
        # Tab and the paste arrive in one burst, as from a terminal.
        app.post_message(events.Key("tab", None))
        app.post_message(events.Paste("Staff Engineer"))
        await pilot.pause(0.1)
        form = app.screen
        assert form.field_text("company") == "Acme"
        assert form.field_text("role") == "Staff Engineer"
        # Typed keys in the same burst too.
        app.post_message(events.Key("tab", None))
        for char in "remote":
            app.post_message(events.Key(char, char))
        await pilot.pause(0.1)
        assert form.field_text("role") == "Staff Engineer"
        assert "remote" in [form.field_text(s.name) for s in form.specs]


# ---------------------------------------------------------------------- 14. stats


async def test_weeks_with_nothing_draw_blank(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        application = Application(company="Acme", role="Engineer")
        application.set_status(Status.APPLIED, now - timedelta(days=1))
        application.applied_on = (now - timedelta(days=1)).date()
        store.save(application)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("g")
        await pilot.pause()
        [apps_line] = [line for line in screen_text(app).splitlines() if "Applications  " in line]
        bars = apps_line.split("Applications", 1)[1].strip(" │")
        assert "▁" not in apps_line  # eleven empty weeks: nothing drawn
        assert bars == "██"  # this week's one application, in the last column


# ---------------------------------------------------------------------- 7. 80x24


async def test_timeline_rows_keep_the_company_at_80x24(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
    app = make_app(db_path, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        timeline = app.screen.query_one(Timeline)
        entries = {e.interview.id: e for e in app.main.overview.timeline}
        checked = 0
        for n in range(timeline.option_count):
            option = timeline.get_option_at_index(n)
            if option.id in entries:
                company = entries[option.id].app.company
                assert company in str(option.prompt), str(option.prompt)
                checked += 1
        assert checked >= 5


# ---------------------------------------------------------------------- 9, 11 (TUI parts)


async def test_the_help_names_the_database_that_is_open(tmp_path, now):
    """The demo opens a throwaway copy: the help shows that file, not the usual one."""
    other = tmp_path / "throwaway" / "demo.json"
    app = make_app(other, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        help_files = str(app.screen.query_one("#help-files").content)
        assert f"Data     {other}" in help_files
        assert f"Backups  {other}.backups" in help_files


async def test_the_applied_column_shows_another_years_date_and_a_long_age(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        old = Application(company="Oldco", role="Engineer")
        old.set_status(Status.APPLIED, now - timedelta(days=420))
        old.applied_on = date(2025, 10, 2)
        store.save(old)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = app.screen.query_one(ApplicationsTable)
        assert table.get_row_at(0)[4].plain == "2 Oct 2025 13mo"
