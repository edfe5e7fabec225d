"""Commands that change records: add, interview, status, set, contact, delete, undelete."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from jobtui.cli import CommandError, render
from jobtui.cli.commands.common import (
    complain,
    explaining_no_database,
    now,
    open_store,
    say,
    warn,
    when,
)
from jobtui.cli.parser import UsageError
from jobtui.config import load_config
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

if TYPE_CHECKING:
    from jobtui.io.capture.ats import AtsBases
    from jobtui.ops.capture import Captured


def _capture_url(args: argparse.Namespace) -> str:
    """The URL to read the posting from ("" for none): the only argument when it is one
    (unless --no-fetch), or --url with --fetch."""
    if args.fetch and args.no_fetch:
        raise UsageError("give --fetch or --no-fetch, not both")
    if args.role is None:
        if not args.company.lower().startswith(("http://", "https://")):
            raise UsageError("give COMPANY ROLE, or the posting's http(s) URL alone")
        if args.url:
            raise UsageError("give the URL once: as the argument, or with --url")
        return "" if args.no_fetch else args.company
    if args.fetch and not args.url:
        raise UsageError("--fetch reads the posting at --url: give one")
    return args.url if args.fetch else ""


def cmd_add(args: argparse.Namespace) -> int:
    at = now()
    capture_url = _capture_url(args)
    by_url = args.role is None
    unread = by_url and not capture_url  # add URL --no-fetch: names to check
    company, role = args.company, args.role
    if by_url:
        from jobtui.ops.capture import names_from_url

        company, role = names_from_url(args.company) if unread else ("", "")
    app = Application(
        company=company,
        role=role,
        status=args.status or Status.APPLIED,
        url=args.company if by_url else args.url or "",
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
    captured = _capture(app, capture_url, at) if capture_url else None
    records.ready_application(app, now=at)  # a bad value opens nothing
    with open_store(args, write=True) as store:
        added = records.add_application(store, app, now=at)
    say(added.application.id)
    short = added.application.id[:8]
    if unread:
        warn(
            f"the page was not read: set the company (for now {app.company}) and the role, "
            f'e.g. jobtui set {short} company="..." role="..."'
        )
    elif captured is not None and captured.needs_check:
        _warn_names_guessed(added.application)
    return 0


def _warn_names_guessed(app: Application) -> None:
    warn(
        f"only the page's title was found: check the company ({app.company}) and the role "
        f"({app.role}), e.g. jobtui set {app.id[:8]} company=..."
    )


def _capture(app: Application, url: str, at: datetime) -> Captured:
    """Read the posting at ``url`` into ``app`` (the empty fields), before anything is
    opened: a failure is one line and adds nothing."""
    from jobtui.ops import capture  # the network and HTML parsing: only for this

    try:
        posting = capture.read_posting_at(url, bases=_bases())
    except capture.CaptureError as exc:
        raise CommandError(str(exc)) from None
    return capture.fill_from_posting(app, posting, now=at)


def _bases() -> AtsBases:
    """The applicant-tracking APIs' base URLs, as the [capture] settings name them."""
    from jobtui.ops import capture

    return capture.ats_bases(load_config().capture)


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


def cmd_fetch(args: argparse.Namespace) -> int:
    from jobtui.ops import capture  # the network and HTML parsing: only for this

    at, bases = now(), _bases()
    with open_store(args, write=True) as store, explaining_no_database(args, args.id):
        try:
            result = capture.refetch(store, args.id, now=at, bases=bases, overwrite=args.overwrite)
        except (capture.CaptureError, capture.NoUrl) as exc:
            raise CommandError(str(exc)) from None
    app = result.application
    say(f"{app.label}: {result.summary}")
    guessed = {"company", "role"} & {*result.filled, *result.replaced}
    if result.captured.needs_check and guessed:
        _warn_names_guessed(app)
    return 0
