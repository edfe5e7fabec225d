"""How the search is going: the funnel, response rates by source, activity per week.

A pure function of (applications, interviews, now): no Textual, no TinyDB. The stats screen
(key ``g``) and ``jobtui stats [--json]`` both draw from :func:`compute_stats`.

Definitions (what every number means):

* **Applied.** An application counts as applied if it has an ``applied_on`` day, or has any
  interview, or its status (now or anywhere in its history) was ever beyond the wishlist:
  applied, screening, interviewing, offer, accepted, rejected or ghosted. "Withdrawn" alone
  counts too, except when the application only ever was wishlist and withdrawn (it was dropped
  from the wishlist, never sent). Wishlist-only applications are in ``total`` but not in
  the funnel.
* **Funnel.** Among applied applications, one *reached* a stage if it ever got there or
  further (so the counts never grow down the funnel):

  - screening: a screening, interviewing, offer or accepted status, or any interview;
  - interview: an interviewing, offer or accepted status, or an interview that is not a
    phone screen (a phone screen is the screening stage);
  - offer: an offer or accepted status;
  - accepted: an accepted status.

  ``rate_from_previous`` is count / previous stage's count (None for "applied", or when the
  previous stage is empty).
* **Applied day.** ``applied_on``; else the day of the first "applied" status change; else the
  day it first left the wishlist in its history. Unknown otherwise.
* **Response.** The first status change after "applied" (or anywhere in the history, if it has
  no "applied" step) to screening, interviewing, offer, accepted or rejected (a rejection is an
  answer), or the first interview, whichever came first. An interview answers when it was
  arranged: its ``created_at`` (never later than it starts). A current status that is a
  response with no dated history still counts as a response, with unknown timing.
  "Applied", "ghosted" and "withdrawn" are not responses.
* **Days to first response.** Whole calendar days (local zone) from the applied day to the
  day of the response, never below 0; the median over applications where both are known.
* **Response rate.** Applications with a response / applied applications.
* **By source.** Applied applications grouped by ``source`` (trimmed, case-insensitive; the
  first spelling seen is shown; empty is "(unknown)"), most applications first.
* **Weeks.** The last 12 local weeks, Monday to Sunday, ending with the current one, oldest
  first, empty weeks included: applications by applied day, interviews by the day they start
  (this week's later interviews included).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from jobtui.core import dates
from jobtui.core.model import Application, Interview, InterviewKind, Status
from jobtui.core.words import plural

__all__ = [
    "FUNNEL_STAGES",
    "UNKNOWN_SOURCE",
    "WEEKS",
    "FunnelStage",
    "SourceStats",
    "Stats",
    "WeekCount",
    "compute_stats",
    "days_text",
    "funnel_bar",
    "percent",
    "sparkline",
    "stats_text",
    "week_axis",
    "week_grid",
    "week_range",
    "week_totals",
]

FUNNEL_STAGES = ("applied", "screening", "interview", "offer", "accepted")
UNKNOWN_SOURCE = "(unknown)"
WEEKS = 12
SPARK_CHARS = "▁▂▃▄▅▆▇█"

_SCREENING_OR_LATER = frozenset(
    {Status.SCREENING, Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED}
)
_INTERVIEW_OR_LATER = frozenset({Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED})
_OFFER_OR_LATER = frozenset({Status.OFFER, Status.ACCEPTED})
# A move to one of these after applying is an answer from the employer.
_RESPONSES = frozenset(
    {Status.SCREENING, Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED, Status.REJECTED}
)


@dataclass
class FunnelStage:
    """One stage of the funnel: how many applications reached it, and the share of the
    previous stage that did (None for the first stage or an empty previous stage)."""

    name: str
    count: int
    rate_from_previous: float | None


@dataclass
class SourceStats:
    """Applied applications from one source, and how many got an answer."""

    source: str
    applications: int
    responses: int
    response_rate: float | None
    median_days_to_response: float | None


@dataclass
class WeekCount:
    """Applications sent and interviews held in the week starting ``week_start`` (a Monday)."""

    week_start: date
    applications: int
    interviews: int


@dataclass
class Stats:
    """The whole search in numbers, computed at one instant (see the module docstring)."""

    total: int
    active: int
    closed: int
    funnel: list[FunnelStage]
    response_rate: float | None
    median_days_to_first_response: float | None
    by_source: list[SourceStats]
    weeks: list[WeekCount]

    @property
    def applied(self) -> int:
        """Applications that were sent (the funnel's first stage)."""
        return self.funnel[0].count if self.funnel else 0

    @property
    def responses(self) -> int:
        """Applied applications that got a response."""
        return sum(s.responses for s in self.by_source)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-ready data (for ``jobtui stats --json``): the field names as keys, plus
        ``applied`` and ``responses`` counts; days are ISO dates, rates are fractions
        (0.5, not 50) or null, median days are floats or null."""
        return {
            "total": self.total,
            "active": self.active,
            "closed": self.closed,
            "applied": self.applied,
            "responses": self.responses,
            "funnel": [
                {"name": s.name, "count": s.count, "rate_from_previous": s.rate_from_previous}
                for s in self.funnel
            ],
            "response_rate": self.response_rate,
            "median_days_to_first_response": self.median_days_to_first_response,
            "by_source": [
                {
                    "source": s.source,
                    "applications": s.applications,
                    "responses": s.responses,
                    "response_rate": s.response_rate,
                    "median_days_to_response": s.median_days_to_response,
                }
                for s in self.by_source
            ],
            "weeks": [
                {
                    "week_start": w.week_start.isoformat(),
                    "applications": w.applications,
                    "interviews": w.interviews,
                }
                for w in self.weeks
            ],
        }


# --------------------------------------------------------------------------- one application


@dataclass
class _Facts:
    """What the stats need to know about one application."""

    applied: bool
    reached: list[bool]  # one per FUNNEL_STAGES entry
    applied_day: date | None
    responded: bool
    days_to_response: int | None


def _statuses(app: Application) -> set[Status]:
    return {app.status, *(c.status for c in app.status_history)}


def _was_applied(app: Application, seen: set[Status], interviews: Sequence[Interview]) -> bool:
    if app.applied_on is not None or interviews:
        return True
    if seen - {Status.WISHLIST, Status.WITHDRAWN}:
        return True
    # Withdrawn straight from the wishlist: never sent. Withdrawn with no wishlist past: sent.
    return Status.WITHDRAWN in seen and Status.WISHLIST not in seen


def _applied_day(app: Application) -> date | None:
    if app.applied_on is not None:
        return app.applied_on
    for change in app.status_history:
        if change.status == Status.APPLIED:
            return dates.local_day(change.at)
    for change in app.status_history:
        if change.status != Status.WISHLIST:
            return dates.local_day(change.at)
    return None


def _arranged_at(interview: Interview) -> datetime:
    """When an interview shows the employer answered: when it was recorded, not after it began."""
    if interview.created_at is None:
        return interview.starts_at
    return min(interview.created_at, interview.starts_at)


def _first_response(app: Application, interviews: Sequence[Interview]) -> datetime | None:
    history = app.status_history
    start = next((n for n, c in enumerate(history) if c.status == Status.APPLIED), -1)
    moments = [c.at for c in history[start + 1 :] if c.status in _RESPONSES]
    moments += [_arranged_at(i) for i in interviews]
    return min(moments, default=None)


def _facts(app: Application, interviews: Sequence[Interview]) -> _Facts:
    seen = _statuses(app)
    applied = _was_applied(app, seen, interviews)
    real_interviews = [i for i in interviews if i.kind != InterviewKind.PHONE_SCREEN]
    own = [
        applied,
        bool(seen & _SCREENING_OR_LATER) or bool(interviews),
        bool(seen & _INTERVIEW_OR_LATER) or bool(real_interviews),
        bool(seen & _OFFER_OR_LATER),
        Status.ACCEPTED in seen,
    ]
    # Reaching a stage means reaching every stage before it; and only sent applications count.
    reached = [False] * len(own)
    later = False
    for n in reversed(range(len(own))):
        later = later or own[n]
        reached[n] = later and applied
    applied_day = _applied_day(app) if applied else None
    response_at = _first_response(app, interviews) if applied else None
    responded = applied and (response_at is not None or bool(seen & _RESPONSES))
    days = None
    if response_at is not None and applied_day is not None:
        days = max(0, (dates.local_day(response_at) - applied_day).days)
    return _Facts(applied, reached, applied_day, responded, days)


# --------------------------------------------------------------------------- the whole search


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _median(values: Sequence[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _source_stats(pairs: Iterable[tuple[Application, _Facts]]) -> list[SourceStats]:
    groups: dict[str, tuple[str, list[_Facts]]] = {}
    for app, facts in pairs:
        if not facts.applied:
            continue
        name = " ".join(app.source.split()) or UNKNOWN_SOURCE
        groups.setdefault(name.casefold(), (name, []))[1].append(facts)
    rows = []
    for name, group in groups.values():
        responses = sum(f.responded for f in group)
        days = [f.days_to_response for f in group if f.days_to_response is not None]
        rows.append(
            SourceStats(name, len(group), responses, _rate(responses, len(group)), _median(days))
        )
    rows.sort(key=lambda s: (-s.applications, s.source == UNKNOWN_SOURCE, s.source.casefold()))
    return rows


def _weeks(
    facts: Sequence[_Facts], interviews: Iterable[Interview], now: datetime
) -> list[WeekCount]:
    today = dates.local_day(now)
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=WEEKS - 1)
    weeks = [WeekCount(first + timedelta(weeks=n), 0, 0) for n in range(WEEKS)]

    def index(day: date) -> int | None:
        n = (day - first).days // 7
        return n if day >= first and n < WEEKS else None

    for f in facts:
        if f.applied_day is not None and (n := index(f.applied_day)) is not None:
            weeks[n].applications += 1
    for interview in interviews:
        if (n := index(dates.local_day(interview.starts_at))) is not None:
            weeks[n].interviews += 1
    return weeks


def compute_stats(
    apps: Sequence[Application],
    interviews_by_app: Mapping[str, Sequence[Interview]],
    now: datetime,
) -> Stats:
    """The funnel, response rate and timing, per-source figures and 12 weeks of activity.

    Interviews are taken only for the given applications. See the module docstring for the
    exact definitions.
    """
    pairs = [(app, _facts(app, interviews_by_app.get(app.id, ()))) for app in apps]
    facts = [f for _, f in pairs]

    funnel: list[FunnelStage] = []
    for n, name in enumerate(FUNNEL_STAGES):
        count = sum(f.reached[n] for f in facts)
        previous = _rate(count, funnel[-1].count) if funnel else None
        funnel.append(FunnelStage(name, count, previous))

    applied = funnel[0].count
    responded = sum(f.responded for f in facts)
    days = [f.days_to_response for f in facts if f.days_to_response is not None]
    closed = sum(app.closed for app in apps)
    all_interviews = [i for app in apps for i in interviews_by_app.get(app.id, ())]
    return Stats(
        total=len(apps),
        active=len(apps) - closed,
        closed=closed,
        funnel=funnel,
        response_rate=_rate(responded, applied),
        median_days_to_first_response=_median(days),
        by_source=_source_stats(pairs),
        weeks=_weeks(facts, all_interviews, now),
    )


# --------------------------------------------------------------------------- plain text


SPARK_NOTHING = " "


def sparkline(values: Sequence[float]) -> str:
    """One character per value, scaled to the largest: the largest is █, 0 is blank.

    Nothing draws as nothing (a low bar would read as "a little"); any value above zero is at
    least ▂, so "a little" never looks like "nothing". An empty sequence gives "".
    """
    top = max((v for v in values if v > 0), default=0)
    steps = len(SPARK_CHARS) - 2
    return "".join(
        SPARK_CHARS[1 + round(v / top * steps)] if v > 0 else SPARK_NOTHING for v in values
    )


def percent(x: float | None) -> str:
    """A rate as a whole percentage ("42%"), or "—" when there is none."""
    return "—" if x is None else f"{x * 100:.0f}%"


def days_text(days: float | None) -> str:
    """A number of days for people: "4 days", "1 day", "2.5 days", or "—"."""
    if days is None:
        return "—"
    shown = f"{days:.0f}" if float(days).is_integer() else f"{days:.1f}"
    return f"{shown} day" if shown == "1" else f"{shown} days"


def week_range(stats: Stats) -> str:
    """The span the weekly counts cover: "Mon 7 Sep 2026 – Sun 29 Nov 2026"."""
    if not stats.weeks:
        return ""
    first = stats.weeks[0].week_start
    last = stats.weeks[-1].week_start + timedelta(days=6)
    return f"{dates.format_day(first)} – {dates.format_day(last)}"


WEEK_COLUMN = 4  # cells per week in the weekly grid


def week_axis(weeks: Sequence[WeekCount]) -> tuple[list[str], list[str]]:
    """Labels for the weekly grid: the month (only where a new month starts, and on the first
    column) and the day of the month of each Monday."""
    months, days = [], []
    previous = None
    for week in weeks:
        month = week.week_start.month
        months.append(dates.format_month(week.week_start) if month != previous else "")
        days.append(str(week.week_start.day))
        previous = month
    return months, days


def week_grid(stats: Stats) -> list[tuple[str, list[str]]]:
    """The weekly grid as labelled rows of cells, one cell per week, oldest first:
    month, day, then a sparkline row and a count row for applications and for interviews."""
    months, days = week_axis(stats.weeks)
    apps = [w.applications for w in stats.weeks]
    interviews = [w.interviews for w in stats.weeks]
    return [
        ("", months),
        ("Week of", days),
        ("Applications", [c * 2 for c in sparkline(apps)]),
        ("", [str(n) for n in apps]),
        ("Interviews", [c * 2 for c in sparkline(interviews)]),
        ("", [str(n) for n in interviews]),
    ]


def _bar(count: int, top: int, width: int) -> str:
    if not top or not count:
        return ""
    # Eighth blocks, so 7 of 10 and 8 of 10 look different in a short bar.
    eighths = max(1, round(count / top * width * 8))
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


def funnel_bar(count: int, top: int, width: int = 30) -> str:
    """A horizontal bar for a funnel stage, ``width`` cells for ``top``."""
    return _bar(count, top, width)


def stats_text(stats: Stats) -> str:
    """The stats as a plain-text report (what ``jobtui stats`` prints)."""
    lines = [
        f"Applications: {stats.total} total, {stats.active} active, {stats.closed} closed",
        "",
        "Funnel (reached the stage or a later one)",
    ]
    top = stats.funnel[0].count if stats.funnel else 0
    previous = ""
    for stage in stats.funnel:
        rate = f"{percent(stage.rate_from_previous):>4} of {previous}" if previous else ""
        bar = funnel_bar(stage.count, top)
        lines.append(f"  {stage.name.capitalize():<10} {stage.count:>4}  {bar:<31} {rate}".rstrip())
        previous = stage.name
    lines += [
        "",
        f"Response rate: {percent(stats.response_rate)} "
        f"({stats.responses} of {stats.applied} applied got a response)",
        f"Median time to first response: {days_text(stats.median_days_to_first_response)}",
        "",
        "By source",
    ]
    if stats.by_source:
        width = max(len("Source"), *(len(s.source) for s in stats.by_source))
        lines.append(f"  {'Source':<{width}}  Applied  Responses  Rate  Median")
        for s in stats.by_source:
            lines.append(
                f"  {s.source:<{width}}  {s.applications:>7}  {s.responses:>9}  "
                f"{percent(s.response_rate):>4}  {days_text(s.median_days_to_response)}"
            )
    else:
        lines.append("  (no applications sent yet)")
    lines += ["", f"Per week, {week_range(stats)} (weeks start on Monday)"]
    for label, cells in week_grid(stats):
        row = f"  {label:<13}" + "".join(f"{cell:>{WEEK_COLUMN}}" for cell in cells)
        lines.append(row.rstrip())
    lines += ["", week_totals(stats)]
    return "\n".join(lines) + "\n"


def week_totals(stats: Stats) -> str:
    """One line: the 12-week totals and this week's counts."""
    apps = sum(w.applications for w in stats.weeks)
    interviews = sum(w.interviews for w in stats.weeks)
    this = stats.weeks[-1] if stats.weeks else WeekCount(date.min, 0, 0)
    return (
        f"In {len(stats.weeks)} weeks: {plural(apps, 'application')}, "
        f"{plural(interviews, 'interview')}. This week: "
        f"{plural(this.applications, 'application')}, {plural(this.interviews, 'interview')}."
    )
