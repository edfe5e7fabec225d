"""`jobtui render` and `jobtui templates` end to end: what they print and their exit statuses."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from jobtui import locations
from jobtui.core.outgoing import split_message

PACKAGED = [
    "accept_offer",
    "application_follow_up",
    "check_in",
    "keep_in_touch",
    "thank_you",
    "withdraw",
]


def _ok(result) -> str:
    code, out, err = result
    assert code == 0, err
    # Only news about the command itself may be on stderr (an interview moving the status).
    assert all("moved from" in line for line in err.splitlines()), err
    return out


@pytest.fixture
def me():
    config = locations.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        '[me]\nname = "Jo Park"\nsignature = "Jo Park\\njo@park.dev"\n', encoding="utf-8"
    )


@pytest.fixture
def search(jobtui, me):
    """An application with a contact and yesterday's interview, its follow-up notes filled in."""
    app_id = _ok(jobtui("add", "Acme", "Backend Engineer", "--applied", "2026-11-02")).strip()
    iv_id = _ok(
        jobtui(
            "interview",
            app_id,
            "yesterday 14:00",
            "--kind",
            "technical",
            "--with",
            "Ana Lima <ana@acme.com>",
            "--with",
            "Bo Chen",
        )
    ).strip()
    _ok(
        jobtui(
            "set",
            iv_id,
            "topics=how billing moved to event sourcing",
            "concerns=No Kafka in production yet; I ran RabbitMQ at 5k msg/s",
            "strengths=Led the billing migration\nCut p99 latency by 40%",
            "liked=The blameless postmortems",
        )
    )
    contact_id = _ok(jobtui("contact", "Rita Moreno", "--for", app_id)).strip()
    return {"app": app_id, "interview": iv_id, "contact": contact_id}


def test_render_thank_you_for_an_interview_prefix(jobtui, search):
    out = _ok(jobtui("render", "thank_you", search["interview"][:6]))
    assert out == (
        "Subject: Thank you — Backend Engineer interview\n"
        "\n"
        "Hi Ana and Bo,\n"
        "\n"
        "Thank you both for taking the time to talk with me yesterday about the Backend Engineer "
        "role at Acme. I really enjoyed our conversation about how billing moved to event "
        "sourcing.\n"
        "\n"
        "I'd also like to come back to No Kafka in production yet; I ran RabbitMQ at 5k msg/s.\n"
        "\n"
        "Given what the team is working on, I think these are the most relevant things I bring:\n"
        "- Led the billing migration\n"
        "- Cut p99 latency by 40%\n"
        "\n"
        "I especially liked the blameless postmortems. I came away even keener to join the team "
        "and work with you.\n"
        "\n"
        "Please let me know if there's anything else I can share. I look forward to hearing "
        "from you.\n"
        "\n"
        "Best regards,\n"
        "Jo Park\n"
        "jo@park.dev\n"
    )


def test_render_for_an_application_uses_its_contact_and_latest_interview(jobtui, search):
    out = _ok(jobtui("render", "check_in.txt.j2", search["app"][:6]))
    assert out.startswith("Subject: Checking in — Backend Engineer at Acme\n\nHi Rita,\n\n")
    assert "following my technical interview yesterday" in out
    assert "I really liked the blameless postmortems" in out
    assert out.endswith("Thank you for your time,\nJo Park\njo@park.dev\n")


def test_render_an_application_without_interviews_or_config(jobtui):
    app_id = _ok(jobtui("add", "Quiet Co", "Dev", "--applied", "2026-11-05")).strip()
    out = _ok(jobtui("render", "application_follow_up", app_id))
    assert out.startswith("Subject: Following up on my application — Dev\n\nHello,\n\n")
    assert "the Dev role at Quiet Co on Thursday 5 November" in out
    assert "None" not in out and "\n\n\n" not in out


def test_render_skips_a_deleted_contact(jobtui, search):
    _ok(jobtui("delete", search["contact"]))
    out = _ok(jobtui("render", "keep_in_touch", search["app"]))
    assert "\n\nHi Ana and Bo,\n\n" in out


