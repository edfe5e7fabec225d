"""Every path jobtui uses: the database, the config file, remembered state, user templates,
backups.

Defaults come from platformdirs; ``--db PATH`` and ``JOBTUI_DB`` override the database,
``JOBTUI_CONFIG_DIR`` overrides the config folder (tests use it to stay out of $HOME).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "jobtui"
DB_ENV = "JOBTUI_DB"
CONFIG_DIR_ENV = "JOBTUI_CONFIG_DIR"
DRAFTS_DIR_ENV = "JOBTUI_DRAFTS_DIR"


def data_dir() -> Path:
    """The per-user data folder (e.g. ~/.local/share/jobtui)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The per-user config folder (e.g. ~/.config/jobtui), or $JOBTUI_CONFIG_DIR."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The user's config.toml."""
    return config_dir() / "config.toml"


def state_file() -> Path:
    """Choices jobtui remembers between runs (the theme picked in the palette).

    Beside config.toml, which stays the user's own: jobtui writes there only the [me]
    table, when it asks who is writing (``config_edit.save_me``), keeping every other byte.
    """
    return config_dir() / "state.json"


def user_templates_dir() -> Path:
    """Where a user's own message templates live; they override packaged ones by name."""
    return config_dir() / "templates"


def packaged_templates_dir() -> Path:
    """Packaged templates: inside the wheel, or the repo's templates/ in a checkout."""
    inside = Path(__file__).parent / "templates"
    if inside.is_dir():
        return inside
    return Path(__file__).parent.parent / "templates"


def drafts_dir() -> Path:
    """Where the composer saves drafts when asked to save one to a file."""
    override = os.environ.get(DRAFTS_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return data_dir() / "drafts"


def database_file(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database path: ``--db`` wins, then $JOBTUI_DB, then the data folder's jobtui.json."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / "jobtui.json"


def backups_dir(db_path: Path) -> Path:
    """Rolling backups live beside the database, in ``<name>.backups/``."""
    return db_path.with_name(db_path.name + ".backups")


def lock_file(db_path: Path) -> Path:
    """The lock that keeps a second jobtui from writing the same file."""
    return db_path.with_name(db_path.name + ".lock")


def reminded_file(db_path: Path) -> Path:
    """What `jobtui remind` already sent, and on which day, beside the database:
    ``jobtui.json`` -> ``jobtui-reminded.json``. Named from the stem with a dash so that it
    never shares the prefix of the database's own temp files (``.tmp-jobtui.json.*``), which
    a save clears away."""
    return db_path.with_name(f"{db_path.stem}-reminded.json")


def systemd_user_dir() -> Path:
    """Where systemd looks for a user's own units: $XDG_CONFIG_HOME/systemd/user (a relative
    $XDG_CONFIG_HOME is ignored, as the XDG spec says), else ~/.config/systemd/user."""
    base = Path(os.environ.get("XDG_CONFIG_HOME") or "~/.config").expanduser()
    if not base.is_absolute():
        base = Path.home() / ".config"
    return base / "systemd" / "user"


def launch_agents_dir() -> Path:
    """Where launchd looks for a user's agents on macOS."""
    return Path.home() / "Library" / "LaunchAgents"
