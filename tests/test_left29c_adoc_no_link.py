"""Session 29 (left29c): text Asciidoctor shows as written is no link.

An escaped URL (``\\https://…``) and a constrained passthrough (``+https://…+``) are shown as
text, never linked; read as text, both were cited (the passthrough's with its ``+``), dead ones
failing the run (probe 29).  ``C++`` and ``1+1`` in prose open no passthrough.  Through the real
CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode
from tests.probe29_web import article_web, lines_and_statuses
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://adoc.fixture-l29c.example"

_DOC = f"""\
= Escapes

An escaped \\{HOST}/escaped stays text.
A passthrough +{HOST}/passed+ too.
A real link {HOST}/real and C++ with 1+1 {HOST}/after-plus here.
"""


def test_escaped_and_passthrough_urls_are_not_cited(tmp_path: Path) -> None:
    doc = tmp_path / "guide.adoc"
    doc.write_text(_DOC, encoding="utf-8")
    web = article_web([f"{HOST}/real", f"{HOST}/after-plus"], [f"{HOST}/escaped", f"{HOST}/passed"])
    code, report, asked = run_on_web(web, str(doc), tmp_path / "out")
    assert lines_and_statuses(report) == {
        f"{HOST}/real": (5, "ok"),
        f"{HOST}/after-plus": (5, "ok"),
    }
    assert not {f"{HOST}/escaped", f"{HOST}/passed", f"{HOST}/passed+"} & asked
    assert code == ExitCode.OK
