"""The data path under faults: symlinks, odd files, permissions, full disks, files changed
by someone else, and several writers. Each test drives the CLI (in-process, or as a real
process where a hang or a second process is the point) and checks the file on disk."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from jobtui.core.model import Application
from jobtui.db.datafile import DatabaseFile, StorageError, parse_database
from jobtui.db.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files, modes and locks")

TESTS = Path(__file__).parent.parent


def _companies(path: Path) -> list[str]:
    data = parse_database(path.read_bytes())
    return sorted(d["company"] for d in data.get("applications", {}).values())


def _cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """`jobtui ARGS` as a real process (the env from conftest points it at tmp folders)."""
    return subprocess.run(
        [sys.executable, "-m", "jobtui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


# -- symlinks --------------------------------------------------------------------------


def test_a_symlinked_database_stays_one_file(tmp_path, jobtui):
    real = tmp_path / "synced" / "jobtui.json"
    link = tmp_path / "dotfiles" / "jobtui.json"
    link.parent.mkdir()
    assert jobtui("--db", str(real), "add", "Acme", "Dev")[0] == 0
    link.symlink_to(real)

    assert jobtui("--db", str(link), "add", "Beta", "Ops")[0] == 0
    assert jobtui("--db", str(link), "add", "Gamma", "QA")[0] == 0  # a backup is made too

    assert link.is_symlink() and link.resolve() == real  # the link is still a link
    assert _companies(real) == ["Acme", "Beta", "Gamma"]
    # The lock and the backups belong to the real file, whichever path was used.
    assert not (link.parent / "jobtui.json.lock").exists()
    assert not (link.parent / "jobtui.json.backups").exists()
    assert (real.parent / "jobtui.json.backups").is_dir()
    code, out, _ = jobtui("--db", str(real), "list")
    assert code == 0 and "Gamma" in out


def test_a_dangling_symlink_is_refused_naming_its_target(tmp_path, jobtui):
    target = tmp_path / "gone" / "jobtui.json"
    link = tmp_path / "jobtui.json"
    link.symlink_to(target)
    code, _, err = jobtui("--db", str(link), "add", "Acme", "Dev")
    assert code == 1
    assert str(target) in err and "does not exist" in err
    assert link.is_symlink() and not target.exists() and not target.parent.exists()


def test_a_planted_lock_symlink_is_refused_and_its_target_untouched(db_path, jobtui):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    victim = db_path.parent / "precious.txt"
    victim.write_text("do not truncate me")
    lock = db_path.with_name(db_path.name + ".lock")
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    code, _, err = jobtui("add", "Beta", "Ops")
    assert code == 1
    assert "symbolic link" in err and str(lock) in err
    assert victim.read_text() == "do not truncate me"
    assert _companies(db_path) == ["Acme"]


def test_the_lock_file_is_never_truncated(db_path, jobtui):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    lock = db_path.with_name(db_path.name + ".lock")
    lock.write_bytes(b"x" * 64)  # longer than the pid jobtui writes over its start
    assert jobtui("add", "Beta", "Ops")[0] == 0
    content = lock.read_bytes()
    assert len(content) == 64 and content.endswith(b"x" * 40)
    assert content[:20].strip() == str(os.getpid()).encode()


# -- what is not a database -------------------------------------------------------------


def test_a_fifo_at_the_path_is_refused_at_once(db_path):
    db_path.parent.mkdir(parents=True)
    os.mkfifo(db_path)
    for args in (["list"], ["add", "Acme", "Dev"]):
        result = _cli(*args, timeout=20)  # a hang fails here instead of blocking forever
        assert result.returncode == 1, result.stderr
        assert "named pipe" in result.stderr and str(db_path) in result.stderr
    assert stat.S_ISFIFO(db_path.lstat().st_mode)


def test_a_folder_at_the_path_names_the_good_backup(db_path, jobtui):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    assert jobtui("add", "Beta", "Ops")[0] == 0  # the first save is now a backup
    good = DatabaseFile(db_path, read_only=True).newest_good_backup()
    assert good is not None
    db_path.unlink()
    db_path.mkdir()
    code, _, err = jobtui("list")
    assert code == 1
    assert "it is a folder" in err and str(good) in err and "no good backup" not in err


def test_an_empty_object_is_refused_when_backups_exist(db_path, jobtui):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    assert jobtui("add", "Beta", "Ops")[0] == 0
    db_path.write_text("{}")
    for args in (["list"], ["add", "Gamma", "QA"]):
        code, _, err = jobtui(*args)
        assert code == 1
        assert "holds no jobtui data" in err and "save-" in err
    assert db_path.read_text() == "{}"  # never overwritten


def test_an_empty_object_without_backups_is_a_new_database(db_path, jobtui):
    db_path.parent.mkdir(parents=True)
    db_path.write_text("{}")
    assert jobtui("add", "Acme", "Dev")[0] == 0
    assert _companies(db_path) == ["Acme"]


# -- permissions and read-only ------------------------------------------------------------


def test_a_0400_file_opens_read_only_and_is_never_replaced(db_path, jobtui):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    db_path.chmod(0o400)
    before = db_path.read_bytes()
    inode = db_path.stat().st_ino
    code, _, err = jobtui("add", "Beta", "Ops")
    assert code == 1
    assert "read-only (mode 0400)" in err and "nothing was saved" in err
    assert db_path.read_bytes() == before and db_path.stat().st_ino == inode
    assert _mode(db_path) == 0o400
    code, out, _ = jobtui("list")  # reading still works
    assert code == 0 and "Acme" in out


def test_a_read_only_folder_opens_read_only(db_path, jobtui):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    db_path.parent.chmod(0o500)
    try:
        with Store(db_path) as store:
            assert store.read_only
            assert "cannot be written" in (store.read_only_reason or "")
            assert [a.company for a in store.applications()] == ["Acme"]
        code, _, err = jobtui("add", "Beta", "Ops")
        assert code == 1 and "cannot be written" in err
    finally:
        db_path.parent.chmod(0o700)
    assert _companies(db_path) == ["Acme"]


def test_modes_of_everything_jobtui_creates(tmp_path, jobtui):
    db = tmp_path / "new" / "deeper" / "jobtui.json"
    assert jobtui("--db", str(db), "add", "Acme", "Dev")[0] == 0
    assert jobtui("--db", str(db), "add", "Beta", "Ops")[0] == 0
    assert _mode(db.parent) == 0o700 and _mode(db.parent.parent) == 0o700
    assert _mode(db) == 0o600
    assert _mode(db.with_name("jobtui.json.lock")) == 0o600
    backups = db.with_name("jobtui.json.backups")
    assert _mode(backups) == 0o700
    assert {_mode(p) for p in backups.iterdir()} == {0o600}
    code, out, _ = jobtui("--db", str(db), "backup")
    assert code == 0 and _mode(Path(out.strip())) == 0o600


# -- I/O errors ---------------------------------------------------------------------------


def _fail(monkeypatch, name: str, err: int) -> None:
    def broken(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(os, name, broken)


@pytest.mark.parametrize(
    "args",
    [
        ("add", "Beta", "Ops"),
        ("set", "ID", "location=Berlin"),
        ("contact", "Ana Lima", "--email", "ana@example.com"),
    ],
)
@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EDQUOT, errno.EIO])
def test_a_full_disk_is_one_line_and_the_old_file_stays(db_path, jobtui, monkeypatch, args, err):
    code, out, _ = jobtui("add", "Acme", "Dev")
    app_id = out.strip()
    before = db_path.read_bytes()
    _fail(monkeypatch, "fsync", err)
    code, out, err_text = jobtui(*[app_id if a == "ID" else a for a in args])
    monkeypatch.undo()
    assert code == 1
    assert err_text.count("\n") == 1 and "Traceback" not in err_text
    assert f"cannot save {db_path}: {os.strerror(err)}" in err_text
    assert db_path.read_bytes() == before
    assert not [p for p in db_path.parent.iterdir() if p.name.startswith(".tmp-")]


def test_a_full_disk_during_backup_is_one_line(db_path, jobtui, monkeypatch):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    _fail(monkeypatch, "fsync", errno.ENOSPC)
    code, _, err = jobtui("backup")
    monkeypatch.undo()
    assert code == 1 and "cannot write the backup" in err and "No space left" in err
    assert err.count("\n") == 1


def test_permission_denied_on_the_folder_is_one_line(db_path, jobtui, monkeypatch):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    before = db_path.read_bytes()
    real_open = os.open

    def no_temp(path, flags, *args, **kwargs):
        if ".tmp-" in str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_temp)
    code, _, err = jobtui("add", "Beta", "Ops")
    monkeypatch.undo()
    assert code == 1 and f"cannot save {db_path}: Permission denied" in err
    assert db_path.read_bytes() == before


def test_permission_denied_on_the_lock_is_one_line(db_path, jobtui, monkeypatch):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    real_open = os.open

    def no_lock(path, flags, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_lock)
    code, _, err = jobtui("add", "Beta", "Ops")
    monkeypatch.undo()
    assert code == 1 and "cannot open the lock file" in err and "Permission denied" in err
    assert _companies(db_path) == ["Acme"]


def test_a_backups_folder_that_cannot_be_written_never_blocks_a_save(db_path, monkeypatch):
    with Store(db_path) as store:
        store.save(Application(company="Acme", role="Dev"))

        def no_link(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(os, "link", no_link)
        store.save(Application(company="Beta", role="Ops"))
        store.save(Application(company="Gamma", role="QA"))
        warnings = store.take_warnings()
    assert _companies(db_path) == ["Acme", "Beta", "Gamma"]
    assert len(warnings) == 1  # once, not on every save
    assert "cannot be written (Permission denied): saved without a backup" in warnings[0]


# -- someone else's changes ---------------------------------------------------------------


def test_a_file_replaced_while_open_is_merged_not_overwritten(db_path):
    with Store(db_path) as store:
        acme = store.save(Application(company="Acme", role="Dev"))
        # A sync tool brings the other laptop's version: one more application, and a
        # change to Acme's location.
        data = json.loads(db_path.read_text())
        other = Application(company="Synced", role="From the laptop")
        other.created_at = other.updated_at = acme.updated_at
        data["applications"][other.id] = other.to_dict()
        data["applications"][acme.id]["location"] = "Lisbon"
        replacement = db_path.with_name("incoming.json")
        replacement.write_text(json.dumps(data))
        os.replace(replacement, db_path)

        acme.notes = "typed here while the sync ran"
        store.save(acme)
        warnings = store.take_warnings()

    on_disk = parse_database(db_path.read_bytes())["applications"]
    assert sorted(d["company"] for d in on_disk.values()) == ["Acme", "Synced"]
    assert on_disk[acme.id]["location"] == "Lisbon"  # their change kept
    assert on_disk[acme.id]["notes"] == "typed here while the sync ran"  # ours too
    assert any("merged changes made elsewhere: 1 added, 1 changed" in w for w in warnings)


def test_a_backup_restored_by_hand_while_open_is_respected(db_path):
    with Store(db_path) as store:
        store.save(Application(company="Acme", role="Dev"))
        store.save(Application(company="Mistake", role="Typo"))
        backup = DatabaseFile(db_path, read_only=True).backups()[0]  # before "Mistake"
        db_path.write_bytes(backup.read_bytes())  # as the README suggests
        store.save(Application(company="Beta", role="Ops"))
    assert _companies(db_path) == ["Acme", "Beta"]


def test_a_cli_add_while_a_store_is_open_lands_and_is_seen(db_path, jobtui):
    with Store(db_path) as tui_store:
        tui_store.save(Application(company="Acme", role="Dev"))
        code, _, err = jobtui("add", "Beta", "Ops")  # not refused: no session lock
        assert code == 0, err
        assert tui_store.reload_if_changed() is True
        assert sorted(a.company for a in tui_store.applications()) == ["Acme", "Beta"]
        tui_store.save(Application(company="Gamma", role="QA"))
    assert _companies(db_path) == ["Acme", "Beta", "Gamma"]


def test_deleted_elsewhere_while_changed_here_keeps_the_change_in_the_trash(db_path):
    with Store(db_path) as here, Store(db_path) as there:
        app = here.save(Application(company="Acme", role="Dev"))
        there.reload_if_changed()
        there.delete(there.get_application(app.id))
        app.notes = "my notes"
        here.save(app)  # merges: deletion wins, the change goes into the trash entry
        assert [a.company for a in here.applications()] == []
        here.restore(app.id)
        assert here.get_application(app.id).notes == "my notes"


# -- several writers ----------------------------------------------------------------------


CONTENDER = """
import sys
from jobtui.core.model import Application
from jobtui.db.store import Store
db, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
refused = 0
for n in range(count):
    try:
        with Store(db) as store:  # a fresh open per write, as each CLI command does
            store.save(Application(company=f"{prefix}-{n}", role="r"))
    except Exception as exc:
        refused += 1
        print(exc, file=sys.stderr)
