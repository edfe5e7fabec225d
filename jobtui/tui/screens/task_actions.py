"""The main screen's task keys: T adds a task to the selected application, x completes the
task selected in the timeline (and x again opens it); off a task's row, x lists the selected
application's tasks to pick one (a task without a due time has no row). Each saves
through the ops layer as one undoable change."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobtui.tui.screens.panes import MainPanes


async def add_task(panes: MainPanes) -> None:
    if panes.refuse_if_read_only():
        return
    from jobtui.ops import tasks as ops_tasks
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
        report=f"Task added: {_short(chosen.text)}",
    )


async def task_done(panes: MainPanes) -> None:
    """Complete the task selected in the timeline; a done one is opened again."""
    if panes.refuse_if_read_only():
        return
    from jobtui.ops import tasks as ops_tasks
    from jobtui.tui.widgets.timeline import Timeline

    entry = panes.query_one(Timeline).selected_entry if panes.timeline_focused() else None
    task = entry.task if entry is not None else None
    if entry is not None and task is not None:
        label = entry.app.label
    else:  # not on a task's row: pick one of the selected application's tasks
        row = panes.need_row()
        if row is None:
            return
        if not row.app.tasks:
            key = panes.key_for("add_task")
            panes.notify(f"{row.app.label} has no tasks ({key} adds one).", severity="warning")
            return
        from jobtui.tui.screens.task_picker import TaskPicker

        picker = TaskPicker(row.app.label, list(row.app.tasks), panes.tui.clock())
        choice = await panes.app.push_screen_wait(picker)
        if choice is None:
            return
        task, label = choice.task, row.app.label
        if choice.delete:
            await panes.save_change(
                lambda store: ops_tasks.delete_task(store, task.id),
                undo_as=f"deleting the task {_short(task.text)} of {label}",
                report=f"Task deleted: {_short(task.text)} (u brings it back)",
            )
            return
    done = not task.done
    now = panes.tui.clock()
    await panes.save_change(
        lambda store: ops_tasks.complete_task(store, task.id, now=now, done=done),
        undo_as=f"the task of {label}",
        report=f"Task done: {_short(task.text)}"
        if done
        else f"Task open again: {_short(task.text)}",
    )


def _short(text: str, limit: int = 60) -> str:
    """A task's text for a toast, on one line (the toast shows it as data)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
