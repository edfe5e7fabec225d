"""What the main screen lists, given the overview and the view switches: pure functions.

The switches (closed shown, follow-ups only, sort, filter) are the screen's reactive
attributes; a :class:`View` is their value at one moment. No Textual here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from jobtui.core.dates import now_against
from jobtui.core.overview import SORTS, AppRow, Overview, TimelineEntry, sort_rows
from jobtui.core.search import Match, normalized

SORT_ORDER = list(SORTS)

# The timeline (an OptionList) shows at most this many interviews, the nearest to now. The
# applications list has no cap: it draws only the rows on screen.
TIMELINE_MAX_ROWS = 200
# The timeline shows this window around now (plus every interview of the selected
# application, and everything when searching it).
TIMELINE_BACK = timedelta(days=14)
TIMELINE_AHEAD = timedelta(days=60)


@dataclass(frozen=True)
class View:
    """The view switches. ``filter_target`` is "applications" or "timeline"."""

    show_closed: bool = False
    followups_only: bool = False
    sort: str = "urgency"
    filter_text: str = ""
    filter_target: str = "applications"

    def filter_of(self, target: str) -> str:
        """The filter text if it applies to ``target``, else ""."""
        return self.filter_text if self.filter_target == target else ""


def next_sort(sort: str) -> str:
    """The sort after ``sort`` in SORT_ORDER (round)."""
    return SORT_ORDER[(SORT_ORDER.index(sort) + 1) % len(SORT_ORDER)]


def visible_rows(overview: Overview, view: View) -> list[AppRow]:
    """Rows after the closed / follow-ups-only / filter switches, in the chosen order."""
    rows = overview.rows
    if not view.show_closed:
        rows = [r for r in rows if not r.app.closed]
    if view.followups_only:
        rows = [r for r in rows if r.needs_follow_up]
    if needle := normalized(view.filter_of("applications")):
        rows = [r for r in rows if needle in r.search_text]
    return sort_rows(rows, view.sort, overview.now)


def where_matched(row: AppRow, view: View) -> Match | None:
    """Where the applications filter matched ``row`` when that is not in a column the list
    shows (company, role): None when not filtering, not matching, or matching there."""
    needle = normalized(view.filter_of("applications"))
    found = row.match(needle) if needle else None
    return None if found is None or found.in_column else found


def timeline_base(overview: Overview, view: View) -> list[TimelineEntry]:
    """The interviews the timeline shows whatever is selected: those matching its filter,
    else those in the window around now and every pressing one; at most TIMELINE_MAX_ROWS, the
    nearest to now kept (ties: the earlier first), in time order."""
    now = overview.now

    def wanted(entry: TimelineEntry) -> bool:
        return (view.show_closed or not entry.app.closed) and (
            not view.followups_only or entry.pressing
        )

    if needle := normalized(view.filter_of("timeline")):
        entries = [
            e
            for e in overview.timeline
            if needle in overview.row_search_text(e.app.id) and wanted(e)
        ]
        return nearest(entries, now, TIMELINE_MAX_ROWS)
    start, end = now - TIMELINE_BACK, now + TIMELINE_AHEAD
    # The window is a slice of the time-ordered timeline; the pressing entries outside it
    # (also in time order) all start before it or after it: so the three, one after the
    # other, are in time order without sorting.
    pressing = overview.pressing_entries
    before = pressing[: bisect_left(pressing, start.timestamp(), key=_stamp)]
    after = pressing[bisect_right(pressing, end.timestamp(), key=_stamp) :]
    entries = [*before, *overview.entries_between(start, end), *after]
    return nearest(entries, now, TIMELINE_MAX_ROWS, wanted)


def _stamp(entry: TimelineEntry) -> float:
    return entry.starts_at.timestamp()


def distance(entry: TimelineEntry, now: datetime) -> float:
    """Seconds between the entry's start and ``now``, as Python subtracts the two (two
    times in one zone object by their wall clocks)."""
    starts = entry.starts_at
    return abs((starts - now_against(starts, now)).total_seconds())


# How far an entry's distance (see distance) can be from the true one, its wall clock and
# now's in one zone with different offsets: Python keeps an offset within a day either side.
_WALL_CLOCK_SLACK = 2 * 86_400 + 1


def nearest(
    entries: Sequence[TimelineEntry],
    now: datetime,
    most: int,
    wanted: Callable[[TimelineEntry], bool] | None = None,
) -> list[TimelineEntry]:
    """The ``wanted`` entries of ``entries`` (in time order), at most ``most`` of them: those
    nearest to ``now`` (of two as near, the earlier in ``entries``), in time order.

    The same as sorting every wanted entry by :func:`distance` and keeping the first
    ``most``, without looking at them all: it walks outward from now, the nearer side first,
    until it has ``most`` entries, then on as long as an entry could still be nearer (its
    true distance within the slack of the farthest kept), and sorts those few.
    """
    split = bisect_right(entries, now.timestamp(), key=_stamp)  # the first after now
    now_stamp = now.timestamp()
    left, right = split - 1, split
    found: list[tuple[int, TimelineEntry]] = []
    farthest = None  # the largest distance among the first ``most`` found
    while left >= 0 or right < len(entries):
        step_left = right >= len(entries) or (
            left >= 0 and now_stamp - _stamp(entries[left]) <= _stamp(entries[right]) - now_stamp
        )
        index = left if step_left else right
        entry = entries[index]
        if farthest is not None and abs(_stamp(entry) - now_stamp) > farthest + _WALL_CLOCK_SLACK:
            # Nothing further out on this side can be as near as the ``most`` found: done
            # with this side.
            if step_left:
                left = -1
            else:
                right = len(entries)
            continue
        if step_left:
            left -= 1
        else:
            right += 1
        if wanted is None or wanted(entry):
            found.append((index, entry))
            if farthest is None and len(found) == most:
                farthest = max(distance(e, now) for _, e in found)
    found.sort(key=_first)
    if len(found) > most:
        found = sorted(found, key=lambda pair: distance(pair[1], now))[:most]
        found.sort(key=_first)
    return [entry for _, entry in found]


def _first(pair: tuple[int, TimelineEntry]) -> int:
    return pair[0]


def with_interviews_of(
    overview: Overview, entries: list[TimelineEntry], focus: str | None
) -> list[TimelineEntry]:
    """``entries`` plus every interview of the ``focus`` application, in time order."""
    row = overview.row(focus) if focus else None
    if row is None or not row.interviews:
        return entries
    shown = {id(e.interview) for e in entries}
    extra = [e for e in overview.entries_of(row.app.id) if id(e.interview) not in shown]
    if not extra:
        return entries
    return sorted([*entries, *extra], key=lambda e: e.interview.starts_at)


def titles(overview: Overview, view: View, shown: int) -> tuple[str, str]:
    """The applications pane's title and the timeline's (plain text: the filter in them is
    the user's; the caller makes its control characters visible)."""
    bits = [f"Applications {shown}/{len(overview.rows)}", SORTS[view.sort]]
    if view.followups_only:
        bits.append("needing follow-up")
    bits.append("closed shown" if view.show_closed else "closed hidden (c)")
    if apps_filter := view.filter_of("applications"):
        bits.append(f"filter: {apps_filter}")
    timeline = "Timeline"
    if timeline_filter := view.filter_of("timeline"):
        timeline += f" · filter: {timeline_filter}"
    return " · ".join(bits), timeline
