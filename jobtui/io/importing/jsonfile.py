"""jobtui's own JSON export -> rows: each application with its interviews, contacts and sent
log, the contacts that belong to no application, and one message per unreadable record."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from jobtui.core.model import EXPORT_VERSION, Application, Contact, Interview, SentFollowUp
from jobtui.io.importing.rows import ImportFileError, ImportRow, Source

MAX_JSON_DEPTH = 20
"""How deeply a JSON import may nest; an export needs 5 (export, list, record, list, item)."""

# A JSON string (escapes included), and the brackets that open or close a level.
_JSON_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")

_LISTS = ("applications", "interviews", "contacts", "sent")


def is_json(text: str) -> bool:
    """Does the text look like JSON (rather than CSV)?"""
    return text.lstrip()[:1] in ("{", "[")


def _too_deep_line(text: str) -> int | None:
    """The line where JSON nesting first goes deeper than MAX_JSON_DEPTH, or None.

    Checked before parsing: the json module recurses once per level, and a file nested
    thousands deep would end in a RecursionError. Strings are blanked out first (they never
    span lines, so line numbers stay right) so that brackets inside them do not count.
    """
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return None
    skeleton = _JSON_STRING.sub('""', text)
    depth = 0
    for match in _JSON_BRACKET.finditer(skeleton):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return skeleton.count("\n", 0, match.start()) + 1
        else:
            depth -= 1
    return None


def read_json(path: Path, text: str, now: datetime) -> Source:
    """Read a jobtui export; ImportFileError if it is not one this jobtui can read."""
    lists = _export_lists(path, _parse_export(path, text))
    errors: list[str] = []
    contacts = _json_records(lists["contacts"], Contact, "contact", errors)
    apps = _json_records(lists["applications"], Application, "application", errors)
    interviews = _json_records(lists["interviews"], Interview, "interview", errors)
    sent = _json_records(lists["sent"], SentFollowUp, "sent follow-up", errors)

    contact_by_id: dict[str, Contact] = {}
    for _, contact in contacts:
        contact_by_id.setdefault(contact.id, contact)
    by_app: dict[str, tuple[list[Interview], list[SentFollowUp]]] = {
        app.id: ([], []) for _, app in apps
    }
    for number, interview in interviews:
        if _belongs(interview, number, "interview", by_app, errors):
            by_app[interview.application_id][0].append(interview)
    for number, entry in sent:
        if _belongs(entry, number, "sent follow-up", by_app, errors):
            by_app[entry.application_id][1].append(entry)

    rows = []
    linked: set[str] = set()
    for number, app in apps:
        own = [contact_by_id[cid] for cid in app.contact_ids if cid in contact_by_id]
        linked.update(c.id for c in own)
        app_interviews, app_sent = by_app[app.id]
        rows.append(ImportRow(number, app, list(app_interviews), own, list(app_sent)))
    loose = [c for c in contact_by_id.values() if c.id not in linked]
    return Source("jobtui-json", rows, errors, [], loose, now)


def _parse_export(path: Path, text: str) -> dict[str, Any]:
    """The export as a dict, its version checked; ImportFileError if it is not one."""
    deep = _too_deep_line(text)
    if deep is not None:
        raise ImportFileError(
            f"{path}, line {deep}: nested more than {MAX_JSON_DEPTH} levels deep; a jobtui "
            "export never is, so this is not one"
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except ValueError:  # an integer of more than 4300 digits
        raise ImportFileError(f"{path} holds a number too long to read") from None
    except RecursionError:  # not expected after the depth check; never a traceback
        raise ImportFileError(f"{path} is nested too deeply to read") from None
    if not isinstance(data, dict) or "jobtui_export" not in data:
        raise ImportFileError(f'{path} is JSON but not a jobtui export (no "jobtui_export" key)')
    version = data["jobtui_export"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError(
            f'{path}: "jobtui_export" should be a version number, not {version!r}'
        )
    if version > EXPORT_VERSION:
        raise ImportFileError(
            f"{path} was written by a newer jobtui (export version {version}; this one reads "
            f"up to {EXPORT_VERSION}): upgrade jobtui"
        )
    return data


def _export_lists(path: Path, data: dict[str, Any]) -> dict[str, list[Any]]:
    """The export's record lists (a missing or empty one as []); ImportFileError for a non-list."""
    lists: dict[str, list[Any]] = {}
    for key in _LISTS:
        value = data.get(key) or []
        if not isinstance(value, list):
            raise ImportFileError(f'{path}: "{key}" should be a list, not {type(value).__name__}')
        lists[key] = value
    return lists


def _belongs(
    record: Interview | SentFollowUp,
    number: int,
    label: str,
    by_app: dict[str, Any],
    errors: list[str],
) -> bool:
    """Is the record's application in the file? If not, an error says so."""
    if record.application_id in by_app:
        return True
    errors.append(
        f'{label} {number}: its application "{record.application_id}" is not '
        "in the file (or could not be read)"
    )
    return False


def _json_records(items: list[Any], kind: type, label: str, errors: list[str]) -> list[Any]:
    """(position, record) for each readable, valid record; an error for each other one."""
    found = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.append(f"{label} {number}: not a record but {type(item).__name__}")
            continue
        try:
            record = kind.from_dict(item)
            record.validate()
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError) as exc:
            errors.append(f"{label} {number}: {exc}")
            continue
        found.append((number, record))
    return found
