"""Snooze the follow-ups of an application or interview until a given time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from jobtui.core import dates
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import ShownInput, shown

LABEL_CHARS = 120

# Typed to clear a snooze, as in `jobtui snooze ID off`.
CLEAR_WORDS = frozenset({"off", "none"})


@dataclass
class Snooze:
    """The answer of a :class:`SnoozeDialog`: snooze until ``until``, or clear it (None)."""

    until: datetime | None


def read_snooze(text: str, now: datetime) -> Snooze:
    """Typed text -> Snooze; DateParseError (a ValueError) for text that is no date."""
    words = text.strip().lower()
    if words in CLEAR_WORDS:
        return Snooze(None)
    if not words:
        raise dates.DateParseError('type when, e.g. "+3d" or "next monday 9am", or "off"')
    return Snooze(dates.parse_when(text, now))


def describe_snooze(snooze: Snooze, now: datetime) -> str:
    """ "until Sun 29 Nov 2026 10:00 CET (in 3d)" or "clear the snooze"."""
    if snooze.until is None:
        return "clear the snooze"
    delta = snooze.until - now
    distance = dates.humanize_delta(delta)
    if distance == "now":
        relative = "now"
    elif delta > timedelta(0):
        relative = f"in {distance}"
    else:
        relative = f"{distance} ago: already over"
    return f"until {dates.format_when(snooze.until, now)} ({relative})"


class SnoozeDialog(Dialog[Snooze | None]):
    """Ask until when to snooze ``label``; dismisses with a :class:`Snooze`, or None on escape.

    Accepts what ``jobtui snooze`` accepts: "+3d", "next monday 9am", "Dec 3"; "off" clears.
    """

    DEFAULT_CSS = """
    SnoozeDialog .dialog {
        width: 64;
    }
    """
    # Toasts wait until this dialog closes: they would cover the field being typed in.
    HOLDS_TOASTS = True

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("snooze")

    def __init__(self, label: str, now: datetime, current: datetime | None) -> None:
        super().__init__()
        self.label = label
        self.now = now
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = Text("Snooze ")
            title.append(shown(self.label, "bold", limit=LABEL_CHARS))
            yield Static(title, classes="dialog-title")
            if self.current is None:
                current = Text("Not snoozed.")
            else:
                current = Text(f"Snoozed until {dates.format_when(self.current, self.now)}.")
            yield Static(current, classes="dialog-detail", id="snooze-current")
            yield ShownInput(
                placeholder='+3d, next monday 9am, Dec 3 · "off" clears',
                validate_on=[],
                id="snooze-input",
            )
            yield Static("", classes="form-hint", id="snooze-hint", markup=False)
            yield Static(Text("enter snooze · esc cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        self._show_hint("")
        self.query_one(Input).focus()

    @on(Input.Changed, "#snooze-input")
    def _changed(self, event: Input.Changed) -> None:
        event.input.remove_class("-invalid")
        self._show_hint(event.value)

    def _show_hint(self, text: str) -> None:
        hint = self.query_one("#snooze-hint", Static)
        if not text.strip():
            hint.update(Text("Type when the follow-ups should come back."))
            hint.set_classes("form-hint")
            return
        try:
            hint_text = Text(f"→ {describe_snooze(read_snooze(text, self.now), self.now)}")
            bad = False
        except ValueError as exc:  # the reason may quote what was typed
            hint_text, bad = shown(f"✗ {exc}"), True
        hint.update(hint_text)
        hint.set_classes(f"form-hint {'-bad' if bad else '-ok'}")

    @on(Input.Submitted, "#snooze-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            snooze = read_snooze(event.value, self.now)
        except ValueError as exc:
            event.input.add_class("-invalid")
            self.query_one("#snooze-hint", Static).update(shown(f"✗ {exc}"))
            self.query_one("#snooze-hint", Static).set_classes("form-hint -bad")
            return
        self.dismiss(snooze)

    def action_cancel(self) -> None:
        """Close without changing the snooze."""
        self.dismiss(None)
