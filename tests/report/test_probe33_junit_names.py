"""report.xml: each test case's (classname, name) is unique, as GitLab needs it.

GitLab keys a JUnit test case by classname and name and shows one case of each pair
(gitlab-org/gitlab#237920).  Three quotes from one article, one URL cited on two lines, or two
URLs that redaction makes equal were one case there: the demo's report.xml lost 8 of its cases,
and a failing case could hide behind a passing one of the same name (a silent pass in GitLab's
test view).  Probe 33.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from checker.cli import ExitCode, main
from checker.report.junit import render
from checker.sampleweb import Response, SampleWeb, Web

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "junit-10.xsd")))
ARTICLE = "https://news.example/2025/article"
HOST = "docs.fixture-p33.example"
SITE = f"https://{HOST}"


def _keys(text: str) -> Counter[tuple[str, str]]:
    root = etree.fromstring(text.encode("utf-8"))
    SCHEMA.assertValid(root)
    return Counter((c.get("classname"), c.get("name")) for c in root.iter("testcase"))


def _quote(line: int | None, *, failing: bool = False) -> dict[str, Any]:
    finding = {
        "code": "quote-not-found",
        "severity": "warning",
        "message": "the quoted text is not in the article",
        "failing": failing,
    }
    return {
        "kind": "quote",
        "url": ARTICLE,
        "line": line,
        "status": "ok",
        "findings": [finding] if failing else [],
    }


def _document(*citations: dict[str, Any]) -> dict[str, Any]:
    post = {"url": "file:///blog/post.md", "origin": "post.md", "title": "Post"}
    return {"tool": {"name": "citecheck"}, "documents": [{**post, "citations": list(citations)}]}


def test_citations_of_one_label_are_cases_of_their_own() -> None:
    text = render(_document(_quote(3), _quote(7, failing=True), _quote(12)))
    keys = _keys(text)
    assert len(keys) == 3 and set(keys.values()) == {1}
    names = [name for _, name in keys]
    assert names == [f"quote {ARTICLE} (line {n})" for n in (3, 7, 12)]
    root = etree.fromstring(text.encode("utf-8"))
    (failing,) = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert failing.get("name") == f"quote {ARTICLE} (line 7)"


def test_a_label_repeated_on_one_line_or_without_a_line_is_numbered() -> None:
    keys = _keys(render(_document(_quote(5), _quote(5), _quote(None), _quote(None), _quote(9))))
    assert len(keys) == 5 and set(keys.values()) == {1}
    assert {name for _, name in keys} == {
        f"quote {ARTICLE} (line 5) [1]",
        f"quote {ARTICLE} (line 5) [2]",
        f"quote {ARTICLE} [1]",
        f"quote {ARTICLE} [2]",
        f"quote {ARTICLE} (line 9)",
    }


def test_a_label_cited_once_keeps_its_name() -> None:
    other = {**_quote(4), "kind": "link", "url": "https://other.example/"}
    names = {name for _, name in _keys(render(_document(_quote(3), other)))}
    assert names == {f"quote {ARTICLE}", "link https://other.example/"}


def test_names_cut_at_the_attribute_limit_stay_apart() -> None:
    long_url = "https://news.example/" + "a" * 600
    first, second = ({**_quote(n), "url": long_url + str(n)} for n in (1, 2))
    keys = _keys(render(_document(first, second)))
    assert len(keys) == 2 and all(len(name) <= 500 for _, name in keys)


def test_names_near_the_limit_keep_their_lines_apart() -> None:
    """A ~600-character URL quoted twice on line 3 and twice on line 4: the number's cut took
    `` (line N)`` off, and the four cases had two names (reviewer of probe 33)."""
    long_url = "https://news.example/" + "a" * 600
    quotes = [{**_quote(n), "url": long_url} for n in (3, 3, 4, 4)]
    keys = _keys(render(_document(*quotes)))
    assert len(keys) == 4 and all(len(name) <= 500 for _, name in keys)
    assert sorted(name[-12:] for _, name in keys) == [
        " (line 3) [1]"[-12:],
        " (line 3) [2]"[-12:],
        " (line 4) [1]"[-12:],
        " (line 4) [2]"[-12:],
    ]


def test_a_numbered_name_never_joins_a_name_written_so() -> None:
    """A URL cited twice is numbered ``X [1]``, ``X [2]``; a citation whose own name is
    ``X [1]`` stays a case of its own."""
    bracketed = {**_quote(None), "url": f"{ARTICLE} [1]"}
    keys = _keys(render(_document(_quote(None), _quote(None), bracketed)))
    assert len(keys) == 3 and set(keys.values()) == {1}


def test_two_dead_links_redaction_makes_equal_are_two_failures_in_gitlab(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the CLI and the fixture web: two dead links whose credentials differ are both
    ``link https://REDACTED@…`` in the report; GitLab counted one failure."""
    web = Web()
    web.add(f"{SITE}/gone", Response(404, (("Content-Type", "text/html"),), b"<title>404</title>"))
    (tmp_path / "post.md").write_text(
        f"# Post\n\n[one](https://alice:one@{HOST}/gone)\n\n[two](https://bob:two@{HOST}/gone)\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    argv = ["check", "post.md", "--no-store", "--archive", "off", "--processes", "1"]
    argv += ["--format", "junit", "--report-dir", "out", "-q"]
    with SampleWeb(web) as site:
        argv += ["--cacert", str(site.ca_path)]
        for rule in site.connect_to():
            argv += ["--connect-to", rule]
        assert main(argv) == ExitCode.FAILED
    text = (tmp_path / "out" / "report.xml").read_text(encoding="utf-8")
    assert "REDACTED" in text
    for secret in ("alice", "bob", "one@", ":one", "two@", ":two"):
        assert secret not in text, secret
    root = etree.fromstring(text.encode("utf-8"))
    SCHEMA.assertValid(root)
    cases = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert len({(c.get("classname"), c.get("name")) for c in cases}) == len(cases) == 2
