"""The one key table (jobtui.keys.ACTIONS) and what is built from it: the Textual bindings, the
command palette, the help and the [keys] check. No Pilot: the classes are only inspected."""

from __future__ import annotations

from collections import Counter

import pytest
from textual.app import App
from textual.binding import Binding

from jobtui.config import FollowUpRules
from jobtui.core.followup import Urgency
from jobtui.keys import ACTIONS, BINDINGS, MAIN, PALETTE_ORDER, check_keys
from jobtui.tui import keymap
from jobtui.tui.palette import app_commands, main_screen_commands, palette_actions
from jobtui.tui.styles import urgency_style


def _holders() -> dict[str, list[type]]:
    """Where the table's bindings go: "where" -> the classes whose BINDINGS hold them."""
    from jobtui.tui.app import JobTUI
    from jobtui.tui.screens.board import BoardScreen
    from jobtui.tui.screens.composer import ComposerScreen
    from jobtui.tui.screens.confirm import ConfirmDialog
    from jobtui.tui.screens.contacts import ContactsScreen
    from jobtui.tui.screens.help import HelpScreen
    from jobtui.tui.screens.import_dialog import ImportDialog
    from jobtui.tui.screens.log_message import LogMessageDialog
    from jobtui.tui.screens.main import MainScreen
    from jobtui.tui.screens.offers import OffersScreen
    from jobtui.tui.screens.record_form import RecordForm
    from jobtui.tui.screens.sent_message import SentMessageScreen
    from jobtui.tui.screens.snooze import SnoozeDialog
    from jobtui.tui.screens.stats import StatsScreen
    from jobtui.tui.screens.status_picker import StatusPicker
    from jobtui.tui.screens.task_dialog import TaskDialog
    from jobtui.tui.screens.task_picker import TaskPicker
    from jobtui.tui.screens.trash import TrashScreen
    from jobtui.tui.widgets.applications import ApplicationsTable
    from jobtui.tui.widgets.timeline import Timeline

    return {
        "app": [JobTUI],
        MAIN: [MainScreen],
        "lists": [ApplicationsTable, Timeline],
        "applications": [ApplicationsTable],
        "composer": [ComposerScreen],
        "form": [RecordForm, LogMessageDialog],
        "stats": [StatsScreen],
        "help": [HelpScreen],
        "confirm": [ConfirmDialog],
        "status picker": [StatusPicker],
        "import": [ImportDialog],
        "snooze": [SnoozeDialog],
        "trash": [TrashScreen],
        "sent message": [SentMessageScreen],
        "board": [BoardScreen],
        "offers": [OffersScreen],
        "contacts": [ContactsScreen],
        "task": [TaskDialog],
        "task picker": [TaskPicker],
    }


def _as_tuples(bindings) -> list[tuple[object, ...]]:
    return [
        (b.key, b.action, b.description, b.show, b.priority, b.id)
        for b in bindings
        if isinstance(b, Binding) and b.id
    ]


def test_every_binding_id_is_in_the_table_once():
    ids = Counter(a.id for a in ACTIONS)
    assert [i for i, n in ids.items() if n > 1] == []


def test_every_class_binds_exactly_its_rows_of_the_table():
    holders = _holders()
    assert set(holders) == {a.where for a in ACTIONS if a.keys}
    expected: dict[type, list[tuple[object, ...]]] = {}
    for where, classes in holders.items():  # a class may hold the rows of several (in order)
        for cls in classes:
            expected.setdefault(cls, []).extend(_as_tuples(keymap.bindings(where)))
    for cls, rows in expected.items():
        assert _as_tuples(cls.BINDINGS) == rows, cls.__name__


def test_bindings_of_an_unknown_place_is_an_error():
    with pytest.raises(KeyError):
        keymap.bindings("main")