def test_render_asks_about_other_roles_in_the_templates_config_lists(jobtui, search):
    check_in = "And if another role at Acme turns out to be a better match"
    keep_in_touch = "If another role at Acme comes up that fits my background"
    assert check_in not in _ok(jobtui("render", "check_in", search["app"]))
    assert keep_in_touch in _ok(jobtui("render", "keep_in_touch", search["app"]))
    config = locations.config_file()
    text = config.read_text(encoding="utf-8")
    config.write_text(f'{text}[messages]\nother_roles = ["check_in"]\n', encoding="utf-8")
    assert check_in in _ok(jobtui("render", "check_in", search["app"]))
    link = _ok(jobtui("render", "check_in", search["app"], "--mailto"))
    assert check_in in _decoded(link.strip())[2]
    assert keep_in_touch not in _ok(jobtui("render", "keep_in_touch", search["app"]))


def test_render_unknown_template_is_one_line_exit_1(jobtui, search):
    code, out, err = jobtui("render", "thanks", search["interview"])
    assert (code, out) == (1, "")
    assert err == (
        'jobtui: template "thanks": no such template (available: ' + ", ".join(PACKAGED) + ")\n"
    )


def test_render_unknown_id_is_one_line_exit_1(jobtui, search):
    code, out, err = jobtui("render", "thank_you", "zzzz")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and 'id starting "zzzz"' in err


def test_render_a_contact_id_is_refused(jobtui, search):
    code, _, err = jobtui("render", "thank_you", search["contact"])
    assert code == 1 and err.count("\n") == 1


def test_a_broken_user_template_is_one_line_naming_template_and_line(jobtui, search):
    user_dir = locations.user_templates_dir()
    user_dir.mkdir(parents=True)
    (user_dir / "thank_you.txt.j2").write_text(
        "{# title: Mine #}\nSubject: Thanks\n\nHi {{ interveiw.topics }}\n", encoding="utf-8"
    )
    code, out, err = jobtui("render", "thank_you", search["interview"])
    assert (code, out) == (1, "")
    assert err == "jobtui: template \"thank_you\" line 4: 'interveiw' is undefined\n"
    (user_dir / "thank_you.txt.j2").write_text(
        "Subject: x\n\n\n{% for x in contacts %}\n{{ x.name }}\n", encoding="utf-8"
    )
    code, out, err = jobtui("render", "thank_you", search["interview"])
    assert (code, out) == (1, "")
    assert err.startswith('jobtui: template "thank_you" line 5: Unexpected end of template')
    assert err.count("\n") == 1


def test_templates_lists_name_source_title_and_path(jobtui):
    lines = _ok(jobtui("templates")).splitlines()
    assert [line.split()[0] for line in lines] == PACKAGED
    thank_you = next(line for line in lines if line.startswith("thank_you "))
    assert thank_you.split("  ")[0] == "thank_you"
    assert " packaged " in thank_you
    assert "Thank-you after an interview" in thank_you
    assert thank_you.endswith(str(locations.packaged_templates_dir() / "thank_you.txt.j2"))


def test_templates_shows_user_overrides_and_additions(jobtui):
    user_dir = locations.user_templates_dir()
    user_dir.mkdir(parents=True)
    (user_dir / "thank_you.txt.j2").write_text(
        "{# title: My thanks #}\nSubject: x\n", encoding="utf-8"
    )
    (user_dir / "referral.txt.j2").write_text(
        "{# title: Ask for a referral #}\nSubject: x\n", encoding="utf-8"
    )
    rows = json.loads(_ok(jobtui("templates", "--json")))
    assert [r["name"] for r in rows] == sorted([*PACKAGED, "referral"])
    by_name = {r["name"]: r for r in rows}
    assert by_name["thank_you"] == {
        "name": "thank_you",
        "source": "user",
        "title": "My thanks",
        "path": str(user_dir / "thank_you.txt.j2"),
    }
    assert by_name["referral"]["source"] == "user"
    assert by_name["check_in"]["source"] == "packaged"
    text = _ok(jobtui("templates"))
    assert "referral" in text and "Ask for a referral" in text and str(user_dir) in text


