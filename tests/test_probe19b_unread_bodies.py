"""Probe 19b: an answer whose body cannot be read must not pass a cited source silently.

A ``200`` with ``Content-Encoding: gzip`` (or ``deflate``) and a corrupt body was ``ok`` with no
finding, its note saying "unsupported coding 'gzip'", and the cited title, author and date were
not compared.  It is now an answer not read, as one cut short is: retried, struck across runs,
``unreachable`` (a failure only once it persists), never ``broken`` (it exists).  A ``404`` with
such a body stays the broken link its head says.

A source that answers with no text to read (a PDF, a coding citecheck does not decode) while the
post cites its title, author or date says so at ``info`` (``blocked``: it exists but cannot be
verified); a plain link to a PDF, which compares nothing, gets no finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.findings import Code, Severity
from checker.model import CheckedCitation, Status
from tests.fetch.support import OneAnswerServer, check_post_on, http_answer, one_answer_sites

_JUNK = b"\xff" * 40
"""Neither gzip (bad magic) nor zlib nor raw deflate (block type 3 is reserved)."""

_SOURCE_POST = """# 冬の記事

本文です。

■

Ukraine's Hardest Winter
By John Smith
November 11, 2025
http://src.example/story
"""
_LINK_POST = "# Post\n\nThe [report](http://src.example/story.pdf) says so.\n"


serve = one_answer_sites


def _check(
    tmp_path: Path, sites: list[OneAnswerServer], answer: bytes, post: str
) -> CheckedCitation:
    site = OneAnswerServer(answer)
    sites.append(site)
    (checked,) = check_post_on(site, tmp_path, post).documents[0].citations
    return checked


@pytest.mark.parametrize("coding", ["gzip", "deflate", "x-gzip"])
def test_a_200_with_a_corrupt_coded_body_is_not_a_silent_pass(
    tmp_path: Path, serve: list[OneAnswerServer], coding: str
) -> None:
    answer = http_answer("200 OK", "text/html", _JUNK, coding)
    checked = _check(tmp_path, serve, answer, _SOURCE_POST)
    assert checked.status is Status.UNREACHABLE, checked
    (finding,) = [f for f in checked.findings if f.code is Code.UNREACHABLE]
    assert "corrupt" in finding.message and coding in finding.message, finding
    assert "unsupported" not in (checked.note or "") + finding.message


def test_a_404_with_a_corrupt_coded_body_is_still_broken(
    tmp_path: Path, serve: list[OneAnswerServer]
) -> None:
    answer = http_answer("404 Not Found", "text/html", _JUNK, "gzip")
    checked = _check(tmp_path, serve, answer, _SOURCE_POST)
    assert checked.status is Status.BROKEN, checked


def test_a_403_with_a_corrupt_body_notes_it_as_corrupt_not_unsupported(
    tmp_path: Path, serve: list[OneAnswerServer]
) -> None:
    answer = http_answer("403 Forbidden", "text/html", _JUNK, "gzip")
    checked = _check(tmp_path, serve, answer, _SOURCE_POST)
    assert checked.status is Status.BLOCKED, checked
    assert "corrupt 'gzip'" in (checked.note or ""), checked.note
    assert "unsupported" not in (checked.note or "")


@pytest.mark.parametrize(
    ("kind", "body", "coding", "why"),
    [
        ("application/pdf", b"%PDF-1.4\n" + b"x" * 200, None, "application/pdf"),
        ("text/html", b"<title>Ukraine's Hardest Winter</title>", "br", "unsupported coding 'br'"),
    ],
    ids=["pdf", "br"],
)
def test_a_source_with_no_text_to_compare_says_so_at_info(
    tmp_path: Path,
    serve: list[OneAnswerServer],
    kind: str,
    body: bytes,
    coding: str | None,
    why: str,
) -> None:
    checked = _check(tmp_path, serve, http_answer("200 OK", kind, body, coding), _SOURCE_POST)
    assert checked.status is Status.OK, checked
    (finding,) = checked.findings
    assert (finding.code, finding.severity) == (Code.BLOCKED, Severity.INFO)
    assert "title, author and date" in finding.message and why in finding.message, finding


def test_a_plain_link_to_a_pdf_compares_nothing_and_says_nothing(
    tmp_path: Path, serve: list[OneAnswerServer]
) -> None:
    answer = http_answer("200 OK", "application/pdf", b"%PDF-1.4\n" + b"x" * 200)
    checked = _check(tmp_path, serve, answer, _LINK_POST)
    assert checked.status is Status.OK, checked
    assert checked.findings == (), checked.findings
