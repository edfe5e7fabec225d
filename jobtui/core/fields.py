"""The editable fields of each record, and how text typed by a user becomes a value.

The CLI's ``jobtui set ID FIELD=VALUE`` and the TUI's forms both go through
:func:`set_field`, so a value is validated the same way wherever it is typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from jobtui.core import dates
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    InterviewKind,
    OutOfBoundsError,
    Person,
    Record,
    Status,
    ValidationError,
    check_applied_on,
    check_money,
    check_text,
    record_type,
)


class FieldKind(Enum):
    TEXT = "text"
    LONG_TEXT = "long text"
    LIST = "comma-separated list"
    DAY = "date"
    WHEN = "date and time"
    DURATION = "duration"
    MONEY = "amount"
    CHOICE = "choice"
    PEOPLE = "comma-separated names"
    YES_NO = "yes or no"
    COUNT = "whole number"


@dataclass(frozen=True)
class FieldSpec:
    """One editable field: its name (as typed in ``set``), label, kind and choices."""

    name: str
    label: str
    kind: FieldKind
    choices: tuple[str, ...] = ()
    required: bool = False


APPLICATION_FIELDS = (
    FieldSpec("company", "Company", FieldKind.TEXT, required=True),
    FieldSpec("role", "Role", FieldKind.TEXT, required=True),
    FieldSpec("status", "Status", FieldKind.CHOICE, tuple(s.value for s in Status)),
    FieldSpec("applied_on", "Applied on", FieldKind.DAY),
    FieldSpec("location", "Location", FieldKind.TEXT),
    FieldSpec("url", "URL", FieldKind.TEXT),
    FieldSpec("source", "Source", FieldKind.TEXT),
    FieldSpec("salary_min", "Salary min", FieldKind.MONEY),
    FieldSpec("salary_max", "Salary max", FieldKind.MONEY),
    FieldSpec("salary_currency", "Currency", FieldKind.TEXT),
    FieldSpec("tags", "Tags", FieldKind.LIST),
    FieldSpec("notes", "Notes", FieldKind.LONG_TEXT),
    FieldSpec("snoozed_until", "Snoozed until", FieldKind.WHEN),
    FieldSpec("description", "Posting", FieldKind.LONG_TEXT),  # as captured from its URL
    FieldSpec("deadline", "Deadline", FieldKind.WHEN),  # the posting closes / an answer is due
    FieldSpec("offer_base", "Offer: base", FieldKind.MONEY),
    FieldSpec("offer_bonus", "Offer: bonus", FieldKind.MONEY),
    FieldSpec("offer_sign_on", "Offer: sign-on", FieldKind.MONEY),
    FieldSpec("offer_equity", "Offer: equity (grant total)", FieldKind.MONEY),
    FieldSpec("offer_vesting_years", "Offer: vesting years", FieldKind.COUNT),
    FieldSpec("offer_currency", "Offer: currency", FieldKind.TEXT),
    FieldSpec("offer_deadline", "Offer: answer by", FieldKind.WHEN),
    FieldSpec("offer_notes", "Offer: notes", FieldKind.LONG_TEXT),
)

# The application fields about its offer (the form shows them once there is one).
OFFER_FIELDS = tuple(s.name for s in APPLICATION_FIELDS if s.name.startswith("offer_"))

INTERVIEW_FIELDS = (
    FieldSpec("starts_at", "When", FieldKind.WHEN, required=True),
    FieldSpec("duration", "Duration", FieldKind.DURATION),
    FieldSpec("ends_at", "Ends at", FieldKind.WHEN),
    FieldSpec("kind", "Kind", FieldKind.CHOICE, tuple(k.value for k in InterviewKind)),
    FieldSpec("interviewers", "Interviewers", FieldKind.PEOPLE),
    FieldSpec("where", "Where", FieldKind.TEXT),
    FieldSpec("topics", "Topics discussed", FieldKind.LONG_TEXT),
    FieldSpec("concerns", "Concerns to address", FieldKind.LONG_TEXT),
    FieldSpec("strengths", "Strengths to highlight", FieldKind.LONG_TEXT),
    FieldSpec("liked", "What I liked", FieldKind.LONG_TEXT),
    FieldSpec("decide_by", "Decision by", FieldKind.DAY),
    FieldSpec("thank_you_sent_at", "Thank-you sent", FieldKind.WHEN),
    FieldSpec("outcome", "Outcome", FieldKind.TEXT),
    FieldSpec("notes", "Notes", FieldKind.LONG_TEXT),
    FieldSpec("snoozed_until", "Snoozed until", FieldKind.WHEN),
    FieldSpec("cancelled", "Cancelled", FieldKind.YES_NO),
)

CONTACT_FIELDS = (
    FieldSpec("name", "Name", FieldKind.TEXT, required=True),
    FieldSpec("title", "Title", FieldKind.TEXT),
    FieldSpec("company", "Company", FieldKind.TEXT),
    FieldSpec("email", "Email", FieldKind.TEXT),
    FieldSpec("phone", "Phone", FieldKind.TEXT),
    FieldSpec("url", "URL", FieldKind.TEXT),
    FieldSpec("notes", "Notes", FieldKind.LONG_TEXT),
)

# Friendlier names people will type.
ALIASES = {
    "when": "starts_at",
    "start": "starts_at",
    "ends": "ends_at",
    "end": "ends_at",
    "with": "interviewers",
    "applied": "applied_on",
    "snooze": "snoozed_until",
    "decide": "decide_by",
    "currency": "salary_currency",
    "liked_about_company": "liked",
    "thank_you": "thank_you_sent_at",
    "canceled": "cancelled",
    "vesting": "offer_vesting_years",
    "answer_by": "offer_deadline",
}

_YES = {"yes", "y", "true", "1", "on"}
_NO = {"no", "n", "false", "0", "off", ""}


_FIELDS_BY_KIND = {
    "application": APPLICATION_FIELDS,
    "interview": INTERVIEW_FIELDS,
    "contact": CONTACT_FIELDS,
}


def fields_for(record: Record | type) -> tuple[FieldSpec, ...]:
    """The editable fields of an application, interview or contact."""
    return _FIELDS_BY_KIND[record_type(record).kind]


def find_field(record: Record, name: str) -> FieldSpec:
    """The spec for ``name`` (aliases allowed); ValidationError listing the valid names."""
    key = name.strip().lower().replace("-", "_")
    key = ALIASES.get(key, key)
    for spec in fields_for(record):
        if spec.name == key:
            return spec
    names = ", ".join(s.name for s in fields_for(record))
    raise ValidationError(name, f"no such field on {record_type(record).kind} (fields: {names})")


_MONEY = re.compile(r"^\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*([kK])?\s*$")


def parse_money(text: str, field_name: str) -> int | None:
    """ "120000", "120,000", "120k", "95.5k" -> whole units; "" -> None.

    An amount above model.MAX_MONEY is an OutOfBoundsError naming the field.
    """
    if not text.strip():
        return None
    match = _MONEY.match(text)
    if not match:
        shown = text if len(text) <= 60 else text[:60] + "..."
        raise ValidationError(
            field_name, f'cannot read "{shown}" as an amount (try 120000 or 120k)'
        )
    digits, thousands = match.groups()
    # Decimal, not float: exact, and any number of digits (a float of 400 digits is inf).
    value = Decimal(digits.replace(",", "")) * (1000 if thousands else 1)
    amount = round(value)
    check_money(field_name, amount)
    return amount


def parse_list(text: str) -> list[str]:
    """ "a, b ,c" -> ["a", "b", "c"] (blanks dropped, order kept, duplicates removed)."""
    seen: dict[str, None] = {}
    for part in text.split(","):
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return list(seen)


def _wrap(field_name: str, parse: Callable[[], Any]) -> Any:
    try:
        return parse()
    except ValidationError:
        raise
    except ValueError as exc:
        raise ValidationError(field_name, str(exc)) from None


def parse_value(spec: FieldSpec, text: str, now: datetime) -> Any:
    """Turn typed text into the field's value; "" clears an optional field.

    Text longer than model.MAX_TEXT is refused for every kind of field.
    """
    check_text(spec.name, text)
    empty = not text.strip()
    if empty and spec.required:
        raise ValidationError(spec.name, "must not be empty")
    match spec.kind:
        case FieldKind.TEXT | FieldKind.LONG_TEXT:
            return text
        case FieldKind.LIST:
            return parse_list(text)
        case FieldKind.PEOPLE:
            return [Person.parse(p) for p in parse_list(text)]
        case FieldKind.MONEY:
            return parse_money(text, spec.name)
        case FieldKind.DAY:
            return None if empty else _wrap(spec.name, lambda: dates.parse_day(text, now))
        case FieldKind.WHEN:
            return None if empty else _wrap(spec.name, lambda: dates.parse_when(text, now))
        case FieldKind.DURATION:
            if empty:
                raise ValidationError(spec.name, "must not be empty")
            return _wrap(spec.name, lambda: dates.parse_duration(text))
        case FieldKind.CHOICE:
            enum = Status if spec.name == "status" else InterviewKind
            return enum.parse(text, spec.name)
        case FieldKind.YES_NO:
            word = text.strip().lower()
            if word in _YES or word in _NO:
                return word in _YES
            raise ValidationError(spec.name, f'must be yes or no, not "{text.strip()[:40]}"')
        case FieldKind.COUNT:
            if empty:
                raise ValidationError(spec.name, "must not be empty")
            if not text.strip().isdigit() or len(text.strip()) > 6:
                raise ValidationError(
                    spec.name, f'must be a whole number, not "{text.strip()[:40]}"'
                )
            return int(text.strip())
    raise AssertionError(spec.kind)


def set_field(record: Record, name: str, text: str, now: datetime) -> FieldSpec:
    """Set one field of ``record`` from typed text, validating it; returns the field's spec.

    Raises ValidationError naming the field. The record is left unchanged on error.
    """
    spec = find_field(record, name)
    value = parse_value(spec, text, now)
    if isinstance(record, Application) and spec.name == "status":
        record.set_status(value, now)
        return spec
    if isinstance(record, Interview) and spec.name == "ends_at":
        if value is None:
            raise ValidationError("ends_at", "must not be empty")
        if value <= record.starts_at:
            raise ValidationError("ends_at", "the interview ends before it starts")
        if value - record.starts_at > dates.MAX_DURATION:
            raise OutOfBoundsError(
                "ends_at", f"an interview lasts at most {dates.MAX_DURATION.days} days"
            )
        record.duration = value - record.starts_at
        return spec
    if isinstance(record, Application) and spec.name == "applied_on":
        check_applied_on(value, record.status, now)
    if isinstance(record, Interview) and spec.name == "duration" and value.total_seconds() <= 0:
        raise ValidationError("duration", "the interview ends before it starts")
    previous = getattr(record, spec.name)
    setattr(record, spec.name, value)
    try:
        record.validate()
    except ValidationError:
        setattr(record, spec.name, previous)
        raise
    return spec


def display_value(record: Record, spec: FieldSpec) -> str:
    """A field's value as text a user could type back in."""
    if spec.name == "ends_at" and isinstance(record, Interview):
        return dates.format_editable(record.ends_at)
    value = getattr(record, spec.name)
    if value is None:
        return ""
    match spec.kind:
        case FieldKind.LIST:
            return ", ".join(value)
        case FieldKind.PEOPLE:
            return ", ".join(str(p) for p in value)
        case FieldKind.WHEN:
            return dates.format_editable(value)
        case FieldKind.DAY:
            return dates.format_day(value)
        case FieldKind.DURATION:
            return dates.format_duration(value)
        case FieldKind.CHOICE:
            return value.value
        case FieldKind.YES_NO:
            return "yes" if value else "no"
    return str(value)


