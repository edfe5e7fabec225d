"""The note editor: Markdown notes of the selected application or interview, autosaved.

Typed text is saved after a short pause (debounced), when focus leaves the editor, before
another record's notes are loaded, and on quit. The title shows "● unsaved" until the data
thread confirms the save, then "✓ saved": from then on the text is on disk.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea

AUTOSAVE_DELAY = 0.8  # seconds of quiet before an autosave


@dataclass(frozen=True)
class NoteTarget:
    """Whose notes are in the editor: ("application" | "interview", id) and a label."""

    kind: str
    id: str
    label: str


def _enable_markdown(area: TextArea) -> None:
    # Highlighting needs tree-sitter (textual[syntax]); without it, still a working editor.
    with contextlib.suppress(Exception):
        area.language = "markdown"


class NoteEditor(Vertical):
    """A titled TextArea that asks the screen to save its text (see SaveRequested)."""

    class SaveRequested(Message):
        """Save ``text`` as the notes of ``target``."""

        def __init__(self, target: NoteTarget, text: str) -> None:
            super().__init__()
            self.target = target
            self.text = text

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.target: NoteTarget | None = None
        self._saved_text = ""
        self._requested_text: str | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="note-title")
        yield TextArea(soft_wrap=True, id="note-text")

    def on_mount(self) -> None:
        self.text_area.disabled = True
        self._show_title()
        # Loading the Markdown grammar takes a while: after the first frame.
        self.call_after_refresh(_enable_markdown, self.text_area)

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#note-text", TextArea)

    @property
    def dirty(self) -> bool:
        """True while the editor holds text not yet confirmed on disk."""
        return self.target is not None and self.text_area.text != self._saved_text

    def load(self, target: NoteTarget | None, text: str) -> None:
        """Show a record's notes, first saving what was typed for the previous one."""
        if target == self.target and not self.dirty:
            if text != self.text_area.text:
                self._set_text(text)
            return
        if target == self.target:
            return  # same record, typing in progress: keep the user's text
        self.flush()
        self.target = target
        self._saved_text = text
        self._requested_text = None
        self._set_text(text)
        self.text_area.disabled = target is None
        self._show_title()

    def _set_text(self, text: str) -> None:
        self._saved_text = text
        self.text_area.load_text(text)
        self._show_title()

    def flush(self) -> None:
        """Ask for a save now (through SaveRequested) if anything is unsaved."""
        pending = self.take_unsaved()
        if pending is not None:
            self.post_message(self.SaveRequested(*pending))

    def take_unsaved(self) -> tuple[NoteTarget, str] | None:
        """The unsaved (target, text), marked as requested; None if nothing is pending.

        Quitting uses this directly: a posted message would never be handled after exit.
        """
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.target is None or not self.dirty:
            return None
        text = self.text_area.text
        if text == self._requested_text:
            return None
        self._requested_text = text
        return self.target, text

    def saved(self, target: NoteTarget, text: str) -> None:
        """The data thread confirms ``text`` is on disk for ``target``."""
        if target == self.target:
            self._saved_text = text
            self._requested_text = None
            self._show_title()

    def save_failed(self, target: NoteTarget) -> None:
        if target == self.target:
            self._requested_text = None
            self._show_title(failed=True)

    def replace_text(self, text: str) -> None:
        """Put new text in (e.g. back from $EDITOR) and save it."""
        self.text_area.load_text(text)
        self.flush()
        self._show_title()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._show_title()
        if self._timer is not None:
            self._timer.stop()
        if self.dirty:
            self._timer = self.set_timer(AUTOSAVE_DELAY, self.flush)

    def on_descendant_blur(self) -> None:
        self.flush()

    def _show_title(self, *, failed: bool = False) -> None:
        title = self.query_one("#note-title", Static)
        if self.target is None:
            title.update(Text("Notes — select an application or interview", style="dim"))
            return
        if failed:
            line = Text("✗ not saved", style="bold red")
        elif self.dirty:
            line = Text("● unsaved", style="bold yellow")
        else:
            line = Text("✓ saved", style="green")
        line.append("  Notes — ", style="bold")
        line.append(self.target.label, style="bold")
        title.update(line)

    @property
    def mark(self) -> str:
        """The save mark as plain text (for tests): "saved", "unsaved" or ""."""
        if self.target is None:
            return ""
        return "unsaved" if self.dirty else "saved"
