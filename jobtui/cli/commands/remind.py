"""`jobtui remind`: a desktop notification per follow-up due, and running that every hour."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from jobtui import locations
from jobtui.cli import CommandError
from jobtui.cli.commands.common import (
    complain,
    db_path,
    no_database_yet,
    now,
    open_store,
    rules,
    say,
    warn,
)

if TYPE_CHECKING:
    from jobtui.io.notify import Notifier
    from jobtui.io.schedule import Scheduled
    from jobtui.ops.remind import Reminder


def cmd_remind(args: argparse.Namespace) -> int:
    # Imported here, like the notifier and the schedule: every other command stays as quick.
    from jobtui.ops import remind

    if args.install:
        return _install(args)
    if args.uninstall:
        return _uninstall()
    at = now()
    if no_database_yet(args):
        return 0
    follow_up_rules = rules()
    with open_store(args, write=False) as store:
        done = remind.remind(
            store,
            now=at,
            rules=follow_up_rules,
            state_path=locations.reminded_file(db_path(args)),
            send=None if args.dry_run else _sender(),
            dry_run=args.dry_run,
        )
    if done.state_problem:
        warn(done.state_problem)
    if args.dry_run:
        for reminder in done.sent:
            say(f"Would remind: {reminder.line}")
    if not done.sent:
        say("Nothing new to remind.")
    return 0


def _notifier() -> Notifier:
    from jobtui.io.notify import NotifyError, find_notifier

    try:
        return find_notifier()
    except NotifyError as exc:
        raise CommandError(str(exc)) from None


def _sender() -> Callable[[Reminder], None]:
    """Send one reminder and say so; a failing notifier ends the command (the ones sent
    before it are remembered). The notifier is looked for at the first reminder: with
    nothing due, an hourly run on a machine without one is not an error."""
    from jobtui.io.notify import NotifyError

    found: list[Notifier] = []

    def send(reminder: Reminder) -> None:
        if not found:
            found.append(_notifier())
        notifier = found[0]
        title = reminder.heading[:1].upper() + reminder.heading[1:]
        try:
            notifier.send(title, reminder.about, urgent=reminder.overdue)
        except NotifyError as exc:
            raise CommandError(str(exc)) from None
        say(f"Reminded: {reminder.line}")

    return send


def scheduled_command(args: argparse.Namespace) -> list[str]:
    """The command a timer runs: this Python running jobtui, on this very database (its
    absolute path: a timer does not read the shell's rc files, so $JOBTUI_DB or
    $XDG_DATA_HOME set there would be missing)."""
    command = [os.path.abspath(sys.executable), "-m", "jobtui"]
    return [*command, "--db", str(db_path(args).absolute()), "remind"]


def _environment() -> dict[str, str]:
    # The config folder in use now (rules, [me]) is the timer's too, wherever it came from.
    return {locations.CONFIG_DIR_ENV: str(locations.config_dir().absolute())}


def _install(args: argparse.Namespace) -> int:
    from jobtui.io.schedule import ScheduleError, install

    try:
        done = install(scheduled_command(args), environment=_environment())
    except ScheduleError as exc:
        raise CommandError(str(exc)) from None
    _report(done)
    if done.ok and done.how in ("systemd", "launchd"):
        say("jobtui remind now runs every hour ('jobtui remind --uninstall' stops it).")
    return 0 if done.ok else 1


def _uninstall() -> int:
    from jobtui.io.schedule import uninstall

    done = uninstall()
    _report(done)
    if not done.removed and done.how in ("systemd", "launchd") and done.ok:
        say("Nothing to remove: no jobtui remind timer is installed.")
    return 0 if done.ok else 1


def _report(done: Scheduled) -> None:
    for path in done.written:
        say(f"wrote {path}")
    for path in done.removed:
        say(f"removed {path}")
    for command in done.ran:
        say(f"ran {command}")
    for failure in done.failed:
        complain(failure)
    for line in done.instructions:
        say(line)
