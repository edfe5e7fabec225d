"""One function per subcommand. Each takes the parsed args and returns an exit status."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from jobtui import locations
from jobtui.cli import CommandError, render
from jobtui.cli.parser import UsageError
from jobtui.config import ConfigError, key_problems, load_config
from jobtui.core import dates
from jobtui.core.fields import parse_list, parse_money, set_field
from jobtui.core.followup import all_followups, followups_for, sent_kind_for
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    Person,
    Record,
    SentFollowUp,
    SentKind,
    Status,
    ValidationError,
    check_applied_on,
)
from jobtui.core.overview import sort_rows
from jobtui.core.textsafe import shorten
from jobtui.db.datafile import parse_database, write_file_atomically
from jobtui.db.integrity import Problem
from jobtui.db.store import NotFoundError, Store, interview_before_applied

# Every store a command opened, so its warnings are printed once the command is done.
_opened: list[Store] = []


def _open(args: argparse.Namespace, *, write: bool) -> Store:
    # Readers never take the lock or touch the file, so `jobtui list` works beside a running TUI.
    # A writer takes the lock only for its save, waiting for one in progress elsewhere.
    wait = load_config().lock_wait_seconds if write else 0.0
    store = Store(locations.database_file(args.db), read_only=not write, lock_wait=wait)
    _opened.append(store)
    return store


def _say(text: object = "") -> None:
    """Print a line of human output. Stored text may hold ESC, OSC and other control
    characters: they are shown visibly, never sent to the terminal raw."""
    print(render.printable(str(text)))


def _complain(message: str) -> None:
    """A line on stderr, "jobtui: ...", control characters shown visibly."""
    print(f"jobtui: {render.printable(message)}", file=sys.stderr)


def _resolve(args: argparse.Namespace, store: Store, prefix: str, **kinds: Any) -> Record:
    """``store.resolve``, saying "no database at PATH yet" when that is why nothing matched."""
    try:
        return store.resolve(prefix, **kinds)
    except NotFoundError:
        path = locations.database_file(args.db)
        if not path.exists():
            raise CommandError(
                f'no record "{shorten(prefix, 60)}": {_no_database_message(path)}'
            ) from None
        raise


def _no_database_message(path: Path) -> str:
    return f"no database at {path} yet ('jobtui add COMPANY ROLE' starts one)"


def _no_database_yet(args: argparse.Namespace) -> bool:
    """For a command that only reads: True (having said so on stderr) when there is no
    database file yet, so the command prints nothing instead of creating or inventing one."""
    path = locations.database_file(args.db)
    if path.exists():
        return False
    _complain(_no_database_message(path))
    return True


def _warn(message: str) -> None:
    _complain(f"warning: {message}")


def _print_warnings(*, skipped: bool) -> None:
    """Print what the data layer had to say while the command ran (each only once).

    ``skipped``: also say how many damaged records were left out (``check`` lists them itself).
    """
    stores, _opened[:] = list(_opened), []
    for store in stores:
        bad = render.damaged_count(store.skipped)
        if skipped and bad:
            were = "record was" if bad == 1 else "records were"
            its = "it is" if bad == 1 else "they are"
            _warn(f"{bad} {were} skipped because {its} damaged; run 'jobtui check' for details")
        for warning in store.take_warnings():
            _warn(warning)


def _reporting_warnings(
    command: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """Wrap a command so the data layer's warnings reach stderr after it ran, even if it failed."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        _opened.clear()
        try:
            return command(args)
        finally:
            _print_warnings(skipped=command is not cmd_check)

    return run


def _now() -> datetime:
    return dates.now()


def _when(text: str, field: str, now: datetime) -> datetime:
    try:
        return dates.parse_when(text, now)
    except ValueError as exc:
        raise ValidationError(field, str(exc)) from None


def _print_json(value: object) -> None:
    print(render.json_text(value))


