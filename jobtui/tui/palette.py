"""The command palette (ctrl+p): jobtui's actions by name, then Help, Theme and Quit.

Textual's own provider lists its generic commands in alphabetical order, jobtui's among them,
and offers some that make no sense here ("Quit the application as soon as possible" skips the
last save of the notes; "Screenshot" writes a file into the current folder). :class:`JobtuiCommands`
replaces it: the app's ``get_system_commands`` decides what is listed and in which order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider

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
    ("Redo", "Make again the change just undone", "redo"),
    ("Trash", "Deleted records: enter restores one", "trash"),
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
    "redo": "Redo what was just undone, several steps deep",
    "trash": "The trash: deleted applications, interviews, contacts; enter restores",
    "cycle_sort": "Sort by urgency, company, date applied, status",
    "filter": "Filter the focused list as you type",
    "clear_filter": "Clear the filter; leave the note editor",
    "external_editor": "Edit the note in $VISUAL / $EDITOR",
    "help": "This help",
    "quit": "Quit (saves first)",
}


def main_screen_commands(screen: MainScreen) -> Iterable[SystemCommand]:
    """SystemCommands that run the main screen's actions (those this screen has)."""
    for title, help_text, action in _COMMANDS:
        method = getattr(screen, f"action_{action}", None)
        if method is not None:
            yield SystemCommand(title, help_text, method)


class JobtuiCommands(Provider):
    """The palette's one provider: the app's system commands, in the order the app gives them."""

    async def discover(self) -> Hits:
        for command in self.app.get_system_commands(self.screen):
            if command.discover:
                yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.app.get_system_commands(self.screen):
            if (score := matcher.match(command.title)) > 0:
                yield Hit(
                    score, matcher.highlight(command.title), command.callback, help=command.help
                )
