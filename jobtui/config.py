"""User settings from config.toml: who I am, the follow-up rules, the keymap, the theme.

A missing file means defaults. A file that is not valid TOML, or a setting of the wrong
type, raises :class:`ConfigError` naming the file, the line (for syntax) or the setting.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from jobtui import locations


class ConfigError(ValueError):
    """config.toml cannot be used; the message names the file and the setting or line."""


@dataclass(frozen=True)
class Me:
    """The user, for signing messages."""

    name: str = ""
    email: str = ""
    signature: str = ""


@dataclass(frozen=True)
class FollowUpRules:
    """When follow-ups fall due. Business days are Monday to Friday."""

    thank_you_overdue_hours: int = 24
    check_in_business_days: int = 5
    after_decision_business_days: int = 1
    application_business_days: int = 7
    max_unanswered: int = 2
    overdue_grace_business_days: int = 2
    upcoming_days: int = 3


@dataclass(frozen=True)
class MailSettings:
    """How the composer hands a message to the user's mail program.

    ``command`` empty: a ``mailto:`` URL given to the desktop opener. Otherwise the program
    to run, split like a shell would (no shell runs it) with the placeholders ``{mailto}``,
    ``{to}``, ``{subject}`` and ``{body_file}`` filled in, each as its own argument.
    """

    command: str = ""


@dataclass(frozen=True)
class MessageSettings:
    """What the packaged templates say. ``other_roles``: the templates (by name) that add
    the paragraph asking to hear about other roles at the company."""

    other_roles: list[str] = field(default_factory=lambda: ["keep_in_touch"])


@dataclass(frozen=True)
class CaptureSettings:
    """Where ``jobtui add URL`` reads a posting held by an applicant-tracking system: the
    base URLs of their public job APIs (tests point them at a local server)."""

    greenhouse_api: str = "https://boards-api.greenhouse.io"
    lever_api: str = "https://api.lever.co"
    lever_eu_api: str = "https://api.eu.lever.co"
    ashby_api: str = "https://api.ashbyhq.com"


@dataclass(frozen=True)
class Config:
    """Everything the user can set."""

    me: Me = field(default_factory=Me)
    followup: FollowUpRules = field(default_factory=FollowUpRules)
    keys: dict[str, str] = field(default_factory=dict)
    mail: MailSettings = field(default_factory=MailSettings)
    messages: MessageSettings = field(default_factory=MessageSettings)
    capture: CaptureSettings = field(default_factory=CaptureSettings)
    theme: str = ""
    # How long a save waits for another jobtui's save in progress before giving up.
    lock_wait_seconds: float = 5.0
    path: Path | None = None


# Upper bounds for whole-number settings: ten years of days (or of hours). Beyond that a
# rule means nothing, and date arithmetic with it could overflow.
_MAX_COUNT = 3650
_MAX_HOURS = 87600


def _section(cls: type, raw: Any, where: str, path: Path) -> Any:
    if raw is None:
        return cls()
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: [{where}] must be a table")
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        spec = known.get(key)
        if spec is None:
            raise ConfigError(f"{path}: unknown setting {where}.{key} (known: {', '.join(known)})")
        # The annotation is a string here ("list[str]"): lists have a default factory.
        wanted = list if str(spec.type).startswith("list") else type(spec.default)
        if wanted is int and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise ConfigError(f"{path}: {where}.{key} must be a whole number >= 0, not {value!r}")
        top = _MAX_HOURS if key.endswith("_hours") else _MAX_COUNT
        if wanted is int and value > top:
            raise ConfigError(f"{path}: {where}.{key} must be at most {top}, not {value!r}")
        if wanted is str and not isinstance(value, str):
            raise ConfigError(f"{path}: {where}.{key} must be text, not {value!r}")
        if wanted is list and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise ConfigError(f"{path}: {where}.{key} must be a list of names, not {value!r}")
        values[key] = value
    return cls(**values)


def _capture(raw: Any, path: Path) -> CaptureSettings:
    settings = _section(CaptureSettings, raw, "capture", path)
    for spec in fields(CaptureSettings):
        value = getattr(settings, spec.name)
        if not value.startswith(("http://", "https://")):
            raise ConfigError(f"{path}: capture.{spec.name} must be an http(s) URL, not {value!r}")
    return settings


def load_config(path: Path | None = None) -> Config:
    """Read config.toml (default: the user config folder's). Missing file -> defaults."""
    path = path or locations.config_file()
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        return Config(path=path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror})") from None
    import tomllib  # only when there is a file to read

    try:
        raw = tomllib.loads(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    known = {"me", "followup", "mail", "messages", "capture", "keys", "theme", "lock_wait_seconds"}
    for key in raw:
        if key not in known:
            raise ConfigError(f"{path}: unknown section or setting {key!r}")
    keys = raw.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(f'{path}: [keys] maps binding ids to keys, e.g. add_application = "n"')
    theme = raw.get("theme", "")
    if not isinstance(theme, str):
        raise ConfigError(f"{path}: theme must be text")
    lock_wait = raw.get("lock_wait_seconds", 5.0)
    if isinstance(lock_wait, bool) or not isinstance(lock_wait, int | float):
        raise ConfigError(f"{path}: lock_wait_seconds must be a number of seconds")
    if not 0 <= lock_wait <= 600:
        raise ConfigError(f"{path}: lock_wait_seconds must be between 0 and 600")
    return Config(
        me=_section(Me, raw.get("me"), "me", path),
        followup=_section(FollowUpRules, raw.get("followup"), "followup", path),
        keys=dict(keys),
        mail=_section(MailSettings, raw.get("mail"), "mail", path),
        messages=_section(MessageSettings, raw.get("messages"), "messages", path),
        capture=_capture(raw.get("capture"), path),
        theme=theme,
        lock_wait_seconds=float(lock_wait),
        path=path,
    )


EXAMPLE = """\
# jobtui configuration. Every setting is optional.

# theme = "textual-dark"
# lock_wait_seconds = 5           # a save waits this long for another jobtui's save

[me]
name = "Your Name"
email = "you@example.com"
signature = "Your Name\\nyou@example.com"

[followup]
thank_you_overdue_hours = 24      # a thank-you is overdue this long after an interview ends
check_in_business_days = 5        # check in after this many quiet business days
after_decision_business_days = 1  # ... or this long after the date they said they'd decide
application_business_days = 7     # follow up an application still "applied" after this long
max_unanswered = 2                # after this many unanswered follow-ups, suggest "ghosted"
overdue_grace_business_days = 2   # a check-in is overdue this long after it falls due
upcoming_days = 3                 # list follow-ups falling due within this many days

[mail]
# The mail program the composer's ctrl+o hands a message to. Empty: the desktop's handler
# of mailto: links. A terminal client or a script, run without a shell, with {mailto},
# {to}, {subject} and {body_file} (a private temporary file holding the body) filled in:
# command = "aerc {mailto}"
# command = "neomutt -s {subject} -i {body_file} {to}"

[messages]
# The templates that add "if another role turns out to be a better match..." to a letter.
# other_roles = ["keep_in_touch"]

[capture]
# The public job APIs jobtui add URL reads a posting from, when the URL is theirs.
# greenhouse_api = "https://boards-api.greenhouse.io"
# lever_api = "https://api.lever.co"
# lever_eu_api = "https://api.eu.lever.co"
# ashby_api = "https://api.ashbyhq.com"

[keys]
# binding id = "key"; see the help screen (?) for ids. Several keys: "U,ctrl+r".
# An unknown id, an empty key or one key for two actions of a screen is reported
# (jobtui check, and a message in the TUI), and that action keeps its default key.
# add_application = "n"
"""
