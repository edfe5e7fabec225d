"""Commands about messages: render a draft, list the templates. Jinja2 loads only here."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from jobtui.cli import CommandError, render
from jobtui.cli.commands.common import (
    complain,
    explaining_no_database,
    now,
    open_store,
    print_json,
    say,
)
from jobtui.config import load_config
from jobtui.core import dates
from jobtui.core.outgoing import outgoing

if TYPE_CHECKING:
    from jobtui.ops.messages import MessageContext


def cmd_render(args: argparse.Namespace) -> int:
    from jobtui.core.drafts import TemplateError
    from jobtui.ops import messages

    config = load_config()
    with open_store(args, write=False) as store, explaining_no_database(args, args.id):
        context = messages.message_context(store, args.id, me=config.me, now=now())
    try:
        draft, kept = messages.message_to_send(
            context, args.template, other_roles=config.messages.other_roles, fresh=args.fresh
        )
    except TemplateError as exc:
        raise CommandError(str(exc)) from None
    if kept is not None:
        saved = f" (saved {dates.format_when(kept.saved_at)})" if kept.saved_at else ""
        complain(
            f"the draft you edited in the composer{saved}, not the template as it renders now "
            "(--fresh renders the template)"
        )
    # Meant for pasting into an email: control characters are dropped, not shown.
    text = render.pasteable(draft.text())
    if args.mailto or args.open:
        return _hand_over(text, draft.greeted, context, config.mail.command, open_it=args.open)
    print(text, end="")
    return 0


def _hand_over(
    text: str, greeted: Sequence[Any], context: MessageContext, command: str, *, open_it: bool
) -> int:
    """``render --mailto`` prints the message as a mailto: link to the people it greets;
    ``--open`` hands it to the mail program (in the foreground: a terminal client gets the
    terminal)."""
    from jobtui.io import mail

    # The addresses come cleaned (one line each, no control character): core.outgoing.
    message = outgoing(text, context.interview, context.contacts, greeted)
    if not message.to:
        nobody = mail.missing_recipients(
            context.interview, context.contacts, context.application.label
        )
        then = "it opens without a recipient" if open_it else "the link has no recipient"
        complain(f"{nobody}; {then} (add an address with jobtui set or the form)")
    if not open_it:
        print(mail.mailto_url(message))
        return 0
    try:
        handover = mail.prepare(message, command)
        mail.run(handover)
    except mail.MailError as exc:
        raise CommandError(str(exc)) from None
    how = "" if handover.foreground else ", the desktop's opener of mailto: links"
    say(f"handed to {handover.program}{how}")
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from jobtui.ops import messages

    infos = messages.templates()
    if args.json:
        print_json([render.template_json(info) for info in infos])
    elif not infos:
        say("no templates found")
    else:
        for line in render.template_lines(infos):
            say(line)
    return 0
