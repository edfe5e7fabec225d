"""Merging someone else's changes into ours, record by record (pure: dicts in, dicts out).

When the database file changed on disk since we read it (another jobtui, a CLI command, a
sync tool, a backup restored by hand), a save first merges three versions of the data: the
``base`` we read, ``ours`` (base plus our changes) and ``theirs`` (what is on disk now).

- A record changed on one side only takes that side's version (added, changed or deleted).
- A record changed on both sides is merged field by field; where both changed the same
  field, the record with the newer ``updated_at`` wins that field.
- A record deleted on one side and changed on the other stays deleted, but the changed
  version replaces the copy in its trash entry, so ``undelete`` brings back the change.
  Without a trash entry to hold it, the changed record is kept: nothing typed is lost.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from jobtui.core.model import record_type

META_TABLE = "_meta"
_NEVER = datetime.min.replace(tzinfo=UTC)
TRASH_TABLE = "trash"
# Where an application's trash entry keeps the records deleted with it.
_TRASH_SLOTS = {"interviews": "interviews", "sent": "sent"}


@dataclass
class MergeReport:
    """What a merge took from the other side, in words for the user."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    conflicts: list[str] = field(default_factory=list)
    # (table, id) of every record the other side's version decided, in whole or in part.
    touched: set[tuple[str, str]] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed or self.conflicts)

    def summary(self) -> str:
        """One sentence: "merged changes made elsewhere: 1 added, 2 changed"."""
        counts = ((self.added, "added"), (self.changed, "changed"), (self.removed, "deleted"))
        parts = [f"{count} {word}" for count, word in counts if count]
        text = "merged changes made elsewhere: " + (", ".join(parts) or "no record changes")
        if self.conflicts:
            text += "; " + "; ".join(self.conflicts)
        return text


def merge_databases(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], MergeReport]:
    """The three-way merge of whole databases; returns (merged data, report)."""
    report = MergeReport()
    merged: dict[str, Any] = {META_TABLE: copy.deepcopy(theirs.get(META_TABLE) or ours[META_TABLE])}
    orphans: list[tuple[str, str, dict[str, Any]]] = []  # changed here, deleted there (or back)
    names = [n for n in dict.fromkeys([*ours, *theirs]) if n != META_TABLE]
    for name in names:
        merged[name] = _merge_table(
            name,
            base.get(name) or {},
            ours.get(name) or {},
            theirs.get(name) or {},
            report,
            orphans,
        )
    for table, record_id, changed in orphans:
        if not _stash_in_trash(merged.get(TRASH_TABLE) or {}, table, record_id, changed):
            merged.setdefault(table, {})[record_id] = changed
            report.conflicts.append(
                f"{_label(table, changed)} was deleted on one side and changed on the other: kept"
            )
        else:
            report.conflicts.append(
                f"{_label(table, changed)} was deleted on one side and changed on the other: "
                "deleted, with the change kept in the trash"
            )
    return merged, report


def _merge_table(
    name: str,
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    report: MergeReport,
    orphans: list[tuple[str, str, dict[str, Any]]],
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for record_id in dict.fromkeys([*ours, *theirs]):
        b, o, t = base.get(record_id), ours.get(record_id), theirs.get(record_id)
        if o == t:
            chosen = o
        elif o == b:  # only they changed it
            chosen = t
            report.touched.add((name, record_id))
            if t is None:
                report.removed += 1
            elif b is None:
                report.added += 1
            else:
                report.changed += 1
        elif t == b:  # only we changed it
            chosen = o
        elif o is None or t is None:  # one side deleted, the other changed
            orphans.append((name, record_id, copy.deepcopy(o if t is None else t)))
            report.touched.add((name, record_id))
            chosen = None
        else:
            chosen = _merge_record(b or {}, o, t)
            report.changed += 1
            report.touched.add((name, record_id))
            clash = _clashing_fields(b or {}, o, t)
            if clash:
                kept = "this" if _when(o) >= _when(t) else "the other"
                report.conflicts.append(
                    f"{_label(name, chosen)}: {', '.join(clash)} changed on both sides, "
                    f"kept {kept} side's newer version"
                )
        if chosen is not None:
            result[record_id] = chosen
    return result


def _merge_record(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]) -> dict:
    """Field by field; a field both sides changed goes to the newer record."""
    ours_newer = _when(ours) >= _when(theirs)
    merged: dict[str, Any] = {}
    for key in dict.fromkeys([*ours, *theirs]):
        o, t, b = ours.get(key), theirs.get(key), base.get(key)
        if o == t or t == b:
            value = o
        elif o == b:
            value = t
        else:
            value = o if ours_newer else t
        if value is not None or key in ours or key in theirs:
            merged[key] = copy.deepcopy(value)
    newest = ours if ours_newer else theirs
    if newest.get("updated_at"):
        merged["updated_at"] = newest["updated_at"]
    return merged


def _when(doc: dict[str, Any]) -> datetime:
    """A record's updated_at as an instant (two machines may write different UTC offsets);
    the oldest possible time if it has none or it does not read."""
    try:
        value = datetime.fromisoformat(str(doc.get("updated_at")))
    except ValueError:
        return _NEVER
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _clashing_fields(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]) -> list:
    keys = dict.fromkeys([*ours, *theirs])
    return [
        k
        for k in keys
        if k != "updated_at"
        and ours.get(k) != theirs.get(k)
        and ours.get(k) != base.get(k)
        and theirs.get(k) != base.get(k)
    ]


def _stash_in_trash(trash: dict[str, Any], table: str, record_id: str, changed: dict) -> bool:
    """Put ``changed`` where the trash keeps this record; False if no entry holds it."""
    entries = [e for e in trash.values() if isinstance(e, dict)]
    for entry in entries:  # deleted on its own: the entry is the record's
        if entry.get("id") == record_id and isinstance(entry.get("record"), dict):
            entry["record"] = changed
            return True
    slot = _TRASH_SLOTS.get(table)
    for entry in entries:  # deleted with its application
        held = entry.get(slot) if slot else None
        if not isinstance(held, list):
            continue
        for index, doc in enumerate(held):
            if isinstance(doc, dict) and doc.get("id") == record_id:
                held[index] = changed
                return True
    return False


def _label(table: str, doc: dict[str, Any]) -> str:
    """The record in a sentence: "the application Acme — Dev", "the contact Dana"."""
    try:
        return record_type(table).mention(doc)
    except KeyError:  # the trash, or a table of a newer jobtui
        return f"{table} record {str(doc.get('id', ''))[:8]}"
