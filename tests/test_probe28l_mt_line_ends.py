"""A Movable Type export whose entries end their lines differently (an entry of old Mac ``\\r``
ends pasted among ``\\n`` ones) is read entry by entry, each citation at its file line as an
editor counts lines: split at ``\\n`` alone, the ``\\r`` entry was one line, its header unread
and the entry dropped with no word (probe 28l; session 27's reading took every line end).
Through the real CLI on the fixture web."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_left28_mt_lines import HOST, _entry
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path


def _web() -> Web:
    web = Web()
    web.page(f"{HOST}/html-1", "<title>A source</title><p>A live page.</p>")
    return web


def _cited(report: dict[str, Any]) -> list[tuple[str, int]]:
    return sorted((c["url"], c["line"]) for d in report["documents"] for c in d["citations"])


def _check(tmp_path: Path, text: str) -> list[tuple[str, int]]:
    export = tmp_path / "blog.example.export.txt"
    export.write_bytes(text.encode("utf-8"))
    code, report, _asked = run_on_web(_web(), str(export), tmp_path / "out")
    lines = re.split(r"\r\n|\r|\n", text)
    cited = _cited(report)
    for url, line in cited:
        assert url in lines[line - 1], (url, line, lines[line - 1])
    assert code == ExitCode.FAILED
    return cited


def test_an_entry_of_old_mac_line_ends_among_others_is_read(tmp_path: Path) -> None:
    text = _entry(1).replace("\n", "\r") + _entry(2, markdown=True) + _entry(3)
    cited = _check(tmp_path, text.replace(_entry(3), _entry(3).replace("\n", "\r\n")))
    assert len(cited) == 6  # was 4: entry 1 dropped, html-1 (live) and html-more-1 unread
    assert f"{HOST}/html-more-1" in {url for url, _ in cited}


def test_a_line_separator_in_an_old_mac_file_is_no_line_end(tmp_path: Path) -> None:
    first = _entry(1).replace("<p>A post.</p>", "<p>A\u2028post.</p>")
    cited = _check(tmp_path, (first + _entry(2)).replace("\n", "\r"))
    assert len(cited) == 4  # was at lines one too low: U+2028 counted a line end
