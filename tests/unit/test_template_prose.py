"""The packaged templates read as a good letter with any subset of the interview's fields.

Every packaged template is rendered with none, each one alone, a few pairs and all four of
the follow-up fields filled (one line, and several), with and without an interview, contacts,
``[me]`` and the other-roles paragraph; every draft is checked for the holes a half-filled
template leaves. The main cases of thank_you and keep_in_touch are compared whole, as prose.

"Now" is the conftest's Thu 2026-11-26 10:00 Europe/Berlin; the interview was the day before.
"""

from __future__ import annotations

import itertools
import re
from datetime import timedelta

import pytest

from jobtui.config import Me, MessageSettings
from jobtui.core import drafts
from jobtui.core.drafts import MESSAGE_FIELDS, Draft
from jobtui.core.model import Application, Contact, Interview, InterviewKind, Person, Status

PACKAGED = [t.name for t in drafts.list_templates() if t.source == "packaged"]
FIELDS = [f.name for f in MESSAGE_FIELDS]

# What a user writes after each prompt ("We talked about…", "I'd like to come back to…",
# "The most relevant thing I bring…", "I liked…"): one point, and several.
ONE_LINE = {
    "topics": "how billing moved to event sourcing",
    "concerns": "my Kubernetes experience: I ran our cluster upgrades for two years",
    "strengths": "five years of running Postgres at scale",
    "liked": "the blameless postmortems",
}
SEVERAL = {
    "topics": "- How billing moved to event sourcing\n- the on-call rota",
    "concerns": (
        "My Kubernetes experience: I ran our cluster upgrades for two years\n"
        "Go: I have shipped two services in it"
    ),
    "strengths": "- Led the billing migration to Postgres\n- Cut p99 latency by 40%",
    "liked": "The blameless postmortems.\nthat engineers pair every day\n* the 4-day week",
}
ON_ONE_LINE = {  # several points written on one line
    "topics": "how billing moved to event sourcing; the on-call rota",
    "concerns": "my Go experience: two services shipped, one still in production",
    "strengths": "Postgres at scale, incident command and mentoring",
    "liked": "the postmortems; the on-call rota; the pairing",
}
FILLINGS = {"one line": ONE_LINE, "several": SEVERAL, "on one line": ON_ONE_LINE}

SUBSETS = [
    (),
    *((name,) for name in FIELDS),
    ("topics", "liked"),
    ("concerns", "strengths"),
    ("topics", "strengths"),
    tuple(FIELDS),
]

MES = {
    "signature": Me(name="Jo Park", email="jo@park.dev", signature="Jo Park\njo@park.dev"),
    "name only": Me(name="Jo Park"),
    "no me": Me(),
}


def interview_with(app: Application, now, fields: dict[str, str], people: int) -> Interview:
    return Interview(
        application_id=app.id,
        starts_at=now.replace(hour=14) - timedelta(days=1),
        kind=InterviewKind.TECHNICAL,
        interviewers=[Person("Ana Lima"), Person("Bo Chen"), Person("Chidi Okafor")][:people],
        **fields,
    )


def render(
    name: str,
    now,
    *,
    fields: dict[str, str] | None = None,
    interview: bool = True,
    people: int = 2,
    contacts: bool = True,
    me: str = "signature",
    other_roles: list[str] | None = None,
) -> Draft:
    app = Application(
        company="Acme", role="Backend Engineer", status=Status.INTERVIEWING, applied_on=None
    )
    about = interview_with(app, now, fields or {}, people) if interview else None
    linked = [Contact("Rita Moreno", title="Recruiter")] if contacts else []
    context = drafts.build_context(app, about, linked, MES[me], now.date())
    roles = MessageSettings().other_roles if other_roles is None else other_roles
    return drafts.render(name, context, other_roles=roles)


CLOSINGS = ("regards,", "wishes to you and the team,", "your time,", "this opportunity,")


