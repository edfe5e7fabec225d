"""What the main screen lists, given the overview and the view switches: pure functions.

The switches (closed shown, follow-ups only, sort, filter) are the screen's reactive
attributes; a :class:`View` is their value at one moment. No Textual here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import compress, count, islice
from operator import is_not

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
    rows = _ORDERS.rows(overview, view)
    if needle := normalized(view.filter_of("applications")):
        return [r for r in rows if needle in r.search_text]  # (filtering keeps the order)
    return list(rows)  # the caller's own list: the kept one stays as it is


def _shown_rows(overview: Overview, view: View) -> list[AppRow]:
    """The rows the closed and follow-ups-only switches leave, sorted."""
    rows = overview.rows
    if not view.show_closed:
        rows = [r for r in rows if not r.app.closed]
    if view.followups_only:
        rows = [r for r in rows if r.needs_follow_up]
    return sort_rows(rows, view.sort, overview.now)


# A new overview with more new rows than this is sorted afresh, not updated.
_UPDATED_AT_MOST = 64


class _Orders:
    """The rows the closed and follow-ups-only switches leave, in each sort, for the latest
    overview: a filter keystroke or a switch only filters them; an overview made from the
    last one by changing a few rows (a save) has them moved, not every row sorted again.

    Updated lists are what sorting the new overview's rows gives (a stable sort: of rows as
    urgent, the one first in ``overview.rows``): the rows both overviews share keep their
    order, so a changed row only has to go in where its key puts it, and among rows with the
    same key, where its place in the new rows puts it.
    """

    def __init__(self) -> None:
        self._overview: Overview | None = None
        self._lists: dict[tuple[str, bool, bool], list[AppRow]] = {}

    def rows(self, overview: Overview, view: View) -> list[AppRow]:
        if overview is not self._overview:
            self._lists = self._updated(overview)
            self._overview = overview
        key = (view.sort, view.show_closed, view.followups_only)
        rows = self._lists.get(key)
        if rows is None:
            rows = self._lists[key] = _shown_rows(overview, view)
        return rows

    def _updated(self, overview: Overview) -> dict[tuple[str, bool, bool], list[AppRow]]:
        old = self._overview
        kept = {k: v for k, v in self._lists.items() if k[0] == "urgency"}
        if old is None or not kept or old.now != overview.now:
            return {}
        changes = _changes(old.rows, overview.rows)
        if changes is None:
            return {}
        gone, added = changes
        places: dict[int, int] = {}  # id(row) -> its place in the new rows, when needed

        def place(row: AppRow) -> int:
            if not places:
                places.update((id(r), n) for n, r in enumerate(overview.rows))
            return places[id(row)]

        now = overview.now

        def urgency(row: AppRow) -> tuple[int, bool, datetime, str]:
            return row.urgency_key(now)

        lists = {}
        for (sort, show_closed, followups_only), shown in kept.items():
            rows = list(shown)
            for row in gone:  # found by its key, then among those as urgent by identity
                key = urgency(row)
                low = bisect_left(rows, key, key=urgency)
                high = bisect_right(rows, key, key=urgency)
                at = next((n for n in range(low, high) if rows[n] is row), None)
                if at is not None:
                    del rows[at]
            for row in added:
                if (not show_closed and row.app.closed) or (
                    followups_only and not row.needs_follow_up
                ):
                    continue
                key = urgency(row)
                low = bisect_left(rows, key, key=urgency)
                high = bisect_right(rows, key, key=urgency)
                mine = place(row) if high > low else 0
                while low < high and place(rows[low]) < mine:
                    low += 1
                rows.insert(low, row)
            lists[(sort, show_closed, followups_only)] = rows
        return lists


def _changes(old: list[AppRow], new: list[AppRow]) -> tuple[list[AppRow], list[AppRow]] | None:
    """The rows of ``old`` not in ``new`` and those of ``new`` not in ``old`` (a row moved
    counts as both), the others in the same order in both; None past _UPDATED_AT_MOST.

    The two lists are walked side by side in C (``map(is_not, ...)``) up to each row that
    differs: a loop in Python over 10,000 rows would cost what sorting them does.
    """
    gone: list[AppRow] = []
    added: list[AppRow] = []
    i = j = 0
    while i < len(old) and j < len(new):
        differ = map(is_not, islice(old, i, None), islice(new, j, None))
        run = next(compress(count(), differ), None)
        if run is None:  # the rest of the shorter one is the same
            step = min(len(old) - i, len(new) - j)
            i, j = i + step, j + step
            break
        i, j = i + run, j + run
        if i + 1 < len(old) and old[i + 1] is new[j]:
            gone.append(old[i])  # deleted (or moved)
            i += 1
        elif j + 1 < len(new) and old[i] is new[j + 1]:
            added.append(new[j])  # new here
            j += 1
        else:
            gone.append(old[i])  # replaced
            added.append(new[j])
            i, j = i + 1, j + 1
        if len(gone) + len(added) > _UPDATED_AT_MOST:
            return None
    gone.extend(old[i:])
    added.extend(new[j:])
    if len(gone) + len(added) > _UPDATED_AT_MOST:
        return None
    return gone, added


_ORDERS = _Orders()


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
