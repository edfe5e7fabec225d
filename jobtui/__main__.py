"""Entry point: ``jobtui`` (the TUI) and its scriptable subcommands.

Kept tiny so ``jobtui list`` never pays for importing Textual.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run jobtui with ``argv`` (default: the process arguments); return the exit status."""
    from jobtui.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