def assert_reads_well(draft: Draft) -> None:
    """What no draft may show, whatever was left empty."""
    text = draft.text()
    assert draft.subject.strip() and "{" not in draft.subject
    assert "\n\n\n" not in text, f"a run of blank lines:\n{text}"
    assert "None" not in text
    assert not re.search(r"\{\{|\{%|\{#|%\}|#\}|\}\}", text), f"leftover Jinja:\n{text}"
    for bad in (" ,", " .", "..", ",.", ",,", ":.", "  ", "\t"):
        assert bad not in draft.body, f"{bad!r} in:\n{text}"
    assert not re.search(
        r"\b(and|or|especially|about|with|in|to|of|is|are|liked|the|my)\s*([.,;]|:\n|$)",
        draft.body,
        re.M,
    ), f"a dangling word:\n{text}"
    assert not re.search(r"[.!?] [a-z]", draft.body), f"a sentence starts in lower case:\n{text}"
    assert not re.search(r"^[-*]\s*$", text, re.M), "an empty bullet"
    for line in text.splitlines():
        assert line == line.rstrip(), f"trailing whitespace in {line!r}"

    *paragraphs, signoff = draft.body.split("\n\n")
    # It opens with a greeting, and ends with a closing and someone's name.
    assert re.fullmatch(r"(Hi [^\n]*\w|Hello),", paragraphs[0]), paragraphs[0]
    closing, *signature = signoff.split("\n")
    assert closing.endswith(CLOSINGS), f"no closing: {signoff!r}"
    assert signature and all(line.strip() for line in signature), f"a bare closing:\n{text}"
    # Every paragraph ends a sentence; a list follows its lead-in's colon.
    for paragraph in paragraphs[1:]:
        lead, *items = paragraph.split("\n")
        if items:
            assert lead.endswith(":"), paragraph
            assert all(item.startswith("- ") for item in items), paragraph
        else:
            assert lead[-1] in ".!?", f"paragraph ends without punctuation: {lead!r}"
        assert lead[0].isupper(), paragraph


# -- every template, every subset ------------------------------------------------------


@pytest.mark.parametrize("filling", FILLINGS)
@pytest.mark.parametrize("subset", SUBSETS, ids=lambda s: "+".join(s) or "none")
@pytest.mark.parametrize("name", PACKAGED)
def test_any_subset_of_the_fields_reads_well(now, name, subset, filling):
    fields = {field: FILLINGS[filling][field] for field in subset}
    draft = render(name, now, fields=fields)
    assert_reads_well(draft)
    assert "Acme" in draft.body and "Backend Engineer" in draft.text()


@pytest.mark.parametrize(
    ("interview", "people", "contacts", "me"),
    [
        *itertools.product([True], [0, 1, 2, 3], [True, False], MES),
        *itertools.product([False], [0], [True, False], MES),
    ],
)
@pytest.mark.parametrize("name", PACKAGED)
def test_with_or_without_interview_contacts_and_me(now, name, interview, people, contacts, me):
    for fields in ({}, ONE_LINE, SEVERAL):
        draft = render(
            name, now, fields=fields, interview=interview, people=people, contacts=contacts, me=me
        )
        assert_reads_well(draft)
        assert draft.body.endswith(
            {"signature": "\nJo Park\njo@park.dev", "name only": "\nJo Park"}.get(
                me, "\n[Your name]"
            )
        )


@pytest.mark.parametrize("name", PACKAGED)
def test_the_other_roles_paragraph_is_a_setting(now, name):
    asked = "another role at Acme"
    on = render(name, now, fields=ONE_LINE, other_roles=[name])
    off = render(name, now, fields=ONE_LINE, other_roles=[])
    assert_reads_well(on)
    assert_reads_well(off)
    assert asked not in off.body
    # Accepting an offer asks about no other role; every other letter can.
    assert (asked in on.body) == (name != "accept_offer"), on.body
    # By default, only the keep-in-touch letter asks.
    default = render(name, now, fields=ONE_LINE)
    assert (asked in default.body) == (name == "keep_in_touch")
    # A template name may be given as its file name.
    assert render(name, now, fields=ONE_LINE, other_roles=[f"{name}.txt.j2"]) == on


