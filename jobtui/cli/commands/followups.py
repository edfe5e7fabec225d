"""Commands about follow-ups: log one as sent, snooze."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jobtui.cli import CommandError
from jobtui.cli.commands.common import now, open_store, rules, say, when
from jobtui.core import dates
from jobtui.ops import followups


def cmd_sent(args: argparse.Namespace) -> int:
    at = now()
    sent_at = when(args.at, "at", at) if args.at else at
    follow_up_rules = rules()
    body = _body(args.body_file) if args.body_file else ""
    with open_store(args, write=True) as store:
        sent = followups.mark_sent(
            store,
            args.target,
            now=at,
            rules=follow_up_rules,
            kind=args.kind,
            at=sent_at,
            to=args.to,
            channel=args.channel,
            subject=args.subject,
            body=body,
        )
    say(f"logged {sent.kind.label} for {sent.application.label} at {dates.format_when(sent_at)}")
    return 0


def _body(name: str) -> str:
    """The text of --body-file (``-``: standard input), as typed: read before anything is
    written, so a file that cannot be read logs nothing."""
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise CommandError(f"--body-file {name}: cannot read it ({exc.strerror})") from None
    try:
        return raw.decode("utf-8").strip("\n").rstrip()
    except UnicodeDecodeError as exc:
        raise CommandError(f"--body-file {name}: byte {exc.start} is not UTF-8 text") from None


def cmd_snooze(args: argparse.Namespace) -> int:
    at = now()
    off = args.until.strip().lower() in ("off", "none", "")
    until = None if off else when(args.until, "until", at)
    with open_store(args, write=True) as store:
        followups.snooze(store, args.target, until)
    say("snooze cleared" if until is None else f"snoozed until {dates.format_when(until)}")
    return 0
