"""Running `jobtui remind` every hour: a systemd user timer, a launchd agent, or a line to add.

* Linux and the BSDs with ``systemctl``: ``jobtui-remind.service`` and ``jobtui-remind.timer``
  in ``$XDG_CONFIG_HOME/systemd/user`` (hourly, ``Persistent=true`` so a run missed while the
  machine slept happens at wake-up), then ``systemctl --user daemon-reload`` and
  ``enable --now jobtui-remind.timer``.
* macOS: ``~/Library/LaunchAgents/jobtui.remind.plist`` (every 3600 s), then ``launchctl load``.
* Anywhere else: the crontab line (or, on Windows, the ``schtasks`` command) to add by hand;
  jobtui never edits a crontab.

:func:`uninstall` takes away what :func:`install` wrote, and is safe to run twice. Both
return what they did (:class:`Scheduled`); nothing here prints.
"""

from __future__ import annotations

import contextlib
import plistlib
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from jobtui import locations

__all__ = ["ScheduleError", "Scheduled", "install", "uninstall"]

UNIT = "jobtui-remind"
SERVICE = f"{UNIT}.service"
TIMER = f"{UNIT}.timer"
AGENT_LABEL = "jobtui.remind"
INTERVAL_SECONDS = 3600
TASK_NAME = "jobtui-remind"
TIMEOUT_SECONDS = 30.0


class ScheduleError(Exception):
    """The command cannot be scheduled as it is (one line)."""


@dataclass
class Scheduled:
    """What :func:`install` or :func:`uninstall` did: ``how`` ("systemd", "launchd", "cron"
    or "schtasks"), the files ``written`` and ``removed``, the commands ``ran`` (as shown to
    a user), one line per command that ``failed``, and ``instructions`` for the user to
    follow by hand (a crontab line)."""

    how: str
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    instructions: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


Which = Callable[..., str | None]


def _how(platform: str, which: Which) -> str:
    if platform == "darwin" and which("launchctl"):
        return "launchd"
    if platform == "win32":
        return "schtasks"
    if which("systemctl"):
        return "systemd"
    return "cron"


def install(
    command: Sequence[str],
    *,
    environment: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    which: Which = shutil.which,
) -> Scheduled:
    """Run ``command`` (an absolute program and its arguments) every hour, with
    ``environment`` set, the way this machine does it (see the module's docstring)."""
    kind_of_path = PureWindowsPath if platform == "win32" else PurePosixPath
    if not command or not kind_of_path(command[0]).is_absolute():
        raise ScheduleError("the command to schedule must start with an absolute path")
    if any("\n" in part or "\r" in part or "\0" in part for part in command):
        raise ScheduleError("a path holding a line break cannot be scheduled")
    env = dict(environment or {})
    how = _how(platform, which)
    if how == "systemd":
        return _install_systemd(command, env, which)
    if how == "launchd":
        return _install_launchd(command, env, which)
    if how == "schtasks":
        return _install_schtasks(command, env)
    return _install_cron(command, env)


def uninstall(*, platform: str = sys.platform, which: Which = shutil.which) -> Scheduled:
    """Take away what :func:`install` wrote (and stop the timer or agent); nothing to take
    away is not an error."""
    how = _how(platform, which)
    if how == "launchd":
        return _uninstall_launchd(which)
    if how == "schtasks":
        return Scheduled(how, instructions=[f"schtasks /Delete /TN {TASK_NAME} /F"])
    done = Scheduled(how)
    if how == "systemd":
        _uninstall_systemd(which, done)
        return done
    # Unit files written while systemctl was there are still ours to take away.
    done.removed += _remove(_systemd_files())
    done.instructions.append(
        "jobtui never edits your crontab: if you added its 'jobtui remind' line, "
        "remove it with 'crontab -e'"
    )
    return done


# -- running commands ------------------------------------------------------


