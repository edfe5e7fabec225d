"""Open the database (or a demo copy) and run the TUI."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from jobtui import dates, locations
from jobtui.config import load_config
from jobtui.storage import DatabaseLockedError
from jobtui.store import Store


def run_tui(db: str | None, demo: bool) -> int:
    """Run the TUI; return the exit status. Errors that stop it are reported by the CLI."""
    from jobtui.tui.app import JobTUI

    config = load_config()
    demo_folder: list[Path] = []

    def open_store() -> tuple[Store, str | None]:
        # Runs on the data thread, after the first frame.
        if demo:
            from jobtui.demo import open_demo_store

            store, folder = open_demo_store(dates.now())
            demo_folder.append(folder)
            return store, "Demo data: a throwaway copy. Nothing you change here is kept."
        path = locations.database_file(db)
        try:
            return Store(path), None
        except DatabaseLockedError as exc:
            return Store(path, read_only=True), f"Opened read-only: {exc}"

    app = JobTUI(open_store, config)
    try:
        app.run()
    finally:
        app.data.close()  # waits for every queued save
        for folder in demo_folder:
            shutil.rmtree(folder, ignore_errors=True)
    if app.startup_error:
        print(f"jobtui: {app.startup_error}", file=sys.stderr)
        return 1
    return app.return_code or 0
