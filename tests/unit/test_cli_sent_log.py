"""`jobtui show` and the sent log: each message with its subject and body, in text and JSON,
for an application (all its messages) and an interview (those about it)."""

from __future__ import annotations

import json
from datetime import timedelta

from hostile import HOSTILE_TEXTS

from jobtui.core.model import Application, Interview, Person, SentFollowUp, SentKind, Status
from jobtui.core.textsafe import visible
from jobtui.db.store import Store

BODY = "Dear Ana,\n\nThanks for today: the queue design was fun.\n\nBest,\nMe"


def _build(db_path, now) -> tuple[str, str]:
    """Acme with an interview yesterday; a thank-you about it (with its text) and a check-in
    logged without its text. Returns the application's and the interview's ids."""
    with Store(db_path, clock=lambda: now) as store:
        app = Application(company="Acme", role="Dev")
        app.set_status(Status.APPLIED, now - timedelta(days=10))
        store.save(app)
        interview = Interview(
            application_id=app.id,
            starts_at=now - timedelta(days=1),
            interviewers=[Person("Ana Lima", "ana@acme.example")],
        )
        store.add_interview(interview)
        store.log_sent(
            SentFollowUp(
                kind=SentKind.THANK_YOU,
                at=now - timedelta(hours=20),
                application_id=app.id,
                interview_id=interview.id,
                to="Ana Lima <ana@acme.example>",
                subject="Thanks for today",
                body=BODY,
            )
        )
        store.log_sent(
            SentFollowUp(
                kind=SentKind.CHECK_IN,
                at=now - timedelta(hours=2),
                application_id=app.id,
                to="Bo",
                channel="linkedin",
            )
        )
    return app.id, interview.id


def _ok(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 0, err
    return out


def test_show_prints_each_message_newest_first_with_its_subject_and_body(jobtui, db_path, now):
    app_id, _ = _build(db_path, now)
    out = _ok(jobtui("show", app_id[:8]))
    sent = out[out.index("messages sent (newest first):") :].split("\nneeds:")[0]
    assert sent.splitlines() == [
        "messages sent (newest first):",
        "    Thu 26 Nov 2026 08:00 CET  check in to Bo (linkedin)",
        "        (logged without its text)",
        "    Wed 25 Nov 2026 14:00 CET  thank you to Ana Lima <ana@acme.example> (email)",
        "        Subject: Thanks for today",
        "",
        "        Dear Ana,",
        "",
        "        Thanks for today: the queue design was fun.",
        "",
        "        Best,",
        "        Me",
    ]


def test_show_of_an_interview_prints_the_messages_about_it(jobtui, db_path, now):
    _, interview_id = _build(db_path, now)
    out = _ok(jobtui("show", interview_id[:8]))
    assert "messages sent (newest first):" in out
    assert "thank you to Ana Lima <ana@acme.example> (email)" in out
    assert "        Dear Ana," in out
    assert "check in" not in out  # about the application, not this interview


def test_show_json_gives_subject_and_body_for_an_application_and_an_interview(jobtui, db_path, now):
    app_id, interview_id = _build(db_path, now)
    shown = json.loads(_ok(jobtui("show", app_id, "--json")))
    # The log in the order it was sent, every field kept.
    assert [(s["kind"], s["subject"], s["body"]) for s in shown["sent"]] == [
        ("thank_you", "Thanks for today", BODY),
        ("check_in", "", ""),
    ]
    assert shown["sent"][1]["channel"] == "linkedin"
    shown = json.loads(_ok(jobtui("show", interview_id, "--json")))
    assert shown["type"] == "interview"
    [sent] = shown["sent"]
    assert (sent["subject"], sent["body"], sent["to"]) == (
        "Thanks for today",
        BODY,
        "Ana Lima <ana@acme.example>",
    )
    assert sent["interview_id"] == interview_id


def test_show_of_an_interview_with_nothing_sent_lists_an_empty_log(jobtui, db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        app = Application(company="Acme", role="Dev")
        store.save(app)
        interview = Interview(application_id=app.id, starts_at=now + timedelta(days=1))
        store.add_interview(interview)
    assert json.loads(_ok(jobtui("show", interview.id, "--json")))["sent"] == []
    assert "messages sent" not in _ok(jobtui("show", interview.id))


def test_hostile_subject_and_body_are_printed_visibly(jobtui, db_path, now):
    app_id, _ = _build(db_path, now)
    with Store(db_path, clock=lambda: now) as store:
        for text in HOSTILE_TEXTS:
            store.log_sent(
                SentFollowUp(
                    kind=SentKind.OTHER,
                    at=now - timedelta(hours=1),
                    application_id=app_id,
                    to=text,
                    subject=text,
                    body=f"{text}\nline two",
                )
            )
    out = _ok(jobtui("show", app_id))
    for text in HOSTILE_TEXTS:
        assert f"        Subject: {visible(text)}\n" in out
        assert f"        {visible(text)}\n        line two\n" in out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "\u202e" not in out
    shown = json.loads(_ok(jobtui("show", app_id, "--json")))
    assert {s["subject"] for s in shown["sent"]} >= set(HOSTILE_TEXTS)  # the data, exactly


def test_sent_keeps_a_subject_and_a_body_file_given(jobtui, tmp_path):
    app_id = jobtui("add", "Acme", "Dev", "--applied", "2026-11-02")[1].strip()
    body = tmp_path / "sent.txt"
    body.write_text("Hi Rita,\n\nA & B ? # % — 日本\n\nBest,\nSam\n", encoding="utf-8")
    code, _, err = jobtui(
        "sent",
        app_id,
        "--kind",
        "check_in",
        "--subject",
        "Checking in — Dev",
        "--body-file",
        str(body),
    )
    assert code == 0, err
    shown = json.loads(jobtui("show", app_id, "--json")[1])
    (entry,) = shown["sent"]
    assert (entry["subject"], entry["body"]) == (
        "Checking in — Dev",
        "Hi Rita,\n\nA & B ? # % — 日本\n\nBest,\nSam",
    )


def test_sent_with_a_body_file_it_cannot_read_logs_nothing(jobtui, tmp_path):
    app_id = jobtui("add", "Acme", "Dev", "--applied", "2026-11-02")[1].strip()
    code, _, err = jobtui("sent", app_id, "--kind", "other", "--body-file", str(tmp_path / "no"))
    assert code == 1 and err.startswith("jobtui: --body-file ") and "cannot read it" in err
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Grüße".encode("latin-1"))
    code, _, err = jobtui("sent", app_id, "--kind", "other", "--body-file", str(latin))
    assert code == 1 and "is not UTF-8 text" in err
    assert json.loads(jobtui("show", app_id, "--json")[1])["sent"] == []
