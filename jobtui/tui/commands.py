"""The command palette (ctrl+p): every main-screen action, by name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from jobtui.tui.screens.main import MainScreen

_COMMANDS = [
    ("Add application", "Add a new application", "add_application"),
    ("Add interview", "Add an interview to the selected application", "add_interview"),
    ("Edit", "Edit the selected application or interview", "edit"),
    ("Change status", "Pick a new status for the selected application", "change_status"),
    ("Write follow-up message", "Draft a thank-you or check-in from a template", "compose_message"),
    ("Mark follow-up sent", "Log the thank-you or follow-up as sent", "mark_sent"),
    ("Snooze follow-up", "Hide a follow-up until a date", "snooze"),
    ("Toggle follow-ups only", "Show only what needs a follow-up", "toggle_followups"),
    ("Toggle closed applications", "Show or hide closed applications", "toggle_closed"),
    ("Change sort order", "Urgency, company, date applied, status", "cycle_sort"),
    ("Filter", "Filter the focused list as you type", "filter"),
    ("Delete", "Move the selected record to the trash", "delete"),
    (
        "Import a file",
        "Applications from a CSV (LinkedIn, Teal, Huntr) or a jobtui export",
        "import",
    ),
    ("Stats", "The funnel, response rates by source, activity per week", "stats"),
    ("Undo", "Take back the last change (delete, status, edit...)", "undo"),
    ("Edit note in $EDITOR", "Open the note in your own editor", "external_editor"),
]


# What each key does, in words, for the help screen (binding id -> description).
KEY_HELP = {
    "add_application": "Add an application",
    "add_interview": "Add an interview to the selected application",
    "edit": "Edit the selected application (and its contacts) or interview",
    "change_status": "Change the status: a picker, 1-9 pick directly",
    "compose_message": "Write the follow-up message from a template (copy, save, mark sent)",
    "mark_sent": "Log the owed thank-you or follow-up as sent",
    "snooze": "Snooze a follow-up until a date (+3d, next monday, off)",
    "toggle_followups": "Show only what needs a follow-up",
    "toggle_closed": "Show or hide closed applications",
    "delete": "Delete the selected record (asks first)",
    "stats": "Stats: the funnel, response rates by source, activity per week",
    "undo": "Undo the last change (delete, status, edit...), several steps deep",
    "cycle_sort": "Sort by urgency, company, date applied, status",
    "filter": "Filter the focused list as you type",
    "clear_filter": "Clear the filter; leave the note editor",
    "external_editor": "Edit the note in $VISUAL / $EDITOR",
    "help": "This help",
    "quit": "Quit (saves first)",
}


def main_screen_commands(screen: MainScreen) -> Iterable[SystemCommand]:
    """SystemCommands that run the main screen's actions."""
    for title, help_text, action in _COMMANDS:
        yield SystemCommand(title, help_text, getattr(screen, f"action_{action}"))
