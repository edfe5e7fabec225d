"""Commands that change records: add, interview, status, set, contact, delete, undelete."""

from __future__ import annotations

import argparse

from jobtui.cli import render
from jobtui.cli.commands.common import (
    complain,
    now,
    open_store,
    say,
    warn,
    when,
)
from jobtui.cli.parser import UsageError
from jobtui.core import dates
from jobtui.core.fields import parse_list, parse_money
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    Person,
    Status,
    ValidationError,
    record_label,
)
from jobtui.ops import records


def cmd_add(args: argparse.Namespace) -> int:
    at = now()
    app = Application(
        company=args.company,
        role=args.role,
        status=args.status or Status.APPLIED,
        url=args.url or "",
        location=args.location or "",
        source=args.source or "",
        tags=parse_list(",".join(args.tag)),
        salary_min=parse_money(args.salary_min or "", "salary_min"),
        salary_max=parse_money(args.salary_max or "", "salary_max"),
        salary_currency=args.currency or "",
        notes=args.notes or "",
    )
    if args.applied:
        try:
            app.applied_on = dates.parse_day(args.applied, at)
        except ValueError as exc:
            raise ValidationError("applied", str(exc)) from None
    records.ready_application(app, now=at)  # a bad value opens nothing
    with open_store(args, write=True) as store:
        added = records.add_application(store, app, now=at)
    say(added.application.id)
    return 0


def cmd_interview(args: argparse.Namespace) -> int:
    at = now()
    interview = Interview(application_id="", starts_at=when(args.when, "when", at))
    if args.kind:
        interview.kind = args.kind
    try:
        interview.duration = dates.parse_duration(args.duration)
    except ValueError as exc:
        raise ValidationError("duration", str(exc)) from None
    interview.interviewers = [Person.parse(name) for name in args.interviewers if name.strip()]
    interview.where = args.where or ""
    with open_store(args, write=True) as store:
        added = records.add_interview(store, interview, app_id=args.app)
    say(added.interview.id)
    # stderr, so that `ID=$(jobtui interview ...)` still gets just the id.
    if added.moved is not None:
        complain(f"{added.application.label} moved from {added.was.value} to {added.moved.value}")
    if added.warning:
        warn(added.warning)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with open_store(args, write=True) as store:
        result = records.change_status(store, args.app, args.status)
    unchanged = "" if result.changed else " (unchanged)"
    say(f"{result.application.label}: {result.status.value}{unchanged}")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    pairs = []
    for assignment in args.assignments:
        name, sep, value = assignment.partition("=")
        if not sep or not name.strip():
            raise UsageError(f'"{assignment}" is not FIELD=VALUE')
        pairs.append((name, value))
    with open_store(args, write=True) as store:
        result = records.set_fields(store, args.id, pairs, now=now())
    say(f"set {', '.join(result.names)} on {record_label(result.record)}")
    return 0


def cmd_contact(args: argparse.Namespace) -> int:
    contact = Contact(
        name=args.name,
        title=args.title or "",
        company=args.company or "",
        email=args.email or "",
        phone=args.phone or "",
        url=args.url or "",
    )
    contact.validate()  # a bad value opens nothing
    with open_store(args, write=True) as store:
        added = records.add_contact(store, contact, app_id=args.app)
    say(added.contact.id)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with open_store(args, write=True) as store:
        deleted = records.delete(store, args.id)
    record = deleted.record
    say(f"moved {record_label(record)} to the trash (jobtui undelete {record.id[:8]})")
    return 0


def cmd_undelete(args: argparse.Namespace) -> int:
    with open_store(args, write=True) as store:
        result = records.undelete(store, args.id)
    if result.record is None:  # it went to the trash damaged, and comes back as it was
        shown = render.printable(result.label)
        say(f"restored {shown} as it was stored; it is still damaged ('jobtui check' says why)")
    else:
        say(f"restored {record_label(result.record)}")
    return 0
