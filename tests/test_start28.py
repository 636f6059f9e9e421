"""What a ``citecheck check`` run does not need before its first request is not done at its
start (issue 19, session 28: the fixed costs of a run)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

import checker
import checker.processes
from checker.sampleweb import Response, SampleWeb, Web

ROOT = Path(checker.__file__).parent


def _python(script: str) -> str:
    """What ``script`` prints, run in a fresh interpreter (nothing imported yet)."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT.parent)},
        timeout=60,
    )
    return done.stdout


_CJK_PATTERNS_READ = """
import checker.cli
from checker.extract import lines
patterns = (lines._CJK_SEGMENT, lines._SEGMENT_FIRST, lines._VALUE_FIRST)
def compiled():
    return " ".join(str(getattr(p, "is_compiled", True)) for p in patterns)
print(compiled())
print(lines.bare_urls(
    "see https://example.com/a/ and https://example.com/?q= then https://example.com/b/. "
    "政府の発表 https://news.example.jp/2025/ によると、https://example.jp/?id=7。"
))
print(compiled())
print(lines.bare_urls("https://ja.wikipedia.org/wiki/東京を参照。"))
print(compiled())
"""


def test_the_cjk_segment_patterns_compile_only_where_a_url_runs_on_into_cjk() -> None:
    """``extract.lines``' three CJK segment patterns (~40,000 letters of ranges each: 20 ms of
    every start when compiled at import) stay text while no URL runs on into a CJK letter,
    Japanese prose around URLs included, and read such a URL whole once one does."""
    printed = _python(_CJK_PATTERNS_READ).splitlines()
    assert printed[0] == "False False False"  # after the import
    assert printed[1] == repr(
        (
            "https://example.com/a/",
            "https://example.com/?q=",
            "https://example.com/b/",
            "https://news.example.jp/2025/",
            "https://example.jp/?id=7",
        )
    )
    assert printed[2] == "False False False"  # URLs in English and Japanese prose
    assert printed[3] == repr(("https://ja.wikipedia.org/wiki/東京",))
    assert printed[4] == "True True False"  # a path segment in kanji: read on


def test_a_workers_exit_wakes_the_driver_waiting_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The driver reaping a worker at the run's end is woken by the worker's exit (a pidfd),
    not by polling every 10 ms: each poll's sleep was on the run's critical path."""
    pid = os.fork()
    if pid == 0:  # the worker: exits a moment after the driver starts waiting
        select.select([], [], [], 0.2)
        os._exit(3)
    slept: list[float] = []
    monkeypatch.setattr(checker.processes.time, "sleep", slept.append)
    status = checker.processes._reap(pid, time.monotonic() + 30)
    assert status is not None and os.waitstatus_to_exitcode(status) == 3
    assert slept == []


_MODULES_AT_EXIT = """
import json, sys
from checker.entry import main
status = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(sorted(sys.modules), out)
sys.exit(status)
"""


def test_a_run_with_archive_off_on_two_processes_never_imports_the_archive_lookups(
    tmp_path: Path,
) -> None:
    """``archive = "off"``: the run needs the archive's breaker and pace (every run makes a
    breaker; a worker's is shared), never its lookups' module (``verify.archive``, ~10 ms of
    every start), in the driver of a run forking its workers too."""
    web = Web()
    site_url = "https://news.example"
    web.page(f"{site_url}/story", "<html><head><title>A story</title></head><body>Hi</body></html>")
    web.add(f"{site_url}/gone", Response(404, (("Content-Type", "text/plain"),), b"gone"))
    (tmp_path / "urls.txt").write_text(f"{site_url}/story\n{site_url}/gone\n", encoding="utf-8")
    with SampleWeb(web) as site:
        flags = ["--cacert", str(site.ca_path), "--no-store", "--archive", "off"]
        for rule in site.connect_to():
            flags += ["--connect-to", rule]
        command = ["check", "urls.txt", *flags, "--max-retries", "0", "--report-dir", "r"]
        command += ["--processes", "2"]
        done = subprocess.run(
            [sys.executable, "-c", _MODULES_AT_EXIT, str(tmp_path / "modules.json"), *command],
            check=False,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT.parent)},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1, done.stderr  # the 404 is a finding
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    statuses = {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}
    assert statuses == {f"{site_url}/story": "ok", f"{site_url}/gone": "broken"}
    loaded = set(json.loads((tmp_path / "modules.json").read_text(encoding="utf-8")))
    assert "checker.processes" in loaded  # the workers were forked
    assert "checker.verify.archive" not in loaded
