"""The command palette (ctrl+p): jobtui's actions by name, then Help, Theme and Quit.

Textual's own provider lists its generic commands in alphabetical order, jobtui's among them,
and offers some that make no sense here ("Quit the application as soon as possible" skips the
last save of the notes; "Screenshot" writes a file into the current folder). :class:`JobtuiCommands`
replaces it: the app's ``get_system_commands`` decides what is listed and in which order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider

from jobtui.keys import ACTIONS, MAIN, PALETTE_ORDER, KeyAction

if TYPE_CHECKING:
    from jobtui.tui.screens.main import MainScreen


# What each key does, for the help (binding id -> sentence). Read by app.key_help until it
# calls jobtui.tui.keymap.help_rows; then this goes.
KEY_HELP = {a.id: a.help for a in ACTIONS if a.help}


def palette_actions(where: str) -> Iterator[KeyAction]:
    """The key table's palette entries whose bindings live in ``where`` ("main screen",
    "app"), in palette order."""
    by_id = {a.id: a for a in ACTIONS if a.palette}
    for action_id in PALETTE_ORDER:
        action = by_id[action_id]
        if action.where == where:
            yield action


def _commands(target: object, where: str) -> Iterator[SystemCommand]:
    for action in palette_actions(where):
        method = getattr(target, f"action_{action.runs}", None)
        if method is not None:
            yield SystemCommand(action.palette, action.palette_help, method)


def main_screen_commands(screen: MainScreen) -> Iterable[SystemCommand]:
    """SystemCommands that run the main screen's actions (those this screen has)."""
    return _commands(screen, MAIN)


def app_commands(app: App[object]) -> Iterable[SystemCommand]:
    """The app's own commands, listed on every screen after the screen's: Help, Theme, Quit."""
    return _commands(app, "app")


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
