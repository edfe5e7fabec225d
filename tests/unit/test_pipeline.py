"""The pipeline board as data: its columns, their cards' order, where a card moves."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobtui.config import FollowUpRules
from jobtui.core.model import Application, Interview, Status
from jobtui.core.overview import build_overview
from jobtui.core.pipeline import (
    CLOSED_COLUMNS,
    OPEN_COLUMNS,
    board,
    find_card,
    moved_status,
    nearest_card,
    statuses,
)

OPEN = ["wishlist", "applied", "screening", "interviewing", "offer"]
CLOSED = ["accepted", "rejected", "withdrawn", "ghosted"]


def _app(company: str, status: Status, now, days_ago: int = 1) -> Application:
    app = Application(company=company, role="Engineer")
    app.set_status(status, now - timedelta(days=days_ago))
    return app


def _overview(apps, now, interviews=None):
    return build_overview(apps, interviews or {}, {}, [], now, FollowUpRules())


def test_the_open_statuses_are_the_pipeline_in_order():
    assert [s.value for s in OPEN_COLUMNS] == OPEN
    assert [s.value for s in CLOSED_COLUMNS] == CLOSED
    assert [s.value for s in statuses(show_closed=False)] == OPEN
    assert [s.value for s in statuses(show_closed=True)] == OPEN + CLOSED


def test_every_column_is_there_even_empty_with_its_count_in_the_title(now):
    apps = [
        _app("A", Status.APPLIED, now),
        _app("B", Status.APPLIED, now),
        _app("C", Status.OFFER, now),
    ]
    columns = board(_overview(apps, now).rows, now, show_closed=False)
    assert [c.status.value for c in columns] == OPEN
    assert [c.title for c in columns] == [
        "Wishlist · 0",
        "Applied · 2",
        "Screening · 0",
        "Interviewing · 0",
        "Offer · 1",
    ]


def test_closed_cards_only_in_closed_columns_when_shown(now):
    apps = [_app("Open", Status.APPLIED, now), _app("Gone", Status.REJECTED, now)]
    rows = _overview(apps, now).rows
    hidden = board(rows, now, show_closed=False)
    assert [r.app.company for c in hidden for r in c.cards] == ["Open"]
    shown = board(rows, now, show_closed=True)
    rejected = next(c for c in shown if c.status == Status.REJECTED)
    assert [r.app.company for r in rejected.cards] == ["Gone"]


def test_cards_are_in_the_lists_urgency_order(now):
    # Applied 20 days ago: its follow-up is overdue; 1 day ago: nothing owed yet. An
    # interview tomorrow ranks an application above one with nothing ahead.
    quiet = _app("Quiet", Status.APPLIED, now, days_ago=1)
    overdue = _app("Overdue", Status.APPLIED, now, days_ago=20)
    soon = _app("Soon", Status.APPLIED, now, days_ago=2)
    interview = Interview(application_id=soon.id, starts_at=now + timedelta(days=1))
    overview = _overview([quiet, overdue, soon], now, {soon.id: [interview]})
    applied = board(overview.rows, now, show_closed=False)[1]
    assert [r.app.company for r in applied.cards] == ["Overdue", "Soon", "Quiet"]


@pytest.mark.parametrize(
    ("status", "step", "expected"),
    [
        (Status.WISHLIST, 1, Status.APPLIED),
        (Status.APPLIED, -1, Status.WISHLIST),
        (Status.INTERVIEWING, 1, Status.OFFER),
        (Status.OFFER, -1, Status.INTERVIEWING),
        (Status.WISHLIST, -1, None),  # the first status of the pipeline
        (Status.OFFER, 1, None),  # the last open one: never on to accepted
    ],
)
def test_a_card_moves_one_step_along_the_open_pipeline(status, step, expected):
    assert moved_status(status, step) == expected


@pytest.mark.parametrize("status", CLOSED_COLUMNS)
@pytest.mark.parametrize("step", [-1, 1])
def test_a_closed_card_never_moves(status, step):
    # Neither on to the next closed status (a walk that saves each one) nor back to offer.
    assert moved_status(status, step) is None


def test_no_walk_of_moves_reaches_a_closed_status():
    for status in OPEN_COLUMNS:
        for step in (-1, 1):
            moved = moved_status(status, step)
            assert moved is None or not moved.closed


def test_find_a_card_and_the_nearest_one(now):
    apps = [_app("A", Status.APPLIED, now), _app("B", Status.OFFER, now)]
    columns = board(_overview(apps, now).rows, now, show_closed=False)
    assert find_card(columns, apps[1].id) == (4, 0)
    assert find_card(columns, "missing") is None
    assert nearest_card(columns[4], 3) == 0
    assert nearest_card(columns[4], -2) == 0
    assert nearest_card(columns[0], 0) is None  # an empty column
