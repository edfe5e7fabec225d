"""Which stored records are damaged: a pure check over the raw database dict.

A record written by hand, by a sync conflict or by an older bug may not load (a company
that is a number, an unknown status, a date that is not one). One such record must not take
the whole database down: the store skips what this module reports, and ``jobtui check``
lists it (``--fix`` moves it into the trash, where it stays recoverable).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jobtui.core.model import RECORD_TYPES, ValidationError

# Stored table name -> the record type it holds, parents (applications) first.
CHECKED_TABLES: dict[str, type] = {t.table: t.cls for t in RECORD_TYPES}

# Fields that are text in every record type that has them: a number or a list there means
# the record was written by something other than jobtui.
_TEXT_FIELDS = (
    "id",
    "company",
    "role",
    "name",
    "status",
    "kind",
    "location",
    "url",
    "source",
    "notes",
    "email",
    "phone",
    "title",
    "application_id",
    "salary_currency",
)


@dataclass(frozen=True)
class Problem:
    """One damaged record: where it is and what is wrong with it."""

    table: str
    record_id: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.table} {self.record_id} {self.field}: {self.reason}"


def find_problems(data: dict[str, Any]) -> list[Problem]:
    """Every record of ``data`` that would not load or validate, in table order."""
    problems: list[Problem] = []
    good_apps: set[str] = set()
    for table, kind in CHECKED_TABLES.items():
        rows = data.get(table)
        if not isinstance(rows, dict):
            continue
        for record_id, doc in rows.items():
            problem = _check(table, kind, str(record_id), doc)
            if problem is None and table in ("interviews", "sent"):
                problem = _check_parent(table, str(record_id), doc, good_apps)
            if problem is not None:
                problems.append(problem)
            elif table == "applications":
                good_apps.add(str(record_id))
    return problems


def bad_ids(problems: list[Problem]) -> dict[str, set[str]]:
    """The record ids of ``problems``, grouped by table."""
    grouped: dict[str, set[str]] = {}
    for problem in problems:
        grouped.setdefault(problem.table, set()).add(problem.record_id)
    return grouped


def _check(table: str, kind: type, record_id: str, doc: Any) -> Problem | None:
    if not isinstance(doc, dict):
        return Problem(table, record_id, "(record)", f"is a {type(doc).__name__}, not a record")
    if doc.get("id") != record_id:
        return Problem(table, record_id, "id", f"{doc.get('id')!r} does not match its key")
    for name in _wrong_types(doc):
        value = doc[name]
        return Problem(table, record_id, name, f"must be text, not {type(value).__name__}")
    try:
        kind.from_dict(doc).validate()
    except (ValueError, TypeError, AttributeError, KeyError, OverflowError) as exc:
        return problem_of(table, record_id, exc)
    return None


def problem_of(table: str, record_id: str, exc: BaseException) -> Problem:
    """The Problem a failure to load a record stands for."""
    if isinstance(exc, ValidationError):
        return Problem(table, record_id, exc.field, exc.message)
    return Problem(table, record_id, "(record)", f"cannot be read ({exc})")


def _wrong_types(doc: dict[str, Any]) -> Iterator[str]:
    for name in _TEXT_FIELDS:
        value = doc.get(name)
        if value is not None and not isinstance(value, str):
            yield name


def _check_parent(
    table: str, record_id: str, doc: dict[str, Any], apps: set[str]
) -> Problem | None:
    parent = doc.get("application_id")
    if parent in apps:
        return None
    return Problem(table, record_id, "application_id", f"no usable application {parent!r}")
