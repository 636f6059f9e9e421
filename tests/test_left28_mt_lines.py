"""A Movable Type export's citations are at their lines of the file (session 27 left: at their
lines within the entry, so ``export.txt:3`` named a line of the header of the first entry for a
link of the hundredth).  The entry's page carries the lines before it as an offset
(``Page.line_offset``), not as blank lines before its body: padding each entry so costs the sum
of the entries' start lines, quadratic in a large export.  Through the real CLI on the fixture
web; the cost by the size of what the reader makes, not by time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.cli import ExitCode
from checker.discover.movabletype import movable_type_pages
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://src.fixture-left28-mt.example"


def _entry(number: int, *, markdown: bool = False) -> str:
    breaks = "markdown" if markdown else "0"
    if markdown:
        body = f"A post.\n\n- [source {number}]({HOST}/md-{number})\n"
        extended = f"More.\n\n-----\n\nAfter a rule: [more]({HOST}/md-more-{number})\n"
    else:
        body = f'<p>A post.</p>\n<p><a href="{HOST}/html-{number}">source</a></p>\n'
        extended = f'<p>More: <a href="{HOST}/html-more-{number}">more</a></p>\n'
    return (
        f"AUTHOR: a\nTITLE: Entry {number}\nBASENAME: 2024/05/{number:02d}/120000\n"
        f"STATUS: Publish\nCONVERT BREAKS: {breaks}\nDATE: 05/{number:02d}/2024 12:00:00\n"
        f"-----\nBODY:\n{body}-----\nEXTENDED BODY:\n{extended}-----\nEXCERPT:\nno\n-----\n"
        "COMMENT:\nAUTHOR: r\nURL: https://reader.example/\nnice\n-----\n--------\n"
    )


def _cited(report: dict[str, Any]) -> list[tuple[str, int]]:
    return sorted((c["url"], c["line"]) for d in report["documents"] for c in d["citations"])


def test_an_export_s_citations_are_at_the_file_s_lines(tmp_path: Path) -> None:
    export = tmp_path / "blog.example.export.txt"
    text = "".join(_entry(n, markdown=n % 2 == 0) for n in range(1, 6))
    export.write_text(text, encoding="utf-8")
    web = Web()
    for url in (f"{HOST}/html-1", f"{HOST}/md-more-4"):
        web.page(url, "<title>A source</title><p>A live page.</p>")
    code, report, _asked = run_on_web(web, str(export), tmp_path / "out")
    lines = text.split("\n")
    cited = _cited(report)
    assert len(cited) == 10
    for url, line in cited:
        assert url in lines[line - 1], (url, line, lines[line - 1])
    assert code == ExitCode.FAILED  # the others' dead links


def test_the_lines_hold_in_crlf_and_with_a_line_separator_in_a_body(tmp_path: Path) -> None:
    export = tmp_path / "blog.example.export.txt"
    first = _entry(1).replace("<p>A post.</p>", "<p>A\u2028post.</p>")
    text = first + _entry(2, markdown=True)
    export.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    _code, report, _asked = run_on_web(Web(), str(export), tmp_path / "out")
    lines = text.split("\n")
    cited = _cited(report)
    assert len(cited) == 4
    for url, line in cited:
        assert url in lines[line - 1], (url, line)


def test_a_large_export_s_pages_are_linear_in_its_size() -> None:
    """4,000 entries: what the reader makes is a few times the file, whatever an entry's place
    (blank lines before each entry's body would be ~half the file's lines an entry: 4,000 times
    the file)."""
    text = "".join(_entry(n % 28 + 1, markdown=n % 2 == 0) for n in range(4_000))
    pages = movable_type_pages(text, "/blog/big.export.txt")
    assert pages is not None and len(pages) == 4_000
    made = sum(len(page.body) for page in pages)
    assert made < 3 * len(text), (made, len(text))
    assert pages[-1].line_offset > text.count("\n") - 40  # the last entry, near the file's end


def test_an_export_of_old_mac_line_ends_is_still_read() -> None:
    """The guard: a file whose lines end with ``\\r`` alone is read by any line end, as before."""
    text = (_entry(1) + _entry(2, markdown=True)).replace("\n", "\r")
    pages = movable_type_pages(text, "/blog/old.export.txt")
    assert pages is not None and len(pages) == 2
