"""Plain-text and JSON output for the command line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from jobtui.core import dates
from jobtui.core.fields import display_value, fields_for
from jobtui.core.followup import FollowUp, Urgency
from jobtui.core.model import Application, Interview, SentFollowUp, record_type
from jobtui.core.overview import AppRow
from jobtui.core.textsafe import strip_controls, visible
from jobtui.core.words import plural
from jobtui.db.integrity import Problem
from jobtui.db.store import TrashEntry
from jobtui.ops.views import NO_TEXT, Checked, RecordDetails, sent_messages

if TYPE_CHECKING:
    from jobtui.core.drafts import TemplateInfo
    from jobtui.ops.transfer import BackupInfo

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


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    rows = [[printable(cell) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def one_line(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def application_table(rows: Sequence[AppRow], now: datetime) -> str:
    """The human `list` output."""
    if not rows:
        return "no applications yet: add one with  jobtui add COMPANY ROLE"
    today = dates.local_day(now)
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
                one_line(app.company, 30),
                one_line(app.role, 30),
                app.status.value,
                applied,
                row.next_action,
            ]
        )
    return table(["ID", "COMPANY", "ROLE", "STATUS", "APPLIED", "NEXT"], body)


def followups_line(items: Sequence[FollowUp]) -> str:
    """`jobtui followups --format line`: "2 overdue, 3 due" for a status bar; "" when
    nothing is due (what is only coming up is left out)."""
    overdue = sum(1 for item in items if item.urgency == Urgency.OVERDUE)
    due = sum(1 for item in items if item.urgency == Urgency.DUE)
    parts = [f"{overdue} overdue" if overdue else "", f"{due} due" if due else ""]
    return ", ".join(part for part in parts if part)


def followup_table(items: Sequence[FollowUp], now: datetime) -> str:
    """The human `followups` output."""
    if not items:
        return "nothing needs a follow-up right now"
    body = [
        [
            item.urgency.value.upper(),
            (item.interview_id or item.application_id)[:8],
            one_line(item.application.label, 40),
            item.describe(now),
        ]
        for item in items
    ]
    return table(["URGENCY", "ID", "APPLICATION", "WHAT"], body)


def record_json(details: RecordDetails) -> dict[str, Any]:
    """`show --json`: the record's stored fields plus its type (and, for an application,
    its interviews, contacts and sent log; for an interview, the messages sent about it)."""
    record = details.record
    data: dict[str, Any] = {"type": record_type(record).kind, **record.to_dict()}
    if isinstance(record, Application):
        data["interviews"] = [i.to_dict() for i in details.interviews]
        data["contacts"] = [c.to_dict() for c in details.contacts]
    if isinstance(record, Application | Interview):
        data["sent"] = [s.to_dict() for s in details.sent]  # each with its subject and body
    return data


def record_text(details: RecordDetails, now: datetime) -> str:
    """`show`: every field of a record, then what belongs to it."""
    record = details.record
    lines = [f"{record_type(record).kind} {record.id}"]
    if isinstance(record, Interview) and record.cancelled:
        lines[0] += "  CANCELLED (it did not take place: nothing is owed for it)"
    specs = fields_for(record)
    width = max(len(s.name) for s in specs)
    for spec in specs:
        if spec.name == "description":  # the posting: printed after everything else
            continue
        value = display_value(record, spec)
        if "\n" in value:
            lines.append(f"{spec.name}:")
            lines.extend(f"    {line}" for line in value.splitlines())
        else:
            lines.append(f"{spec.name.ljust(width)}  {value}")
    if isinstance(record, Interview) and details.application is not None:
        app = details.application
        lines.append(f"{'application'.ljust(width)}  {app.id[:8]} {app.label}")
    if isinstance(record, Interview) and details.sent:
        lines.append("")
        lines.extend(sent_lines(details.sent))
    if isinstance(record, Application):
        lines.append("")
        lines.extend(_belongings(details, now))
        lines.extend(_posting(record))
    return "\n".join(lines)


def _posting(app: Application) -> list[str]:
    """The posting kept from the job's page, for `show`: its Markdown, indented."""
    if not app.description.strip():
        return []
    read = app.posting_fetched_at
    title = f"posting (read {dates.format_when(read)}):" if read else "posting:"
    return ["", title, *(f"    {line}".rstrip() for line in app.description.splitlines())]


