"""report.csv: one row per citation × finding, Excel-safe (BOM, CRLF, no formula injection)."""

from __future__ import annotations

import csv
import io

import pytest
from hostile_sample import hostile_report
from report_sample import JA_TITLE, POST_URL

from checker.config import Config
from checker.model import Report
from checker.report import build_document
from checker.report.csv import COLUMNS, neutralise, render


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_header_bom_and_crlf(report: Report) -> None:
    text = render(build_document(report, config=Config()))
    assert text.startswith("\ufeff" + ",".join(COLUMNS) + "\r\n")
    assert text.endswith("\r\n")


def test_one_row_per_citation_and_finding(report: Report) -> None:
    rows = _rows(render(build_document(report, config=Config())))
    # 9 citations carry the 10 findings (one has two); 2 citations have none and get one row.
    assert len(rows) == 12
    first = rows[0]
    assert (first["post_url"], first["post_title"], first["code"]) == (POST_URL, JA_TITLE, "")
    assert first["failing"] == "" and first["line"] == "3"
    assert first["observed_title"] == "Ukraine’s Hardest Winter"
    mismatch = [r for r in rows if r["url"].startswith("https://www.19fortyfive.com")]
    assert [r["code"] for r in mismatch] == ["title-mismatch", "publisher-mismatch"]
    assert [r["failing"] for r in mismatch] == ["true", "false"]
    broken = next(r for r in rows if r["code"] == "broken")
    assert broken["archive_url"].startswith("https://web.archive.org/")
    assert next(r for r in rows if r["code"] == "redirected")["final_url"] == (
        "https://new.example.com/a"
    )
    assert (rows[-1]["kind"], rows[-1]["code"]) == ("embed", "embed-text-mismatch")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        # near misses: formula characters later in the cell are harmless
        ("a=1", "a=1"),
        ("1-2", "1-2"),
        ("https://x.example/?a=1", "https://x.example/?a=1"),
        ("", ""),
        (None, ""),
        (True, "true"),
        (12, "12"),
    ],
)
def test_neutralise(value: object, expected: str) -> None:
    assert neutralise(value) == expected


def test_hostile_cells_are_neutralised() -> None:
    rows = _rows(render(build_document(hostile_report(), config=Config())))
    title = rows[0]
    assert title["suggestion"] == "'" + '=HYPERLINK("http://evil.example/","click")'
    assert rows[1]["message"].startswith("'-2+3")
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_a_citation_not_checked_says_why(report: Report) -> None:
    """A skipped citation's row said nothing of why (probe 30i): an interrupted run's unchecked
    citations read as any other skipped link.  Its note is the row's message."""
    rows = _rows(render(build_document(report, config=Config())))
    (skipped,) = [row for row in rows if row["url"] == "mailto:editor@example.com"]
    assert (skipped["status"], skipped["message"]) == ("skipped", "not checked: not an http(s) URL")
    assert all(row["message"] for row in rows if row["status"] == "skipped")
