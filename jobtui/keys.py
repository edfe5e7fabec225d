"""The key table: every key of the TUI, once, as plain data (no Textual here).

One :class:`KeyAction` per action feeds the Textual bindings (:mod:`jobtui.tui.keymap`), the
footer, the help, the command palette (:mod:`jobtui.tui.palette`) and the check of a user's
``[keys]`` section (:func:`check_keys`, used by ``jobtui check`` and by the TUI at start).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

MAIN = "main screen"


@dataclass(frozen=True)
class KeyAction:
    """One thing a key does in the TUI: a row of :data:`ACTIONS`.

    The Textual bindings (``jobtui.tui.keymap.bindings``), the footer, the command palette,
    the help screen and the [keys] check below are all built from these rows.
    """

    id: str  # the binding id, the name [keys] remaps it by
    keys: str  # default key(s) as Textual names them; several: "U,ctrl+r"; "" = palette only
    label: str  # the footer's word for it (the binding's description)
    screen: str = MAIN  # where it acts, as a [keys] problem names it ("on the composer")
    home: str = ""  # whose BINDINGS hold it when not the screen's own: "app", "lists"...
    action: str = ""  # the Textual action it runs ("" = the id)
    footer: bool = True  # listed in the footer
    priority: bool = False  # runs before the focused widget sees the key
    help: str = ""  # what it does, for the help screen (?); "" = not listed there
    palette: str = ""  # its title in the command palette (ctrl+p); "" = not listed there
    palette_help: str = ""  # the line under that title

    @property
    def where(self) -> str:
        """The BINDINGS this action belongs to: "app", "lists" (the applications and the
        timeline), "applications" (the applications list alone) or its screen."""
        return self.home or self.screen

    @property
    def runs(self) -> str:
        """The Textual action string."""
        return self.action or self.id


# In the order the footer and the help list them (the palette's order is PALETTE_ORDER).
ACTIONS: tuple[KeyAction, ...] = (
    KeyAction(
        "add_application",
        "a",
        "Add",
        help="Add an application",
        palette="Add application",
        palette_help="Add a new application",
    ),
    KeyAction(
        "add_interview",
        "i",
        "Interview",
        help="Add an interview to the selected application",
        palette="Add interview",
        palette_help="Add an interview to the selected application",
    ),
    KeyAction(
        "edit",
        "e",
        "Edit",
        help="Edit the selected application (and its contacts) or interview",
        palette="Edit",
        palette_help="Edit the selected application or interview",
    ),
    KeyAction(
        "change_status",
        "s",
        "Status",
        help="Change the status: a picker, 1-9 pick directly",
        palette="Change status",
        palette_help="Pick a new status for the selected application",
    ),
    KeyAction(
        "compose_message",
        "m",
        "Message",
        help="Write the follow-up message from a template (copy, save, mark sent)",
        palette="Write follow-up message",
        palette_help="Draft a thank-you or check-in from a template",
    ),
    KeyAction(
        "mark_sent",
        "t",
        "Sent",
        help="Log the owed thank-you or follow-up as sent",
        palette="Mark follow-up sent",
        palette_help="Log the thank-you or follow-up as sent",
    ),
    KeyAction(
        "add_task",
        "T",
        "Task",
        footer=False,
        help="Add a task to the selected application (a take-home, a form), with a due date",
        palette="Add task",
        palette_help="A to-do for the selected application, with a due date",
    ),
    KeyAction(
        "task_done",
        "x",
        "Done",
        footer=False,
        help="Mark the task selected in the timeline done (x again: open); elsewhere: pick a task",
        palette="Mark task done",
        palette_help="Complete the task selected in the timeline",
    ),
    KeyAction(
        "log_message",
        "",
        "Log message",
        palette="Log a message sent…",
        palette_help="Record any message you sent (a check-in, a reply...), owed or not",
    ),
    KeyAction(
        "sent_messages",
        "v",
        "Sent",
        footer=False,
        help="Read the messages sent for the selected application or interview",
        palette="Sent messages",
        palette_help="Read what was sent for the selected application or interview",
    ),
    KeyAction(
        "snooze",
        "z",
        "Snooze",
        footer=False,
        help="Snooze a follow-up until a date (+3d, next monday, off)",
        palette="Snooze follow-up",
        palette_help="Hide a follow-up until a date",
    ),
    KeyAction(
        "toggle_followups",
        "f",
        "Due only",
        help="Show only what needs a follow-up",
        palette="Toggle follow-ups only",
        palette_help="Show only what needs a follow-up",
    ),
    KeyAction(
        "toggle_closed",
        "c",
        "Closed",
        help="Show or hide closed applications",
        palette="Toggle closed applications",
        palette_help="Show or hide closed applications",
    ),
    KeyAction(
        "delete",
        "d",
        "Delete",
        help="Delete the selected record (asks first)",
        palette="Delete",
        palette_help="Move the selected record to the trash",
    ),
    KeyAction(
        "undo",
        "u",
        "Undo",
        footer=False,
        help="Undo the last change (delete, status, edit...), several steps deep",
        palette="Undo",
        palette_help="Take back the last change (delete, status, edit...)",
    ),
    KeyAction(
        "redo",
        "U,ctrl+r",
        "Redo",
        footer=False,
        help="Redo what was just undone, several steps deep",
        palette="Redo",
        palette_help="Make again the change just undone",
    ),
    KeyAction(
        "trash",
        "D",
        "Trash",
        footer=False,
        help="The trash: deleted applications, interviews, contacts; enter restores",
        palette="Trash",
        palette_help="Deleted records: enter restores one",
    ),
    KeyAction(
        "cycle_sort",
        "o",
        "Sort",
        footer=False,
        help="Sort by urgency, company, date applied, status",
        palette="Change sort order",
        palette_help="Urgency, company, date applied, status",
    ),
    KeyAction(
        "stats",
        "g",
        "Stats",
        footer=False,
        help="Stats: the funnel, response rates by source, activity per week",
        palette="Stats",
        palette_help="The funnel, response rates by source, activity per week",
    ),
    KeyAction(
        "posting",
        "p",
        "Posting",
        footer=False,
        help="Read the job posting captured from its URL (beside the notes; p again: the notes)",
        palette="Read the posting",
        palette_help="The job posting as captured from its URL",
    ),
    KeyAction(
        "board",
        "b",
        "Board",
        help="The pipeline board: a column per status; < and > move a card, s sets any status",
        palette="Pipeline board",
        palette_help="A column per status; move cards along the pipeline",
    ),
    KeyAction(
        "contacts",
        "C",
        "Contacts",
        footer=False,
        help="Every contact: who they are, where linked, when you last wrote",
        palette="Contacts",
        palette_help="Every contact, with the applications and the last message",
    ),
    KeyAction(
        "offers",
        "O",
        "Offers",
        footer=False,
        help="Compare the open offers side by side (first-year and yearly totals)",
        palette="Compare offers",
        palette_help="Every open offer side by side, with first-year and yearly totals",
    ),
    KeyAction(
        "filter",
        "slash",
        "Filter",
        help="Filter the focused list as you type",
        palette="Filter",
        palette_help="Filter the focused list as you type",
    ),
    KeyAction(
        "clear_filter",
        "escape",
        "Clear filter",
        footer=False,
        help="Clear the filter; leave the note editor",
    ),
    KeyAction(
        "external_editor",
        "ctrl+e",
        "$EDITOR",
        footer=False,
        help="Edit the note in $VISUAL / $EDITOR",
        palette="Edit note in $EDITOR",
        palette_help="Open the note in your own editor",
    ),
    KeyAction(
        "import",
        "",
        "Import",
        palette="Import a file",
        palette_help="Applications from a CSV (LinkedIn, Teal...) or an export; invites (.ics)",
    ),
    # The applications table and the timeline; the help has one line for both.
    KeyAction("cursor_down", "j", "Down", home="lists", footer=False),
    KeyAction("cursor_up", "k", "Up", home="lists", footer=False),
    # The applications list's own: paging through it, however long it is.
    KeyAction(
        "page_down",
        "pagedown",
        "Page down",
        home="applications",
        footer=False,
        help="Page down the applications list",
    ),
    KeyAction(
        "page_up",
        "pageup",
        "Page up",
        home="applications",
        footer=False,
        help="Page up the applications list",
    ),
    KeyAction(
        "half_page_down",
        "ctrl+d",
        "Half page down",
        home="applications",
        footer=False,
        help="Half a page down the applications list",
    ),
    KeyAction(
        "half_page_up",
        "ctrl+u",
        "Half page up",
        home="applications",
        footer=False,
        help="Half a page up the applications list",
    ),
    KeyAction(
        "first_row",
        "home",
        "First",
        home="applications",
        footer=False,
        help="The first application in the list",
    ),
    KeyAction(
        "last_row",
        "end",
        "Last",
        home="applications",
        footer=False,
        help="The last application in the list",
    ),
    # The app's own: they work on every screen that does not take the key itself.
    KeyAction(
        "quit",
        "q",
        "Quit",
        home="app",
        help="Quit (saves first)",
        palette="Quit",
        palette_help="Save the notes and leave",
    ),
    KeyAction(
        "help",
        "question_mark",
        "Help",
        home="app",
        help="This help",
        palette="Help",
        palette_help="Every key, and where your data lives",
    ),
    KeyAction(
        "change_theme",
        "",
        "Theme",
        home="app",
        palette="Theme",
        palette_help="Change the colours (remembered)",
    ),
    # The dialogs.
    KeyAction("open_in_mail", "ctrl+o", "Mail", "composer", action="open_in_mail", priority=True),
    KeyAction("composer.copy", "ctrl+y", "Copy", "composer", action="copy", priority=True),
    KeyAction(
        "composer.save", "ctrl+s", "Save to file", "composer", action="save_file", priority=True
    ),
    KeyAction(
        "composer.sent", "ctrl+t", "Mark sent", "composer", action="mark_sent", priority=True
    ),
    KeyAction("composer.rerender", "ctrl+r", "Reset", "composer", action="rerender", priority=True),
    KeyAction("composer.close", "escape", "Close", "composer", action="close"),
    KeyAction("form.save", "ctrl+s", "Save", "form", action="submit", priority=True),
    KeyAction("form.cancel", "escape", "Cancel", "form", action="cancel"),
    KeyAction("stats.close", "escape,q,g", "Close", "stats", action="close"),
    KeyAction("help.close", "escape,q,question_mark", "Close", "help", action="close"),
    KeyAction("confirm.yes", "y,enter", "Yes", "confirm", action="answer(True)"),
    KeyAction("confirm.no", "n,escape", "No", "confirm", action="answer(False)"),
    KeyAction("status.cancel", "escape", "Cancel", "status picker", action="cancel"),
    KeyAction("import.cancel", "escape", "Cancel", "import", action="cancel"),
    KeyAction("snooze.cancel", "escape", "Cancel", "snooze", action="cancel"),
    KeyAction("trash.restore", "enter", "Restore", "trash", action="restore", footer=False),
    KeyAction("trash.close", "escape,q", "Close", "trash", action="close"),
    KeyAction("sent.close", "escape,q", "Close", "sent message", action="close"),
    KeyAction("board.left", "h,left", "Column ←", "board", action="column(-1)", footer=False),
    KeyAction("board.right", "l,right", "Column →", "board", action="column(1)", footer=False),
    KeyAction("board.down", "j,down", "Down", "board", action="card(1)", footer=False),
    KeyAction("board.up", "k,up", "Up", "board", action="card(-1)", footer=False),
    KeyAction("move_left", "less_than_sign", "Move ←", "board", action="move(-1)"),
    KeyAction("move_right", "greater_than_sign", "Move →", "board", action="move(1)"),
    KeyAction("board.open", "enter", "Open", "board", action="open"),
    KeyAction("board.status", "s", "Status", "board", action="status"),
    KeyAction("board.undo", "u", "Undo", "board", action="undo"),
    KeyAction("board.filter", "slash", "Filter", "board", action="filter"),
    KeyAction("board.closed", "c", "Closed", "board", action="toggle_closed"),
    KeyAction("board.close", "escape,q,b", "Close", "board", action="close"),
    KeyAction("offers.close", "escape,q,O", "Close", "offers", action="close"),
    KeyAction("task.cancel", "escape", "Cancel", "task", action="cancel"),
    KeyAction("task_picker.delete", "d", "Delete", "task picker", action="delete"),
    KeyAction("task_picker.cancel", "escape", "Cancel", "task picker", action="cancel"),
    KeyAction("contacts.add", "a", "Add", "contacts", action="add"),
    KeyAction("contacts.edit", "e", "Edit", "contacts", action="edit"),
    KeyAction("contacts.link", "L", "Link", "contacts", action="link"),
    KeyAction("contacts.delete", "d", "Delete", "contacts", action="delete"),
    KeyAction("contacts.filter", "slash", "Filter", "contacts", action="filter"),
    KeyAction("contacts.close", "escape,q,C", "Close", "contacts", action="close"),
)

# The command palette's order: the main screen's actions (on the main screen only), then the
# app's, which it lists on every screen.
PALETTE_ORDER = (
    "add_application",
    "add_interview",
    "edit",
    "change_status",
    "compose_message",
    "mark_sent",
    "add_task",
    "task_done",
    "log_message",
    "sent_messages",
    "snooze",
    "toggle_followups",
    "toggle_closed",
    "cycle_sort",
    "filter",
    "posting",
    "board",
    "contacts",
    "offers",
    "delete",
    "import",
    "stats",
    "undo",
    "redo",
    "trash",
    "external_editor",
    "help",
    "change_theme",
    "quit",
)


def _bindings_by_screen() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for action in ACTIONS:
        if action.keys:
            table.setdefault(action.screen, {})[action.id] = action.keys
    return table


# Every key binding of the TUI that [keys] can change: binding id -> its default key(s),
# grouped by the screen they act on (one key may do one thing per screen).
BINDINGS: dict[str, dict[str, str]] = _bindings_by_screen()

# Keys a screen needs for itself (moving between panes, the command palette): not bindable.
RESERVED_KEYS: dict[str, dict[str, str]] = {
    "main screen": {
        "tab": "moving between panes",
        "shift+tab": "moving between panes",
        "ctrl+p": "the command palette",
        "ctrl+c": "copying",
        "enter": "opening the selected row",
    },
}

_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")


# Textual's names for a few characters whose Unicode names it shortens.
_KEY_NAME_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def _split_key(key: str) -> tuple[list[str], str]:
    """(modifiers, key) of one key such as "ctrl+shift+x" or "ctrl++"."""
    key = key.strip()
    if len(key) > 1 and key.endswith("++"):
        head, last = key[:-2], "+"
    elif len(key) > 1 and key.endswith("+"):
        head, last = key[:-1], ""  # "ctrl+" names no key
    elif "+" in key[:-1]:
        head, last = key.rsplit("+", 1)
    else:
        head, last = "", key
    return [m.strip().lower() for m in head.split("+")] if head else [], last.strip()


def key_name(key: str) -> str:
    """One key as Textual names it: "?" -> "question_mark", "ctrl+/" -> "ctrl+slash"."""
    mods, last = _split_key(key)
    if len(last) == 1 and not last.isalnum():
        # A control character has no name: it is kept as it is.
        name = unicodedata.name(last, last).lower().replace(" ", "_").replace("-", "_")
        last = name
        last = _KEY_NAME_REPLACEMENTS.get(last, last)
    return "+".join([*mods, last])


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _key_error(value: str) -> str | None:
    """Why a [keys] value cannot be used, or None."""
    parts = value.split(",")
    if not value.strip() or any(not p.strip() for p in parts):
        return "the key is empty" if len(parts) == 1 else "one of its keys is empty"
    for part in parts:
        mods, last = _split_key(part)
        if not last or any(m not in _MODIFIERS for m in mods):
            return f"{_quoted(part.strip())} is not a key (modifiers: {', '.join(_MODIFIERS)})"
    return None


def _screen_of(binding_id: str, bindings: dict[str, dict[str, str]]) -> str | None:
    for screen, ids in bindings.items():
        if binding_id in ids:
            return screen
    return None


def check_keys(
    keys: dict[str, str], bindings: dict[str, dict[str, str]] | None = None
) -> tuple[dict[str, str], list[str]]:
    """Split [keys] into the settings that can be used and a problem sentence per bad one.

    A setting is bad if its binding id is unknown, its key is empty (or not a key), or
    its key is also bound to another action of the same screen (then every setting in
    the clash is bad; the defaults stay). The usable settings come back with their keys
    named as Textual names them ("?" -> "question_mark"). Pure: reads no file.
    """
    bindings = BINDINGS if bindings is None else bindings
    problems: list[str] = []
    usable: dict[str, str] = {}
    for binding_id, value in keys.items():
        if _screen_of(binding_id, bindings) is None:
            problems.append(f"[keys] {binding_id}: no such binding id (the help, ?, lists them)")
            continue
        why = _key_error(value)
        if why is not None:
            problems.append(f"[keys] {binding_id} = {_quoted(value)}: {why}")
            continue
        usable[binding_id] = ",".join(key_name(k) for k in value.split(","))
    while True:  # reverting one clash can uncover another: repeat until none
        clashes = _clashes(usable, bindings)
        if not clashes:
            return usable, problems
        for screen, key, ids in clashes:
            mine = [i for i in ids if i in usable]
            if key in RESERVED_KEYS.get(screen, {}):
                what = RESERVED_KEYS[screen][key]
                problems.extend(
                    f"[keys] {i} = {_quoted(keys[i])}: {key} is kept for {what} on the {screen}"
                    for i in mine
                )
            else:
                named = " and ".join(ids)
                problems.extend(
                    f"[keys] {i} = {_quoted(keys[i])}: {key} would do two things on the {screen} "
                    f"({named})"
                    for i in mine
                )
            for i in mine:
                usable.pop(i, None)


def _clashes(
    usable: dict[str, str], bindings: dict[str, dict[str, str]]
) -> list[tuple[str, str, list[str]]]:
    """(screen, key, binding ids) for every key bound to two actions (or a reserved key)."""
    found = []
    for screen, defaults in bindings.items():
        by_key: dict[str, list[str]] = {}
        for binding_id, default in defaults.items():
            for key in usable.get(binding_id, default).split(","):
                by_key.setdefault(key_name(key), []).append(binding_id)
        reserved = RESERVED_KEYS.get(screen, {})
        for key, ids in by_key.items():
            clash = len(ids) > 1 or key in reserved
            if clash and any(i in usable for i in ids):
                found.append((screen, key, ids))
    return found


def key_problems(
    keys: dict[str, str], bindings: dict[str, dict[str, str]] | None = None
) -> list[str]:
    """The problems of a [keys] table, one sentence each naming the setting ([] if none).

    For ``jobtui check``; the TUI uses :func:`check_keys` and starts with the defaults
    for the settings named here.
    """
    return check_keys(keys, bindings)[1]
