"""The view's fast paths give what the straightforward computation gives: the timeline's
window capped to the entries nearest now, on a big overview with every kind of entry, and the
list's rows in each sort, kept and updated across changes; and a replaced overview is let go
of on another thread only when nothing else holds it."""

from __future__ import annotations

import copy
import random
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from dateutil import tz

from jobtui.config import FollowUpRules
from jobtui.core.model import Application, Contact, Interview, Status, Task
from jobtui.core.overview import (
    Overview,
    TimelineEntry,
    build_overview,
    sort_rows,
    update_overview,
)
from jobtui.core.search import normalized
from jobtui.tui import view as views
from jobtui.tui.screens.panes import release_elsewhere
from jobtui.tui.view import TIMELINE_AHEAD, TIMELINE_BACK, TIMELINE_MAX_ROWS, View

RULES = FollowUpRules()
BERLIN = tz.gettz("Europe/Berlin")


def reference_timeline_base(overview: Overview, view: View) -> list[TimelineEntry]:
    """The timeline's entries the plain way: every candidate sorted by time, filtered, and
    (past the cap) every one sorted by its distance to now, the first TIMELINE_MAX_ROWS kept."""
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
        window = [
            e
            for e in overview.timeline
            if now - TIMELINE_BACK <= e.starts_at <= now + TIMELINE_AHEAD
        ]
        inside = {id(e) for e in window}
        extra = [e for e in overview.timeline if e.pressing and id(e) not in inside]
        entries = sorted([*window, *extra], key=lambda e: e.starts_at.timestamp())
        if not view.show_closed:
            entries = [e for e in entries if not e.app.closed]
        if view.followups_only:
            entries = [e for e in entries if e.pressing]
    if len(entries) > TIMELINE_MAX_ROWS:

        def distance(entry: TimelineEntry) -> float:
            return abs((entry.starts_at - now).total_seconds())

        keep = {id(e) for e in sorted(entries, key=distance)[:TIMELINE_MAX_ROWS]}
        entries = [e for e in entries if id(e) in keep]
    return entries


def _moment(rng: random.Random, now: datetime) -> datetime:
    """A start time around now: often on the same few instants (ties in time), often at the
    same distance before and after now (ties in distance), sometimes in the local zone
    object itself (subtracted by wall clock, across a change of summer time), or far off."""
    pick = rng.random()
    if pick < 0.25:
        moment = now + timedelta(hours=rng.choice([-3, -1, 1, 3, 26]))
    elif pick < 0.45:
        moment = now + rng.choice([-1, 1]) * timedelta(hours=rng.randint(1, 40))
    elif pick < 0.6:
        moment = now + timedelta(days=rng.uniform(-200, 200))
    elif pick < 0.7:
        moment = now + timedelta(minutes=rng.randint(-90, 90))
    else:
        moment = now + timedelta(days=rng.uniform(-20, 70))
    moment = moment.replace(second=0, microsecond=0)
    if rng.random() < 0.2:
        return moment.astimezone(BERLIN)  # the zone object now is in
    if rng.random() < 0.3:
        return moment.astimezone(UTC)
    return moment.astimezone(timezone(timedelta(hours=rng.choice([-5, 1, 2, 9]))))


def _big_overview(now: datetime, seed: int, size: int = 600) -> Overview:
    rng = random.Random(seed)
    apps, interviews = [], {}
    for n in range(size):
        status = rng.choice(list(Status))
        app = Application(
            company=rng.choice(["Acme", "Globex", "Initech", f"Umbrella {n % 7}"]),
            role=rng.choice(["Backend Engineer", "Data Engineer", "SRE"]),
            status=status,
            notes=rng.choice(["", "deploy pipelines", "met at a meetup"]),
        )
        if rng.random() < 0.2:
            app.deadline = _moment(rng, now)
        if rng.random() < 0.1:
            app.offer_deadline = _moment(rng, now)
        if rng.random() < 0.2:
            done = _moment(rng, now) if rng.random() < 0.3 else None
            app.tasks.append(Task("Send references", due=_moment(rng, now), done_at=done))
        mine = []
        for _ in range(rng.choice([0, 1, 2, 3, 5])):
            starts = _moment(rng, now)
            thanked = starts + timedelta(hours=2) if rng.random() < 0.4 else None
            mine.append(
                Interview(
                    application_id=app.id,
                    starts_at=starts,
                    thank_you_sent_at=thanked if thanked and thanked < now else None,
                    cancelled=rng.random() < 0.05,
                )
            )
        apps.append(app)
        interviews[app.id] = mine
    return build_overview(apps, interviews, {}, [], now, RULES).prepare()


VIEWS = [
    View(),
    View(show_closed=True),
    View(followups_only=True),
    View(show_closed=True, followups_only=True),
    View(filter_text="acme", filter_target="timeline"),
    View(filter_text="deploy", filter_target="timeline", show_closed=True),
    View(filter_text="umbrella 3", filter_target="timeline", followups_only=True),
    View(filter_text="acme"),  # the list's filter: the timeline is not filtered by it
]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN),
        datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN),  # in the autumn's fold
        datetime(2027, 3, 28, 1, 59, 59, 999_999, tzinfo=BERLIN),  # just before spring's gap
    ],
)
def test_timeline_base_is_the_straightforward_one(seed, now):
    overview = _big_overview(now, seed)
    for view in VIEWS:
        expected = reference_timeline_base(overview, view)
        got = views.timeline_base(overview, view)
        assert [id(e) for e in got] == [id(e) for e in expected], view


