"""`jobtui contacts [--json]`: the table, the JSON, the empty answers, hostile text."""

from __future__ import annotations

import json

import pytest
from hostile import HOSTILE, looks_like

from jobtui.core.textsafe import has_controls


def _ok(result) -> str:
    code, out, err = result
    assert code == 0, err
    return out.strip()


@pytest.fixture
def searched(jobtui):
    """Two applications, three contacts, and a sent log that wrote to two of them."""
    acme = _ok(jobtui("add", "Acme", "Backend Engineer"))
    globex = _ok(jobtui("add", "Globex", "Data Engineer"))
    ana = _ok(
        jobtui(
            "contact",
            "Ana Lima",
            "--title",
            "Recruiter",
            "--email",
            "ana@acme.example",
            "--phone",
            "+49 30 1234",
            "--for",
            acme,
        )
    )
    bo = _ok(jobtui("contact", "Bo Berg", "--company", "Globex", "--for", globex))
    cy = _ok(jobtui("contact", "Cy Young"))
    # Monday 23 Nov to Ana (by address) and Bo (by name); Tuesday 24 Nov to Ana alone.
    _ok(
        jobtui(
            "sent",
            acme,
            "--to",
            "Ana <ana@acme.example>, Bo Berg",
            "--at",
            "2026-11-23 09:00",
            "--kind",
            "other",
        )
    )
    _ok(
        jobtui(
            "sent",
            globex,
            "--to",
            "ana@acme.example",
            "--at",
            "2026-11-24 09:00",
            "--kind",
            "other",
        )
    )
    return {"acme": acme, "globex": globex, "ana": ana, "bo": bo, "cy": cy}


def test_the_table_lists_every_contact_newest_written_first(jobtui, searched):
    lines = _ok(jobtui("contacts")).splitlines()
    assert lines[0].split() == [
        "ID",
        "NAME",
        "TITLE",
        "COMPANY",
        "EMAIL",
        "PHONE",
        "APPLICATIONS",
        "LAST",
        "WRITTEN",
    ]
    assert [line.split()[1] for line in lines[1:]] == ["Ana", "Bo", "Cy"]
    ana, bo, cy = lines[1:]
    assert ana.startswith(searched["ana"][:8])
    for cell in ("Recruiter", "Acme", "ana@acme.example", "+49 30 1234", "Tue 24 Nov"):
        assert cell in ana
    assert "Globex" in bo and bo.endswith("Mon 23 Nov")
    assert cy.endswith("never")


def test_json_has_every_field_with_ids(jobtui, searched):
    rows = json.loads(_ok(jobtui("contacts", "--json")))
    assert [r["name"] for r in rows] == ["Ana Lima", "Bo Berg", "Cy Young"]
    ana = rows[0]
    assert ana["id"] == searched["ana"]
    assert ana["title"] == "Recruiter"
    assert ana["company"] == "Acme"  # from the application it was added for
    assert ana["email"] == "ana@acme.example"
    assert ana["phone"] == "+49 30 1234"
    assert ana["applications"] == [
        {
            "id": searched["acme"],
            "company": "Acme",
            "role": "Backend Engineer",
            "status": "applied",
        }
    ]
    assert ana["last_written"].startswith("2026-11-24T")
    assert rows[2]["last_written"] is None
    assert rows[2]["applications"] == []


def test_a_deleted_contact_is_not_listed(jobtui, searched):
    _ok(jobtui("delete", searched["bo"]))
    rows = json.loads(_ok(jobtui("contacts", "--json")))
    assert [r["name"] for r in rows] == ["Ana Lima", "Cy Young"]


def test_no_contacts_says_how_to_add_one(jobtui):
    _ok(jobtui("add", "Acme", "Dev"))
    out = _ok(jobtui("contacts"))
    assert len(out.splitlines()) == 1
    assert "jobtui contact NAME" in out
    assert _ok(jobtui("contacts", "--json")) == "[]"


def test_no_database_creates_none(jobtui, db_path):
    code, out, err = jobtui("contacts")
    assert code == 0 and out == "" and "no database" in err
    assert _ok(jobtui("contacts", "--json")) == "[]"
    assert not db_path.exists()


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=[n for n, _ in HOSTILE])
def test_hostile_names_and_titles_are_shown_visibly(jobtui, text):
    app_id = _ok(jobtui("add", text, "Dev"))
    _ok(jobtui("contact", text, "--title", text, "--for", app_id))
    code, out, err = jobtui("contacts")
    assert code == 0, err
    assert not has_controls(out)
    assert looks_like(text) in out
    rows = json.loads(_ok(jobtui("contacts", "--json")))
    assert rows[0]["name"] == text and rows[0]["title"] == text
