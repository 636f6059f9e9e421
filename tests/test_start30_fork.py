"""The parsers each process of a run of posts would import on its own are imported once, before
the workers are forked (issue 19, session 30): each worker imported markdown-it on its first
Markdown post and the metadata reader (with rapidfuzz) on its first page judged against a cited
title, ~20 ms of CPU each, again in every worker.  A run whose inputs name no post pays none,
and a rerun (its unchanged posts recalled from the store, unparsed) no Markdown parser."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from checker.fetch.store import SHARD_MARK, open_store
from checker.processes import shared_modules

ROOT = Path(__file__).resolve().parents[1]

_AT_FORK = """
import json, sys
from contextlib import contextmanager
import checker.processes
from checker import cli, codecache, memo
from checker.config import load_config
from checker.fetch.store import insert_url

loaded = []
fingerprints = []
codecs = []
every = []
statements = []

@contextmanager
def pool_for(config, processes, count):
    loaded.append(sorted(m for m in ("markdown_it", "checker.verify.metadata") if m in sys.modules))
    every.append(sorted(m for m in checker.processes.EVERY_RUN_IMPORTS if m in sys.modules))
    fingerprints.append(memo.code_fingerprint.cache_info().currsize)
    statements.append(insert_url.cache_info().currsize)
    made = [key.split("\\0")[1] for key in codecache._CACHE.used if isinstance(key, str)]
    codecs.append(sorted(name for name in made if name.endswith("Worker>")))
    yield None

checker.processes.pool_for = pool_for  # the fork itself is not this test's
store = sys.argv[2] or False
config = load_config(overrides={"processes": int(sys.argv[1]), "store": store})
with cli._on_processes(config, sys.argv[3:]):
    pass
