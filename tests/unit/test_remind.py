"""jobtui remind in-process: which follow-ups are notified (once per item per local day,
again the next day while still owed), the state file beside the database (a corrupt one
is a fresh start, a dry run writes nothing), the notifiers' argument lists, and the
schedule's files (systemd units, launchd agent, crontab line)."""

from __future__ import annotations

import json
import plistlib
import sys
from datetime import date, timedelta

import pytest
from conftest import NOW

from jobtui import locations
from jobtui.config import FollowUpRules
from jobtui.core.model import Application, Interview
from jobtui.core.textsafe import has_controls
from jobtui.db.store import Store
from jobtui.io import notify, schedule
from jobtui.ops import followups, records, remind

RULES = FollowUpRules()


@pytest.fixture
def store():
    with Store(None, clock=lambda: NOW) as store:
        yield store


@pytest.fixture
def state(tmp_path):
    return tmp_path / "jobtui-reminded.json"


def _app(store: Store, company: str, **fields) -> Application:
    app = Application(company=company, role="Backend", **fields)
    return records.add_application(store, app, now=NOW).application


def _interview(store: Store, app: Application, starts_ago: timedelta, minutes=60) -> Interview:
    interview = Interview(
        application_id=app.id, starts_at=NOW - starts_ago, duration=timedelta(minutes=minutes)
    )
    records.add_interview(store, interview)
    return interview


def _run(store, state, at=NOW, rules=RULES, **kwargs):
    sent: list[remind.Reminder] = []
    done = remind.remind(store, now=at, rules=rules, state_path=state, send=sent.append, **kwargs)
    assert [r.key for r in done.sent] == [r.key for r in sent] or kwargs.get("dry_run")
    return done, [r.line for r in sent]


@pytest.fixture
def owed(store):
    """An overdue thank-you (Tue 24 Nov), a due one (this morning), an overdue follow-up
    after applying, and two that owe nothing yet (an interview ahead, a fresh application)."""
    acme = _app(store, "Acme")
    _interview(store, acme, timedelta(days=2))
    beta = _app(store, "Beta")
    _interview(store, beta, timedelta(hours=2), minutes=30)
    _app(store, "Quiet Co", applied_on=date(2026, 10, 1))
    later = _app(store, "Later")
    _interview(store, later, timedelta(days=-1))
    _app(store, "Fresh", applied_on=date(2026, 11, 25))
    return {"acme": acme, "beta": beta}


def test_each_item_due_or_overdue_is_reminded_once_and_not_again_the_same_day(store, state, owed):
    done, lines = _run(store, state)
    assert lines == [
        "overdue thank-you — Acme — Backend (interview Tue 24 Nov)",
        "overdue follow up — Quiet Co — Backend (applied Thu 1 Oct)",
        "due thank-you — Beta — Backend (interview Thu 26 Nov)",
    ]
    assert done.owed == 3 and done.state_problem == ""
    assert [r.overdue for r in done.sent] == [True, True, False]
    saved = json.loads(state.read_text())
    assert saved["version"] == 1
    assert set(saved["reminded"].values()) == {"2026-11-26"}
    assert sorted(saved["reminded"]) == sorted(r.key for r in done.sent)
    # An hour later, the same day: nothing new.
    again, lines = _run(store, state, at=NOW + timedelta(hours=1))
    assert lines == [] and again.sent == () and again.owed == 3


def test_the_key_is_the_kind_and_the_record(store, state, owed):
    done, _ = _run(store, state)
    by_company = {r.item.application.company: r.key for r in done.sent}
    acme = owed["acme"]
    [interview] = store.interviews(acme.id)
    assert by_company["Acme"] == f"thank_you:{acme.id}:{interview.id}"
    assert by_company["Quiet Co"].startswith("application_follow_up:")
    assert by_company["Quiet Co"].count(":") == 1


def test_an_item_turning_overdue_the_same_day_is_the_same_item(store, state):
    beta = _app(store, "Beta")
    _interview(store, beta, timedelta(hours=2), minutes=30)  # ended 08:30
    rules = FollowUpRules(thank_you_overdue_hours=2)  # overdue from 10:30
    _, lines = _run(store, state, rules=rules)
    assert lines == ["due thank-you — Beta — Backend (interview Thu 26 Nov)"]
    later, lines = _run(store, state, at=NOW + timedelta(hours=3), rules=rules)
    assert lines == [] and later.owed == 1  # now overdue, but reminded today already


