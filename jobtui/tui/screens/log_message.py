"""Log a message sent outside the composer, on purpose: its kind, to whom, the channel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from jobtui.core.model import SentKind
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import ShownInput, shown

TITLE_CHARS = 80
DEFAULT_CHANNEL = "email"


@dataclass(frozen=True)
class MessageToLog:
    """The answer of a :class:`LogMessageDialog`: what to log as sent now."""

    kind: SentKind
    to: str
    channel: str


class LogMessageDialog(Dialog[MessageToLog | None]):
    """Ask what was sent: the kind (a list; the one owed, if any, is highlighted), to whom
    (prefilled with ``to``, see ``ops.followups.recipients``) and the channel ("email").
    Enter logs it, escape cancels."""

    DEFAULT_CSS = """
    LogMessageDialog {
        & .dialog {
            width: 72;
        }
        & #log-kind {
            height: auto;
            margin-bottom: 1;
        }
        & .form-row {
            height: auto;
        }
        & .form-label {
            width: 9;
            padding: 1 1 0 0;
            color: $text-muted;
        }
        & Input {
            width: 1fr;
        }
    }
    """
    # Toasts wait until this dialog closes: they would cover the field being typed in.
    HOLDS_TOASTS = True

    # A small form: the form's keys (ctrl+s logs, escape cancels); enter logs too.
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("form")

    def __init__(self, about: str, owed: SentKind | None, to: str) -> None:
        super().__init__()
        self.about = about
        self.owed = owed
        self.to = to

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = Text("Log a message sent for ")
            title.append_text(shown(self.about, limit=TITLE_CHARS))
            yield Static(title, classes="dialog-title")
            yield OptionList(
                *(Option(self._kind_prompt(kind), id=kind.value) for kind in SentKind),
                id="log-kind",
            )
            with Horizontal(classes="form-row"):
                yield Label(Text("To"), classes="form-label")
                yield ShownInput(self.to, placeholder="e.g. Ana Lima <ana@x.com>, Bo", id="log-to")
            with Horizontal(classes="form-row"):
                yield Label(Text("Channel"), classes="form-label")
                yield ShownInput(
                    DEFAULT_CHANNEL, placeholder="email, linkedin, phone...", id="log-channel"
                )
            yield Static(
                Text("↑↓ kind · tab next field · enter log it · esc cancel"),
                classes="dialog-keys",
            )

    def _kind_prompt(self, kind: SentKind) -> Text:
        prompt = Text(kind.label)
        if kind == self.owed:
            prompt.append("  owed now", style="dim")
        return prompt

    def on_mount(self) -> None:
        kinds = self.query_one("#log-kind", OptionList)
        kinds.highlighted = list(SentKind).index(self.owed or SentKind.OTHER)
        kinds.focus()

    @property
    def kind(self) -> SentKind:
        """The kind highlighted in the list."""
        index = self.query_one("#log-kind", OptionList).highlighted
        return list(SentKind)[index or 0]

    @on(OptionList.OptionSelected, "#log-kind")
    @on(Input.Submitted)
    def _enter(self, event: OptionList.OptionSelected | Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        """Answer with what was chosen and typed."""
        to = self.query_one("#log-to", Input).value.strip()
        # Empty means the usual channel (the log reads an empty one back as email anyway).
        channel = self.query_one("#log-channel", Input).value.strip() or DEFAULT_CHANNEL
        self.dismiss(MessageToLog(self.kind, to, channel))

    def action_cancel(self) -> None:
        """Close without logging anything."""
        self.dismiss(None)
