"""The main screen's task keys: T adds a task to the selected application, x completes the
task selected in the timeline (and x again opens it). Each saves through the ops layer as
one undoable change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobtui.ops import tasks as ops_tasks

if TYPE_CHECKING:
    from jobtui.tui.screens.panes import MainPanes


async def add_task(panes: MainPanes) -> None:
    if panes.refuse_if_read_only():
        return
    from jobtui.tui.screens.task_dialog import TaskDialog

    row = panes.need_row()
    if row is None:
        return
    now = panes.tui.clock()
    chosen = await panes.app.push_screen_wait(TaskDialog(row.app.label, now))
    if chosen is None:
        return
    app_id = row.app.id
    await panes.save_change(
        lambda store: ops_tasks.add_task(store, app_id, chosen.text, due=chosen.due, now=now),
        undo_as=f"the task for {row.app.label}",
        report="Task added",
    )


async def task_done(panes: MainPanes) -> None:
    """Complete the task selected in the timeline; a done one is opened again."""
    if panes.refuse_if_read_only():
        return
    from jobtui.tui.widgets.timeline import Timeline

    entry = panes.query_one(Timeline).selected_entry if panes.timeline_focused() else None
    task = entry.task if entry is not None else None
    if entry is None or task is None:
        key = panes.key_for("add_task")
        panes.notify(
            f"Select a task in the timeline first (tab moves there; {key} adds one).",
            severity="warning",
        )
        return
    label = entry.app.label
    done = not task.done
    now = panes.tui.clock()
    await panes.save_change(
        lambda store: ops_tasks.complete_task(store, task.id, now=now, done=done),
        undo_as=f"the task of {label}",
        report="Task done" if done else "Task opened again",
    )
