"""The interview timeline: every interview in time order, grouped by day, with a "now" marker."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from jobtui.core import dates
from jobtui.core.followup import Urgency
from jobtui.core.overview import TimelineEntry, active_snooze
from jobtui.tui.shown import shown
from jobtui.tui.styles import urgency_style

NOW_MARKER_ID = "__now__"


# The badge in three lengths: the long one, the short one ("overdue" for "thank-you overdue")
# and a mark, for a narrow timeline to keep the company in view.
BADGE_FORMS = ("long", "short", "mark")
_MARKS = {Urgency.OVERDUE: "!!", Urgency.DUE: "!", Urgency.UPCOMING: "›"}


def badge(
    entry: TimelineEntry, now: datetime, *, form: str = "long"
) -> tuple[str, Urgency | None, bool]:
    """The follow-up badge: (text, urgency, done), in one of BADGE_FORMS."""
    pressing = [i for i in entry.items if i.urgency != Urgency.UPCOMING]
    if pressing:
        item = min(pressing, key=lambda i: i.urgency.rank)
        label = item.kind.info.badge
        text = {"long": f"{label} {item.urgency.value}", "short": item.urgency.value}
        return text.get(form, _MARKS[item.urgency]), item.urgency, False
    if entry.thank_you_done:
        return ("✓ thanked" if form == "long" else "✓"), None, True
    if entry.interview.starts_at > now:
        return ("›" if form == "mark" else "upcoming"), Urgency.UPCOMING, False
    if active_snooze(entry.app, entry.interview, now) is not None:
        return ("z" if form == "mark" else "snoozed"), None, False
    return "", None, False


class Timeline(OptionList):
    """An OptionList whose options are interview ids; day headings and "now" are disabled."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor_up"),
    ]

    _last: tuple[Sequence[TimelineEntry], datetime, str | None] | None = None

    @property
    def selected_id(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.disabled or option.id == NOW_MARKER_ID:
            return None
        return option.id

    def show_entries(
        self,
        entries: Sequence[TimelineEntry],
        now: datetime,
        focus_app: str | None,
        *,
        jump: bool = False,
    ) -> None:
        """Redraw: day headings, one line per interview, the now marker between past and future.

        ``focus_app``'s interviews are marked; with ``jump`` the highlight moves to its most
        recent one (else it stays where it was).
        """
        self._last = (entries, now, focus_app)
        keep = self.selected_id
        options: list[Option] = []
        last_day = None
        now_placed = False
        zone = dates.local_tz()
        focus_index = None
        for entry in entries:
            start = entry.interview.starts_at.astimezone(zone)
            if not now_placed and start > now:
                options.append(
                    Option(Text("──── now ────", style="bold"), id=NOW_MARKER_ID, disabled=True)
                )
                now_placed = True
            if start.date() != last_day:
                last_day = start.date()
                options.append(
                    Option(Text(dates.format_day(last_day), style="bold underline"), disabled=True)
                )
            options.append(Option(self._line(entry, now, focus_app), id=entry.interview.id))
            if focus_app and entry.app.id == focus_app and (focus_index is None or start <= now):
                focus_index = len(options) - 1
        if not now_placed and entries:
            options.append(
                Option(Text("──── now ────", style="bold"), id=NOW_MARKER_ID, disabled=True)
            )
        if not entries:
            options.append(
                Option(
                    Text("No interviews yet: select an application and press i", style="dim"),
                    disabled=True,
                )
            )
        self.set_options(options)
        target = self._index_of(keep) if keep is not None and not jump else None
        if target is None:
            target = focus_index
        if target is None:
            target = self._around_now(options)
        if target is not None:
            self.highlighted = target
            self.scroll_to_highlight()

    @staticmethod
    def _around_now(options: list[Option]) -> int | None:
        # With nothing chosen, show the present: the first interview after "now" (else the last).
        marker = next((n for n, o in enumerate(options) if o.id == NOW_MARKER_ID), None)
        if marker is None:
            return None
        after = [n for n in range(marker + 1, len(options)) if not options[n].disabled]
        before = [n for n in range(marker) if not options[n].disabled]
        if after:
            return after[0]
        return before[-1] if before else None

    def _index_of(self, option_id: str) -> int | None:
        try:
            return self.get_option_index(option_id)
        except Exception:
            return None

    def _line(self, entry: TimelineEntry, now: datetime, focus_app: str | None) -> Text:
        interview = entry.interview
        # As if the scrollbar were there: it appears once the list is longer than the pane,
        # which narrows the text without resizing the widget (a too-long line would wrap).
        width = min(
            self.scrollable_content_region.width,
            self.content_region.width - self.styles.scrollbar_size_vertical,
        )
        mine = focus_app is not None and entry.app.id == focus_app
        company = shown(entry.app.company, "bold" if mine else "")
        # " HH:MM " + " badge " + " " + company: the longest badge that leaves the company
        # whole (the mark if none does).
        for form in BADGE_FORMS:
            text, urgency, done = badge(entry, now, form=form)
            if width <= 4 or 7 + len(text) + 3 + company.cell_len <= width - 1:
                break
        style = urgency_style(self.app, urgency, done=done)
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append("▌" if mine else " ", style="bold" if mine else "")
        line.append(f"{dates.format_clock(interview.starts_at)} ")
        if text:
            line.append(f" {text} ", style=style + Style(reverse=not done))
            line.append(" ")
        line.append(company)
        line.append(shown(f" — {entry.app.role}", "bold" if mine else ""))
        line.append(f" · {interview.kind.label}", style="dim")
        people = ", ".join(p.name for p in interview.interviewers)
        if people:
            line.append(shown(f" · {people}", "dim"))
        if width > 4:
            line.truncate(width - 1, overflow="ellipsis")  # one line per interview, always
        return line

    def on_resize(self) -> None:
        if self._last is not None:
            entries, now, focus_app = self._last
            self.show_entries(entries, now, focus_app)