def test_the_multi_line_fields_are_a_sentence_or_a_list_as_the_paragraph_needs(now):
    body = render("thank_you", now, fields=SEVERAL).body
    # Topics and liked are said in a sentence, however many.
    assert "our conversation about how billing moved to event sourcing and the on-call rota." in (
        body
    )
    assert (
        "I especially liked the blameless postmortems, that engineers pair every day and the "
        "4-day week."
    ) in body
    # Concerns and strengths, sentences of their own, are a list from two on.
    assert (
        "come back to a few things we discussed:\n"
        "- My Kubernetes experience: I ran our cluster upgrades for two years\n"
        "- Go: I have shipped two services in it\n\n"
    ) in body
    assert "the most relevant things I bring:\n- Led the billing migration to Postgres\n" in body
    # Several points on one line, "a; b", are several too.
    body = render("thank_you", now, fields=ON_ONE_LINE).body
    assert "about how billing moved to event sourcing and the on-call rota." in body
    assert "I especially liked the postmortems, the on-call rota and the pairing." in body


def test_one_strength_naming_several_things_is_said_in_the_plural(now):
    fields = {"strengths": "Postgres at scale, incident command and mentoring"}
    assert "the most relevant things I bring are Postgres at scale, incident command and " in (
        render("thank_you", now, fields=fields).body
    )
    fields = {"strengths": "Kafka, which I ran and tuned for two years"}
    assert "the most relevant thing I bring is Kafka, which" in (
        render("thank_you", now, fields=fields).body
    )
    assert "relevant things I bring to the team are" in (
        render("application_follow_up", now, fields=ON_ONE_LINE).body
    )


@pytest.mark.parametrize(
    ("liked", "other_roles", "expected"),
    [
        ("", False, "I enjoyed learning about Acme, and I'd be glad to stay in touch. I hope"),
        (
            "the pairing",
            False,
            "Acme, and I especially liked the pairing. I'd be glad to stay in touch, and I hope "
            "our paths cross again.\n",
        ),
        (
            "",
            True,
            "I'd be glad to stay in touch. If another role at Acme comes up later, I'd be happy to "
            "hear about it, and I hope our paths cross again.\n",
        ),
    ],
)
def test_withdraw_leaves_the_door_open(now, liked, other_roles, expected):
    fields = {"liked": liked}
    draft = render("withdraw", now, fields=fields, other_roles=["withdraw"] if other_roles else [])
    assert expected in draft.body


def test_items_holding_commas_are_set_apart_by_semicolons(now):
    fields = {"topics": "backfills, watermarks and replays\nyour dbt tests\nthe Q2 plan"}
    body = render("thank_you", now, fields=fields).body
    assert (
        "our conversation about backfills, watermarks and replays; your dbt tests; and the Q2 plan."
    ) in body


# -- the main cases, read whole -------------------------------------------------------------


def test_thank_you_with_every_field_one_line(now):
    assert render("thank_you", now, fields=ONE_LINE).text() == (
        "Subject: Thank you — Backend Engineer interview\n"
        "\n"
        "Hi Ana and Bo,\n"
        "\n"
        "Thank you both for taking the time to talk with me yesterday about the Backend "
        "Engineer role at Acme. I really enjoyed our conversation about how billing moved to "
        "event sourcing.\n"
        "\n"
        "I'd also like to come back to my Kubernetes experience: I ran our cluster upgrades "
        "for two years.\n"
        "\n"
        "Given what the team is working on, I think the most relevant thing I bring is five "
        "years of running Postgres at scale.\n"
        "\n"
        "I especially liked the blameless postmortems. I came away even keener to join the "
        "team and work with you.\n"
        "\n"
        "Please let me know if there's anything else I can share. I look forward to hearing "
        "from you.\n"
        "\n"
        "Best regards,\n"
        "Jo Park\n"
        "jo@park.dev\n"
    )


def test_thank_you_with_topics_and_strengths_only(now):
    fields = {"topics": SEVERAL["topics"], "strengths": SEVERAL["strengths"]}
    assert render("thank_you", now, fields=fields, people=1, me="name only").body == (
        "Hi Ana,\n"
        "\n"
        "Thank you for taking the time to talk with me yesterday about the Backend Engineer "
        "role at Acme. I really enjoyed our conversation about how billing moved to event "
        "sourcing and the on-call rota.\n"
        "\n"
        "Given what the team is working on, I think these are the most relevant things I "
        "bring:\n"
        "- Led the billing migration to Postgres\n"
        "- Cut p99 latency by 40%\n"
        "\n"
        "I'm very interested in joining the team and working with you.\n"
        "\n"
        "Please let me know if there's anything else I can share. I look forward to hearing "
        "from you.\n"
        "\n"
        "Best regards,\n"
        "Jo Park"
    )


