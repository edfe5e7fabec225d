"""Ask once who is writing (name, email, signature) and keep it in config.toml's [me].

The composer calls :func:`ask_who_is_writing` before the first draft of a run when config
has no name: a letter then ends with the user's name, not a bare "Best regards,". The
answer is written into config.toml by :func:`jobtui.config_edit.save_me`, which keeps the
file's comments and other settings. Skipping (esc) is remembered until jobtui quits.
"""

from __future__ import annotations

import asyncio
import dataclasses
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from jobtui import locations
from jobtui.config import ConfigError, Me, load_config
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import ShownInput, ShownTextArea, shown

if TYPE_CHECKING:
    from jobtui.tui.screens.panes import MainPanes

# The apps (runs) that have asked already: asked once per run, whatever the answer.
_ASKED: weakref.WeakSet[App[object]] = weakref.WeakSet()


class WhoDialog(Dialog[Me | None]):
    """Name (required), email and a signature of several lines (empty: the name signs).

    Enter in a one-line field or ctrl+s saves; esc skips. Dismisses with the :class:`Me`
    to save, or None when skipped.
    """

    DEFAULT_CSS = """
    WhoDialog {
        & #who-fields {
            height: auto;
            max-height: 100%;
        }

        & .who-row {
            height: auto;
            margin-top: 1;
        }

        & .who-label {
            width: 11;
            padding: 0 1 0 0;
            text-align: right;
            color: $text-muted;
        }

        & .who-cell {
            width: 1fr;
            height: auto;
        }

        & Input, & TextArea {
            background: $boost;
        }

        & Input:focus, & TextArea:focus {
            background: $primary 20%;
        }

        & TextArea {
            height: 4;
        }

        & Input.-invalid {
            background: $error 25%;
        }
    }
    """
    # Toasts wait until this dialog closes: they would cover the field being typed in.
    HOLDS_TOASTS = True

    BINDINGS: ClassVar[list[BindingType]] = [
        *keymap.bindings("form"),
        # Priority, as in the record forms: focus moves the moment tab is read, so what is
        # typed right after it lands in the next field, not the one tab left.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(self, current: Me, path: Path) -> None:
        super().__init__()
        self.current = current
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Who is writing?"), classes="dialog-title")
            detail = Text("Your name and email sign your messages. jobtui keeps them in ")
            detail.append(shown(self.path, limit=200))
            detail.append(" under [me].")
            yield Static(detail, classes="dialog-detail")
            with VerticalScroll(id="who-fields", can_focus=False):
                with Horizontal(classes="who-row"):
                    yield Label(Text("Name *"), classes="who-label")
                    with Vertical(classes="who-cell"):
                        yield ShownInput(
                            self.current.name,
                            placeholder="e.g. Ana Lima",
                            validate_on=[],
                            compact=True,
                            id="who-name",
                        )
                        yield Static("", classes="form-error", id="who-error", markup=False)
                with Horizontal(classes="who-row"):
                    yield Label(Text("Email"), classes="who-label")
                    yield ShownInput(
                        self.current.email,
                        placeholder="e.g. ana@example.com (optional)",
                        validate_on=[],
                        compact=True,
                        id="who-email",
                    )
                with Horizontal(classes="who-row"):
                    yield Label(Text("Signature"), classes="who-label")
                    with Vertical(classes="who-cell"):
                        yield ShownTextArea(
                            self.current.signature,
                            soft_wrap=True,
                            compact=True,
                            highlight_cursor_line=False,
                            placeholder="optional, several lines; empty: your name",
                            id="who-signature",
                        )
                        yield Static(
                            Text("Ends every letter; your name when left empty."),
                            classes="form-hint",
                        )
            yield Static(
                Text("enter or ctrl+s save · esc skip (asked again when jobtui next starts)"),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one("#who-error", Static).display = False
        self.query_one("#who-name", Input).focus()

    def answer(self) -> Me:
        """What is typed now, as it would be saved (name and email without outer spaces,
        the signature without trailing blank lines)."""
        return Me(
            name=self.query_one("#who-name", Input).value.strip(),
            email=self.query_one("#who-email", Input).value.strip(),
            signature=self.query_one("#who-signature", TextArea).text.rstrip(),
        )

    @on(Input.Changed, "#who-name")
    def _name_changed(self, event: Input.Changed) -> None:
        if event.value.strip():
            event.input.remove_class("-invalid")
            self.query_one("#who-error", Static).display = False

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        """Save what is typed; a missing name keeps the dialog open, saying so."""
        me = self.answer()
        if not me.name:
            name = self.query_one("#who-name", Input)
            name.add_class("-invalid")
            error = self.query_one("#who-error", Static)
            error.update(Text("Type your name, or esc to skip."))
            error.display = True
            name.focus()
            return
        self.dismiss(me)

    def action_cancel(self) -> None:
        """Skip: nothing is written, and it is not asked again in this run."""
        self.dismiss(None)


def _me_on_disk(path: Path) -> Me | None:
    """config.toml's [me] now, or None when the file cannot be read as a config."""
    try:
        return load_config(path).me
    except (ConfigError, OSError):
        return None


async def ask_who_is_writing(panes: MainPanes) -> None:
    """Ask who is writing, at most once per run, and save the answer in config.toml.

    On success ``panes.tui.config`` gets the ``[me]`` read back from the file (the other
    settings stay those the app started with: keys and follow-up rules are applied at
    start). A file that cannot be written or edited is said in an error notice naming it;
    the draft goes on unsigned. Runs in a worker (it waits for the dialog).
    """
    app = panes.tui
    if app in _ASKED:
        return
    _ASKED.add(app)
    path = app.config.path or locations.config_file()
    # The file may have been given a name by hand since jobtui started: use it, or start
    # the dialog from what [me] holds now (an email or signature already there is kept).
    current = await asyncio.to_thread(_me_on_disk, path)
    if current is not None and current.name:
        app.config = dataclasses.replace(app.config, me=current)
        return
    answer = await app.push_screen_wait(WhoDialog(current or app.config.me, path))
    if answer is None:
        return
    from jobtui.config_edit import save_me

    try:
        # A write and an fsync: off the event loop.
        saved = await asyncio.to_thread(save_me, answer, path)
    except (ConfigError, OSError) as exc:
        app.notify(f"Could not save your name: {exc}", severity="error", timeout=15)
        return
    app.config = dataclasses.replace(app.config, me=saved.me)
    app.notify(f"Saved your name in {path}", timeout=5)
