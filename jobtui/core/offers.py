"""The open offers side by side: each part, the first-year and yearly totals, the highest
in each row. Pure: a function of the applications, "now" and the follow-up rules, no I/O,
no UI.

Amounts are whole units of the offer's currency. Offers in different currencies are never
compared or added up against each other: they fall into one group per currency (an offer
without its own currency takes the application's salary currency, else it is in the group
"no currency"). A part that is missing counts as 0 in the totals but is shown as missing.
How pressing the answer-by date is follows the follow-up rules for deadlines
(:func:`jobtui.core.followup.deadline_items`), so the list, the timeline and this agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from jobtui.config import FollowUpRules
from jobtui.core import dates
from jobtui.core.followup import Urgency, deadline_items, deadline_overdue_at
from jobtui.core.model import Application, Status
from jobtui.core.words import natural_join

NO_CURRENCY = "no currency"
"""The name of the group of offers that say no currency at all."""

MISSING = "missing"
"""What a part that was not given shows."""

NO_DATE = "no date"
"""What the answer-by row shows for an offer without one."""

OFFER_DEADLINE = "offer_deadline"
"""The application field that holds when they need an answer."""


@dataclass(frozen=True)
class Offer:
    """One open offer, its parts as given (None: missing) and its totals (missing parts as 0).

    ``best`` names the rows (:data:`COMPARED` keys) where it is the highest of its group.
    """

    app: Application
    currency: str
    base: int | None
    bonus: int | None
    sign_on: int | None
    equity: int | None
    vesting_years: int
    equity_per_year: int | None
    first_year_total: int
    yearly_total: int
    deadline: datetime | None
    urgency: Urgency | None
    """How pressing the answer-by date is (None: no date, or not yet close)."""
    notes: str
    best: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.app.id

    @property
    def label(self) -> str:
        """ "Company — Role", as every list names an application."""
        return self.app.label

    def is_best(self, row: str) -> bool:
        return row in self.best

    def to_json(self) -> dict[str, object]:
        """The object `jobtui offers --json` prints."""
        return {
            "id": self.app.id,
            "company": self.app.company,
            "role": self.app.role,
            "currency": self.currency if self.currency != NO_CURRENCY else None,
            "base": self.base,
            "bonus": self.bonus,
            "sign_on": self.sign_on,
            "equity": self.equity,
            "vesting_years": self.vesting_years,
            "first_year_total": self.first_year_total,
            "yearly_total": self.yearly_total,
            "deadline": dates.to_iso(self.deadline),
            "deadline_urgency": self.urgency.value if self.urgency is not None else None,
            "notes": self.notes,
            "best": list(self.best),
        }


@dataclass(frozen=True)
class OfferGroup:
    """The offers in one currency (or with none), compared with each other only."""

    currency: str
    offers: tuple[Offer, ...]


@dataclass(frozen=True)
class Comparison:
    """Every open offer, grouped by currency (alphabetically; "no currency" last)."""

    groups: tuple[OfferGroup, ...] = field(default=())

    @property
    def offers(self) -> list[Offer]:
        return [offer for group in self.groups for offer in group.offers]

    @property
    def note(self) -> str:
        """What is not compared, one sentence ("" when there is one group or none)."""
        if len(self.groups) < 2:
            return ""
        names = [g.currency for g in self.groups if g.currency != NO_CURRENCY]
        if any(g.currency == NO_CURRENCY for g in self.groups):
            names.append("without a currency" if names else NO_CURRENCY)
        return f"Offers in {natural_join(names)} are not compared with each other."


# The rows compared, by their key (the JSON field) and the number each offer has there.
COMPARED: dict[str, Callable[[Offer], int]] = {
    "base": lambda o: o.base or 0,
    "bonus": lambda o: o.bonus or 0,
    "sign_on": lambda o: o.sign_on or 0,
    "equity": lambda o: o.equity_per_year or 0,
    "first_year_total": lambda o: o.first_year_total,
    "yearly_total": lambda o: o.yearly_total,
}


def per_year(total: int, years: int) -> int:
    """``total`` spread over ``years``, rounded half up to a whole unit."""
    return (2 * total + years) // (2 * years)


def offer_currency(app: Application) -> str:
    """The currency an offer is compared in: its own, else the salary's, else "no currency";
    upper case, so "eur" and "EUR" are one group."""
    currency = (app.offer_currency or app.salary_currency).strip().upper()
    return currency or NO_CURRENCY


def offer_of(app: Application, now: datetime, rules: FollowUpRules) -> Offer:
    """The offer an application carries, with its totals (not yet compared)."""
    years = app.offer_vesting_years or 4
    equity_per_year = None if app.offer_equity is None else per_year(app.offer_equity, years)
    yearly = (app.offer_base or 0) + (app.offer_bonus or 0) + (equity_per_year or 0)
    return Offer(
        app=app,
        currency=offer_currency(app),
        base=app.offer_base,
        bonus=app.offer_bonus,
        sign_on=app.offer_sign_on,
        equity=app.offer_equity,
        vesting_years=years,
        equity_per_year=equity_per_year,
        first_year_total=yearly + (app.offer_sign_on or 0),
        yearly_total=yearly,
        deadline=app.offer_deadline,
        urgency=answer_urgency(app, now, rules),
        notes=app.offer_notes,
    )


def _with_best(offers: list[Offer]) -> tuple[Offer, ...]:
    """Each offer with the rows where it is highest (ties: all of them). Nothing is marked
    with only one offer to compare, nor in a row where no offer has anything."""
    if len(offers) < 2:
        return tuple(offers)
    best: dict[str, list[str]] = {o.id: [] for o in offers}
    for row, value in COMPARED.items():
        top = max(value(o) for o in offers)
        if top <= 0:
            continue
        for offer in offers:
            if value(offer) == top:
                best[offer.id].append(row)
    return tuple(replace(o, best=tuple(best[o.id])) for o in offers)


def _group_order(currency: str) -> tuple[bool, str]:
    return (currency == NO_CURRENCY, currency)


def compare_offers(
    apps: Iterable[Application], now: datetime, rules: FollowUpRules | None = None
) -> Comparison:
    """Every open offer among ``apps`` (status "offer"), grouped by currency, each group in
    order of company and role, the highest in each row marked within its group; answer-by
    dates judged at ``now`` by ``rules`` (the defaults if None)."""
    rules = rules or FollowUpRules()
    by_currency: dict[str, list[Offer]] = {}
    for app in apps:
        if app.status == Status.OFFER:
            offer = offer_of(app, now, rules)
            by_currency.setdefault(offer.currency, []).append(offer)
    groups = []
    for currency in sorted(by_currency, key=_group_order):
        offers = sorted(
            by_currency[currency],
            key=lambda o: (o.app.company.lower(), o.app.role.lower(), o.id),
        )
        groups.append(OfferGroup(currency, _with_best(offers)))
    return Comparison(tuple(groups))


def answer_urgency(app: Application, now: datetime, rules: FollowUpRules) -> Urgency | None:
    """How pressing the offer's answer-by date is, as its follow-up says: upcoming within
    ``rules.upcoming_days``, due on its day, overdue once passed; None without a date or
    while it is further off."""
    items = (i for i in deadline_items(app, now, rules) if i.field == OFFER_DEADLINE)
    return next((item.urgency for item in items), None)


URGENCY_WORDS = {
    Urgency.OVERDUE: "overdue",
    Urgency.DUE: "due today",
    Urgency.UPCOMING: "upcoming",
}


def money(value: int | None) -> str:
    """An amount as shown: "92,000"; "missing" when it was not given."""
    return MISSING if value is None else f"{value:,}"


def equity_text(offer: Offer) -> str:
    """The equity cell, the grant over its years and what that makes a year:
    "48,000 / 4 = 12,000"; or "missing"."""
    if offer.equity is None:
        return MISSING
    return f"{offer.equity:,} / {offer.vesting_years} = {offer.equity_per_year:,}"


def deadline_text(offer: Offer, now: datetime) -> str:
    """When they need an answer, with how far off it is: "Wed 2 Dec 17:00, in 6d",
    "Fri 27 Nov 17:00, in 1d (upcoming)"; a date given alone is its day, and the distance
    counts to the end of it, as the follow-ups do: "Wed 2 Dec, in 6d"; "no date" without
    one."""
    deadline = offer.deadline
    if deadline is None:
        return NO_DATE
    when = dates.format_dated(deadline, now, short=True)
    ends = deadline_overdue_at(deadline)
    distance = dates.humanize_delta(ends - now)
    if distance != "now":
        distance = f"{distance} ago" if now > ends else f"in {distance}"
    urgency = offer.urgency
    tail = f" ({URGENCY_WORDS[urgency]})" if urgency is not None else ""
    return f"{when}, {distance}{tail}"


ROW_LABELS = {
    "base": "Base",
    "bonus": "Bonus",
    "sign_on": "Sign-on",
    "equity": "Equity (total / years)",
    "first_year_total": "First year",
    "yearly_total": "Yearly after",
    "deadline": "Answer by",
    "notes": "Notes",
}
"""Every row of the comparison, in order, by key: the compared ones, then the answer-by
date and the notes."""


MARK = "*"
"""What follows a cell that is the highest in its row."""

LEGEND = f"{MARK} the highest in its row"
"""What the mark means, said under the tables when something is marked."""


def group_name(group: OfferGroup) -> str:
    """A currency group's heading: "In EUR", or "No currency"."""
    return "No currency" if group.currency == NO_CURRENCY else f"In {group.currency}"


def cell_text(offer: Offer, row: str, now: datetime) -> str:
    """What a row shows for one offer (plain; front ends add the marks and colours)."""
    if row == "equity":
        return equity_text(offer)
    if row == "deadline":
        return deadline_text(offer, now)
    if row == "notes":
        return offer.notes
    if row in ("first_year_total", "yearly_total"):
        return f"{COMPARED[row](offer):,}"
    return money(getattr(offer, row))
