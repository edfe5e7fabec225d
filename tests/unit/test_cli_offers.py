"""`jobtui offers [--json]`: the open offers side by side, end to end through the CLI."""

from __future__ import annotations

import json

import pytest
from hostile import HOSTILE, HOSTILE_IDS, looks_like

from jobtui.core.textsafe import has_controls


def _ok(result) -> str:
    code, out, err = result
    assert code == 0, err
    return out


def _offer(jobtui, company: str, role: str, *fields: str) -> str:
    app_id = _ok(jobtui("add", company, role)).strip()
    _ok(jobtui("status", app_id, "offer"))
    if fields:
        _ok(jobtui("set", app_id, *fields))
    return app_id


@pytest.fixture
def two_offers(jobtui) -> tuple[str, str]:
    tide = _offer(
        jobtui,
        "Tidewater",
        "Payments",
        "offer_base=92k",
        "offer_bonus=9200",
        "offer_currency=EUR",
        "answer_by=mon 5pm",
        "offer_notes=30 days of holiday, three office days a week in Amsterdam",
    )
    bright = _offer(
        jobtui,
        "Brightwell",
        "Grid Data",
        "offer_base=86,000",
        "offer_sign_on=6k",
        "offer_equity=40k",
        "vesting=4",
        "offer_currency=EUR",
    )
    return tide, bright


def test_the_table_shows_each_part_the_totals_and_marks_the_highest(jobtui, two_offers):
    out = _ok(jobtui("offers"))
    lines = out.splitlines()
    assert lines[0].split("  ")[0] == "In EUR:"
    # Offers in company order, one column each.
    assert lines[0].index("Brightwell — Grid Data") < lines[0].index("Tidewater — Payments")
    rows = {line.split("  ")[0]: line for line in lines if line and not line.startswith(" ")}
    assert rows["Base"].split() == ["Base", "86,000", "92,000", "*"]
    assert rows["Bonus"].split() == ["Bonus", "missing", "9,200", "*"]
    assert rows["Sign-on"].split() == ["Sign-on", "6,000", "*", "missing"]
    assert "40,000 / 4 = 10,000 *" in rows["Equity (total / years)"]
    assert rows["First year"].split() == ["First", "year", "102,000", "*", "101,200"]
    assert rows["Yearly after"].split() == ["Yearly", "after", "96,000", "101,200", "*"]
    assert "Mon 30 Nov 17:00, in 4d" in rows["Answer by"]
    assert "no date" in rows["Answer by"]
    assert "30 days of holiday" in rows["Notes"]
    assert "Amsterdam" in out  # the notes wrap onto the next lines
    assert "* the highest in its row" in out
    assert "not compared" not in out


def test_json_lists_every_offer_with_its_totals_and_best_rows(jobtui, two_offers):
    tide, bright = two_offers
    offers = json.loads(_ok(jobtui("offers", "--json")))
    assert [o["id"] for o in offers] == [bright, tide]
    b, t = offers
    assert b == {
        "id": bright,
        "company": "Brightwell",
        "role": "Grid Data",
        "currency": "EUR",
        "base": 86_000,
        "bonus": None,
        "sign_on": 6_000,
        "equity": 40_000,
        "vesting_years": 4,
        "first_year_total": 102_000,
        "yearly_total": 96_000,
        "deadline": None,
        "deadline_urgency": None,
        "notes": "",
        "best": ["sign_on", "equity", "first_year_total"],
    }
    assert (t["first_year_total"], t["yearly_total"]) == (101_200, 101_200)
    assert t["deadline"] == "2026-11-30T17:00:00+01:00"
    assert t["best"] == ["base", "bonus", "yearly_total"]


