"""`jobtui remind` as a real process, with fake programs first on PATH that log their argv:
notify-send once per item due and not again the same day, hostile text arriving as one clean
argument, no notifier a one-line error; --install writing the systemd units (and calling
systemctl) into a temporary XDG folder, --uninstall removing them, a crontab line where
there is neither systemd nor launchd."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import HOSTILE_TEXTS

from jobtui.core.textsafe import has_controls, strip_controls


def _fake(bin_dir: Path, name: str, log: Path) -> None:
    """A program ``name`` that appends its arguments (JSON, one line) to ``log``."""
    bin_dir.mkdir(exist_ok=True)
    program = bin_dir / name
    program.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"with open({str(log)!r}, 'a', encoding='utf-8') as f:\n"
        "    f.write(json.dumps(sys.argv[1:]) + '\\n')\n",
        encoding="utf-8",
    )
    program.chmod(0o755)


def _calls(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def world(tmp_path):
    """A bin folder that is the whole PATH, a HOME and an XDG config folder of its own."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    env = {
        **os.environ,
        "PATH": str(bin_dir),
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
    }
    return {"bin": bin_dir, "env": env, "tmp": tmp_path}


def _remind(world, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jobtui", "remind", *args],
        capture_output=True,
        text=True,
        env=world["env"],
        timeout=60,
    )


def _ok(result) -> str:
    code, out, err = result
    assert code == 0, err
    return out.strip()


def test_remind_calls_notify_send_once_per_item_and_not_again_the_same_day(jobtui, world, db_path):
    acme = _ok(jobtui("add", "Acme", "Backend"))
    _ok(jobtui("interview", acme, "2026-11-24 14:00"))  # thank-you overdue
    beta = _ok(jobtui("add", "Beta", "Ops"))
    _ok(jobtui("interview", beta, "today 8:00", "--duration", "30m"))  # thank-you due
    _ok(jobtui("add", "Fresh", "Dev"))  # nothing owed yet
    log = world["tmp"] / "notify.log"
    _fake(world["bin"], "notify-send", log)

    dry = _remind(world, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "Would remind: overdue thank-you — Acme — Backend (interview Tue 24 Nov)",
        "Would remind: due thank-you — Beta — Ops (interview Thu 26 Nov)",
    ]
    assert _calls(log) == [] and not (db_path.parent / "jobtui-reminded.json").exists()

    first = _remind(world)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout.splitlines() == [
        "Reminded: overdue thank-you — Acme — Backend (interview Tue 24 Nov)",
        "Reminded: due thank-you — Beta — Ops (interview Thu 26 Nov)",
    ]
    assert _calls(log) == [
        [
            "--app-name=jobtui",
            "--urgency=critical",
            "--",
            "Overdue thank-you",
            "Acme — Backend (interview Tue 24 Nov)",
        ],
        [
            "--app-name=jobtui",
            "--urgency=normal",
            "--",
            "Due thank-you",
            "Beta — Ops (interview Thu 26 Nov)",
        ],
    ]
    assert (db_path.parent / "jobtui-reminded.json").exists()

    again = _remind(world)
    assert (again.returncode, again.stdout, again.stderr) == (0, "Nothing new to remind.\n", "")
    assert len(_calls(log)) == 2  # zero calls the second time

    world["env"]["JOBTUI_NOW"] = "2026-11-27T09:00:00+01:00"  # the next day: still owed
    assert len(_remind(world).stdout.splitlines()) == 2
    assert len(_calls(log)) == 4


def test_hostile_text_reaches_notify_send_as_one_clean_argument(jobtui, world):
    for company in HOSTILE_TEXTS:  # each owes a follow-up after applying
        _ok(jobtui("add", company, "Dev", "--applied", "2026-10-01"))
    log = world["tmp"] / "notify.log"
    _fake(world["bin"], "notify-send", log)
    result = _remind(world)
    assert result.returncode == 0, result.stderr
    assert not has_controls(result.stdout)
    calls = _calls(log)
    assert len(calls) == len(HOSTILE_TEXTS)
    bodies = []
    for args in calls:
        assert args[:4] == ["--app-name=jobtui", "--urgency=critical", "--", "Overdue follow up"]
        [body] = args[4:]  # one argument, however the company was written
        assert not has_controls(body) and "\n" not in body and len(body) <= 200
        bodies.append(body)
    for company in HOSTILE_TEXTS:
        start = strip_controls(company)[:20]
        assert any(body.startswith(start) for body in bodies), company


