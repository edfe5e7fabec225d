"""The key table (:data:`jobtui.keys.ACTIONS`) as Textual wants it: bindings and help rows.

The table itself is plain data in :mod:`jobtui.config`, which ``jobtui check`` reads to
validate [keys] without loading Textual. A screen or widget takes its bindings from here::

    BINDINGS = keymap.bindings("composer")

Every binding carries its id, so a [keys] setting (``App.set_keymap``) remaps it. The palette
(:mod:`jobtui.tui.palette`) and the help (:func:`help_rows`) read the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import App
from textual.binding import Binding, BindingType

from jobtui.keys import ACTIONS, KeyAction

# Help lines for keys outside the table: Textual's focus keys, the lists' arrows.
HELP_BEFORE = (
    ("tab / shift+tab", "Move between panes: applications, timeline, notes", ""),
    ("  in the notes", "Indent / dedent the lines (Markdown lists); esc leaves", ""),
    ("j / k  ↓ / ↑", "Move in a list", "cursor_down / cursor_up"),
)
HELP_AFTER = (("ctrl+p", "Command palette: every action by name", ""),)


def actions(where: str) -> list[KeyAction]:
    """The table's rows for ``where`` (a screen such as "composer", or "app", "lists") that
    have a key, in table order. An unknown ``where`` raises KeyError (a typo would bind
    nothing)."""
    found = [a for a in ACTIONS if a.where == where and a.keys]
    if not found:
        raise KeyError(f"no key bindings for {where!r}")
    return found


def bindings(where: str) -> list[BindingType]:
    """The Textual bindings of ``where``, each with its id (see :func:`actions`)."""
    return [
        Binding(a.keys, a.runs, a.label, show=a.footer, priority=a.priority, id=a.id)
        for a in actions(where)
    ]


def _action(action_id: str) -> KeyAction:
    for action in ACTIONS:
        if action.id == action_id and action.keys:
            return action
    raise KeyError(action_id)


def keys_shown(app: App[object], keys: Mapping[str, str], action_id: str) -> list[str]:
    """The keys of ``action_id`` as the user must press them now: their [keys] setting
    (``keys``, already checked) or else the default, each as the footer shows it."""
    action = _action(action_id)
    setting = keys.get(action_id) or action.keys
    return [app.get_key_display(Binding(k.strip(), action.runs)) for k in setting.split(",")]


def help_rows(app: App[object], keys: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """The help's key table: (keys as pressed now, what they do, binding id) per row.

    The app's keys (quit, help) come first: they must never be below the fold of the help.
    """
    listed = [a for a in ACTIONS if a.help and a.keys]
    listed.sort(key=lambda a: a.home != "app")  # stable: table order otherwise
    rows = list(HELP_BEFORE)
    rows.extend((" / ".join(keys_shown(app, keys, a.id)), a.help, a.id) for a in listed)
    rows.extend(HELP_AFTER)
    return rows
