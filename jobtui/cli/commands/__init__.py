"""One function per subcommand, grouped by theme; each takes the parsed args and returns an
exit status. A command body parses what argparse could not, calls one use case of
:mod:`jobtui.ops`, and reports the result (through :mod:`jobtui.cli.render`)."""

from __future__ import annotations

from jobtui.cli.commands import (
    contacts,
    followups,
    messages,
    offers,
    records,
    remind,
    tasks,
    transfer,
    views,
)
from jobtui.cli.commands.common import Command, reporting_warnings

_BY_NAME: dict[str, Command] = {
    "add": records.cmd_add,
    "fetch": records.cmd_fetch,
    "interview": records.cmd_interview,
    "status": records.cmd_status,
    "sent": followups.cmd_sent,
    "snooze": followups.cmd_snooze,
    "show": views.cmd_show,
    "set": records.cmd_set,
    "list": views.cmd_list,
    "followups": views.cmd_followups,
    "remind": remind.cmd_remind,
    "contact": records.cmd_contact,
    "task": tasks.cmd_task,
    "done": tasks.cmd_done,
    "tasks": tasks.cmd_tasks,
    "contacts": contacts.cmd_contacts,
    "offers": offers.cmd_offers,
    "delete": records.cmd_delete,
    "trash": views.cmd_trash,
    "undelete": records.cmd_undelete,
    "backup": transfer.cmd_backup,
    "backups": transfer.cmd_backups,
    "restore": transfer.cmd_restore,
    "import": transfer.cmd_import,
    "export": transfer.cmd_export,
    "stats": views.cmd_stats,
    "render": messages.cmd_render,
    "templates": messages.cmd_templates,
    "check": views.cmd_check,
}

COMMANDS: dict[str, Command] = {
    # `check` lists the damaged records itself; every other command says how many it skipped.
    name: reporting_warnings(command, skipped=name != "check")
    for name, command in _BY_NAME.items()
}
"""Every subcommand by name, wrapped so the data layer's warnings reach stderr after it."""
