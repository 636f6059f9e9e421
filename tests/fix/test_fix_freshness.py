"""What ``citecheck check DIR`` then ``citecheck fix DIR`` costs: the fix reuses the check.

The issue asks fix to use the verdicts of the last run when they are fresh, else to check first.
``fix`` runs the same pipeline as ``check`` over the same store, so a fresh stored answer stands
for the source without a request: the page's own answer, the soft-404 probe, and the archive
lookups of a dead source (availability API, CDX, the copy's replay). Counted by the fixture
web's request log (real HTTP/TLS on 127.0.0.1): a fix within the TTLs asks nothing; one after the
failure TTL asks the dead sources again but not the archive (its answers are good ones, reused
within ``ttl``); ``--full`` asks everything again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.sampleweb import SampleWeb
from tests.fix.fixture import ALIVE, DEAD, LOST, MOVED, NEW, fix_web
from tests.fix.test_fix_command import DIFF_HTML, DIFF_MARKDOWN, PAGE, POST_A, POST_B

ARCHIVE_HOSTS = ("https://archive.org/", "https://web.archive.org/")


@pytest.fixture
def site() -> Iterator[SampleWeb]:
    with SampleWeb(fix_web()) as running:
        yield running


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(POST_A, encoding="utf-8")
    (tmp_path / "posts" / "b.md").write_text(POST_B, encoding="utf-8")
    (tmp_path / "page.html").write_bytes(PAGE.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(
    site: SampleWeb, capfd: pytest.CaptureFixture[str], command: str, *flags: str
) -> tuple[int, str, list[str]]:
    """Run ``command`` on the posts and the page with one store; its exit, stdout, requests."""
    args = [command, "posts", "page.html", *flags, "--store", "store.sqlite3"]
    args += ["--cacert", str(site.ca_path), "--report-dir", "reports", "-q"]
    for rule in site.connect_to():
        args += ["--connect-to", rule]
    before = len(site.requests)
    code = main(args)
    out, _ = capfd.readouterr()
    return code, out, [url for _, url in site.requests[before:]]


def test_fix_after_check_asks_nothing_the_check_just_asked(
    site: SampleWeb, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, _, asked = _run(site, capfd, "check", "--no-baseline")
    assert code == ExitCode.FAILED
    assert {DEAD, LOST, ALIVE, MOVED, NEW} <= set(asked)
    assert any(url.startswith(ARCHIVE_HOSTS) for url in asked)  # the copy of DEAD was looked up

    code, out, asked = _run(site, capfd, "fix")
    assert asked == []  # not the sources, not the probe, not the archive
    assert (code, out) == (ExitCode.FAILED, DIFF_MARKDOWN + DIFF_HTML)


def test_fix_after_the_failure_ttl_asks_the_dead_again_but_not_the_archive(
    site: SampleWeb, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    _run(site, capfd, "check", "--no-baseline")
    code, out, asked = _run(site, capfd, "fix", "--failure-ttl", "0")
    assert DEAD in asked and LOST in asked  # a stale failure is checked again, first
    assert not [url for url in asked if url.startswith(ARCHIVE_HOSTS)]
    assert ALIVE not in asked and MOVED not in asked  # good answers: fresh within ttl
    assert (code, out) == (ExitCode.FAILED, DIFF_MARKDOWN + DIFF_HTML)


def test_full_fix_checks_everything_again(
    site: SampleWeb, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    _run(site, capfd, "check", "--no-baseline")
    code, out, asked = _run(site, capfd, "fix", "--full")
    assert {DEAD, LOST, ALIVE, MOVED, NEW} <= set(asked)
    assert any(url.startswith("https://archive.org/wayback/available?") for url in asked)
    assert any(url.startswith("https://web.archive.org/web/") for url in asked)
    assert (code, out) == (ExitCode.FAILED, DIFF_MARKDOWN + DIFF_HTML)
