"""Keys never surprise: the note editor keeps Tab, [keys] is checked, the footer fits 80x24."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from tui_helpers import make_app, notices, screen_text, settle, wait_for

from jobtui.core.model import Application, Status
from jobtui.db.store import Store
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.editor import NoteEditor
from jobtui.tui.widgets.timeline import Timeline

SIZE = (120, 40)


def _disk(db_path) -> dict:
    return orjson.loads(db_path.read_bytes())


@pytest.fixture
def one_app_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        app = Application(company="Acme", role="Backend Engineer")
        app.set_status(Status.APPLIED, now - timedelta(days=1))
        store.save(app)
    return db_path


# -- 4: Tab in the note editor -------------------------------------------------


async def test_tab_in_the_note_editor_indents_and_letters_after_it_stay_text(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = app.screen.query_one(NoteEditor)
        await pilot.press("tab", "tab")
        assert app.focused is editor.text_area
        await pilot.press(*"- one", "enter", *"- two")
        # Tab used to leave the editor; "update" then ran u (undo), d (delete)...
        await pilot.press("tab", *"update")
        assert app.focused is editor.text_area
        assert editor.text_area.text == "- one\n  - twoupdate"
        assert app.screen is app.main  # no delete question, no form
        assert not any("undo" in n.lower() for n in notices(app))
        await pilot.press("shift+tab")
        assert editor.text_area.text == "- one\n- twoupdate"
        assert app.focused is editor.text_area
        # Tab indents every selected line; one undo step takes it back.
        editor.text_area.select_all()
        await pilot.press("tab")
        assert editor.text_area.text == "  - one\n  - twoupdate"
        await pilot.press("ctrl+z")
        assert editor.text_area.text == "- one\n- twoupdate"

        # Autosaved once typing pauses (nothing else saves it here).
        def notes_on_disk() -> str:
            [stored] = _disk(one_app_db)["applications"].values()
            return stored["notes"]

        assert await wait_for(pilot, lambda: notes_on_disk() == "- one\n- twoupdate")


async def test_escape_leaves_the_note_editor_and_its_border_says_so(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("shift+tab")  # from the applications straight to the notes
        assert app.focused is app.screen.query_one(NoteEditor).text_area
        assert "esc leave · tab/shift+tab indent" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.focused, ApplicationsTable)
        assert "esc leave" not in screen_text(app)


async def test_tab_still_moves_between_the_other_panes(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert isinstance(app.focused, ApplicationsTable)
        await pilot.press("tab")
        assert isinstance(app.focused, Timeline)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ApplicationsTable)
        await pilot.press("shift+tab")
        assert app.focused is app.screen.query_one(NoteEditor).text_area


async def test_escape_from_an_interviews_notes_then_t_thanks_for_it(one_app_db, now):
    from jobtui.core.model import Interview

    with Store(one_app_db, clock=lambda: now) as store:
        [acme] = store.applications()
        store.save(Interview(application_id=acme.id, starts_at=now - timedelta(hours=3)))
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("tab", "tab", *"asked about Kafka", "shift+tab", "escape")
        assert isinstance(app.focused, ApplicationsTable)
        await pilot.press("t")  # the thank-you owed for that interview
        await settle(pilot, app)
    app.data.close()
    [interview] = _disk(one_app_db)["interviews"].values()
    assert interview["notes"] == "asked about Kafka"
    assert interview["thank_you_sent_at"] == now.isoformat()


# -- 6: validated [keys] -----------------------------------------------------------


async def test_bad_key_settings_are_named_and_the_defaults_used(one_app_db, now, tmp_path):
    from jobtui.config import Config

    config = Config(
        keys={"quit": "", "nope": "x", "add_application": "e", "help": "?"},
        # A short path: toasts are cut at 160 characters, and tmp_path's length varies.
        path=Path("config.toml"),
    )
    app = make_app(one_app_db, now, config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        shown = notices(app)
        where = "config.toml: [keys]"
        assert f'{where} quit = "": the key is empty: the default key is used instead.' in shown
        assert any(n.startswith(f"{where} nope: no such binding id") for n in shown)
        assert any(
            n.startswith(f'{where} add_application = "e": e would do two things')
            and "(add_application and edit)" in n
            for n in shown
        )
        footer = screen_text(app).splitlines()[-1]
        assert "q Quit" in footer and "? Help" in footer
        await pilot.press("e")  # still edit, not add
        await pilot.pause()
        assert app.screen.query_one("#field-company").value == "Acme"
        await pilot.press("escape")
        await pilot.press("question_mark")  # "?" in config.toml works as the help key
        await pilot.pause()
        assert "help" in type(app.screen).__name__.lower()
        await pilot.press("escape")
        await pilot.press("q")  # the empty quit key kept the default
        await pilot.pause()
    assert not app.is_running


def test_the_binding_table_of_config_matches_the_tui():
    from jobtui.keys import BINDINGS
    from jobtui.tui.app import JobTUI
    from jobtui.tui.screens.composer import ComposerScreen
    from jobtui.tui.screens.main import MainScreen
    from jobtui.tui.screens.trash import TrashScreen

    def table(*classes) -> dict[str, str]:
        found: dict[str, str] = {}
        for cls in classes:
            for binding in cls.BINDINGS:
                if binding.id:
                    found[binding.id] = binding.key
        return found

    main = table(MainScreen, JobTUI, ApplicationsTable, Timeline)
    assert main == BINDINGS["main screen"]
    assert table(ComposerScreen) == BINDINGS["composer"]
    assert table(TrashScreen) == BINDINGS["trash"]


# -- 7: the footer at 80x24 --------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "quit_key"), [({}, "q Quit"), ({"quit": "w"}, "w Quit"), ({"help": "h"}, "q Quit")]
)
async def test_the_footer_at_80x24_always_shows_help_and_quit(one_app_db, now, keys, quit_key):
    from jobtui.config import Config

    app = make_app(one_app_db, now, Config(keys=keys))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        footer = screen_text(app).splitlines()[-1]
        assert quit_key in footer
        assert ("h Help" if keys.get("help") else "? Help") in footer
        assert "a Add" in footer  # the first keys still show; later ones dropped
        assert "^p palette" in footer
        await pilot.resize_terminal(120, 40)
        await settle(pilot, app)
        footer = screen_text(app).splitlines()[-1]
        assert "d Delete" in footer and quit_key in footer


async def test_the_help_says_what_tab_and_escape_do_in_the_notes(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "in the notes" in text
        assert "Indent / dedent the lines" in text and "esc leaves" in text