def test_the_next_day_what_is_still_owed_is_reminded_again_and_old_keys_go(store, state, owed):
    _run(store, state)
    # The thank-you to Acme gets sent; the others stay owed.
    followups.mark_sent(store, owed["acme"].id, now=NOW, rules=RULES)
    tomorrow = NOW + timedelta(days=1)
    done, lines = _run(store, state, at=tomorrow)
    assert lines == [
        "overdue thank-you — Beta — Backend (interview Thu 26 Nov)",
        "overdue follow up — Quiet Co — Backend (applied Thu 1 Oct)",
    ]
    saved = json.loads(state.read_text())["reminded"]
    assert sorted(saved) == sorted(r.key for r in done.sent)  # yesterday's Acme key is gone
    assert set(saved.values()) == {"2026-11-27"}


def test_the_day_is_the_local_day(store, state, owed):
    late = NOW.replace(hour=23, minute=30)
    assert len(_run(store, state, at=late)[1]) == 3
    assert _run(store, state, at=late + timedelta(minutes=20))[1] == []  # 23:50, same day
    assert len(_run(store, state, at=late + timedelta(minutes=40))[1]) == 3  # 00:10


@pytest.mark.parametrize(
    "content",
    [b"\x00\xff not json", b"[]", b'{"reminded": []}', b'{"reminded": {"k": "soon"}}', b""],
)
def test_a_corrupt_state_file_is_a_fresh_start(store, state, owed, content):
    state.write_bytes(content)
    done, lines = _run(store, state)
    assert len(lines) == 3
    assert str(state) in done.state_problem and "starting afresh" in done.state_problem
    assert len(json.loads(state.read_text())["reminded"]) == 3  # rewritten whole
    assert _run(store, state)[1] == []


def test_a_missing_state_file_with_nothing_owed_stays_missing(store, state):
    _app(store, "Fresh")
    done, lines = _run(store, state)
    assert (lines, done.owed) == ([], 0)
    assert not state.exists()


def test_a_dry_run_sends_nothing_and_writes_nothing(store, state, owed):
    done, lines = _run(store, state, dry_run=True)
    assert lines == [] and len(done.sent) == 3
    assert not state.exists()
    _run(store, state)
    before = state.read_bytes()
    done, _ = _run(store, state, dry_run=True, at=NOW + timedelta(days=1))
    assert len(done.sent) == 3  # tomorrow they would go again...
    assert state.read_bytes() == before  # ...but nothing was written


def test_a_failing_notifier_keeps_what_was_sent(store, state, owed):
    calls = []

    def send(reminder):
        calls.append(reminder.key)
        if len(calls) == 2:
            raise notify.NotifyError("notify-send failed")

    with pytest.raises(notify.NotifyError):
        remind.remind(store, now=NOW, rules=RULES, state_path=state, send=send)
    assert list(json.loads(state.read_text())["reminded"]) == [calls[0]]
    _, lines = _run(store, state)
    assert len(lines) == 2  # the one that failed, and the one never tried


def test_the_state_file_lives_beside_the_database_apart_from_its_temp_files(tmp_path):
    for name in ("jobtui.json", "jobtui", "my.jobs.json"):
        db = tmp_path / name
        reminded = locations.reminded_file(db)
        assert reminded.parent == tmp_path
        assert not f".tmp-{reminded.name}.".startswith(f".tmp-{db.name}.")
    assert locations.reminded_file(tmp_path / "jobtui.json").name == "jobtui-reminded.json"


# -- the notifiers -----------------------------------------------------------


def test_notify_send_gets_one_argument_each_with_the_urgency():
    sender = notify.Notifier("notify-send", "/usr/bin/notify-send")
    args = sender.command("Overdue thank-you", "-Acme <b>&</b>", urgent=True)
    assert args == [
        "/usr/bin/notify-send",
        "--app-name=jobtui",
        "--urgency=critical",
        "--",
        "Overdue thank-you",
        "-Acme &lt;b&gt;&amp;&lt;/b&gt;",  # the body may be read as markup: escaped
    ]
    assert "--urgency=normal" in sender.command("t", "b", urgent=False)


def test_osascript_reads_the_text_as_arguments_not_as_script():
    text = 'Acme" & (do shell script "rm -rf ~") & "'
    args = notify.Notifier("osascript", "/usr/bin/osascript").command("Title", text)
    assert args[-2:] == ["Title", text]
    script = args[1:-2]
    assert script[::2] == ["-e"] * 3
    assert "on run argv" in script and not any("Acme" in line for line in script)


