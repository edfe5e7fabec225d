"""What the main screen lists, given the overview and the view switches: pure functions.

The switches (closed shown, follow-ups only, sort, filter) are the screen's reactive
attributes; a :class:`View` is their value at one moment. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

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
    nearest to now kept."""
    now = overview.now
    if needle := normalized(view.filter_of("timeline")):
        entries = [
            e
            for e in overview.timeline
            if needle in overview.row_search_text(e.app.id)
            and (view.show_closed or not e.app.closed)
            and (not view.followups_only or e.pressing)
        ]
    else:
        window = overview.entries_between(now - TIMELINE_BACK, now + TIMELINE_AHEAD)
        inside = {id(e) for e in window}
        extra = [e for e in overview.pressing_entries if id(e) not in inside]
        entries = sorted([*window, *extra], key=lambda e: e.interview.starts_at.timestamp())
        if not view.show_closed:
            entries = [e for e in entries if not e.app.closed]
        if view.followups_only:
            entries = [e for e in entries if e.pressing]
    if len(entries) > TIMELINE_MAX_ROWS:

        def distance(entry: TimelineEntry) -> float:
            return abs((entry.interview.starts_at - now).total_seconds())

        keep = {id(e) for e in sorted(entries, key=distance)[:TIMELINE_MAX_ROWS]}
        entries = [e for e in entries if id(e) in keep]
    return entries


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
