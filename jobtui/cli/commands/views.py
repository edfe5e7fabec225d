"""Commands that only read: show, list, followups, trash, stats, check."""

from __future__ import annotations

import argparse
import contextlib
import gc
from collections.abc import Iterator

from jobtui.cli import render
from jobtui.cli.commands.common import (
    explaining_no_database,
    no_database_yet,
    now,
    open_store,
    print_json,
    rules,
    say,
)
from jobtui.config import ConfigError, load_config
from jobtui.core import search
from jobtui.core.overview import AppRow
from jobtui.keys import key_problems
from jobtui.ops import views


def cmd_show(args: argparse.Namespace) -> int:
    at = now()
    follow_up_rules = None if args.json else rules()  # --json lists no follow-ups
    with open_store(args, write=False) as store, explaining_no_database(args, args.id):
        details = views.show(store, args.id, now=at, rules=follow_up_rules)
    if args.json:
        print_json(render.record_json(details))
    else:
        say(render.record_text(details, at))
    return 0


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading a database makes a few objects per field and keeps them all: the cycle
    collector would walk them again and again as they pile up (about a fifth of `list` at
    10,000 applications) and find nothing to free. So it is paused while they are made,
    and what was made is then left out of its later rounds (gc.freeze): the command ends
    soon after, and everything goes with it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def cmd_list(args: argparse.Namespace) -> int:
    at = now()
    if no_database_yet(args):
        if args.json:
            print_json([])
        return 0
    follow_up_rules = rules()
    with _collector_paused(), open_store(args, write=False) as store:
        rows = views.application_rows(
            store,
            now=at,
            rules=follow_up_rules,
            status=args.status,
            open_only=args.open,
            sort=args.sort,
            search=args.search or "",
        )
    if args.json:
        if args.search:  # which field held it: "notes", "contact Rita Lopez"...
            print_json([_matched_json(row, args.search) for row in rows])
        else:
            print_json([render.row_json(row) for row in rows])
    elif args.search and not rows:
        say(f'no application holds "{args.search}"')
    else:
        say(render.application_table(rows, at))
    return 0


def _matched_json(row: AppRow, text: str) -> dict[str, object]:
    """A `list --search --json` object: the row's, with ``matched``, the first field that
    holds ``text``."""
    found = search.matches(row.searchable, text)
    return {**render.row_json(row), "matched": found.where if found else None}


def cmd_followups(args: argparse.Namespace) -> int:
    at = now()
    if no_database_yet(args):
        if args.json:
            print_json([])
        return 0
    follow_up_rules = rules()
    with _collector_paused(), open_store(args, write=False) as store:
        items = views.followups(store, now=at, rules=follow_up_rules)
    if args.json:
        print_json([item.to_json(at) for item in items])
    elif args.format == "line":
        line = render.followups_line(items)
        if line:  # nothing due: no output at all, so a status bar shows nothing
            say(line)
    else:
        say(render.followup_table(items, at))
    return 0


def cmd_trash(args: argparse.Namespace) -> int:
    if no_database_yet(args):
        if args.json:
            print_json([])
        return 0
    with open_store(args, write=False) as store:
        entries = views.trash(store)
    if args.json:
        print_json([render.trash_json(entry) for entry in entries])
    elif not entries:
        say("the trash is empty")
    else:
        for entry in entries:
            say(render.trash_line(entry))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from jobtui.core.stats import stats_text

    if no_database_yet(args) and not args.json:
        return 0
    with open_store(args, write=False) as store:
        result = views.stats(store, now=now())
    if args.json:
        print_json(result.to_json())
    else:
        say(stats_text(result))
    return 0


def _config_problems() -> list[str]:
    """What is wrong with config.toml, one sentence each naming the setting ([] if nothing):
    a file that cannot be used at all, [keys] settings the TUI will ignore, a [mail] command
    that cannot run, or [messages] naming a template that does not exist."""
    try:
        config = load_config()
    except ConfigError as exc:
        return [str(exc)]
    problems = key_problems(config.keys)
    if config.mail.command:
        from jobtui.io import mail  # only when there is a command to look at

        problems += mail.command_problems(config.mail.command)
    if config.messages.other_roles:
        from jobtui.core import drafts  # Jinja2: only to check the names

        names = [t.name for t in drafts.list_templates()]
        wanted = (drafts.template_name(n) for n in config.messages.other_roles)
        problems += [
            f"[messages] other_roles: no template named {name!r} (there are {', '.join(names)})"
            for name in wanted
            if name not in names
        ]
    where = f"{config.path}: " if config.path else ""
    return [f"{where}{problem}" for problem in problems]


def cmd_check(args: argparse.Namespace) -> int:
    config_problems = _config_problems()
    checked = views.Checked(problems=[], records=0)
    missing = no_database_yet(args)
    if not missing:
        # Only --fix writes; a plain check reads like `list` and never waits for the lock.
        with open_store(args, write=args.fix) as store:
            checked = views.check(store, fix=args.fix)
    if args.json:
        print_json(render.check_json(checked, config_problems))
    elif not missing:
        say(render.check_text(checked))
    if config_problems and not args.json:
        say("config problems:")
        for problem in config_problems:
            say(f"    {problem}")
    records_ok = not checked.problems or args.fix
    return 0 if records_ok and not config_problems else 1