def test_the_windows_toast_reads_the_text_from_the_environment(monkeypatch):
    import base64

    seen = {}

    def run(args, **kwargs):
        seen.update(args=args, env=kwargs["env"])
        return type("Done", (), {"returncode": 0, "stderr": b""})()

    monkeypatch.setattr(notify.subprocess, "run", run)
    notify.Notifier("powershell", "C:/ps.exe").send("Due thank-you", "Acme'; rm -r C:\\ #")
    script = base64.b64decode(seen["args"][-1]).decode("utf-16-le")
    assert "Acme" not in script and "$env:JOBTUI_NOTIFY_BODY" in script
    assert seen["env"]["JOBTUI_NOTIFY_BODY"] == "Acme'; rm -r C:\\ #"
    assert seen["env"]["JOBTUI_NOTIFY_TITLE"] == "Due thank-you"


def test_the_text_is_cleaned_and_kept_short():
    cleaned = notify.clean("Acme\x1b]52;c;aGk=\x07\nCorp\u202e " + "x" * 500, 80)
    assert not has_controls(cleaned) and "\n" not in cleaned
    assert cleaned.startswith("Acme]52;c;aGk= Corp ") and len(cleaned) == 80


@pytest.mark.parametrize(
    ("platform", "wanted", "advice"),
    [
        ("linux", "notify-send", "install notify-send"),
        ("freebsd14", "notify-send", "install notify-send"),
        ("darwin", "osascript", "osascript"),
        ("win32", "powershell", "PowerShell"),
    ],
)
def test_the_notifier_is_the_platforms_or_an_error_saying_what_to_install(platform, wanted, advice):
    found = notify.find_notifier({"PATH": "/x"}, platform, lambda name, path: f"/x/{name}")
    assert found == notify.Notifier(wanted, f"/x/{wanted}")
    with pytest.raises(notify.NotifyError, match=advice):
        notify.find_notifier({"PATH": "/x"}, platform, lambda name, path: None)


# -- the schedule ------------------------------------------------------------


def test_systemd_quotes_an_argument_with_spaces_percent_and_dollar():
    assert schedule.systemd_quote("/usr/bin/python3") == "/usr/bin/python3"
    assert schedule.systemd_quote("/My Jobs/50% $HOME.json") == '"/My Jobs/50%% $$HOME.json"'
    assert schedule.systemd_quote('a"b\\c') == '"a\\"b\\\\c"'
    assert schedule.systemd_quote("a$b", variables=False) == '"a$b"'


def test_the_service_runs_the_command_with_its_environment():
    unit = schedule.service_unit(["/py", "-m", "jobtui", "--db", "/a b.json"], {"X": "/c d"})
    assert 'ExecStart=/py -m jobtui --db "/a b.json"\n' in unit
    assert 'Environment="X=/c d"\n' in unit
    assert "Type=oneshot" in unit
    timer = schedule.timer_unit()
    assert "OnCalendar=hourly\n" in timer and "Persistent=true\n" in timer


def test_the_crontab_line_quotes_for_the_shell_and_escapes_percent():
    line = schedule.cron_line(["/py", "-m", "jobtui", "--db", "/50% jobs.json", "remind"], {})
    assert line == "0 * * * * /py -m jobtui --db '/50\\% jobs.json' remind"


def test_a_command_must_start_with_an_absolute_path():
    with pytest.raises(schedule.ScheduleError):
        schedule.install(["jobtui", "remind"], platform="linux", which=lambda name: None)


def _fake_launchctl(tmp_path):
    log = tmp_path / "launchctl.log"
    program = tmp_path / "launchctl"
    program.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"open({str(log)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
    )
    program.chmod(0o755)
    return program, log


def test_launchd_agent_on_macos_installs_and_uninstalls(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    program, log = _fake_launchctl(tmp_path)

    def which(name, path=None):
        return str(program) if name == "launchctl" else None

    command = ["/Applications/py", "-m", "jobtui", "remind"]
    done = schedule.install(command, environment={"A": "b"}, platform="darwin", which=which)
    agent = tmp_path / "home" / "Library" / "LaunchAgents" / "jobtui.remind.plist"
    assert done.how == "launchd" and done.written == [agent] and done.ok
    loaded = plistlib.loads(agent.read_bytes())
    assert loaded["ProgramArguments"] == command
    assert loaded["StartInterval"] == 3600
    assert loaded["EnvironmentVariables"] == {"A": "b"}
    gone = schedule.uninstall(platform="darwin", which=which)
    assert gone.removed == [agent] and not agent.exists()
    assert schedule.uninstall(platform="darwin", which=which).removed == []
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    assert calls == [["load", "-w", str(agent)], ["unload", "-w", str(agent)]]


def test_windows_gets_the_schtasks_command_to_run():
    done = schedule.install(["C:\\Py\\python.exe", "-m", "jobtui", "remind"], platform="win32")
    [line] = done.instructions
    assert "schtasks /Create /F /SC HOURLY /TN jobtui-remind /TR" in line
    assert line.endswith('/TR "C:\\Py\\python.exe -m jobtui remind"')
