"""The contacts screen (``C``): every contact with where it is linked and when you last
wrote, narrowed as you type; add, edit, link to an application, delete.

The list is drawn from the main screen's overview (contacts, applications and the sent log,
read on the data thread) through :func:`jobtui.ops.contacts.build_rows`; each change is one
undoable save through ``panes.save_change``, which redraws the main screen too.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from jobtui.core.model import Application, Contact
from jobtui.core.overview import Overview
from jobtui.core.words import plural
from jobtui.ops import contacts as ops
from jobtui.tui import keymap
from jobtui.tui.shown import ShownInput, shown, shown_plain
from jobtui.tui.widgets.contacts_table import ContactsTable
from jobtui.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from jobtui.tui.screens.panes import MainPanes

# How often the screen looks for a newer overview (a reload, a change made elsewhere).
FOLLOW_SECONDS = 0.5
# A name in a question or a toast is cut here (a 10,000-character name still fits).
NAME_CHARS = 60


def contact_rows(overview: Overview) -> list[ops.ContactRow]:
    """Every contact of the overview as the list shows it (newest written first)."""
    apps = [row.app for row in overview.rows]
    apps.sort(key=lambda a: a.created_at.timestamp() if a.created_at else 0.0, reverse=True)
    sent = [entry for row in overview.rows for entry in row.sent]
    return ops.build_rows(overview.contacts.values(), apps, sent)


def details_text(row: ops.ContactRow | None) -> Text:
    """The lines under the table: everything about the highlighted contact, literally: who
    (name, title, company), how to reach them (email, phone, URL), where they are linked."""
    if row is None:
        return Text("")
    contact = row.contact
    text = Text(no_wrap=True, overflow="ellipsis")
    lines = (
        (contact.name, contact.title, contact.company),
        (contact.email, contact.phone, contact.url),
    )
    for number, values in enumerate(lines):
        parts = [value for value in values if value.strip()]
        for index, value in enumerate(parts):
            if index:
                text.append(" · ", style="dim")
            text.append_text(
                shown(value, "bold" if number == 0 and index == 0 else "", limit=NAME_CHARS)
            )
        if number == 1 and not parts:
            text.append("No email or phone.", style="dim")
        text.append("\n")
    if row.applications:
        text.append("Linked: ", style="dim")
        for index, app in enumerate(row.applications):
            if index:
                text.append(", ", style="dim")
            text.append_text(shown(app.label, limit=NAME_CHARS))
    else:
        text.append("Not linked to any application.", style="dim")
    return text


class ContactsScreen(Screen[None]):
    """Every contact over the main screen's data; esc, q or C goes back to the list."""

    DEFAULT_CSS = """
    ContactsScreen {
        & #contacts-title {
            height: 1;
            padding: 0 1;
            background: $boost;
        }

        & #contacts-filter {
            height: 3;
        }

        & #contacts-table {
            height: 1fr;
        }

        /* Nothing to list: the header, and the reason right under it. */
        & #contacts-table.-empty {
            height: auto;
        }

        & #contacts-empty {
            height: 1fr;
            padding: 1 2;
            color: $text-muted;
        }

        & #contacts-details {
            height: 4;
            padding: 0 1;
            border-top: solid $primary-darken-2;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("contacts")

    def __init__(self, panes: MainPanes) -> None:
        super().__init__()
        self.panes = panes
        self.rows: list[ops.ContactRow] = []  # every contact
        self.matching: list[ops.ContactRow] = []  # those the filter lets through
        self.filter_text = ""
        self._drawn: Overview | None = None
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(id="contacts-title")
        yield ShownInput(
            placeholder="/ filter: name, title, company, email, phone", id="contacts-filter"
        )
        yield ContactsTable(id="contacts-table")
        yield Static(id="contacts-empty")
        yield Static(id="contacts-details")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.redraw()
        self.table.focus()
        self.set_interval(FOLLOW_SECONDS, self._follow_overview)

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._width = self.size.width
            self.call_after_refresh(self.show_visible)

    @property
    def table(self) -> ContactsTable:
        return self.query_one(ContactsTable)

    def _follow_overview(self) -> None:
        if self.panes.overview is not self._drawn:
            self.redraw()

    # -- drawing ------------------------------------------------------------------

    def redraw(self) -> None:
        """Rebuild the list from the panes' overview, then show what the filter keeps."""
        overview = self._drawn = self.panes.overview
        self.rows = contact_rows(overview) if overview is not None else []
        self.show_visible()

    def show_visible(self) -> None:
        """Draw the rows the filter lets through, the title and the line under the table."""
        overview = self.panes.overview
        title = self.query_one("#contacts-title", Static)
        if overview is None:
            title.update(Text("Contacts · loading…"))
            return
        self.matching = ops.filter_rows(self.rows, self.filter_text)
        self.table.show_rows(self.matching, overview.now)
        title.update(self._title())
        empty = self.query_one("#contacts-empty", Static)
        empty.display = not self.matching  # under the table's header, which keeps the focus
        self.table.set_class(not self.matching, "-empty")
        if not self.rows:
            add = keymap.keys_shown(self.app, self.panes.tui.config.keys, "contacts.add")[0]
            empty.update(Text(f"No contacts yet. Press {add} to add one."))
        elif not self.matching:
            empty.update(Text("No contact matches the filter (esc in the box clears it)."))
        self._show_details()

    def _title(self) -> Text:
        total, shown_count = len(self.rows), len(self.matching)
        text = Text("Contacts", style="bold")
        if self.filter_text:
            text.append(f" · {shown_count} of {plural(total, 'contact')} matching ")
            text.append_text(shown(self.filter_text, "italic", limit=40))
        else:
            text.append(f" · {plural(total, 'contact')}, last written first")
        return text

    def _show_details(self) -> None:
        self.query_one("#contacts-details", Static).update(details_text(self.selected()))

    @on(DataTable.RowHighlighted, "#contacts-table")
    def _highlighted(self) -> None:
        self._show_details()

    def selected(self) -> ops.ContactRow | None:
        """The highlighted contact's row (None when the list is empty)."""
        contact_id = self.table.selected_id if self.matching else None
        return next((r for r in self.matching if r.contact.id == contact_id), None)

    def _need_selected(self) -> ops.ContactRow | None:
        row = self.selected()
        if row is None:
            self.notify("No contact selected.", severity="warning")
        return row

    # -- the filter box -------------------------------------------------------------

    def action_filter(self) -> None:
        """Focus the filter box (`/`)."""
        self.query_one("#contacts-filter", Input).focus()

    @on(Input.Changed, "#contacts-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self.show_visible()

    @on(Input.Submitted, "#contacts-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_close(self) -> None:
        """Close the screen; in the filter box, clear the filter and leave the box instead."""
        box = self.query_one("#contacts-filter", Input)
        if box.has_focus:
            box.value = ""
            self.table.focus()
            return
        self.dismiss()

    # -- changes ------------------------------------------------------------------------

    @work
    async def action_add(self) -> None:
        """Add a contact (a form)."""
        from jobtui.tui.screens.contact_form import ContactForm

        if self.panes.refuse_if_read_only():
            return
        contact: Contact | None = await self.app.push_screen_wait(
            ContactForm(None, self.panes.tui.clock())
        )
        if contact is None:
            return
        name = shown_plain(contact.name, limit=NAME_CHARS)
        added = await self.panes.save_change(
            lambda store: ops.add(store, contact),
            undo_as=f"adding the contact {name}",
            report=f"Added {name}",
        )
        if added is not None:
            self._after_change(contact.id)

    @work
    async def action_edit(self) -> None:
        """Edit the highlighted contact (a form)."""
        from jobtui.tui.screens.contact_form import ContactForm

        if self.panes.refuse_if_read_only():
            return
        row = self._need_selected()
        if row is None:
            return
        form = ContactForm(copy.deepcopy(row.contact), self.panes.tui.clock())
        edited: Contact | None = await self.app.push_screen_wait(form)
        if edited is None:
            return
        name = shown_plain(edited.name, limit=NAME_CHARS)
        saved = await self.panes.save_change(
            lambda store: ops.edit(store, edited),
            undo_as=f"the edit of the contact {name}",
            report=f"Saved {name}",
        )
        if saved is not None:
            self._after_change(edited.id)

    @work
    async def action_link(self) -> None:
        """Link the highlighted contact to an application picked from a list; picking one
        it is already linked to offers to unlink it."""
        from jobtui.tui.screens.confirm import ConfirmDialog
        from jobtui.tui.screens.pick_application import ApplicationPicker

        if self.panes.refuse_if_read_only():
            return
        row = self._need_selected()
        overview = self.panes.overview
        if row is None or overview is None:
            return
        if not overview.rows:
            self.notify("No applications yet to link to.", severity="warning")
            return
        name = shown_plain(row.contact.name, limit=NAME_CHARS)
        linked = {app.id for app in row.applications}
        about = Text("Link ")
        about.append(name, style="bold")
        about.append(" to an application")
        apps = [r.app for r in overview.rows]
        app_id = await self.app.push_screen_wait(ApplicationPicker(about, apps, linked))
        if app_id is None:
            return
        app = next(a for a in apps if a.id == app_id)
        label = shown_plain(app.label, limit=NAME_CHARS)
        if app_id in linked:
            question = f"{name} is already linked to {label}. Unlink?"
            detail = "The contact stays; only the link goes."
            if not await self.app.push_screen_wait(ConfirmDialog(question, detail)):
                return
            await self._save_link(row.contact, app, unlink=True)
            return
        await self._save_link(row.contact, app, unlink=False)

    async def _save_link(self, contact: Contact, app: Application, *, unlink: bool) -> None:
        name = shown_plain(contact.name, limit=NAME_CHARS)
        label = shown_plain(app.label, limit=NAME_CHARS)
        use, doing, done, word = (
            (ops.unlink, "unlinking", "Unlinked", "from")
            if unlink
            else (ops.link, "linking", "Linked", "to")
        )
        saved = await self.panes.save_change(
            lambda store: use(store, contact.id, app.id),
            undo_as=f"{doing} {name} and {label}",
            report=f"{done} {name} {word} {label}",
        )
        if saved is not None:
            self._after_change(contact.id)

    @work
    async def action_delete(self) -> None:
        """Move the highlighted contact to the trash (asks first)."""
        from jobtui.tui.screens.confirm import ConfirmDialog

        if self.panes.refuse_if_read_only():
            return
        row = self._need_selected()
        if row is None:
            return
        name = shown_plain(row.contact.name, limit=NAME_CHARS)
        undo = self.panes.key_for("undo")
        question = f"Delete the contact {name}?"
        detail = f"It goes to the trash; {undo} on the main screen undoes it."
        if not await self.app.push_screen_wait(ConfirmDialog(question, detail)):
            return
        deleted = await self.panes.save_change(
            lambda store: ops.delete(store, row.contact.id),
            undo_as=f"the deletion of the contact {name}",
            report=f"Deleted {name} (to the trash). {undo} on the main screen undoes it.",
        )
        if deleted is not None:
            self._after_change(None)

    def _after_change(self, contact_id: str | None) -> None:
        """Redraw from the fresh overview, the cursor on ``contact_id`` if it is shown."""
        self.redraw()
        if contact_id is not None:
            self.table.select(contact_id)
        self._show_details()
