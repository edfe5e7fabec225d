"""Open the database (or a demo copy) and run the TUI."""

from __future__ import annotations

import shutil
import sys

from jobtui import dates, locations
from jobtui.config import load_config
from jobtui.storage import DatabaseLockedError
from jobtui.store import Store


def run_tui(db: str | None, demo: bool) -> int:
    """Run the TUI; return the exit status. Errors that stop it are reported by the CLI."""
    from jobtui.tui.app import JobTUI

    config = load_config()
    notice = None
    demo_folder = None
    if demo:
        from jobtui.demo import open_demo_store

        store, demo_folder = open_demo_store(dates.now())
        notice = "Demo data: a throwaway copy. Nothing you change here is kept."
    else:
        path = locations.database_file(db)
        try:
            store = Store(path)
        except DatabaseLockedError as exc:
            store = Store(path, read_only=True)
            notice = f"Opened read-only: {exc}"
    app = JobTUI(store, config, notice=notice)
    try:
        app.run()
    finally:
        app.data.close()  # waits for every queued save
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)
    if app.return_code:
        print(f"jobtui exited with status {app.return_code}", file=sys.stderr)
    return app.return_code or 0
