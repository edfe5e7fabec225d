"""The timeline: every interview (and every deadline) in time order, grouped by day, with a
"now" marker. A cancelled interview is struck through with a "cancelled" badge; a deadline
has its own badge ("deadline", "offer answer") in its urgency's colour."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import cached_property, partial
from operator import is_

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from jobtui.core import dates
from jobtui.core.followup import DEADLINE_FIELDS, Urgency
from jobtui.core.overview import TimelineEntry, active_snooze
from jobtui.tui.frames import after_next_frame
from jobtui.tui.shown import shown
from jobtui.tui.styles import urgency_style

NOW_MARKER_ID = "__now__"
DEFER_AT_MOST = 0.5  # seconds: see Timeline.defer_next


def row_clock(entry: TimelineEntry, local: datetime) -> str:
    """The time a row starts with (``local``: its start on the local clock): a deadline
    given as a date alone (local midnight) has none, so it shows as "day" (it runs to the
    end of that day)."""
    dated = entry.deadline is not None or entry.task is not None
    if dated and local.hour == 0 and local.minute == 0:
        return "  day"
    # dates.format_clock, without converting it again (nor asking the zone whether it is
    # summer time, as strftime does)
    return f"{local.hour:02d}:{local.minute:02d}"


# Characters one cell wide each (as Rich measures them): printable ASCII and the marks and
# dashes the rows are made of. A line of only these is cut by slicing.
_ONE_CELL = frozenset(c for c in map(chr, range(32, 127)) if c.isprintable()) | frozenset(
    c for c in "—…·›▌✓✗⚑☐" if cell_len(c) == 1
)


def fit(line: Text, width: int) -> None:
    """Cut ``line`` to ``width`` cells, ending in "…" if it was longer: what
    ``line.truncate(width, overflow="ellipsis")`` does, without Rich's walk over the
    graphemes of every line (most of the cost of a timeline row) when none is needed."""
    plain = line.plain
    if _ONE_CELL.issuperset(plain):
        if len(plain) > width:
            line.plain = plain[: width - 1] + "…"
        return
    line.truncate(width, overflow="ellipsis")


# The badge in three lengths: the long one, the short one ("overdue" for "thank-you overdue")
# and a mark, for a narrow timeline to keep the company in view.
BADGE_FORMS = ("long", "short", "mark")
_MARKS = {Urgency.OVERDUE: "!!", Urgency.DUE: "!", Urgency.UPCOMING: "›"}
CANCELLED_BADGE = {"long": "cancelled", "short": "cancelled", "mark": "✗"}
DEADLINE_MARK = "⚑"


def badge(
    entry: TimelineEntry, now: datetime, *, form: str = "long"
) -> tuple[str, Urgency | None, bool]:
    """The follow-up badge: (text, urgency, done), in one of BADGE_FORMS."""
    return badge_of(badge_state(entry, now), form)


# What a badge says, whatever its form: (what, its urgency, the follow-up's badge label or
# the deadline's name). badge_of gives each form's text from it; a row whose state and
# text are as before is drawn as before.
BadgeState = tuple[str, Urgency | None, str]


def badge_state(entry: TimelineEntry, now: datetime) -> BadgeState:
    """What the entry's badge says at ``now`` (see :func:`badge_of`)."""
    if entry.cancelled:  # nothing is owed for it, whatever else is true of it
        return "cancelled", None, ""
    if entry.deadline is not None:
        return _deadline_state(entry, now)
    if entry.task is not None:
        return _task_state(entry)
    pressing = [i for i in entry.items if i.urgency != Urgency.UPCOMING]
    if pressing:
        item = min(pressing, key=lambda i: i.urgency.rank)
        return "pressing", item.urgency, item.kind.info.badge
    if entry.thank_you_done:
        return "thanked", None, ""
    if entry.interview.starts_at > now:
        return "upcoming", Urgency.UPCOMING, ""
    if active_snooze(entry.app, entry.interview, now) is not None:
        return "snoozed", None, ""
    return "", None, ""


def badge_of(state: BadgeState, form: str) -> tuple[str, Urgency | None, bool]:
    """The badge of ``state`` in one of BADGE_FORMS: (text, urgency, done)."""
    what, urgency, label = state
    if what == "pressing":  # a follow-up due or overdue: "thank-you overdue", "overdue", "!!"
        assert urgency is not None
        text = {"long": f"{label} {urgency.value}", "short": urgency.value}
        return text.get(form, _MARKS[urgency]), urgency, False
    if what == "cancelled":
        return CANCELLED_BADGE[form], None, False
    if what == "deadline":  # its name: plain once passed, upcoming's colour before
        text = {"long": label, "short": label.split()[-1]}.get(form, DEADLINE_MARK)
        return text, urgency, False
    if what in ("thanked", "done"):
        return (
            ({"thanked": "✓ thanked", "done": "✓ done"}[what] if form == "long" else "✓"),
            None,
            True,
        )
    if what == "task":
        return ("☐" if form == "mark" else "task"), urgency, False
    if what == "upcoming":
        return ("›" if form == "mark" else "upcoming"), urgency, False
    if what == "snoozed":
        return ("z" if form == "mark" else "snoozed"), None, False
    return "", None, False