def test_no_notifier_is_one_line_saying_what_to_install(jobtui, world, db_path):
    app_id = _ok(jobtui("add", "Acme", "Backend"))
    _ok(jobtui("interview", app_id, "2026-11-24 14:00"))
    result = _remind(world)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "jobtui: no desktop notifier found: install notify-send "
        "(libnotify-bin on Debian and Ubuntu, libnotify elsewhere)\n"
    )
    assert not (db_path.parent / "jobtui-reminded.json").exists()  # nothing counted as sent


def test_no_notifier_with_nothing_due_is_no_error(jobtui, world, db_path):
    # An hourly run on a machine without a notifier fails only when it has news to give.
    _ok(jobtui("add", "Acme", "Backend"))  # applied today: nothing due
    result = _remind(world)
    assert (result.returncode, result.stdout, result.stderr) == (0, "Nothing new to remind.\n", "")


def _scheduled_command(db_path: Path) -> list[str]:
    return [os.path.abspath(sys.executable), "-m", "jobtui", "--db", str(db_path), "remind"]


def test_install_writes_a_systemd_timer_and_uninstall_removes_it(world, db_path):
    log = world["tmp"] / "systemctl.log"
    _fake(world["bin"], "systemctl", log)
    units = world["tmp"] / "xdg" / "systemd" / "user"
    service, timer = units / "jobtui-remind.service", units / "jobtui-remind.timer"

    done = _remind(world, "--install")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        f"wrote {service}",
        f"wrote {timer}",
        "ran systemctl --user daemon-reload",
        "ran systemctl --user enable --now jobtui-remind.timer",
        "jobtui remind now runs every hour ('jobtui remind --uninstall' stops it).",
    ]
    text = service.read_text(encoding="utf-8")
    [exec_start] = [line for line in text.splitlines() if line.startswith("ExecStart=")]
    assert shlex.split(exec_start.removeprefix("ExecStart=")) == _scheduled_command(db_path)
    config_dir = os.environ["JOBTUI_CONFIG_DIR"]
    assert f"Environment=JOBTUI_CONFIG_DIR={config_dir}\n" in text
    assert "Type=oneshot\n" in text
    timer_text = timer.read_text(encoding="utf-8")
    assert "OnCalendar=hourly\n" in timer_text and "Persistent=true\n" in timer_text
    assert "WantedBy=timers.target\n" in timer_text
    assert _calls(log) == [
        ["--user", "daemon-reload"],
        ["--user", "enable", "--now", "jobtui-remind.timer"],
    ]

    gone = _remind(world, "--uninstall")
    assert (gone.returncode, gone.stderr) == (0, "")
    assert not service.exists() and not timer.exists()
    assert f"removed {service}" in gone.stdout.splitlines()
    assert _calls(log)[2:] == [
        ["--user", "disable", "--now", "jobtui-remind.timer"],
        ["--user", "daemon-reload"],
    ]
    twice = _remind(world, "--uninstall")
    assert (twice.returncode, twice.stderr) == (0, "")
    assert twice.stdout == "Nothing to remove: no jobtui remind timer is installed.\n"
    assert len(_calls(log)) == 4


def test_without_systemd_or_launchd_install_prints_a_crontab_line(world, db_path):
    done = _remind(world, "--install")
    assert (done.returncode, done.stderr) == (0, "")
    [line] = done.stdout.splitlines()
    intro = "no systemd or launchd here: add this line to your crontab (crontab -e): "
    assert line.startswith(intro + "0 * * * * ")
    words = shlex.split(line.removeprefix(intro + "0 * * * * "))
    config = f"JOBTUI_CONFIG_DIR={os.environ['JOBTUI_CONFIG_DIR']}"
    assert words == [config, *_scheduled_command(db_path)]
    assert not (world["tmp"] / "xdg").exists()  # no file written, no crontab touched
    gone = _remind(world, "--uninstall")
    assert gone.returncode == 0 and "crontab -e" in gone.stdout


def test_install_refuses_with_dry_run():
    result = subprocess.run(
        [sys.executable, "-m", "jobtui", "remind", "--install", "--dry-run"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr


def test_a_systemctl_without_a_user_session_is_said_with_a_crontab_line_instead(world):
    program = world["bin"] / "systemctl"
    program.write_text(
        f"#!{sys.executable}\nimport sys\n"
        "print('Failed to connect to bus: No medium found', file=sys.stderr)\nsys.exit(1)\n",
        encoding="utf-8",
    )
    program.chmod(0o755)
    done = _remind(world, "--install")
    assert done.returncode == 1
    assert done.stderr == (
        "jobtui: systemctl --user daemon-reload failed with exit status 1: "
        "Failed to connect to bus: No medium found\n"
    )
    *wrote, advice = done.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in wrote] == ["wrote", "wrote"]
    assert advice.startswith("without a systemd user session, add this line to your crontab")
    assert "0 * * * * " in advice