CONTACTS_FIELD = FieldSpec("contacts", "Contacts", FieldKind.LONG_TEXT)
"""The application form's contacts: one per line, "Name <email> (title)"."""


def format_contacts(contacts: list[Contact]) -> str:
    """Contacts as the lines :func:`parse_contacts` reads back."""
    lines = []
    for contact in contacts:
        line = contact.name
        if contact.email:
            line += f" <{contact.email}>"
        if contact.title:
            line += f" ({contact.title})"
        lines.append(line)
    return "\n".join(lines)


def parse_contacts(text: str, existing: list[Contact], company: str) -> list[Contact]:
    """Read "Name <email> (title)" lines into contacts, updating ``existing`` ones by name.

    A new name becomes a new Contact at ``company``. Raises ValidationError("contacts",
    "line N: ...") for a line it cannot use.
    """
    by_name = {c.name.strip().lower(): c for c in existing}
    result: list[Contact] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        title = ""
        if line.endswith(")") and "(" in line:
            line, _, title = line[:-1].rpartition("(")
            line, title = line.strip(), title.strip()
        person = Person.parse(line)
        if not person.name:
            raise ValidationError("contacts", f"line {number}: a contact needs a name")
        contact = by_name.get(person.name.lower())
        if contact is None:
            contact = Contact(name=person.name, company=company)
        contact.email = person.email or contact.email
        contact.title = title or contact.title
        try:
            contact.validate()
        except ValidationError as exc:
            raise ValidationError("contacts", f"line {number}: {exc}") from None
        result.append(contact)
    return result
