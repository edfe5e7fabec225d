"""A CSV file -> rows: the delimiter, the header row, which column fills which field, and
one message per row that cannot be read (each cell is read in :mod:`.csvrow`)."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from jobtui.core.model import MAX_TEXT
from jobtui.io.importing.cells import date_order
from jobtui.io.importing.csvrow import BadRow, Columns, RowReader
from jobtui.io.importing.formats import (
    HEADER_FIELDS,
    REQUIRED_HEADERS,
    csv_format,
    normalize_header,
)
from jobtui.io.importing.rows import ImportFileError, ImportRow, Source

MAX_COLUMNS = 1000
"""The most columns a CSV row may have; a wider file is refused (a header) or a row reported."""


def _csv_delimiter(line: str) -> str:
    """The most frequent of , ; and tab outside quotes in the header line (ties: comma)."""
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda ch: counts[ch])
    return best if counts[best] else ","


def _csv_reader(text: str) -> tuple[Any, str]:
    """A csv.reader over the text (an Excel "sep=;" first line is honoured and skipped)."""
    first_line = text.split("\n", 1)[0].strip()
    excel_hint = re.fullmatch(r"sep=(.)", first_line)
    delimiter = excel_hint.group(1) if excel_hint else None
    if delimiter is None:
        header_line = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = _csv_delimiter(header_line)
    # The csv module refuses values over 128 KiB; a note may be up to MAX_TEXT. (The limit is
    # per process; raising it never refuses anything that was read before.)
    if csv.field_size_limit() <= MAX_TEXT:
        csv.field_size_limit(MAX_TEXT + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    if excel_hint:
        next(reader)
    return reader, delimiter


def csv_header(text: str, path: Path) -> tuple[Any, list[str], int]:
    """(reader positioned after the header, the header cells, the header's line)."""
    reader, _ = _csv_reader(text)
    try:
        for cells in reader:
            if len(cells) > MAX_COLUMNS:
                raise ImportFileError(
                    f"{path}, line {reader.line_num}: {len(cells):,} columns; jobtui reads "
                    f"files of up to {MAX_COLUMNS:,} columns"
                )
            if any(cell.strip() for cell in cells):
                return reader, [cell.strip() for cell in cells], reader.line_num
    except csv.Error as exc:
        raise ImportFileError(
            f"{path}, line {reader.line_num}: not readable as CSV ({_csv_problem(exc)})"
        ) from None
    raise ImportFileError(f"{path} is empty")


def _csv_problem(exc: csv.Error) -> str:
    """The csv module's complaint in the user's terms."""
    if "field larger than field limit" in str(exc):
        return f"a value is longer than {MAX_TEXT:,} characters"
    return str(exc)


def check_columns(header: list[str], path: Path) -> None:
    """ImportFileError unless the header has a company and a role column."""
    mapped = {HEADER_FIELDS.get(normalize_header(h)) for h in header}
    for key, looked_for in REQUIRED_HEADERS.items():
        if key not in mapped:
            found = ", ".join(f'"{h}"' for h in header[:8]) + (", ..." if len(header) > 8 else "")
            raise ImportFileError(
                f"{path} has no {key} column (looked for {looked_for}); its first line has "
                f"{found}. Is it a CSV file with a header row?"
            )


def _unclosed_quote_line(text: str, delimiter: str) -> bool:
    """Does the file end inside a quoted value? (The lenient reader swallows the rest.)"""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _map_columns(header: list[str], fmt: str) -> Columns:
    unmapped = csv_format(fmt).unmapped
    fields: list[str | None] = []
    for name in header:
        norm = normalize_header(name)
        key = None if norm in unmapped else HEADER_FIELDS.get(norm)
        fields.append(None if key in fields else key)  # a second "Notes" column is kept as text
    return Columns(header, fields)


def read_csv(path: Path, text: str, fmt: str, now: datetime) -> Source:
    """Read a CSV file of format ``fmt``: a row per record, an error per bad row."""
    reader, header, header_line = csv_header(text, path)
    check_columns(header, path)
    columns = _map_columns(header, fmt)
    records, errors = _csv_records(reader, header_line, text)
    notes: list[str] = []
    if not records and not errors:
        notes.append(f"{path} has a header row but no rows of data.")
    orders = _date_orders(columns, records, fmt, notes)
    row_reader = RowReader(columns, csv_format(fmt), now, orders)
    rows: list[ImportRow] = []
    for line, cells in records:
        try:
            rows.append(row_reader.row(line, cells))
        except BadRow as exc:
            errors.append(f"line {line}: {exc}")
    return Source(fmt, rows, errors, notes, [], now)


def _csv_records(
    reader: Any, header_line: int, text: str
) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """(the line each non-blank row starts on and its cells, messages for unreadable rows)."""
    records: list[tuple[int, list[str]]] = []
    previous_end = header_line
    errors: list[str] = []
    try:
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if len(cells) > MAX_COLUMNS:
                errors.append(
                    f"line {start}: {len(cells):,} values, more than the {MAX_COLUMNS:,} "
                    "columns jobtui reads; this row was not imported"
                )
            elif any(cell.strip() for cell in cells):
                records.append((start, cells))
    except csv.Error as exc:
        errors.append(
            f"line {previous_end + 1}: not readable as CSV ({_csv_problem(exc)}); this row and "
            "the rows after it were not imported"
        )
    if records and _unclosed_quote_line(text, _csv_reader(text)[1]):
        line, _ = records.pop()
        errors.append(
            f'line {line}: a quoted value starting here is never closed (a missing "), so this '
            "row and everything after it could not be read"
        )
    return records, errors


def _date_orders(
    columns: Columns, records: list[tuple[int, list[str]]], fmt: str, notes: list[str]
) -> dict[str, str]:
    """The day/month order of each date column ("mdy" or "dmy"), from all its values."""
    orders = {}
    for key in ("applied", "saved", "follow_up"):
        index = columns.first(key)
        if index is not None:
            values = [cells[index] for _, cells in records if index < len(cells)]
            orders[key] = date_order(
                values, csv_format(fmt).date_order, columns.header[index], notes
            )
    return orders
