"""A post citing URLs and everything a run shows of them: the token e2e tests' one setup.

Each test (mend34o's token leaks, mend34r's redirects, trust37a's token kinds) writes an HTML
post of one link a cited URL and runs ``citecheck check`` on it against the fixture web; the
leak tests then read every output (terminal, GitHub annotations and step summary, each report
format).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path

import pytest

from checker.cli import main
from checker.sampleweb import SampleWeb

FORMATS = "json,md,html,junit,sarif,csv"


def cited_post(path: Path, urls: Iterable[str], more: str = "") -> Path:
    """``path`` written as an HTML post linking each of ``urls`` (``source N``), then ``more``."""
    links = "".join(
        f'<p>See <a href="{escape(url)}">source {i}</a>.</p>' for i, url in enumerate(urls)
    )
    path.write_text(
        "<html><head><title>A post</title></head><body><article><h1>A post</h1>"
        f"{links}{more}</article></body></html>",
        encoding="utf-8",
    )
    return path


def every_output(
    site: SampleWeb,
    post: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, dict[str, str]]:
    """The exit code of ``citecheck check POST`` (every format, ``--include-fragments``, as a
    GitHub Actions step) and each output's text by name: ``terminal``, ``step summary`` and
    each report file's name."""
    folder = post.parent
    summary = folder / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(folder))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(folder)
    report_dir = folder / "r"
    argv = ["check", post.name, "--report-dir", str(report_dir), "--no-store", "--retries", "0"]
    argv += ["--cacert", str(site.ca_path), "--format", FORMATS, "--include-fragments"]
    for rule in site.connect_to():
        argv += ["--connect-to", rule]
    code = main(argv)
    out = capsys.readouterr()
    shown = {"terminal": out.out + out.err, "step summary": summary.read_text(encoding="utf-8")}
    for written in sorted(report_dir.iterdir()):
        shown[written.name] = written.read_text(encoding="utf-8-sig")
    return code, shown
