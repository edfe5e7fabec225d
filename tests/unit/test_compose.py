"""Tests for jobtui.core.drafts: the packaged templates, the filters, user overrides and errors.

"Now" is the conftest's Thu 2026-11-26 10:00 Europe/Berlin; the interview was the day before.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from jobtui import locations
from jobtui.config import Me
from jobtui.core import drafts
from jobtui.core.drafts import Draft, TemplateError, TemplateInfo
from jobtui.core.followup import FOLLOW_UP_KINDS, FollowUpKind
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    InterviewKind,
    Person,
    SentKind,
    Status,
)

PACKAGED = [
    "accept_offer",
    "application_follow_up",
    "check_in",
    "keep_in_touch",
    "thank_you",
    "withdraw",
]

TOPIC = "how the billing service moved to event sourcing"
# As the form asks for it: "I'd like to come back to…"
CONCERN = "my Kafka experience: I haven't run it in production, but I ran RabbitMQ at 5k msg/s"
STRENGTHS = "- Led the billing migration to Postgres\n- Cut p99 latency by 40%"
LIKED = "The blameless postmortem culture"


@pytest.fixture
def today(now) -> date:
    return now.date()


@pytest.fixture
def app() -> Application:
    return Application(
        company="Acme",
        role="Backend Engineer",
        status=Status.INTERVIEWING,
        applied_on=date(2026, 11, 2),
    )


@pytest.fixture
def interview(app, now) -> Interview:
    return Interview(
        application_id=app.id,
        starts_at=now.replace(hour=14) - timedelta(days=1),  # Wed 25 Nov 14:00
        kind=InterviewKind.TECHNICAL,
        interviewers=[
            Person("Ana Lima", "ana@acme.com"),
            Person("Bo Chen"),
            Person("Chidi Okafor"),
        ],
        topics=TOPIC,
        concerns=CONCERN,
        strengths=STRENGTHS,
        liked=LIKED,
        decide_by=date(2026, 11, 25),
    )


@pytest.fixture
def contacts() -> list[Contact]:
    return [Contact("Rita Moreno", title="Recruiter"), Contact("Sam Hiring")]


@pytest.fixture
def me() -> Me:
    return Me(name="Jo Park", email="jo@park.dev", signature="Jo Park\njo@park.dev · +49 30 1234")


@pytest.fixture
def full(app, interview, contacts, me, today):
    return drafts.build_context(app, interview, contacts, me, today)


@pytest.fixture
def empty(app, now, today):
    """Every optional field empty: no interviewers, no follow-up notes, no contact, no me."""
    bare_app = Application(company="Acme", role="Backend Engineer")
    bare = Interview(application_id=bare_app.id, starts_at=now - timedelta(days=1))
    return drafts.build_context(bare_app, bare, [], Me(), today)


def assert_clean(draft: Draft) -> None:
    """What a half-filled template must never show."""
    text = draft.text()
    assert draft.subject and "Subject:" not in draft.subject
    assert draft.body and not draft.body.startswith("\n") and not draft.body.endswith("\n")
    assert "\n\n\n" not in text
    for line in text.splitlines():
        assert line == line.rstrip(), f"trailing whitespace in {line!r}"
    for bad in ("Dear ,", "Hi ,", "Hi  ", "None", " ,", " .", "..", ",.", ":.", "and .", "and ,"):
        assert bad not in text, f"{bad!r} in:\n{text}"
    assert not re.search(r"\b(and|especially|about|with|in)\s*([.,]|:(?!\n))", text), text
    assert not re.search(r"^[-*]\s*$", text, re.M), "an empty bullet"
    assert "{{" not in text and "{%" not in text


# -- the packaged templates ---------------------------------------------------------------


def test_every_packaged_template_is_listed_with_a_title():
    infos = drafts.list_templates()
    assert [t.name for t in infos] == PACKAGED
    assert all(t.source == "packaged" for t in infos)
    assert all(t.path.is_file() and t.path.name == f"{t.name}.txt.j2" for t in infos)
    titles = {t.name: t.title for t in infos}
    assert titles == {
        "accept_offer": "Accept an offer",
        "application_follow_up": "Follow-up after applying",
        "check_in": "Check-in when no news came",
        "keep_in_touch": "Keep in touch after a rejection",
        "thank_you": "Thank-you after an interview",
        "withdraw": "Withdraw an application",
    }
    assert not (locations.packaged_templates_dir() / ".keep").exists()


def test_thank_you_with_full_data_reads_as_written(full):
    draft = drafts.render("thank_you", full)
    assert draft.template == "thank_you"
    assert draft.subject == "Thank you — Backend Engineer interview"
    assert draft.body == (
        "Hi Ana, Bo and Chidi,\n"
        "\n"
        "Thank you all for taking the time to talk with me yesterday about the Backend Engineer "
        "role at Acme. I really enjoyed our conversation about how the billing service moved "
        "to event sourcing.\n"
        "\n"
        "I'd also like to come back to my Kafka experience: I haven't run it in production, but "
        "I ran RabbitMQ at 5k msg/s.\n"
        "\n"
        "Given what the team is working on, I think these are the most relevant things I "
        "bring:\n"
        "- Led the billing migration to Postgres\n"
        "- Cut p99 latency by 40%\n"
        "\n"
        "I especially liked the blameless postmortem culture. I came away even keener to join "
        "the team and work with you.\n"
        "\n"
        "Please let me know if there's anything else I can share. I look forward to hearing "
        "from you.\n"
        "\n"
        "Best regards,\n"
        "Jo Park\n"
        "jo@park.dev · +49 30 1234"
    )
    assert draft.text() == f"Subject: {draft.subject}\n\n{draft.body}\n"
    assert_clean(draft)


def test_thank_you_with_every_optional_field_empty_leaves_no_holes(empty):
    draft = drafts.render("thank_you", empty)
    assert draft.text() == (
        "Subject: Thank you — Backend Engineer interview\n"
        "\n"
        "Hello,\n"
        "\n"
        "Thank you for taking the time to talk with me yesterday about the Backend Engineer role "
        "at Acme. I enjoyed learning more about the team and its work.\n"
        "\n"
        "I'm very interested in joining the team.\n"
        "\n"
        "Please let me know if there's anything else I can share. I look forward to hearing "
        "from you.\n"
        "\n"
        "Best regards,\n"
        "[Your name]\n"  # no [me] in the config: a placeholder, never a bare closing
    )
    assert_clean(draft)


# What each template must show of the full data (besides the signature).
EXPECTED_FULL = {
    "thank_you": ["Hi Ana, Bo and Chidi,", TOPIC, CONCERN, "- Cut p99 latency by 40%"],
    "check_in": [
        "Hi Rita,",
        "Backend Engineer role at Acme",
        "following my technical interview yesterday",
        "a decision was expected around Wednesday 25 November",
        "the blameless postmortem culture",
    ],
    "application_follow_up": [
        "Hi Rita,",
        "on Monday 2 November",
        "- Led the billing migration to Postgres\n- Cut p99 latency by 40%",
    ],
    "keep_in_touch": ["Hi Rita,", TOPIC, "the blameless postmortem culture", "feedback"],
    "withdraw": ["Hi Rita,", "withdraw my application", "the blameless postmortem culture"],
    "accept_offer": [
        "Hi Rita,",
        "delighted to accept",
        "the blameless postmortem culture",
        "working with Ana, Bo and Chidi.",
    ],
}


@pytest.mark.parametrize("name", PACKAGED)
def test_every_template_with_full_data(full, name):
    draft = drafts.render(name, full)
    assert draft.subject
    assert "Backend Engineer" in draft.subject
    for expected in EXPECTED_FULL[name]:
        assert expected in draft.body, f"{expected!r} missing from {name}:\n{draft.body}"
    assert draft.body.endswith("\nJo Park\njo@park.dev · +49 30 1234")
    assert_clean(draft)


@pytest.mark.parametrize("name", PACKAGED)
@pytest.mark.parametrize("with_interview", [True, False], ids=["interview", "no-interview"])
def test_every_template_with_every_optional_field_empty(empty, name, with_interview):
    context = dict(empty)
    if not with_interview:
        context.update(interview=None, interviewers=[])
    draft = drafts.render(name, context)
    assert draft.body.startswith("Hello,\n\n")
    assert "Acme" in draft.text() and "Backend Engineer" in draft.text()
    assert_clean(draft)


@pytest.mark.parametrize("name", PACKAGED)
def test_me_name_signs_when_there_is_no_signature(full, name):
    draft = drafts.render(name, {**full, "me": Me(name="Jo Park")})
    assert draft.body.endswith(",\nJo Park")


@pytest.mark.parametrize(
    ("people", "contact", "greeting", "thanks"),
    [
        ([Person("Ana Lima")], None, "Hi Ana,", "Thank you for taking"),
        ([Person("Ana Lima"), Person("Bo Chen")], None, "Hi Ana and Bo,", "Thank you both"),
        ([], Contact("Rita Moreno"), "Hi Rita,", "Thank you for taking"),
        ([Person("Dr. Mei Wong")], None, "Hi Dr. Wong,", "Thank you for taking"),
    ],
)
def test_thank_you_greets_interviewers_then_the_contact(full, people, contact, greeting, thanks):
    context = {**full, "interviewers": people, "contact": contact}
    draft = drafts.render("thank_you", context)
    assert draft.body.startswith(f"{greeting}\n\n{thanks}")


def test_list_fields_read_as_a_sentence_or_a_list_as_the_paragraph_needs(full, interview):
    # Topics and liked are said in a sentence however many; concerns and strengths are
    # a list from two on, and inline when there is one.
    interview.topics = "* the event bus\n\n  * the on-call rota  \n"
    interview.concerns = "Kafka: ran RabbitMQ at scale\nGo: shipped two services in it"
    interview.strengths = "The billing migration I led."
    interview.liked = "- remote-first\n- the 4-day week"
    body = drafts.render("thank_you", full).body
    assert "our conversation about the event bus and the on-call rota.\n\n" in body
    assert (
        "a few things we discussed:\n- Kafka: ran RabbitMQ at scale\n"
        "- Go: shipped two services in it\n\n"
    ) in body
    assert "the most relevant thing I bring is the billing migration I led.\n" in body
    assert "I especially liked remote-first and the 4-day week. I came away" in body
    assert_clean(drafts.render("thank_you", full))
    interview.liked = "the postmortems; the rota; The pairing."
    body = drafts.render("thank_you", full).body
    assert "I especially liked the postmortems, the rota and the pairing. I came" in body


def test_inline_text_keeps_its_own_punctuation(full, interview):
    interview.topics = "your move to Rust."
    interview.concerns = "Whether I could lead a team: yes, I led four people at Beta!"
    body = drafts.render("thank_you", full).body
    assert "our conversation about your move to Rust.\n" in body
    assert "come back to whether I could lead a team: yes, I led four people at Beta!\n" in body


def test_an_older_interview_is_named_by_its_day(full, interview, now):
    interview.starts_at = now - timedelta(days=3)
    assert "talk with me on Monday about" in drafts.render("thank_you", full).body
    interview.starts_at = now - timedelta(days=10)
    assert "talk with me on Monday 16 November about" in drafts.render("thank_you", full).body


MARKUP = "[bold]x[/] <b>&amp; {{ not code }} {% raw %} Zoë 🚀 \\n"


@pytest.mark.parametrize("name", PACKAGED)
def test_unicode_and_markup_like_text_is_shown_exactly_as_typed(name, now, today):
    app = Application(
        company="[red]Café[/] <Ünïcode> & Co 🚀",
        role="Développeuse {{ role }}",
        applied_on=date(2026, 11, 2),
    )
    interview = Interview(
        application_id=app.id,
        starts_at=now - timedelta(days=1),
        interviewers=[Person("Zoë [b]Ångström[/b]"), Person("李 小龍")],
        topics=MARKUP,
        concerns=MARKUP,
        strengths=MARKUP,
        liked=MARKUP,
    )
    me = Me(name="Jo", signature="Jo <jo@x> & {{ me }} 🙂")
    context = drafts.build_context(app, interview, [Contact("Ünal [i]")], me, today)
    text = drafts.render(name, context).text()
    assert "[red]Café[/] <Ünïcode> & Co 🚀" in text
    assert "Développeuse {{ role }}" in text
    assert text.rstrip().endswith("Jo <jo@x> & {{ me }} 🙂")
    assert "&lt;" not in text and "&amp;amp;" not in text
    assert MARKUP in text  # the fields each template uses are shown verbatim, never evaluated
    greeting = "Hi Ünal," if name != "thank_you" else "Hi Zoë and 李,"
    assert greeting in text


def test_plain_text_is_not_html_escaped(full, interview):
    interview.topics = "<b>&"
    assert "conversation about <b>&." in drafts.render("thank_you", full).body


# -- filters --------------------------------------------------------------------------------


def test_first_name_and_first_names():
    assert drafts.first_name(Person("Ana Lima")) == "Ana"
    assert drafts.first_name(Contact("Rita")) == "Rita"
    assert drafts.first_name("  Bo   Chen ") == "Bo"
    assert drafts.first_name("Prof. Ada Lovelace") == "Prof. Lovelace"
    assert drafts.first_name("") == ""
    assert drafts.first_name(None) == ""
    assert drafts.first_names([Person("Ana Lima"), "Bo Chen", Person(""), Contact("Ché X")]) == [
        "Ana",
        "Bo",
        "Ché",
    ]
    assert drafts.first_names([]) == []


def test_long_date_is_english_and_local(now):
    assert drafts.long_date(date(2026, 12, 1)) == "Tuesday 1 December"
    assert drafts.long_date(date(2026, 12, 3)) == "Thursday 3 December"
    # 23:30 in New York on Sat 3 Jan 2026 is already Sunday 4 January in Berlin.
    from dateutil import tz

    late = datetime(2026, 1, 3, 23, 30, tzinfo=tz.gettz("America/New_York"))
    assert drafts.long_date(late) == "Sunday 4 January"
    assert drafts.long_date(now) == "Thursday 26 November"


def test_long_date_ignores_the_process_locale(now):
    code = (
        "import locale, datetime\n"
        "try: locale.setlocale(locale.LC_TIME, 'de_DE.UTF-8')\n"
        "except locale.Error: pass\n"
        "from jobtui.core.drafts import long_date\n"
        "print(long_date(datetime.date(2026, 12, 1)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "de_DE.UTF-8"},
    )
    assert out.stdout.strip() == "Tuesday 1 December"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 26), "today"),
        (date(2026, 11, 25), "yesterday"),
        (date(2026, 11, 27), "tomorrow"),
        (date(2026, 11, 20), "on Friday"),
        (date(2026, 11, 19), "on Thursday 19 November"),
        (date(2025, 12, 1), "on Monday 1 December 2025"),
    ],
)
def test_relative_day(now, day, expected):
    assert drafts.relative_day(day, now) == expected
    assert drafts.relative_day(day, now.date()) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (None, ""),
        (["A"], "A"),
        (["A", "B"], "A and B"),
        (["A", "B", "C"], "A, B and C"),
        (["A", "", "C"], "A and C"),
    ],
)
def test_natural_join(items, expected):
    assert drafts.natural_join(items) == expected


def test_natural_join_sets_items_holding_commas_apart_by_semicolons():
    assert drafts.natural_join(["a, b", "c", "d"]) == "a, b; c; and d"
    assert drafts.natural_join(["a, b", "c"]) == "a, b and c"  # two need no separator
    assert drafts.natural_join(["a (b, c)", "d", "e"]) == "a (b, c), d and e"
    assert drafts.natural_join(["a", "b and c", "d"]) == "a; b and c; and d"
    assert drafts.natural_join(["a", "b and c"]) == "a and b and c"
    assert drafts.natural_join(["Ana", "Bo", "Chidi"]) == "Ana, Bo and Chidi"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The postmortems.", ["the postmortems"]),
        (
            "- The postmortems\n* the rota;\n\n1. Pairing",
            ["the postmortems", "the rota", "Pairing"],
        ),
        ("the postmortems; the rota;the pairing", ["the postmortems", "the rota;the pairing"]),
        ("a; b\nc", ["a; b", "c"]),  # several lines: each line is one item
        ("Tom &amp; Jerry; cartoons", ["Tom &amp; Jerry", "cartoons"]),
        ("  ;  ", []),
        ("", []),
        (None, []),
    ],
)
def test_phrases(text, expected):
    assert drafts.phrases(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Postgres at scale, incident command and mentoring", True),
        ("a, b, and c", True),
        ("Postgres and Kafka", False),
        ("five years of Postgres, zero-downtime migrations included", False),
        ("Kafka, which I ran and tuned", False),
        ("", False),
    ],
)
def test_listing(text, expected):
    assert drafts.listing(text) is expected


def test_other_roles_tells_a_template_whether_it_is_listed(tmp_path, full):
    _write(tmp_path, "mine", "Subject: x\n{{ 'ask' if other_roles else 'no' }}\n")
    assert drafts.render("mine", full, user_dir=tmp_path).body == "no"  # default: keep_in_touch
    assert drafts.render("mine", full, user_dir=tmp_path, other_roles=["mine"]).body == "ask"
    assert drafts.render("mine", full, user_dir=tmp_path, other_roles=["x"]).body == "no"
    # The context cannot say otherwise: render decides.
    context = {**full, "other_roles": True}
    assert drafts.render("mine", context, user_dir=tmp_path, other_roles=[]).body == "no"


def test_natural_join_with_another_word():
    assert drafts.natural_join(["tea", "coffee"], "or") == "tea or coffee"


def test_lines():
    text = (
        "- Led the migration\n\n  * Cut latency 40%  \n1. Mentored two\n• Wrote docs\n-not a bullet"
    )
    assert drafts.lines(text) == [
        "Led the migration",
        "Cut latency 40%",
        "Mentored two",
        "Wrote docs",
        "-not a bullet",
    ]
    assert drafts.lines("") == [] and drafts.lines("  \n \n") == [] and drafts.lines(None) == []
    assert drafts.lines("[bold]x[/]\n<b>&amp;") == ["[bold]x[/]", "<b>&amp;"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blameless postmortems.", "the blameless postmortems"),
        ("Their   testing\nculture;", "their testing culture"),
        ("How they ship weekly", "how they ship weekly"),
        ("Kubernetes at scale", "Kubernetes at scale"),
        ("THE API", "THE API"),
        ("Theo's team", "Theo's team"),
        ("[bold]x[/]", "[bold]x[/]"),
        ("", ""),
    ],
)
def test_phrase(text, expected):
    assert drafts.phrase(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I did it", "I did it."),
        ("Did I?", "Did I?"),
        ("Yes!", "Yes!"),
        ("Done.", "Done."),
        ("", ""),
    ],
)
def test_sentence(text, expected):
    assert drafts.sentence(text) == expected


def test_greeting_picks_the_first_group_with_names():
    ana, bo = Person("Ana Lima"), Person("Bo Chen")
    assert drafts.greeting([ana, bo], Contact("Rita")) == "Hi Ana and Bo,"
    assert drafts.greeting([], Contact("Rita Moreno")) == "Hi Rita,"
    assert drafts.greeting([], None) == "Hello,"
    assert drafts.greeting() == "Hello,"


def test_filters_are_usable_from_a_template(tmp_path, full):
    (tmp_path / "filters.txt.j2").write_text(
        "Subject: {{ interviewers | first_names | natural_join }}\n"
        "{{ interviewers[0] | first_name }} / {{ interview.starts_at | long_date }}\n"
        "{{ interview.strengths | lines | join(' + ') }}\n"
        "{{ today | relative_day(today) }}\n",
        encoding="utf-8",
    )
    draft = drafts.render("filters", full, user_dir=tmp_path)
    assert draft.subject == "Ana, Bo and Chidi"
    assert draft.body == (
        "Ana / Wednesday 25 November\n"
        "Led the billing migration to Postgres + Cut p99 latency by 40%\n"
        "today"
    )


# -- context and drafts -----------------------------------------------------------------------


def test_build_context(app, interview, contacts, me, today):
    context = drafts.build_context(app, interview, contacts, me, today)
    assert set(context) == {
        "application",
        "interview",
        "interviewers",
        "contact",
        "contacts",
        "me",
        "today",
    }
    assert context["interviewers"] == interview.interviewers
    assert context["contact"] is contacts[0]
    assert context["contacts"] == contacts
    assert context["today"] == today
    bare = drafts.build_context(app, None, [], me, today)
    assert bare["interview"] is None and bare["interviewers"] == [] and bare["contact"] is None


def test_draft_subject_prefix_is_optional_and_blank_lines_are_tidied(tmp_path, full):
    (tmp_path / "tidy.txt.j2").write_text(
        "{# title: Tidy #}\n\n  Just a subject  \n\n\n  \nBody line   \n\t\n\n\n\nLast\n\n\n",
        encoding="utf-8",
    )
    draft = drafts.render("tidy", full, user_dir=tmp_path)
    assert draft == Draft(template="tidy", subject="Just a subject", body="Body line\n\nLast")
    assert draft.text() == "Subject: Just a subject\n\nBody line\n\nLast\n"
    (tmp_path / "prefixed.txt.j2").write_text("SUBJECT:Hello there\nBody\n", encoding="utf-8")
    assert drafts.render("prefixed", full, user_dir=tmp_path).subject == "Hello there"


def test_render_accepts_the_file_name(full):
    assert drafts.render("thank_you.txt.j2", full) == drafts.render("thank_you", full)


# -- user templates -----------------------------------------------------------------------


def test_a_user_template_overrides_the_packaged_one_by_name(full):
    user_dir = locations.user_templates_dir()  # the conftest's tmp config folder
    user_dir.mkdir(parents=True)
    (user_dir / "thank_you.txt.j2").write_text(
        "{# title: My thank-you #}\nSubject: Thanks, {{ application.company }}!\n"
        "Cheers {{ interviewers | first_names | natural_join }}\n",
        encoding="utf-8",
    )
    draft = drafts.render("thank_you", full)
    assert draft == Draft("thank_you", "Thanks, Acme!", "Cheers Ana, Bo and Chidi")
    infos = {t.name: t for t in drafts.list_templates()}
    assert infos["thank_you"] == TemplateInfo(
        "thank_you", "user", user_dir / "thank_you.txt.j2", "My thank-you"
    )
    assert infos["check_in"].source == "packaged"
    assert len(infos) == len(PACKAGED)


def test_a_new_user_template_is_listed_and_renders(tmp_path, full):
    (tmp_path / "referral_ask.txt.j2").write_text(
        "{#title:Ask for a referral#}\nSubject: A favour\nHi {{ contact | first_name }}\n",
        encoding="utf-8",
    )
    (tmp_path / "untitled.txt.j2").write_text("Subject: x\nbody\n", encoding="utf-8")
    (tmp_path / "_partial.txt.j2").write_text("shared\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a template\n", encoding="utf-8")
    infos = {t.name: t for t in drafts.list_templates(tmp_path)}
    assert sorted(infos) == sorted([*PACKAGED, "referral_ask", "untitled"])
    assert list(infos) == sorted(infos)
    assert infos["referral_ask"].source == "user"
    assert infos["referral_ask"].title == "Ask for a referral"
    assert infos["untitled"].title == "untitled"
    draft = drafts.render("referral_ask", full, user_dir=tmp_path)
    assert (draft.subject, draft.body) == ("A favour", "Hi Rita")


def test_a_user_template_can_include_a_partial(tmp_path, full):
    (tmp_path / "_sign.txt.j2").write_text("Cheers,\n{{ me.name }}\n", encoding="utf-8")
    (tmp_path / "short.txt.j2").write_text(
        "Subject: Hi\nThanks!\n\n{% include '_sign.txt.j2' %}", encoding="utf-8"
    )
    assert drafts.render("short", full, user_dir=tmp_path).body == "Thanks!\n\nCheers,\nJo Park"


# -- errors ---------------------------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt.j2").write_text(text, encoding="utf-8")


def test_a_syntax_error_names_the_template_and_line(tmp_path, full):
    _write(tmp_path, "broken", "{# title: Broken #}\nSubject: x\n\n{% if interview %}\nno end\n")
    with pytest.raises(TemplateError) as caught:
        drafts.render("broken", full, user_dir=tmp_path)
    error = caught.value
    assert (error.template, error.line) == ("broken", 5)
    assert str(error).startswith('template "broken" line 5: Unexpected end of template')
    assert "\n" not in str(error)


def test_a_syntax_error_in_the_middle(tmp_path, full):
    _write(tmp_path, "broken", "Subject: x\n\n{{ application.company }\nmore\n")
    with pytest.raises(TemplateError, match=r'^template "broken" line 3: '):
        drafts.render("broken", full, user_dir=tmp_path)


def test_an_undefined_variable_names_the_template_and_line(tmp_path, full):
    _write(tmp_path, "typo", "Subject: x\nHi\n\n{{ interveiw.topics }}\n")
    with pytest.raises(TemplateError) as caught:
        drafts.render("typo", full, user_dir=tmp_path)
    assert str(caught.value) == "template \"typo\" line 4: 'interveiw' is undefined"
    assert (caught.value.template, caught.value.line, caught.value.reason) == (
        "typo",
        4,
        "'interveiw' is undefined",
    )


def test_a_missing_attribute_and_a_none_interview(tmp_path, full):
    _write(tmp_path, "attr", "Subject: x\n{{ application.nope }}\n")
    with pytest.raises(
        TemplateError, match=r"^template \"attr\" line 2: .*has no attribute 'nope'"
    ):
        drafts.render("attr", full, user_dir=tmp_path)
    _write(tmp_path, "noguard", "Subject: x\n\n\n{{ interview.topics }}\n")
    with pytest.raises(TemplateError, match=r"line 4: 'None' has no attribute 'topics'"):
        drafts.render("noguard", {**full, "interview": None}, user_dir=tmp_path)


def test_a_packaged_template_missing_a_variable_fails_clearly(full):
    context = dict(full)
    del context["application"]
    with pytest.raises(TemplateError) as caught:
        drafts.render("thank_you", context)
    assert caught.value.template == "thank_you"
    assert caught.value.line is not None and caught.value.line > 1
    assert caught.value.reason == "'application' is undefined"
    # The signature is the shared partial's: an error there names it.
    del full["me"]
    with pytest.raises(TemplateError) as caught:
        drafts.render("thank_you", full)
    assert (caught.value.template, caught.value.reason) == ("_signoff", "'me' is undefined")


def test_any_other_error_while_rendering(tmp_path, full):
    _write(tmp_path, "maths", "Subject: x\nok\n{{ 1 // 0 }}\n")
    with pytest.raises(TemplateError) as caught:
        drafts.render("maths", full, user_dir=tmp_path)
    assert str(caught.value) == (
        'template "maths" line 3: ZeroDivisionError: integer division or modulo by zero'
    )


def test_an_unknown_filter_is_reported(tmp_path, full):
    _write(tmp_path, "filt", "Subject: x\n\n{{ me.name | shout }}\n")
    with pytest.raises(TemplateError, match=r"line 3: No filter named 'shout'"):
        drafts.render("filt", full, user_dir=tmp_path)


def test_an_error_in_a_partial_names_the_partial(tmp_path, full):
    _write(tmp_path, "_part", "fine\n{{ nope }}\n")
    _write(tmp_path, "outer", "Subject: x\n{% include '_part.txt.j2' %}\n")
    with pytest.raises(TemplateError) as caught:
        drafts.render("outer", full, user_dir=tmp_path)
    assert (caught.value.template, caught.value.line) == ("_part", 2)


def test_a_template_that_is_not_utf8(tmp_path, full):
    (tmp_path / "latin.txt.j2").write_bytes(b"Subject: caf\xe9\n")
    with pytest.raises(TemplateError, match=r'^template "latin": is not UTF-8 text$'):
        drafts.render("latin", full, user_dir=tmp_path)
    assert {t.name: t.title for t in drafts.list_templates(tmp_path)}["latin"] == "latin"


def test_an_unknown_template_lists_the_available_ones(full):
    with pytest.raises(TemplateError) as caught:
        drafts.render("thank_yuo", full)
    assert caught.value.line is None
    assert str(caught.value) == (
        'template "thank_yuo": no such template (available: ' + ", ".join(PACKAGED) + ")"
    )


@pytest.mark.parametrize("name", ["../pyproject", "/etc/passwd", "", "thank_you/x"])
def test_names_outside_the_template_folders_are_unknown(full, name):
    with pytest.raises(TemplateError, match="no such template"):
        drafts.render(name, full)


# -- which template fits ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (FollowUpKind.THANK_YOU, "thank_you"),
        (FollowUpKind.CHECK_IN, "check_in"),
        (FollowUpKind.APPLICATION_FOLLOW_UP, "application_follow_up"),
        (FollowUpKind.GHOSTED, "check_in"),
        ("thank_you", "thank_you"),
    ],
)
def test_a_due_follow_up_picks_the_template(app, kind, expected):
    assert drafts.suggested_template(app, kind) == expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.REJECTED, "keep_in_touch"),
        (Status.OFFER, "accept_offer"),
        (Status.ACCEPTED, "accept_offer"),
        (Status.WITHDRAWN, "withdraw"),
        (Status.GHOSTED, "check_in"),
        (Status.INTERVIEWING, "check_in"),
        (Status.SCREENING, "check_in"),
        (Status.APPLIED, "application_follow_up"),
        (Status.WISHLIST, "application_follow_up"),
    ],
)
def test_with_nothing_due_the_status_picks_the_template(status, expected):
    app = Application(company="Acme", role="Dev", status=status)
    assert drafts.suggested_template(app, None) == expected


def test_with_nothing_due_an_unthanked_interview_picks_the_thank_you(app, interview, now):
    assert drafts.suggested_template(app, None, interview) == "thank_you"
    interview.thank_you_sent_at = now
    assert drafts.suggested_template(app, None, interview) == "check_in"
    app.status = Status.REJECTED
    interview.thank_you_sent_at = None
    assert drafts.suggested_template(app, None, interview) == "keep_in_touch"


def test_every_suggestion_is_a_packaged_template():
    assert set(FOLLOW_UP_KINDS) == set(FollowUpKind)
    suggested = {drafts.suggested_template(Application("A", "B"), kind) for kind in FollowUpKind}
    assert suggested == {kind.info.template for kind in FollowUpKind}
    for status in Status:
        suggested.add(drafts.suggested_template(Application("A", "B", status=status), None))
    assert suggested <= set(PACKAGED)


def test_sent_kind_for_template():
    assert drafts.sent_kind_for_template("thank_you") == SentKind.THANK_YOU
    assert drafts.sent_kind_for_template("check_in.txt.j2") == SentKind.CHECK_IN
    assert drafts.sent_kind_for_template("application_follow_up") == (
        SentKind.APPLICATION_FOLLOW_UP
    )
    assert drafts.sent_kind_for_template("withdraw") == SentKind.OTHER


def test_compose_imports_neither_textual_nor_tinydb():
    code = (
        "import sys, jobtui.core.drafts; "
        "print(sorted(m for m in ('textual', 'tinydb') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr
