"""Commands about messages: render a draft, list the templates. Jinja2 loads only here."""

from __future__ import annotations

import argparse

from jobtui.cli import CommandError, render
from jobtui.cli.commands.common import explaining_no_database, now, open_store, print_json, say
from jobtui.config import load_config


def cmd_render(args: argparse.Namespace) -> int:
    from jobtui.core.drafts import TemplateError
    from jobtui.ops import messages

    me = load_config().me
    with open_store(args, write=False) as store, explaining_no_database(args, args.id):
        context = messages.message_context(store, args.id, me=me, now=now())
    try:
        draft = messages.render_draft(context, args.template)
    except TemplateError as exc:
        raise CommandError(str(exc)) from None
    # Meant for pasting into an email: control characters are dropped, not shown.
    print(render.pasteable(draft.text()), end="")
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