def test_thank_you_with_nothing_filled_and_no_me(now):
    draft = render("thank_you", now, people=0, contacts=False, me="no me")
    assert draft.body == (
        "Hello,\n"
        "\n"
        "Thank you for taking the time to talk with me yesterday about the Backend Engineer "
        "role at Acme. I enjoyed learning more about the team and its work.\n"
        "\n"
        "I'm very interested in joining the team.\n"
        "\n"
        "Please let me know if there's anything else I can share. I look forward to hearing "
        "from you.\n"
        "\n"
        "Best regards,\n"
        "[Your name]"
    )


def test_thank_you_asking_about_other_roles(now):
    body = render("thank_you", now, fields={"liked": "the pairing"}, other_roles=["thank_you"])
    assert (
        "I especially liked the pairing. I came away even keener to join the team and work "
        "with you. And if another role at Acme turns out to be a better match, I'd be glad to "
        "hear about it too.\n\n"
    ) in body.body


def test_keep_in_touch_with_every_field(now):
    assert render("keep_in_touch", now, fields=SEVERAL).text() == (
        "Subject: Thank you, and staying in touch — Backend Engineer\n"
        "\n"
        "Hi Rita,\n"
        "\n"
        "Thank you for letting me know about your decision on the Backend Engineer role. I'm "
        "disappointed, of course, but I'm grateful for the chance to meet the team and learn "
        "about Acme, and I really enjoyed our conversation about how billing moved to event "
        "sourcing and the on-call rota.\n"
        "\n"
        "I came away with a high opinion of the team. I especially liked the blameless "
        "postmortems, that engineers pair every day and the 4-day week, and I'd still love to "
        "work with you one day. If another role at Acme comes up that fits my background, I'd "
        "be glad to be considered.\n"
        "\n"
        "If you have any feedback on how I could have been a stronger candidate, I'd be "
        "grateful to hear it.\n"
        "\n"
        "Best wishes to you and the team,\n"
        "Jo Park\n"
        "jo@park.dev\n"
    )


def test_keep_in_touch_with_no_interview_no_contact_no_me(now):
    draft = render("keep_in_touch", now, interview=False, contacts=False, me="no me")
    assert draft.body == (
        "Hello,\n"
        "\n"
        "Thank you for letting me know about your decision on the Backend Engineer role. I'm "
        "disappointed, of course, but I'm grateful for the chance to learn about Acme.\n"
        "\n"
        "I came away with a high opinion of the company, and I'd still love to work with you one "
        "day. If another role at Acme comes up that fits my background, I'd be glad to be "
        "considered.\n"
        "\n"
        "If you have any feedback on how I could have been a stronger candidate, I'd be "
        "grateful to hear it.\n"
        "\n"
        "Best wishes to you and the team,\n"
        "[Your name]"
    )


def test_keep_in_touch_without_the_other_roles_paragraph(now):
    body = render("keep_in_touch", now, fields={"topics": "the rota"}, other_roles=[]).body
    assert (
        "\n\nI came away with a high opinion of the team, and I'd still love to work with you one "
        "day.\n\nIf you have any feedback"
    ) in body


# -- the sign-off ---------------------------------------------------------------------------


def test_a_user_can_change_every_sign_off_at_once(now, tmp_path):
    (tmp_path / "_signoff.txt.j2").write_text(
        "{{ closing }}\n{{ me.name or 'Jo' }} (sent from jobtui)\n", encoding="utf-8"
    )
    app = Application(company="Acme", role="Dev")
    context = drafts.build_context(app, None, [], Me(), now.date())
    for name in PACKAGED:
        body = drafts.render(name, context, user_dir=tmp_path).body
        assert body.endswith(",\nJo (sent from jobtui)"), name
