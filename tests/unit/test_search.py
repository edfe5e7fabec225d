"""Search over all text (core/search.py): every field, case and accents, where it matched,
the excerpt, and the overview's rows and timeline filter using it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hostile import HOSTILE

from jobtui.config import FollowUpRules
from jobtui.core.model import Application, Contact, Interview, Person, Task
from jobtui.core.overview import build_overview, update_overview
from jobtui.core.search import Searchable, fields_of, matches, normalized
from jobtui.tui.view import View, timeline_base, visible_rows, where_matched

RULES = FollowUpRules()


def _app(**fields) -> Application:
    return Application(**{"company": "Acme", "role": "Backend Engineer", **fields})


def _interview(app: Application, now, **fields) -> Interview:
    return Interview(application_id=app.id, starts_at=now + timedelta(days=2), **fields)


def _where(app, needle, interviews=(), contacts=()) -> str | None:
    found = matches(Searchable(fields_of(app, list(interviews), contacts)), needle)
    return found.where if found else None


# -- the normalizer --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("José", "jose"),
        ("jose", "JOSÉ"),
        ("Straße", "STRASSE"),
        ("STRASSE", "straße"),
        ("Zürich", "zurich"),
        ("ﬁnance", "finance"),  # a ligature (NFKD)
        ("Crème Brûlée", "creme brulee"),
        ("data\nengineer", "data engineer"),  # a line break reads as a space
    ],
)
def test_matching_ignores_case_and_accents(text, needle):
    assert normalized(needle) in normalized(text)
    assert _where(_app(notes=text), needle) == "notes"


def test_no_match_across_two_fields():
    app = _app(location="Berlin", source="Referral")
    assert _where(app, "berlin referral") is None
    assert _where(app, "berlin") == "location"


# -- one test per field ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "needle", "where"),
    [
        ({"company": "Globex"}, "globex", "company"),
        ({"role": "Site Reliability"}, "reliab", "role"),
        ({"location": "Lisbon (remote)"}, "lisbon", "location"),
        ({"tags": ["python", "fintech"]}, "fintech", "tag"),
        ({"source": "Hacker News"}, "hacker", "source"),
        ({"notes": "Asked about the on-call rota"}, "on-call", "notes"),
        ({"description": "You will run Kubernetes clusters"}, "kubernetes", "posting"),
        ({"offer_notes": "30 days of leave"}, "leave", "offer notes"),
    ],
)
def test_each_field_of_the_application_is_searched(fields, needle, where):
    assert _where(_app(**fields), needle) == where
    assert _where(_app(), needle) is None


def test_a_task_is_searched():
    assert _where(_app(tasks=[Task(text="Send the portfolio")]), "portfolio") == "task"


@pytest.mark.parametrize(
    ("fields", "needle", "where"),
    [
        ({"interviewers": [Person("Marta Oliveira")]}, "oliveira", "interviewer Marta Oliveira"),
        (
            {"interviewers": [Person("Marta", "marta@globex.example")]},
            "globex.example",
            "interviewer Marta",
        ),
        ({"notes": "Whiteboard on graph search"}, "whiteboard", "interview notes"),
        ({"topics": "Event sourcing"}, "sourcing", "interview topics"),
        ({"concerns": "The commute"}, "commute", "interview concerns"),
        ({"strengths": "Deep Postgres knowledge"}, "postgres", "interview strengths"),
        ({"liked": "The pairing culture"}, "pairing", "what you liked"),
    ],
)
def test_each_field_of_an_interview_is_searched(now, fields, needle, where):
    app = _app()
    assert _where(app, needle, [_interview(app, now, **fields)]) == where
    assert _where(app, needle, [_interview(app, now)]) is None


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({}, "lopez"),
        ({"email": "rita@hooli.example"}, "hooli.example"),
        ({"title": "Talent Partner"}, "talent"),
        ({"company": "Hooli Staffing"}, "staffing"),
    ],
)
def test_each_field_of_a_linked_contact_is_searched(fields, needle):
    rita = Contact(name="Rita López", **fields)
    app = _app(contact_ids=[rita.id])
    assert _where(app, needle, contacts=[rita]) == "contact Rita López"
    assert _where(app, needle) is None


def test_the_first_field_that_matches_is_named():
    app = _app(notes="remote first", description="fully remote")
    assert _where(app, "remote") == "notes"
    assert _where(_app(company="Remote Inc", notes="remote"), "remote") == "company"


# -- the excerpt -------------------------------------------------------------------------


def test_the_hint_shows_the_words_around_the_match_on_one_line():
    notes = "First call went well.\n\nThey asked about   Kafka and\tstreaming at scale, then more."
    found = matches(Searchable(fields_of(_app(notes=notes), [])), "kafka")
    assert found is not None and found.where == "notes"
    head, hit, tail = found.excerpt()
    assert hit == "Kafka"
    assert head.startswith("…")
    assert all("\n" not in part and "  " not in part for part in (head, tail))
    assert head.endswith("about ") and tail.startswith(" and streaming")
    assert found.hint().startswith("notes: …") and "Kafka and streaming" in found.hint()


def test_the_excerpt_of_accented_text_shows_the_original_letters():
    found = matches(Searchable(fields_of(_app(notes="Meeting at Café Noël tomorrow"), [])), "noel")
    assert found is not None
    assert found.excerpt()[1] == "Noël"
    # Decomposed accents (NFD) stay with their letter.
    found = matches(Searchable(fields_of(_app(notes="Cafe\u0301 Noe\u0308l"), [])), "noel")
    assert found is not None and found.excerpt()[1] == "Noe\u0308l"
    found = matches(Searchable(fields_of(_app(notes="Große Straße 5"), [])), "strasse")
    assert found is not None and found.excerpt()[1] == "Straße"


def test_a_name_match_needs_no_excerpt():
    rita = Contact(name="Rita Lopez")
    app = _app(contact_ids=[rita.id])
    found = matches(Searchable(fields_of(app, [], [rita])), "rita")
    assert found is not None and found.hint() == "contact Rita Lopez"


@pytest.mark.parametrize(("name", "text"), HOSTILE, ids=[n for n, _ in HOSTILE])
def test_hostile_text_is_found_and_its_excerpt_stays_text(name, text):
    notes = f"before {text} after"
    found = matches(Searchable(fields_of(_app(notes=notes), [])), "after")
    assert found is not None and found.where == "notes"
    head, hit, tail = found.excerpt()
    assert hit == "after"
    assert "\n" not in head + tail  # one line; the TUI shows it through shown()
    assert _where(_app(notes=notes), text) == "notes"


# -- the overview and the view -----------------------------------------------------------


def _overview(now, apps, interviews=None, contacts=()):
    return build_overview(apps, interviews or {}, {}, list(contacts), now, RULES)


def test_rows_search_their_linked_contacts_and_follow_a_renamed_contact(now):
    rita = Contact(name="Rita Lopez")
    acme = _app(contact_ids=[rita.id])
    other = _app(company="Globex")
    overview = _overview(now, [acme, other], contacts=[rita])
    companies = [r.app.company for r in visible_rows(overview, View(filter_text="LÓPEZ"))]
    assert companies == ["Acme"]
    renamed = Contact(name="Rita Moreno", id=rita.id)
    after = update_overview(overview, {}, [renamed], RULES)
    assert visible_rows(after, View(filter_text="lopez")) == []
    assert [r.app.company for r in visible_rows(after, View(filter_text="moreno"))] == ["Acme"]
    assert after.row(other.id) is overview.row(other.id)  # untouched rows are reused


def test_where_matched_only_for_text_no_column_shows(now):
    acme = _app(notes="Referred by Dana")
    overview = _overview(now, [acme])
    row = overview.row(acme.id)
    assert where_matched(row, View()) is None
    assert where_matched(row, View(filter_text="acme")) is None  # the company column shows it
    assert where_matched(row, View(filter_text="backend")) is None  # the role column
    found = where_matched(row, View(filter_text="DANA"))
    assert found is not None and found.where == "notes"
    # The timeline's filter does not mark the list's rows.
    assert where_matched(row, View(filter_text="dana", filter_target="timeline")) is None


def test_the_timeline_filter_matches_all_text(now):
    acme = _app(company="Acme")
    globex = _app(company="Globex")
    interviews = {
        acme.id: [_interview(acme, now, notes="Système de paie")],
        globex.id: [_interview(globex, now, topics="hiring plans")],
    }
    overview = _overview(now, [acme, globex], interviews)
    view = View(filter_text="SYSTEME", filter_target="timeline")
    assert [e.app.company for e in timeline_base(overview, view)] == ["Acme"]
    view = View(filter_text="hiring", filter_target="timeline")
    assert [e.app.company for e in timeline_base(overview, view)] == ["Globex"]


def test_a_row_with_some_accented_text_still_says_where_and_shows_the_words(now):
    app = _app(notes="Ask about the Kafka migration")
    interviews = [_interview(app, now, interviewers=[Person("Jürgen Groß")], liked="Kafka talk")]
    found = matches(Searchable(fields_of(app, interviews)), "GROSS")
    assert found is not None and found.where == "interviewer Jürgen Groß"
    found = matches(Searchable(fields_of(app, interviews)), "kafka talk")
    assert found is not None and found.where == "what you liked"
    assert found.excerpt() == ("", "Kafka talk", "")


def test_prepare_search_builds_every_rows_text_ahead(now):
    overview = _overview(now, [_app(notes="Zoë")]).prepare_search()
    assert overview.rows[0].__dict__.get("searchable") is not None
    assert "zoe" in overview.rows[0].search_text
