"""Commands that move data in and out: import, export, backup, backups, restore."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jobtui.cli import CommandError, render
from jobtui.cli.commands.common import (
    complain,
    db_path,
    no_database_yet,
    now,
    open_store,
    print_json,
    rules,
    say,
    warn,
)
from jobtui.db.datafile import write_file_atomically
from jobtui.ops import transfer

if TYPE_CHECKING:
    from jobtui.ops import invites


def cmd_backup(args: argparse.Namespace) -> int:
    folder = Path(args.folder).expanduser() if args.folder else None
    with open_store(args, write=True) as store:
        path = transfer.backup(store, folder)
    say(path)
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    folder = transfer.backups_folder(db_path(args))
    if not folder.exists() and no_database_yet(args):
        if args.json:
            print_json([])
        return 0
    backups = transfer.list_backups(db_path(args))
    if args.json:
        print_json([render.backup_json(info) for info in backups])
    elif not backups:
        say(f"no backups yet in {folder}")
    else:
        for info in backups:
            say(render.backup_line(info))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    backup = Path(args.backup).expanduser()
    with open_store(args, write=True) as store:
        restored = transfer.restore_backup(store, backup)
    say(f"restored {restored.applications} applications from {restored.backup}")
    if restored.kept is not None:
        say(f"the file as it was before is kept as {restored.kept}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from jobtui.io.importing import ImportFileError, is_calendar_file

    path = Path(args.file).expanduser()
    if args.format == "ics" or (args.format is None and is_calendar_file(path)):
        return _import_invites(args, path)
    if args.for_id:
        raise CommandError("--for is only for calendar invites (.ics)")
    try:
        with open_store(args, write=not args.dry_run) as store:
            plan = transfer.import_file(
                store, path, now=now(), format=args.format, dry_run=args.dry_run
            )
    except ImportFileError as exc:
        raise CommandError(str(exc)) from None
    if args.dry_run:
        for line in plan.report_lines():
            say(line)
        say(plan.summary())
    else:
        for error in plan.errors:
            complain(str(error))
        say(plan.summary(done=True))
    return 1 if plan.errors else 0


# At most this many applications are listed for an invite that matches none.
CANDIDATES_SHOWN = 10


def _import_invites(args: argparse.Namespace, path: Path) -> int:
    """Interviews from calendar invites: each event added to, or updating, its application."""
    from jobtui import locations
    from jobtui.config import load_config
    from jobtui.ops import invites

    config = load_config()
    me = config.me.email.strip()
    try:
        with open_store(args, write=not args.dry_run) as store:
            plan = invites.import_invites(
                store, path, my_email=me, for_id=args.for_id, dry_run=args.dry_run
            )
    except invites.InviteFileError as exc:
        raise CommandError(str(exc)) from None
    if not me and plan.invites:
        warn(invites.unset_email_warning(config.path or locations.config_file()))
    if not plan.ready:
        _explain_unmatched(plan, args.file)
        return 1
    if not plan.invites:
        say(f"no events in {path}: nothing imported")
    for line in plan.lines():
        say(line)
    return 0


def _explain_unmatched(plan: invites.InvitePlan, typed: str) -> None:
    """Each event without its one application, what it could be for, and what to type."""
    listing: tuple[invites.Candidate, ...] = ()
    for miss in plan.unmatched:
        complain(f"{plan.name}: {miss.line()}")
        if miss.several:
            _to_stderr("  it could be for:")
            _list_candidates(miss.candidates)
        else:
            listing = miss.candidates
    if any(not miss.several for miss in plan.unmatched):
        if listing:
            _to_stderr("the applications:")
            _list_candidates(listing)
        else:
            _to_stderr("there are no applications yet: add one first (jobtui add COMPANY ROLE)")
    # A real id only when it is the one choice listed: any other could be unrelated.
    candidates = plan.candidates()
    example = candidates[0].id[:8] if len(candidates) == 1 else "ID"
    command = f"jobtui import {shlex.quote(typed)} --for {example}"
    complain(f"nothing imported: say which application with --for ({command})")


def _list_candidates(candidates: tuple[invites.Candidate, ...]) -> None:
    for candidate in candidates[:CANDIDATES_SHOWN]:
        _to_stderr(f"    {candidate.line()}")
    if len(candidates) > CANDIDATES_SHOWN:
        _to_stderr(f"    ... and {len(candidates) - CANDIDATES_SHOWN} more (jobtui list)")


def _to_stderr(line: str) -> None:
    print(render.printable(line), file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    at = now()
    if no_database_yet(args):
        return 0  # nothing to export: no file is written, nothing is printed
    follow_up_rules = rules()
    with open_store(args, write=False) as store:
        payload = transfer.export(
            store, args.format, now=at, rules=follow_up_rules, excel=args.excel
        )
    if args.output:
        target = Path(args.output).expanduser()
        try:
            write_file_atomically(target, payload)
        except OSError as exc:
            raise CommandError(f"cannot write {target}: {exc.strerror}") from None
        what = "applications" if args.format != "ics" else "interviews and follow-ups"
        say(f"wrote {target} ({args.format}, {what})")
    else:
        if sys.stdout.isatty():  # a person reads it: stored control characters shown, not run
            text = payload.decode("utf-8").replace("\r\n", "\n")  # CSV and ICS end lines so
            payload = render.printable(text).encode("utf-8")
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return 0
