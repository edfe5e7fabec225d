"""Plain-text and JSON output for the command line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from jobtui.config import FollowUpRules
from jobtui.core import dates
from jobtui.core.fields import display_value, fields_for
from jobtui.core.followup import FollowUp, followups_for
from jobtui.core.model import Application, Contact, Interview, Record
from jobtui.core.overview import AppRow, build_overview
from jobtui.core.textsafe import strip_controls, visible
from jobtui.db.integrity import Problem
from jobtui.db.store import NotFoundError, Store

# Every character textsafe.visible would replace, as a JSON escape. json.dumps escapes C0
# itself but leaves DEL, C1 and the bidi controls raw.
_JSON_ESCAPES = str.maketrans(
    {code: f"\\u{code:04x}" for code in range(0x2070) if visible(chr(code)) != chr(code)}
)


def printable(text: str) -> str:
    """``text`` with control characters shown visibly ("␛" for ESC, textsafe.visible): a
    stored ESC cannot drive the terminal. Newline and tab stay."""
    return visible(text)


def pasteable(text: str) -> str:
    """``text`` without its control characters (newline and tab stay): for output meant to be
    pasted into an email."""
    return strip_controls(text)


def json_text(value: object) -> str:
    """``value`` as indented JSON for the terminal: exactly the same data, with every control
    character escaped (json.dumps leaves DEL, C1 and the bidi controls raw)."""
    return json.dumps(value, indent=2, ensure_ascii=False).translate(_JSON_ESCAPES)


def label(record: Record) -> str:
    """A short human name for a record."""
    if isinstance(record, Application):
        return f"{record.company} - {record.role}"
    if isinstance(record, Interview):
        return f"interview {dates.format_when(record.starts_at)}"
    return record.name


def row_json(row: AppRow) -> dict[str, Any]:
    """One object of `jobtui list --json`."""
    return {
        "id": row.app.id,
        "company": row.app.company,
        "role": row.app.role,
        "status": row.app.status.value,
        "applied_on": dates.to_iso(row.app.applied_on),
        "next_action": row.next_action,
    }


def application_rows(
    store: Store, apps: Sequence[Application], now: datetime, rules: FollowUpRules
) -> list[AppRow]:
    """Rows for `list`, each with its next action (computed as the TUI does)."""
    overview = build_overview(
        apps, store.interviews_by_application(), store.sent_by_application(), [], now, rules
    )
    return overview.rows


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    rows = [[printable(cell) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _one_line(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def application_table(rows: Sequence[AppRow], now: datetime) -> str:
    """The human `list` output."""
    if not rows:
        return "no applications yet: add one with  jobtui add COMPANY ROLE"
    today = now.astimezone(dates.local_tz()).date()
    body = []
    for row in rows:
        app = row.app
        applied = ""
        if app.applied_on:
            age = (today - app.applied_on).days
            applied = f"{app.applied_on.isoformat()} ({dates.format_age(age)})"
        body.append(
            [
                app.id[:8],
                _one_line(app.company, 30),
                _one_line(app.role, 30),
                app.status.value,
                applied,
                row.next_action,
            ]
        )
    return _table(["ID", "COMPANY", "ROLE", "STATUS", "APPLIED", "NEXT"], body)


def followup_table(items: Sequence[FollowUp], now: datetime) -> str:
    """The human `followups` output."""
    if not items:
        return "nothing needs a follow-up right now"
    body = [
        [
            item.urgency.value.upper(),
            (item.interview_id or item.application_id)[:8],
            _one_line(f"{item.application.company} - {item.application.role}", 40),
            item.describe(now),
        ]
        for item in items
    ]
    return _table(["URGENCY", "ID", "APPLICATION", "WHAT"], body)


def record_json(store: Store, record: Record) -> dict[str, Any]:
    """`show --json`: the record's stored fields plus its type (and, for an application,
    its interviews, contacts and follow-up log)."""
    data: dict[str, Any] = {"type": type(record).__name__.lower(), **record.to_dict()}
    if isinstance(record, Application):
        data["interviews"] = [i.to_dict() for i in store.interviews(record.id)]
        data["contacts"] = [c.to_dict() for c in _contacts(store, record)]
        data["sent"] = [s.to_dict() for s in store.sent_log(record.id)]
    return data


def _contacts(store: Store, app: Application) -> list[Contact]:
    found = []
    for contact_id in app.contact_ids:
        try:
            found.append(store.get_contact(contact_id))
        except NotFoundError:
            continue
    return found


def record_text(store: Store, record: Record, now: datetime, rules: FollowUpRules) -> str:
    """`show`: every field of a record, then what belongs to it."""
    kind = type(record).__name__.lower()
    lines = [f"{kind} {record.id}"]
    specs = fields_for(record)
    width = max(len(s.name) for s in specs)
    for spec in specs:
        value = display_value(record, spec)
        if "\n" in value:
            lines.append(f"{spec.name}:")
            lines.extend(f"    {line}" for line in value.splitlines())
        else:
            lines.append(f"{spec.name.ljust(width)}  {value}")
    if isinstance(record, Interview):
        try:
            app = store.get_application(record.application_id)
            lines.append(f"{'application'.ljust(width)}  {app.id[:8]} {label(app)}")
        except NotFoundError:
            pass
    if isinstance(record, Application):
        lines.append("")
        lines.append("status history:")
        for change in record.status_history:
            lines.append(f"    {dates.format_when(change.at)}  {change.status.value}")
        interviews = store.interviews(record.id)
        lines.append("interviews:" if interviews else "interviews: none")
        for interview in interviews:
            people = ", ".join(p.name for p in interview.interviewers)
            lines.append(
                f"    {interview.id[:8]}  {dates.format_when(interview.starts_at)}  "
                f"{interview.kind.label}" + (f"  with {people}" if people else "")
            )
        contacts = _contacts(store, record)
        if contacts:
            lines.append("contacts:")
            lines.extend(
                f"    {c.id[:8]}  {c.name}  {c.title}  {c.email}".rstrip() for c in contacts
            )
        sent = store.sent_log(record.id)
        if sent:
            lines.append("follow-ups sent:")
            for entry in sent:
                to = f" to {entry.to}" if entry.to else ""
                lines.append(
                    f"    {dates.format_when(entry.at)}  {entry.kind.label}{to} ({entry.channel})"
                )
        items = followups_for(record, interviews, sent, now, rules)
        if items:
            lines.append("needs:")
            lines.extend(f"    {item.urgency.value}: {item.describe(now)}" for item in items)
    return "\n".join(lines)


def damaged_count(problems: Iterable[Problem]) -> int:
    """How many records ``problems`` are about (a record may have more than one)."""
    return len({(p.table, p.record_id) for p in problems})


def problem_json(problem: Problem) -> dict[str, str]:
    """One object of `jobtui check --json`'s problems."""
    return {
        "table": problem.table,
        "record_id": problem.record_id,
        "field": problem.field,
        "reason": problem.reason,
    }


def problem_table(problems: Sequence[Problem]) -> str:
    """`check`: one line per damaged record: its table, id, field and what is wrong."""
    body = [
        [printable(p.table), printable(p.record_id), printable(p.field), printable(p.reason)]
        for p in problems
    ]
    return _table(["TABLE", "ID", "FIELD", "PROBLEM"], body)