def _deadline_state(entry: TimelineEntry, now: datetime) -> BadgeState:
    # "deadline overdue" / "offer answer due" while it is listed among the follow-ups, else
    # its name: plain once it has passed (it needs nothing more), upcoming's colour before.
    mark = entry.deadline
    assert mark is not None
    name = DEADLINE_FIELDS[mark.field][1]
    item = min(entry.items, key=lambda i: i.urgency.rank) if entry.items else None
    if item is not None and item.urgency != Urgency.UPCOMING:
        return "pressing", item.urgency, name
    ahead = mark.starts_at > now or item is not None
    return "deadline", (Urgency.UPCOMING if ahead else None), name


def _task_state(entry: TimelineEntry) -> BadgeState:
    # "task overdue" / "task due" while listed; "✓ done" once done; else "task".
    task = entry.task
    assert task is not None
    if task.done:
        return "done", None, ""
    item = min(entry.items, key=lambda i: i.urgency.rank) if entry.items else None
    if item is not None and item.urgency != Urgency.UPCOMING:
        return "pressing", item.urgency, "task"
    return "task", Urgency.UPCOMING, ""


def _shows(entry: TimelineEntry, local: datetime) -> tuple[object, ...]:
    """What a row's text is made of besides its badge (see Timeline._line, which reads
    nothing else of the entry)."""
    interview, mark, task = entry.record, entry.deadline, entry.task
    if task is not None:
        detail: tuple[object, ...] = (task.text, task.done)
    elif mark is not None:
        detail = (mark.field,)
    elif interview is not None:
        detail = (interview.kind, tuple(p.name for p in interview.interviewers))
    else:
        detail = ()
    return (
        entry.kind,
        row_clock(entry, local),
        entry.app.company,
        entry.app.role,
        entry.cancelled,
        *detail,
    )


