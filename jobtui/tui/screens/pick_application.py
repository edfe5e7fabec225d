"""Pick an application from a list narrowed as you type (company, role, status)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from jobtui.core.model import Application
from jobtui.ops.contacts import fold
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import ShownInput, shown

LABEL_CHARS = 90
TITLE_CHARS = 60


def application_prompt(app: Application, linked: bool, *, selected: bool = False) -> Text:
    """One option: "Acme — Dev" as typed, its status, "linked" when it is, and
    "(selected)" for the application selected in the main list."""
    prompt = shown(app.label, "dim" if app.closed else "", limit=LABEL_CHARS)
    prompt.append(f"  {app.status.label}", style="dim")
    if linked:
        prompt.append("  ✓ linked", style="bold")
    if selected:
        prompt.append("  (selected)", style="dim italic")
    return prompt


class ApplicationPicker(Dialog[str | None]):
    """Choose an application for ``about`` (a sentence naming what it is for): type to
    narrow the list, up/down to move, enter picks; escape cancels. The applications whose
    ids are in ``linked`` are marked. ``detail`` is a line under the title; ``first`` the id
    of the application selected in the main list, listed first (marked "selected") while
    it matches the filter. Dismisses with the chosen application's id, or None.
    """

    DEFAULT_CSS = """
    ApplicationPicker {
        & .dialog {
            width: 90;
        }

        & #pick-filter {
            margin-bottom: 1;
            background: $boost;
        }

        & #pick-options {
            height: auto;
            max-height: 16;
        }

        & #pick-empty {
            color: $text-muted;
        }
    }
    """
    # Toasts wait until the picker closes: they would cover the list being typed into.
    HOLDS_TOASTS = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
    ]

    def __init__(
        self,
        about: Text | str,
        applications: Sequence[Application],
        linked: Collection[str] = (),
        *,
        detail: Text | str | None = None,
        first: str | None = None,
    ) -> None:
        super().__init__()
        self.about = about if isinstance(about, Text) else shown(about, limit=TITLE_CHARS)
        self.detail = detail if detail is None or isinstance(detail, Text) else shown(detail)
        self.first = first
        self.applications = sorted(
            applications, key=lambda a: (a.id != first, a.closed, fold(a.label))
        )
        self.linked = set(linked)
        self.shown_ids: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.about, classes="dialog-title", id="pick-title")
            if self.detail is not None:
                yield Static(self.detail, classes="dialog-detail", id="pick-detail")
            yield ShownInput(placeholder="type to filter: company, role, status", id="pick-filter")
            yield OptionList(id="pick-options")
            yield Static(Text("No application matches."), id="pick-empty")
            yield Static(
                Text("type to filter · ↑/↓ move · enter pick · esc cancel"),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.show_matching("")
        self.query_one("#pick-filter", Input).focus()

    def show_matching(self, needle: str) -> None:
        """List the applications whose company, role or status has ``needle`` in it
        (ignoring case and accents), keeping the highlight on the first."""
        wanted = fold(needle)
        matching = [
            a
            for a in self.applications
            if not wanted or wanted in fold(f"{a.company} {a.role} {a.status.label}")
        ]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(application_prompt(a, a.id in self.linked, selected=a.id == self.first), id=a.id)
            for a in matching
        )
        self.shown_ids = [a.id for a in matching]
        options.display = bool(matching)
        self.query_one("#pick-empty", Static).display = not matching
        if matching:
            options.highlighted = 0

    @on(Input.Changed, "#pick-filter")
    def _typed(self, event: Input.Changed) -> None:
        self.show_matching(event.value)

    @on(Input.Submitted, "#pick-filter")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_pick()

    @on(OptionList.OptionSelected, "#pick-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_move(self, step: int) -> None:
        """Move the highlight while the cursor stays in the filter."""
        options = self.query_one(OptionList)
        if not self.shown_ids:
            return
        current = options.highlighted if options.highlighted is not None else -step
        options.highlighted = max(0, min(len(self.shown_ids) - 1, current + step))

    def action_pick(self) -> None:
        """Pick the highlighted application (nothing when none matches)."""
        options = self.query_one(OptionList)
        if not self.shown_ids or options.highlighted is None:
            return
        self.dismiss(self.shown_ids[options.highlighted])

    def action_cancel(self) -> None:
        """Close without picking."""
        self.dismiss(None)
