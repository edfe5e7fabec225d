"""core.offers: the comparison of the open offers, as plain functions of the applications."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from dateutil import tz

from jobtui.config import FollowUpRules
from jobtui.core.followup import Urgency
from jobtui.core.model import Application, Status
from jobtui.core.offers import (
    NO_CURRENCY,
    answer_urgency,
    cell_text,
    compare_offers,
    offer_of,
    per_year,
)

_NOW = datetime(2026, 11, 26, 10, 0, tzinfo=tz.gettz("Europe/Berlin"))  # conftest's "now"
RULES = FollowUpRules()


def _offer(company: str, role: str = "Dev", status: Status = Status.OFFER, **fields) -> Application:
    app = Application(company=company, role=role)
    app.status = status
    for name, value in fields.items():
        setattr(app, name, value)
    return app


ACME = dict(
    offer_base=92_000, offer_bonus=9_200, offer_currency="EUR", offer_notes="30 days of holiday"
)
GLOBEX = dict(offer_base=86_000, offer_sign_on=6_000, offer_equity=40_000, offer_currency="EUR")


def test_totals_add_the_parts_and_spread_the_equity_over_its_years():
    offer = offer_of(_offer("Globex", **GLOBEX), _NOW, RULES)
    assert offer.equity_per_year == 10_000
    assert offer.first_year_total == 86_000 + 6_000 + 10_000
    assert offer.yearly_total == 86_000 + 10_000  # the sign-on is paid once


def test_missing_parts_count_as_zero_but_stay_missing():
    offer = offer_of(_offer("Acme", **ACME), _NOW, RULES)
    assert (offer.sign_on, offer.equity, offer.equity_per_year) == (None, None, None)
    assert offer.first_year_total == offer.yearly_total == 101_200
    assert cell_text(offer, "sign_on", _NOW) == "missing"
    assert cell_text(offer, "equity", _NOW) == "missing"
    assert cell_text(offer, "base", _NOW) == "92,000"
    nothing = offer_of(_offer("Initech", offer_currency="EUR"), _NOW, RULES)
    assert (nothing.first_year_total, nothing.yearly_total) == (0, 0)


def test_equity_uses_the_vesting_years_and_rounds_to_whole_units():
    offer = offer_of(_offer("Globex", offer_equity=50_000, offer_vesting_years=3), _NOW, RULES)
    assert offer.equity_per_year == 16_667  # 16,666.67
    assert cell_text(offer, "equity", _NOW) == "50,000 / 3 = 16,667"
    assert per_year(10, 4) == 3  # 2.5 rounds half up
    assert per_year(9, 4) == 2  # 2.25
    assert per_year(7, 1) == 7


def test_the_highest_in_each_row_is_marked():
    comparison = compare_offers([_offer("Acme", **ACME), _offer("Globex", **GLOBEX)], _NOW)
    acme, globex = comparison.offers
    assert acme.label == "Acme — Dev"
    assert acme.best == ("base", "bonus", "yearly_total")
    assert globex.best == ("sign_on", "equity", "first_year_total")


def test_ties_mark_every_offer_and_rows_nobody_has_are_not_marked():
    same = dict(offer_base=100_000, offer_currency="USD")
    a, b = compare_offers([_offer("A", **same), _offer("B", **same)], _NOW).offers
    assert a.best == b.best == ("base", "first_year_total", "yearly_total")
    assert "bonus" not in a.best  # nobody offers a bonus: nothing to mark


def test_one_offer_alone_has_nothing_marked():
    [offer] = compare_offers([_offer("Acme", **ACME)], _NOW).offers
    assert offer.best == ()


def test_only_open_offers_are_compared():
    apps = [
        _offer("Acme", **ACME),
        _offer("Globex", status=Status.ACCEPTED, **GLOBEX),
        _offer("Initech", status=Status.INTERVIEWING, offer_base=1_000_000),
    ]
    assert [o.app.company for o in compare_offers(apps, _NOW).offers] == ["Acme"]
    assert compare_offers([], _NOW).groups == ()
    assert compare_offers([], _NOW).note == ""


def test_currencies_are_never_compared_with_each_other():
    apps = [
        _offer("Zeta", offer_base=150_000, offer_currency="USD"),
        _offer("Acme", **ACME),
        _offer("Globex", **{**GLOBEX, "offer_currency": "eur"}),  # the same currency
    ]
    comparison = compare_offers(apps, _NOW)
    assert [g.currency for g in comparison.groups] == ["EUR", "USD"]
    assert [o.app.company for o in comparison.groups[0].offers] == ["Acme", "Globex"]
    [zeta] = comparison.groups[1].offers
    assert zeta.best == ()  # the highest base of all, but alone in its currency
    assert comparison.groups[0].offers[0].best[0] == "base"
    assert comparison.note == "Offers in EUR and USD are not compared with each other."


def test_an_offer_without_a_currency_takes_the_salary_one_else_is_its_own_group():
    salaried = _offer("Acme", offer_base=90_000)
    salaried.salary_currency = "GBP"
    bare = _offer("Bare", offer_base=95_000)
    comparison = compare_offers(
        [bare, salaried, _offer("Zeta", offer_base=1, offer_currency="USD")], _NOW
    )
    assert [g.currency for g in comparison.groups] == ["GBP", "USD", NO_CURRENCY]
    assert comparison.offers[0].to_json()["currency"] == "GBP"
    assert comparison.offers[-1].to_json()["currency"] is None
    assert comparison.note == (
        "Offers in GBP, USD and without a currency are not compared with each other."
    )
    only_bare = compare_offers([bare, _offer("Other", offer_base=1)], _NOW)
    assert [g.currency for g in only_bare.groups] == [NO_CURRENCY]
    assert only_bare.note == ""


def test_offers_in_a_group_are_in_company_order():
    apps = [_offer("beta", offer_base=1), _offer("Alpha", offer_base=2), _offer("Beta", "Arch")]
    assert [o.label for o in compare_offers(apps, _NOW).offers] == [
        "Alpha — Dev",
        "Beta — Arch",
        "beta — Dev",
    ]


def test_json_has_every_part_the_totals_and_the_best_rows():
    app = _offer("Globex", **GLOBEX, offer_deadline=_NOW + timedelta(days=6), offer_notes="remote")
    other = _offer("Acme", **ACME)
    offer = next(o for o in compare_offers([app, other], _NOW).offers if o.app is app)
    assert offer.to_json() == {
        "id": app.id,
        "company": "Globex",
        "role": "Dev",
        "currency": "EUR",
        "base": 86_000,
        "bonus": None,
        "sign_on": 6_000,
        "equity": 40_000,
        "vesting_years": 4,
        "first_year_total": 102_000,
        "yearly_total": 96_000,
        "deadline": "2026-12-02T10:00:00+01:00",
        "deadline_urgency": None,
        "notes": "remote",
        "best": ["sign_on", "equity", "first_year_total"],
    }


@pytest.mark.parametrize(
    ("delta", "urgency", "text"),
    [
        (timedelta(days=6), None, "Wed 2 Dec 10:00, in 6d"),
        # Upcoming from three days before its day begins (the deadlines' follow-up rule).
        # A date alone (midnight) is its day, overdue at its end: four days and 14 hours off.
        (timedelta(days=3, hours=14), None, "Mon 30 Nov, in 4d"),
        (timedelta(days=3, hours=13), Urgency.UPCOMING, "Sun 29 Nov 23:00, in 3d (upcoming)"),
        (timedelta(days=1), Urgency.UPCOMING, "Fri 27 Nov 10:00, in 1d (upcoming)"),
        (timedelta(hours=7), Urgency.DUE, "Thu 26 Nov 17:00, in 7h (due today)"),
        (timedelta(0), Urgency.OVERDUE, "Thu 26 Nov 10:00, now (overdue)"),
        (-timedelta(minutes=1), Urgency.OVERDUE, "Thu 26 Nov 09:59, 1m ago (overdue)"),
        (-timedelta(days=2), Urgency.OVERDUE, "Tue 24 Nov 10:00, 2d ago (overdue)"),
    ],
)
def test_the_answer_by_date_and_its_urgency(delta, urgency, text):
    app = _offer("Acme", offer_base=1, offer_deadline=_NOW + delta)
    assert answer_urgency(app, _NOW, RULES) == urgency
    [offer] = compare_offers([app], _NOW).offers
    assert offer.urgency == urgency
    assert offer.to_json()["deadline_urgency"] == (urgency.value if urgency else None)
    assert cell_text(offer, "deadline", _NOW) == text


def test_the_answer_by_date_follows_the_users_upcoming_days():
    app = _offer("Acme", offer_base=1, offer_deadline=_NOW + timedelta(days=6))
    assert answer_urgency(app, _NOW, FollowUpRules(upcoming_days=7)) == Urgency.UPCOMING
    [offer] = compare_offers([app], _NOW, FollowUpRules(upcoming_days=7)).offers
    assert cell_text(offer, "deadline", _NOW) == "Wed 2 Dec 10:00, in 6d (upcoming)"


def test_no_answer_by_date():
    app = _offer("Acme", offer_base=1)
    assert answer_urgency(app, _NOW, RULES) is None
    [offer] = compare_offers([app], _NOW).offers
    assert cell_text(offer, "deadline", _NOW) == "no date"


def test_the_demo_has_two_offers_to_compare_in_one_currency(db_path):
    from jobtui.db.store import Store
    from jobtui.io.demo import populate_demo

    with Store(db_path, clock=lambda: _NOW) as store:
        populate_demo(store, _NOW)
        comparison = compare_offers(store.applications(), _NOW)
    [group] = comparison.groups
    assert group.currency == "EUR" and comparison.note == ""
    brightwell, tidewater = group.offers
    assert (brightwell.app.company, tidewater.app.company) == (
        "Brightwell Energy",
        "Tidewater Bank",
    )
    # The sign-on and the options win the first year; Tidewater pays more every year after.
    assert brightwell.first_year_total > tidewater.first_year_total
    assert tidewater.yearly_total > brightwell.yearly_total
    assert "first_year_total" in brightwell.best and "yearly_total" in tidewater.best
    assert brightwell.deadline is None
    assert tidewater.deadline is not None and tidewater.deadline > _NOW
    assert tidewater.urgency is None  # a few days off: nothing pressing yet
    assert brightwell.notes and tidewater.notes
    # The offer agrees with what the application's notes say about it.
    assert "Wed 2 Dec 2026" in tidewater.app.notes
    assert cell_text(tidewater, "deadline", _NOW) == "Wed 2 Dec 17:00, in 6d"
    assert "Base €92,000 + 10% bonus" in tidewater.app.notes
    assert (tidewater.base, tidewater.bonus) == (92_000, 9_200)
