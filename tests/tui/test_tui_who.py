"""Who is writing: the dialog asked once per run before a draft, saved into config.toml."""

from __future__ import annotations

import asyncio
import os
import tomllib

import pytest
from hostile import HOSTILE, HOSTILE_IDS
from test_hostile_text import raw_controls
from test_tui_composer import _select
from textual import events
from tui_helpers import make_app, notices, screen_text, settle, wait_for

from jobtui import locations
from jobtui.config import Me, load_config
from jobtui.db.store import Store
from jobtui.io.demo import populate_demo
from jobtui.tui.screens.who_dialog import WhoDialog, ask_who_is_writing

SIZE = (120, 40)

SETTINGS = (
    "# my own settings\n"
    "[followup]\n"
    "# a week is too long for me\n"
    "check_in_business_days = 3   # was 5\n"
)


@pytest.fixture
def config_file():
    """config.toml in the test's config folder (JOBTUI_CONFIG_DIR, set by conftest)."""
    path = locations.config_file()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


async def _ask(app, pilot):
    """Start ask_who_is_writing as the composer does (in a worker); return the worker."""
    worker = app.main.run_worker(ask_who_is_writing(app.main), exclusive=False)
    await pilot.pause()
    await pilot.pause()
    return worker


async def _finished(worker) -> None:
    """Wait for the worker to end (a dialog left open fails the test instead of hanging)."""
    await asyncio.wait_for(worker.wait(), 20)


async def test_the_answer_is_written_and_other_settings_and_comments_kept(
    db_path, now, config_file
):
    config_file.write_text(SETTINGS)
    app = make_app(db_path, now, load_config())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        worker = await _ask(app, pilot)
        assert isinstance(app.screen, WhoDialog)
        text = screen_text(app)
        assert "Who is writing?" in text
        assert "Your name and email sign your messages" in text
        await pilot.press(*"Ana Lima", "tab", *"ana@example.com", "tab")
        app.screen.query_one("#who-signature").load_text("Ana Lima\nStaff Engineer\n\n")
        await pilot.press("ctrl+s")
        await _finished(worker)
        await pilot.pause()
        assert not isinstance(app.screen, WhoDialog)
        assert config_file.read_text() == SETTINGS + (
            "\n[me]\n"
            'name = "Ana Lima"\n'
            'email = "ana@example.com"\n'
            'signature = "Ana Lima\\nStaff Engineer"\n'
        )
        assert app.config.me.name == "Ana Lima"
        assert app.config.me.signature == "Ana Lima\nStaff Engineer"
        assert app.config.followup.check_in_business_days == 3
        assert any(n.startswith("Saved your name in ") for n in notices(app))
        # Asked once: a second call shows nothing.
        await _finished(await _ask(app, pilot))
        assert not isinstance(app.screen, WhoDialog)


async def test_enter_without_a_name_keeps_the_dialog_open_and_says_so(db_path, now, config_file):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        worker = await _ask(app, pilot)
        await pilot.press("tab", *"ana@example.com", "shift+tab", "shift+tab")
        assert app.screen.focused.id == "who-signature"  # tab goes round the three fields
        await pilot.press("tab", "tab", "enter")
        assert isinstance(app.screen, WhoDialog)
        assert "Type your name, or esc to skip." in screen_text(app)
        assert not config_file.exists()
        assert app.screen.focused.id == "who-name"  # the cursor is put back in the name
        await pilot.press(*"Ana", "enter")
        await _finished(worker)
        assert tomllib.loads(config_file.read_text())["me"] == {
            "name": "Ana",
            "email": "ana@example.com",
            "signature": "",
        }


async def test_keys_typed_in_one_burst_with_tab_land_in_the_next_field(db_path, now):
    """Tab and what follows it arrive together from a terminal (a paste, fast typing)."""
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        worker = await _ask(app, pilot)
        app.post_message(events.Paste("Sam Rivera"))
        app.post_message(events.Key("tab", None))
        app.post_message(events.Paste("sam@example.com"))
        app.post_message(events.Key("tab", None))
        for char in "Sam":
            app.post_message(events.Key(char, char))
        await pilot.pause(0.1)
        assert app.screen.answer() == Me("Sam Rivera", "sam@example.com", "Sam")
        await pilot.press("ctrl+s")
        await _finished(worker)
        assert app.config.me == Me("Sam Rivera", "sam@example.com", "Sam")