def test_offers_in_other_currencies_are_apart_and_said_so(jobtui, two_offers):
    _offer(jobtui, "Zeta", "Dev", "offer_base=150k", "offer_currency=USD")
    _offer(jobtui, "Bare", "Dev", "offer_base=70k")
    out = _ok(jobtui("offers"))
    heads = [
        line.split("  ")[0] for line in out.splitlines() if line.endswith(":") or ":  " in line
    ]
    assert [h for h in heads if h.endswith(":")] == ["In EUR:", "In USD:", "No currency:"]
    assert out.rstrip().endswith(
        "Offers in EUR, USD and without a currency are not compared with each other."
    )
    usd = out[out.index("In USD:") : out.index("No currency:")]
    assert "*" not in usd  # alone in its currency: nothing to compare with
    offers = json.loads(_ok(jobtui("offers", "--json")))
    assert [o["currency"] for o in offers] == ["EUR", "EUR", "USD", None]


def test_only_applications_in_offer_status_are_listed(jobtui, two_offers):
    tide, _ = two_offers
    _ok(jobtui("status", tide, "accepted"))
    _ok(jobtui("add", "Initech", "Dev"))
    offers = json.loads(_ok(jobtui("offers", "--json")))
    assert [o["company"] for o in offers] == ["Brightwell"]
    out = _ok(jobtui("offers"))
    assert "Tidewater" not in out and "Initech" not in out
    assert "*" not in out  # one offer: nothing marked, no legend


def test_no_offers_says_how_to_add_one(jobtui):
    code, out, _ = jobtui("offers")
    assert code == 0
    assert "No open offers" in out
    assert "jobtui status ID offer" in out and "jobtui set ID offer_base=" in out
    # Every offer field by its full name (as `set` and the form list them), no aliases.
    assert "offer_vesting_years, offer_currency, offer_deadline, offer_notes)" in out
    assert json.loads(_ok(jobtui("offers", "--json"))) == []
    _ok(jobtui("add", "Acme", "Dev"))
    out = _ok(jobtui("offers"))
    assert out.startswith("No open offers.")
    assert json.loads(_ok(jobtui("offers", "--json"))) == []


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=HOSTILE_IDS)
def test_hostile_names_and_notes_are_shown_as_typed_and_never_reach_the_terminal(jobtui, text):
    app_id = _offer(jobtui, "Acme", "Dev", "offer_base=1k", "offer_currency=EUR")
    _ok(jobtui("set", app_id, f"company={text}", f"offer_notes={text}"))
    _ok(jobtui("set", app_id, f"offer_currency={text[:40]}"))
    out = _ok(jobtui("offers"))
    assert not has_controls(out.replace("\n", ""))
    assert looks_like(text) in out
    [offer] = json.loads(_ok(jobtui("offers", "--json")))
    assert offer["company"] == text and offer["notes"] == text


def test_the_answer_by_date_says_how_pressing_it_is(jobtui):
    app_id = _offer(jobtui, "Acme", "Dev", "offer_base=1k", "answer_by=today 5pm")
    assert "Thu 26 Nov 17:00, in 7h (due today)" in _ok(jobtui("offers"))
    [offer] = json.loads(_ok(jobtui("offers", "--json")))
    assert offer["deadline_urgency"] == "due"
    # Passed while the offer is still open (the deadlines' rule): overdue until answered.
    _ok(jobtui("set", app_id, "answer_by=yesterday 5pm"))
    assert "Wed 25 Nov 17:00, 17h ago (overdue)\n" in _ok(jobtui("offers"))


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        # A date alone is due all that day: shown as the day, the distance to its end.
        ("tomorrow", "Fri 27 Nov, in 1d (upcoming)"),
        ("today", "Thu 26 Nov, in 14h (due today)"),
        ("2026-12-10", "Thu 10 Dec, in 2w"),
        ("2027-01-05", "Tue 5 Jan 2027, in 5w"),
    ],
)
def test_an_answer_by_date_alone_is_its_day_never_midnight(jobtui, typed, shown):
    _offer(jobtui, "Acme", "Dev", "offer_base=1k", f"answer_by={typed}")
    out = _ok(jobtui("offers"))
    assert f"Answer by               {shown}\n" in out
    assert "00:00" not in out
