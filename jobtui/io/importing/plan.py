"""What an import will do: each row sorted into add, update or skip against what is stored.

A jobtui export's records match by id; any row by URL (and role), else by company + role +
applied date. A CSV row never overwrites a stored application: it only moves it forward in
the pipeline (see :func:`_plan_csv_match`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobtui.core.model import Application, Contact, Interview, SentFollowUp
from jobtui.core.words import plural
from jobtui.io.importing.cells import STATUS_RANK
from jobtui.io.importing.formats import JSON_FORMAT
from jobtui.io.importing.matching import Index
from jobtui.io.importing.reading import read
from jobtui.io.importing.rows import ImportRow, Source

if TYPE_CHECKING:
    from jobtui.db.store import Store


@dataclass
class ImportPlan:
    """What an import will do (or, from apply_import, did).

    ``update`` pairs a row with the stored application it matches; ``skip`` pairs a row with
    the reason ("already there: same URL"); ``errors`` has one message per bad row;
    ``notes`` says how the file was read (encoding, date order); ``contacts`` are contacts
    of a jobtui export that belong to no application, new or newer than the stored ones.
    """

    format: str
    add: list[ImportRow] = field(default_factory=list)
    update: list[tuple[ImportRow, Application]] = field(default_factory=list)
    skip: list[tuple[ImportRow, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    origin: Source | None = field(default=None, repr=False, compare=False)

    def summary(self, *, done: bool = False) -> str:
        """ "3 to add, 1 to update, 5 already there, 1 bad row", then the notes, one a line.

        ``done=True`` words it as finished: "3 added, 1 updated, ...".
        """
        parts = [
            f"{len(self.add)} {'added' if done else 'to add'}",
            f"{len(self.update)} {'updated' if done else 'to update'}",
            f"{len(self.skip)} already there",
            plural(len(self.errors), "bad row"),
        ]
        if self.contacts:
            parts.append(
                f"{plural(len(self.contacts), 'other contact')} {'saved' if done else 'to save'}"
            )
        return "\n".join([", ".join(parts), *self.notes])

    def report_lines(self) -> list[str]:
        """One line per row, for ``--dry-run``: "add     line 2: Acme — Engineer"."""
        lines = [f"add     line {row.line}: {row.label}" for row in self.add]
        for row, existing in self.update:
            change = ""
            if row.application.status != existing.status:
                change = f" ({existing.status.value} -> {row.application.status.value})"
            lines.append(f"update  line {row.line}: {row.label}{change}")
        lines += [f"skip    line {row.line}: {row.label}: {why}" for row, why in self.skip]
        lines += [f"error   {message}" for message in self.errors]
        return lines


@dataclass
class Existing:
    """What is stored; None for the kinds the caller did not pass (taken as unknown)."""

    apps: Sequence[Application]
    interviews: dict[str, Interview] | None
    contacts: dict[str, Contact] | None
    sent_ids: set[str] | None

    @classmethod
    def of(
        cls,
        apps: Sequence[Application],
        interviews: Sequence[Interview] | None,
        contacts: Sequence[Contact] | None,
        sent: Sequence[SentFollowUp] | None,
    ) -> Existing:
        return cls(
            apps,
            None if interviews is None else {i.id: i for i in interviews},
            None if contacts is None else {c.id: c for c in contacts},
            None if sent is None else {s.id for s in sent},
        )

    @classmethod
    def in_store(cls, store: Store) -> Existing:
        """Everything ``store`` holds."""
        return cls.of(store.applications(), store.interviews(), store.contacts(), store.sent_log())


def _newer(record: Any, stored: Any) -> bool:
    """Is the imported record newer than the stored one (by updated_at)?"""
    if record.updated_at is None:
        return False
    return stored.updated_at is None or record.updated_at > stored.updated_at


def _new_or_newer(records: Iterable[Any], stored: dict[str, Any] | None) -> list[Any]:
    if stored is None:
        return list(records)
    return [r for r in records if r.id not in stored or _newer(r, stored[r.id])]


def make_plan(source: Source, existing: Existing) -> ImportPlan:
    """Sort what was read from a file into add, update and skip against ``existing``."""
    plan = ImportPlan(
        format=source.format,
        errors=list(source.errors),
        notes=list(source.notes),
        origin=source,
    )
    planner = _Planner(plan, existing, source.now)
    for row in source.rows:
        if source.format == JSON_FORMAT:
            planner.place_exported(row)
        else:
            planner.place_csv(row)
    plan.contacts = _loose_contacts(source, existing, planner.stored_by_id)
    return plan


class _Planner:
    """Places rows into a plan one by one, remembering what the file has already shown."""

    def __init__(self, plan: ImportPlan, existing: Existing, now: datetime) -> None:
        self.plan = plan
        self.existing = existing
        self.now = now
        self.stored = Index()
        self.stored_by_id = {app.id: app for app in existing.apps}
        for app in existing.apps:
            self.stored.add(app, app)
        self.in_file = Index()
        self.seen_ids: dict[str, int] = {}

    def place_exported(self, row: ImportRow) -> None:
        """A row of a jobtui export: matched by id first, then like any other row."""
        app = row.application
        if app.id in self.seen_ids:
            self.plan.skip.append((row, f"duplicate of line {self.seen_ids[app.id]} in this file"))
            return
        self.seen_ids[app.id] = row.line
        if app.id in self.stored_by_id:
            _plan_json_match(self.plan, row, self.stored_by_id[app.id], self.existing)
            return
        match = self.stored.find(app)
        if match is None:
            self.plan.add.append(_with_known_contacts(row, self.existing, self.plan.format))
        else:
            self.plan.skip.append((row, f"already there: {match[1]}"))

    def place_csv(self, row: ImportRow) -> None:
        """A CSV row: the export of one tracker may list a job twice; only the first counts."""
        app = row.application
        earlier = self.in_file.find(app)
        self.in_file.add(app, row.line)
        if earlier is not None:
            self.plan.skip.append((row, f"duplicate of line {earlier[0]} in this file"))
            return
        match = self.stored.find(app)
        if match is None:
            self.plan.add.append(_with_known_contacts(row, self.existing, self.plan.format))
        else:
            _plan_csv_match(self.plan, row, match[0], match[1], self.existing, self.now)


def _loose_contacts(
    source: Source, existing: Existing, stored_by_id: dict[str, Application]
) -> list[Contact]:
    """The export's contacts of no application that are to be saved."""
    if existing.contacts is None:
        # Not told what contacts are stored: if this export was imported before (one of its
        # applications is stored by id), its contacts are taken as there too.
        imported_before = any(row.application.id in stored_by_id for row in source.rows)
        return [] if imported_before else list(source.loose_contacts)
    return _new_or_newer(source.loose_contacts, existing.contacts)


