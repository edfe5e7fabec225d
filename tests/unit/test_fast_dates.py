"""The quick ways of asking the clock give the answers the plain ways give: ``now_against``
(comparing a stored time with now) and the local zone kept per $TZ name."""

from __future__ import annotations

import operator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from dateutil import tz

from jobtui.core import dates
from jobtui.core.dates import now_against

BERLIN = tz.gettz("Europe/Berlin")
NEW_YORK = tz.gettz("America/New_York")

# "now" on both sides of Berlin's autumn fold (02:00-03:00 twice on 25 Oct 2026) and
# spring gap (29 Mar 2026), and an ordinary moment.
NOWS = [
    datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN),  # first 02:30 (CEST)
    datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN),  # second 02:30 (CET)
    datetime(2026, 3, 29, 3, 0, tzinfo=BERLIN),
    datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN),
    datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
]


def _moments() -> list[datetime]:
    found = []
    for hour, minute in ((1, 59), (2, 0), (2, 30), (3, 0), (9, 0), (10, 0)):
        for day in (datetime(2026, 10, 25), datetime(2026, 3, 29), datetime(2026, 11, 26)):
            wall = day.replace(hour=hour, minute=minute)
            found += [
                wall.replace(tzinfo=BERLIN),
                wall.replace(tzinfo=BERLIN, fold=1),
                wall.replace(tzinfo=NEW_YORK),
                wall.replace(tzinfo=timezone(timedelta(hours=1))),
                wall.replace(tzinfo=timezone(timedelta(hours=2))),
                wall.replace(tzinfo=UTC),
                wall.replace(tzinfo=tz.UTC),
            ]
    return found


@pytest.mark.parametrize("now", NOWS, ids=lambda n: f"{n.isoformat()}-fold{n.fold}")
def test_comparing_with_now_against_gives_the_plain_answers(now: datetime) -> None:
    for moment in _moments():
        against = now_against(moment, now)
        for compare in (operator.lt, operator.le, operator.gt, operator.ge):
            assert compare(moment, against) == compare(moment, now), (moment, compare)
            assert compare(against, moment) == compare(now, moment), (moment, compare)
        assert moment - against == moment - now
        assert against - moment == now - moment


def test_now_in_another_zone_object_is_remembered_per_now() -> None:
    first = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)
    stored = datetime(2026, 11, 26, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    assert now_against(stored, first) == first
    assert now_against(stored, first).tzinfo is UTC
    later = datetime(2026, 11, 26, 11, 0, tzinfo=BERLIN)
    assert now_against(stored, later) == later  # a new now is converted anew
    assert now_against(first, first) is first  # one zone object: now itself


def test_the_local_zone_follows_tz_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert dates.local_tz() is tz.gettz("America/New_York")
    assert dates.local_tz() is dates.local_tz()
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert dates.local_tz() is BERLIN
    monkeypatch.setenv("TZ", "No/Such_Zone")
    system = dates.local_tz()  # the system zone, one object kept
    assert system is not BERLIN
    monkeypatch.delenv("TZ")
    assert dates.local_tz() is system