# --- render --mailto / --open ------------------------------------------------------------------


def _decoded(url: str) -> tuple[tuple[str, ...], str, str]:
    """(to, subject, body) of a mailto: URL, read with urllib's query parser (which also
    takes "+" for a space: the URL must not hold a bare one)."""
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and not parts.fragment
    fields = parse_qs(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
    assert all(len(values) == 1 for values in fields.values())

    def value(name: str) -> str:
        return fields.get(name, [""])[0].replace("\r\n", "\n")

    to = tuple(unquote(a) for a in parts.path.split(",")) if parts.path else ()
    return to, value("subject"), value("body")


def _mail_command(command: str) -> None:
    config = locations.config_file()
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"{text}\n[mail]\ncommand = {json.dumps(command)}\n", encoding="utf-8")


def test_render_mailto_prints_the_message_as_one_link(jobtui, search):
    text = _ok(jobtui("render", "thank_you", search["interview"]))
    out = _ok(jobtui("render", "thank_you", search["interview"], "--mailto"))
    assert out.count("\n") == 1 and out.endswith("\n")
    assert out.startswith(
        "mailto:ana@acme.com?subject=Thank%20you%20%E2%80%94%20Backend%20Engineer%20interview"
        "&body=Hi%20Ana%20and%20Bo%2C%0D%0A%0D%0AThank%20you%20both%20"
    )
    assert "RabbitMQ%20at%205k%20msg%2Fs.%0D%0A" in out
    assert out.endswith("%0D%0AJo%20Park%0D%0Ajo%40park.dev\n")
    assert _decoded(out.strip()) == (("ana@acme.com",), *split_message(text))


def test_render_mailto_for_an_application_goes_to_the_contact_it_greets(jobtui, me):
    app_id = _ok(jobtui("add", "Quiet Co", "Dev", "--applied", "2026-11-05")).strip()
    rita = _ok(jobtui("contact", "Rita Moreno", "--for", app_id, "--email", "rita@q.co")).strip()
    _ok(jobtui("contact", "Tom Hu", "--for", app_id, "--email", "tom+jobs@q.co"))
    out = _ok(jobtui("render", "application_follow_up", app_id, "--mailto"))
    assert out.startswith("mailto:rita@q.co?subject=")
    assert _decoded(out.strip())[0] == ("rita@q.co",)
    assert "Hi%20Rita%2C" in out
    _ok(jobtui("delete", rita))
    assert _ok(jobtui("render", "application_follow_up", app_id, "--mailto")).startswith(
        "mailto:tom%2Bjobs@q.co?subject="
    )


def test_a_missing_address_is_said_on_stderr_and_the_link_has_no_recipient(jobtui, search):
    _ok(jobtui("set", search["interview"], "interviewers=Ana Lima, Bo Chen"))
    code, out, err = jobtui("render", "thank_you", search["interview"], "--mailto")
    assert code == 0
    assert out.startswith("mailto:?subject=Thank%20you%20") and out.count("\n") == 1
    assert err == (
        "jobtui: no email address for Ana Lima, Bo Chen or Rita Moreno; the link has no "
        "recipient (add an address with jobtui set or the form)\n"
    )


def test_open_with_nobody_to_write_to_says_so_before_opening(jobtui, tmp_path, monkeypatch):
    app_id = _ok(jobtui("add", "Quiet Co", "Dev", "--applied", "2026-11-05")).strip()
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, out, err = jobtui("render", "application_follow_up", app_id, "--open")
    assert (code, out) == (1, "")
    assert err == (
        "jobtui: no interviewer or contact of Quiet Co — Dev is on record; it opens without "
        "a recipient (add an address with jobtui set or the form)\n"
        "jobtui: no program opens mailto: links here (xdg-open is not installed); set [mail] "
        "command in config.toml to your mail program\n"
    )


