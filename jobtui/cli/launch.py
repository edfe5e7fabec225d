"""Launching the TUI from the command line (imports Textual only here)."""

from __future__ import annotations

import argparse
import sys


def launch_tui(args: argparse.Namespace) -> int:
    """Open the TUI on the database (or a demo copy); return the exit status."""
    try:
        from jobtui.tui.launch import run_tui
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