def _belongings(details: RecordDetails, now: datetime) -> list[str]:
    """An application's history, interviews, contacts, sent log and needs, for `show`."""
    assert isinstance(details.record, Application)
    lines = ["status history:"]
    for change in details.record.status_history:
        lines.append(f"    {dates.format_when(change.at)}  {change.status.value}")
    lines.append("interviews:" if details.interviews else "interviews: none")
    for interview in details.interviews:
        people = ", ".join(p.name for p in interview.interviewers)
        lines.append(
            f"    {interview.id[:8]}  {dates.format_when(interview.starts_at)}  "
            f"{interview.kind.label}"
            + (f"  with {people}" if people else "")
            + ("  CANCELLED" if interview.cancelled else "")
        )
    if details.record.tasks:
        lines.append("tasks:")
        for task in details.record.tasks:
            done = f"done {dates.format_when(task.done_at)}" if task.done_at else "open"
            due = f"  due {dates.format_dated(task.due, now)}" if task.due else ""
            lines.append(f"    {task.id[:8]}  {one_line(task.text, 60)}  ({done}){due}")
    if details.contacts:
        lines.append("contacts:")
        lines.extend(
            f"    {c.id[:8]}  {c.name}  {c.title}  {c.email}".rstrip() for c in details.contacts
        )
    lines.extend(sent_lines(details.sent))
    if details.needs:
        lines.append("needs:")
        lines.extend(f"    {item.urgency.value}: {item.describe(now)}" for item in details.needs)
    return lines


def sent_lines(sent: Iterable[SentFollowUp]) -> list[str]:
    """`show`'s messages sent, newest first: when, kind, to whom and the channel, then
    the subject and the body indented under it ([] when nothing was sent)."""
    entries = sent_messages(sent)
    if not entries:
        return []
    lines = ["messages sent (newest first):"]
    for entry in entries:
        to = f" to {entry.to}" if entry.to else ""
        channel = f" ({entry.channel})" if entry.channel else ""
        lines.append(f"    {dates.format_when(entry.at)}  {entry.kind.label}{to}{channel}")
        if not (entry.subject or entry.body):
            lines.append(f"        ({NO_TEXT})")
            continue
        if entry.subject:
            lines.append(f"        Subject: {entry.subject}")
        if entry.subject and entry.body:
            lines.append("")
        lines.extend(f"        {line}".rstrip() for line in entry.body.splitlines())
    return lines


def trash_json(entry: TrashEntry) -> dict[str, Any]:
    """One object of `jobtui trash --json`."""
    return {
        "id": entry.id,
        "kind": entry.kind,
        "label": entry.label,
        "deleted_at": dates.to_iso(entry.deleted_at),
    }


def trash_line(entry: TrashEntry) -> str:
    """One line of `jobtui trash`."""
    return f"{entry.id[:8]}  {entry.kind:<11}  {dates.format_when(entry.deleted_at)}  {entry.label}"


def template_json(info: TemplateInfo) -> dict[str, str]:
    """One object of `jobtui templates --json`."""
    return {"name": info.name, "source": info.source, "title": info.title, "path": str(info.path)}


def template_lines(infos: Sequence[TemplateInfo]) -> list[str]:
    """`jobtui templates`: name, source, title and path in columns."""
    width = max(len(t.name) for t in infos)
    title_width = max(len(t.title) for t in infos)
    return [f"{t.name:<{width}}  {t.source:<8}  {t.title:<{title_width}}  {t.path}" for t in infos]


def backup_json(info: BackupInfo) -> dict[str, Any]:
    """One object of `jobtui backups --json`."""
    return {
        "path": str(info.path),
        "saved_at": dates.to_iso(info.saved_at),
        "applications": info.applications,
        "problem": info.problem or None,
    }


def backup_line(info: BackupInfo) -> str:
    """One line of `jobtui backups`."""
    what = (
        plural(info.applications, "application")
        if info.applications is not None
        else f"UNREADABLE: {info.problem}"
    )
    return f"{dates.format_when(info.saved_at)}  {what:<18}  {info.path}"


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
    return table(["TABLE", "ID", "FIELD", "PROBLEM"], body)


def check_json(checked: Checked, config_problems: Sequence[str]) -> dict[str, Any]:
    """`jobtui check --json`."""
    return {
        "records": checked.records,
        "problems": [problem_json(p) for p in checked.problems],
        "backup": str(checked.backup) if checked.backup else None,
        "moved_to_trash": checked.moved_to_trash,
        "config_problems": list(config_problems),
    }


def check_text(checked: Checked) -> str:
    """`jobtui check`: all good, or the damaged records and what to do (or what --fix did)."""
    total, moved = checked.records, checked.moved_to_trash
    if not checked.problems:
        return f"{plural(total, 'record')}, all good"
    lines = [problem_table(checked.problems)]
    if checked.backup is None:
        bad = damaged_count(checked.problems)
        lines.append(
            f"{bad} of {total} records are damaged; "
            "'jobtui check --fix' takes a backup and moves them into the trash"
        )
    else:
        lines.append(f"backup written to {checked.backup}")
        lines.append(
            f"moved {plural(moved, 'damaged record')} into the trash; "
            "'jobtui trash' lists them, 'jobtui undelete ID' brings one back"
        )
    return "\n".join(lines)