class Timeline(OptionList):
    """An OptionList whose options are the rows' entry ids (an interview's id, or a
    deadline's ``"deadline:<application id>"``); day headings and "now" are disabled."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor_up"),
    ]

    _last: tuple[Sequence[TimelineEntry], datetime, str | None] | None = None
    _entries: dict[str, TimelineEntry] = {}
    # See defer_next: called once the deferred entries are drawn; what they are (and jump).
    _then: Callable[[], None] | None = None
    _deferred: tuple[Sequence[TimelineEntry], datetime, str | None, bool] | None = None
    # Each entry's row as last drawn: (what the row shows, see _option; its option).
    _drawn: dict[str, tuple[tuple[object, ...], Option]] = {}
    _days: dict[date, Option] = {}  # each day's heading as last drawn

    @cached_property
    def _now_marker(self) -> Option:
        return Option(Text("──── now ────", style="bold"), id=NOW_MARKER_ID, disabled=True)

    @property
    def selected_entry(self) -> TimelineEntry | None:
        """The highlighted row's entry (an interview or a deadline), None on none."""
        option = self.highlighted_option
        if option is None or option.disabled or option.id is None:
            return None
        return self._entries.get(option.id)

    @property
    def selected_id(self) -> str | None:
        """The highlighted interview's id; None on a deadline's row (it is no interview:
        an action then applies to the application) or on none."""
        entry = self.selected_entry
        return entry.entry_id if entry is not None and entry.record is not None else None

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
        recent one (else it stays where it was). See :meth:`defer_next`.
        """
        self._last = (entries, now, focus_app)
        if self._then is not None and self._deferred is None:
            deferred = self._deferred = (entries, now, focus_app, jump)
            after_next_frame(self, partial(self._draw_deferred, deferred), at_most=DEFER_AT_MOST)
            return
        self._draw(entries, now, focus_app, jump=jump)
        self._deferred = None
        then, self._then = self._then, None
        if then is not None:
            then()

    def defer_next(self, then: Callable[[], None]) -> None:
        """Have the next :meth:`show_entries` draw only after the frame that follows it is
        on screen (or at the one after it, if sooner), then call ``then``.

        The first screen with data is drawn without building the timeline's few hundred
        lines first (about 75 ms at 1,000 applications); the timeline comes one frame later.
        """
        self._then = then
        self._deferred = None

    def end_defer(self) -> None:
        """If nothing was deferred after :meth:`defer_next`, stop waiting (``then`` now)."""
        if self._deferred is None:
            then, self._then = self._then, None
            if then is not None:
                then()

    def _draw_deferred(self, deferred: tuple[object, ...]) -> None:
        if self._deferred is deferred:  # not drawn yet (by a later show_entries, or the timer)
            entries, now, focus_app, jump = self._deferred
            self.show_entries(entries, now, focus_app, jump=jump)

    def _draw(
        self,
        entries: Sequence[TimelineEntry],
        now: datetime,
        focus_app: str | None,
        *,
        jump: bool,
    ) -> None:
        kept = self.selected_entry
        keep = kept.entry_id if kept is not None else None
        self._entries = {entry.entry_id: entry for entry in entries}
        options: list[Option] = []
        last_day = None
        now_placed = False
        zone = dates.local_tz()
        width = self._line_width()
        drawn: dict[str, tuple[tuple[object, ...], Option]] = {}
        focus_index = None
        # The day headings and the now marker are kept too (an option new to the list is
        # measured again, its text wrapped).
        days: dict[date, Option] = {}
        now_marker = self._now_marker
        for entry in entries:
            start = entry.starts_at.astimezone(zone)
            if not now_placed and start > now:
                options.append(now_marker)
                now_placed = True
            if start.date() != last_day:
                last_day = start.date()
                # (an option is in the list once: a day shown again gets a new heading)
                heading = None if last_day in days else self._days.get(last_day)
                if heading is None:
                    heading = Option(
                        Text(dates.format_day(last_day), style="bold underline"), disabled=True
                    )
                days.setdefault(last_day, heading)
                options.append(heading)
            options.append(self._option(entry, start, now, focus_app, width, drawn))
            if focus_app and entry.app.id == focus_app and (focus_index is None or start <= now):
                focus_index = len(options) - 1
        if not now_placed and entries:
            options.append(now_marker)
        if not entries:
            options.append(
                Option(
                    Text("No interviews yet: select an application and press i", style="dim"),
                    disabled=True,
                )
            )
        self._drawn, self._days = drawn, days
        if len(options) != self.option_count or not all(map(is_, options, self.options)):
            self.set_options(options)  # (the same options: nothing to lay out again)
        target = self._index_of(keep) if keep is not None and not jump else None
        if target is None:
            target = focus_index
        if target is None:
            target = self._around_now(options)
        if target is not None:
            self.highlighted = target
            self.scroll_to_highlight()

    def _option(
        self,
        entry: TimelineEntry,
        local: datetime,
        now: datetime,
        focus_app: str | None,
        width: int,
        drawn: dict[str, tuple[tuple[object, ...], Option]],
    ) -> Option:
        """The entry's row, the one drawn last time if what it shows is the same: moving
        through the applications redraws only the rows of the one left and the one reached
        (their mark), not a few hundred, and a new overview (every entry a new object, and
        a new now) only the rows whose text or badge changed."""
        mine = focus_app is not None and entry.app.id == focus_app
        state = badge_state(entry, now)
        shows = (*_shows(entry, local), state, mine, width, self.app.theme)
        last = self._drawn.get(entry.entry_id)
        if last is not None and last[0] == shows:
            option = last[1]
        else:
            option = Option(self._line(entry, local, state, mine, width), id=entry.entry_id)
        drawn[entry.entry_id] = (shows, option)
        return option

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

    def _line_width(self) -> int:
        # As if the scrollbar were there: it appears once the list is longer than the pane,
        # which narrows the text without resizing the widget (a too-long line would wrap).
        return min(
            self.scrollable_content_region.width,
            self.content_region.width - self.styles.scrollbar_size_vertical,
        )

    def _line(
        self, entry: TimelineEntry, local: datetime, state: BadgeState, mine: bool, width: int
    ) -> Text:
        # ``local``: when it starts, on the local clock; ``state``: its badge (see
        # badge_state); ``mine``: of the focused application; ``width``: see _line_width.
        # What it reads of the entry is in _shows.
        company = shown(entry.app.company, "bold" if mine else "")
        # " HH:MM " + " badge " + " " + company: the longest badge that leaves the company
        # whole (the mark if none does).
        for form in BADGE_FORMS:
            text, urgency, done = badge_of(state, form)
            if width <= 4 or 7 + len(text) + 3 + company.cell_len <= width - 1:
                break
        style = urgency_style(self.app, urgency, done=done)
        if entry.cancelled:
            style = Style(dim=True)
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append("▌" if mine else " ", style="bold" if mine else "")
        line.append(f"{row_clock(entry, local)} ")
        if text:
            line.append(f" {text} ", style=style + Style(reverse=not done))
            line.append(" ")
        start = len(line)
        line.append(company)
        if entry.task is None:  # a task's row keeps its width for what to do
            line.append(shown(f" — {entry.app.role}", "bold" if mine else ""))
        interview, mark, task = entry.record, entry.deadline, entry.task
        if task is not None:
            line.append(shown(f" · {' '.join(task.text.split())}", "dim"))
            if task.done:
                line.stylize(Style(strike=True, dim=True), start)
        elif mark is not None:
            what = "answer the offer" if mark.field == "offer_deadline" else "deadline"
            line.append(f" · {what}", style="dim")
        elif interview is not None:
            line.append(f" · {interview.kind.label}", style="dim")
            people = ", ".join(p.name for p in interview.interviewers)
            if people:
                line.append(shown(f" · {people}", "dim"))
        if entry.cancelled:  # struck through: it did not (will not) take place
            line.stylize(Style(strike=True, dim=True), start)
        if width > 4:
            fit(line, width - 1)  # one line per interview, always
        return line

    def on_resize(self) -> None:
        if self._last is not None:
            entries, now, focus_app = self._last
            self.show_entries(entries, now, focus_app)
