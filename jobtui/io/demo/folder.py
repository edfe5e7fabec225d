"""Where a demo runs: a throwaway folder with its own database, a copy of the user's settings,
drafts and temp files, and every jobtui path pointed into it while the demo runs."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jobtui import locations
from jobtui.db.store import Store
from jobtui.io.demo.loader import populate_demo

DEMO_FILE_NAME = "jobtui.json"


@dataclass(frozen=True)
class DemoFolder:
    """The throwaway folder a demo runs in: its database, settings, drafts and temp files.

    While :func:`demo_environment` is active, every path jobtui uses (``jobtui.locations``)
    points in here, so nothing a demo does (a draft saved, a theme picked, a backup taken,
    a note opened in $EDITOR) lands beside the user's real data, and the help names these.
    """

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DEMO_FILE_NAME

    @property
    def config_dir(self) -> Path:
        """A copy of the user's settings (config.toml, templates, state.json)."""
        return self.root / "config"

    @property
    def drafts_dir(self) -> Path:
        return self.root / "drafts"

    @property
    def temp_dir(self) -> Path:
        return self.root / "tmp"

    def environment(self) -> dict[str, str]:
        """The variables that point jobtui (and programs it starts) into the folder."""
        return {
            locations.DB_ENV: str(self.database),
            locations.CONFIG_DIR_ENV: str(self.config_dir),
            locations.DRAFTS_DIR_ENV: str(self.drafts_dir),
            "TMPDIR": str(self.temp_dir),
        }


_SETTINGS = ("config.toml", "state.json", "templates")


def make_demo_folder() -> DemoFolder:
    """A new temp folder for a demo, holding a copy of the user's settings (read, never
    written: the demo keeps the user's keys, templates and theme, and changes only its copy)."""
    folder = DemoFolder(Path(tempfile.mkdtemp(prefix="jobtui-demo-")))
    source = locations.config_dir()
    folder.config_dir.mkdir(mode=0o700)
    folder.temp_dir.mkdir(mode=0o700)
    for name in _SETTINGS:
        original = source / name
        try:
            if original.is_dir():
                shutil.copytree(original, folder.config_dir / name)
            elif original.is_file():
                shutil.copyfile(original, folder.config_dir / name)
        except OSError:
            continue  # an unreadable setting: the demo runs on the defaults for it
    return folder


@contextlib.contextmanager
def demo_environment(folder: DemoFolder) -> Iterator[DemoFolder]:
    """Point every jobtui path (and $TMPDIR, for $EDITOR and friends) into ``folder`` while
    the block runs; restore them after."""
    saved = {name: os.environ.get(name) for name in folder.environment()}
    saved_tempdir = tempfile.tempdir
    os.environ.update(folder.environment())
    tempfile.tempdir = str(folder.temp_dir)
    try:
        yield folder
    finally:
        tempfile.tempdir = saved_tempdir
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def open_demo_store(now: datetime, folder: DemoFolder | None = None) -> tuple[Store, Path]:
    """A fresh demo database in ``folder`` (default: a new temp folder, which the caller
    may delete); returns the store and the folder.

    The store keeps the real clock, so changes made while trying the demo get real
    timestamps; the demo itself is dated relative to ``now``.
    """
    if folder is None:
        folder = DemoFolder(Path(tempfile.mkdtemp(prefix="jobtui-demo-")))
    store = Store(folder.database)
    try:
        populate_demo(store, now)
    except BaseException:
        store.close()
        raise
    return store, folder.root