def cmd_add(args: argparse.Namespace) -> int:
    now = _now()
    status = args.status or Status.APPLIED
    app = Application(
        company=args.company,
        role=args.role,
        url=args.url or "",
        location=args.location or "",
        source=args.source or "",
        tags=parse_list(",".join(args.tag)),
        salary_min=parse_money(args.salary_min or "", "salary_min"),
        salary_max=parse_money(args.salary_max or "", "salary_max"),
        salary_currency=args.currency or "",
        notes=args.notes or "",
    )
    if args.applied:
        try:
            app.applied_on = dates.parse_day(args.applied, now)
        except ValueError as exc:
            raise ValidationError("applied", str(exc)) from None
    app.set_status(status, now)
    check_applied_on(app.applied_on, app.status, now)
    app.validate()
    with _open(args, write=True) as store:
        store.save(app)
    _say(app.id)
    return 0


def cmd_interview(args: argparse.Namespace) -> int:
    now = _now()
    with _open(args, write=True) as store:
        app = store.resolve(args.app, kinds=(Application,))
        interview = Interview(application_id=app.id, starts_at=_when(args.when, "when", now))
        if args.kind:
            interview.kind = args.kind
        try:
            interview.duration = dates.parse_duration(args.duration)
        except ValueError as exc:
            raise ValidationError("duration", str(exc)) from None
        interview.interviewers = [Person.parse(name) for name in args.interviewers if name.strip()]
        interview.where = args.where or ""
        moved = store.add_interview(interview)
    _say(interview.id)
    # stderr, so that `ID=$(jobtui interview ...)` still gets just the id.
    if moved is not None:
        _complain(f"{render.label(app)} moved from {app.status.value} to {moved.value}")
    warning = interview_before_applied(app, interview)
    if warning:
        _warn(warning)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    status = args.status
    with _open(args, write=True) as store:
        app = store.resolve(args.app, kinds=(Application,))
        changed = store.set_status(app, status)
    _say(f"{app.company} - {app.role}: {status.value}" + ("" if changed else " (unchanged)"))
    return 0


def cmd_sent(args: argparse.Namespace) -> int:
    now = _now()
    at = _when(args.at, "at", now) if args.at else now
    rules = load_config().followup
    with _open(args, write=True) as store:
        target = store.resolve(args.target, kinds=(Application, Interview))
        if isinstance(target, Interview):
            app, interview = store.get_application(target.application_id), target
        else:
            app, interview = target, None
        items = followups_for(app, store.interviews(app.id), store.sent_log(app.id), now, rules)
        kind, interview = sent_kind_for(app, interview, items)
        if args.kind:
            kind = args.kind
            if interview is None and isinstance(target, Interview):
                interview = target
        entry = SentFollowUp(
            kind=kind,
            at=at,
            application_id=app.id,
            interview_id=interview.id if interview else None,
            to=args.to,
            channel=args.channel,
        )
        thank_you = interview if kind == SentKind.THANK_YOU and interview else None
        store.log_sent(entry, thank_you_interview=thank_you)
    _say(f"logged {kind.label} for {app.company} - {app.role} at {dates.format_when(at)}")
    return 0


