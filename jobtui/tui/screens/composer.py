"""The composer: a follow-up message drafted from a template and what the user noted.

Pick a template (the one that fits the due follow-up is preselected); the draft renders into
an editable TextArea. The interview's follow-up fields (topics, concerns, strengths, what I
liked) can be edited here and the draft re-renders. Copy it, save it to a file, mark it sent,
or close. Whatever was typed into the fields is kept (the caller saves it) unless cancelled
with nothing changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Footer, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from jobtui import locations
from jobtui.config import Me
from jobtui.core import dates, drafts
from jobtui.core.model import Application, Contact, Interview
from jobtui.core.textsafe import strip_controls
from jobtui.db.datafile import write_file_atomically
from jobtui.io import clipboard
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import ShownTextArea, shown

# The interview fields a message is built from, as (field name, label).
MESSAGE_FIELDS = (
    ("topics", "Topics discussed"),
    ("concerns", "Concerns to address"),
    ("strengths", "Strengths to highlight"),
    ("liked", "What I liked"),
)

RERENDER_DELAY = 0.3
# Side by side, the side pane takes 38 columns and the frame 4: below this width the draft
# would get fewer than 52 (50 to type in), so the panes stack, the draft below.
STACK_BELOW_WIDTH = 94
STACKED_SIDE_HEIGHT = 9


@dataclass
class ComposerResult:
    """What the user did: the fields they changed, and whether they marked it sent."""

    template: str
    text: str
    mark_sent: bool = False
    changed_fields: dict[str, str] = field(default_factory=dict)


class ComposerScreen(Dialog[ComposerResult | None]):
    """Draft, edit, copy, save and mark sent a follow-up message."""

    # Typed in: toasts would cover the draft, so the app holds them until it closes and the
    # composer says its own news on its status line.
    HOLDS_TOASTS = True

    # Templates and follow-up fields on the left, the draft on the right; the frame fills
    # the screen, and the keys line sits right under the draft.
    DEFAULT_CSS = """
    ComposerScreen {
        & #composer {
            width: 100%;
            height: 100%;
        }

        & .dialog-keys {
            padding-top: 0;
        }

        & #composer-side {
            width: 38;
            height: 1fr;
            padding-right: 1;
        }

        & #composer-templates {
            height: auto;
            max-height: 8;
        }

        & .composer-label {
            color: $text-muted;
            margin-top: 1;
        }

        & .composer-field {
            height: 4;
            background: $boost;
        }

        & #composer-main {
            width: 1fr;
            height: 1fr;
        }

        & #composer-status {
            height: 1;
        }

        & #composer-draft {
            height: 1fr;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("composer")

    def __init__(
        self,
        app: Application,
        interview: Interview | None,
        contacts: Sequence[Contact],
        me: Me,
        today: date,
        suggested: str,
        now: datetime,
    ) -> None:
        super().__init__()
        self.application = app
        self.interview = interview
        self.contacts = list(contacts)
        self.me = me
        self.today = today
        self.now = now
        self.templates = drafts.list_templates()
        names = [t.name for t in self.templates]
        self.template = suggested if suggested in names else (names[0] if names else "")
        self._rendered = ""  # the last draft we rendered, to tell hand edits apart
        self._timer: Timer | None = None
        self.saved_path: Path | None = None
        self.said = ""  # the last news on the status line (tests read it)

    # -- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="composer"):
            yield Static(self._title(), classes="dialog-title")
            with Horizontal(id="composer-body"):
                with VerticalScroll(id="composer-side"):
                    yield Label(Text("Template"), classes="composer-label")
                    yield OptionList(
                        *(Option(shown(t.title), id=t.name) for t in self.templates),
                        id="composer-templates",
                    )
                    if self.interview is not None:
                        for name, label in MESSAGE_FIELDS:
                            yield Label(Text(label), classes="composer-label")
                            yield ShownTextArea(  # stored controls drawn visibly
                                getattr(self.interview, name),
                                soft_wrap=True,
                                compact=True,
                                highlight_cursor_line=False,
                                id=f"composer-{name}",
                                classes="composer-field",
                            )
                with Vertical(id="composer-main"):
                    yield Static(id="composer-status")
                    yield ShownTextArea(id="composer-draft", soft_wrap=True)
            yield Static(
                Text(
                    "ctrl+y copy · ctrl+s save to file · ctrl+t mark sent · "
                    "ctrl+r re-render · esc close"
                ),
                classes="dialog-keys",
            )
        yield Footer()

    def _title(self) -> Text:
        title = Text("Follow-up — ")
        title.append(shown(self.application.company, "bold", limit=60))
        title.append(" · ")
        title.append(shown(self.application.role, limit=60))
        if self.interview is not None:
            day = dates.local_day(self.interview.starts_at)
            title.append(
                f" · {self.interview.kind.label} {dates.format_short_day(day, self.today)}"
            )
        return title

    def on_resize(self) -> None:
        self._fit_layout()

    def _fit_layout(self) -> None:
        """Side by side when there is room; stacked (templates and fields above the draft)
        on a narrow terminal, where the footer alone lists the keys."""
        stacked = self.size.width < STACK_BELOW_WIDTH
        if stacked == self.has_class("-stacked"):
            return
        self.set_class(stacked, "-stacked")
        # Inline styles: they win over the side-by-side rules in DEFAULT_CSS.
        self.query_one("#composer-body").styles.layout = "vertical" if stacked else "horizontal"
        side = self.query_one("#composer-side").styles
        side.width = "100%" if stacked else 38
        side.height = STACKED_SIDE_HEIGHT if stacked else "1fr"
        self.query_one("#composer-main").styles.width = "100%" if stacked else "1fr"
        self.query_one(".dialog-keys").display = not stacked
        self.query_one(".dialog-title").styles.padding = (0, 0, 0, 0) if stacked else (0, 0, 1, 0)

    def on_mount(self) -> None:
        self._fit_layout()
        options = self.query_one("#composer-templates", OptionList)
        names = [t.name for t in self.templates]
        if self.template in names:
            options.highlighted = names.index(self.template)
        self.render_draft(force=True)
        self.query_one("#composer-draft", TextArea).focus()

    # -- rendering -------------------------------------------------------------------

    def current_fields(self) -> dict[str, str]:
        """The follow-up fields as typed in the composer."""
        if self.interview is None:
            return {}
        return {
            name: self.query_one(f"#composer-{name}", TextArea).text for name, _ in MESSAGE_FIELDS
        }

    def changed_fields(self) -> dict[str, str]:
        if self.interview is None:
            return {}
        return {
            name: text
            for name, text in self.current_fields().items()
            if text != getattr(self.interview, name)
        }

    def _interview_for_render(self) -> Interview | None:
        if self.interview is None:
            return None
        import copy

        edited = copy.deepcopy(self.interview)
        for name, text in self.current_fields().items():
            setattr(edited, name, text)
        return edited

    def render_draft(self, *, force: bool = False) -> None:
        """Render the chosen template into the draft, unless the draft was edited by hand."""
        draft_area = self.query_one("#composer-draft", TextArea)
        status = self.query_one("#composer-status", Static)
        if not force and draft_area.text != self._rendered:
            status.update(
                Text("The draft was edited by hand: ctrl+r re-renders it (your edits go).")
            )
            return
        if not self.template:
            status.update(Text("No templates found.", style="bold red"))
            return
        context = drafts.build_context(
            self.application, self._interview_for_render(), self.contacts, self.me, self.today
        )
        try:
            draft = drafts.render(self.template, context)
        except drafts.TemplateError as exc:
            status.update(shown(f"✗ {exc}", "bold red"))
            return
        # The draft is for pasting into an email: stored control characters are dropped.
        self._rendered = strip_controls(draft.text())
        draft_area.load_text(self._rendered)
        status.update(Text(f"Template: {self.template}", style="dim"))

    @on(OptionList.OptionHighlighted, "#composer-templates")
    def _template_chosen(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.template:
            self.template = event.option.id
            self.render_draft()

    @on(TextArea.Changed, ".composer-field")
    def _field_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(RERENDER_DELAY, self.render_draft)

    # -- actions -------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.query_one("#composer-draft", TextArea).text

    def action_copy(self) -> None:
        """Copy the draft: with the system clipboard tool if there is one, else OSC 52."""
        # Meant for pasting into an email: control characters are dropped, as in `render`.
        text = strip_controls(self.text)
        tool = clipboard.find_tool()
        if tool is None:
            self._copied(text, clipboard.CopyResult(None))
        else:
            self._copy_with(tool, text)

    @work(thread=True, exclusive=True, group="composer-copy")
    def _copy_with(self, tool: clipboard.ClipboardTool, text: str) -> None:
        # A program runs: off the event loop (it is given a few seconds at most).
        result = clipboard.copy_with_tool(text, tool=tool)
        self.app.call_from_thread(self._copied, text, result)

    def _copied(self, text: str, result: clipboard.CopyResult) -> None:
        if result.tool is None:
            self.app.copy_to_clipboard(text)  # OSC 52: up to the terminal
        self.say(f"Draft {result.message}.")

    def action_save_file(self) -> None:
        """Save the draft as a text file in the drafts folder."""
        folder = locations.drafts_dir()
        slug = re.sub(r"[^a-z0-9]+", "-", self.application.company.lower()).strip("-") or "draft"
        path = folder / f"{self.today.isoformat()}-{slug}-{self.template}.txt"
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            counter = 1
            while path.exists():
                counter += 1
                path = folder / f"{self.today.isoformat()}-{slug}-{self.template}-{counter}.txt"
            write_file_atomically(path, self.text.encode("utf-8"))  # 0600: it is private
        except OSError as exc:
            self.say(f"Could not save the draft: {exc}", error=True)
            return
        self.saved_path = path
        self.say(f"Saved the draft to {path}")

    def say(self, message: str, *, error: bool = False) -> None:
        """News of the composer's own actions, on its status line (not a toast over it)."""
        self.said = message
        style = "bold red" if error else "bold"
        self.query_one("#composer-status", Static).update(shown(message, style))

    def action_rerender(self) -> None:
        self.render_draft(force=True)

    def action_mark_sent(self) -> None:
        """Close, logging the message as sent (and saving any field edits)."""
        self.dismiss(ComposerResult(self.template, self.text, True, self.changed_fields()))

    def action_close(self) -> None:
        """Close; field edits are still kept (they are the user's notes)."""
        changed = self.changed_fields()
        self.dismiss(ComposerResult(self.template, self.text, False, changed) if changed else None)
