"""`jobtui offers [--json]`: the open offers side by side."""

from __future__ import annotations

import argparse


def cmd_offers(args: argparse.Namespace) -> int:
    raise NotImplementedError("offers: being built")  # placeholder, replaced in this change
