"""Probe 27b: a Movable Type export whose post holds the format's own dash lines.

A Markdown entry (``CONVERT BREAKS: markdown``, Hatena's and MT's Markdown) draws a rule with
dashes: ``-----`` is the format's section end and ``--------`` its entry end, written alone on
a line as a rule is.  The reader took them for the format's: every line of the post after the
rule, up to the next section name, was dropped, and the dead link there was never cited (a
silent pass).  A dash line followed by a line that is no section name (after ``-----``) or no
header field (after ``--------``) is the post's own.  Through the real CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://src.fixture-p27b.example"
READER = "https://reader.fixture-p27b.example"


def _entry(title: str, body: str, breaks: str = "markdown") -> str:
    return f"""AUTHOR: a-yamada
TITLE: {title}
BASENAME: 2020/01/01/{abs(hash(title)) % 10**6:06d}
STATUS: Publish
CONVERT BREAKS: {breaks}
DATE: 01/01/2020 10:00:00
-----
BODY:
{body}
-----
COMMENT:
AUTHOR: reader
URL: {READER}/home
-----
another comment line {READER}/comment
-----
--------
"""


def _web() -> Web:
    web = Web()
    for path in ("/a", "/b", "/c"):
        web.page(f"{HOST}{path}", "<title>Source</title><article><h1>Source</h1><p>Text.</p>")
    web.page(f"{HOST}/gone", "<title>Not Found</title><p>No such page.</p>", status=404)
    for path in ("/home", "/comment"):
        web.page(f"{READER}{path}", "<title>Not Found</title>", status=404)
    return web


def _run(tmp_path: Path, export: str, encoding: str = "utf-8") -> tuple[int, dict[str, Any]]:
    path = tmp_path / "blog.hatenablog.com.export.txt"
    path.write_bytes(export.encode(encoding))
    code, report, asked = run_on_web(_web(), str(path), tmp_path / "out")
    assert not any(url.startswith(READER) for url in asked)  # the comments: never cited
    return code, report


def _cited(report: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    return {
        d["title"]: sorted((c["url"], c["status"]) for c in d["citations"])
        for d in report["documents"]
    }


@pytest.mark.parametrize("rule", ["-----", "--------"])
def test_a_rule_of_dashes_in_a_markdown_post_does_not_drop_the_rest(
    tmp_path: Path, rule: str
) -> None:
    body = f"前半は[記事]({HOST}/a)を参照。\n\n{rule}\n\n後半の出典は[こちら]({HOST}/gone)。"
    export = _entry("区切り線", body) + _entry("次の記事", f"[次]({HOST}/b)")
    code, report = _run(tmp_path, export)
    assert _cited(report) == {
        "区切り線": [(f"{HOST}/a", "ok"), (f"{HOST}/gone", "broken")],
        "次の記事": [(f"{HOST}/b", "ok")],
    }
    assert code == ExitCode.FAILED


def test_the_formats_own_dash_lines_still_end_sections_and_entries(tmp_path: Path) -> None:
    """The guard: dash lines the format writes (before a section name, before a header) are
    the format's, comments stay unread, and each entry is its own post."""
    export = _entry("一", f"[a]({HOST}/a)") + _entry("二", f"[b]({HOST}/b)")
    code, report = _run(tmp_path, export)
    assert _cited(report) == {"一": [(f"{HOST}/a", "ok")], "二": [(f"{HOST}/b", "ok")]}
    assert code == ExitCode.OK


def test_an_export_in_shift_jis_is_read(tmp_path: Path) -> None:
    """An old livedoor / MT export in Shift_JIS (EUC-JP too): the entries read as in UTF-8."""
    export = _entry("古い記事", f"出典は[この記事]({HOST}/gone)です。", "0") + _entry(
        "二番目", f"<p>出典は<a href='{HOST}/c'>こちら</a>です。</p>", "0"
    )
    code, report = _run(tmp_path, export, "shift_jis")
    assert _cited(report) == {
        "古い記事": [(f"{HOST}/gone", "broken")],
        "二番目": [(f"{HOST}/c", "ok")],
    }
    assert code == ExitCode.FAILED
