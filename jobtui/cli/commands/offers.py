"""`jobtui offers [--json]`: the open offers side by side."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Sequence
from datetime import datetime

from jobtui.cli import render
from jobtui.cli.commands.common import no_database_yet, now, open_store, print_json, rules, say
from jobtui.core.fields import OFFER_FIELDS
from jobtui.core.model import Status
from jobtui.core.offers import (
    LEGEND,
    MARK,
    ROW_LABELS,
    Comparison,
    Offer,
    OfferGroup,
    cell_text,
    compare_offers,
    group_name,
)
from jobtui.ops import views

NO_OFFERS = (
    "No open offers. To add one: jobtui status ID offer, then jobtui set ID offer_base=... "
    f"(also {', '.join(name for name in OFFER_FIELDS if name != 'offer_base')})"
)
COLUMN_WIDTH = 40  # an offer's column wraps at this width (notes, long names)


def cmd_offers(args: argparse.Namespace) -> int:
    at = now()
    if no_database_yet(args):
        if args.json:
            print_json([])
        else:
            say(NO_OFFERS)
        return 0
    follow_up_rules = rules()
    with open_store(args, write=False) as store:
        rows = views.application_rows(store, now=at, rules=follow_up_rules, status=Status.OFFER)
    comparison = compare_offers((row.app for row in rows), at, follow_up_rules)
    if args.json:
        print_json([offer.to_json() for offer in comparison.offers])
    elif not comparison.groups:
        say(NO_OFFERS)
    else:
        say(comparison_text(comparison, at))
    return 0


def comparison_text(comparison: Comparison, at: datetime) -> str:
    """The human output: a table per currency, then the legend and what is not compared."""
    parts = [group_table(group, at) for group in comparison.groups]
    footer = []
    if any(offer.best for offer in comparison.offers):
        footer.append(LEGEND)
    if comparison.note:
        footer.append(comparison.note)
    return "\n\n".join([*parts, "\n".join(footer)] if footer else parts)


def group_table(group: OfferGroup, at: datetime) -> str:
    """One currency's offers: a row per part, a column per offer."""
    header = [f"{group_name(group)}:", *(offer.label for offer in group.offers)]
    body = [
        [label, *(_cell(o, row, at) for o in group.offers)] for row, label in ROW_LABELS.items()
    ]
    return _table([header, *body])


def _cell(offer: Offer, row: str, at: datetime) -> str:
    text = cell_text(offer, row, at)
    return f"{text} {MARK}" if offer.is_best(row) else text


def _wrapped(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for line in render.printable(text).splitlines() or [""]:
        lines += textwrap.wrap(line, width) or [""]
    return lines


def _table(rows: Sequence[Sequence[str]]) -> str:
    """Cells wrapped to their column (at most COLUMN_WIDTH wide), two spaces between.

    Not :func:`jobtui.cli.render.table`: that one lays out one line per row, and an offer's
    column must wrap (notes of any length, long names) with the row's label staying beside
    its first line; shortening them to one line would lose the notes."""
    cells = [[_wrapped(cell, COLUMN_WIDTH) for cell in row] for row in rows]
    widths = [max(len(line) for row in cells for line in row[i]) for i in range(len(rows[0]))]
    out = []
    for row in cells:
        for n in range(max(len(cell) for cell in row)):
            parts = [
                (cell[n] if n < len(cell) else "").ljust(w)
                for cell, w in zip(row, widths, strict=True)
            ]
            out.append("  ".join(parts).rstrip())
    return "\n".join(out)