def _plan_json_match(
    plan: ImportPlan, row: ImportRow, stored: Application, existing: Existing
) -> None:
    """An exported application already stored (same id): update only with news.

    Sub-records of a kind the caller did not pass are taken as already stored, so a dry run
    of a plain re-import says "already there"; apply_import checks them against the store.
    """
    interviews, contacts, sent = [], [], []
    if existing.interviews is not None:
        interviews = _new_or_newer(row.interviews, existing.interviews)
    if existing.contacts is not None:
        contacts = _new_or_newer(row.contacts, existing.contacts)
    if existing.sent_ids is not None:
        sent = [s for s in row.sent if s.id not in existing.sent_ids]
    app = row.application if _newer(row.application, stored) else stored
    if app is stored and not (interviews or contacts or sent):
        plan.skip.append((row, "already there: same id"))
        return
    plan.update.append((ImportRow(row.line, app, interviews, contacts, sent), stored))


def _plan_csv_match(
    plan: ImportPlan,
    row: ImportRow,
    stored: Application,
    why: str,
    existing: Existing,
    now: datetime,
) -> None:
    """A CSV row matching a stored application: skipped, unless it moves it forward.

    The stored application is the user's own, maybe edited since; a tracker's row never
    overwrites it. Only a later pipeline step (a saved job now applied to, an application
    now at interview) is taken, with the date the file gives, and empty fields are filled.
    """
    imported = row.application
    if stored.closed or STATUS_RANK[imported.status] <= STATUS_RANK[stored.status]:
        plan.skip.append((row, f"already there: {why}"))
        return
    merged = copy.deepcopy(stored)
    merged.set_status(imported.status, imported.status_since() or now)
    merged.applied_on = merged.applied_on or imported.applied_on
    for name in ("url", "location", "source", "salary_currency"):
        if not getattr(merged, name):
            setattr(merged, name, getattr(imported, name))
    if merged.salary_min is None and merged.salary_max is None:
        merged.salary_min, merged.salary_max = imported.salary_min, imported.salary_max
    merged.tags += [t for t in imported.tags if t not in merged.tags]
    if imported.notes and imported.notes not in merged.notes:
        merged.notes = f"{merged.notes}\n\n{imported.notes}" if merged.notes else imported.notes
    merged.updated_at = now
    resolved = _with_known_contacts(row, existing, plan.format)
    merged.contact_ids += [
        c for c in resolved.application.contact_ids if c not in merged.contact_ids
    ]
    plan.update.append((replace(resolved, application=merged), stored))


