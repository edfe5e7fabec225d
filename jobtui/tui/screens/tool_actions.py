"""The main screen's tools: $EDITOR for notes, the message composer, import, stats.

A mixin of :class:`jobtui.tui.screens.main.MainScreen`.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobtui.core import dates
from jobtui.core.followup import sort_key
from jobtui.core.model import SentFollowUp, SentKind
from jobtui.db.store import Store
from jobtui.tui.widgets.editor import NoteEditor

if TYPE_CHECKING:
    from jobtui.tui.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object


class ToolActions(_Base):
    """Actions that open a tool: the external editor, the composer, import and stats."""

    def action_external_editor(self) -> None:
        if self.refuse_if_read_only():
            return
        editor = self.query_one(NoteEditor)
        if editor.target is None:
            self.notify("Select an application or interview first.", severity="warning")
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        with tempfile.TemporaryDirectory(prefix="jobtui-") as folder:
            path = Path(folder) / "notes.md"
            path.write_text(editor.text_area.text, encoding="utf-8")
            try:
                with self.app.suspend():
                    subprocess.run([*shlex.split(command), str(path)], check=False)
            except Exception as exc:  # no terminal to suspend, editor missing...
                self.notify(f"Could not run {command}: {exc}", severity="error")
                return
            text = path.read_text(encoding="utf-8")
        editor.replace_text(text)

    def action_compose_message(self) -> None:
        """Draft the follow-up that is owed (or any other) from a template."""
        if self.refuse_if_read_only():
            return  # its fields are saved with the interview: nothing to type in vain
        from jobtui.core import drafts
        from jobtui.tui.screens.composer import ComposerScreen

        now = self.app.clock()  # type: ignore[attr-defined]
        target = self._target()
        if target is None:
            return
        row, interview = target
        assert self.overview is not None
        items = [i for i in row.items if interview is None or i.interview_id == interview.id]
        first = min(items, key=sort_key) if items else None
        if interview is None:
            interview = first.interview if first and first.interview else None
        if interview is None and row.interviews:
            past = [i for i in row.interviews if i.starts_at <= now]
            interview = past[-1] if past else None
        contacts = [
            self.overview.contacts[c] for c in row.app.contact_ids if c in self.overview.contacts
        ]
        suggested = drafts.suggested_template(row.app, first.kind if first else None, interview)
        screen = ComposerScreen(
            row.app,
            interview,
            contacts,
            self.app.config.me,  # type: ignore[attr-defined]
            now.astimezone(dates.local_tz()).date(),
            suggested,
            now,
        )
        app_id = row.app.id
        interview_id = interview.id if interview else None

        def done(result) -> None:
            if result is None:
                return
            kind = drafts.sent_kind_for_template(result.template)
            people = ", ".join(p.name for p in interview.interviewers) if interview else ""
            to = people or (contacts[0].name if contacts else "")

            def job(store: Store) -> None:
                with store.transaction():
                    target = store.get_interview(interview_id) if interview_id else None
                    if target is not None and result.changed_fields:
                        for name, text in result.changed_fields.items():
                            setattr(target, name, text)
                        store.save(target)
                    if result.mark_sent:
                        entry = SentFollowUp(
                            kind=kind,
                            at=now,
                            application_id=app_id,
                            interview_id=interview_id,
                            to=to,
                        )
                        thank_you = target if kind == SentKind.THANK_YOU else None
                        store.log_sent(entry, thank_you_interview=thank_you)

            message = (
                f"Logged {kind.label} as sent"
                if result.mark_sent
                else "Notes for the message saved"
            )
            company = row.app.company
            self.run_job(
                job,
                message,
                undo_as=(
                    f"logging the {kind.label} for {company}"
                    if result.mark_sent
                    else f"the message notes for {company}"
                ),
            )

        self.app.push_screen(screen, done)

    def action_import(self) -> None:
        """Import a file: preview what it adds, then (if confirmed) save it in one go."""
        from jobtui.io import importing
        from jobtui.tui.screens.confirm import ConfirmDialog
        from jobtui.tui.screens.import_dialog import ImportDialog

        if self.refuse_if_read_only():
            return
        now = self.app.clock()  # type: ignore[attr-defined]

        def chosen(path) -> None:
            if path is None:
                return

            def previewed(plan: Any, _: Any) -> None:
                lines = plan.report_lines()
                detail = "\n".join(
                    lines[:12] + ([f"... and {len(lines) - 12} more"] if len(lines) > 12 else [])
                )

                def confirmed(yes: bool | None) -> None:
                    if yes:
                        self.run_job(
                            lambda store: importing.apply_import(store, plan),
                            f"Imported {path.name}",
                            undo_as=f"the import of {path.name}",
                        )

                if not plan.add and not plan.update:
                    self.notify(f"Nothing to import: {plan.summary()}", severity="warning")
                    return
                self.app.push_screen(
                    ConfirmDialog(f"Import {path.name}? {plan.summary()}", detail), confirmed
                )

            def failed(exc: BaseException) -> None:
                self.notify(str(exc), severity="error", timeout=10)

            self.data.submit(
                lambda store: importing.plan_import_into(store, path, now),
                previewed,
                failed,
                refresh=False,
            )

        self.app.push_screen(ImportDialog(), chosen)

    def action_stats(self) -> None:
        """The funnel, response rates by source and activity per week."""
        from jobtui.core.stats import compute_stats
        from jobtui.tui.screens.stats import StatsScreen

        if self.overview is None:
            return
        rows = self.overview.rows
        stats = compute_stats(
            [r.app for r in rows], {r.app.id: r.interviews for r in rows}, self.overview.now
        )
        self.app.push_screen(StatsScreen(stats))
