"""The note editor: Markdown notes of the selected application or interview, autosaved.

Typed text is saved after a short pause (debounced), but never waits longer than
``AUTOSAVE_MAX_WAIT`` while typing goes on; also when focus leaves the editor, before
another record's notes are loaded, and on quit. The title shows "● unsaved" until the data
thread confirms the save, then "✓ saved": from then on the text is on disk.

The editor never drops text: every text asked to be saved is kept (``unsaved_notes``) until
its save is confirmed, also after moving to another record. A save that fails keeps the
text, shows "✗ not saved: reason" until a save succeeds, and is retried every
``RETRY_SECONDS``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Selection

from jobtui.core.textsafe import has_controls, visible_in_place
from jobtui.db.recovery import UnsavedNote
from jobtui.tui.shown import shown

AUTOSAVE_DELAY = 0.8  # seconds of quiet before an autosave
# The first unsaved keystroke is sent to disk by then even if typing never pauses (the
# save itself takes a moment more: typed text is on disk within 2 s).
AUTOSAVE_MAX_WAIT = 1.5
# The shortest timer we set: a 0 s Textual timer that runs late divides by zero.
MIN_TIMER = 0.01
RETRY_SECONDS = 3.0  # a failed save is tried again this often
INDENT = "  "  # one level of a Markdown list
# Said in the editor's border while it has focus: Tab no longer leaves it.
KEYS_HINT = "esc leave · tab/shift+tab indent"


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


class NoteArea(TextArea):
    """The notes' TextArea: Tab and shift+Tab indent and dedent the selected lines (Markdown
    lists) instead of moving focus, so keys typed after a Tab stay text; escape leaves
    (the main screen's escape binding moves focus to the applications)."""

    BINDINGS = [
        Binding("tab", "indent", "Indent", show=False),
        Binding("shift+tab", "dedent", "Dedent", show=False),
    ]

    def _selected_rows(self) -> tuple[int, int]:
        start, end = sorted(self.selection)
        last = end[0]
        if end[0] > start[0] and end[1] == 0:
            last -= 1  # a selection ending at a line's start does not take that line
        return start[0], last

    def _rewrite_rows(self, change: Callable[[str], tuple[str, int]]) -> None:
        """Replace each selected line by ``change(line)`` (new line, columns added), as
        one edit (one undo step); the cursor and selection move with their text."""
        if self.read_only:
            return
        first, last = self._selected_rows()
        lines = [self.document.get_line(row) for row in range(first, last + 1)]
        changed = [change(line) for line in lines]
        if all(new == old for (new, _), old in zip(changed, lines, strict=True)):
            return
        anchor, cursor = self.selection

        def moved(location: tuple[int, int]) -> tuple[int, int]:
            row, column = location
            if first <= row <= last:
                return row, max(0, column + changed[row - first][1])
            return location

        self.replace(
            "\n".join(new for new, _ in changed),
            (first, 0),
            (last, len(lines[-1])),
            maintain_selection_offset=False,
        )
        self.selection = Selection(moved(anchor), moved(cursor))

    def action_indent(self) -> None:
        """Indent the current (or every selected) line by one level."""
        self._rewrite_rows(lambda line: (INDENT + line, len(INDENT)))

    def action_dedent(self) -> None:
        """Take one level of indentation off the current (or every selected) line."""

        def dedent(line: str) -> tuple[str, int]:
            if line.startswith("\t"):
                return line[1:], -1
            spaces = len(line) - len(line.lstrip(" "))
            cut = min(spaces, len(INDENT))
            return line[cut:], -cut

        self._rewrite_rows(dedent)

    def render_line(self, y: int) -> Strip:
        # The text stays exactly as stored; only what reaches the terminal is made safe: a
        # control character (ESC, C1, a bidi override) shows as a visible stand-in, one
        # character for one so the cursor stays where it is.
        strip = super().render_line(y)
        if not any(has_controls(segment.text) for segment in strip):
            return strip
        segments = [
            Segment(visible_in_place(segment.text), segment.style, segment.control)
            for segment in strip
        ]
        return Strip(segments).crop(0, strip.cell_length)

    def on_focus(self) -> None:
        self.border_subtitle = KEYS_HINT

    def on_blur(self) -> None:
        self.border_subtitle = ""


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
        self._dirty_since: float | None = None  # first keystroke not yet sent to be saved
        # Text asked to be saved and not yet confirmed on disk, for every record.
        self._pending: dict[NoteTarget, str] = {}
        self._failures: dict[NoteTarget, str] = {}  # the reason the last save failed
        # Failures that trying again cannot fix (the text itself is refused, e.g. too long):
        # kept, said, and saved again only once the text changes.
        self._refused: set[NoteTarget] = set()
        self._retry_timer: Timer | None = None
        self.read_only_reason: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="note-title")
        yield NoteArea(soft_wrap=True, id="note-text")

    def on_mount(self) -> None:
        self.text_area.disabled = True
        # The keys hint sits in a bottom border (inline style: the app's stylesheet gives
        # the text no border).
        area = self.text_area
        area.styles.border_bottom = ("solid", self.app.current_theme.primary or "blue")
        area.styles.border_subtitle_align = "right"
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

    def set_read_only(self, reason: str | None) -> None:
        """Refuse typing (with ``reason`` in the title), or allow it again with None."""
        self.read_only_reason = reason
        self.text_area.read_only = reason is not None
        self._show_title()

    def load(self, target: NoteTarget | None, text: str) -> None:
        """Show a record's notes, first saving what was typed for the previous one.

        ``text`` is the notes as stored; if newer text for that record is still on its way
        to disk (or its save failed), that text is shown instead.
        """
        if target == self.target:
            if not self.dirty and text != self.text_area.text:
                self._set_text(text)  # changed elsewhere; nothing typed here
            return
        self.flush()
        self.target = target
        self._saved_text = text
        self._requested_text = None
        self._dirty_since = None
        pending = self._pending.get(target) if target is not None else None
        if pending is not None:
            self._requested_text = pending  # its save is queued, or retried if it failed
        self.text_area.load_text(text if pending is None else pending)
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
        """The unsaved (target, text), marked as requested; None if nothing is pending."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._dirty_since = None
        if self.target is None or not self.dirty:
            return None
        text = self.text_area.text
        if text == self._requested_text:
            return None
        self._requested_text = text
        self._pending[self.target] = text
        return self.target, text

    def unsaved_notes(self) -> list[UnsavedNote]:
        """Every text not confirmed on disk yet: typed here, queued, or failed to save."""
        texts = dict(self._pending)
        if self.dirty:
            assert self.target is not None
            texts[self.target] = self.text_area.text
        return [UnsavedNote(t.kind, t.id, t.label, text) for t, text in texts.items()]

    def failing_notes(self) -> list[tuple[UnsavedNote, str]]:
        """The notes whose last save failed, with the reason."""
        texts = {n.record_id: n for n in self.unsaved_notes()}
        return [
            (texts[target.id], reason)
            for target, reason in self._failures.items()
            if target.id in texts
        ]

    def saved(self, target: NoteTarget, text: str) -> None:
        """The data thread confirms ``text`` is on disk for ``target``."""
        if self._pending.get(target) == text:
            del self._pending[target]
        self._failures.pop(target, None)
        self._refused.discard(target)
        if not self._failures and self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        if target == self.target:
            self._saved_text = text
            if self._requested_text == text:
                self._requested_text = None
            if self.dirty and self._timer is None:
                # The text moved on while this save was queued, perhaps back to one that
                # no change event called unsaved then: what is shown gets saved too.
                self._schedule_autosave()
        self._show_title()

    def save_failed(
        self, target: NoteTarget, text: str, reason: str, *, retry: bool = True
    ) -> bool:
        """The save of ``text`` failed: keep it, say why, retry (unless ``retry`` is False:
        the text itself was refused, so only a change to it can help). True if news."""
        new = target not in self._failures or (target in self._refused) == retry
        self._failures[target] = reason
        if retry:
            self._refused.discard(target)
        else:
            self._refused.add(target)
        self._pending.setdefault(target, text)
        if target == self.target:
            self._requested_text = None  # so the next flush asks again
        if self._retry_timer is None:
            self._retry_timer = self.set_interval(RETRY_SECONDS, self.retry_failed)
        self._show_title()
        return new

    def retry_failed(self) -> None:
        """Ask again for every save that failed (not those refused for their text)."""
        for target in list(self._failures):
            if target in self._refused:
                continue
            if target == self.target:
                self._requested_text = None
                self.flush()
            elif target in self._pending:
                self.post_message(self.SaveRequested(target, self._pending[target]))

    def replace_text(self, text: str) -> None:
        """Put new text in (e.g. back from $EDITOR) and save it."""
        self.text_area.load_text(text)
        self.flush()
        self._show_title()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._show_title()
        self._schedule_autosave()

    def _schedule_autosave(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.dirty:
            self._dirty_since = None
            return
        # Debounced, with a maximum wait: steady typing is still saved every so often.
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        left = self._dirty_since + AUTOSAVE_MAX_WAIT - now
        self._timer = self.set_timer(max(MIN_TIMER, min(AUTOSAVE_DELAY, left)), self.flush)

    def on_descendant_blur(self) -> None:
        self.flush()

    def _show_title(self) -> None:
        title = self.query_one("#note-title", Static)
        if self.target is None:
            title.update(Text("Notes — select an application or interview", style="dim"))
            self._set_alarm(title, None)
            return
        failure = self._failures.get(self.target)
        if self.read_only_reason is not None:
            line = Text("read-only: ", style="bold")
            line.append_text(shown(self.read_only_reason, "bold"))
            line.append("\n")
        elif failure is not None:
            line = Text("✗ not saved: ", style="bold")
            line.append_text(shown(failure, "bold"))
            if self.target in self._refused:
                line.append(" (kept here; change it to save)\n")
            else:
                line.append(f" (kept here; retrying every {RETRY_SECONDS:g} s)\n")
        elif self.dirty:
            line = Text("● unsaved", style="bold yellow")
        else:
            line = Text("✓ saved", style="green")
        line.append("Notes — " if line.plain.endswith("\n") else "  Notes — ", style="bold")
        line.append_text(shown(self.target.label, "bold"))
        title.update(line)
        alarm = "error" if failure and self.read_only_reason is None else None
        if self.read_only_reason is not None:
            alarm = "warning"
        self._set_alarm(title, alarm)

    def _set_alarm(self, title: Static, level: str | None) -> None:
        # Inline styles (they win over the app's stylesheet): a failed save or a read-only
        # database stays visible in the title bar, on more than one line if need be.
        if level is None:
            title.styles.clear_rule("height")
            title.styles.clear_rule("background")
            title.styles.clear_rule("color")
            return
        theme = self.app.current_theme
        colour = (theme.error if level == "error" else theme.warning) or "red"
        title.styles.height = "auto"
        title.styles.background = colour
        title.styles.color = "black" if level == "warning" else "white"

    @property
    def mark(self) -> str:
        """The save mark as plain text (for tests): "saved", "unsaved", "not saved" or ""."""
        if self.target is None:
            return ""
        if self.target in self._failures:
            return "not saved"
        return "unsaved" if self.dirty else "saved"
