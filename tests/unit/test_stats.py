"""Stats: the funnel, responses by source and weekly activity, at the frozen NOW (Thu 26 Nov)."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil import tz

from jobtui.core.model import Application, Interview, InterviewKind, Status
from jobtui.core.stats import (
    FUNNEL_STAGES,
    UNKNOWN_SOURCE,
    SourceStats,
    compute_stats,
    days_text,
    percent,
    sparkline,
    stats_text,
)
from jobtui.db.store import Store
from jobtui.io.demo import populate_demo

BERLIN = tz.gettz("Europe/Berlin")


def at(day: str, hour: int = 9, minute: int = 0) -> datetime:
    """A Berlin wall-clock time on an ISO day."""
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=BERLIN).replace(
        hour=hour, minute=minute
    )


def application(
    company: str,
    history: list[tuple[Status, datetime]],
    source: str = "",
    applied_on: date | None = None,
) -> Application:
    app = Application(company=company, role="Engineer", source=source)
    for status, when in history:
        app.set_status(status, when)  # an "applied" step sets applied_on, as in the app
    if applied_on is not None:
        app.applied_on = applied_on
    return app


def interview(
    app: Application,
    starts: datetime,
    kind: InterviewKind = InterviewKind.TECHNICAL,
    created: datetime | None = None,
) -> Interview:
    return Interview(application_id=app.id, starts_at=starts, kind=kind, created_at=created)


@pytest.fixture
def search():
    """Eight applications with known stories (Monday of this week: 23 Nov)."""
    acme = application(
        "Acme",
        [
            (Status.APPLIED, at("2026-11-02")),
            (Status.SCREENING, at("2026-11-05", 15)),
            (Status.INTERVIEWING, at("2026-11-10")),
            (Status.OFFER, at("2026-11-20")),
            (Status.ACCEPTED, at("2026-11-24")),
        ],
        source="LinkedIn",
    )
    # Rejected ten days after applying: a rejection is an answer. Same source, other spelling.
    beta = application(
        "Beta",
        [(Status.APPLIED, at("2026-11-09")), (Status.REJECTED, at("2026-11-19", 17))],
        source=" linkedin ",
    )
    # Ghosted is no answer; no source.
    gamma = application(
        "Gamma", [(Status.APPLIED, at("2026-11-16")), (Status.GHOSTED, at("2026-11-25"))]
    )
    # Moved straight from the wishlist to screening; applied_on typed by hand. A phone screen
    # is the screening stage, not the interview stage.
    delta = application(
        "Delta",
        [(Status.WISHLIST, at("2026-09-20")), (Status.SCREENING, at("2026-10-08"))],
        source="Referral",
        applied_on=date(2026, 10, 1),
    )
    # Never sent: a wishlist item, and one dropped from the wishlist.
    epsilon = application("Epsilon", [(Status.WISHLIST, at("2026-11-20"))], source="Referral")
    zeta = application(
        "Zeta",
        [(Status.WISHLIST, at("2026-11-01")), (Status.WITHDRAWN, at("2026-11-03"))],
        source="Company site",
    )
    # Applied this morning.
    eta = application("Eta", [(Status.APPLIED, at("2026-11-26", 8))], source="Company site")
    # Still "applied", but an interview for tomorrow was arranged yesterday: that is the answer.
    theta = application("Theta", [(Status.APPLIED, at("2026-11-23"))], source="Referral")
    apps = [acme, beta, gamma, delta, epsilon, zeta, eta, theta]
    interviews = {
        acme.id: [
            interview(acme, at("2026-11-06", 10), InterviewKind.PHONE_SCREEN, at("2026-11-05", 12)),
            interview(acme, at("2026-11-12", 14), created=at("2026-11-10", 11)),
        ],
        delta.id: [interview(delta, at("2026-10-13", 10), InterviewKind.PHONE_SCREEN)],
        theta.id: [interview(theta, at("2026-11-27", 14), created=at("2026-11-25", 10))],
    }
    return apps, interviews


# --------------------------------------------------------------------------- the funnel


def test_funnel_counts_and_conversion(search, now):
    stats = compute_stats(*search, now)
    assert [(s.name, s.count) for s in stats.funnel] == [
        ("applied", 6),
        ("screening", 3),
        ("interview", 2),
        ("offer", 1),
        ("accepted", 1),
    ]
    assert [s.rate_from_previous for s in stats.funnel] == [None, 0.5, 2 / 3, 0.5, 1.0]
    assert (stats.total, stats.active, stats.closed) == (8, 4, 4)
    assert stats.applied == 6


def test_a_later_stage_implies_the_earlier_ones(now):
    # An imported offer with no history and no applied day still counts at every stage before.
    app = Application(company="Imported", role="Dev", status=Status.OFFER)
    stats = compute_stats([app], {}, now)
    assert [s.count for s in stats.funnel] == [1, 1, 1, 1, 0]
    # It got an answer, but when is unknown.
    assert stats.response_rate == 1.0
    assert stats.median_days_to_first_response is None
    assert sum(w.applications for w in stats.weeks) == 0


def test_an_interview_counts_even_without_a_status_change(now):
    app = application("Acme", [(Status.APPLIED, at("2026-11-16"))])
    screen = interview(app, at("2026-11-20"), InterviewKind.PHONE_SCREEN, at("2026-11-18"))
    stats = compute_stats([app], {app.id: [screen]}, now)
    assert [s.count for s in stats.funnel] == [1, 1, 0, 0, 0]
    assert stats.median_days_to_first_response == 2.0
    onsite = interview(app, at("2026-11-25"), InterviewKind.ONSITE, at("2026-11-23"))
    stats = compute_stats([app], {app.id: [screen, onsite]}, now)
    assert [s.count for s in stats.funnel] == [1, 1, 1, 0, 0]


def test_withdrawn_counts_as_applied_unless_it_left_from_the_wishlist(now):
    dropped = application(
        "A", [(Status.WISHLIST, at("2026-11-02")), (Status.WITHDRAWN, at("2026-11-03"))]
    )
    withdrew = application(
        "B", [(Status.APPLIED, at("2026-11-02")), (Status.WITHDRAWN, at("2026-11-10"))]
    )
    imported = Application(company="C", role="Dev", status=Status.WITHDRAWN)
    stats = compute_stats([dropped, withdrew, imported], {}, now)
    assert stats.applied == 2
    assert stats.response_rate == 0.0  # withdrawing is not an answer


# --------------------------------------------------------------------------- responses


def test_response_rate_and_median_days(search, now):
    stats = compute_stats(*search, now)
    # Acme 3 days (screening on 5 Nov), Beta 10 (rejected), Delta 7 (from the typed applied
    # day), Theta 2 (the interview arranged on 25 Nov). Gamma (ghosted) and Eta: none.
    assert stats.responses == 4
    assert stats.response_rate == 4 / 6
    assert stats.median_days_to_first_response == 5.0


def test_first_response_is_the_earliest_of_status_and_interview(now):
    app = application(
        "Acme", [(Status.APPLIED, at("2026-11-02")), (Status.INTERVIEWING, at("2026-11-12"))]
    )
    # Recorded on the 6th for the 9th: the answer came on the 6th, 4 days after applying.
    early = interview(app, at("2026-11-09"), created=at("2026-11-06"))
    assert compute_stats([app], {app.id: [early]}, now).median_days_to_first_response == 4.0
    # Recorded after it happened (created later than it starts): it counts from its start.
    late = interview(app, at("2026-11-09"), created=at("2026-11-20"))
    assert compute_stats([app], {app.id: [late]}, now).median_days_to_first_response == 7.0
    assert compute_stats([app], {}, now).median_days_to_first_response == 10.0


def test_days_count_local_calendar_days(now):
    # Applied 23:30 Berlin on Monday; answered 00:30 Berlin on Wednesday: 2 days.
    app = application(
        "Acme",
        [
            (Status.APPLIED, at("2026-11-16", 23, 30)),
            (Status.SCREENING, datetime(2026, 11, 17, 23, 30, tzinfo=UTC)),
        ],
    )
    assert app.applied_on == date(2026, 11, 16)
    assert compute_stats([app], {}, now).median_days_to_first_response == 2.0


# --------------------------------------------------------------------------- by source


def test_by_source(search, now):
    stats = compute_stats(*search, now)
    assert stats.by_source == [
        SourceStats("LinkedIn", 2, 2, 1.0, 6.5),
        SourceStats("Referral", 2, 2, 1.0, 4.5),
        SourceStats("Company site", 1, 0, 0.0, None),
        SourceStats(UNKNOWN_SOURCE, 1, 0, 0.0, None),
    ]
    assert stats.responses == sum(s.responses for s in stats.by_source)


def test_source_text_is_kept_as_typed(now):
    app = application("Acme", [(Status.APPLIED, at("2026-11-16"))], source="[bold]Referral[/]")
    [row] = compute_stats([app], {}, now).by_source
    assert row.source == "[bold]Referral[/]"


# --------------------------------------------------------------------------- weeks


def test_weeks_are_the_last_twelve_mondays(search, now):
    weeks = compute_stats(*search, now).weeks
    assert len(weeks) == 12
    assert weeks[0].week_start == date(2026, 9, 7)
    assert weeks[-1].week_start == date(2026, 11, 23)  # this week
    assert all(w.week_start.weekday() == 0 for w in weeks)
    assert [b.week_start - a.week_start for a, b in itertools.pairwise(weeks)] == [
        timedelta(weeks=1)
    ] * 11
    # Delta (1 Oct) in the week of 28 Sep; Acme, Beta, Gamma; Eta and Theta this week.
    assert [w.applications for w in weeks] == [0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 2]
    # Delta's screen (13 Oct), Acme's two rounds, Theta's tomorrow (still this week).
    assert [w.interviews for w in weeks] == [0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1]


def test_weeks_use_local_days_and_skip_what_is_outside(now):
    # 23:30 UTC on Sunday 22 Nov is 00:30 on Monday 23 Nov in Berlin: this week.
    sunday_night_utc = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    app = application("Acme", [(Status.APPLIED, sunday_night_utc)])
    rounds = [
        interview(app, sunday_night_utc),
        interview(app, at("2026-09-06", 12)),  # the Sunday before the first week
        interview(app, at("2026-11-30", 12)),  # next week
    ]
    other = Application(company="Not listed", role="Dev")
    stray = {app.id: rounds, other.id: [interview(other, at("2026-11-24"))]}
    weeks = compute_stats([app], stray, now).weeks
    assert [w.applications for w in weeks] == [0] * 11 + [1]
    assert [w.interviews for w in weeks] == [0] * 11 + [1]


# --------------------------------------------------------------------------- edge cases


def test_no_applications(now):
    stats = compute_stats([], {}, now)
    assert (stats.total, stats.active, stats.closed) == (0, 0, 0)
    assert [s.name for s in stats.funnel] == list(FUNNEL_STAGES)
    assert [s.count for s in stats.funnel] == [0] * 5
    assert [s.rate_from_previous for s in stats.funnel] == [None] * 5
    assert stats.response_rate is None
    assert stats.median_days_to_first_response is None
    assert stats.by_source == []
    assert len(stats.weeks) == 12
    assert all(w.applications == w.interviews == 0 for w in stats.weeks)
    text = stats_text(stats)
    assert "Response rate: — (0 of 0 applied got a response)" in text
    assert "(no applications sent yet)" in text
    json.dumps(stats.to_json())


def test_wishlist_only(now):
    app = application("Dream job", [(Status.WISHLIST, at("2026-11-20"))], source="LinkedIn")
    stats = compute_stats([app], {}, now)
    assert (stats.total, stats.active, stats.closed) == (1, 1, 0)
    assert stats.applied == 0
    assert stats.response_rate is None
    assert stats.by_source == []
    assert sum(w.applications for w in stats.weeks) == 0


# --------------------------------------------------------------------------- text helpers


def test_sparkline():
    assert sparkline([]) == ""
    assert sparkline([0, 0, 0]) == "   "  # a week with nothing draws blank, not a low bar
    assert sparkline([0, 1, 2, 4, 8]) == " ▃▄▅█"
    assert sparkline([3, 3]) == "██"
    # The smallest count above zero never looks like zero.
    assert sparkline([0, 1, 100]) == " ▂█"


def test_percent_and_days_text():
    assert percent(None) == "—"
    assert percent(0.4242) == "42%"
    assert percent(2 / 3) == "67%"
    assert percent(0) == "0%"
    assert percent(1.0) == "100%"
    assert days_text(None) == "—"
    assert days_text(1.0) == "1 day"
    assert days_text(5.0) == "5 days"
    assert days_text(6.5) == "6.5 days"


def test_stats_text(search, now):
    text = stats_text(compute_stats(*search, now))
    lines = text.splitlines()
    assert lines[0] == "Applications: 8 total, 4 active, 4 closed"
    funnel = [line.split() for line in lines[3:8]]
    assert funnel == [
        ["Applied", "6", "█" * 30],
        ["Screening", "3", "█" * 15, "50%", "of", "applied"],
        ["Interview", "2", "██████████", "67%", "of", "screening"],
        ["Offer", "1", "█████", "50%", "of", "interview"],
        ["Accepted", "1", "█████", "100%", "of", "offer"],
    ]
    assert "Response rate: 67% (4 of 6 applied got a response)" in lines
    assert "Median time to first response: 5 days" in lines
    assert any(line.split() == ["LinkedIn", "2", "2", "100%", "6.5", "days"] for line in lines), (
        text
    )
    assert any(line.split() == ["(unknown)", "1", "0", "0%", "—"] for line in lines), text
    assert "Per week, Mon 7 Sep 2026 – Sun 29 Nov 2026 (weeks start on Monday)" in lines
    assert "  Week of         7  14  21  28   5  12  19  26   2   9  16  23" in lines
    spark = [line for line in lines if line.startswith("  Applications ")]
    # Weeks with nothing are blank, not low bars.
    assert spark == ["  Applications               ▅▅                  ▅▅  ▅▅  ▅▅  ██"]
    assert "In 12 weeks: 6 applications, 4 interviews. This week: 2 applications, 1 interview." in (
        lines
    )


def test_to_json(search, now):
    data = compute_stats(*search, now).to_json()
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    assert set(data) == {
        "total",
        "active",
        "closed",
        "applied",
        "responses",
        "funnel",
        "response_rate",
        "median_days_to_first_response",
        "by_source",
        "weeks",
    }
    assert data["funnel"][0] == {"name": "applied", "count": 6, "rate_from_previous": None}
    assert data["funnel"][1] == {"name": "screening", "count": 3, "rate_from_previous": 0.5}
    assert data["median_days_to_first_response"] == 5.0
    assert data["by_source"][0] == {
        "source": "LinkedIn",
        "applications": 2,
        "responses": 2,
        "response_rate": 1.0,
        "median_days_to_response": 6.5,
    }
    assert len(data["weeks"]) == 12
    assert data["weeks"][-1] == {"week_start": "2026-11-23", "applications": 2, "interviews": 1}


# --------------------------------------------------------------------------- the demo


def test_demo_stats(db_path, now):
    store = Store(db_path, clock=lambda: now)
    try:
        populate_demo(store, now)
        stats = compute_stats(store.applications(), store.interviews_by_application(), now)
    finally:
        store.close()
    assert (stats.total, stats.active, stats.closed) == (13, 10, 3)
    # Everything but Kestrel (wishlist) was sent; Quillstack and Orbital only had phone
    # screens; Tidewater and Brightwell have the offers.
    assert [s.count for s in stats.funnel] == [12, 8, 6, 2, 0]
    assert stats.responses == 8
    assert stats.response_rate == 8 / 12
    assert stats.median_days_to_first_response == 3.5
    assert [(s.source, s.applications, s.responses) for s in stats.by_source] == [
        ("Company site", 6, 4),
        ("LinkedIn", 4, 2),
        ("LinkedIn (recruiter reached out)", 1, 1),
        ("Referral (Felix Brandt)", 1, 1),
    ]
    # Every demo application and interview falls inside the 12 weeks.
    assert sum(w.applications for w in stats.weeks) == 12
    assert sum(w.interviews for w in stats.weeks) == 17
    # This week: Saltbox applied; Copperleaf's technical, Northwind's panel, Lumen's final.
    assert (stats.weeks[-1].applications, stats.weeks[-1].interviews) == (1, 3)
