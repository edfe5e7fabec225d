"""The keys, the follow-up rules and where the data lives."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from jobtui import locations
from jobtui.config import FollowUpRules
from jobtui.core.followup import Urgency
from jobtui.core.words import plural
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import shown
from jobtui.tui.styles import urgency_style


def keys_table(bindings: list[tuple[str, str, str]]) -> Table:
    """One row per binding: key, what it does, and the id to remap it with."""
    table = Table(box=None, expand=True, padding=(0, 1), show_edge=False)
    # Headers as Text: a str header is read as markup, and "[keys]" would vanish.
    table.add_column(Text("Key"), style="bold", no_wrap=True)
    table.add_column(Text("Does"), ratio=1)
    table.add_column(Text("Id, for config.toml [keys]"), style="dim", no_wrap=True)
    for key, description, binding_id in bindings:
        # Keys come from config.toml: shown as typed.
        table.add_row(shown(key), shown(description), shown(binding_id))
    return table


def rules_text(rules: FollowUpRules, app: App[object]) -> Text:
    """The follow-up rules in plain words, with the numbers of ``rules`` (the user's
    config.toml), and what the colours mean in the app's theme."""
    text = Text("Follow-ups\n", style="bold")
    days = plural(rules.check_in_business_days, "business day")
    after_decision = plural(rules.after_decision_business_days, "business day")
    applied = plural(rules.application_business_days, "business day")
    grace = plural(rules.overdue_grace_business_days, "business day")
    upcoming = plural(rules.upcoming_days, "day")
    unanswered = plural(rules.max_unanswered, "unanswered follow-up")
    text.append(
        f"• Thank-you: due when an interview ends, overdue {rules.thank_you_overdue_hours}h "
        "later.\n"
        f"• Check-in: {days} after the last interview with no news, or {after_decision} "
        "after the day they said they would decide.\n"
        f"• After applying: still “applied” after {applied} -> follow up; again after each "
        "unanswered follow-up.\n"
        f"• A check-in or follow-up is overdue {grace} after it falls due; upcoming means due "
        f"within {upcoming}.\n"
        f"• After {unanswered}: mark it ghosted?\n"
        "• Closed applications need nothing; a snooze moves the due time.\n"
    )
    if rules == FollowUpRules():
        text.append("These are the defaults; change them in config.toml under [followup].\n\n")
    else:
        text.append("These are your settings, from config.toml [followup].\n\n")
    text.append("Colours  ", style="bold")
    text.append("overdue", style=urgency_style(app, Urgency.OVERDUE))
    text.append(" · ")
    text.append("due", style=urgency_style(app, Urgency.DUE))
    text.append(" · ")
    text.append("upcoming", style=urgency_style(app, Urgency.UPCOMING))
    text.append(" · ")
    text.append("✓ done", style=urgency_style(app, None, done=True))
    return text


def files_text(db: Path | None = None) -> Text:
    """Where the data and the settings live; ``db`` is the database open now (the default
    location when None)."""
    db = db or locations.database_file()
    text = Text("Files\n", style="bold")
    for label, path in (
        ("Data     ", db),
        ("Backups  ", locations.backups_dir(db)),
        ("Config   ", locations.config_file()),
    ):
        text.append(label)
        text.append(shown(path))  # a path may hold any character
        text.append("\n")
    text.append("Messages ")
    text.append(shown(locations.user_templates_dir()))
    text.append(" (overrides the packaged templates)")
    return text


class HelpScreen(Dialog[None]):
    """Every key of the main screen, the follow-up rules and the file locations.

    ``bindings`` are (key as shown, description, binding id) rows (see
    :func:`jobtui.tui.keymap.help_rows`); ``db`` the database open now; ``rules`` the
    follow-up rules in use (the defaults when None). Escape, q or ? close it.
    """

    DEFAULT_CSS = """
    HelpScreen {
        & .dialog {
            width: 90;
            height: 100%;
        }

        & #help-body {
            height: 1fr;
        }

        & #help-body > Static {
            width: 1fr;
            padding-bottom: 1;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("help")

    def __init__(
        self,
        bindings: list[tuple[str, str, str]],
        db: Path | None = None,
        rules: FollowUpRules | None = None,
    ) -> None:
        super().__init__()
        self.key_rows = list(bindings)
        self.db = db
        self.rules = rules if rules is not None else FollowUpRules()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("jobtui — help"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(keys_table(self.key_rows), id="help-keys")
                yield Static(rules_text(self.rules, self.app), id="help-rules")
                yield Static(files_text(self.db), id="help-files")
            yield Static(Text("↑/↓ scroll · esc, q or ? close"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
