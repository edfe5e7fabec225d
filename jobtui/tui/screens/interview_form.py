"""The form that adds or edits an interview of an application."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import ClassVar

from jobtui.core import dates
from jobtui.core.drafts import MESSAGE_FIELDS
from jobtui.core.fields import INTERVIEW_FIELDS
from jobtui.core.model import Application, Interview
from jobtui.tui.screens.application_form import application_title
from jobtui.tui.screens.record_form import RecordForm

# Notes have their own editor; the end follows from the duration; a snooze and the
# thank-you are set by their own commands.
FORM_FIELDS = tuple(
    s
    for s in INTERVIEW_FIELDS
    if s.name not in {"notes", "ends_at", "snoozed_until", "thank_you_sent_at"}
)


def tomorrow_at_ten(now: datetime) -> datetime:
    """The default start of a new interview: tomorrow 10:00, local time."""
    zone = dates.local_tz()
    day = dates.local_day(now) + timedelta(days=1)
    return datetime.combine(day, time(10, 0), tzinfo=zone)


class InterviewForm(RecordForm[Interview]):
    """Add an interview to ``app`` (``interview`` is None) or edit a copy of one.

    Dismisses with the new or edited :class:`Interview`, or None when cancelled. A new one
    starts tomorrow at 10:00 local time. The follow-up fields are asked for in the words of
    the letter they go into ("We talked about…"), each with an example under it.
    """

    LABELS: ClassVar[dict[str, str]] = {
        "topics": "Topics",
        "concerns": "Concerns",
        "strengths": "Strengths",
        "liked": "Liked",
    }
    PROMPTS: ClassVar[dict[str, tuple[str, str]]] = {
        field.name: (field.prompt, field.example) for field in MESSAGE_FIELDS
    }

    def __init__(self, interview: Interview | None, app: Application, now: datetime) -> None:
        self.is_new = interview is None
        if interview is None:
            interview = Interview(application_id=app.id, starts_at=tomorrow_at_ten(now))
        title = application_title("Add interview" if self.is_new else "Edit interview", app)
        super().__init__(title, interview, FORM_FIELDS, now)
