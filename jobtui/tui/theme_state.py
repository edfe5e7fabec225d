"""The theme picked in the palette, remembered between runs in the state file."""

from __future__ import annotations

import json
from pathlib import Path

from jobtui.db.datafile import write_file_atomically


def remembered_theme(path: Path | None, config_theme: str | None) -> str | None:
    """The theme last picked in the palette, unless config.toml's theme changed since."""
    if path is None:
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # no state yet, or unreadable: nothing remembered
    if not isinstance(state, dict) or not isinstance(state.get("theme"), str):
        return None
    if state.get("config_theme") != config_theme:
        return None  # config.toml was edited after the pick: it wins
    return state["theme"]


def remember_theme(path: Path, theme: str, config_theme: str | None) -> None:
    """Keep ``theme`` (picked in the palette) for the next start (mode 0600, atomic)."""
    state = {"theme": theme, "config_theme": config_theme}
    write_file_atomically(path, json.dumps(state, indent=2).encode() + b"\n")
