"""Probe 19c: a severity override must not turn the checker's deliberate notes into failures.

docs/findings.md's own example of a ``[severity]`` table is ``blocked = "error"`` (a source that
refuses to show itself is to fail CI).  The same code at ``info`` says a source answered with
nothing citecheck reads (a think tank's PDF report) while its title was cited: the post may well
be right, so it is a note that fails nothing.  The override raised every such note to an error:
every correctly cited PDF failed the run (exit 1).  An override sets the severity of a code's
defects; a finding the checker issued at ``info`` below its code's default stays ``info``.
"""

from __future__ import annotations

from pathlib import Path

from checker.config import Config
from checker.findings import Code, Severity
from checker.model import Report
from checker.report.document import failing
from tests.fetch.support import OneAnswerServer, check_post_on, http_answer, one_answer_sites

_SOURCE_POST = """# 冬の記事

本文です。

■

Ukraine's Hardest Winter
By John Smith
November 11, 2025
http://src.example/report.pdf
"""


serve = one_answer_sites


_BLOCKED_ERROR = {"severity": ["blocked=error"]}
"""The override of docs/findings.md's own example."""


def _run(tmp_path: Path, sites: list[OneAnswerServer], answer: bytes) -> tuple[Report, Config]:
    site = OneAnswerServer(answer)
    sites.append(site)
    return check_post_on(site, tmp_path, _SOURCE_POST, **_BLOCKED_ERROR), Config().with_(
        **_BLOCKED_ERROR
    )


def test_a_cited_pdf_does_not_fail_under_blocked_error(
    tmp_path: Path, serve: list[OneAnswerServer]
) -> None:
    pdf = http_answer("200 OK", "application/pdf", b"%PDF-1.4\n" + b"x" * 200)
    report, config = _run(tmp_path, serve, pdf)
    (checked,) = report.documents[0].citations
    assert [(f.code, f.severity) for f in checked.findings] == [(Code.BLOCKED, Severity.INFO)]
    assert not failing(report, config)


def test_a_refusing_source_still_fails_under_blocked_error(
    tmp_path: Path, serve: list[OneAnswerServer]
) -> None:
    """What held up: the override still raises the code's real verdicts."""
    report, config = _run(tmp_path, serve, http_answer("403 Forbidden", "text/html", b"no"))
    assert failing(report, config)