def test_config_binding_ids_come_from_the_table():
    checked = {i: (screen, keys) for screen, ids in BINDINGS.items() for i, keys in ids.items()}
    assert checked == {a.id: (a.screen, a.keys) for a in ACTIONS if a.keys}
    # The defaults themselves are usable settings: no key is empty or does two things.
    defaults = {a.id: a.keys for a in ACTIONS if a.keys}
    assert check_keys(defaults) == (defaults, [])
    # An action without a key (palette only) cannot be given one through [keys].
    assert check_keys({"import": "x"})[1] == [
        "[keys] import: no such binding id (the help, ?, lists them)"
    ]


def test_the_palette_lists_each_entry_once_in_its_order_and_every_one_runs():
    from jobtui.tui.app import JobTUI
    from jobtui.tui.screens.main import MainScreen

    with_palette = [a.id for a in ACTIONS if a.palette]
    assert sorted(PALETTE_ORDER) == sorted(with_palette)
    listed = [a.id for a in palette_actions(MAIN)] + [a.id for a in palette_actions("app")]
    assert listed == list(PALETTE_ORDER)
    for action in palette_actions(MAIN):
        assert callable(getattr(MainScreen, f"action_{action.runs}", None)), action.id
    for action in palette_actions("app"):
        assert callable(getattr(JobTUI, f"action_{action.runs}", None)), action.id


def test_palette_commands_run_the_actions_of_the_screen_and_the_app():
    class Screenish:
        def action_add_application(self) -> None: ...
        def action_stats(self) -> None: ...

    class Appish:
        def action_help(self) -> None: ...
        def action_quit(self) -> None: ...

    titles = [c.title for c in main_screen_commands(Screenish())]  # type: ignore[arg-type]
    assert titles == ["Add application", "Stats"]
    commands = list(app_commands(Appish()))  # type: ignore[arg-type]
    assert [(c.title, c.help) for c in commands] == [
        ("Help", "Every key, and where your data lives"),
        ("Quit", "Save the notes and leave"),
    ]


def test_the_help_lists_every_main_screen_key_quit_and_help_first():
    rows = keymap.help_rows(App(), {})
    ids = [binding_id for _, _, binding_id in rows]
    first_table_row = len(keymap.HELP_BEFORE)
    assert ids[first_table_row : first_table_row + 2] == ["quit", "help"]
    on_main = {a.id for a in ACTIONS if a.keys and a.screen == MAIN}
    listed = {i for binding_id in ids for i in binding_id.split(" / ") if i}
    assert listed == on_main
    described = {binding_id: does for _, does, binding_id in rows}
    assert described["mark_sent"] == "Log the owed thank-you or follow-up as sent"
    assert rows[-1][0] == "ctrl+p"


def test_the_help_shows_keys_as_remapped_now():
    rows = {row[2]: row[0] for row in keymap.help_rows(App(), {"add_application": "n"})}
    assert rows["add_application"] == "n"
    assert rows["redo"] == "U / ^r"
    assert rows["help"] == "?"
    assert keymap.keys_shown(App(), {"redo": "ctrl+y,R"}, "redo") == ["^y", "R"]


def test_the_help_states_the_users_rules_in_the_theme_colours():
    from jobtui.tui.screens.help import rules_text

    app = App()
    mine = FollowUpRules(check_in_business_days=9, upcoming_days=4, overdue_grace_business_days=3)
    text = rules_text(mine, app)
    assert "Check-in: 9 business days" in text.plain
    assert "overdue 3 business days after it falls due" in text.plain
    one = rules_text(FollowUpRules(after_decision_business_days=1, max_unanswered=1), app).plain
    assert "or 1 business day after the day" in one and "After 1 unanswered follow-up:" in one
    assert "due within 4 days" in text.plain
    assert "These are your settings" in text.plain
    assert "These are the defaults" in rules_text(FollowUpRules(), app).plain

    def style_of(word: str):
        start = text.plain.rindex(word)
        [span] = [s for s in text.spans if s.start == start]
        return span.style

    assert style_of("overdue") == urgency_style(app, Urgency.OVERDUE)
    assert style_of("due") == urgency_style(app, Urgency.DUE)
    assert style_of("upcoming") == urgency_style(app, Urgency.UPCOMING)
    assert style_of("✓ done") == urgency_style(app, None, done=True)
    assert "red" not in str(style_of("overdue"))
