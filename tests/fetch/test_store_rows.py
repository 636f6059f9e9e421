"""The store's ``urls`` rows read by position (issue 19): still hostile input, row by row."""

from __future__ import annotations

import json
import json.encoder
import sqlite3
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from checker.config import Config
from checker.fetch import store
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web
from tests.fetch.support import EncodersMade, config_for, fetch_counting

SITE = "https://rows.example.com"
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
LONG = "<title>long</title>" + "".join(f"<p>paragraph {n} of a longer page</p>" for n in range(40))


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    for name in ("a", "b"):
        web.page(f"{SITE}/{name}", f"<title>{name}</title><p>text</p>")
    web.page(f"{SITE}/long", LONG)
    with SampleWeb(web) as running:
        yield running


@pytest.fixture
def config(site: SampleWeb, tmp_path: Path) -> Config:
    return config_for(site, store=tmp_path / "store.sqlite3", retries=0)


def _forge(config: Config, column: str, value: object, url: str = f"{SITE}/a") -> None:
    assert config.store.path is not None
    with sqlite3.connect(config.store.path) as db:
        db.execute(f"UPDATE urls SET {column} = ? WHERE url = ?", (value, url))
    db.close()


def test_the_positions_read_are_the_columns_selected() -> None:
    names = [name.strip() for name in store._COLUMNS.split(",")]
    read = (
        "key checked settings patience outcome status final_url redirects headers "
        "content_type encoding body truncated error attempts good etag last_modified "
        "first_failed failures digest"
    )
    for name in read.split(" "):
        assert names[getattr(store, f"_{name.upper()}")] == name
    assert names[store._URL] == "url"  # where a history row takes the URL written


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("headers", "[" * 100_000),  # deeper than json's parser goes: RecursionError
        ("redirects", "[" * 100_000),
        ("headers", '{"content-type": 1}'),
        ("headers", "[]"),
        ("headers", b"{}"),
        ("outcome", "exploded"),
        ("outcome", 7),
        ("digest", "0" * 63),  # a body digest is SHA-256 in lower-case hex, nothing else
        ("digest", "A" * 64),
        ("digest", "0" * 64 + "\n"),
        ("digest", 7),
        ("digest", b"0" * 64),
    ],
    ids=[
        "deep-headers",
        "deep-redirects",
        "header-int",
        "headers-list",
        "headers-blob",
        "outcome-unknown",
        "outcome-int",
        "digest-short",
        "digest-upper",
        "digest-newline",
        "digest-int",
        "digest-blob",
    ],
)
def test_a_forged_row_is_no_row_and_its_neighbour_still_reused(
    config: Config, column: str, value: object
) -> None:
    clock = lambda: START  # noqa: E731
    fetch_counting(config, [f"{SITE}/a", f"{SITE}/b"], clock=clock)
    _forge(config, column, value)
    results, sent = fetch_counting(config, [f"{SITE}/a", f"{SITE}/b"], clock=clock)
    assert sent == 1
    assert [(r.url, r.from_store, r.status_code) for r in results] == [
        (f"{SITE}/a", False, 200),
        (f"{SITE}/b", True, 200),
    ]


def test_each_reused_answer_has_headers_of_its_own(config: Config) -> None:
    clock = lambda: START  # noqa: E731
    fetch_counting(config, [f"{SITE}/a", f"{SITE}/b"], clock=clock)
    (a, b), sent = fetch_counting(config, [f"{SITE}/a", f"{SITE}/b"], clock=clock)
    assert sent == 0
    assert a.headers == b.headers
    assert a.headers["content-type"].startswith("text/html")
    assert a.headers is not b.headers


def test_a_short_body_is_kept_as_one_stored_block_and_a_long_one_compressed(
    config: Config,
) -> None:
    """A ~100-byte page's row skips the compressor (its set-up was most of a row's cost, issue
    19): the body is one stored block of the zlib format, which any zlib reads; a longer one is
    compressed as before.  A warm run reads both back."""
    clock = lambda: START  # noqa: E731
    urls = [f"{SITE}/a", f"{SITE}/long"]
    (short, long), _ = fetch_counting(config, urls, clock=clock)
    assert config.store.path is not None
    with sqlite3.connect(config.store.path) as db:
        bodies = dict(db.execute("SELECT url, body FROM urls"))
    db.close()
    assert short.text is not None and long.text is not None
    short_body, long_body = short.text.encode(), long.text.encode()
    kept = bodies[f"{SITE}/a"]
    assert kept == b"\x78\x01\x01" + len(short_body).to_bytes(2, "little") + (
        len(short_body) ^ 0xFFFF
    ).to_bytes(2, "little") + short_body + zlib.adler32(short_body).to_bytes(4, "big")
    assert zlib.decompress(kept) == short_body == store.stored_text(kept).encode()
    assert len(bodies[f"{SITE}/long"]) < len(long_body) // 2
    assert zlib.decompress(bodies[f"{SITE}/long"]) == long_body
    again, sent = fetch_counting(config, urls, clock=clock)
    assert sent == 0
    assert [r.text for r in again] == [short.text, long.text]


def test_a_short_body_is_packed_without_setting_up_a_compressor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A short body's stored block is written byte by byte, the bytes ``zlib.compress(body, 0)``
    makes, without calling it: level 0 still sets up the whole compressor for each body (43 µs
    against 1.1 µs a ~100-byte page, issue 19).  Empty, one byte, hostile bytes and the longest
    short body all inflate back."""
    bodies = [b"", b"a", bytes(range(256))[:255], "caf\xe9 \u2603".encode(), b"x" * 108]
    expected = [zlib.compress(body, 0) for body in bodies]

    def no_compressor(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("a short body set up a compressor")

    monkeypatch.setattr(zlib, "compress", no_compressor)
    monkeypatch.setattr(store.zlib_ng, "compress", no_compressor)
    packed = [store._packed(body) for body in bodies]
    assert packed == expected
    assert [zlib.decompress(blob) for blob in packed] == bodies


def test_a_rows_json_columns_are_json_dumps_own_bytes_by_an_encoder_made_once(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hops and headers columns are written by ``json.dumps``' C encoder made once, not
    once a call (issue 19): the same text, escapes and all."""
    made = EncodersMade(monkeypatch)
    clock = lambda: START  # noqa: E731
    fetch_counting(config, [f"{SITE}/a"], clock=clock)
    assert made.count == 0
    assert config.store.path is not None
    with sqlite3.connect(config.store.path) as db:
        ((headers,),) = db.execute("SELECT headers FROM urls")
    db.close()
    assert headers == json.dumps(json.loads(headers)) and "content-type" in headers.lower()
    for value in (
        [],
        [["=", 301], ['https://x.example/é\u2028"\\', None], [None, 302]],
        {"Content-Type": "text/html; charset=utf-8", "Link": '<a>; rel="x"\t\x00é\U0001f600'},
        {},
    ):
        assert store._json_text(value) == json.dumps(value)  # type: ignore[arg-type]
