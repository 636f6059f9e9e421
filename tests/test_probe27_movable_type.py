"""Probe 27: a Hatena Blog / livedoor / Movable Type export (``NAME.hatenablog.com.export.txt``).

Read as one text file, the export was one post holding every entry's links, and its own
machinery was cited as the author's: a reader's home page from a ``COMMENT``'s ``URL:`` field,
the links in the reader's comment, a trackback ``PING``'s address and the ``IMAGE:`` eye catch.
A reader's long-dead site failed the author's run.  Each entry is now a post of its own (title,
date, state), its ``BODY`` and ``EXTENDED BODY`` read; nothing else in the export is cited.

Every case runs the real CLI on the fixture web (TLS, test CA, ``--connect-to``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://src.fixture-p27.example"
READER = "https://reader.fixture-p27.example"


def _export(extended_link: str) -> str:
    return f"""AUTHOR: a-yamada
TITLE: 最初の記事
BASENAME: 2017/06/08/140500
STATUS: Publish
ALLOW COMMENTS: 1
CONVERT BREAKS: 0
DATE: 06/08/2017 14:05:00
CATEGORY: gRPC
IMAGE: {READER}/eyecatch.png
-----
BODY:
<p>.protoファイルの管理について書いた。出典は<a href="{HOST}/a1">この記事</a>です。</p>
-----
EXTENDED BODY:
<p>続きでは<a href="{extended_link}">別の記事</a>を引用した。</p>
-----
COMMENT:
AUTHOR: commenter
EMAIL: c@example.com
IP: 192.0.2.1
URL: {READER}/home
DATE: 06/09/2017 10:00:00
いい記事ですね {READER}/comment-link
-----

PING:
TITLE: trackback
URL: {READER}/trackback
IP: 192.0.2.2
BLOG NAME: pinger
DATE: 06/09/2017 11:00:00
excerpt
-----
--------
AUTHOR: a-yamada
TITLE: 二つ目
BASENAME: 2017/07/01/000000
STATUS: Draft
CONVERT BREAKS: markdown
DATE: 07/01/2017 00:00:00
-----
BODY:
二つ目の記事は[ここ]({HOST}/b1)を引用。
-----
--------
"""


def _web() -> Web:
    web = Web()
    for path in ("/a1", "/a2", "/b1"):
        web.page(f"{HOST}{path}", "<title>Source</title><article><h1>Source</h1><p>Text.</p>")
    web.page(f"{HOST}/gone", "<title>Not Found</title><p>No such page.</p>", status=404)
    for path in ("/home", "/comment-link", "/trackback", "/eyecatch.png"):
        web.page(f"{READER}{path}", "<title>Not Found</title>", status=404)
    return web


def _run(tmp_path: Path, extended_link: str) -> tuple[int, dict[str, Any], set[str]]:
    export = tmp_path / "blog.hatenablog.com.export.txt"
    export.write_text(_export(extended_link), encoding="utf-8")
    return run_on_web(_web(), str(export), tmp_path / "out")


def test_each_entry_is_a_post_and_the_exports_own_fields_are_not_cited(tmp_path: Path) -> None:
    code, report, asked = _run(tmp_path, f"{HOST}/a2")
    posts = {d["title"]: sorted(c["url"] for c in d["citations"]) for d in report["documents"]}
    assert posts == {
        "最初の記事": [f"{HOST}/a1", f"{HOST}/a2"],  # BODY and EXTENDED BODY
        "[draft] 二つ目": [f"{HOST}/b1"],  # a draft's Markdown, read as Markdown
    }
    assert not any(url.startswith(READER) for url in asked)  # comment, ping, image: none asked
    assert code == ExitCode.OK
    first = next(d for d in report["documents"] if d["title"] == "最初の記事")
    assert first["published"] == "2017-06-08"


def test_a_dead_link_in_an_entrys_extended_body_fails_the_run(tmp_path: Path) -> None:
    code, report, _asked = _run(tmp_path, f"{HOST}/gone")
    broken = [
        c["url"] for d in report["documents"] for c in d["citations"] if c["status"] == "broken"
    ]
    assert broken == [f"{HOST}/gone"]
    assert code == ExitCode.FAILED


def test_a_text_file_that_only_opens_like_an_export_is_read_as_text(tmp_path: Path) -> None:
    """The near miss: header-like first lines but no entry body: the file is read as before."""
    notes = tmp_path / "notes.txt"
    notes.write_text(f"TITLE: notes\nAUTHOR: me\n\nSee {HOST}/gone for why.\n", encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(notes), tmp_path / "out")
    (document,) = report["documents"]
    assert [(c["url"], c["line"], c["status"]) for c in document["citations"]] == [
        (f"{HOST}/gone", 4, "broken")
    ]
    assert code == ExitCode.FAILED
