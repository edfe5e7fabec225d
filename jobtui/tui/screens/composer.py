"""The composer: a follow-up message drafted from a template and what the user noted.

Pick a template (the one that fits the due follow-up is preselected); the draft renders into
an editable TextArea. The interview's follow-up fields (topics, concerns, strengths, what I
liked) can be edited here and the draft re-renders. Copy it, save it to a file, hand it to
the mail program, mark it sent, or close. Whatever was typed into the fields is kept (the
caller saves it) unless cancelled with nothing changed.

A draft edited by hand is kept until it is sent: autosaved after a pause in typing (as the
note editor does) and when the composer closes, through the caller's ``save_draft``. A
draft that reads exactly as the template renders is not kept, so an unedited one keeps
following the notes. ctrl+r resets an edited draft to the template (after asking).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
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
from jobtui.config import Me, MessageSettings
from jobtui.core import dates, drafts
from jobtui.core.drafts import MESSAGE_FIELDS
from jobtui.core.model import Application, Contact, Interview, MessageDraft
from jobtui.core.outgoing import Outgoing, outgoing
from jobtui.core.textsafe import strip_controls
from jobtui.db.datafile import write_file_atomically
from jobtui.io import clipboard, mail
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import ShownTextArea, shown
from jobtui.tui.widgets.editor import AUTOSAVE_DELAY, AUTOSAVE_MAX_WAIT, MIN_TIMER

# Called back once a draft's save is done: when it was saved, and the error if it failed.
DraftSaved = Callable[[datetime, BaseException | None], None]
# Keeps a draft (None: drops the kept one) on the data thread, then calls back.
DraftSaver = Callable[[MessageDraft | None, DraftSaved], None]

RERENDER_DELAY = 0.3
# What the composer believes is kept after a save failed: matches no draft, so the next
# change asks again.
UNKNOWN_KEPT = ("", "\0")
KEYS_LINE = (
    "ctrl+o mail · ctrl+y copy · ctrl+s save to file · ctrl+t mark sent · "
    "ctrl+r reset to template · esc close"
)
# Side by side, the side pane takes 38 columns and the frame 4: below this width the draft
# would get fewer than 52 (50 to type in), so the panes stack, the draft below.
STACK_BELOW_WIDTH = 94
STACKED_SIDE_HEIGHT = 9


@dataclass
class ComposerResult:
    """What the user did: the fields they changed, whether they marked it sent, and
    whether an edited draft is kept for next time."""

    template: str
    text: str
    mark_sent: bool = False
    changed_fields: dict[str, str] = field(default_factory=dict)
    kept_draft: bool = False


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
            height: auto;
            max-height: 3;
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
        *,
        kept: MessageDraft | None = None,
        save_draft: DraftSaver | None = None,
        mail_command: str = "",
        other_roles: Collection[str] = MessageSettings().other_roles,
    ) -> None:
        super().__init__()
        self.application = app
        self.interview = interview
        self.contacts = list(contacts)
        self.me = me
        self.today = today
        self.now = now
        self.kept = kept  # the draft kept from last time, as it was on opening
        self._save_draft = save_draft
        self.mail_command = mail_command
        self.other_roles = tuple(other_roles)
        self.templates = drafts.list_templates()
        names = [t.name for t in self.templates]
        if kept is not None and kept.template in names:
            self.template = kept.template
        else:
            self.template = suggested if suggested in names else (names[0] if names else "")
        self._rendered = ""  # the last draft we rendered, to tell hand edits apart
        self._greeted: tuple[object, ...] = ()  # whom it greets: the mail goes to them
        self._timer: Timer | None = None
        # The draft kept on disk, or asked to be: (template, text), None for none.
        self._kept_as: tuple[str, str] | None = (kept.template, kept.text) if kept else None
        self._kept_at: datetime | None = kept.saved_at if kept else None
        self._autosave: Timer | None = None
        self._dirty_since: float | None = None  # first edit not yet sent to be kept
        self._latest_text = kept.text if kept else ""  # the draft as last seen changing
        self._finished = False
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
                        for message_field in MESSAGE_FIELDS:
                            name = message_field.name
                            yield Label(Text(message_field.prompt), classes="composer-label")
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
            yield Static(Text(KEYS_LINE), classes="dialog-keys")
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
        rendered = self.render_draft(force=True)
        draft_area = self.query_one("#composer-draft", TextArea)
        if self.kept is not None:
            draft_area.load_text(self.kept.text)
            if rendered:
                self._show_draft_state()
        draft_area.focus()

    def on_unmount(self) -> None:
        # Closed some other way than its keys (the app quits): still keep the edits, as
        # last seen (the draft's TextArea is gone by now).
        if not self._finished:
            self.keep_draft(self._latest_text)

    # -- rendering -------------------------------------------------------------------

    def current_fields(self) -> dict[str, str]:
        """The follow-up fields as typed in the composer."""
        if self.interview is None:
            return {}
        return {
            f.name: self.query_one(f"#composer-{f.name}", TextArea).text for f in MESSAGE_FIELDS
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

    def render_draft(self, *, force: bool = False) -> bool:
        """Render the chosen template into the draft, unless the draft was edited by hand.
        True if the draft now reads as rendered."""
        draft_area = self.query_one("#composer-draft", TextArea)
        status = self.query_one("#composer-status", Static)
        if not force and self.edited:
            self._show_draft_state()
            return False
        if not self.template:
            status.update(Text("No templates found.", style="bold red"))
            return False
        context = drafts.build_context(
            self.application, self._interview_for_render(), self.contacts, self.me, self.today
        )
        try:
            draft = drafts.render(self.template, context, other_roles=self.other_roles)
        except drafts.TemplateError as exc:
            status.update(shown(f"✗ {exc}", "bold red"))
            return False
        # The draft is for pasting into an email: stored control characters are dropped.
        self._rendered = strip_controls(draft.text())
        self._greeted = draft.greeted
        draft_area.load_text(self._rendered)
        status.update(Text(f"Template: {self.template}", style="dim"))
        return True

    @property
    def edited(self) -> bool:
        """True when the draft differs from the template as last rendered (hand edits)."""
        return self._is_edited(self.text)

    def _is_edited(self, text: str) -> bool:
        return text != self._rendered

    def _show_draft_state(self) -> None:
        """The status line for an edited draft (which the fields no longer re-render): marked
        edited, when it was kept, how to reset it."""
        line = Text("✎ Edited by hand", style="bold yellow")
        if self._kept_as is not None and self._kept_at is not None:
            local = dates.local_day(self._kept_at)
            when = dates.format_clock(self._kept_at)
            if local != self.today:
                when = f"{dates.format_short_day(local, self.today, weekday=True)} {when}"
            line.append(f" · kept, saved {when}", style="bold")
        elif self._kept_as is not None:
            line.append(" · kept", style="bold")
        line.append(" · ctrl+r resets it to the template")
        self.query_one("#composer-status", Static).update(line)

    @on(OptionList.OptionHighlighted, "#composer-templates")
    def _template_chosen(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.template:
            self.template = event.option.id
            self.render_draft()

    @on(TextArea.Changed, ".composer-field")
    def _field_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(RERENDER_DELAY, self._rerender)

    def _rerender(self) -> None:
        if not self._finished:
            self.render_draft()

    # -- keeping the draft ---------------------------------------------------------

    @on(TextArea.Changed, "#composer-draft")
    def _draft_changed(self, event: TextArea.Changed) -> None:
        """Keep the draft after a pause in typing, and at least every so often."""
        self._latest_text = event.text_area.text
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        if self._wanted_key(self._latest_text) == self._kept_as:
            self._dirty_since = None
            return
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        left = self._dirty_since + AUTOSAVE_MAX_WAIT - now
        # Never a 0 s timer: Textual's timer divides by its interval when it runs late.
        delay = max(MIN_TIMER, min(AUTOSAVE_DELAY, left))
        self._autosave = self.set_timer(delay, self.keep_draft)

    def _wanted_key(self, text: str) -> tuple[str, str] | None:
        """The draft to keep as (template, text): None when it reads as rendered."""
        return (self.template, text) if self._is_edited(text) else None

    def keep_draft(self, text: str | None = None) -> None:
        """Ask for the draft (``text``, default the one shown) to be kept now, or the kept
        one dropped once it reads as the template renders, unless that is what is kept."""
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        self._dirty_since = None
        wanted = self._wanted_key(self.text if text is None else text)
        if self._finished or wanted == self._kept_as or self._save_draft is None:
            return  # closed: marked sent (the draft goes), or kept on the way out
        self._kept_as = wanted
        draft = MessageDraft(*wanted) if wanted is not None else None
        try:
            self._save_draft(draft, partial(self._draft_kept, wanted))
        except Exception as exc:  # the data thread is gone (the app is closing)
            self._draft_kept(wanted, self.now, exc)

    def _draft_kept(
        self, wanted: tuple[str, str] | None, at: datetime, error: BaseException | None
    ) -> None:
        """The data thread is done keeping ``wanted`` (at ``at``): say so, or why not."""
        if not self.is_attached or self._finished:
            return
        if error is not None:
            if self._kept_as == wanted:
                self._kept_as = UNKNOWN_KEPT
            self.say(f"The draft could not be kept: {error}", error=True)
            return
        if wanted is not None and self._kept_as == wanted:
            self._kept_at = at
            if self.edited:
                self._show_draft_state()

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
        """Reset the draft to the template (asking first when it was edited by hand: the
        edits go), and drop the kept draft."""
        if not self.edited:
            self._reset()
            return
        from jobtui.tui.screens.confirm import ConfirmDialog

        question = ConfirmDialog(
            "Reset the draft to the template?",
            "Your edits to the draft go; the fields stay as typed.",
        )
        self.app.push_screen(question, self._reset_answered)

    def _reset_answered(self, yes: bool | None) -> None:
        if yes:
            self._reset()
            self.say("Reset to the template: the edited draft is gone.")

    def _reset(self) -> None:
        self.render_draft(force=True)
        self.keep_draft()  # it reads as rendered now: the kept draft goes

    # -- the mail program ------------------------------------------------------------

    @property
    def message(self) -> Outgoing:
        """The draft as shown, as a message (control characters dropped, as for copying)."""
        return outgoing(strip_controls(self.text), self.interview, self.contacts, self._greeted)

    def action_open_in_mail(self) -> None:
        """Hand the draft to the mail program: the desktop's mailto: handler, or the
        [mail] command (a terminal client runs in the foreground, the TUI suspended)."""
        message = self.message
        missing = ""
        if not message.to:
            missing = (
                mail.missing_recipients(self.interview, self.contacts, self.application.label)
                + " (add one with e on the main screen: an interviewer as Name <email>, "
                "or a contact's email)"
            )
            self.say(f"No recipient: {missing}; opening it without one.", error=True)
        try:
            handover = mail.prepare(message, self.mail_command)
        except mail.MailError as exc:
            self.say(f"Could not open the mail program: {exc}", error=True)
            return
        if not handover.foreground:
            self._open_detached(handover, missing)
            return
        try:
            with self.app.suspend():
                mail.run(handover)
        except mail.MailError as exc:
            self.say(f"Could not open the mail program: {exc}", error=True)
            return
        except Exception as exc:  # no terminal to hand over (run never ran)
            handover.cleanup()
            self.say(f"Could not run {handover.program}: {exc}", error=True)
            return
        self._handed_over(f"Back from {handover.program}", missing)

    @work(thread=True, exclusive=True, group="composer-mail")
    def _open_detached(self, handover: mail.Handover, missing: str) -> None:
        # The opener is given a few seconds to fail: off the event loop.
        try:
            mail.run(handover)
        except mail.MailError as exc:
            self.app.call_from_thread(
                self.say, f"Could not open the mail program: {exc}", error=True
            )
            return
        self.app.call_from_thread(self._handed_over, f"Handed to {handover.program}", missing)

    def _handed_over(self, what: str, missing: str) -> None:
        lacking = f", with no recipient ({missing})" if missing else ""
        self.say(f"{what}{lacking}. Once it is sent, ctrl+t logs it as sent.", error=bool(missing))

    # -- closing ---------------------------------------------------------------------

    def action_mark_sent(self) -> None:
        """Close, logging the message as sent (and saving any field edits); the kept draft
        goes in the same save."""
        self._close()
        self.dismiss(ComposerResult(self.template, self.text, True, self.changed_fields()))

    def action_close(self) -> None:
        """Close, keeping the edited draft and the field edits (the user's words)."""
        self.keep_draft()
        self._close()
        changed = self.changed_fields()
        kept = self._kept_as is not None
        result = ComposerResult(self.template, self.text, False, changed, kept_draft=kept)
        self.dismiss(result if changed or kept else None)

    def _close(self) -> None:
        # Its timers stop with the screen; what they would do is nothing once it is closed.
        self._finished = True
