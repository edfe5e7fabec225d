"""`jobtui contacts [--json]`: every contact, its applications, the last message."""

from __future__ import annotations

import argparse


def cmd_contacts(args: argparse.Namespace) -> int:
    raise NotImplementedError("contacts: being built")  # placeholder, replaced in this change
