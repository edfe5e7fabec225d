"""A modal form that edits one record, field by field, with the CLI's validation.

Every value goes through :func:`jobtui.core.fields.set_field`, the function behind ``jobtui set``,
so the form accepts and refuses exactly what the command line does. Dates, times, durations,
amounts and choices show live, under the input, what they will be read as.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Static, TextArea

from jobtui.core import dates
from jobtui.core.fields import FieldKind, FieldSpec, display_value, parse_value, set_field
from jobtui.core.model import Record, ValidationError
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import ShownInput, ShownTextArea, shown

T = TypeVar("T", bound=Record)

# Example input shown in an empty field.
PLACEHOLDERS = {
    FieldKind.DAY: "e.g. today, last monday, Dec 3, 2026-12-03",
    FieldKind.WHEN: "e.g. tomorrow 2pm, fri 10:00, +3d 9am, Dec 3 14:00 PST",
    FieldKind.DURATION: "e.g. 45m, 1h, 1h30m",
    FieldKind.MONEY: "e.g. 120000 or 120k",
    FieldKind.LIST: "comma-separated, e.g. remote, python",
    FieldKind.PEOPLE: "e.g. Ana Lima <ana@x.com>, Bo",
}

# Kinds whose typed text is read into something else; the form shows what, as you type.
HINTED_KINDS = frozenset(
    {FieldKind.DAY, FieldKind.WHEN, FieldKind.DURATION, FieldKind.MONEY, FieldKind.CHOICE}
)


def parse_hint(
    spec: FieldSpec, text: str, now: datetime, *, show_choices: bool = False
) -> Text | None:
    """What ``text`` reads as for this field: "→ Tue 3 Dec 2026 14:00 CET" or "✗ <reason>".

    None when there is nothing worth saying (an untyped optional field, plain text).
    ``show_choices`` lists a choice field's values after what was read.
    """
    if spec.kind not in HINTED_KINDS:
        return None
    try:
        value = parse_value(spec, text, now)
    except ValidationError as exc:  # the reason may quote what was typed
        return shown(f"✗ {exc.message}")
    if value is None:
        return None
    match spec.kind:
        case FieldKind.DAY:
            reading = dates.format_day(value)
        case FieldKind.WHEN:
            reading = dates.format_when(value, now)
        case FieldKind.DURATION:
            reading = dates.format_duration(value)
        case FieldKind.MONEY:
            reading = f"{value:,}"
        case _:
            reading = value.label
    hint = Text(f"→ {reading}")
    if spec.kind == FieldKind.CHOICE and show_choices:
        hint.append(f"   ({' · '.join(spec.choices)})", style="dim")
    return hint


class RecordForm(Dialog[T | None], Generic[T]):
    """Edit a copy of a record; dismiss with the edited copy, or None when cancelled.

    One row per field of ``specs``: a label and an Input (a small TextArea for long text).
    Enter or ctrl+s saves, escape cancels. A value the CLI would refuse keeps the form open,
    with the field outlined in red and the reason under it.
    """

    DEFAULT_CSS = """
    RecordForm {
        /* One row per field, label on the left. */
        & #form-fields {
            height: auto;
            max-height: 100%;
        }

        & .form-row {
            height: auto;
            margin-bottom: 1;
        }

        & .form-label {
            width: 17;
            padding: 0 1 0 0;
            text-align: right;
            color: $text-muted;
        }

        & .form-cell {
            width: 1fr;
            height: auto;
        }

        /* The words a field's text completes, in line with it, and an example of it. */
        & .form-prompt {
            width: 1fr;
            padding: 0 1;
        }

        & .form-example {
            width: 1fr;
            padding: 0 1;
            color: $text-muted;
            text-style: dim;
        }

        & Input, & TextArea {
            background: $boost;
        }

        & Input:focus, & TextArea:focus {
            background: $primary 20%;
        }

        & TextArea {
            height: 3;
        }

        & Input.-invalid, & TextArea.-invalid {
            background: $error 25%;
        }

        & Input.-invalid:focus, & TextArea.-invalid:focus {
            background: $error 35%;
        }
    }
    """
    # Toasts wait until this dialog closes: they would cover the field being typed in.
    HOLDS_TOASTS = True

    EXTRA: ClassVar[frozenset[str]] = frozenset()
    """Names in ``specs`` that are not fields of the record; subclasses handle them."""

    FORMATS: ClassVar[dict[str, str]] = {}
    """A line under a field saying how to write it (field name -> text)."""

    EXAMPLES: ClassVar[dict[str, str]] = {}
    """Example input shown in an empty field, by field name (else by kind: PLACEHOLDERS)."""

    LABELS: ClassVar[dict[str, str]] = {}
    """A shorter label than the field's own, by field name."""

    PROMPTS: ClassVar[dict[str, tuple[str, str]]] = {}
    """Fields asked for as the start of a sentence: field name -> (the words shown above the
    input, which the typed text completes; an example, shown dim under it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *keymap.bindings("form"),
        # Priority: focus moves the moment tab is read, so text pasted right after it lands
        # in the next field (without it, the paste reaches the old field before tab does).
        Binding("tab", "next_field", "Next field", show=False, priority=True),
        Binding("shift+tab", "previous_field", "Previous field", show=False, priority=True),
    ]

    def __init__(
        self, title: str | Text, record: T, specs: tuple[FieldSpec, ...], now: datetime
    ) -> None:
        super().__init__()
        self._title = title if isinstance(title, Text) else Text(title)
        self._original: T = copy.deepcopy(record)
        self.specs = specs
        self.now = now
        self._initial = {spec.name: self.initial_text(spec) for spec in specs}
        # The text a field had when it was refused, so editing it clears the mark.
        self._refused: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title", id="form-title")
            with VerticalScroll(id="form-fields"):
                for spec in self.specs:
                    yield from self._compose_row(spec)
            yield Static(
                Text("enter or ctrl+s save · esc cancel · tab next field"),
                classes="dialog-keys",
            )
        yield Footer()

    def _compose_row(self, spec: FieldSpec) -> ComposeResult:
        initial = self._initial[spec.name]
        with Horizontal(classes="form-row", id=f"row-{spec.name}"):
            label = Text(self.LABELS.get(spec.name, spec.label) + (" *" if spec.required else ""))
            placeholder = self.EXAMPLES.get(spec.name, PLACEHOLDERS.get(spec.kind, ""))
            prompt, example = self.PROMPTS.get(spec.name, ("", ""))
            yield Label(label, classes="form-label")
            with Vertical(classes="form-cell"):
                if prompt:
                    yield Static(Text(prompt), classes="form-prompt", id=f"prompt-{spec.name}")
                if spec.kind == FieldKind.LONG_TEXT:
                    yield ShownTextArea(
                        initial,
                        soft_wrap=True,
                        compact=True,
                        highlight_cursor_line=False,
                        placeholder=placeholder,
                        id=f"field-{spec.name}",
                    )
                else:
                    yield ShownInput(
                        initial,
                        placeholder=placeholder,
                        suggester=(
                            SuggestFromList(spec.choices, case_sensitive=False)
                            if spec.kind == FieldKind.CHOICE
                            else None
                        ),
                        validate_on=[],  # the form marks fields itself; see _mark_invalid
                        compact=True,
                        id=f"field-{spec.name}",
                    )
                if example:
                    yield Static(
                        Text(f"e.g. {example}"), classes="form-example", id=f"example-{spec.name}"
                    )
                if spec.name in self.FORMATS:
                    yield Static(
                        Text(self.FORMATS[spec.name]),
                        classes="form-hint",
                        id=f"format-{spec.name}",
                    )
                if spec.kind in HINTED_KINDS:
                    yield Static("", classes="form-hint", id=f"hint-{spec.name}", markup=False)
                yield from self.compose_under(spec)
                error = Static("", classes="form-error", id=f"error-{spec.name}", markup=False)
                error.display = False
                yield error

    def on_mount(self) -> None:
        for spec in self.specs:
            self._update_hint(spec)
        self.refresh_rows()
        if self.specs:
            self.field_widget(self.specs[0].name).focus()

    # ------------------------------------------------------------------ for subclasses

    def compose_under(self, spec: FieldSpec) -> ComposeResult:
        """Widgets shown under a field's input, above its error (none by default)."""
        yield from ()

    def shows_row(self, name: str) -> bool:
        """Whether the field called ``name`` is shown now (asked again as fields change)."""
        return True

    def refresh_rows(self) -> None:
        """Show or hide each row as :meth:`shows_row` says (a refused field stays shown)."""
        for spec in self.specs:
            shown_now = self.shows_row(spec.name) or spec.name in self._refused
            self.query_one(f"#row-{spec.name}").display = shown_now

    def field_changed(self, spec: FieldSpec) -> None:
        """Called after the text of a field changed (by typing, pasting or the program)."""

    def field_submitted(self, spec: FieldSpec) -> bool:
        """Enter in a one-line field: True when the subclass handled it (else the form saves)."""
        return False

    # ------------------------------------------------------------------ reading fields

    def field_widget(self, name: str) -> Input | TextArea:
        """The Input or TextArea of the field called ``name``."""
        widget = self.query_one(f"#field-{name}")
        assert isinstance(widget, Input | TextArea)
        return widget

    def field_text(self, name: str) -> str:
        """What is typed in the field called ``name`` right now."""
        widget = self.field_widget(name)
        return widget.text if isinstance(widget, TextArea) else widget.value

    def _spec_of(self, widget: Widget) -> FieldSpec | None:
        for spec in self.specs:
            if widget.id == f"field-{spec.name}":
                return spec
        return None

    # ------------------------------------------------------------------ live feedback

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _field_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        control = event.input if isinstance(event, Input.Changed) else event.text_area
        spec = self._spec_of(control)
        if spec is None:
            return
        self._update_hint(spec)
        if spec.name in self._refused and self.field_text(spec.name) != self._refused[spec.name]:
            self._clear_error(spec.name)
        self.refresh_rows()
        self.field_changed(spec)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        spec = self._spec_of(event.widget)
        if spec is not None and spec.kind == FieldKind.CHOICE:
            self._update_hint(spec)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        spec = self._spec_of(event.widget)
        if spec is not None and spec.kind == FieldKind.CHOICE:
            self._update_hint(spec)

    def _update_hint(self, spec: FieldSpec) -> None:
        if spec.kind not in HINTED_KINDS:
            return
        hint_widget = self.query_one(f"#hint-{spec.name}", Static)
        widget = self.field_widget(spec.name)
        # A choice lists its values only while it has focus: the list is long.
        text = self.field_text(spec.name)
        hint = parse_hint(spec, text, self.now, show_choices=widget.has_focus)
        if hint is not None and hint.plain.split("   (")[0] == f"→ {text.strip()}":
            # Saying back exactly what was typed ("→ 1h30m") is noise; keep the choices list.
            hint = None if not widget.has_focus or spec.kind != FieldKind.CHOICE else hint
        hint_widget.display = hint is not None
        hint_widget.update(hint or "")
        bad = hint is not None and hint.plain.startswith("✗")
        hint_widget.set_class(hint is not None and not bad, "-ok")
        hint_widget.set_class(bad, "-bad")

    def _clear_error(self, name: str) -> None:
        self._refused.pop(name, None)
        self.field_widget(name).remove_class("-invalid")
        error = self.query_one(f"#error-{name}", Static)
        error.update("")
        error.display = False

    def _mark_invalid(self, exc: ValidationError) -> None:
        """Outline the refused field, say why under it, and put the cursor there."""
        names = {spec.name for spec in self.specs}
        # An error about a field the form does not show lands on the first field.
        name = exc.field if exc.field in names else self.specs[0].name
        self._refused[name] = self.field_text(name)
        widget = self.field_widget(name)
        widget.add_class("-invalid")
        error = self.query_one(f"#error-{name}", Static)
        error.update(shown(str(exc)))
        error.display = True
        row = self.query_one(f"#row-{name}")
        row.display = True  # a field shown only sometimes is shown while it is wrong
        widget.focus()
        self.call_after_refresh(row.scroll_visible)

    def action_next_field(self) -> None:
        """Tab: the next field."""
        self.focus_next()

    def action_previous_field(self) -> None:
        """Shift+tab: the previous field."""
        self.focus_previous()

    # ------------------------------------------------------------------ submitting

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        spec = self._spec_of(event.input)
        if spec is not None and self.field_submitted(spec):
            return
        self.action_submit()

    def action_submit(self) -> None:
        """Apply every field to a fresh copy; dismiss with it, or mark the first bad field."""
        for name in list(self._refused):
            self._clear_error(name)
        try:
            record = self.build_record()
        except ValidationError as exc:
            self._mark_invalid(exc)
            return
        self.dismiss(record)

    def build_record(self) -> T:
        """The edited copy, or ValidationError naming the first field the user must fix.

        Fields are applied in order with :func:`set_field`; untouched fields are skipped (an
        unchanged, formatted date is not re-read) except that required ones must not be empty.
        """
        record = copy.deepcopy(self._original)
        for spec in self.specs:
            if spec.name in self.EXTRA:
                continue  # not a field of the record: complete() reads it
            text = self.field_text(spec.name)
            if text == self._initial[spec.name]:
                if spec.required and not text.strip():
                    raise ValidationError(spec.name, "must not be empty")
                continue
            try:
                set_field(record, spec.name, text, self.now)
            except ValidationError as exc:
                if exc.field == spec.name:
                    raise
                # The value is fine but the record is not yet, because of another field
                # (a new application has no role while its company is set; a salary range
                # is widened one end at a time). Keep the value; the record is checked whole
                # once every field is in.
                setattr(record, spec.name, parse_value(spec, text, self.now))
        record.validate()
        self.complete(record)
        return record

    def initial_text(self, spec: FieldSpec) -> str:
        """The text a field starts with (subclasses supply their EXTRA fields' text)."""
        return display_value(self._original, spec)

    def complete(self, record: T) -> None:
        """Finish a valid record before it is returned (subclasses add defaults here).

        May raise ValidationError, e.g. for an EXTRA field; the form then marks that field.
        """

    def action_cancel(self) -> None:
        """Close the form without saving."""
        self.dismiss(None)
