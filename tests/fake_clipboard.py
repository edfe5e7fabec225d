"""Fake clipboard tools for the copy tests (tests/unit/test_clipboard_tools.py and the
composer's, tests/tui/test_clipboard.py): shell scripts on a PATH a test builds, each writing
what it was given to a file beside itself, so no test reaches a real clipboard."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

# The fakes run with only their own folder on PATH.
CAT = shutil.which("cat")


def fake_tool(folder: Path, name: str, *, status: int = 0) -> Path:
    """A fake clipboard tool: stores its arguments and its stdin next to itself."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{folder}/{name}.args"\n'
        f'{CAT} > "{folder}/{name}.out"\n'
        f"exit {status}\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script
