"""`jobtui --demo` writes nothing outside its throwaway folder, and the help names its paths.

The real TUI is launched as `jobtui --demo` launches it (jobtui.tui.run.run_tui), with
its event loop driven by a Pilot script instead of a terminal.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from test_tui_composer import _select
from tui_helpers import notices, settle

from jobtui import locations
from jobtui.tui import run as launch
from jobtui.tui.app import JobTUI


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")} if folder.exists() else set()


@pytest.fixture
def user_settings(tmp_path):
    """The user's own settings and data folder, as they are before the demo."""
    config = tmp_path / "config"
    (config / "templates").mkdir(parents=True)
    (config / "config.toml").write_text('[me]\nname = "Sam Rivera"\n', encoding="utf-8")
    (config / "templates" / "nudge.txt.j2").write_text("Hi\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in _files_under(config) if p.is_file()}
    return config, before


def _run_demo(monkeypatch, script) -> dict:
    """Run `jobtui --demo` with ``script(app, pilot, seen)`` as the user; returns ``seen``."""
    seen: dict = {}

    def drive(app: JobTUI) -> None:
        async def go() -> None:
            async with app.run_test(size=(120, 40)) as pilot:
                await settle(pilot, app)
                await script(app, pilot, seen)
                seen["demo_db"] = app.data.store.path if app.data.store else None

        asyncio.run(go())

    monkeypatch.setattr(JobTUI, "run", drive)
    seen["status"] = launch.run_tui(db=None, demo=True)
    return seen


async def _use_everything(app: JobTUI, pilot, seen: dict) -> None:
    await pilot.press("question_mark")
    await settle(pilot, app)
    files = app.screen.query_one("#help-files")
    seen["help"] = str(files.render())
    await pilot.press("escape")
    _select(app, "Northwind Analytics")
    await settle(pilot, app)
    await pilot.press("m")  # the composer
    await settle(pilot, app)
    await pilot.press("ctrl+s")  # save the draft to a file
    await settle(pilot, app)
    seen["saved"] = app.screen.saved_path
    seen["notices"] = notices(app)
    await pilot.press("escape")
    await settle(pilot, app)
    app.theme = "nord" if app.theme != "nord" else "gruvbox"  # remembered in state.json
    await settle(pilot, app)
    seen["env"] = {name: os.environ.get(name) for name in ("JOBTUI_DB", "JOBTUI_DRAFTS_DIR")}


def test_the_demo_writes_nothing_outside_its_folder(tmp_path, monkeypatch, user_settings):
    config, before = user_settings
    real_db = Path(os.environ["JOBTUI_DB"])
    real_drafts = Path(os.environ["JOBTUI_DRAFTS_DIR"])
    env_before = dict(os.environ)

    seen = _run_demo(monkeypatch, _use_everything)

    assert seen["status"] == 0
    demo_db = seen["demo_db"]
    assert demo_db is not None and demo_db != real_db
    # The draft went into the demo's folder, which is gone now, with everything in it.
    assert seen["saved"] is not None and seen["saved"].is_relative_to(demo_db.parent)
    assert not demo_db.parent.exists()
    # Nothing of the user's was created or changed.
    assert not real_db.parent.exists()
    assert not real_drafts.exists()
    assert {p: p.read_bytes() for p in _files_under(config) if p.is_file()} == before
    assert dict(os.environ) == env_before  # and the environment is as it was


def test_the_help_shows_the_demos_paths(tmp_path, monkeypatch, user_settings):
    real_db = Path(os.environ["JOBTUI_DB"])
    config, _ = user_settings
    seen = _run_demo(monkeypatch, _use_everything)
    help_text = seen["help"]
    demo_root = seen["demo_db"].parent
    assert str(real_db) not in help_text and str(config) not in help_text
    assert f"Data     {demo_root / 'jobtui.json'}" in help_text
    assert f"Config   {demo_root / 'config' / 'config.toml'}" in help_text


def test_the_demo_keeps_the_users_settings(tmp_path, monkeypatch, user_settings):
    async def look(app: JobTUI, pilot, seen: dict) -> None:
        seen["me"] = app.config.me.name
        from jobtui.core import drafts

        seen["templates"] = {t.name for t in drafts.list_templates()}

    seen = _run_demo(monkeypatch, look)
    assert seen["me"] == "Sam Rivera"
    assert "nudge" in seen["templates"]


def test_demo_environment_points_every_path_inside_and_restores(tmp_path):
    from jobtui.io.demo import demo_environment, make_demo_folder

    before = (locations.database_file(), locations.config_file(), locations.drafts_dir())
    folder = make_demo_folder()
    try:
        with demo_environment(folder):
            import tempfile

            paths = [
                locations.database_file(),
                locations.config_file(),
                locations.state_file(),
                locations.user_templates_dir(),
                locations.drafts_dir(),
                locations.backups_dir(locations.database_file()),
                Path(tempfile.mkdtemp()),
            ]
            for path in paths:
                assert path.is_relative_to(folder.root), path
        assert (locations.database_file(), locations.config_file(), locations.drafts_dir()) == (
            before
        )
    finally:
        import shutil

        shutil.rmtree(folder.root)