def _run(args: list[str], done: Scheduled) -> bool:
    shown = shlex.join([Path(args[0]).name, *args[1:]])
    try:
        result = subprocess.run(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        done.failed.append(f"{shown}: {getattr(exc, 'strerror', None) or exc}")
        return False
    if result.returncode != 0:
        said = result.stderr.decode("utf-8", "replace").strip().splitlines()
        why = f": {said[-1]}" if said else ""
        done.failed.append(f"{shown} failed with exit status {result.returncode}{why}")
        return False
    done.ran.append(shown)
    return True


def _write(path: Path, text: bytes, done: Scheduled) -> None:
    from jobtui.db.datafile import write_file_atomically  # whole or absent, like every write

    write_file_atomically(path, text)
    done.written.append(path)


def _remove(paths: Sequence[Path]) -> list[Path]:
    removed = []
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


# -- systemd ---------------------------------------------------------------

_SYSTEMD_PLAIN = re.compile(r"[A-Za-z0-9/._+,:=@-]+")


def systemd_quote(arg: str, *, variables: bool = True) -> str:
    """One word as systemd reads it in a unit: in double quotes unless plainly safe, with
    ``%`` (a specifier) doubled, and ``$`` too where systemd expands ``variables``
    (``ExecStart=``; not ``Environment=``)."""
    arg = arg.replace("%", "%%")
    if variables:
        arg = arg.replace("$", "$$")
    if _SYSTEMD_PLAIN.fullmatch(arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _systemd_files() -> list[Path]:
    folder = locations.systemd_user_dir()
    return [folder / SERVICE, folder / TIMER]


def service_unit(command: Sequence[str], environment: Mapping[str, str]) -> str:
    """The text of ``jobtui-remind.service``."""
    lines = [
        "[Unit]",
        "Description=jobtui: remind of the follow-ups that are due",
        "",
        "[Service]",
        "Type=oneshot",
    ]
    for name, value in sorted(environment.items()):
        lines.append("Environment=" + systemd_quote(f"{name}={value}", variables=False))
    lines.append("ExecStart=" + " ".join(systemd_quote(arg) for arg in command))
    return "\n".join(lines) + "\n"


def timer_unit() -> str:
    """The text of ``jobtui-remind.timer``."""
    return (
        "[Unit]\n"
        "Description=Run jobtui remind every hour\n"
        "\n"
        "[Timer]\n"
        "OnCalendar=hourly\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def _install_systemd(command: Sequence[str], env: Mapping[str, str], which: Which) -> Scheduled:
    done = Scheduled("systemd")
    service, timer = _systemd_files()
    _write(service, service_unit(command, env).encode(), done)
    _write(timer, timer_unit().encode(), done)
    systemctl = which("systemctl") or "systemctl"
    if _run([systemctl, "--user", "daemon-reload"], done):
        _run([systemctl, "--user", "enable", "--now", TIMER], done)
    if done.failed:
        done.instructions.append(
            "without a systemd user session, add this line to your crontab (crontab -e): "
            + cron_line(command, env)
        )
    return done


def _uninstall_systemd(which: Which, done: Scheduled) -> None:
    files = _systemd_files()
    if not any(path.exists() for path in files):
        return
    systemctl = which("systemctl") or "systemctl"
    _run([systemctl, "--user", "disable", "--now", TIMER], done)
    done.removed += _remove(files)
    _run([systemctl, "--user", "daemon-reload"], done)


# -- launchd ---------------------------------------------------------------


def _agent_file() -> Path:
    return locations.launch_agents_dir() / f"{AGENT_LABEL}.plist"


def agent_plist(command: Sequence[str], environment: Mapping[str, str]) -> bytes:
    """The launchd agent running ``command`` every hour."""
    agent: dict[str, object] = {
        "Label": AGENT_LABEL,
        "ProgramArguments": list(command),
        "StartInterval": INTERVAL_SECONDS,
        "RunAtLoad": True,
    }
    if environment:
        agent["EnvironmentVariables"] = dict(environment)
    return plistlib.dumps(agent)


def _install_launchd(command: Sequence[str], env: Mapping[str, str], which: Which) -> Scheduled:
    done = Scheduled("launchd")
    path = _agent_file()
    launchctl = which("launchctl") or "launchctl"
    if path.exists():  # an older copy may be loaded: take it out first (quietly)
        _run([launchctl, "unload", str(path)], Scheduled("launchd"))
    _write(path, agent_plist(command, env), done)
    _run([launchctl, "load", "-w", str(path)], done)
    return done


def _uninstall_launchd(which: Which) -> Scheduled:
    done = Scheduled("launchd")
    path = _agent_file()
    if not path.exists():
        return done
    _run([which("launchctl") or "launchctl", "unload", "-w", str(path)], done)
    done.removed += _remove([path])
    return done


# -- by hand ---------------------------------------------------------------


def cron_line(command: Sequence[str], environment: Mapping[str, str]) -> str:
    """A crontab line running ``command`` at the top of every hour (``%`` escaped, as cron
    would otherwise read it as a line break)."""
    words = [f"{name}={shlex.quote(value)}" for name, value in sorted(environment.items())]
    words += [shlex.quote(arg) for arg in command]
    return "0 * * * * " + " ".join(words).replace("%", "\\%")


def _install_cron(command: Sequence[str], env: Mapping[str, str]) -> Scheduled:
    done = Scheduled("cron")
    done.instructions.append(
        "no systemd or launchd here: add this line to your crontab (crontab -e): "
        + cron_line(command, env)
    )
    return done


def _install_schtasks(command: Sequence[str], env: Mapping[str, str]) -> Scheduled:
    done = Scheduled("schtasks")
    task = subprocess.list2cmdline(list(command))
    line = subprocess.list2cmdline(
        ["schtasks", "/Create", "/F", "/SC", "HOURLY", "/TN", TASK_NAME, "/TR", task]
    )
    done.instructions.append(f"to run it every hour, run: {line}")
    if env:
        names = ", ".join(sorted(env))
        done.instructions.append(f"and set {names} for your user as it is set now")
    return done
