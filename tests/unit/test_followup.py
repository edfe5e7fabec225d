"""Tests for jobtui.core.followup: which follow-ups are owed, when they fall due, how urgent.

"Now" is frozen at Thu 2026-11-26 10:00 Europe/Berlin. Most tests keep that "now" and move
the interview or the application date instead, so each boundary is hit exactly: at the
threshold, one second before it, and after it.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from dateutil import tz

from jobtui.config import FollowUpRules
from jobtui.core import dates
from jobtui.core.followup import (
    FOLLOW_UP_KINDS,
    FollowUp,
    FollowUpKind,
    Urgency,
    all_followups,
    followups_for,
    next_action,
    owed_kind,
)
from jobtui.core.model import Application, Interview, SentFollowUp, SentKind, Status, StatusChange

BERLIN = tz.gettz("Europe/Berlin")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)  # a Thursday
RULES = FollowUpRules()
SECOND = timedelta(seconds=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

THANK_YOU = FollowUpKind.THANK_YOU
CHECK_IN = FollowUpKind.CHECK_IN
APP_FOLLOW_UP = FollowUpKind.APPLICATION_FOLLOW_UP
GHOSTED = FollowUpKind.GHOSTED
OVERDUE, DUE, UPCOMING = Urgency.OVERDUE, Urgency.DUE, Urgency.UPCOMING


@pytest.fixture(autouse=True)
def _berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")


def berlin(month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=BERLIN)


def make_app(
    app_id: str = "app-1", status: Status = Status.INTERVIEWING, **kwargs: object
) -> Application:
    return Application(company="Acme", role="Engineer", id=app_id, status=status, **kwargs)


def make_interview(
    starts_at: datetime,
    *,
    app_id: str = "app-1",
    interview_id: str = "iv-1",
    duration: timedelta = HOUR,
    thanked: bool = False,
    **kwargs: object,
) -> Interview:
    """An interview; ``thanked`` marks the thank-you as sent right after it ended."""
    interview = Interview(
        application_id=app_id, starts_at=starts_at, id=interview_id, duration=duration, **kwargs
    )
    if thanked:
        interview.thank_you_sent_at = interview.ends_at + HOUR
    return interview


def ending_at(end: datetime, **kwargs: object) -> Interview:
    """A one-hour interview that ends at ``end``."""
    return make_interview(end - HOUR, **kwargs)


def sent(kind: SentKind, at: datetime, *, app_id: str = "app-1", interview_id=None) -> SentFollowUp:
    return SentFollowUp(kind=kind, at=at, application_id=app_id, interview_id=interview_id)


def items_for(app, interviews=(), sent_log=(), now=NOW, rules=RULES) -> list[FollowUp]:
    return followups_for(app, list(interviews), list(sent_log), now, rules)


def of_kind(items: list[FollowUp], *kinds: FollowUpKind) -> list[FollowUp]:
    return [i for i in items if i.kind in kinds]


def single(items: list[FollowUp], *kinds: FollowUpKind) -> FollowUp | None:
    found = of_kind(items, *kinds)
    assert len(found) <= 1, found
    return found[0] if found else None


# ---------------------------------------------------------------------------
# Thank-you


@pytest.mark.parametrize(
    ("ends_before_now", "expected"),
    [
        pytest.param(-3 * DAY - SECOND, None, id="ends-beyond-upcoming-window"),
        pytest.param(-3 * DAY, UPCOMING, id="ends-exactly-upcoming_days-ahead"),
        pytest.param(-SECOND, UPCOMING, id="one-second-before-end"),
        pytest.param(timedelta(0), DUE, id="exactly-at-end"),
        pytest.param(24 * HOUR - SECOND, DUE, id="one-second-before-overdue"),
        pytest.param(24 * HOUR, OVERDUE, id="exactly-24h-after-end"),
        pytest.param(10 * DAY, OVERDUE, id="long-after"),
    ],
)
def test_thank_you_urgency_is_measured_from_the_interview_end(ends_before_now, expected):
    # A 90-minute interview: the clock starts at its end, not its start.
    end = NOW - ends_before_now
    interview = make_interview(end - timedelta(minutes=90), duration=timedelta(minutes=90))
    item = single(items_for(make_app(), [interview]), THANK_YOU)
    if expected is None:
        assert item is None
        return
    assert item is not None
    assert item.urgency == expected
    assert item.due == end
    assert item.overdue_at == end + 24 * HOUR
    assert item.interview_id == "iv-1"


def test_thank_you_is_not_due_while_the_interview_is_still_running():
    # Started an hour ago, runs for two: the end is still an hour away.
    interview = make_interview(NOW - HOUR, duration=2 * HOUR)
    item = single(items_for(make_app(), [interview]), THANK_YOU)
    assert item is not None
    assert item.urgency == UPCOMING
    assert item.due == NOW + HOUR


def test_no_thank_you_once_it_is_logged():
    interview = make_interview(NOW - 3 * DAY, thank_you_sent_at=NOW - 2 * DAY)
    assert of_kind(items_for(make_app(), [interview]), THANK_YOU) == []


@pytest.mark.parametrize(
    ("later_starts_in", "earlier_still_owed"),
    [
        pytest.param(SECOND, True, id="later-round-not-started-yet"),
        pytest.param(timedelta(0), False, id="later-round-starts-now"),
        pytest.param(-30 * timedelta(minutes=1), False, id="later-round-in-progress"),
        pytest.param(-2 * DAY, False, id="later-round-long-over"),
    ],
)
def test_a_later_round_that_started_supersedes_the_earlier_thank_you(
    later_starts_in, earlier_still_owed
):
    earlier = make_interview(berlin(11, 23, 10), interview_id="round-1")
    later = make_interview(NOW + later_starts_in, interview_id="round-2")
    # Given out of order on purpose: the rules sort by start time.
    thank_yous = of_kind(items_for(make_app(), [later, earlier]), THANK_YOU)
    owed_for = {item.interview_id for item in thank_yous}
    assert ("round-1" in owed_for) is earlier_still_owed
    assert "round-2" in owed_for  # the later round's own thank-you is always listed


def test_thank_you_overdue_hours_are_real_hours_across_a_dst_change():
    # Ends Sat 24 Oct 2026 12:00 CEST; clocks go back at 03:00 on Sunday 25 Oct.
    interview = make_interview(datetime(2026, 10, 24, 11, 0, tzinfo=BERLIN))
    end_utc = interview.ends_at.astimezone(tz.UTC)
    now = (end_utc + 24 * HOUR).astimezone(BERLIN)  # Sun 25 Oct 11:00 CET
    item = single(items_for(make_app(), [interview], now=now), THANK_YOU)
    assert item is not None
    assert item.overdue_at.astimezone(tz.UTC) == end_utc + 24 * HOUR
    assert item.urgency == OVERDUE


# ---------------------------------------------------------------------------
# Check-in after an interview


@pytest.mark.parametrize(
    ("end", "expected", "due"),
    [
        # Thursday -> five business days later is next Thursday (weekend skipped).
        pytest.param(berlin(11, 19, 10), DUE, berlin(11, 26, 10), id="thu-due-exactly-now"),
        pytest.param(berlin(11, 19, 10, 0, 1), UPCOMING, berlin(11, 26, 10, 0, 1), id="thu+1s"),
        # Friday -> next Friday.
        pytest.param(berlin(11, 20, 16), UPCOMING, berlin(11, 27, 16), id="fri-next-fri"),
        # Overdue two business days after due: Tue 17 -> due Tue 24 -> overdue Thu 26 10:00.
        pytest.param(berlin(11, 17, 10), OVERDUE, berlin(11, 24, 10), id="overdue-exactly-now"),
        pytest.param(berlin(11, 17, 10, 0, 1), DUE, berlin(11, 24, 10, 0, 1), id="overdue-1s"),
        # Mon 23 -> due Mon 30 10:00, more than three days out: not listed.
        pytest.param(berlin(11, 23, 10), None, None, id="beyond-upcoming-window"),
    ],
)
def test_check_in_five_business_days_after_the_interview_ended(end, expected, due):
    interview = ending_at(end, thanked=True)
    item = single(items_for(make_app(), [interview]), CHECK_IN)
    if expected is None:
        assert item is None
        return
    assert item is not None
    assert (item.urgency, item.due) == (expected, due)
    assert item.interview_id == "iv-1"
    assert item.attempts == 0


def test_check_in_due_on_a_business_day_keeps_the_end_time():
    item = single(items_for(make_app(), [ending_at(berlin(11, 19, 10), thanked=True)]), CHECK_IN)
    assert item is not None
    assert item.due.weekday() == 3  # Thursday, like the interview
    assert item.overdue_at == berlin(11, 30, 10)  # + 2 business days over the weekend


@pytest.mark.parametrize(
    ("decide_by", "expected", "due"),
    [
        # One business day after the decision date, from local midnight.
        pytest.param(date(2026, 11, 25), DUE, berlin(11, 26), id="wed-decision-thu-00:00"),
        pytest.param(date(2026, 11, 24), DUE, berlin(11, 25), id="tue-decision"),
        pytest.param(date(2026, 11, 20), OVERDUE, berlin(11, 23), id="fri-decision-mon"),
        # A later decision date defers the check-in past the usual five business days.
        pytest.param(date(2026, 11, 27), None, None, id="decision-friday-not-listed-yet"),
    ],
)
def test_check_in_after_the_decision_date(decide_by, expected, due):
    # Without decide_by, this interview's check-in would be due Wed 25 Nov 11:00.
    interview = ending_at(berlin(11, 18, 11), thanked=True, decide_by=decide_by)
    item = single(items_for(make_app(), [interview]), CHECK_IN)
    if expected is None:
        assert item is None
        return
    assert item is not None
    assert (item.urgency, item.due) == (expected, due)


@pytest.mark.parametrize(
    ("status_changed_after_end", "check_in_listed"),
    [
        pytest.param(-timedelta(minutes=1), True, id="changed-before-end"),
        pytest.param(timedelta(0), True, id="changed-exactly-at-end"),
        pytest.param(timedelta(minutes=1), False, id="changed-after-end"),
        pytest.param(3 * DAY, False, id="changed-days-later"),
    ],
)
def test_no_check_in_once_the_status_changed_after_the_interview(
    status_changed_after_end, check_in_listed
):
    end = berlin(11, 18, 11)
    app = make_app(
        status_history=[StatusChange(Status.INTERVIEWING, end + status_changed_after_end)]
    )
    item = single(items_for(app, [ending_at(end, thanked=True)]), CHECK_IN, GHOSTED)
    assert (item is not None) is check_in_listed


def test_no_check_in_once_an_outcome_is_noted():
    interview = ending_at(berlin(11, 18, 11), thanked=True, outcome="Moving to final round")
    assert items_for(make_app(), [interview]) == []


def test_blank_outcome_is_not_news():
    interview = ending_at(berlin(11, 18, 11), thanked=True, outcome="   ")
    assert single(items_for(make_app(), [interview]), CHECK_IN) is not None


@pytest.mark.parametrize(
    "next_round_starts",
    [
        pytest.param(NOW + DAY, id="next-round-scheduled"),
        pytest.param(NOW - timedelta(minutes=30), id="next-round-in-progress"),
    ],
)
def test_no_check_in_while_a_newer_interview_is_scheduled_or_running(next_round_starts):
    first = ending_at(berlin(11, 18, 11), thanked=True, interview_id="round-1")
    second = make_interview(next_round_starts, interview_id="round-2")
    assert of_kind(items_for(make_app(), [second, first]), CHECK_IN, GHOSTED) == []


def test_no_check_in_while_the_interview_is_still_running():
    # Even with a zero-day wait, nothing is asked before the interview has ended.
    running = make_interview(NOW - timedelta(minutes=30), thanked=True)
    rules = FollowUpRules(check_in_business_days=0)
    assert of_kind(items_for(make_app(), [running], rules=rules), CHECK_IN, GHOSTED) == []
    just_over = ending_at(NOW, thanked=True)
    item = single(items_for(make_app(), [just_over], rules=rules), CHECK_IN)
    assert item is not None and item.urgency == DUE


def test_check_in_follows_the_latest_interview_once_it_is_over():
    first = ending_at(berlin(11, 10, 11), thanked=True, interview_id="round-1")
    second = ending_at(berlin(11, 19, 10), thanked=True, interview_id="round-2")
    item = single(items_for(make_app(), [second, first]), CHECK_IN)
    assert item is not None
    assert (item.interview_id, item.due) == ("round-2", berlin(11, 26, 10))


@pytest.mark.parametrize(
    ("check_in_sent", "expected", "due"),
    [
        pytest.param(berlin(11, 19, 10), DUE, berlin(11, 26, 10), id="sent-thu-due-thu"),
        pytest.param(berlin(11, 19, 10, 0, 1), UPCOMING, berlin(11, 26, 10, 0, 1), id="+1s"),
        pytest.param(berlin(11, 17, 10), OVERDUE, berlin(11, 24, 10), id="overdue"),
    ],
)
def test_next_check_in_is_five_business_days_after_the_last_one(check_in_sent, expected, due):
    interview = ending_at(berlin(11, 10, 11), thanked=True)
    log = [sent(SentKind.CHECK_IN, check_in_sent, interview_id="iv-1")]
    item = single(items_for(make_app(), [interview], log), CHECK_IN)
    assert item is not None
    assert (item.urgency, item.due, item.attempts) == (expected, due, 1)
    assert item.since == check_in_sent


def test_thank_you_and_messages_before_the_interview_are_not_check_ins():
    interview = ending_at(berlin(11, 18, 11), thanked=True)
    log = [
        sent(SentKind.THANK_YOU, berlin(11, 18, 15), interview_id="iv-1"),
        sent(SentKind.APPLICATION_FOLLOW_UP, berlin(11, 2, 9)),  # before the interview
    ]
    item = single(items_for(make_app(), [interview], log), CHECK_IN)
    assert item is not None
    assert (item.attempts, item.due) == (0, berlin(11, 25, 11))


@pytest.mark.parametrize(
    ("check_ins", "kind"),
    [
        pytest.param(1, CHECK_IN, id="one-unanswered"),
        pytest.param(2, GHOSTED, id="max_unanswered-reached"),
        pytest.param(3, GHOSTED, id="beyond-max"),
    ],
)
def test_unanswered_check_ins_become_mark_ghosted(check_ins, kind):
    interview = ending_at(berlin(10, 1, 11), thanked=True)
    # The last one was sent Tue 17 Nov, so the next step is overdue now.
    log = [
        sent(SentKind.CHECK_IN, berlin(11, 17 - 7 * n, 10), interview_id="iv-1")
        for n in range(check_ins)
    ]
    items = items_for(make_app(), [interview], log)
    assert [(i.kind, i.attempts) for i in items] == [(kind, check_ins)]
    assert items[0].due == berlin(11, 24, 10)


# ---------------------------------------------------------------------------
# Follow-up on an application that is still "applied"


@pytest.mark.parametrize(
    ("applied_on", "expected", "due"),
    [
        # Seven business days after local midnight of the application date.
        pytest.param(date(2026, 11, 17), DUE, berlin(11, 26), id="tue-17-due-thu-26"),
        pytest.param(date(2026, 11, 18), UPCOMING, berlin(11, 27), id="wed-18-due-fri-27"),
        pytest.param(date(2026, 11, 13), OVERDUE, berlin(11, 24), id="fri-13-overdue"),
        pytest.param(date(2026, 11, 19), None, None, id="thu-19-due-mon-30-not-listed"),
    ],
)
def test_application_follow_up_seven_business_days_after_applying(applied_on, expected, due):
    app = make_app(status=Status.APPLIED, applied_on=applied_on)
    items = items_for(app)
    if expected is None:
        assert items == []
        return
    assert [(i.kind, i.urgency, i.due) for i in items] == [(APP_FOLLOW_UP, expected, due)]
    assert items[0].interview is None
    assert items[0].since == datetime.combine(applied_on, datetime.min.time(), tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(berlin(11, 25, 23, 59, 59), UPCOMING, id="just-before-midnight"),
        pytest.param(berlin(11, 26), DUE, id="local-midnight"),
        pytest.param(
            berlin(11, 25, 23, 30).astimezone(tz.UTC), UPCOMING, id="utc-now-same-instant"
        ),
        pytest.param(berlin(11, 29, 23, 59, 59), DUE, id="just-before-overdue"),
        pytest.param(berlin(11, 30), OVERDUE, id="overdue-two-business-days-later"),
    ],
)
def test_application_follow_up_boundaries_are_at_local_midnight(now, expected):
    app = make_app(status=Status.APPLIED, applied_on=date(2026, 11, 17))
    items = items_for(app, now=now)
    assert [(i.kind, i.urgency) for i in items] == [(APP_FOLLOW_UP, expected)]


@pytest.mark.parametrize(
    "status",
    [Status.WISHLIST, Status.SCREENING, Status.INTERVIEWING, Status.OFFER],
)
def test_application_follow_up_only_while_status_is_applied(status):
    app = make_app(status=status, applied_on=date(2026, 11, 2))
    assert of_kind(items_for(app), APP_FOLLOW_UP, GHOSTED) == []


def test_no_application_follow_up_once_an_interview_exists():
    app = make_app(status=Status.APPLIED, applied_on=date(2026, 11, 2))
    upcoming_interview = make_interview(NOW + 10 * DAY)
    assert items_for(app, [upcoming_interview]) == []


def test_application_follow_up_counts_from_the_status_change_without_applied_on():
    app = make_app(status=Status.WISHLIST)
    app.set_status(Status.APPLIED, berlin(11, 17, 15, 30))
    app.applied_on = None  # e.g. cleared by hand: the status history still says when
    items = items_for(app)
    assert [(i.kind, i.urgency, i.due) for i in items] == [
        (APP_FOLLOW_UP, UPCOMING, berlin(11, 26, 15, 30))
    ]


def test_application_follow_up_needs_some_start_date():
    app = make_app(status=Status.APPLIED)  # no applied_on, history or created_at
    assert items_for(app) == []


@pytest.mark.parametrize(
    ("follow_up_sent", "expected", "due"),
    [
        pytest.param(berlin(11, 17, 10), DUE, berlin(11, 26, 10), id="7-business-days-ago"),
        pytest.param(berlin(11, 17, 10, 0, 1), UPCOMING, berlin(11, 26, 10, 0, 1), id="+1s"),
    ],
)
def test_application_follow_up_again_after_a_sent_one(follow_up_sent, expected, due):
    app = make_app(status=Status.APPLIED, applied_on=date(2026, 11, 2))
    log = [sent(SentKind.APPLICATION_FOLLOW_UP, follow_up_sent)]
    items = items_for(app, sent_log=log)
    assert [(i.kind, i.urgency, i.due, i.attempts) for i in items] == [
        (APP_FOLLOW_UP, expected, due, 1)
    ]


def test_follow_ups_before_applying_or_about_an_interview_do_not_count():
    app = make_app(status=Status.APPLIED, applied_on=date(2026, 11, 17))
    log = [
        sent(SentKind.OTHER, berlin(11, 16, 23, 59)),  # the day before applying
        sent(SentKind.CHECK_IN, berlin(11, 18, 9), interview_id="gone"),
    ]
    items = items_for(app, sent_log=log)
    assert [(i.kind, i.attempts, i.due) for i in items] == [(APP_FOLLOW_UP, 0, berlin(11, 26))]


def test_two_unanswered_application_follow_ups_become_mark_ghosted():
    app = make_app(status=Status.APPLIED, applied_on=date(2026, 10, 1))
    log = [
        sent(SentKind.APPLICATION_FOLLOW_UP, berlin(10, 12, 9)),
        sent(SentKind.APPLICATION_FOLLOW_UP, berlin(11, 17, 9)),
    ]
    items = items_for(app, sent_log=log)
    assert [(i.kind, i.urgency, i.attempts) for i in items] == [(GHOSTED, DUE, 2)]


# ---------------------------------------------------------------------------
# Closed applications


def _everything_owed(app_status: Status) -> tuple[Application, list[Interview]]:
    app = make_app(status=app_status, applied_on=date(2026, 10, 1))
    old_round = ending_at(berlin(11, 10, 11), interview_id="round-1")
    new_round = ending_at(NOW - 2 * HOUR, interview_id="round-2")
    return app, [old_round, new_round]


def test_an_open_application_with_the_same_data_has_follow_ups():
    app, interviews = _everything_owed(Status.INTERVIEWING)
    assert items_for(app, interviews) != []


@pytest.mark.parametrize(
    "status", [Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN, Status.GHOSTED]
)
def test_closed_applications_need_nothing(status):
    app, interviews = _everything_owed(status)
    assert items_for(app, interviews) == []
    assert all_followups([app], {app.id: interviews}, {}, NOW, RULES) == []


def test_closed_applied_application_needs_no_follow_up():
    # Even the application rule, which only looks at "applied", must not fire after closing.
    app = make_app(status=Status.WITHDRAWN, applied_on=date(2026, 11, 2))
    assert items_for(app) == []


# ---------------------------------------------------------------------------
# Snooze


def test_snooze_moves_an_overdue_item_to_the_snooze_time():
    snooze_until = berlin(11, 29, 9)  # Sunday morning
    interview = ending_at(berlin(11, 23, 10), snoozed_until=snooze_until)
    item = single(items_for(make_app(), [interview]), THANK_YOU)
    assert item is not None
    assert (item.urgency, item.due) == (UPCOMING, snooze_until)
    assert item.overdue_at > item.due


def test_snooze_beyond_the_upcoming_window_hides_the_item():
    interview = ending_at(berlin(11, 23, 10), snoozed_until=NOW + 3 * DAY + SECOND)
    assert of_kind(items_for(make_app(), [interview]), THANK_YOU) == []


def test_snoozed_item_comes_back_when_the_snooze_time_arrives():
    snooze_until = berlin(11, 29, 9)
    interview = ending_at(berlin(11, 23, 10), snoozed_until=snooze_until)
    before = single(items_for(make_app(), [interview], now=snooze_until - SECOND), THANK_YOU)
    at = single(items_for(make_app(), [interview], now=snooze_until), THANK_YOU)
    assert before is not None and before.urgency == UPCOMING
    # Once the snooze is over the item is exactly as urgent as it really is: long overdue.
    assert at is not None and at.urgency == OVERDUE


@pytest.mark.parametrize(
    "snooze_until",
    [
        pytest.param(berlin(11, 23, 10) - DAY, id="before-the-item-was-due"),
        pytest.param(berlin(11, 23, 10), id="exactly-when-it-fell-due"),
    ],
)
def test_a_snooze_in_the_past_has_no_effect(snooze_until):
    plain = ending_at(berlin(11, 23, 10))
    snoozed = ending_at(berlin(11, 23, 10), snoozed_until=snooze_until)
    expected = single(items_for(make_app(), [plain]), THANK_YOU)
    got = single(items_for(make_app(), [snoozed]), THANK_YOU)
    assert expected is not None and got is not None
    assert (got.urgency, got.due, got.overdue_at) == (
        expected.urgency,
        expected.due,
        expected.overdue_at,
    )
    assert got.urgency == OVERDUE


def test_snoozing_an_interview_moves_its_check_in():
    interview = ending_at(berlin(11, 17, 10), thanked=True, snoozed_until=NOW + DAY)
    item = single(items_for(make_app(), [interview]), CHECK_IN)
    assert item is not None
    assert (item.urgency, item.due) == (UPCOMING, NOW + DAY)


def test_snoozing_an_application_moves_its_follow_up():
    app = make_app(status=Status.APPLIED, applied_on=date(2026, 11, 13), snoozed_until=NOW + HOUR)
    items = items_for(app)
    assert [(i.kind, i.urgency, i.due) for i in items] == [(APP_FOLLOW_UP, UPCOMING, NOW + HOUR)]


def test_snoozing_an_application_moves_its_check_in():
    app = make_app(snoozed_until=NOW + DAY)
    interview = ending_at(berlin(11, 17, 10), thanked=True)
    item = single(items_for(app, [interview]), CHECK_IN)
    assert item is not None
    assert (item.urgency, item.due) == (UPCOMING, NOW + DAY)


# ---------------------------------------------------------------------------
# Ordering across applications


def test_all_followups_most_urgent_first_thank_yous_first_then_earliest_due():
    apps = {
        # overdue thank-you, due Tue 24 10:00
        "thank-you-overdue": (make_app("thank-you-overdue"), [ending_at(berlin(11, 24, 10))]),
        # overdue check-in, due Mon 23 10:00 (earlier than the thank-you)
        "check-in-overdue": (
            make_app("check-in-overdue"),
            [ending_at(berlin(11, 16, 10), thanked=True)],
        ),
        # due check-in, due Wed 25 11:00
        "check-in-due": (make_app("check-in-due"), [ending_at(berlin(11, 18, 11), thanked=True)]),
        # due application follow-up, due Thu 26 00:00
        "applied-due": (make_app("applied-due", Status.APPLIED, applied_on=date(2026, 11, 17)), []),
        # upcoming thank-you after tomorrow's interview (ends Fri 27 11:00)
        "interview-tomorrow": (make_app("interview-tomorrow"), [ending_at(berlin(11, 27, 11))]),
        # upcoming application follow-up, due Fri 27 00:00 (before the thank-you above)
        "applied-upcoming": (
            make_app("applied-upcoming", Status.APPLIED, applied_on=date(2026, 11, 18)),
            [],
        ),
    }
    interviews_by_app = {}
    for app_id, (_, interviews) in apps.items():
        for interview in interviews:
            interview.application_id = app_id
        interviews_by_app[app_id] = interviews
    scrambled = [apps[k][0] for k in sorted(apps)]
    items = all_followups(scrambled, interviews_by_app, {}, NOW, RULES)
    assert [(i.application_id, i.kind, i.urgency) for i in items] == [
        # A thank-you's window is a day: it goes before an older overdue check-in.
        ("thank-you-overdue", THANK_YOU, OVERDUE),
        ("check-in-overdue", CHECK_IN, OVERDUE),
        ("check-in-due", CHECK_IN, DUE),
        ("applied-due", APP_FOLLOW_UP, DUE),
        ("applied-upcoming", APP_FOLLOW_UP, UPCOMING),
        ("interview-tomorrow", THANK_YOU, UPCOMING),
    ]


# Slow thank-you, quick check-in: the check-in ends up more urgent than the thank-you,
# although followups_for collects thank-yous first.
SLOW_THANKS_QUICK_CHECK_IN = FollowUpRules(
    thank_you_overdue_hours=30 * 24, check_in_business_days=1, overdue_grace_business_days=0
)


def test_followups_for_one_application_are_most_urgent_first():
    interview = ending_at(berlin(11, 24, 10))
    items = items_for(make_app(), [interview], rules=SLOW_THANKS_QUICK_CHECK_IN)
    assert [(i.kind, i.urgency) for i in items] == [(CHECK_IN, OVERDUE), (THANK_YOU, DUE)]


def test_superseded_round_leaves_only_the_latest_thank_you():
    round_1 = ending_at(berlin(11, 24, 9), interview_id="round-1")
    round_2 = ending_at(berlin(11, 24, 16), interview_id="round-2")
    items = items_for(make_app(), [round_2, round_1])
    assert [(i.kind, i.interview_id, i.urgency) for i in items] == [(THANK_YOU, "round-2", OVERDUE)]


def test_all_followups_reads_interviews_and_sent_log_per_application():
    a = make_app("a", Status.APPLIED, applied_on=date(2026, 11, 2))
    b = make_app("b", Status.APPLIED, applied_on=date(2026, 11, 2))
    log = {"a": [sent(SentKind.APPLICATION_FOLLOW_UP, berlin(11, 25, 9), app_id="a")]}
    items = all_followups([a, b], {}, log, NOW, RULES)
    assert [(i.application_id, i.attempts) for i in items] == [("b", 0)]


# ---------------------------------------------------------------------------
# Custom rules


CUSTOM_RULE_CASES = [
    pytest.param(
        {"thank_you_overdue_hours": 48},
        lambda: (make_app(), [ending_at(NOW - 30 * HOUR)], []),
        (THANK_YOU, OVERDUE),
        (THANK_YOU, DUE),
        id="thank_you_overdue_hours",
    ),
    pytest.param(
        {"check_in_business_days": 3},
        lambda: (make_app(), [ending_at(berlin(11, 23, 10), thanked=True)], []),
        None,
        (CHECK_IN, DUE),
        id="check_in_business_days",
    ),
    pytest.param(
        {"after_decision_business_days": 3},
        lambda: (
            make_app(),
            [ending_at(berlin(11, 18, 11), thanked=True, decide_by=date(2026, 11, 23))],
            [],
        ),
        (CHECK_IN, OVERDUE),  # default: Tue 24 00:00, overdue Thu 26 00:00
        (CHECK_IN, DUE),  # three business days: Thu 26 00:00
        id="after_decision_business_days",
    ),
    pytest.param(
        {"application_business_days": 3},
        lambda: (make_app(status=Status.APPLIED, applied_on=date(2026, 11, 23)), [], []),
        None,
        (APP_FOLLOW_UP, DUE),
        id="application_business_days",
    ),
    pytest.param(
        {"max_unanswered": 1},
        lambda: (
            make_app(),
            [ending_at(berlin(11, 10, 11), thanked=True)],
            [sent(SentKind.CHECK_IN, berlin(11, 18, 9), interview_id="iv-1")],
        ),
        (CHECK_IN, DUE),
        (GHOSTED, DUE),
        id="max_unanswered",
    ),
    pytest.param(
        {"overdue_grace_business_days": 0},
        lambda: (make_app(), [ending_at(berlin(11, 18, 11), thanked=True)], []),
        (CHECK_IN, DUE),
        (CHECK_IN, OVERDUE),
        id="overdue_grace_business_days",
    ),
    pytest.param(
        {"upcoming_days": 1},
        lambda: (make_app(), [ending_at(NOW + 2 * DAY)], []),
        (THANK_YOU, UPCOMING),
        None,
        id="upcoming_days",
    ),
    pytest.param(
        {"upcoming_days": 7},
        lambda: (make_app(), [ending_at(NOW + 6 * DAY)], []),
        None,
        (THANK_YOU, UPCOMING),
        id="upcoming_days-wider",
    ),
]


@pytest.mark.parametrize(("custom", "scenario", "by_default", "with_custom"), CUSTOM_RULE_CASES)
def test_custom_rules_change_the_thresholds(custom, scenario, by_default, with_custom):
    app, interviews, log = scenario()

    def summary(rules):
        items = items_for(app, interviews, log, rules=rules)
        assert len(items) <= 1, items
        return (items[0].kind, items[0].urgency) if items else None

    assert summary(RULES) == by_default
    assert summary(FollowUpRules(**custom)) == with_custom


# ---------------------------------------------------------------------------
# describe()


DESCRIBE_CASES = [
    pytest.param(
        lambda: (make_app(), [ending_at(berlin(11, 24, 10))], []),
        "Thank-you overdue by 1d",
        id="thank-you-overdue",
    ),
    pytest.param(
        lambda: (make_app(), [ending_at(NOW - HOUR)], []),
        "Thank-you due, 23h left",
        id="thank-you-due",
    ),
    pytest.param(
        lambda: (make_app(), [ending_at(berlin(11, 27, 11))], []),
        "Thank-you after tomorrow 11:00",
        id="thank-you-upcoming",
    ),
    pytest.param(
        lambda: (make_app(), [ending_at(berlin(11, 18, 11), thanked=True)], []),
        "Check in: 6 business days quiet",
        id="check-in-due",
    ),
    pytest.param(
        lambda: (make_app(), [ending_at(berlin(11, 16, 10), thanked=True)], []),
        "Check in: 8 business days quiet",
        id="check-in-overdue",
    ),
    pytest.param(
        lambda: (
            make_app(),
            [ending_at(berlin(11, 18, 11), thanked=True, decide_by=date(2026, 11, 24))],
            [],
        ),
        "Check in: decision was due Tue 24 Nov",
        id="check-in-after-decision-date",
    ),
    pytest.param(
        lambda: (
            make_app(),
            [ending_at(berlin(11, 18, 11), thanked=True, decide_by=date(2025, 12, 24))],
            [],
        ),
        "Check in: decision was due Wed 24 Dec 2025",
        id="check-in-after-a-decision-date-last-year",
    ),
    pytest.param(
        lambda: (make_app(), [ending_at(berlin(11, 20, 16), thanked=True)], []),
        "Check in tomorrow 16:00",
        id="check-in-upcoming",
    ),
    pytest.param(
        lambda: (make_app(status=Status.APPLIED, applied_on=date(2026, 11, 17)), [], []),
        "Follow up: 7 business days quiet",
        id="application-due",
    ),
    pytest.param(
        lambda: (make_app(status=Status.APPLIED, applied_on=date(2026, 11, 18)), [], []),
        "Follow up tomorrow",
        id="application-upcoming-at-midnight",
    ),
    pytest.param(
        lambda: (
            make_app(status=Status.APPLIED, applied_on=date(2026, 11, 2)),
            [],
            [sent(SentKind.APPLICATION_FOLLOW_UP, berlin(11, 16, 9))],
        ),
        "Follow up again: 8 business days quiet",
        id="application-again",
    ),
    pytest.param(
        lambda: (
            make_app(),
            [ending_at(berlin(11, 18, 11), thanked=True, snoozed_until=berlin(11, 29, 9))],
            [],
        ),
        "Check in Sun 09:00",
        id="snoozed-to-a-weekday-label",
    ),
    pytest.param(
        lambda: (
            make_app(),
            [ending_at(berlin(10, 1, 11), thanked=True)],
            [
                sent(SentKind.CHECK_IN, berlin(10, 20, 9), interview_id="iv-1"),
                sent(SentKind.CHECK_IN, berlin(11, 3, 9), interview_id="iv-1"),
            ],
        ),
        "2 follow-ups unanswered: mark ghosted?",
        id="ghosted",
    ),
]


@pytest.mark.parametrize(("scenario", "text"), DESCRIBE_CASES)
def test_describe(scenario, text):
    app, interviews, log = scenario()
    items = items_for(app, interviews, log)
    assert len(items) == 1, items
    assert items[0].describe(NOW) == text


# ---------------------------------------------------------------------------
# to_json()


def test_to_json_has_the_documented_keys_and_values():
    app = make_app("app-9")
    interview = ending_at(berlin(11, 24, 10), app_id="app-9", interview_id="iv-9")
    (item,) = items_for(app, [interview])
    data = item.to_json(NOW)
    assert {
        "kind",
        "application_id",
        "interview_id",
        "company",
        "role",
        "due",
        "urgency",
    } <= data.keys()
    assert data["kind"] == "thank_you"
    assert data["application_id"] == "app-9"
    assert data["interview_id"] == "iv-9"
    assert (data["company"], data["role"]) == ("Acme", "Engineer")
    assert data["due"] == "2026-11-24T10:00:00+01:00"
    assert datetime.fromisoformat(data["due"]) == item.due
    assert data["urgency"] == "overdue"
    json.dumps(data)  # plain JSON types only


def test_to_json_application_follow_up_has_no_interview():
    app = make_app(status=Status.APPLIED, applied_on=date(2026, 11, 17))
    (item,) = items_for(app)
    data = item.to_json(NOW)
    assert data["interview_id"] is None
    assert data["kind"] == "application_follow_up"
    assert data["urgency"] == "due"
    assert dates.from_iso(data["due"]) == berlin(11, 26)


# ---------------------------------------------------------------------------
# next_action()


def test_next_action_prefers_a_pressing_follow_up():
    app = make_app()
    done = ending_at(berlin(11, 24, 10), interview_id="round-1")
    # A later round tomorrow has not started, so round 1's thank-you is still owed.
    tomorrow = make_interview(berlin(11, 27, 10), interview_id="round-2")
    interviews = [done, tomorrow]
    items = items_for(app, interviews)
    assert next_action(app, interviews, items, NOW) == "Thank-you overdue by 1d"


def test_next_action_names_the_next_interview_when_nothing_is_pressing():
    app = make_app()
    interviews = [
        make_interview(berlin(12, 2, 9), interview_id="later"),
        make_interview(berlin(11, 27, 14, 30), interview_id="tomorrow"),
    ]
    items = items_for(app, interviews)
    assert items and all(i.urgency == UPCOMING for i in items)
    assert next_action(app, interviews, items, NOW) == "Interview tomorrow 14:30"


def test_next_action_falls_back_to_an_upcoming_follow_up():
    app = make_app(status=Status.APPLIED, applied_on=date(2026, 11, 18))
    items = items_for(app)
    assert next_action(app, [], items, NOW) == "Follow up tomorrow"


def test_next_action_is_empty_when_nothing_is_owed():
    app = make_app(status=Status.APPLIED, applied_on=date(2026, 11, 25))
    assert next_action(app, [], items_for(app), NOW) == ""


def test_next_action_ignores_interviews_of_a_closed_application():
    app = make_app(status=Status.WITHDRAWN)
    interviews = [make_interview(NOW + DAY)]
    assert next_action(app, interviews, items_for(app, interviews), NOW) == ""


# ---------------------------------------------------------------------------
# owed_kind()


def test_owed_kind_for_an_owed_thank_you():
    app = make_app()
    interview = ending_at(NOW - HOUR)
    items = items_for(app, [interview])
    assert owed_kind(app, None, items) == (SentKind.THANK_YOU, interview)
    assert owed_kind(app, interview, items) == (SentKind.THANK_YOU, interview)


def test_owed_kind_for_an_owed_check_in():
    app = make_app()
    interview = ending_at(berlin(11, 18, 11), thanked=True)
    items = items_for(app, [interview])
    assert owed_kind(app, None, items) == (SentKind.CHECK_IN, interview)


def test_owed_kind_for_a_ghosted_check_in_is_still_a_check_in():
    app = make_app()
    interview = ending_at(berlin(10, 1, 11), thanked=True)
    log = [
        sent(SentKind.CHECK_IN, berlin(10, 20, 9), interview_id="iv-1"),
        sent(SentKind.CHECK_IN, berlin(11, 3, 9), interview_id="iv-1"),
    ]
    items = items_for(app, [interview], log)
    assert [i.kind for i in items] == [GHOSTED]
    assert owed_kind(app, None, items) == (SentKind.CHECK_IN, interview)


@pytest.mark.parametrize("sent_before", [0, 2], ids=["follow-up", "ghosted"])
def test_owed_kind_for_an_application_follow_up(sent_before):
    app = make_app(status=Status.APPLIED, applied_on=date(2026, 10, 1))
    log = [sent(SentKind.APPLICATION_FOLLOW_UP, berlin(10, 12 + n, 9)) for n in range(sent_before)]
    items = items_for(app, sent_log=log)
    assert items
    assert owed_kind(app, None, items) == (SentKind.APPLICATION_FOLLOW_UP, None)


def test_owed_kind_for_picks_the_most_urgent_item():
    app = make_app()
    interview = ending_at(berlin(11, 24, 10))
    items = items_for(app, [interview], rules=SLOW_THANKS_QUICK_CHECK_IN)
    assert [i.kind for i in items] == [CHECK_IN, THANK_YOU]
    assert owed_kind(app, None, items) == (SentKind.CHECK_IN, interview)
    assert owed_kind(app, None, items[::-1]) == (SentKind.CHECK_IN, interview)


@pytest.mark.parametrize(
    "interview",
    [
        pytest.param(make_interview(NOW + 10 * DAY), id="still-to-come"),
        pytest.param(
            ending_at(berlin(10, 1, 11), thanked=True, outcome="offer call"),
            id="thanked-with-news",
        ),
    ],
)
def test_owed_kind_for_an_interview_with_nothing_owed_is_none(interview):
    app = make_app()
    assert items_for(app, [interview]) == []
    assert owed_kind(app, interview, []) is None


def test_owed_kind_for_an_application_with_nothing_owed_is_none():
    assert owed_kind(make_app(), None, []) is None


def test_owed_kind_for_a_wishlist_is_none():
    app = make_app(status=Status.WISHLIST, applied_on=None)
    assert items_for(app) == []
    assert owed_kind(app, None, items_for(app)) is None


def test_owed_kind_for_an_interview_ignores_other_interviews_items():
    app = make_app()
    owed = ending_at(NOW - HOUR, interview_id="owed")
    other = make_interview(
        berlin(11, 2, 10), interview_id="other", thank_you_sent_at=berlin(11, 2, 12)
    )
    items = items_for(app, [owed])
    assert owed_kind(app, other, items) is None  # the owed thank-you is another's


# ---------------------------------------------------------------------------
# Records read back from storage


def test_storage_round_trip_does_not_move_a_check_in_across_dst():
    # Thu 25 Mar 2027 (CET) -> five business days later is Thu 1 Apr (CEST).
    interview = make_interview(datetime(2027, 3, 25, 10, tzinfo=BERLIN), thanked=True)
    loaded = Interview.from_dict(interview.to_dict())
    now = datetime(2027, 4, 1, 11, 30, tzinfo=BERLIN)
    fresh = single(items_for(make_app(), [interview], now=now), CHECK_IN)
    stored = single(items_for(make_app(), [loaded], now=now), CHECK_IN)
    assert fresh is not None and stored is not None
    assert fresh.due == datetime(2027, 4, 1, 11, tzinfo=BERLIN)
    assert (stored.due, stored.urgency) == (fresh.due, fresh.urgency)


# ---------------------------------------------------------------------------
# The kind registry


def test_every_kind_says_how_it_is_named_answered_and_logged():
    assert set(FOLLOW_UP_KINDS) == set(FollowUpKind)
    for kind in FollowUpKind:
        info = kind.info
        assert info is FOLLOW_UP_KINDS[kind]
        assert all([info.label, info.upcoming, info.badge, info.summary, info.template])
    # Ghosted is answered with one last check-in, and logged as one.
    assert FollowUpKind.GHOSTED.info.template == FollowUpKind.CHECK_IN.info.template
    assert FollowUpKind.GHOSTED.info.sent_kind == SentKind.CHECK_IN
    assert FollowUpKind.THANK_YOU.info.sent_kind == SentKind.THANK_YOU
