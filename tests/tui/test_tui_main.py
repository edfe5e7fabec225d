"""The main screen driven from the keyboard: what the user sees, and what lands on disk."""

from __future__ import annotations

import threading
from datetime import timedelta

import orjson
import pytest
from test_tui_composer import _select
from tui_helpers import make_app, notices, screen_text, settle, wait_for

from jobtui.config import Config
from jobtui.core.model import Application, Interview, Person, Status
from jobtui.db.store import Store
from jobtui.io.demo import populate_demo
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.editor import NoteEditor
from jobtui.tui.widgets.timeline import Timeline

SIZE = (120, 40)


def _disk(db_path) -> dict:
    return orjson.loads(db_path.read_bytes())


def _apps_on_disk(db_path) -> dict[str, dict]:
    return {d["company"]: d for d in _disk(db_path)["applications"].values()}


@pytest.fixture
def demo_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
    return db_path


@pytest.fixture
def one_app_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        app = Application(company="Acme", role="Backend Engineer")
        app.set_status(Status.APPLIED, now - timedelta(days=1))
        store.save(app)
    return db_path


def _table_companies(app) -> list[str]:
    table = app.screen.query_one(ApplicationsTable)
    return [table.get_row_at(i)[1].plain for i in range(table.row_count)]


async def test_empty_database_shows_a_helpful_first_screen(db_path, now):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        text = screen_text(app)
        assert "Welcome to jobtui" in text
        assert "jobtui --demo" in text
        assert "add an application" in text
        assert "then Import a file" in text