async def test_a_name_written_by_hand_since_the_start_is_used_without_asking(
    db_path, now, config_file
):
    app = make_app(db_path, now, load_config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        config_file.write_text('[me]\nname = "By Hand"\n')
        await _finished(await _ask(app, pilot))
        assert not isinstance(app.screen, WhoDialog)
        assert app.config.me.name == "By Hand"
    assert config_file.read_text() == '[me]\nname = "By Hand"\n'


async def test_an_email_and_signature_already_there_are_shown_and_kept(db_path, now, config_file):
    before = '[me]\nemail = "ana@example.com"  # work\nsignature = "A.\\nLima"\n'
    config_file.write_text(before)
    app = make_app(db_path, now, load_config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        worker = await _ask(app, pilot)
        assert app.screen.answer() == Me("", "ana@example.com", "A.\nLima")
        await pilot.press(*"Ana", "enter")
        await _finished(worker)
    assert config_file.read_text() == before + 'name = "Ana"\n'


async def test_skipping_writes_nothing_and_is_not_asked_again_this_run(db_path, now, config_file):
    config_file.write_text(SETTINGS)
    app = make_app(db_path, now, load_config())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        worker = await _ask(app, pilot)
        assert isinstance(app.screen, WhoDialog)
        await pilot.press(*"Ana")
        await pilot.press("escape")
        await _finished(worker)
        await pilot.pause()
        assert not isinstance(app.screen, WhoDialog)
        assert config_file.read_text() == SETTINGS
        assert sorted(os.listdir(config_file.parent)) == ["config.toml"]
        assert app.config.me.name == ""
        await _finished(await _ask(app, pilot))
        assert not isinstance(app.screen, WhoDialog)
        assert notices(app) == []
    # A new run asks again.
    app = make_app(db_path, now, load_config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        worker = await _ask(app, pilot)
        assert isinstance(app.screen, WhoDialog)
        await pilot.press("escape")
        await _finished(worker)


@pytest.mark.parametrize("hostile", [t for _, t in HOSTILE], ids=HOSTILE_IDS)
async def test_hostile_text_as_the_name_is_written_exactly(db_path, now, config_file, hostile):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        worker = await _ask(app, pilot)
        dialog = app.screen
        dialog.query_one("#who-name").value = hostile
        dialog.query_one("#who-signature").load_text(hostile)
        await pilot.pause()
        assert raw_controls(app) == []
        await pilot.press("enter")
        await _finished(worker)
        await pilot.pause()
        assert tomllib.loads(config_file.read_text())["me"]["name"] == hostile
        assert tomllib.loads(config_file.read_text())["me"]["signature"] == hostile
        assert app.config.me.name == hostile
        assert load_config().me.name == hostile
        assert raw_controls(app) == []


async def test_a_config_folder_that_cannot_be_written_is_an_error_notice(
    short_home, db_path, now, config_file
):
    config_file.write_text(SETTINGS)
    os.chmod(config_file.parent, 0o500)
    app = make_app(db_path, now, load_config())
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot, app)
            worker = await _ask(app, pilot)
            await pilot.press(*"Ana", "enter")
            await _finished(worker)
            await pilot.pause()
            [error] = notices(app)
            assert error.startswith("Could not save your name: ")
            assert error.endswith("its folder cannot be written; nothing was written")
            assert str(config_file) in error
            assert app.config.me.name == ""
            assert app.return_code is None
    finally:
        os.chmod(config_file.parent, 0o700)
    assert config_file.read_text() == SETTINGS


async def test_a_config_that_no_longer_parses_is_an_error_notice_and_left_alone(
    short_home, db_path, now, config_file
):
    app = make_app(db_path, now)
    broken = '[me]\nname = "unclosed\n'
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        config_file.write_text(broken)  # edited by hand while jobtui runs
        worker = await _ask(app, pilot)
        await pilot.press(*"Ana", "enter")
        await _finished(worker)
        await pilot.pause()
        [error] = notices(app)
        assert str(config_file) in error
        assert app.return_code is None
    assert config_file.read_text() == broken


@pytest.fixture
def demo_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
    return db_path


async def _close_the_composer(pilot, app) -> None:
    """Close the composer with no result (what its esc does; the composer's own tests test
    that key)."""
    app.screen.dismiss(None)
    await settle(pilot, app)
    assert not isinstance(app.screen, WhoDialog)


async def test_m_with_no_name_asks_once_then_the_draft_is_signed(demo_db, now, config_file):
    """The whole flow: m on the owed thank-you asks who is writing, the answer signs the
    draft and lands in config.toml; the next m goes straight to the composer."""
    config_file.write_text(SETTINGS)
    app = make_app(demo_db, now, load_config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Northwind Analytics")
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        assert isinstance(app.screen, WhoDialog)
        await pilot.press(*"Ana Lima", "enter")
        assert await wait_for(pilot, lambda: type(app.screen).__name__ == "ComposerScreen")
        await settle(pilot, app)
        assert "Ana Lima" in app.screen.text.splitlines()[-1]
        assert tomllib.loads(config_file.read_text())["me"]["name"] == "Ana Lima"
        assert config_file.read_text().startswith(SETTINGS)
        await _close_the_composer(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "ComposerScreen"


async def test_m_skipped_opens_the_composer_and_does_not_ask_again(demo_db, now, config_file):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Northwind Analytics")
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        assert isinstance(app.screen, WhoDialog)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: type(app.screen).__name__ == "ComposerScreen")
        await _close_the_composer(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "ComposerScreen"
    assert not config_file.exists()
