"""`jobtui contacts [--json]`: every contact, its applications, the last message."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from jobtui.cli import render
from jobtui.cli.commands.common import no_database_yet, now, open_store, print_json, say
from jobtui.core import dates
from jobtui.ops.contacts import ContactRow, contact_rows, last_written_text

NO_CONTACTS = (
    "no contacts yet: add one with  jobtui contact NAME [--title T] [--company C] "
    "[--email E] [--phone P] [--for APP]"
)


def cmd_contacts(args: argparse.Namespace) -> int:
    if no_database_yet(args):
        if args.json:
            print_json([])
        return 0
    with open_store(args, write=False) as store:
        rows = contact_rows(store)
    if args.json:
        print_json([contact_json(row) for row in rows])
    else:
        say(contact_table(rows, now()))
    return 0


def contact_table(rows: list[ContactRow], now: datetime) -> str:
    """The human `contacts` output (the id first, as `list` has it: `set`, `show` and
    `delete` take it)."""
    if not rows:
        return NO_CONTACTS
    body = [
        [
            row.contact.id[:8],
            render.one_line(row.contact.name, 30),
            render.one_line(row.contact.title, 30),
            render.one_line(row.contact.company, 24),
            render.one_line(row.contact.email, 36),
            render.one_line(row.contact.phone, 20),
            render.one_line(", ".join(row.companies), 36),
            last_written_text(row, now),
        ]
        for row in rows
    ]
    headers = ["ID", "NAME", "TITLE", "COMPANY", "EMAIL", "PHONE", "APPLICATIONS", "LAST WRITTEN"]
    return render.table(headers, body)


def contact_json(row: ContactRow) -> dict[str, Any]:
    """One object of `jobtui contacts --json`."""
    contact = row.contact
    return {
        "id": contact.id,
        "name": contact.name,
        "title": contact.title,
        "company": contact.company,
        "email": contact.email,
        "phone": contact.phone,
        "url": contact.url,
        "applications": [
            {"id": app.id, "company": app.company, "role": app.role, "status": app.status.value}
            for app in row.applications
        ],
        "last_written": dates.to_iso(row.last_written),
    }
