"""The summary line: active applications, interviews this week, follow-ups due now, and
whether the database is read-only (and why)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from jobtui.core.followup import Urgency
from jobtui.core.overview import Overview
from jobtui.core.words import plural
from jobtui.tui.styles import urgency_style

# Narrower than this, the line is drawn compact (80 columns is the smallest we lay out for).
COMPACT_BELOW = 100


class Summary(Static):
    """One line at the top; the follow-up count is coloured when anything is due."""

    def on_mount(self) -> None:
        line = Text(" jobtui", style="bold")
        line.append("  loading…", style="dim")
        self.update(line)

    _shown: tuple[Overview, str | None] | None = None

    def show(self, overview: Overview, *, read_only: str | None = None) -> None:
        """Draw the counts; ``read_only`` is why nothing can be changed (None if it can).
        Below COMPACT_BELOW columns the separators and words are shorter, so the whole line
        still fits at 80."""
        self._shown = (overview, read_only)
        compact = 0 < self.size.width < COMPACT_BELOW
        gap = " · " if compact else "  ·  "
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(" jobtui", style=f"bold {self.app.current_theme.accent or 'cyan'}")
        line.append(f"  {overview.active} active")
        week = overview.interviews_this_week
        line.append(f"{gap}{plural(week, 'interview')} this week{gap}")
        due = overview.due_now
        if due:
            urgency = Urgency.OVERDUE if overview.overdue else Urgency.DUE
            style = urgency_style(self.app, urgency)
            line.append(f"{plural(due, 'follow-up')} due{'' if compact else ' now'}", style=style)
            if overview.overdue:
                line.append(f" ({overview.overdue} overdue)", style=style)
        else:
            line.append("no follow-ups due", style="dim")
        if read_only is not None:
            # The reason is long (it names the file): it is in the notes title and a toast.
            line.append("   READ-ONLY: nothing can be changed here", style="bold reverse")
        self.update(line)

    def on_resize(self) -> None:
        if self._shown is not None:
            overview, read_only = self._shown
            self.show(overview, read_only=read_only)
