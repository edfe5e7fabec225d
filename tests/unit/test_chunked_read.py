"""A database file read a record at a time (decode_database) gives exactly what one
``orjson.loads`` gives: the same value in the same order, or the same error."""

from __future__ import annotations

import json

import orjson
import pytest
from hostile import HOSTILE_TEXTS  # tests/ is on sys.path (rootdir conftest)

from jobtui.core.model import Application
from jobtui.db.datafile import parse_database
from jobtui.db.json_pieces import _Decoder, decode_database
from jobtui.db.store import Store


def _same_as_one_call(raw: bytes) -> None:
    """decode_database(raw) behaves exactly as orjson.loads(raw)."""
    try:
        expected = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        with pytest.raises(orjson.JSONDecodeError) as got:
            decode_database(raw)
        assert (got.value.msg, got.value.pos) == (exc.msg, exc.pos)
        return
    got = decode_database(raw)
    assert got == expected
    assert orjson.dumps(got) == orjson.dumps(expected)  # the same order, every level


def _database() -> dict:
    notes = "Dear {{ name }},\n\n" + 'all },"fine"}} here 😀 ü\n' * 300  # "}" inside text
    return {
        "_meta": {"1": {"app": "jobtui", "schema": 1}},
        "applications": {
            f"app-{n}": {
                "id": f"app-{n}",
                "company": HOSTILE_TEXTS[n % len(HOSTILE_TEXTS)],
                "notes": notes if n % 5 == 0 else "short",
                "draft": {"to": {"name": "Ana"}},  # a record ending in nested objects
                "status_history": [{"status": "applied"}, {"status": "screening"}],
                "n": n,
                "x": n / 7,
                "flags": [True, False, None],
            }
            for n in range(120)
        },
        "interviews": {},
        "trash": {"t": {"id": "t", "record": {"a": {"b": {"c": {}}}}}},
        "odd": [1, {"a": "}"}, '},"'],  # a damaged table: not a mapping
        "empty-string-key": {"": {"": ""}},
        "ключ": {"ü": {"ß": "😀" * 3000}},  # a big record of multi-byte characters
    }


@pytest.mark.parametrize(
    "render",
    [
        orjson.dumps,
        lambda d: json.dumps(d, indent=2, ensure_ascii=False).encode(),
        lambda d: json.dumps(d).encode(),  # ", " and ": ", every non-ASCII as \\u escapes
        lambda d: json.dumps(d, indent="\t", separators=(" ,\r\n", " :\n")).encode(),
    ],
    ids=["orjson", "pretty", "ascii", "odd-spacing"],
)
def test_whole_databases_read_the_same(render):
    raw = render(_database())
    _same_as_one_call(raw)
    assert _Decoder(raw).database() == orjson.loads(raw)  # really read in pieces


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a":{"x":1},"b":{},"a":{"y":2}}',
        b'{"a\\"b":{"c\\nd":{"e":1}},"\\u00fc":{"\\ud83d\\ude00":{}}}',
        b'{"a":{"k":{"v":"}"},"j":{"v":"},\\""}}}',
    ],
)
def test_odd_but_valid_files_are_read_in_pieces(raw):
    assert orjson.dumps(_Decoder(raw).database()) == orjson.dumps(orjson.loads(raw))


@pytest.mark.parametrize(
    "raw",
    [
        b"{}",
        b" { } ",
        b"[]",
        b"1",
        b'"x"',
        b"null",
        b'{"a":{}}',
        b'{"a":1,"b":[{"c":{}}]}',
        b'{"a":{"x":1},"b":{},"a":{"y":2}}',  # a table twice: the last one wins
        b'{"a":{"k":1,"j":2,"k":3}}',  # a record twice
        b'{"a\\"b":{"c\\nd":{"e":1}},"\\u00fc":{"\\ud83d\\ude00":{}}}',  # escaped keys
        b'{"a":{"k":{"v":"}"},"j":{"v":"},\\""}}}',
        b'{"a":{"k":{"x":{"y":1}},"j":2}}',
        b'{"a":{"k":{}}} trailing',
        b'{"a":{"k":{}}}}',
        b'{"a":{"k":{}},}',
        b'{"a":{"k":{},}}',
        b'{"a":{"k" {}}}',
        b'{"a":{"k":{"v":"\xff"}}}',  # not UTF-8
        b'{"\xc3":{}}',
        b'{"a":{"\xed\xa0\x80":{}}}',  # a surrogate, encoded
        b'{"a":{"k":{"v":"\x01"}}}',  # a raw control character
        b'{"a\x01":{}}',
        b'{"a":{"k":1e999}}',
        b'{"a":{"k":123456789012345678901234567890}}',
        b'{"a":{"k":NaN}}',
    ],
)
def test_odd_files_read_the_same(raw):
    _same_as_one_call(raw)


def test_every_truncation_fails_as_one_call_does():
    raw = orjson.dumps({"_meta": {"1": {"app": "jobtui"}}, "a": {"k": {"v": "ü😀}"}, "j": [1]}})
    for end in range(len(raw)):
        _same_as_one_call(raw[:end])


def test_a_window_never_cuts_a_character_in_two():
    # Records of multi-byte characters around every size near the first window (4096).
    for size in range(1360, 1372):
        raw = orjson.dumps({"a": {f"k{n}": {"v": "€" * (size + n)} for n in range(8)}})
        _same_as_one_call(raw)


def test_parse_database_in_pieces_says_the_same(db_path):
    good = orjson.dumps({k: v for k, v in _database().items() if k != "odd"})
    assert parse_database(good, in_pieces=True) == parse_database(good)
    damaged = orjson.dumps(_database())
    for bad in (good[:-3], b'{"applications": {', b"[1, 2]", b'{"foo": {"1": {}}}', damaged):
        with pytest.raises(ValueError) as whole:
            parse_database(bad)
        with pytest.raises(ValueError) as pieces:
            parse_database(bad, in_pieces=True)
        assert str(pieces.value) == str(whole.value)


def test_a_change_made_elsewhere_is_read_in_whole(db_path):
    with Store(db_path) as ours:
        for n in range(30):
            ours.save(Application(company=f"co-{n}", role="Dev", notes=HOSTILE_TEXTS[n % 13]))
        with Store(db_path) as theirs:
            theirs.save(Application(company="Theirs", role="Ops", notes="😀" * 5000))
        assert ours.reload_if_changed()
        assert sorted(a.company for a in ours.applications()) == sorted(
            a.company for a in Store(db_path, read_only=True).applications()
        )
        assert parse_database(db_path.read_bytes()) == ours._storage.read()