def test_the_cap_keeps_the_earlier_of_two_as_near(now):
    # 2 * TIMELINE_MAX_ROWS interviews, each pair one hour before and after now at the
    # same distance: the ones before now are kept where the cap falls between a pair.
    app = Application(company="Acme", role="SRE")
    interviews = [
        Interview(application_id=app.id, starts_at=now + sign * timedelta(hours=hours))
        for hours in range(1, TIMELINE_MAX_ROWS + 1)
        for sign in (-1, 1)
    ]
    interviews.append(Interview(application_id=app.id, starts_at=now + timedelta(hours=1)))
    overview = build_overview([app], {app.id: interviews}, {}, [], now, RULES).prepare()
    view = View(filter_text="acme", filter_target="timeline")
    got = views.timeline_base(overview, view)
    assert len(got) == TIMELINE_MAX_ROWS
    assert got == reference_timeline_base(overview, view)
    distances = sorted(abs(e.starts_at - now) for e in got)
    assert distances[-1] == timedelta(hours=TIMELINE_MAX_ROWS // 2)
    assert got[0].starts_at == now - timedelta(hours=TIMELINE_MAX_ROWS // 2)


def test_fewer_than_the_cap_are_all_kept_in_time_order(now):
    overview = _big_overview(now, seed=7, size=40)
    for view in VIEWS:
        got = views.timeline_base(overview, view)
        assert len(got) < TIMELINE_MAX_ROWS
        assert got == reference_timeline_base(overview, view)
        assert [e.starts_at.timestamp() for e in got] == sorted(
            e.starts_at.timestamp() for e in got
        )


# -- the applications list: the kept orders, updated after a change ----------------------


def reference_visible_rows(overview: Overview, view: View) -> list:
    """The list's rows the plain way: every row filtered, then sorted."""
    rows = overview.rows
    if not view.show_closed:
        rows = [r for r in rows if not r.app.closed]
    if view.followups_only:
        rows = [r for r in rows if r.needs_follow_up]
    if needle := normalized(view.filter_of("applications")):
        rows = [r for r in rows if needle in r.search_text]
    return sort_rows(rows, view.sort, overview.now)


LIST_VIEWS = [
    View(sort=sort, show_closed=closed, followups_only=followups, filter_text=text)
    for sort in ("urgency", "company", "applied", "status")
    for closed in (False, True)
    for followups in (False, True)
    for text in ("", "umbrella", "deploy")
]


def _same_rows(overview: Overview) -> None:
    for view in LIST_VIEWS:
        got = views.visible_rows(overview, view)
        assert [id(r) for r in got] == [id(r) for r in reference_visible_rows(overview, view)]


def test_visible_rows_after_changes_are_the_straightforward_ones(now):
    rng = random.Random(5)
    overview = _big_overview(now, seed=5, size=400)
    _same_rows(overview)
    contacts = [Contact(name="Dana Moreno")]
    for step in range(12):
        rows = overview.rows
        changed = {}
        for row in rng.sample(rows, 3):
            app = copy.deepcopy(row.app)
            # a copy of another row's state (the same urgency key: a tie to place), a
            # closed one, a new follow-up...
            twin = rng.choice(rows).app
            app.company, app.status = twin.company, twin.status
            if rng.random() < 0.3:
                app.status = Status.REJECTED
            if rng.random() < 0.3:
                app.contact_ids = [contacts[0].id]
            changed[app.id] = (app, list(row.interviews), [])
        if step % 4 == 3:
            changed[rows[0].app.id] = None  # deleted
        if step % 3 == 2:  # a new application
            fresh = Application(company=rng.choice(["Acme", "Globex"]), role="SRE")
            changed[fresh.id] = (fresh, [], [])
        people = contacts if step % 5 == 4 else None  # contacts changed: rows copied
        overview = update_overview(overview, changed, people, RULES).prepare()
        _same_rows(overview)
    # and a whole new overview (every row a new object) is sorted afresh
    _same_rows(_big_overview(now, seed=5, size=400))


def test_a_reordered_overview_is_sorted_afresh(now):
    overview = _big_overview(now, seed=6, size=200)
    _same_rows(overview)
    shuffled = Overview(overview.now, overview.rows[::-1], overview.timeline).prepare()
    _same_rows(shuffled)


# -- a replaced overview is let go of on another thread ----------------------------------


def _wait_for(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_a_replaced_overview_is_taken_apart_elsewhere(now):
    holder = [_big_overview(now, seed=8, size=50)]
    rows, timeline = holder[0].rows, holder[0].timeline
    assert rows and timeline
    del rows, timeline  # (held here, they would not be taken apart: see below)
    overview = holder.pop()
    lists = [overview.rows, overview.timeline]
    assert all(lists)
    del lists  # a list of them here would hold them too
    release_elsewhere(overview)
    assert _wait_for(lambda: not overview.__dict__)  # the rows and entries let go of


def test_an_overview_still_held_elsewhere_is_left_whole(now):
    overview = _big_overview(now, seed=9, size=50)
    still_shown = overview  # e.g. another screen draws from it
    rows = len(overview.rows)
    release_elsewhere(overview)
    time.sleep(0.1)
    assert len(still_shown.rows) == rows and still_shown.timeline

    # a list of it held elsewhere is left whole, whatever happens to the rest
    holder = [_big_overview(now, seed=10, size=50)]
    kept_rows = holder[0].rows
    count = len(kept_rows)
    release_elsewhere(holder.pop())
    time.sleep(0.1)
    assert len(kept_rows) == count
