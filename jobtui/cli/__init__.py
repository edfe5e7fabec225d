"""The scriptable command line. ``run(argv)`` returns the exit status.

Errors are one line on stderr: exit status 2 for usage, 1 for everything else; never a
traceback for a user error.
"""

from __future__ import annotations

import argparse
import functools
import sys

from jobtui.cli.parser import UsageError, build_parser
from jobtui.config import ConfigError
from jobtui.core.model import ValidationError
from jobtui.core.textsafe import visible
from jobtui.db.datafile import StorageError


class CommandError(Exception):
    """A user-facing failure of a command: exit status 1."""


def run(argv: list[str]) -> int:
    """Parse ``argv`` and run the command; return the exit status."""
    bad = _not_utf8(argv)
    if bad is not None:
        print(f"jobtui: {bad}", file=sys.stderr)
        return 2
    try:
        args = _parser().parse_args(argv)
    except UsageError as exc:
        _error(exc)
        return 2
    except SystemExit as exc:  # --help, --version
        return int(exc.code or 0)
    try:
        if args.command is None:
            from jobtui.cli.open_tui import launch_tui

            return launch_tui(args)
        from jobtui.cli.commands import COMMANDS

        return COMMANDS[args.command](args)
    except UsageError as exc:
        _error(exc)
        return 2
    except (CommandError, ValidationError, StorageError, ConfigError) as exc:
        _error(exc)
        return 1
    except BrokenPipeError:  # e.g. `jobtui list | head`
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # disk full, permission denied... on a path a command was given
        from jobtui.db.datafile import describe_os_error

        where = f"{exc.filename}: " if exc.filename else ""
        _error(f"{where}{describe_os_error(exc)}")
        return 1


@functools.cache
def _parser() -> argparse.ArgumentParser:
    """The command line, built once per process: building it costs more than most commands
    take (argparse looks up a translation for every help string), and parsing never changes
    it."""
    return build_parser()


def _error(message: object) -> None:
    """One line on stderr; a message quoting stored or typed text shows its control
    characters visibly (an ESC in a company name cannot drive the terminal)."""
    print(f"jobtui: {visible(str(message))}", file=sys.stderr)


def _not_utf8(argv: list[str]) -> str | None:
    """A message naming the first argument that is not valid UTF-8 (the OS hands Python
    such bytes as lone surrogates), or None."""
    for position, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raw = arg.encode("utf-8", "surrogateescape")
            shown = repr(raw)[2:-1]  # bytes shown as \xff, never raw to the terminal
            return f"argument {position} ({shown}) is not valid UTF-8 text; nothing was done"
    return None