async def test_demo_rows_sorted_by_urgency_and_highlighted(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        companies = _table_companies(app)
        # Overdue first (the thank-you first of them), then due; closed hidden by default.
        assert companies[:3] == ["Copperleaf Robotics", "Mosaic Learning", "Parcelwise"]
        assert set(companies[3:5]) == {"Quillstack", "Northwind Analytics"}
        assert "Fernhill Games" not in companies
        text = screen_text(app)
        assert "5 follow-ups due now (3 overdue)" in text
        assert "Thank-you overdue" in text
        assert "Interview tomorrow 11:00" in text
        # The overdue row's next action is drawn in the theme's error colour.
        table = app.screen.query_one(ApplicationsTable)
        cell = table.get_row_at(0)[5]
        assert cell.plain.startswith("Thank-you overdue")
        assert str(cell.style.color.triplet.hex).lower() == app.current_theme.error.lower()


async def test_c_shows_closed_and_f_shows_only_follow_ups(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("c")
        assert "Fernhill Games" in _table_companies(app)
        assert len(_table_companies(app)) == 13
        await pilot.press("c", "f")
        assert sorted(_table_companies(app)) == sorted(
            [
                "Mosaic Learning",
                "Parcelwise",
                "Copperleaf Robotics",
                "Quillstack",
                "Northwind Analytics",
            ]
        )
        await pilot.press("f")
        assert len(_table_companies(app)) == 10


async def test_slash_filters_as_you_type_and_escape_clears(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"north")
        assert _table_companies(app) == ["Northwind Analytics"]
        await pilot.press("escape")
        assert len(_table_companies(app)) == 10
        # Interviewer names match too.
        await pilot.press("slash", *"marta", "enter")
        assert _table_companies(app) == ["Copperleaf Robotics"]


async def test_a_adds_an_application_on_screen_and_on_disk(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("a")
        await pilot.press("tab", *"[bold]Beta[/]", "tab", *"Data Engineer", "enter")
        await settle(pilot, app)
        assert "[bold]Beta[/]" in _table_companies(app)
        saved = _apps_on_disk(one_app_db)["[bold]Beta[/]"]
        assert saved["role"] == "Data Engineer"
        assert saved["status"] == "applied"
        assert "[bold]Beta[/]" in screen_text(app)


async def test_add_interview_in_the_past_is_highlighted_then_t_marks_thanked(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        form = app.screen
        form.query_one("#field-starts_at").value = "yesterday 15:00"
        form.query_one("#field-interviewers").value = "Ana Lima, Bo"
        await pilot.press("enter")
        await settle(pilot, app)
        [interview] = _disk(one_app_db)["interviews"].values()
        assert interview["starts_at"] == "2026-11-25T15:00:00+01:00"
        assert [p["name"] for p in interview["interviewers"]] == ["Ana Lima", "Bo"]
        text = screen_text(app)
        assert "thank-you due" in text  # the timeline badge
        assert "Thank-you due" in text
        await pilot.press("t")
        await settle(pilot, app)
        [interview] = _disk(one_app_db)["interviews"].values()
        assert interview["thank_you_sent_at"] == now.isoformat()
        [sent] = _disk(one_app_db)["sent"].values()
        assert sent["kind"] == "thank_you"
        text = screen_text(app)
        assert "✓ thanked" in text
        assert "no follow-ups due" in text


async def test_t_with_nothing_owed_logs_nothing_and_says_so(one_app_db, now):
    # Applied yesterday: no follow-up is owed yet, so "t" invents none.
    before = _disk(one_app_db)
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("t")
        await settle(pilot, app)
        assert [n for n in notices(app) if n.startswith("Nothing is owed for Acme — Backend")]
    app.data.close()
    after = _disk(one_app_db)
    assert after.get("sent", {}) == {} and after["applications"] == before["applications"]


async def test_s_picks_a_status_with_a_number_key(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("s", "3")
        await settle(pilot, app)
        saved = _apps_on_disk(one_app_db)["Acme"]
        assert saved["status"] == "screening"
        assert [c["status"] for c in saved["status_history"]] == ["applied", "screening"]
        assert "screening" in screen_text(app)


async def test_e_edits_the_selected_application(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("e")
        app.screen.query_one("#field-role").value = "Staff Engineer"
        await pilot.press("enter")
        await settle(pilot, app)
        assert _apps_on_disk(one_app_db)["Acme"]["role"] == "Staff Engineer"
        assert "Staff Engineer" in screen_text(app)


async def test_z_snoozes_the_follow_up(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Mosaic Learning")
        await settle(pilot, app)
        await pilot.press("z", *"+3d", "enter")
        await settle(pilot, app)
        saved = _apps_on_disk(demo_db)["Mosaic Learning"]
        assert saved["snoozed_until"] == (now + timedelta(days=3)).isoformat()
        # Below the four still due now.
        assert _table_companies(app).index("Mosaic Learning") >= 4


async def test_d_deletes_after_asking_and_u_restores(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("d", "n")
        await settle(pilot, app)
        assert "Acme" in _apps_on_disk(one_app_db)
        await pilot.press("d", "y")
        await settle(pilot, app)
        assert _apps_on_disk(one_app_db) == {}
        assert "Welcome to jobtui" in screen_text(app)
        await pilot.press("u")
        await settle(pilot, app)
        assert "Acme" in _apps_on_disk(one_app_db)
        assert _table_companies(app) == ["Acme"]


async def test_o_cycles_the_sort(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        companies = _table_companies(app)
        assert companies == sorted(companies, key=str.lower)
        assert "by company" in screen_text(app)


async def test_question_mark_lists_every_key(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        text = screen_text(app)
        for words in ("Add an application", "Change the status", "Snooze a follow-up", "Quit"):
            assert words in text
        await pilot.press("escape")
        assert "Acme" in screen_text(app)


async def test_j_k_move_and_tab_moves_between_panes(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = app.screen.query_one(ApplicationsTable)
        assert table.cursor_row == 0
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("tab")
        assert isinstance(app.focused, Timeline)
        await pilot.press("tab")
        assert app.focused is app.screen.query_one(NoteEditor).text_area


async def test_selecting_an_application_focuses_its_interviews(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = app.screen.query_one(ApplicationsTable)
        companies = _table_companies(app)
        table.move_cursor(row=companies.index("Copperleaf Robotics"))
        await settle(pilot, app)
        timeline = app.screen.query_one(Timeline)
        option = timeline.highlighted_option
        assert option is not None and "Copperleaf Robotics" in option.prompt.plain


async def test_notes_autosave_and_survive_switching_and_quit(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = app.screen.query_one(NoteEditor)
        await pilot.press("tab", "tab")
        assert app.focused is editor.text_area
        await pilot.press(*"# Call went well", "enter", *"- [ ] send [bold] deck")
        assert editor.mark == "unsaved"
        assert await wait_for(pilot, lambda: editor.mark == "saved")  # after the autosave delay
        await settle(pilot, app)
        assert (
            _apps_on_disk(one_app_db)["Acme"]["notes"] == "# Call went well\n- [ ] send [bold] deck"
        )
        # Typing then quitting at once still saves.
        await pilot.press("enter", *"more")
        await pilot.press("escape")  # leaves the editor (blur saves)
        await app.action_quit()
    app.data.close()
    assert _apps_on_disk(one_app_db)["Acme"]["notes"].endswith("deck\nmore")


async def test_typing_back_to_the_saved_text_while_another_save_is_queued_is_saved(one_app_db, now):
    # "x" is on disk; "xy" is queued behind a slow disk; backspace brings back "x", which no
    # change event calls unsaved. When "xy" lands, "x" (what is shown) must follow it.
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = app.screen.query_one(NoteEditor)
        await pilot.press("tab", "tab", "x")
        editor.flush()
        await settle(pilot, app)
        assert _disk(one_app_db)["applications"].popitem()[1]["notes"] == "x"
        disk_free = threading.Event()
        app.data.submit(lambda store: disk_free.wait(30), refresh=False)
        await pilot.press("y")
        editor.flush()  # "xy" waits behind the slow disk
        await pilot.press("backspace")
        disk_free.set()
        await settle(pilot, app)

        def notes_on_disk() -> str:
            return _disk(one_app_db)["applications"].popitem()[1]["notes"]

        assert await wait_for(pilot, lambda: notes_on_disk() == "x" and editor.mark == "saved")


async def test_quit_saves_unsaved_notes(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("tab", "tab", *"typed right before quitting")
        await app.action_quit()
    app.data.close()
    assert _apps_on_disk(one_app_db)["Acme"]["notes"] == "typed right before quitting"


async def test_markup_and_odd_text_are_shown_as_typed(db_path, now):
    odd_notes = "\x1b[31mred?\x1b[0m " + "x" * 10_000 + "\nשלום עולם 🎉 [/]"
    with Store(db_path, clock=lambda: now) as store:
        a = Application(company="[bold]Acme[/]", role="[/]", notes=odd_notes, tags=["[red]"])
        a.set_status(Status.APPLIED, now)
        store.save(a)
        store.save(
            Interview(
                application_id=a.id,
                starts_at=now - timedelta(hours=3),
                interviewers=[Person("[i]Ana[/i]")],
            )
        )
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        text = screen_text(app)
        assert "[bold]Acme[/]" in text
        editor = app.screen.query_one(NoteEditor)
        assert editor.text_area.text == odd_notes
        await pilot.press("tab")  # the interview: its details name the interviewer
        assert "[i]Ana[/i]" in screen_text(app).split("│", 1)[1]
        await pilot.press("c")  # redraws survive too
    assert _apps_on_disk(db_path)["[bold]Acme[/]"]["notes"] == odd_notes


async def test_keys_can_be_remapped_from_config(one_app_db, now):
    app = make_app(one_app_db, now, Config(keys={"add_application": "n"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("n")
        assert type(app.screen).__name__ == "ApplicationForm"


async def test_second_instance_opens_read_only_and_saves_nothing(one_app_db, now):
    holder = Store(one_app_db)
    try:
        store = Store(one_app_db, read_only=True)
        from jobtui.tui.app import JobTUI

        app = JobTUI(store, Config(), clock=lambda: now, notice="Opened read-only")
        before = one_app_db.read_bytes()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            assert "READ-ONLY" in screen_text(app)
            await pilot.press("s", "3")
            await settle(pilot, app)
            assert one_app_db.read_bytes() == before
            # The other instance saves; the next refresh shows it here.
            holder.save(Application(company="Beta", role="Ops"))
            app.reload()
            await settle(pilot, app)
            assert sorted(_table_companies(app)) == ["Acme", "Beta"]
        app.data.close()
    finally:
        holder.close()


async def test_contacts_are_added_and_edited_from_the_application_form(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("e")
        app.screen.query_one(
            "#field-contacts"
        ).text = "Rita Lopez <rita@acme.example> (Recruiter)\nTom Berg (Hiring manager)"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        disk = _disk(one_app_db)
        names = {c["name"]: c for c in disk["contacts"].values()}
        assert names["Rita Lopez"]["email"] == "rita@acme.example"
        assert names["Tom Berg"]["title"] == "Hiring manager"
        assert names["Tom Berg"]["company"] == "Acme"
        acme = _apps_on_disk(one_app_db)["Acme"]
        assert acme["contact_ids"] == [names["Rita Lopez"]["id"], names["Tom Berg"]["id"]]
        assert "Rita Lopez (Recruiter) rita@acme.example" in screen_text(app)
        # Editing again shows them and updates in place; a bad email is refused on that field.
        await pilot.press("e")
        field = app.screen.query_one("#field-contacts")
        assert field.text.splitlines()[0] == "Rita Lopez <rita@acme.example> (Recruiter)"
        field.text = "Rita Lopez <not-an-email>"
        await pilot.press("ctrl+s")
        assert field.has_class("-invalid")
        assert "line 1" in str(app.screen.query_one("#error-contacts").render())
        await pilot.press("escape")
        await settle(pilot, app)
    assert len(_disk(one_app_db)["contacts"]) == 2


async def test_ctrl_e_edits_the_note_in_an_external_editor(one_app_db, now, monkeypatch, tmp_path):
    script = tmp_path / "fake-editor.sh"
    script.write_text('#!/bin/sh\nprintf "written in vim" > "$1"\n')
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        import contextlib

        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # headless: no terminal
        await pilot.press("ctrl+e")
        editor = app.screen.query_one(NoteEditor)
        assert await wait_for(pilot, lambda: editor.text_area.text == "written in vim")
        await settle(pilot, app)
    app.data.close()
    assert _apps_on_disk(one_app_db)["Acme"]["notes"] == "written in vim"


async def test_command_palette_lists_and_runs_actions(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*"change status")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "StatusPicker"


async def test_first_application_then_i_opens_the_interview_form(db_path, now):
    # Regression: after the empty first screen, keys went to the hidden filter box.
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("a", "tab", *"Acme", "tab", *"Dev", "enter")
        await settle(pilot, app)
        assert _table_companies(app) == ["Acme"]
        await pilot.press("i")
        assert type(app.screen).__name__ == "InterviewForm"


async def test_help_shows_remapped_keys_and_plain_descriptions(one_app_db, now):
    app = make_app(one_app_db, now, Config(keys={"add_application": "n"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        rows = {row[2]: row for row in app.key_help()}
        assert rows["add_application"][0] == "n"
        assert rows["quit"][0] == "q"
        assert rows["mark_sent"][1] == "Log the owed thank-you or follow-up as sent"
        await pilot.press("question_mark")
        assert "Log the owed thank-you" in screen_text(app)


async def test_u_undoes_several_changes_and_says_what(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("s", "3")  # screening
        await settle(pilot, app)
        await pilot.press("s", "5")  # offer
        await settle(pilot, app)
        assert _apps_on_disk(one_app_db)["Acme"]["status"] == "offer"
        await pilot.press("u")
        await settle(pilot, app)
        assert _apps_on_disk(one_app_db)["Acme"]["status"] == "screening"
        assert notices(app)[-1] == "Undid the status change of Acme to offer."
        await pilot.press("u")
        await settle(pilot, app)
        assert _apps_on_disk(one_app_db)["Acme"]["status"] == "applied"
        await pilot.press("u")
        await settle(pilot, app)
        assert notices(app)[-1] == "Nothing to undo."


async def test_g_opens_the_stats(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "StatsScreen"
        text = screen_text(app)
        assert "Funnel" in text and "Company site" in text
        await pilot.press("escape")
        assert type(app.screen).__name__ == "MainScreen"


async def test_import_from_the_palette_previews_then_saves(one_app_db, now):
    from pathlib import Path

    source = Path(__file__).parent.parent / "data" / "teal.csv"
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.screen.action_import()
        await pilot.pause()
        app.screen.query_one("#import-path").value = str(source)
        await pilot.press("enter")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert "to add" in screen_text(app)
        await pilot.press("y")
        await settle(pilot, app)
        assert len(_table_companies(app)) > 1
    assert len(_apps_on_disk(one_app_db)) > 1


async def test_a_corrupt_database_stops_the_tui_with_the_reason(db_path, now):
    from jobtui.tui.app import JobTUI

    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"{ not json")

    def opener():
        return Store(db_path), None

    app = JobTUI(opener, Config(), clock=lambda: now)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if app.startup_error:
                break
    app.data.close()
    assert app.return_code == 1
    assert str(db_path) in app.startup_error and "not valid JSON" in app.startup_error
    assert db_path.read_bytes() == b"{ not json"


def test_launch_prints_why_it_could_not_open(db_path, capsys, monkeypatch):
    from jobtui.tui import run as launch
    from jobtui.tui.app import JobTUI

    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"[]")

    async def drive(app):
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(100):
                await pilot.pause(0.02)
                if app.startup_error:
                    break

    import asyncio

    monkeypatch.setattr(JobTUI, "run", lambda self: asyncio.run(drive(self)))
    code = launch.run_tui(str(db_path), demo=False)
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"jobtui: cannot open {db_path}: it holds a JSON list")


async def test_editing_right_after_typing_notes_keeps_the_notes(one_app_db, now):
    # The form holds a copy from before the note was saved: saving it must not undo the note.
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("tab", "tab", *"call went well")
        # A slow disk: the note's save waits behind another job, so the form opens on a
        # copy that does not have the note yet (the job ends once the form is saved).
        disk_free = threading.Event()
        app.data.submit(lambda store: disk_free.wait(30), refresh=False)
        await pilot.press("escape")  # leaving the editor saves the note
        await pilot.press("e")
        app.screen.query_one("#field-role").value = "Staff Engineer"
        await pilot.press("enter")
        disk_free.set()
        await settle(pilot, app)
        await pilot.press("z", *"+2d", "enter")
        await settle(pilot, app)
    app.data.close()
    saved = _apps_on_disk(one_app_db)["Acme"]
    assert saved["role"] == "Staff Engineer"
    assert saved["notes"] == "call went well"
    assert saved["snoozed_until"] is not None


async def test_thank_you_sent_keeps_interview_notes(one_app_db, now):
    with Store(one_app_db, clock=lambda: now) as store:
        [acme] = store.applications()
        store.save(Interview(application_id=acme.id, starts_at=now - timedelta(hours=3)))
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("tab")  # the timeline: the interview
        await pilot.press("tab", *"asked about Kafka")
        disk_free = threading.Event()  # a slow disk: the note's save waits behind this job
        app.data.submit(lambda store: disk_free.wait(30), refresh=False)
        # Leave the editor (tab would indent there), back to the interview in the timeline.
        await pilot.press("escape", "tab")
        await pilot.press("t")
        disk_free.set()
        await settle(pilot, app)
    app.data.close()
    [interview] = _disk(one_app_db)["interviews"].values()
    assert interview["notes"] == "asked about Kafka"
    assert interview["thank_you_sent_at"] == now.isoformat()


async def test_the_summary_line_fits_whole_at_80_columns(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        top = screen_text(app).splitlines()[0]
        assert top.rstrip().endswith("5 follow-ups due (3 overdue)"), top
        assert "10 active · 3 interviews this week · " in top
    wide = make_app(demo_db, now)
    async with wide.run_test(size=(120, 40)) as pilot:
        await settle(pilot, wide)
        assert "5 follow-ups due now (3 overdue)" in screen_text(wide).splitlines()[0]
