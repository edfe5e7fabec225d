"""One CSV row -> an application (with its contact): each cell read into its field, every
column jobtui has no field for kept in the notes, and a message naming the column(s) for a
row that cannot be imported."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from jobtui.core.fields import parse_list
from jobtui.core.model import (
    Application,
    Contact,
    OutOfBoundsError,
    Person,
    Status,
    ValidationError,
    check_applied_on,
)
from jobtui.core.textsafe import restore_formula
from jobtui.io.importing.cells import read_salary, read_when, status_from_text
from jobtui.io.importing.formats import CsvFormat
from jobtui.io.importing.rows import ImportRow


@dataclass
class Columns:
    """Which column fills which field, for one file."""

    header: list[str]
    fields: list[str | None]  # per column: the field key, or None (goes into the notes)

    def first(self, key: str) -> int | None:
        return self.fields.index(key) if key in self.fields else None


class BadRow(Exception):
    """A row that cannot be imported; the message names the column(s)."""


@dataclass
class _Cells:
    """One row's cells sorted by field, what goes into the notes, and what is wrong."""

    values: dict[str, tuple[str, str]]  # field -> (header, value)
    extra: list[tuple[str, str]]  # (header, value) for the notes
    problems: list[str] = field(default_factory=list)

    @classmethod
    def sort(cls, columns: Columns, cells: list[str]) -> _Cells:
        header = columns.header
        values: dict[str, tuple[str, str]] = {}
        extra: list[tuple[str, str]] = []
        for index, raw in enumerate(cells):
            value = restore_formula(raw.strip())  # jobtui's own export guards formulas
            if index >= len(header):
                if value:
                    extra.append((f"Column {index + 1}", value))
                continue
            key = columns.fields[index]
            if key is None:
                if value:
                    extra.append((header[index] or f"Column {index + 1}", value))
            else:
                values[key] = (header[index], value)
        return cls(values, extra)

    def cell(self, key: str) -> str:
        """The value of a field's column ("" when the file has no such column)."""
        return self.values.get(key, ("", ""))[1]

    def column(self, key: str) -> str:
        """The header of a field's column."""
        return self.values[key][0]

    def keep(self, key: str) -> None:
        """Keep a field's cell in the notes, as written."""
        self.extra.append(self.values[key])