def cmd_snooze(args: argparse.Namespace) -> int:
    now = _now()
    until = (
        None
        if args.until.strip().lower() in ("off", "none", "")
        else _when(args.until, "until", now)
    )
    with _open(args, write=True) as store:
        target = store.resolve(args.target, kinds=(Application, Interview))
        target.snoozed_until = until
        store.save(target)
    _say("snooze cleared" if until is None else f"snoozed until {dates.format_when(until)}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args, write=False) as store:
        record = _resolve(args, store, args.id)
        if args.json:
            _print_json(render.record_json(store, record))
        else:
            _say(render.record_text(store, record, _now(), load_config().followup))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    now = _now()
    pairs = []
    for assignment in args.assignments:
        name, sep, value = assignment.partition("=")
        if not sep or not name.strip():
            raise UsageError(f'"{assignment}" is not FIELD=VALUE')
        pairs.append((name, value))
    with _open(args, write=True) as store:
        record = store.resolve(args.id)
        changed = [set_field(record, name, value, now).name for name, value in pairs]
        store.save(record)
    _say(f"set {', '.join(changed)} on {render.label(record)}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    now = _now()
    if _no_database_yet(args):
        if args.json:
            _print_json([])
        return 0
    rules = load_config().followup
    with _open(args, write=False) as store:
        apps = store.applications(status=args.status)
        if args.open:
            apps = [a for a in apps if not a.closed]
        rows = sort_rows(render.application_rows(store, apps, now, rules), args.sort, now)
    if args.json:
        _print_json([render.row_json(row) for row in rows])
    else:
        _say(render.application_table(rows, now))
    return 0


def cmd_followups(args: argparse.Namespace) -> int:
    now = _now()
    if _no_database_yet(args):
        if args.json:
            _print_json([])
        return 0
    rules = load_config().followup
    with _open(args, write=False) as store:
        apps = store.applications()
        interviews = store.interviews_by_application()
        sent = store.sent_by_application()
    items = all_followups(apps, interviews, sent, now, rules)
    if args.json:
        _print_json([item.to_json(now) for item in items])
    else:
        _say(render.followup_table(items, now))
    return 0


def cmd_contact(args: argparse.Namespace) -> int:
    contact = Contact(
        name=args.name,
        title=args.title or "",
        company=args.company or "",
        email=args.email or "",
        phone=args.phone or "",
        url=args.url or "",
    )
    contact.validate()
    with _open(args, write=True) as store, store.transaction():
        store.save(contact)
        if args.app:
            app = store.resolve(args.app, kinds=(Application,))
            app.contact_ids.append(contact.id)
            if not contact.company:
                contact.company = app.company
                store.save(contact)
            store.save(app)
    _say(contact.id)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with _open(args, write=True) as store:
        record = store.resolve(args.id)
        store.delete(record)
    _say(f"moved {render.label(record)} to the trash (jobtui undelete {record.id[:8]})")
    return 0


def cmd_trash(args: argparse.Namespace) -> int:
    if _no_database_yet(args):
        if args.json:
            _print_json([])
        return 0
    with _open(args, write=False) as store:
        entries = store.trash()
    if args.json:
        _print_json(
            [
                {
                    "id": e.id,
                    "kind": e.kind,
                    "label": e.label,
                    "deleted_at": dates.to_iso(e.deleted_at),
                }
                for e in entries
            ]
        )
    elif not entries:
        _say("the trash is empty")
    else:
        for e in entries:
            _say(f"{e.id[:8]}  {e.kind:<11}  {dates.format_when(e.deleted_at)}  {e.label}")
    return 0


def cmd_undelete(args: argparse.Namespace) -> int:
    with _open(args, write=True) as store:
        matches = [e for e in store.trash() if e.id.startswith(args.id.strip().lower())]
        if not matches:
            raise ValidationError("id", f'nothing in the trash with an id starting "{args.id}"')
        if len(matches) > 1:
            raise ValidationError("id", f'"{args.id}" matches {len(matches)} deleted records')
        record = store.restore(matches[0].id)
    if record is None:  # it went to the trash damaged, and comes back as it was
        label = render.printable(matches[0].label)
        _say(f"restored {label} as it was stored; it is still damaged ('jobtui check' says why)")
    else:
        _say(f"restored {render.label(record)}")
    return 0


def _latest_started(interviews: list[Interview], now: datetime) -> Interview | None:
    started = [i for i in interviews if i.starts_at <= now]
    return max(started, key=lambda i: i.starts_at) if started else None


def cmd_render(args: argparse.Namespace) -> int:
    # Imported here so the other commands never pay for Jinja2.
    from jobtui.core import drafts

    now = _now()
    me = load_config().me
    with _open(args, write=False) as store:
        target = _resolve(args, store, args.id, kinds=(Application, Interview))
        if isinstance(target, Interview):
            app, interview = store.get_application(target.application_id), target
        else:
            app, interview = target, _latest_started(store.interviews(target.id), now)
        contacts = []
        for contact_id in app.contact_ids:
            try:
                contacts.append(store.get_contact(contact_id))
            except NotFoundError:  # a deleted contact: write to the others
                continue
    context = drafts.build_context(app, interview, contacts, me, now.date())
    try:
        draft = drafts.render(args.template, context)
    except drafts.TemplateError as exc:
        raise CommandError(str(exc)) from None
    # Meant for pasting into an email: control characters are dropped, not shown.
    print(render.pasteable(draft.text()), end="")
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from jobtui.core import drafts

    infos = drafts.list_templates()
    if args.json:
        _print_json(
            [
                {"name": t.name, "source": t.source, "title": t.title, "path": str(t.path)}
                for t in infos
            ]
        )
    elif not infos:
        _say("no templates found")
    else:
        width = max(len(t.name) for t in infos)
        title_width = max(len(t.title) for t in infos)
        for t in infos:
            _say(f"{t.name:<{width}}  {t.source:<8}  {t.title:<{title_width}}  {t.path}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with _open(args, write=True) as store:
        path = store.backup_to(Path(args.folder).expanduser() if args.folder else None)
    _say(path)
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    path = locations.database_file(args.db)
    if not locations.backups_dir(path).exists() and _no_database_yet(args):
        if args.json:
            _print_json([])
        return 0
    folder = locations.backups_dir(path)
    try:
        found = sorted(
            (p for p in folder.iterdir() if p.suffix == ".json"),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
    except FileNotFoundError:
        found = []
    rows = []
    for backup in found:
        try:
            data = parse_database(backup.read_bytes())
            count, problem = len(data.get("applications", {})), ""
        except (OSError, ValueError) as exc:
            count, problem = None, str(exc)
        stamp = datetime.fromtimestamp(backup.stat().st_mtime, tz=dates.local_tz())
        rows.append((backup, stamp, count, problem))
    if args.json:
        _print_json(
            [
                {
                    "path": str(b),
                    "saved_at": dates.to_iso(t),
                    "applications": n,
                    "problem": problem or None,
                }
                for b, t, n, problem in rows
            ]
        )
    elif not rows:
        _say(f"no backups yet in {folder}")
    else:
        for backup, stamp, count, problem in rows:
            what = f"{count} applications" if count is not None else f"UNREADABLE: {problem}"
            _say(f"{dates.format_when(stamp)}  {what:<18}  {backup}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    backup = Path(args.backup).expanduser()
    with _open(args, write=True) as store:
        kept = store.restore_from(backup)
        count = len(store.applications())
    _say(f"restored {count} applications from {backup}")
    if kept is not None:
        _say(f"the file as it was before is kept as {kept}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from jobtui.io import importing

    now = _now()
    path = Path(args.file).expanduser()
    try:
        with _open(args, write=not args.dry_run) as store:
            plan = importing.plan_import_into(store, path, now, format=args.format)
            if not args.dry_run:
                plan = importing.apply_import(store, plan)
    except importing.ImportFileError as exc:
        raise CommandError(str(exc)) from None
    if args.dry_run:
        for line in plan.report_lines():
            _say(line)
        _say(plan.summary())
    else:
        for error in plan.errors:
            _complain(str(error))
        _say(plan.summary(done=True))
    return 1 if plan.errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    from jobtui.io import exporting

    now = _now()
    if _no_database_yet(args):
        return 0  # nothing to export: no file is written, nothing is printed
    rules = load_config().followup
    with _open(args, write=False) as store:
        data = exporting.ExportData.from_store(store)
        if args.format == "ics":
            items = all_followups(
                data.applications,
                store.interviews_by_application(),
                store.sent_by_application(),
                now,
                rules,
            )
            payload = exporting.export_ics(data, items, now)
        elif args.format == "csv":
            payload = exporting.export_csv(data, excel=args.excel, now=now).encode("utf-8")
        else:
            payload = exporting.export_json(data, now)
    if args.output:
        target = Path(args.output).expanduser()
        try:
            write_file_atomically(target, payload)
        except OSError as exc:
            raise CommandError(f"cannot write {target}: {exc.strerror}") from None
        what = "applications" if args.format != "ics" else "interviews and follow-ups"
        _say(f"wrote {target} ({args.format}, {what})")
    else:
        if sys.stdout.isatty():  # a person reads it: stored control characters shown, not run
            text = payload.decode("utf-8").replace("\r\n", "\n")  # CSV and ICS end lines so
            payload = render.printable(text).encode("utf-8")
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from jobtui.core import stats

    if _no_database_yet(args) and not args.json:
        return 0
    with _open(args, write=False) as store:
        result = stats.compute_stats(
            store.applications(), store.interviews_by_application(), _now()
        )
    if args.json:
        _print_json(result.to_json())
    else:
        _say(stats.stats_text(result))
    return 0


def _config_problems() -> list[str]:
    """What is wrong with config.toml, one sentence each naming the setting ([] if nothing):
    a file that cannot be used at all, or [keys] settings the TUI will ignore."""
    try:
        config = load_config()
    except ConfigError as exc:
        return [str(exc)]
    where = f"{config.path}: " if config.path else ""
    return [f"{where}{problem}" for problem in key_problems(config.keys)]


def cmd_check(args: argparse.Namespace) -> int:
    config_problems = _config_problems()
    problems: list[Problem] = []
    total = moved = 0
    backup: Path | None = None
    missing = _no_database_yet(args)
    if not missing:
        # Only --fix writes; a plain check reads like `list` and never waits for the lock.
        with _open(args, write=args.fix) as store:
            problems = store.problems
            total = sum(store.counts().values())
            if args.fix and problems:
                backup = store.backup_to()
                moved = store.trash_bad_records()
    if args.json:
        _print_json(
            {
                "records": total,
                "problems": [render.problem_json(p) for p in problems],
                "backup": str(backup) if backup else None,
                "moved_to_trash": moved,
                "config_problems": config_problems,
            }
        )
    elif missing:
        pass
    elif not problems:
        _say(f"{total} {'record' if total == 1 else 'records'}, all good")
    else:
        _say(render.problem_table(problems))
        bad = render.damaged_count(problems)
        if backup is None:
            _say(
                f"{bad} of {total} records are damaged; "
                "'jobtui check --fix' takes a backup and moves them into the trash"
            )
        else:
            _say(f"backup written to {backup}")
            _say(
                f"moved {moved} damaged {'record' if moved == 1 else 'records'} into the trash; "
                "'jobtui trash' lists them, 'jobtui undelete ID' brings one back"
            )
    if config_problems and not args.json:
        _say("config problems:")
        for problem in config_problems:
            _say(f"    {problem}")
    records_ok = not problems or args.fix
    return 0 if records_ok and not config_problems else 1


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "add": cmd_add,
    "interview": cmd_interview,
    "status": cmd_status,
    "sent": cmd_sent,
    "snooze": cmd_snooze,
    "show": cmd_show,
    "set": cmd_set,
    "list": cmd_list,
    "followups": cmd_followups,
    "contact": cmd_contact,
    "delete": cmd_delete,
    "trash": cmd_trash,
    "undelete": cmd_undelete,
    "backup": cmd_backup,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "import": cmd_import,
    "export": cmd_export,
    "stats": cmd_stats,
    "render": cmd_render,
    "templates": cmd_templates,
    "check": cmd_check,
}
COMMANDS = {name: _reporting_warnings(command) for name, command in COMMANDS.items()}
