"""Writing a plan: in one store transaction, checked again against the store as it is now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobtui.core.model import Application, Contact, Interview
from jobtui.io.importing.plan import Existing, ImportPlan, make_plan

if TYPE_CHECKING:
    from jobtui.db.store import Store


def _save_keeping_timestamps(store: Store, record: Application | Interview | Contact) -> None:
    """Save a record as planned: an import keeps each record's own created/updated times,
    so a jobtui export round-trips unchanged."""
    store.save(record, keep_timestamps=True)


def apply_import(store: Store, plan: ImportPlan) -> ImportPlan:
    """Write a plan in ONE store transaction: every record lands, or (on any error) none.

    The rows are checked again against the store as it is now, so a plan made earlier
    (a dry run, or a preview in the TUI) can never add a duplicate. Returns the plan as
    applied.
    """
    if plan.origin is None:
        raise ValueError("this plan was not made by plan_import; nothing to apply")
    with store.transaction():
        applied = make_plan(plan.origin, Existing.in_store(store))
        saved_contacts: set[str] = set()
        rows = [(row, None) for row in applied.add] + [(r, e) for r, e in applied.update]
        for row, stored in rows:
            for contact in row.contacts:
                if contact.id not in saved_contacts:
                    saved_contacts.add(contact.id)
                    _save_keeping_timestamps(store, contact)
            if stored is None or row.application.to_dict() != stored.to_dict():
                _save_keeping_timestamps(store, row.application)
            for interview in row.interviews:
                _save_keeping_timestamps(store, interview)
            for entry in row.sent:
                store.log_sent(entry)
        for contact in applied.contacts:
            if contact.id not in saved_contacts:
                _save_keeping_timestamps(store, contact)
    return applied