@pytest.mark.parametrize(
    ("command", "error"),
    [
        ("neomutt -s {subjcet}", "unknown placeholder {subjcet} (known: {mailto}, {to}, "),
        ("neomutt -s '{subject}", "no closing quotation in"),
        ("nomutt-here {to}", "program 'nomutt-here' not found"),
    ],
)
def test_open_with_a_mail_command_that_cannot_run_is_one_line_exit_1(
    jobtui, search, command, error
):
    _mail_command(command)
    code, out, err = jobtui("render", "thank_you", search["interview"], "--open")
    assert (code, out) == (1, "")
    assert err.startswith("jobtui: [mail] command in config.toml: ") and error in err
    assert err.count("\n") == 1


def test_mailto_and_open_together_is_a_usage_error(jobtui, search):
    code, out, err = jobtui("render", "thank_you", search["interview"], "--mailto", "--open")
    assert (code, out) == (2, "")
    assert "not allowed with argument" in err


def test_control_characters_in_an_address_are_dropped_like_in_the_text(jobtui):
    app_id = _ok(jobtui("add", "Acme\x1b[2J", "Dev\x9b31m")).strip()
    _ok(jobtui("contact", "Rita\x07", "--for", app_id, "--email", "ri\x1b]52;c;aGk=\x07ta@q.co"))
    out = _ok(jobtui("render", "check_in", app_id, "--mailto"))
    to, subject, body = _decoded(out.strip())
    assert to == ("ri]52;c;aGk=ta@q.co",)
    assert subject == "Checking in — Dev31m at Acme[2J" and "Hi Rita,\n\n" in body


@pytest.mark.parametrize(
    ("template", "greets", "to"),
    [
        ("thank_you", "Hi Ana and Bo,", ("ana@acme.com",)),  # the interviewers
        ("check_in", "Hi Rita,", ("rita@acme.com",)),  # the recruiter
        ("keep_in_touch", "Hi Rita,", ("rita@acme.com",)),
        ("withdraw", "Hi Rita,", ("rita@acme.com",)),
        ("accept_offer", "Hi Rita,", ("rita@acme.com",)),
        ("application_follow_up", "Hi Rita,", ("rita@acme.com",)),
    ],
)
def test_each_letter_goes_to_the_people_it_greets(jobtui, search, template, greets, to):
    _ok(jobtui("set", search["contact"], "email=rita@acme.com"))
    url = _ok(jobtui("render", template, search["interview"], "--mailto")).strip()
    got_to, _, body = _decoded(url)
    assert body.startswith(greets + "\n")
    assert got_to == to


def test_a_greeted_person_without_an_address_falls_back_to_the_others(jobtui, search):
    # Rita (greeted by a check-in) has no email: it goes to the interviewer who has one,
    # rather than to nobody.
    url = _ok(jobtui("render", "check_in", search["interview"], "--mailto")).strip()
    to, _, body = _decoded(url)
    assert body.startswith("Hi Rita,") and to == ("ana@acme.com",)


def test_render_prints_the_draft_kept_from_the_composer(jobtui, search, now):
    import os
    from pathlib import Path

    from jobtui.core.model import MessageDraft
    from jobtui.db.store import Store
    from jobtui.ops import messages

    template_text = _ok(jobtui("render", "thank_you", search["interview"]))
    edited = template_text.replace("Hi Ana and Bo,", "Dear Ana, dear Bo — & ? # %,")
    with Store(Path(os.environ["JOBTUI_DB"]), clock=lambda: now) as store:
        messages.save_draft(
            store, search["interview"], MessageDraft("thank_you", edited.rstrip("\n")), now
        )
    code, out, err = jobtui("render", "thank_you", search["interview"])
    assert code == 0 and out == edited
    assert "the draft you edited in the composer (saved " in err and "--fresh" in err
    # The link carries the edited text too, to the people the template greets.
    url = _ok_quiet(jobtui("render", "thank_you", search["interview"], "--mailto"))
    assert _decoded(url.strip()) == (("ana@acme.com",), *split_message(edited))
    # --fresh renders the template; another template is rendered as it is.
    assert _ok(jobtui("render", "thank_you", search["interview"], "--fresh")) == template_text
    code, out, err = jobtui("render", "check_in", search["interview"])
    assert code == 0 and "Dear Ana" not in out and err == ""


def _ok_quiet(result) -> str:
    code, out, err = result
    assert code == 0, err
    return out
