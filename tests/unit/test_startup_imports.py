"""Starting the TUI imports only what its first frame needs (issue 14: time to data on screen).

A fresh interpreter walks jobtui's start path (``jobtui`` -> ``jobtui.cli`` parses no
arguments -> ``jobtui.cli.open_tui`` -> ``jobtui.tui.run`` -> ``jobtui.tui.app``), loads the
config and builds the app object without running it; none of the modules below may be loaded
by then: each is imported by the action or screen that needs it. ``ssl`` is not among them:
asyncio (which Textual needs) imports it itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# The libraries and parts of jobtui a later key press loads, never the start.
NOT_AT_START = (
    # fetching a posting, reading invites, rendering drafts, importing
    "jinja2",
    "markdownify",
    "icalendar",
    "dateutil.parser",
    "urllib.request",
    "http.client",
    "email",
    "html.parser",
    "csv",
    # reading a config file (there is none here), writing a file
    "tomllib",
    "secrets",
    "hashlib",
    # jobtui's own later parts
    "jobtui.io.capture",
    "jobtui.io.demo",
    "jobtui.io.importing",
    "jobtui.io.mail",
    "jobtui.ops.capture",
    "jobtui.ops.invites",
    "jobtui.ops.messages",
    "jobtui.ops.transfer",
    "jobtui.ops.followups",
    "jobtui.ops.tasks",
    "jobtui.core.drafts",
    "jobtui.core.fields",
    "jobtui.cli.commands",
    "jobtui.tui.screens.composer",
    "jobtui.tui.screens.stats",
    "jobtui.tui.screens.board",
    "jobtui.tui.screens.offers",
    "jobtui.tui.screens.contacts",
    "jobtui.tui.screens.import_dialog",
    "jobtui.tui.screens.application_form",
    "jobtui.tui.screens.interview_form",
    "jobtui.tui.screens.help",
)

START = """
import json, sys
import jobtui.__main__
from jobtui.cli import _parser
args = _parser().parse_args([])
assert args.command is None
import jobtui.cli.open_tui
import jobtui.tui.run
from jobtui.config import load_config
from jobtui.tui.app import JobTUI

app = JobTUI(lambda: None, load_config())
app.data.close()
print(json.dumps(sorted(sys.modules)))
"""


def _modules_at_start(tmp_path: Path) -> set[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("JOBTUI_")}
    env["JOBTUI_CONFIG_DIR"] = str(tmp_path / "config")
    env["JOBTUI_DB"] = str(tmp_path / "jobtui.json")
    done = subprocess.run(
        [sys.executable, "-c", START],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_start_loads_only_what_the_first_frame_needs(tmp_path: Path) -> None:
    loaded = _modules_at_start(tmp_path)
    assert "jobtui.tui.app" in loaded  # the walk did reach the app
    assert "jobtui.tui.screens.main" in loaded
    early = sorted(name for name in NOT_AT_START if name in loaded)
    assert early == [], f"imported before the first frame: {early}"
    # Nor does any submodule of those (e.g. jobtui.io.capture.ats) sneak in.
    nested = sorted(
        name for name in loaded if any(name.startswith(f"{skip}.") for skip in NOT_AT_START)
    )
    assert nested == [], f"imported before the first frame: {nested}"
