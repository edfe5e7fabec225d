"""Pilot tests: the interview form asks for the follow-up fields in the letter's own words.

Each of topics, concerns, strengths and liked shows the start of the sentence it completes
(``drafts.MESSAGE_FIELDS``' prompt) above its input and an example under it, and what is
typed there drops into the thank-you as it is.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import TextArea

from jobtui.config import Me
from jobtui.core import drafts
from jobtui.core.drafts import MESSAGE_FIELDS
from jobtui.core.model import Application, Interview, Person
from jobtui.tui.screens.interview_form import InterviewForm

SIZE = (100, 60)  # tall enough to show every field at once


class Host(App[None]):
    """Pushes one screen and records what it dismisses with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.screen_under_test = screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test, callback=self.results.append)


def screen_lines(app: App[Any]) -> list[str]:
    """Every visible line, as plain text."""
    return [
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    ]


def find_line(lines: list[str], text: str) -> int:
    [index] = [i for i, line in enumerate(lines) if text in line]
    return index


@pytest.fixture
def acme() -> Application:
    return Application(company="Acme", role="Backend engineer")


def test_the_four_prompts():
    assert [f.name for f in MESSAGE_FIELDS] == ["topics", "concerns", "strengths", "liked"]
    assert {f.name: f.prompt for f in MESSAGE_FIELDS} == {
        "topics": "We talked about…",
        "concerns": "I'd like to come back to…",
        "strengths": "The most relevant thing I bring…",
        "liked": "I liked…",
    }
    assert all(f.example and not f.example.endswith(".") for f in MESSAGE_FIELDS)


async def test_each_follow_up_field_shows_its_prompt_above_and_its_example_under(now, acme):
    host = Host(InterviewForm(None, acme, now))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = screen_lines(host)
        for field in MESSAGE_FIELDS:
            prompt_at = find_line(lines, field.prompt)
            example_at = find_line(lines, f"e.g. {field.example[:30]}")
            area = host.screen.query_one(f"#field-{field.name}", TextArea)
            # The prompt, then the field (under it, where the text goes on), then the example.
            assert prompt_at < area.region.y < example_at, field.name
            assert lines[prompt_at].index(field.prompt) == area.region.x + 1  # in line
        # The short name of each field is its label, as in the details pane and `jobtui set`.
        topics_line = lines[find_line(lines, "We talked about…")]
        assert topics_line.split("We talked about…")[0].strip().endswith("Topics")
        # The other fields keep their plain label and no prompt.
        assert "Where" in lines[find_line(lines, "Where")]
        assert not host.screen.query("#prompt-where")


async def test_the_example_is_shown_dim_and_user_text_never_as_markup(now, acme):
    interview = Interview(application_id=acme.id, starts_at=now, topics="[b]not bold[/b]")
    host = Host(InterviewForm(interview, acme, now))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        example = host.screen.query_one("#example-concerns")
        assert example.styles.text_style.dim
        assert host.screen.query_one("#field-topics", TextArea).text == "[b]not bold[/b]"
        assert "[b]not bold[/b]" in "\n".join(screen_lines(host))


async def test_what_is_typed_after_the_prompts_reads_into_the_thank_you(now, acme):
    host = Host(InterviewForm(None, acme, now))
    typed = {
        "topics": "how billing moved to event sourcing",
        "concerns": "my Kubernetes experience: I ran our cluster upgrades for two years",
        "strengths": "five years of running Postgres at scale",
        "liked": "the blameless postmortems\nthat engineers pair daily",
    }
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for name, text in typed.items():
            area = host.screen.query_one(f"#field-{name}", TextArea)
            area.focus()
            area.insert(text)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    [interview] = host.results
    assert {name: getattr(interview, name) for name in typed} == typed
    interview.interviewers = [Person("Ana Lima")]
    context = drafts.build_context(acme, interview, [], Me(name="Jo"), now.date())
    body = drafts.render("thank_you", context).body
    assert "I really enjoyed our conversation about how billing moved to event sourcing." in body
    assert "I'd also like to come back to my Kubernetes experience: I ran our cluster" in body
    assert "the most relevant thing I bring is five years of running Postgres at scale." in body
    assert "I especially liked the blameless postmortems and that engineers pair daily." in body
