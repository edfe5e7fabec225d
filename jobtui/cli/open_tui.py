"""Launching the TUI from the command line (imports Textual only here)."""

from __future__ import annotations

import argparse
import os
import sys

NO_TERMINAL = (
    "jobtui: the full-screen interface needs a terminal (stdin and stdout); "
    "the commands work without one: see 'jobtui --help'"
)


def _on_a_terminal() -> bool:
    try:
        return os.isatty(sys.stdin.fileno()) and os.isatty(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # closed, or replaced by a non-file
        return False


def launch_tui(args: argparse.Namespace) -> int:
    """Open the TUI on the database (or a demo copy); return the exit status.

    Without a terminal (cron, ``ssh host jobtui`` without -t, input from a file) it stops
    at once with exit status 2, before the database is touched.
    """
    if not _on_a_terminal():
        print(NO_TERMINAL, file=sys.stderr)
        return 2
    try:
        from jobtui.tui.run import run_tui
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("jobtui.tui"):
            raise
        print(
            "jobtui: the full-screen interface is not built yet; "
            "use the commands for now (see 'jobtui --help')",
            file=sys.stderr,
        )
        return 1
    return run_tui(db=args.db, demo=args.demo)
