"""What a run with a store makes once before its workers are forked (issue 19, session 31): the
memo keys' code fingerprints (extract's and verify's sources, 34 files read and hashed, ~3 ms),
which each worker made again on its first page and first judgement.  A run without a store
keys nothing and makes none."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_AT_FORK = """
import json, sys
from contextlib import contextmanager
import checker.processes
from checker import cli, memo
from checker.config import load_config

made = []

@contextmanager
def pool_for(config, processes, count):
    made.append(memo.code_fingerprint.cache_info().currsize)
    yield None

checker.processes.pool_for = pool_for  # the fork itself is not this test's
config = load_config(overrides={"processes": 2, "store": sys.argv[1] or False})
with cli._on_processes(config, sys.argv[2:]):
    pass
print(json.dumps(made))
"""


def _fingerprints_at_fork(tmp_path: Path, store: Path | None, *inputs: str) -> list[int]:
    """How many code fingerprints a fresh interpreter has made when it forks for ``inputs``."""
    done = subprocess.run(
        [sys.executable, "-c", _AT_FORK, str(store or ""), *inputs],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: list[int] = json.loads(done.stdout)
    return result


def test_a_run_with_a_store_makes_the_code_fingerprints_before_it_forks(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text("https://news.example/story\n", encoding="utf-8")
    (tmp_path / "post.md").write_text("[A story](https://news.example/story)\n", encoding="utf-8")
    store = tmp_path / "store.sqlite3"
    assert _fingerprints_at_fork(tmp_path, store, "urls.txt") == [2]  # extract's and verify's
    assert _fingerprints_at_fork(tmp_path, store, "post.md") == [2]
    assert _fingerprints_at_fork(tmp_path, None, "post.md") == [0]  # --no-store: no memo key
