"""Docusaurus's ``@site/`` alias leads from the site's folder (the one holding
``docusaurus.config.js``), as its webpack alias does: ``[paper](@site/static/paper.pdf)`` was
joined to the post's folder (``blog/@site/static/paper.pdf``) and a false ``broken`` (session 31
left).  A post in no Docusaurus site is read as a root-relative link (``--root-dir`` says where
``/`` is, else skipped as one).  Local files only: nothing is fetched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.cli import ExitCode, main

POST = (
    "---\ntitle: Notes\n---\n\nThe [paper](@site/static/paper.pdf), "
    "[gone](@site/static/gone.pdf#page=2) and <a href='@site/static/paper.pdf'>again</a>.\n"
)


def _site(tmp_path: Path, *, config: bool) -> Path:
    site = tmp_path / "site"
    (site / "blog").mkdir(parents=True)
    (site / "static").mkdir()
    (site / "static" / "paper.pdf").write_bytes(b"%PDF-1.4\n")
    (site / "blog" / "post.md").write_text(POST, encoding="utf-8")
    if config:
        (site / "docusaurus.config.js").write_text("module.exports = {};\n", encoding="utf-8")
    return site


def _check(site: Path, out: Path, *more: str) -> tuple[int, dict[str, Any]]:
    argv = ["check", str(site), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out), *more])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


def _said(report: dict[str, Any]) -> list[tuple[str, str]]:
    (document,) = report["documents"]
    return [(c["url"], c["status"]) for c in document["citations"]]


def test_the_site_alias_leads_from_the_docusaurus_site(tmp_path: Path) -> None:
    site = _site(tmp_path, config=True)
    code, report = _check(site, tmp_path / "out")
    assert _said(report) == [
        ((site / "static" / "paper.pdf").as_uri(), "ok"),
        ((site / "static" / "gone.pdf").as_uri(), "broken"),
    ]
    assert code == ExitCode.FAILED  # by the missing file alone


def test_outside_a_docusaurus_site_the_alias_is_root_relative(tmp_path: Path) -> None:
    site = _site(tmp_path, config=False)
    _code, report = _check(site, tmp_path / "out")
    assert _said(report) == [
        ("file:/static/paper.pdf", "skipped"),
        ("file:/static/gone.pdf", "skipped"),
    ]
    code, report = _check(site, tmp_path / "out2", "--root-dir", str(site))
    assert [status for _url, status in _said(report)] == ["ok", "broken"]
    assert code == ExitCode.FAILED