result = {
    "loaded": loaded,
    "fingerprints": fingerprints,
    "codecs": codecs,
    "every": every,
    "statements": statements,
}
print(json.dumps(result))
"""


def _at_fork(
    tmp_path: Path, processes: int, *inputs: str, store: Path | None = None
) -> dict[str, Any]:
    """What a fresh interpreter has made when ``_on_processes`` forks for ``inputs``: the
    parsers it has loaded (``loaded``), how many code fingerprints (``fingerprints``)."""
    done = subprocess.run(
        [sys.executable, "-c", _AT_FORK, str(processes), str(store or ""), *inputs],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _loaded_at_fork(
    tmp_path: Path, processes: int, *inputs: str, store: Path | None = None
) -> list[list[str]]:
    """The parsers a fresh interpreter has loaded when ``_on_processes`` forks for ``inputs``."""
    loaded: list[list[str]] = _at_fork(tmp_path, processes, *inputs, store=store)["loaded"]
    return loaded


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "post.md").write_text("[A story](https://news.example/story)\n", encoding="utf-8")
    (folder / "page.html").write_text('<a href="https://news.example/a">A</a>', encoding="utf-8")
    (folder / "urls.txt").write_text("https://news.example/story\n", encoding="utf-8")
    return folder


def test_a_folder_of_posts_has_its_parsers_imported_before_the_workers_are_forked(
    tmp_path: Path, posts: Path
) -> None:
    both = ["checker.verify.metadata", "markdown_it"]
    assert _loaded_at_fork(tmp_path, 2, str(posts)) == [both]
    assert _loaded_at_fork(tmp_path, 2, str(posts / "post.md")) == [both]
    assert _loaded_at_fork(tmp_path, 2, str(posts / "page.html")) == [["checker.verify.metadata"]]
    new_store = tmp_path / "new.sqlite3"  # a first run's store: made by the run, not there yet
    assert _loaded_at_fork(tmp_path, 2, str(posts), store=new_store) == [both]


def test_a_rerun_leaves_the_markdown_parser_to_a_post_that_changed(
    tmp_path: Path, posts: Path
) -> None:
    store = tmp_path / "store.sqlite3"
    open_store(store).close()  # as the first run left it
    assert _loaded_at_fork(tmp_path, 2, str(posts), store=store) == [["checker.verify.metadata"]]


def test_a_run_that_names_no_post_or_stays_on_one_process_imports_no_parser_ahead(
    tmp_path: Path, posts: Path
) -> None:
    urls = [str(posts / "urls.txt"), "https://news.example/story", str(posts / "missing.md")]
    assert _loaded_at_fork(tmp_path, 2, *urls) == [[]]
    assert _loaded_at_fork(tmp_path, 1, str(posts)) == []  # no fork: nothing ahead of need


def test_what_every_run_imports_on_first_use_is_imported_before_the_workers_are_forked(
    tmp_path: Path, posts: Path
) -> None:
    """h2's package (httpx's client) and the idna codec (every host name looked up or sent in
    a TLS handshake) were imported again by each worker on its first request (session 37)."""
    at_fork = _at_fork(tmp_path, 2, str(posts / "urls.txt"))
    assert at_fork["every"] == [["encodings.idna", "h2"]]
    assert _at_fork(tmp_path, 1, str(posts / "urls.txt"))["every"] == []  # no fork: none ahead


def test_the_shared_modules_follow_the_posts_kinds(posts: Path) -> None:
    assert shared_modules([str(posts / "post.md")]) == ("markdown_it", "checker.verify.metadata")
    gzipped = posts / "post.md.gz"
    gzipped.write_bytes(b"")
    assert shared_modules([str(gzipped)]) == ("markdown_it", "checker.verify.metadata")
    assert shared_modules([str(posts / "page.html")]) == ("checker.verify.metadata",)
    assert shared_modules([str(posts / "urls.txt"), "https://news.example/a.md"]) == ()
    assert shared_modules(["a" * 5000, "-"]) == ()  # no path (discovery's to say), stdin
    assert shared_modules([str(posts)], rerun=True) == ("checker.verify.metadata",)
    assert shared_modules([str(gzipped)], rerun=True) == ("checker.verify.metadata",)


def test_a_run_with_a_store_makes_the_code_fingerprints_before_it_forks(
    tmp_path: Path, posts: Path
) -> None:
    """The memo keys' code fingerprints (extract's and verify's sources: 34 files read and
    hashed, ~3 ms) are made once before the fork, not again by each worker on its first page
    and first judgement (issue 19, session 31); a run without a store keys nothing."""
    store = tmp_path / "store.sqlite3"
    for item in (posts / "urls.txt", posts / "post.md"):
        assert _at_fork(tmp_path, 2, str(item), store=store)["fingerprints"] == [2]
    assert _at_fork(tmp_path, 2, str(posts / "post.md"))["fingerprints"] == [0]  # --no-store


def test_a_run_with_a_store_makes_its_row_statement_before_it_forks(
    tmp_path: Path, posts: Path
) -> None:
    """The store's row statement reads the schema (an SQLite database in memory, ~1.9 M
    instructions): made on a store's first write, so before the fork for a run with a store,
    not again in each worker's shard (session 37); never for a run without one."""
    store = tmp_path / "store.sqlite3"
    assert _at_fork(tmp_path, 2, str(posts / "urls.txt"), store=store)["statements"] == [1]
    assert _at_fork(tmp_path, 2, str(posts / "urls.txt"))["statements"] == [0]  # --no-store


def test_a_workers_frame_codecs_are_made_before_it_is_forked(tmp_path: Path, posts: Path) -> None:
    """The reader of the driver's frames and the writer of a worker's, which only a worker
    uses, were generated and compiled in each worker after the fork, every run (~15 M
    instructions: the code cache is the driver's to write); they are made before it (issue 19,
    session 32), and not for a run that stays on one process: one that has an interrupted
    run's shards to merge reaches the pool, and starts no worker."""
    made = ["<memo parse of ToWorker>", "<memo write of FromWorker>"]
    assert _at_fork(tmp_path, 2, str(posts / "urls.txt"))["codecs"] == [made]
    store = tmp_path / "store.sqlite3"
    open_store(store).close()
    store.with_name(f"{store.name}{SHARD_MARK}p1").write_bytes(b"")  # an interrupted run's
    assert _at_fork(tmp_path, 1, str(posts / "urls.txt"), store=store)["codecs"] == [[]]