def _contact_key(contact: Contact) -> tuple[str, str]:
    if contact.email:
        return ("email", contact.email.casefold())
    return ("name", f"{contact.name}|{contact.company}".casefold())


def _with_known_contacts(row: ImportRow, existing: Existing, fmt: str) -> ImportRow:
    """A CSV row whose contact is already stored (same email, or name at the company) links
    to that contact instead of adding a second one."""
    if fmt == JSON_FORMAT:
        contacts = _new_or_newer(row.contacts, existing.contacts)
        return row if len(contacts) == len(row.contacts) else replace(row, contacts=contacts)
    if existing.contacts is None or not row.contacts:
        return row
    by_key: dict[tuple[str, str], Contact] = {}
    for contact in existing.contacts.values():
        if contact.email:
            by_key.setdefault(("email", contact.email.casefold()), contact)
        by_key.setdefault(("name", f"{contact.name}|{contact.company}".casefold()), contact)
    app = copy.deepcopy(row.application)
    new_contacts = []
    for contact in row.contacts:
        known = by_key.get(_contact_key(contact))
        if known is None:
            new_contacts.append(contact)
        else:
            app.contact_ids = [known.id if cid == contact.id else cid for cid in app.contact_ids]
    return replace(row, application=app, contacts=new_contacts)


def plan_import(
    path: Path,
    existing_apps: Sequence[Application],
    now: datetime,
    *,
    format: str | None = None,
    existing_interviews: Sequence[Interview] | None = None,
    existing_contacts: Sequence[Contact] | None = None,
    existing_sent: Sequence[SentFollowUp] | None = None,
) -> ImportPlan:
    """Read a file and sort its rows into add, update and skip against what is stored.

    Matching: a jobtui export's records by id first; then any row by URL (and role), else by
    company + role + applied date. Rows repeated within the file are skipped too.

    Updates: an exported application updates the stored one when its ``updated_at`` is newer
    or it brings interviews, contacts or log entries that are new or newer. A CSV row never
    overwrites a stored application; it only moves it forward in the pipeline (see
    :func:`_plan_csv_match`); otherwise it is skipped as already there.

    Pass the stored interviews, contacts and sent log too for an exact dry run (or use
    :func:`plan_import_into`); :func:`apply_import` re-checks against the store anyway.
    """
    source = read(path, now, format)
    existing = Existing.of(existing_apps, existing_interviews, existing_contacts, existing_sent)
    return make_plan(source, existing)


def plan_import_into(
    store: Store, path: Path, now: datetime, *, format: str | None = None
) -> ImportPlan:
    """:func:`plan_import` against everything in ``store`` (what ``--dry-run`` should show)."""
    source = read(path, now, format)
    return make_plan(source, Existing.in_store(store))
