"""What every command shares: opening the store, printing safely, the "no database yet"
answer, reading a typed moment, and the data layer's warnings after the command ran."""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from jobtui import locations
from jobtui.cli import CommandError, render
from jobtui.config import FollowUpRules, load_config
from jobtui.core import dates
from jobtui.core.model import ValidationError
from jobtui.core.textsafe import shorten
from jobtui.core.words import plural
from jobtui.db.store import NotFoundError, Store

Command = Callable[[argparse.Namespace], int]

# Every store a command opened, so its warnings are printed once the command is done.
_opened: list[Store] = []


def open_store(args: argparse.Namespace, *, write: bool) -> Store:
    """The database ``--db`` names. Readers never take the lock or touch the file, so
    `jobtui list` works beside a running TUI; a writer takes the lock only for its save,
    waiting for one in progress elsewhere."""
    wait = load_config().lock_wait_seconds if write else 0.0
    store = Store(db_path(args), read_only=not write, lock_wait=wait)
    _opened.append(store)
    return store


def db_path(args: argparse.Namespace) -> Path:
    """The database file the command works on."""
    return locations.database_file(args.db)


def rules() -> FollowUpRules:
    """The user's follow-up rules."""
    return load_config().followup


def say(text: object = "") -> None:
    """Print a line of human output. Stored text may hold ESC, OSC and other control
    characters: they are shown visibly, never sent to the terminal raw."""
    print(render.printable(str(text)))


def complain(message: str) -> None:
    """A line on stderr, "jobtui: ...", control characters shown visibly."""
    print(f"jobtui: {render.printable(message)}", file=sys.stderr)


def warn(message: str) -> None:
    complain(f"warning: {message}")


def print_json(value: object) -> None:
    print(render.json_text(value))


def now() -> datetime:
    return dates.now()


def when(text: str, field: str, at: datetime) -> datetime:
    """A typed moment ("tomorrow 10am"), a ValidationError naming ``field`` if it is not one."""
    try:
        return dates.parse_when(text, at)
    except ValueError as exc:
        raise ValidationError(field, str(exc)) from None


@contextlib.contextmanager
def explaining_no_database(args: argparse.Namespace, prefix: str) -> Iterator[None]:
    """Around a call that looks ``prefix`` up: a NotFoundError becomes "no database at PATH
    yet" when that is why nothing matched."""
    try:
        yield
    except NotFoundError:
        path = db_path(args)
        if not path.exists():
            raise CommandError(
                f'no record "{shorten(prefix, 60)}": {no_database_message(path)}'
            ) from None
        raise


def no_database_message(path: Path) -> str:
    return f"no database at {path} yet ('jobtui add COMPANY ROLE' starts one)"


def no_database_yet(args: argparse.Namespace) -> bool:
    """For a command that only reads: True (having said so on stderr) when there is no
    database file yet, so the command prints nothing instead of creating or inventing one."""
    path = db_path(args)
    if path.exists():
        return False
    complain(no_database_message(path))
    return True


def _print_warnings(*, skipped: bool) -> None:
    """Print what the data layer had to say while the command ran (each only once).

    ``skipped``: also say how many damaged records were left out (``check`` lists them itself).
    """
    stores, _opened[:] = list(_opened), []
    for store in stores:
        bad = render.damaged_count(store.skipped)
        if skipped and bad:
            were, its = ("was", "it is") if bad == 1 else ("were", "they are")
            skipped_records = f"{plural(bad, 'record')} {were} skipped because {its} damaged"
            warn(f"{skipped_records}; run 'jobtui check' for details")
        for warning in store.take_warnings():
            warn(warning)


def reporting_warnings(command: Command, *, skipped: bool = True) -> Command:
    """Wrap a command so the data layer's warnings reach stderr after it ran, even if it
    failed; ``skipped=False`` for a command that lists damaged records itself."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        _opened.clear()
        try:
            return command(args)
        finally:
            _print_warnings(skipped=skipped)

    return run
