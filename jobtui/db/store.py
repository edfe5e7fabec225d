"""Records in, records out, one durable save per change.

The data is plain dict tables in memory (:class:`_Tables`), parsed once from the file: a read
is a dict lookup or a scan of one table, a write replaces one record's dict in place. Every
save goes through :class:`jobtui.db.datafile.DatabaseFile`, which writes the whole file
atomically. Several changes can be grouped with :meth:`Store.transaction` into one save that
either lands whole or not at all.

The file keeps TinyDB's layout (``{"applications": {"<id>": {...}}, ..., "_meta": {...}}``,
each record keyed by its id), so ``tinydb.TinyDB(path)`` can still read it; TinyDB itself is
not used: its ``insert``/``update`` copy the whole table on every call.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from jobtui.core import dates
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    Record,
    RecordType,
    SentFollowUp,
    Status,
    record_type,
)
from jobtui.db.datafile import (
    DEFAULT_LOCK_WAIT,
    BackupPolicy,
    DatabaseFile,
    StorageError,
    describe_os_error,
    empty_database,
    parse_database,
    write_file_atomically,
)
from jobtui.db.integrity import Problem, bad_ids, find_problems, problem_of
from jobtui.db.json_pieces import Payload, as_bytes, decode_database
from jobtui.db.merge import TRASH_TABLE, MergeReport, merge_databases

APPLICATIONS = record_type(Application).table
INTERVIEWS = record_type(Interview).table
CONTACTS = record_type(Contact).table
SENT = record_type(SentFollowUp).table
TRASH = TRASH_TABLE
# Records an undo names when it takes them away, and whose typed notes it keeps in the
# trash (a follow-up log entry goes unnamed with the change that logged it).
_UNDOABLE_TABLES = frozenset({APPLICATIONS, INTERVIEWS, CONTACTS})


def _changed_records(old: dict[str, Any], new: dict[str, Any]) -> set[tuple[str, str]]:
    """(table, id) of every record that differs between two versions of the data."""
    changed: set[tuple[str, str]] = set()
    for table in set(old) | set(new):
        a, b = old.get(table) or {}, new.get(table) or {}
        changed.update((table, k) for k in set(a) | set(b) if a.get(k) != b.get(k))
    return changed


def _as_record(doc: Any, record_id: str) -> dict[str, Any]:
    """A stored record as a dict with its id (a damaged one may be neither)."""
    if isinstance(doc, dict):
        return {**doc, "id": record_id}
    return {"id": record_id, "value": doc}


def _back_in_trash(change: Change) -> set[str]:
    """Ids of the records that putting ``change`` back returns into a trash entry (the
    entry's record, an application's interviews and log): undoing a restore."""
    ids: set[str] = set()
    for (table, _), image in change.before.items():
        if table == TRASH and isinstance(image, dict):
            ids.update(
                d["id"]
                for d in [image.get("record"), *image.get("interviews", [])]
                if isinstance(d, dict) and "id" in d
            )
            ids.update(d["id"] for d in image.get("sent", []) if isinstance(d, dict) and "id" in d)
    return ids


def _keep_notes_in_entry(entry: dict[str, Any], notes_now: dict[str, str]) -> None:
    """A trash entry going back keeps the notes typed since its records were restored."""
    for doc in [entry.get("record"), *entry.get("interviews", [])]:
        if isinstance(doc, dict) and doc.get("id") in notes_now:
            doc["notes"] = notes_now[doc["id"]]


class NotFoundError(StorageError):
    """No record matches an id or id prefix."""


class AmbiguousIdError(StorageError):
    """An id prefix matches more than one record."""


class _Tables:
    """The database in memory (table name -> record id -> stored dict), saved through
    DatabaseFile.

    Inside a transaction writes are held back and flushed once at the end; if the
    flush (or the transaction) fails, memory is restored to what is on disk. If the file
    changed on disk since it was read, a flush merges the other side's changes first
    (see :mod:`jobtui.db.merge`) and ``merges`` says what was taken from them.
    """

    def __init__(self, file: DatabaseFile | None) -> None:
        self.file = file
        self.merges: list[str] = []  # reports of merges since the last take
        self.merged = False  # a merge (or reload) brought in records from elsewhere
        self.touched_elsewhere: set[tuple[str, str]] = set()  # records merged in from disk
        self._replace_on_save = False
        self._merge_report: MergeReport | None = None  # of the save under way
        # The bytes last known to be on disk: as read, or as the last save wrote them (in
        # pieces, joined only to roll back or merge). None: no file yet.
        self._committed: Payload | None
        if file is None:
            self._data: dict[str, Any] = empty_database()
            self._committed = orjson.dumps(self._data)
        else:
            self._data, raw = file.load()
            self._committed = raw
        self._depth = 0
        self._dirty = False
        self._aborted = False

    def read(self) -> dict[str, Any]:
        return self._data

    @property
    def committed(self) -> Payload | None:
        """The bytes of the last state known to be on disk (see json_pieces.as_bytes)."""
        return self._committed

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        if self._aborted:
            raise StorageError("an earlier step failed in this transaction; nothing was saved")
        if self._depth:
            self._dirty = True
            return
        self._flush()

    def _flush(self) -> None:
        try:
            if self.file is None:
                self._committed = orjson.dumps(self._data)
            else:
                merge = self._keep_ours if self._replace_on_save else self._merge
                self._merge_report = None
                self._committed, merged = self.file.save(self._data, merge=merge)
                if merged is not None:
                    self._data = merged
                    self._took_merge()
        except BaseException:
            self.rollback()
            raise
        finally:
            self._replace_on_save = False

    def write_replacing(self, data: dict[str, Any]) -> None:
        """Write ``data`` as the whole database, whatever is on disk now (a restore: the
        file on disk is kept as a backup first)."""
        self._replace_on_save = True
        self.write(data)

    def _keep_ours(self, theirs: dict[str, Any]) -> dict[str, Any]:
        return self._data

    def _merge(self, theirs: dict[str, Any]) -> dict[str, Any]:
        if self._committed:
            base = parse_database(as_bytes(self._committed), in_pieces=True)
        else:
            base = empty_database()
        merged, self._merge_report = merge_databases(base, self._data, theirs)
        return merged

    def _took_merge(self) -> None:
        # Only once the merged data is on disk: a save that fails took nothing from elsewhere
        # (the next one merges again).
        report, self._merge_report = self._merge_report, None
        if report is None:
            return
        self.merged = True
        self.touched_elsewhere |= report.touched
        if not report.empty:
            self.merges.append(report.summary())

    def begin(self) -> None:
        self._depth += 1

    def commit(self) -> None:
        """End one level; the outermost commit saves everything in one write."""
        self._depth -= 1
        if self._aborted:
            if self._depth == 0:
                self._aborted = False
            raise StorageError("an inner step failed, so none of these changes were saved")
        if self._depth == 0 and self._dirty:
            self._dirty = False
            self._flush()

    def abort(self) -> None:
        """A transaction level failed: drop every unsaved change (the whole outer transaction)."""
        self._depth -= 1
        self.rollback(keep_depth=True)
        # An outer level that catches the error and carries on must not save a half.
        self._aborted = self._depth > 0

    def rollback(self, *, keep_depth: bool = False) -> None:
        """Forget unsaved changes: memory goes back to the last saved state."""
        if not keep_depth:
            self._depth = 0
            self._aborted = False
        self._dirty = False
        raw = None if self._committed is None else as_bytes(self._committed)
        if not raw or raw.isspace():  # none yet, or a new (empty) file
            self._data = empty_database()
        else:
            self._data = decode_database(raw) or empty_database()

    def reload(self) -> None:
        if self.file is not None:
            # In pieces: the TUI's UI thread keeps running while another program's change
            # is read in (the first load, at start, is parsed in one call: it is faster).
            self._data, self._committed = self.file.load(in_pieces=True)
            self.merged = True

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


@dataclass
class Change:
    """One undoable change: what it was, and every record it touched as it was before."""

    description: str
    before: dict[tuple[str, str], dict[str, Any] | None] = field(default_factory=dict)


UNDO_DEPTH = 50

# Adding an interview to an application in one of these moves it on to interviewing.
_MOVES_TO_INTERVIEWING = frozenset({Status.APPLIED, Status.SCREENING})


def interview_before_applied(app: Application, interview: Interview) -> str | None:
    """A warning if the interview is dated before the application's applied date, else None."""
    if app.applied_on is None:
        return None
    day = dates.local_day(interview.starts_at)
    if day >= app.applied_on:
        return None
    return (
        f"the interview ({dates.format_day(day)}) is before the applied date "
        f"({dates.format_day(app.applied_on)}); check the dates"
    )


