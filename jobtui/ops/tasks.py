"""Tasks of an application: add one, complete it (or open it again), list them.

A task lives inside its application (``Application.tasks``), so it is saved, trashed, undone
and exported with it. A task id is typed like any other: a unique prefix of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jobtui.core.model import Application, Task
from jobtui.db.store import AmbiguousIdError, NotFoundError, Store


@dataclass(frozen=True)
class TaskOf:
    """A task and the application it belongs to."""

    task: Task
    application: Application


@dataclass(frozen=True)
class TaskDone:
    """A task marked done (``changed`` False: it already was)."""

    task: Task
    application: Application
    changed: bool


def add_task(
    store: Store, app_id: str, text: str, *, due: datetime | None, now: datetime
) -> TaskOf:
    """Add a task to an application (its id or a unique prefix). Raises ValidationError for
    an empty text, NotFoundError for no such application."""
    task = Task(text=text.strip(), due=due, created_at=now)
    task.validate()  # nothing is opened for a bad task
    found = store.resolve(app_id, kinds=(Application,))
    assert isinstance(found, Application)
    found.tasks.append(task)
    store.save(found)
    return TaskOf(task, found)


def find_task(store: Store, task_id: str) -> TaskOf:
    """The one task whose id starts with ``task_id``, with its application."""
    prefix = task_id.strip().lower()
    if not prefix:
        raise NotFoundError("a task id is required")
    hits = [
        TaskOf(task, app)
        for app in store.applications()
        for task in app.tasks
        if task.id.startswith(prefix)
    ]
    if not hits:
        raise NotFoundError(f'no task with an id starting "{prefix}" (jobtui tasks lists them)')
    if len(hits) > 1:
        shown = ", ".join(hit.task.id[:8] for hit in hits[:5])
        raise AmbiguousIdError(
            f'task id "{prefix}" is ambiguous: it matches {shown}; type more of it'
        )
    return hits[0]


def complete_task(store: Store, task_id: str, *, now: datetime, done: bool = True) -> TaskDone:
    """Mark a task done (``done=False``: open again). Saves only when it changes."""
    hit = find_task(store, task_id)
    if hit.task.done == done:
        return TaskDone(hit.task, hit.application, changed=False)
    hit.task.done_at = now if done else None
    store.save(hit.application)
    return TaskDone(hit.task, hit.application, changed=True)


def delete_task(store: Store, task_id: str) -> TaskOf:
    """Remove a task from its application (the change is undoable like any other; a task
    is no record of its own, so it does not go to the trash)."""
    hit = find_task(store, task_id)
    hit.application.tasks = [t for t in hit.application.tasks if t.id != hit.task.id]
    store.save(hit.application)
    return hit


def tasks(store: Store, *, every: bool = False) -> list[TaskOf]:
    """The open tasks of the open applications; with ``every``, every task: the done ones
    and those of closed applications too. Soonest due first, tasks without a due date after
    those with one, then in the order they were added; done ones last."""
    found = [
        TaskOf(task, app)
        for app in store.applications()
        for task in app.tasks
        if every or (not task.done and not app.closed)
    ]
    return sorted(found, key=_order)


def _order(hit: TaskOf) -> tuple[bool, bool, float, float]:
    task = hit.task
    due = task.due.timestamp() if task.due else 0.0
    made = task.created_at.timestamp() if task.created_at else 0.0
    return (task.done, task.due is None, due, made)
