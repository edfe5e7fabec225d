"""`jobtui list --search TEXT`: the same matching as the TUI's `/`, over every field, with
"matched" in the JSON; hostile text."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hostile import HOSTILE, looks_like

from jobtui.core.model import Application, Contact, Interview, Person, Status, Task
from jobtui.core.textsafe import has_controls
from jobtui.db.store import Store


@pytest.fixture
def searched_db(db_path, now):
    """Acme holds a word in every field; Globex holds none of them."""
    with Store(db_path, clock=lambda: now) as store:
        rita = Contact(
            name="Rita López",
            email="rita@hooli.example",
            title="Talent Partner",
            company="Hooli Staffing",
        )
        acme = Application(
            company="Acme",
            role="Backend Engineer",
            location="Zürich (hybrid)",
            tags=["fintech"],
            source="Hacker News",
            notes="Asked about the on-call rota",
            description="You will run Kubernetes clusters",
            tasks=[Task(text="Send the portfolio")],
            offer_notes="30 days of leave",
        )
        acme.set_status(Status.INTERVIEWING, now - timedelta(days=3))
        store.save_with_contacts(acme, [rita])
        globex = Application(company="Globex", role="Data Engineer")
        globex.set_status(Status.APPLIED, now - timedelta(days=1))
        store.save(globex)
        store.add_interview(
            Interview(
                application_id=acme.id,
                starts_at=now - timedelta(days=1),
                interviewers=[Person("Marta Oliveira", "marta@acme.example")],
                notes="Whiteboard on graph search",
                topics="Event sourcing",
                concerns="The commute",
                strengths="Deep Postgres knowledge",
                liked="The pairing culture",
            )
        )
    return db_path


def _listed(jobtui, *args: str) -> list[dict]:
    code, out, err = jobtui("list", "--json", *args)
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize(
    ("needle", "matched"),
    [
        ("acme", "company"),
        ("BACKEND", "role"),
        ("zurich", "location"),
        ("fintech", "tag"),
        ("hacker", "source"),
        ("on-call", "notes"),
        ("kubernetes", "posting"),
        ("oliveira", "interviewer Marta Oliveira"),
        ("marta@acme", "interviewer Marta Oliveira"),
        ("lopez", "contact Rita López"),
        ("hooli.example", "contact Rita López"),
        ("talent partner", "contact Rita López"),
        ("staffing", "contact Rita López"),
        ("whiteboard", "interview notes"),
        ("sourcing", "interview topics"),
        ("commute", "interview concerns"),
        ("postgres", "interview strengths"),
        ("pairing", "what you liked"),
        ("portfolio", "task"),
        ("days of leave", "offer notes"),
    ],
)
def test_search_finds_each_field_and_says_which(jobtui, searched_db, needle, matched):
    rows = _listed(jobtui, "--search", needle)
    assert [(r["company"], r["matched"]) for r in rows] == [("Acme", matched)]


def test_search_ignores_case_and_accents(jobtui, searched_db):
    for needle in ("ZÜRICH", "zurich", "Rita Lopez", "RITA LÓPEZ"):
        assert [r["company"] for r in _listed(jobtui, "--search", needle)] == ["Acme"]


def test_search_words_common_to_both_list_both(jobtui, searched_db):
    rows = _listed(jobtui, "--search", "engineer", "--sort", "company")
    assert [(r["company"], r["matched"]) for r in rows] == [("Acme", "role"), ("Globex", "role")]


def test_without_search_the_json_has_no_matched(jobtui, searched_db):
    rows = _listed(jobtui)
    assert len(rows) == 2 and all("matched" not in r for r in rows)


def test_search_combines_with_the_other_options(jobtui, searched_db):
    assert _listed(jobtui, "--search", "engineer", "--status", "applied")[0]["company"] == "Globex"


def test_the_table_lists_the_matches_and_nothing_found_says_so(jobtui, searched_db):
    code, out, _ = jobtui("list", "--search", "kubernetes")
    assert code == 0 and "Acme" in out and "Globex" not in out
    code, out, _ = jobtui("list", "--search", "nowhere to be found")
    assert code == 0 and out.strip() == 'no application holds "nowhere to be found"'
    assert _listed(jobtui, "--search", "nowhere") == []


@pytest.mark.parametrize(("name", "text"), HOSTILE, ids=[n for n, _ in HOSTILE])
def test_hostile_text_is_found_and_printed_harmlessly(jobtui, db_path, now, name, text):
    with Store(db_path, clock=lambda: now) as store:
        store.save(Application(company=text, role="Dev", notes=f"see {text} here"))
    code, out, _ = jobtui("list", "--search", text)
    assert code == 0
    assert looks_like(text) in out and not has_controls(out)
    rows = _listed(jobtui, "--search", text)
    assert [r["matched"] for r in rows] == ["company"]
    # Not found: the text said back is made harmless too.
    code, out, _ = jobtui("list", "--search", f"{text} nowhere")
    assert code == 0 and "no application holds" in out and not has_controls(out)
