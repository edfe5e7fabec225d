"""The README's front door: the Quick-start commands work on a fresh machine, and CI runs
exactly the test command the README gives."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, flags=re.S)


def test_quick_start_has_two_commands_that_make_their_own_environment():
    launch, tests = _quick_start_commands()
    for command in (launch, tests):
        # A bare `pip install` is refused by Debian's and Ubuntu's system Python (PEP 668).
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install "), command
    assert launch.endswith(".venv/bin/jobtui --demo")
    assert '.venv/bin/pip install -e ".[test]"' in tests
    assert tests.endswith(".venv/bin/python -m pytest -n auto")  # every CPU (pytest-xdist)


def test_ci_runs_exactly_the_readme_test_command():
    _, tests = _quick_start_commands()
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line
        for line in script.splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd ", "export "))
    ]
    assert commands == [tests]
