"""The operations layer: every use case that reads for a report, changes data or builds a
message, as a plain function both front ends call.

A use case takes a :class:`~jobtui.db.store.Store` first (and what else it needs: the clock's
``now``, the follow-up rules, the user's ``me``) and returns a small result dataclass saying
what changed; it raises the data layer's errors (``ValidationError``, ``StorageError``,
``NotFoundError``...). Nothing here prints, parses a command line or imports Textual: the CLI
calls these as parse -> call -> report, the TUI on its data thread as ``store -> result``.

Modules by theme (import the one you need; this package imports none of them, so the CLI's
quick commands never load Jinja2 or the importer):

* :mod:`jobtui.ops.records`: add, edit, set fields, status, interview, contact, delete,
  undelete, undo, redo
* :mod:`jobtui.ops.followups`: log a message as sent (marking the thank-you), snooze
* :mod:`jobtui.ops.messages`: the one message context and drafting from a template
* :mod:`jobtui.ops.transfer`: import, export, backup, list backups, restore
* :mod:`jobtui.ops.views`: read-only questions: the list, follow-ups, one record, the
  trash, stats, the check
"""
