"""`jobtui task`, `jobtui done`, `jobtui tasks`: the to-dos of a search, each with its
application and by when."""

from __future__ import annotations

import argparse
from datetime import datetime

from jobtui.cli import render
from jobtui.cli.commands.common import (
    no_database_yet,
    now,
    open_store,
    print_json,
    say,
    when,
)
from jobtui.core import dates
from jobtui.core.model import record_label
from jobtui.ops import tasks as ops_tasks
from jobtui.ops.tasks import TaskOf


def cmd_task(args: argparse.Namespace) -> int:
    at = now()
    due = when(args.due, "due", at) if args.due else None
    with open_store(args, write=True) as store:
        added = ops_tasks.add_task(store, args.id, args.text, due=due, now=at)
    say(added.task.id)
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    at = now()
    with open_store(args, write=True) as store:
        result = ops_tasks.complete_task(store, args.task_id, now=at, done=not args.undo)
    what = f'"{render.one_line(result.task.text)}" of {record_label(result.application)}'
    if not result.changed:
        say(f"{what} was already {'open' if args.undo else 'done'}")
    else:
        say(f"{'reopened' if args.undo else 'done:'} {what}")
    return 0


def cmd_tasks(args: argparse.Namespace) -> int:
    at = now()
    if no_database_yet(args):
        if args.json:
            print_json([])
        return 0
    with open_store(args, write=False) as store:
        found = ops_tasks.tasks(store, every=args.all)
    if args.json:
        print_json([task_json(hit) for hit in found])
        return 0
    if not found:
        say('No open tasks. Add one: jobtui task ID "Take-home: build the ETL" --due "fri 5pm"')
        return 0
    say(render.table(["ID", "DUE", "TASK", "APPLICATION"], [_row(hit, at) for hit in found]))
    return 0


def task_json(hit: TaskOf) -> dict[str, object]:
    """One object of `jobtui tasks --json`."""
    task = hit.task
    return {
        "id": task.id,
        "text": task.text,
        "due": dates.to_iso(task.due),
        "done_at": dates.to_iso(task.done_at),
        "application_id": hit.application.id,
        "company": hit.application.company,
        "role": hit.application.role,
    }


def _row(hit: TaskOf, at: datetime) -> list[str]:
    task = hit.task
    due = dates.format_dated(task.due, at) if task.due else "—"
    if task.done_at:
        due = f"done {dates.format_when(task.done_at, at)}"
    return [
        task.id[:8],
        due,
        render.one_line(task.text, 50),
        render.one_line(record_label(hit.application)),
    ]
