"""The argparse definition of jobtui's command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import NoReturn

from jobtui import __version__
from jobtui.core.model import InterviewKind, SentKind, Status, ValidationError

SORTS = ("urgency", "company", "applied", "status")
"""The orders of `jobtui list` (the TUI's, urgency first)."""
# jobtui.io.importing.FORMATS, spelled out so that parsing never imports the importer (a test
# keeps the two the same).
IMPORT_FORMATS = (
    "jobtui-json",
    "linkedin-applications",
    "linkedin-saved",
    "teal",
    "huntr",
    "csv",
    "ics",
)


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


def _followups(cmd: argparse.ArgumentParser) -> None:
    _json_option(cmd)
    cmd.add_argument(
        "--format",
        choices=("table", "line"),
        default="table",
        help='"line": one short line for a status bar ("2 overdue, 3 due"; empty if none)',
    )


def _remind(cmd: argparse.ArgumentParser) -> None:
    what = cmd.add_mutually_exclusive_group()
    what.add_argument(
        "--dry-run",
        action="store_true",
        help="print what it would send, one line each; send nothing, remember nothing",
    )
    what.add_argument(
        "--install",
        action="store_true",
        help="run it every hour (a systemd user timer, a launchd agent, or a crontab line)",
    )
    what.add_argument(
        "--uninstall", action="store_true", help="stop running it every hour (undoes --install)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The full jobtui command line: the global options, then one subcommand per row of
    :data:`SUBCOMMANDS`."""
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
    for name, help_text, add_arguments in SUBCOMMANDS:
        command = sub.add_parser(name, help=help_text, description=help_text)
        _db_option(command, top=False)
        add_arguments(command)
    return parser


def _statuses() -> str:
    return ", ".join(s.value for s in Status)


def _add(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("company", help="the company, or the posting's http(s) URL alone")
    cmd.add_argument("role", nargs="?", help="the role (not with a URL: it is read from there)")
    cmd.add_argument(
        "--fetch",
        action="store_true",
        help="read the posting at --url and fill in what was not given",
    )
    cmd.add_argument(
        "--no-fetch",
        action="store_true",
        help="with a URL alone: add it as given, without reading the page",
    )
    cmd.add_argument(
        "--status", type=_choice(Status), help=f"one of: {_statuses()} (default applied)"
    )
    cmd.add_argument(
        "--applied", metavar="WHEN", help='when you applied (default today), e.g. "mon"'
    )
    cmd.add_argument("--url")
    cmd.add_argument("--location")
    cmd.add_argument("--source", help="where you found it")
    cmd.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    cmd.add_argument("--salary-min", metavar="AMOUNT")
    cmd.add_argument("--salary-max", metavar="AMOUNT")
    cmd.add_argument("--currency")
    cmd.add_argument("--notes", help="notes (Markdown)")


def _interview(cmd: argparse.ArgumentParser) -> None:
    kinds = ", ".join(k.value for k in InterviewKind)
    cmd.add_argument("app", metavar="APP", help="application id (any unique prefix)")
    cmd.add_argument("when", metavar="WHEN", help='e.g. "tomorrow 10am", "Dec 3 2pm PST"')
    cmd.add_argument("--kind", type=_choice(InterviewKind), help=f"one of: {kinds}")
    cmd.add_argument(
        "--with",
        dest="interviewers",
        action="append",
        default=[],
        metavar="NAME",
        help='an interviewer, "Name" or "Name <email>" (repeatable)',
    )
    cmd.add_argument("--duration", default="1h", help="e.g. 45m, 1h30m (default 1h)")
    cmd.add_argument("--where", help="a place or a link")


def _status(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("app", metavar="APP")
    cmd.add_argument("status", metavar="STATUS", type=_choice(Status), help=_statuses())


def _sent(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("target", metavar="INTERVIEW_OR_APP")
    cmd.add_argument("--at", metavar="WHEN", help="when it was sent (default now)")
    cmd.add_argument(
        "--kind",
        type=_choice(SentKind),
        help=f"{', '.join(k.value for k in SentKind)} (default: whatever is owed)",
    )
    cmd.add_argument("--to", default="", help="who it went to")
    cmd.add_argument("--channel", default="email", help="email, linkedin, phone... (default email)")
    cmd.add_argument("--subject", default="", help="the subject of the message sent, to keep")
    cmd.add_argument(
        "--body-file",
        metavar="FILE",
        help="a UTF-8 text file holding the message sent, to keep ('-': standard input)",
    )


def _snooze(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("target", metavar="ID")
    cmd.add_argument("until", metavar="WHEN", help='e.g. "next monday", "+3d"; "off" to clear')


def _show(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID")
    _json_option(cmd)


def _set(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID")
    cmd.add_argument("assignments", metavar="FIELD=VALUE", nargs="+")


def _list(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--status", type=_choice(Status), help=f"only this status ({_statuses()})")
    cmd.add_argument(
        "--search",
        metavar="TEXT",
        help="only applications whose text holds TEXT anywhere (as / does in the TUI)",
    )
    cmd.add_argument("--open", action="store_true", help="hide closed applications")
    cmd.add_argument(
        "--sort",
        choices=SORTS,
        default="urgency",
        help="urgency (the default: most pressing first, as in the TUI), company, "
        "applied (newest first) or status",
    )
    _json_option(cmd)


def _contact(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("name")
    cmd.add_argument("--title")
    cmd.add_argument("--company")
    cmd.add_argument("--email")
    cmd.add_argument("--phone")
    cmd.add_argument("--url")
    cmd.add_argument("--for", dest="app", metavar="APP", help="link to this application")


def _one_id(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID")


def _render(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "template", metavar="TEMPLATE", help="a template name (see 'jobtui templates')"
    )
    cmd.add_argument(
        "id",
        metavar="ID",
        help="an interview, or an application (its latest interview so far is used)",
    )
    cmd.add_argument(
        "--fresh",
        action="store_true",
        help="render the template even when a draft edited in the composer is kept",
    )
    handover = cmd.add_mutually_exclusive_group()
    handover.add_argument(
        "--mailto", action="store_true", help="print it as a mailto: link instead"
    )
    handover.add_argument(
        "--open",
        action="store_true",
        help="hand it to your mail program ([mail] command in config, else the mailto: handler)",
    )


def _undelete(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID", help="its id (any unique prefix), see 'jobtui trash'")


def _backup(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "folder", metavar="DIR", nargs="?", help="where to (default: the backups folder)"
    )


def _task(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID", help="the application (its id or a unique prefix)")
    cmd.add_argument("text", metavar="TEXT", help='what to do, e.g. "Take-home: build the ETL"')
    cmd.add_argument("--due", metavar="WHEN", help='by when, e.g. "fri 5pm", "+3d"')


def _done(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("task_id", metavar="TASK_ID", help="the task (its id or a unique prefix)")
    cmd.add_argument("--undo", action="store_true", help="open the task again")


def _tasks(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--all",
        action="store_true",
        help="every task: the done ones and closed applications' too "
        "(default: the open tasks of open applications)",
    )
    _json_option(cmd)


def _fetch(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("id", metavar="ID", help="the application (its id or a unique prefix)")
    cmd.add_argument(
        "--overwrite",
        action="store_true",
        help="replace what is there with what the posting says (default: fill empty fields)",
    )


def _import(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "file", metavar="FILE", help="a CSV, a jobtui export, or a calendar invite (.ics)"
    )
    cmd.add_argument(
        "--for",
        dest="for_id",
        metavar="ID",
        help="invites: the application they belong to (default: matched by email and name)",
    )
    cmd.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help=f"{', '.join(IMPORT_FORMATS)} (default: detected from the file)",
    )
    cmd.add_argument(
        "--dry-run", action="store_true", help="show what would be added, updated and skipped"
    )


def _export(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--format", choices=("json", "csv", "ics"), default="json")
    cmd.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    cmd.add_argument(
        "--excel", action="store_true", help="CSV: add a byte-order mark so Excel reads UTF-8"
    )


def _check(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--fix",
        action="store_true",
        help="take a backup, then move every damaged record into the trash (undelete restores)",
    )
    _json_option(cmd)


def _restore(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("backup", metavar="BACKUP", help="a backup file (see 'jobtui backups')")


SUBCOMMANDS: tuple[tuple[str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("add", "add an application (or read it from a posting's URL); prints its id", _add),
    ("fetch", "read an application's posting again from its URL", _fetch),
    ("interview", "add an interview to an application; prints its id", _interview),
    ("status", "change an application's status", _status),
    ("sent", "log a thank-you or follow-up as sent", _sent),
    ("snooze", "snooze the follow-ups of an application or interview", _snooze),
    ("show", "print one record with every field", _show),
    ("set", "set fields of a record: FIELD=VALUE...", _set),
    ("list", "list applications", _list),
    ("followups", "list what needs a follow-up, most urgent first", _followups),
    (
        "remind",
        "a desktop notification for each follow-up due or overdue (once a day each)",
        _remind,
    ),
    ("task", "add a task to an application (a take-home, a form to send); prints its id", _task),
    ("done", "mark a task done", _done),
    ("tasks", "list the open tasks, soonest due first", _tasks),
    ("contact", "add a contact; prints its id", _contact),
    ("contacts", "list every contact, its applications and when you last wrote", _json_option),
    ("offers", "compare the open offers: each part, first-year and yearly totals", _json_option),
    ("delete", "move a record to the trash (undelete brings it back)", _one_id),
    ("trash", "list deleted records", _json_option),
    ("render", "print a follow-up message drafted from a template", _render),
    ("templates", "list message templates and where each comes from", _json_option),
    ("undelete", "bring a deleted record back from the trash", _undelete),
    ("backup", "copy the database to a folder now; prints the copy's path", _backup),
    ("backups", "list the backups kept beside the database, newest first", _json_option),
    (
        "import",
        "bring applications in from a CSV (LinkedIn, Teal, Huntr...) or an export, "
        "interviews from calendar invites (.ics)",
        _import,
    ),
    ("export", "write everything out as JSON, CSV or a calendar (ICS)", _export),
    ("stats", "the funnel, response rates by source, and activity per week", _json_option),
    (
        "check",
        "find damaged records; exit 1 if there are any (--fix moves them to the trash)",
        _check,
    ),
    ("restore", "replace the database with a backup (the current file is kept)", _restore),
)
"""Every subcommand, in the order --help lists them: (name, help, a function adding its
arguments)."""