print(refused)
"""


def test_two_writers_in_a_loop_refuse_nothing_and_lose_nothing(db_path):
    db_path.parent.mkdir(parents=True)
    count = 150
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", CONTENDER, str(db_path), prefix, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for prefix in ("a", "b")
    ]
    results = [w.communicate(timeout=300) for w in writers]
    for out, err in results:
        assert out.strip() == "0", err  # 0 refused
    expected = sorted(f"{p}-{n}" for p in ("a", "b") for n in range(count))
    assert _companies(db_path) == expected  # 0 lost


def test_two_cli_writers_at_once_both_land(db_path):
    db_path.parent.mkdir(parents=True)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "jobtui", "add", f"co-{n}", "Dev"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert _companies(db_path) == sorted(f"co-{n}" for n in range(8))


@pytest.fixture
def held_lock(db_path):
    """Another process stuck in a save: it holds the save lock until the test ends."""
    with Store(db_path) as store:
        store.save(Application(company="Acme", role="Dev"))
    holder = subprocess.Popen(
        [sys.executable, str(TESTS / "kill_writer.py"), str(db_path), "--hold"],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout.readline() == b"ready\n"
    yield holder
    holder.kill()
    holder.communicate()


def test_readers_never_wait_for_the_lock(held_lock, tmp_path):
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("lock_wait_seconds = 60\n")  # a reader that waited would time out
    for args in (["list"], ["followups", "--json"], ["stats"], ["trash"], ["backup"]):
        result = _cli(*args, timeout=20)
        assert result.returncode == 0, result.stderr


def test_a_writer_gives_up_after_lock_wait_naming_the_holder(held_lock, db_path, tmp_path):
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("lock_wait_seconds = 0.5\n")
    result = _cli("add", "Beta", "Ops")
    assert result.returncode == 1
    assert f"pid {held_lock.pid}" in result.stderr and "nothing was saved" in result.stderr
    assert "within 0.5 s" in result.stderr  # the configured wait, not the default 5 s
    assert _companies(db_path) == ["Acme"]


def test_undo_never_reverts_a_change_made_elsewhere(db_path, jobtui):
    with Store(db_path) as store:
        with store.change("add Acme"):
            app = store.save(Application(company="Acme", role="Dev"))
        with store.change("set the location"):
            app.location = "Berlin"
            store.save(app)
        assert jobtui("set", app.id, "role=Staff Dev")[0] == 0  # another terminal
        store.reload_if_changed()
        with pytest.raises(StorageError, match="changed elsewhere since; nothing was undone"):
            store.undo()
    on_disk = parse_database(db_path.read_bytes())["applications"][app.id]
    assert (on_disk["role"], on_disk["location"]) == ("Staff Dev", "Berlin")


def test_undo_of_an_untouched_change_still_works_after_a_merge(db_path, jobtui):
    with Store(db_path) as store:
        store.save(Application(company="Acme", role="Dev"))
        with store.change("add Beta"):
            store.save(Application(company="Beta", role="Ops"))
        assert jobtui("add", "Gamma", "QA")[0] == 0
        store.save(Application(company="Delta", role="PM"))  # merges Gamma in
        assert store.undo() == "add Beta"
    assert _companies(db_path) == ["Acme", "Delta", "Gamma"]
