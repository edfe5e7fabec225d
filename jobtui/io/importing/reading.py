"""A file -> what it holds: bytes decoded to text, the format recognised, and the reader for
that format run (:mod:`.jsonfile` or :mod:`.csvfile`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jobtui.io.importing.csvfile import check_columns, csv_header, read_csv
from jobtui.io.importing.formats import FORMATS, ICS_FORMAT, JSON_FORMAT, format_from_headers
from jobtui.io.importing.jsonfile import is_json, read_json
from jobtui.io.importing.rows import ImportFileError, ImportRow, Source


def _load_text(path: Path) -> tuple[str, list[str]]:
    """The file's text and notes on how it was decoded; ImportFileError if it can't be."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror}") from None
    if raw.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            f"{path} looks like a spreadsheet workbook (.xlsx/.ods): save it as CSV first"
        )
    if raw.startswith(b"%PDF"):
        raise ImportFileError(f"{path} is a PDF, not a CSV or JSON file")
    notes: list[str] = []
    text = _decode(raw, path, notes)
    if not text.strip():
        raise ImportFileError(f"{path} is empty")
    if "\x00" in text:
        raise ImportFileError(f"{path} is not a CSV or JSON file (it holds binary data)")
    return text, notes


def _decode(raw: bytes, path: Path, notes: list[str]) -> str:
    """UTF-16 with a byte-order mark, else UTF-8, else Windows-1252 (with a note)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{path} is not text jobtui can read (neither UTF-8 nor Windows-1252)"
        ) from None
    notes.append(f"{path} is not UTF-8; it was read as Windows-1252 (cp1252).")
    return text


def is_calendar_text(text: str) -> bool:
    """Does this text start like an iCalendar file (invites)?"""
    return text.lstrip("\ufeff \t\r\n")[:15].upper() == "BEGIN:VCALENDAR"


def is_calendar_file(path: Path) -> bool:
    """Is the file at ``path`` calendar invites: named ``*.ics``, or starting
    ``BEGIN:VCALENDAR``? (False for a file that cannot be read: the importer says why.)"""
    if Path(path).suffix.lower() == ".ics":
        return True
    try:
        with open(path, "rb") as file:
            start = file.read(512)
    except OSError:
        return False
    return is_calendar_text(start.decode("utf-8", errors="replace"))


def _choose_format(text: str, path: Path) -> str:
    if is_calendar_text(text):
        return ICS_FORMAT
    if is_json(text):
        return JSON_FORMAT
    _, header, _ = csv_header(text, path)
    return format_from_headers(header)


def detect_format(path: Path) -> str:
    """Which of :data:`FORMATS` a file is, from its content (calendar, JSON or CSV headers).

    Raises ImportFileError for a file that is unreadable, empty or neither CSV nor JSON.
    """
    text, _ = _load_text(path)
    fmt = _choose_format(text, path)
    if fmt not in (JSON_FORMAT, ICS_FORMAT):
        check_columns(csv_header(text, path)[1], path)
    return fmt


def _check_format_name(format: str | None) -> None:
    if format is not None and format not in FORMATS:
        raise ImportFileError(
            f'unknown import format "{format}" (choose from {", ".join(FORMATS)})'
        )


def read(path: Path, now: datetime, format: str | None) -> Source:
    """Everything in the file (``format`` overrides detection); ImportFileError if unreadable."""
    _check_format_name(format)
    text, notes = _load_text(path)
    fmt = format or _choose_format(text, path)
    if fmt == ICS_FORMAT:  # interviews, not applications: jobtui.ops.invites reads them
        raise ImportFileError(
            f"{path} holds calendar invites: they are imported as interviews, not as rows"
        )
    source = read_json(path, text, now) if fmt == JSON_FORMAT else read_csv(path, text, fmt, now)
    source.notes[:0] = notes
    return source


def read_rows(
    path: Path, now: datetime, *, format: str | None = None
) -> tuple[str, list[ImportRow], list[str]]:
    """Read a file into rows: (format, rows, one error message per bad row).

    ``format`` (one of :data:`FORMATS`) overrides detection. Created/updated times of rows
    read from CSV are ``now``; a jobtui export keeps its own. Raises ImportFileError when
    the file can't be read at all.
    """
    source = read(path, now, format)
    return source.format, source.rows, source.errors