@dataclass
class TrashEntry:
    """A deleted record, kept so it can be restored."""

    id: str
    kind: str
    label: str
    deleted_at: datetime


class Store:
    """Every read and write of jobtui's data.

    ``path=None`` keeps everything in memory (tests, previews). ``read_only=True`` refuses
    writes; a file or folder that cannot be written opens read-only by itself
    (``read_only_reason`` says why). Nothing is locked between saves: each save takes the
    lock (waiting up to ``lock_wait`` seconds) and merges changes made elsewhere meanwhile.
    A damaged record (one that does not load) is left on disk as it is but skipped by every
    read (``skipped`` lists those met so far); ``problems`` checks every record in full
    (``jobtui check``) and :meth:`trash_bad_records` moves the damaged ones to the trash.
    ``clock`` supplies "now" for timestamps.
    """

    def __init__(
        self,
        path: Path | str | None,
        *,
        read_only: bool = False,
        clock: Callable[[], datetime] = dates.now,
        backups: BackupPolicy | None = None,
        lock_wait: float = DEFAULT_LOCK_WAIT,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.clock = clock
        file = None
        if self.path is not None:
            file = DatabaseFile(
                self.path, read_only=read_only, backups=backups, lock_wait=lock_wait
            )
        self.read_only = file.read_only if file is not None else read_only
        self.read_only_reason = file.read_only_reason if file is not None else None
        try:
            self._storage = _Tables(file)
        except BaseException:
            if file is not None:
                file.close()
            raise
        self._undo: list[Change] = []
        self._redo: list[Change] = []  # changes undone, newest last (redo does them again)
        self.removed_by_undo: list[str] = []
        self._recording: Change | None = None
        self._touched_apps: set[str] = set()
        self._touched_contacts = False
        self._skipped: dict[tuple[str, str], Problem] = {}

    @property
    def problems(self) -> list[Problem]:
        """Every damaged record, found by checking each one in full (slow: for check)."""
        return find_problems(self._storage.read())

    @property
    def skipped(self) -> list[Problem]:
        """Damaged records that reads met and left out (the views warn about these)."""
        return list(self._skipped.values())

    def _forget_skipped(self) -> None:
        self._skipped.clear()

    def _load(self, kind: type, table: str, docs: list[Any]) -> list[Any]:
        """Model objects of ``docs``; a record that does not load is skipped and noted."""
        loaded = []
        for doc in docs:
            try:
                loaded.append(kind.from_dict(doc))
            except Exception as exc:  # one bad record must not stop a read
                problem = problem_of(table, str(doc.get("id", "")), exc)
                self._skipped[(table, problem.record_id)] = problem
        return loaded

    def _get(self, rtype: RecordType, record_id: str) -> Any:
        doc = self._rows(rtype.table).get(record_id)
        if doc is None:
            raise NotFoundError(f'no {rtype.kind} with id "{record_id}"')
        try:
            return rtype.cls.from_dict(doc)
        except Exception as exc:  # a damaged record: say which
            problem = problem_of(rtype.table, record_id, exc)
            self._skipped[(rtype.table, record_id)] = problem
            raise NotFoundError(
                f"the {rtype.kind} {record_id} is damaged ({problem.field}: {problem.reason}); "
                "run 'jobtui check'"
            ) from None

    def take_warnings(self) -> list[str]:
        """Sentences for the user from the data layer since the last call: merges of
        changes made elsewhere, a backup that could not be made."""
        taken, self._storage.merges = self._storage.merges, []
        if self._storage.file is not None:
            taken.extend(self._storage.file.take_warnings())
        return taken

    def take_reloaded(self) -> bool:
        """True (once) if records came in from elsewhere (a merge or a reload) since the
        last call: a view built from the old data must be rebuilt in full."""
        if not self._storage.merged:
            return False
        self._storage.merged = False
        self._forget_skipped()
        return True

    # -- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        """Close the file. Every change is already on disk (no lock is held between saves)."""
        self._storage.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group changes into one save: all of them land, or (on error) none."""
        self._check_writable()
        self._storage.begin()
        try:
            yield
        except BaseException:
            self._storage.abort()
            raise
        self._storage.commit()

    @contextlib.contextmanager
    def change(self, description: str) -> Iterator[None]:
        """A transaction that :meth:`undo` can take back (several steps deep, this session).

        Notes saved outside a change are not undone: undoing a change keeps each record's
        current notes, so no typed word is lost.
        """
        if self._recording is not None:  # nested: part of the outer change
            with self.transaction():
                yield
            return
        self._recording = Change(description)
        try:
            with self.transaction():
                yield
        except BaseException:
            self._recording = None
            raise
        done, self._recording = self._recording, None
        if done.before:
            self._undo.append(done)
            del self._undo[:-UNDO_DEPTH]
            self._redo.clear()  # a new change: what was undone stays undone

    def _note_touched(self, table: str, record_id: str, doc: dict[str, Any] | None) -> None:
        if table == APPLICATIONS:
            self._touched_apps.add(record_id)
        elif table in (INTERVIEWS, SENT) and doc is not None:
            self._touched_apps.add(str(doc.get("application_id", "")))
        elif table == CONTACTS:
            self._touched_contacts = True

    def take_touched(self) -> tuple[set[str], bool]:
        """Applications changed since the last call (directly or through their interviews
        or follow-up log), and whether any contact changed. For redrawing only those."""
        touched = (self._touched_apps, self._touched_contacts)
        self._touched_apps, self._touched_contacts = set(), False
        return touched

    def undo(self) -> str | None:
        """Take back the last change (one save); return its description, or None if none.

        :meth:`redo` does it again. ``removed_by_undo`` names the records the undo took
        away because the change had made them (an undone add).
        """
        self._check_writable()
        self.removed_by_undo = []
        if not self._undo:
            return None
        last = self._undo[-1]
        self._refuse_if_changed_elsewhere(last, "undo", self._undo)
        self.removed_by_undo = self._removed_labels(last)
        after = self._put_back(last, trash_typed_notes=True)
        self._undo.pop()
        self._redo.append(Change(last.description, after))
        del self._redo[:-UNDO_DEPTH]
        return last.description

    def redo(self) -> str | None:
        """Do again the change the last :meth:`undo` took back (one save); return its
        description, or None if there is nothing to redo. Several steps deep; a new change
        ends the chain."""
        self._check_writable()
        self.removed_by_undo = []
        if not self._redo:
            return None
        last = self._redo[-1]
        self._refuse_if_changed_elsewhere(last, "redo", self._redo)
        before = self._put_back(last, trash_typed_notes=False)
        self._redo.pop()
        self._undo.append(Change(last.description, before))
        del self._undo[:-UNDO_DEPTH]
        return last.description

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _refuse_if_changed_elsewhere(self, change: Change, verb: str, stack: list[Change]) -> None:
        if self._storage.touched_elsewhere & set(change.before):
            # Putting our image back would silently revert a change made elsewhere.
            stack.pop()
            raise StorageError(
                f"cannot {verb} {change.description}: it was changed elsewhere since; "
                f"nothing was {verb}ne"
            )

    def _removed_labels(self, change: Change) -> list[str]:
        """What undoing ``change`` takes away: the records it made, as "the application …"."""
        data = self._storage.read()
        back_to_trash = _back_in_trash(change)  # an undone restore puts them back there
        labels = []
        for (table, record_id), before in change.before.items():
            current = data.get(table, {}).get(record_id)
            if (
                before is None
                and table in _UNDOABLE_TABLES
                and isinstance(current, dict)
                and record_id not in back_to_trash
            ):
                labels.append(record_type(table).mention(current))
        return labels

    def _put_back(
        self, change: Change, *, trash_typed_notes: bool
    ) -> dict[tuple[str, str], dict[str, Any] | None]:
        """Write ``change``'s images back (one save), each record keeping its current notes
        and kept draft; return the images they replaced (to go the other way)."""
        data = self._storage.read()
        replaced: dict[tuple[str, str], dict[str, Any] | None] = {}
        back_to_trash = _back_in_trash(change)
        # Notes as they are now, for records an undone restore puts back into the trash.
        notes_now = {
            record_id: doc["notes"]
            for (table, record_id) in change.before
            if record_id in back_to_trash
            and isinstance(doc := data.get(table, {}).get(record_id), dict)
            and "notes" in doc
        }
        with self.transaction():
            for (table, record_id), image in change.before.items():
                rows = data.setdefault(table, {})
                current = rows.get(record_id)
                replaced[(table, record_id)] = copy.deepcopy(current)
                self._note_touched(table, record_id, image or current)
                if image is None:
                    rows.pop(record_id, None)
                    if (
                        trash_typed_notes
                        and record_id not in back_to_trash
                        and current is not None
                        and table in _UNDOABLE_TABLES
                        and (current.get("notes") or current.get("draft"))
                    ):
                        # Made by the change, but notes or a draft were typed since: keep
                        # them in the trash (undelete, or redo, brings them back).
                        trash = data.setdefault(TRASH, {})
                        replaced.setdefault((TRASH, record_id), copy.deepcopy(trash.get(record_id)))
                        trash[record_id] = self._trash_entry(record_type(table), current)
                    continue
                restored = copy.deepcopy(image)
                if table == TRASH:
                    _keep_notes_in_entry(restored, notes_now)
                elif current is not None:
                    # Typed since (notes, a kept draft): never taken back by undo or redo.
                    if "notes" in current:
                        restored["notes"] = current["notes"]
                    if current.get("draft") is not None:
                        restored["draft"] = current["draft"]
                rows[record_id] = restored
            self._storage.write(data)
        return replaced

    def reload_if_changed(self) -> bool:
        """Pick up changes made elsewhere (another jobtui, a sync tool). True if reloaded.

        Everything of ours is already on disk (every change is saved at once), so reading
        the file again loses nothing.
        """
        file = self._storage.file
        if file is not None and file.changed_on_disk() and not file.same_as_known():
            before = self._storage.read()
            self._storage.reload()
            self._storage.touched_elsewhere |= _changed_records(before, self._storage.read())
            self._forget_skipped()
            return True
        return False

    def _check_writable(self) -> None:
        if self.read_only:
            why = self.read_only_reason or "it is open read-only"
            raise StorageError(f"{self.path} cannot be changed: {why}; nothing was saved")

    # -- generic record access --------------------------------------------

    def _rows(self, table: str) -> dict[str, dict[str, Any]]:
        """One table's records by id, as stored (read them, do not change them)."""
        return self._storage.read().get(table, {})

    def _children(self, table: str, application_id: str) -> list[dict[str, Any]]:
        """The stored records of ``table`` (interviews, sent) that belong to one application."""
        return [d for d in self._rows(table).values() if d.get("application_id") == application_id]

    def _put(self, table: str, doc: dict[str, Any]) -> None:
        # Insert or replace in place: no copy of the table (TinyDB's insert/update copied
        # the whole table on every call, which made a bulk build of 10k records take minutes).
        data = self._storage.read()
        rows = data.setdefault(table, {})
        self._remember(table, doc["id"], rows.get(doc["id"]), doc)
        rows[doc["id"]] = doc
        self._storage.write(data)

    def _remove(self, table: str, ids: list[str]) -> None:
        data = self._storage.read()
        rows = data.get(table, {})
        for record_id in ids:
            if record_id in rows:
                self._remember(table, record_id, rows[record_id], None)
                del rows[record_id]
        self._storage.write(data)

    def _remember(
        self,
        table: str,
        record_id: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self._note_touched(table, record_id, before or after)
        # Inside change(): keep each touched record's first before-image, for undo.
        recording = self._recording
        if recording is not None and (table, record_id) not in recording.before:
            recording.before[(table, record_id)] = copy.deepcopy(before)

    def save(self, record: Record, *, keep_timestamps: bool = False) -> Record:
        """Validate and save an application, interview or contact (insert or replace).

        ``keep_timestamps`` keeps a record's own created/updated times (imports), else
        updated_at becomes now.
        """
        self._check_writable()
        record.validate()
        if isinstance(record, Interview):
            self.get_application(record.application_id)  # must exist
        now = self.clock()
        if record.created_at is None:
            record.created_at = now
        if not keep_timestamps or record.updated_at is None:
            record.updated_at = now
        self._put(record_type(record).table, record.to_dict())
        return record

    def log_sent(
        self, entry: SentFollowUp, *, thank_you_interview: Interview | None = None
    ) -> None:
        """Log a follow-up that was sent (and, for a thank-you, mark the interview) in one save."""
        self._check_writable()
        entry.validate()
        with self.transaction():
            self._put(SENT, entry.to_dict())
            if thank_you_interview is not None:
                thank_you_interview.thank_you_sent_at = entry.at
                self.save(thank_you_interview)

    # -- applications ------------------------------------------------------

    def applications(self, *, status: Status | None = None) -> list[Application]:
        """All applications (optionally with one status), newest first."""
        apps = self._load(Application, APPLICATIONS, list(self._rows(APPLICATIONS).values()))
        if status is not None:
            apps = [a for a in apps if a.status == status]
        apps.sort(key=lambda a: a.created_at or datetime.min.replace(tzinfo=dates.local_tz()))
        apps.reverse()
        return apps

    def get_application(self, app_id: str) -> Application:
        return self._get(record_type(Application), app_id)

    def save_with_contacts(self, app: Application, contacts: list[Contact]) -> Application:
        """Save an application and exactly these contacts as its contacts, in one save."""
        self._check_writable()
        with self.transaction():
            for contact in contacts:
                self.save(contact)
            app.contact_ids = [c.id for c in contacts]
            self.save(app)
        return app

    def set_status(self, app: Application, status: Status) -> bool:
        """Change an application's status (recorded in its history); False if unchanged."""
        changed = app.set_status(status, self.clock())
        if changed:
            self.save(app)
        return changed

    # -- interviews --------------------------------------------------------

    def interviews(self, application_id: str | None = None) -> list[Interview]:
        """Interviews in time order, all or one application's."""
        docs = (
            list(self._rows(INTERVIEWS).values())
            if application_id is None
            else self._children(INTERVIEWS, application_id)
        )
        found = self._load(Interview, INTERVIEWS, docs)
        found.sort(key=lambda i: i.starts_at)
        return found

    def get_interview(self, interview_id: str) -> Interview:
        return self._get(record_type(Interview), interview_id)

    def add_interview(self, interview: Interview) -> Status | None:
        """Save a new interview; an application still applied or screening moves to
        interviewing (recorded in its status history) in the same save.

        Returns the application's new status, or None if it was left as it was.
        """
        self._check_writable()
        interview.validate()
        app = self.get_application(interview.application_id)
        moved = app.status in _MOVES_TO_INTERVIEWING
        with self.transaction():
            self.save(interview)
            if moved:
                self.set_status(app, Status.INTERVIEWING)
        return Status.INTERVIEWING if moved else None

    # -- contacts ----------------------------------------------------------

    def contacts(self) -> list[Contact]:
        found = self._load(Contact, CONTACTS, list(self._rows(CONTACTS).values()))
        found.sort(key=lambda c: c.name.lower())
        return found

    def get_contact(self, contact_id: str) -> Contact:
        return self._get(record_type(Contact), contact_id)

    # -- follow-up log -----------------------------------------------------

    def sent_log(self, application_id: str | None = None) -> list[SentFollowUp]:
        """Logged follow-ups, oldest first."""
        docs = (
            list(self._rows(SENT).values())
            if application_id is None
            else self._children(SENT, application_id)
        )
        entries = self._load(SentFollowUp, SENT, docs)
        entries.sort(key=lambda e: e.at)
        return entries

    def interviews_by_application(self) -> dict[str, list[Interview]]:
        """Every interview, grouped by application id, each group in time order."""
        grouped: dict[str, list[Interview]] = {}
        for interview in self.interviews():
            grouped.setdefault(interview.application_id, []).append(interview)
        return grouped

    def sent_by_application(self) -> dict[str, list[SentFollowUp]]:
        """The follow-up log grouped by application id, oldest first."""
        grouped: dict[str, list[SentFollowUp]] = {}
        for entry in self.sent_log():
            grouped.setdefault(entry.application_id, []).append(entry)
        return grouped

    # -- ids -----------------------------------------------------------------

    def resolve(
        self, prefix: str, *, kinds: tuple[type, ...] = (Application, Interview, Contact)
    ) -> Record:
        """The one record whose id starts with ``prefix`` (like git); clear errors otherwise."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise NotFoundError("an id is required")
        types = [record_type(kind) for kind in kinds]
        hits = [
            (rtype, doc_id)
            for rtype in types
            for doc_id in self._storage.read().get(rtype.table, {})
            if doc_id.startswith(prefix)
        ]
        wanted = " or ".join(t.kind for t in types)
        if not hits:
            raise NotFoundError(f'no {wanted} with an id starting "{prefix}"')
        if len(hits) > 1:
            shown = ", ".join(f"{doc_id[:8]} ({t.kind})" for t, doc_id in hits[:5])
            more = f" and {len(hits) - 5} more" if len(hits) > 5 else ""
            raise AmbiguousIdError(
                f'id "{prefix}" is ambiguous: it matches {shown}{more}; type more of it'
            )
        rtype, doc_id = hits[0]
        return self._get(rtype, doc_id)

    # -- delete and restore -------------------------------------------------

    def delete(self, record: Record) -> str:
        """Move a record (an application with its interviews and log) to the trash.

        Returns the trash id, which :meth:`restore` takes.
        """
        self._check_writable()
        rtype = record_type(record)
        entry = self._trash_entry(rtype, record.to_dict())
        with self.transaction():
            if isinstance(record, Application):
                interviews = self._children(INTERVIEWS, record.id)
                sent = self._children(SENT, record.id)
                entry["interviews"] = [dict(d) for d in interviews]
                entry["sent"] = [dict(d) for d in sent]
                self._remove(INTERVIEWS, [d["id"] for d in interviews])
                self._remove(SENT, [d["id"] for d in sent])
            self._remove(rtype.table, [record.id])
            self._put(TRASH, entry)
        return record.id

    def trash_bad_records(self) -> int:
        """Move every damaged record into the trash (one save); return how many moved.

        An application goes with its interviews and log, as in :meth:`delete`. Nothing is
        changed on the records themselves: ``undelete`` brings them back as they were.
        """
        self._check_writable()
        problems = self.problems
        if not problems:
            return 0
        data = self._storage.read()
        moved = 0
        with self.transaction():
            for table, ids in bad_ids(problems).items():
                rows = data.get(table, {})
                for record_id in sorted(ids):
                    doc = rows.get(record_id)
                    if doc is None:
                        continue  # already moved with its application
                    entry = self._trash_entry(record_type(table), _as_record(doc, record_id))
                    if table == APPLICATIONS:
                        for child in (INTERVIEWS, SENT):
                            kids = [
                                k
                                for k, d in data.get(child, {}).items()
                                if isinstance(d, dict) and d.get("application_id") == record_id
                            ]
                            entry[child] = [data[child].pop(k) for k in kids]
                            moved += len(kids)
                    rows.pop(record_id)
                    data.setdefault(TRASH, {})[record_id] = entry
                    moved += 1
            self._storage.write(data)
        self._forget_skipped()
        return moved

    def _trash_entry(self, rtype: RecordType, doc: dict[str, Any]) -> dict[str, Any]:
        """A trash entry for one record's stored dict (its interviews and log added later)."""
        return {
            "id": doc["id"],
            "kind": rtype.kind,
            "label": rtype.label(doc),
            "deleted_at": dates.to_iso(self.clock()),
            "record": copy.deepcopy(doc),
            "interviews": [],
            "sent": [],
        }

    def trash(self) -> list[TrashEntry]:
        """Deleted records, newest first."""
        entries = [
            TrashEntry(
                id=d["id"],
                kind=d["kind"],
                label=d.get("label", ""),
                deleted_at=dates.from_iso(d["deleted_at"]),
            )
            for d in self._rows(TRASH).values()
        ]
        entries.sort(key=lambda e: e.deleted_at, reverse=True)
        return entries

    def restore(self, trash_id: str) -> Record | None:
        """Bring a deleted record back (with an application's interviews and log).

        A record that was trashed because it is damaged goes back exactly as it was stored
        (``jobtui check`` names it again); then None is returned instead of the record.
        """
        self._check_writable()
        doc = self._rows(TRASH).get(trash_id)
        if doc is None:
            raise NotFoundError(f'nothing in the trash with id "{trash_id}"')
        rtype = record_type(doc["kind"])
        record: Record | None
        try:
            record = rtype.cls.from_dict(doc["record"])
            stored = record.to_dict()
        except Exception:  # damaged: back as it was, untouched
            record, stored = None, copy.deepcopy(doc["record"])
        with self.transaction():
            if isinstance(record, Interview):
                self.get_application(record.application_id)
            self._put(rtype.table, stored)
            for interview in doc.get("interviews", []):
                self._put(INTERVIEWS, interview)
            for sent in doc.get("sent", []):
                self._put(SENT, sent)
            self._remove(TRASH, [trash_id])
        self._forget_skipped()
        return record

    # -- backups ---------------------------------------------------------------

    def backup_to(self, folder: Path | None = None) -> Path:
        """Write a copy of the database as it is on disk (atomically) and return its path.

        Default folder: the rolling-backups folder, as ``manual-<time>.json`` (never pruned).
        """
        file = self._storage.file
        if file is None or self.path is None:
            raise StorageError("an in-memory database has no file to back up")
        folder = folder or file.backups_dir
        stamp = self.clock().astimezone(dates.local_tz()).strftime("%Y%m%d-%H%M%S")
        name = "manual" if folder == file.backups_dir else self.path.stem
        target = folder / f"{name}-{stamp}.json"
        counter = 1
        while target.exists():
            counter += 1
            target = folder / f"{name}-{stamp}-{counter}.json"
        payload = self._committed_bytes()
        try:
            write_file_atomically(target, payload)
        except OSError as exc:
            raise StorageError(
                f"cannot write the backup {target}: {describe_os_error(exc)}"
            ) from None
        return target

    def restore_from(self, backup: Path) -> Path | None:
        """Replace the whole database with a backup file's content (checked first).

        The current file is kept as a rolling backup first; its path is returned.
        """
        self._check_writable()
        try:
            raw = backup.read_bytes()
        except OSError as exc:
            raise StorageError(f"cannot read {backup}: {exc.strerror}") from None
        try:
            data = parse_database(raw)
        except ValueError as exc:
            raise StorageError(f"{backup} cannot be restored: {exc}") from None
        self._storage.write_replacing(data)
        self._undo.clear()
        self._redo.clear()
        self._forget_skipped()
        file = self._storage.file
        kept = file.backups() if file is not None else []
        return kept[0] if kept else None

    def _committed_bytes(self) -> Payload:
        committed = self._storage.committed
        return committed if committed is not None else orjson.dumps(empty_database())

    # -- counts --------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {name: len(self._rows(name)) for name in (APPLICATIONS, INTERVIEWS, CONTACTS, SENT)}
