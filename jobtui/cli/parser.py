"""The argparse definition of jobtui's command line."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from jobtui import __version__
from jobtui.core.model import InterviewKind, SentKind, Status, ValidationError

SORTS = ("urgency", "company", "applied", "status")
"""The orders of `jobtui list` (the TUI's, urgency first)."""
# jobtui.io.importing.FORMATS, spelled out so that parsing never imports the importer (a test
# keeps the two the same).
IMPORT_FORMATS = ("jobtui-json", "linkedin-applications", "linkedin-saved", "teal", "huntr", "csv")


class UsageError(Exception):
    """Bad command-line usage: exit status 2."""


class _Parser(argparse.ArgumentParser):
    # argparse prints usage plus the error and exits; we want one line and our own exit.
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)


def _choice(enum: type[Status] | type[InterviewKind] | type[SentKind]):
    """An argparse ``type`` reading one of ``enum``'s values the way forms do ("phone
    screen", a unique prefix); anything else is a usage error naming the choices."""

    def parse(text: str):
        try:
            return enum.parse(text, "value")
        except ValidationError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None

    parse.__name__ = enum.__name__
    return parse


def _db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        # The subcommand's copy must not reset a --db given before the subcommand.
        default=None if top else argparse.SUPPRESS,
        help="database file (default: $JOBTUI_DB, else the user data folder's jobtui.json)",
    )


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def build_parser() -> argparse.ArgumentParser:
    """The full jobtui command line."""
    statuses = ", ".join(s.value for s in Status)
    kinds = ", ".join(k.value for k in InterviewKind)
    parser = _Parser(
        prog="jobtui",
        description="A keyboard-first terminal organizer for a job search. "
        "With no command, opens the TUI.",
    )
    parser.add_argument("--version", action="version", version=f"jobtui {__version__}")
    _db_option(parser, top=True)
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway copy of demo data in the TUI"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        _db_option(cmd, top=False)
        return cmd

    add = command("add", "add an application; prints its id")
    add.add_argument("company")
    add.add_argument("role")
    add.add_argument("--status", type=_choice(Status), help=f"one of: {statuses} (default applied)")
    add.add_argument(
        "--applied", metavar="WHEN", help='when you applied (default today), e.g. "mon"'
    )
    add.add_argument("--url")
    add.add_argument("--location")
    add.add_argument("--source", help="where you found it")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.add_argument("--salary-min", metavar="AMOUNT")
    add.add_argument("--salary-max", metavar="AMOUNT")
    add.add_argument("--currency")
    add.add_argument("--notes", help="notes (Markdown)")

    interview = command("interview", "add an interview to an application; prints its id")
    interview.add_argument("app", metavar="APP", help="application id (any unique prefix)")
    interview.add_argument("when", metavar="WHEN", help='e.g. "tomorrow 10am", "Dec 3 2pm PST"')
    interview.add_argument("--kind", type=_choice(InterviewKind), help=f"one of: {kinds}")
    interview.add_argument(
        "--with",
        dest="interviewers",
        action="append",
        default=[],
        metavar="NAME",
        help='an interviewer, "Name" or "Name <email>" (repeatable)',
    )
    interview.add_argument("--duration", default="1h", help="e.g. 45m, 1h30m (default 1h)")
    interview.add_argument("--where", help="a place or a link")

    status = command("status", "change an application's status")
    status.add_argument("app", metavar="APP")
    status.add_argument("status", metavar="STATUS", type=_choice(Status), help=statuses)

    sent = command("sent", "log a thank-you or follow-up as sent")
    sent.add_argument("target", metavar="INTERVIEW_OR_APP")
    sent.add_argument("--at", metavar="WHEN", help="when it was sent (default now)")
    sent.add_argument(
        "--kind",
        type=_choice(SentKind),
        help=f"{', '.join(k.value for k in SentKind)} (default: whatever is owed)",
    )
    sent.add_argument("--to", default="", help="who it went to")
    sent.add_argument(
        "--channel", default="email", help="email, linkedin, phone... (default email)"
    )

    snooze = command("snooze", "snooze the follow-ups of an application or interview")
    snooze.add_argument("target", metavar="ID")
    snooze.add_argument("until", metavar="WHEN", help='e.g. "next monday", "+3d"; "off" to clear')

    show = command("show", "print one record with every field")
    show.add_argument("id", metavar="ID")
    _json_option(show)

    set_cmd = command("set", "set fields of a record: FIELD=VALUE...")
    set_cmd.add_argument("id", metavar="ID")
    set_cmd.add_argument("assignments", metavar="FIELD=VALUE", nargs="+")

    lst = command("list", "list applications")
    lst.add_argument("--status", type=_choice(Status), help=f"only this status ({statuses})")
    lst.add_argument("--open", action="store_true", help="hide closed applications")
    lst.add_argument(
        "--sort",
        choices=SORTS,
        default="urgency",
        help="urgency (the default: most pressing first, as in the TUI), company, "
        "applied (newest first) or status",
    )
    _json_option(lst)

    followups = command("followups", "list what needs a follow-up, most urgent first")
    _json_option(followups)

    contact = command("contact", "add a contact; prints its id")
    contact.add_argument("name")
    contact.add_argument("--title")
    contact.add_argument("--company")
    contact.add_argument("--email")
    contact.add_argument("--phone")
    contact.add_argument("--url")
    contact.add_argument("--for", dest="app", metavar="APP", help="link to this application")

    delete = command("delete", "move a record to the trash (undelete brings it back)")
    delete.add_argument("id", metavar="ID")

    trash = command("trash", "list deleted records")
    _json_option(trash)

    render = command("render", "print a follow-up message drafted from a template")
    render.add_argument(
        "template", metavar="TEMPLATE", help="a template name (see 'jobtui templates')"
    )
    render.add_argument(
        "id",
        metavar="ID",
        help="an interview, or an application (its latest interview so far is used)",
    )

    templates = command("templates", "list message templates and where each comes from")
    _json_option(templates)

    undelete = command("undelete", "bring a deleted record back from the trash")
    undelete.add_argument("id", metavar="ID", help="its id (any unique prefix), see 'jobtui trash'")

    backup = command("backup", "copy the database to a folder now; prints the copy's path")
    backup.add_argument(
        "folder", metavar="DIR", nargs="?", help="where to (default: the backups folder)"
    )

    backups = command("backups", "list the backups kept beside the database, newest first")
    _json_option(backups)

    imp = command(
        "import", "bring applications in from a CSV (LinkedIn, Teal, Huntr...) or an export"
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help=f"{', '.join(IMPORT_FORMATS)} (default: detected from the file)",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would be added, updated and skipped"
    )

    export = command("export", "write everything out as JSON, CSV or a calendar (ICS)")
    export.add_argument("--format", choices=("json", "csv", "ics"), default="json")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.add_argument(
        "--excel", action="store_true", help="CSV: add a byte-order mark so Excel reads UTF-8"
    )

    stats = command("stats", "the funnel, response rates by source, and activity per week")
    _json_option(stats)

    check = command(
        "check", "find damaged records; exit 1 if there are any (--fix moves them to the trash)"
    )
    check.add_argument(
        "--fix",
        action="store_true",
        help="take a backup, then move every damaged record into the trash (undelete restores)",
    )
    _json_option(check)

    restore = command("restore", "replace the database with a backup (the current file is kept)")
    restore.add_argument("backup", metavar="BACKUP", help="a backup file (see 'jobtui backups')")
    return parser