class RowReader:
    """Turns the cells of one CSV row into an ImportRow; raises BadRow naming columns."""

    def __init__(
        self, columns: Columns, fmt: CsvFormat, now: datetime, orders: dict[str, str]
    ) -> None:
        self.columns = columns
        self.fmt = fmt
        self.now = now
        self.orders = orders
        # Contacts seen earlier in this file, so two rows naming one recruiter share a record.
        self.contacts: dict[tuple[str, str], Contact] = {}

    def row(self, line: int, cells: list[str]) -> ImportRow:
        """The row that starts on ``line`` of the file; BadRow if it cannot be imported."""
        row = _Cells.sort(self.columns, cells)
        self._check_required(row)
        app = self._application(row)
        status = self._status(row)
        self._dates(app, status, row)
        self._salary(app, row)
        contact = self._contact(app, row)
        if row.problems:
            raise BadRow("; ".join(row.problems))
        app.notes = notes_with_extras(row.cell("notes"), row.extra)
        try:
            app.validate()
            check_applied_on(app.applied_on, app.status, self.now)  # the same rule as typing
        except ValidationError as exc:
            raise BadRow(str(exc)) from None
        contacts = []
        if contact is not None:
            contacts.append(contact)
            app.contact_ids.append(contact.id)
        return ImportRow(line=line, application=app, contacts=contacts)

    def _check_required(self, row: _Cells) -> None:
        for key in ("company", "role"):
            if not row.cell(key):
                index = self.columns.first(key)
                name = self.columns.header[index] if index is not None else key
                row.problems.append(f'"{name}" is empty (every row needs a company and a role)')

    def _application(self, row: _Cells) -> Application:
        return Application(
            company=row.cell("company"),
            role=row.cell("role"),
            url=row.cell("url"),
            location=row.cell("location"),
            source=row.cell("source") or self.fmt.source,
            tags=parse_list(row.cell("tags").replace(";", ",")),
            description=row.cell("description"),
            created_at=self.now,
            updated_at=self.now,
        )

    def _status(self, row: _Cells) -> Status:
        """The row's status; a word jobtui does not know is kept in the notes (as applied)."""
        if not row.cell("status"):
            return self.fmt.default_status or Status.APPLIED
        status = status_from_text(row.cell("status"))
        if status is None:
            row.extra.append(
                (
                    row.column("status"),
                    f"{row.cell('status')} (not a jobtui status; imported as applied)",
                )
            )
            status = Status.APPLIED
        return status

    def _when(self, row: _Cells, key: str) -> tuple[date, datetime] | None:
        if not row.cell(key):
            return None
        try:
            return read_when(row.cell(key), self.orders.get(key, "mdy"), self.now)
        except ValueError as exc:
            row.problems.append(f'"{row.column(key)}": {exc}')
            return None

    def _dates(self, app: Application, status: Status, row: _Cells) -> None:
        """The status with its date, the applied date and a snooze, from the date columns.

        A date the status has no use for (applied, for a saved job) goes into the notes.
        """
        applied, saved = self._when(row, "applied"), self._when(row, "saved")
        follow_up = self._when(row, "follow_up")
        if status == Status.WISHLIST:
            app.set_status(Status.WISHLIST, saved[1] if saved else self.now)
            if applied:
                row.keep("applied")
        else:
            app.set_status(status, applied[1] if applied else self.now)
            # Only a date from the file: no date means "not known", not "today".
            app.applied_on = applied[0] if applied else None
            if saved:
                row.keep("saved")
        if follow_up:
            if follow_up[1] > self.now:
                # A follow-up date ahead means "not before then": jobtui's snooze.
                app.snoozed_until = follow_up[1]
            else:
                row.keep("follow_up")

    def _salary(self, app: Application, row: _Cells) -> None:
        currency = row.cell("currency").upper()
        for key in ("salary", "salary_min", "salary_max"):
            if not row.cell(key):
                continue
            try:
                read = read_salary(row.cell(key))
            except OutOfBoundsError as exc:
                row.problems.append(f'"{row.column(key)}": {exc.message}')
                continue
            if read is None:
                row.keep(key)  # "competitive", "$50/hr": kept as written
                continue
            low, high, found_currency = read
            if key == "salary":
                app.salary_min, app.salary_max = low, high
            elif key == "salary_min":
                app.salary_min = low
            else:
                app.salary_max = high if high is not None else low
            currency = currency or found_currency
        app.salary_currency = currency
        if (
            app.salary_min is not None
            and app.salary_max is not None
            and app.salary_max < app.salary_min
        ):
            row.problems.append(
                f"the maximum salary ({app.salary_max}) is below the minimum ({app.salary_min})"
            )

    def _contact(self, app: Application, row: _Cells) -> Contact | None:
        person = Person.parse(row.cell("contact")) if row.cell("contact") else Person(name="")
        email = row.cell("contact_email") or person.email
        phone = row.cell("contact_phone")
        if not (person.name or email or phone):
            return None
        if email and "@" not in email:
            column = row.column("contact_email" if row.cell("contact_email") else "contact")
            row.problems.append(f'"{column}": "{email}" is not an email address')
            return None
        name = person.name or email or phone
        key = ("email", email.casefold()) if email else ("name", f"{name}|{app.company}".casefold())
        known = self.contacts.get(key)
        if known is not None:
            known.phone = known.phone or phone
            return known
        contact = Contact(
            name=name,
            company=app.company,
            email=email,
            phone=phone,
            created_at=self.now,
            updated_at=self.now,
        )
        self.contacts[key] = contact
        return contact


def notes_with_extras(notes: str, extra: list[tuple[str, str]]) -> str:
    """The notes, then "Imported fields:" with every column jobtui has no field for."""
    if not extra:
        return notes
    lines = ["Imported fields:"]
    for column, value in extra:
        first, *more = value.splitlines() or [""]
        lines.append(f"- {column}: {first}")
        lines += [f"  {line}" for line in more]
    block = "\n".join(lines)
    return f"{notes}\n\n{block}" if notes else block
