"""Probe 27: bare URLs whose host or path is written in CJK, in Japanese text.

A bare URL in text ends where CJK starts, since Japanese prose runs on after a URL without a
space.  That also cut the URLs whose host or path segment is CJK: ``https://日本語.jp/パス``
was lost with no word (nothing cited, nothing said), and
``https://ja.wikipedia.org/wiki/東京_(曖昧さ回避)`` was read as ``https://ja.wikipedia.org/wiki/``,
the wiki's root checked in the article's place: a dead article passed (probes 21, 24 and 25
left it).  A segment that starts with a kanji, katakana or hangul after ``/`` (or any CJK
letter after ``=``) is the URL's own now; hiragana after ``/`` (a particle: ``…/を参照``) and
CJK after anything else is still prose.

Through the real CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

WIKI = "https://ja.wikipedia.org"
ARTICLE = f"{WIKI}/wiki/東京_(曖昧さ回避)"
SEARCH = "https://search.fixture-p27.example/search?q=東京タワー"
IDN = "https://例え.fixture-p27.example/パス"
IDN_ROUTE = "https://xn--r8jz45g.fixture-p27.example/パス"
PLAIN = "https://plain.fixture-p27.example/page/"


def _web() -> Web:
    web = Web()
    live = "<title>Page</title><article><h1>Page</h1><p>The page's text.</p></article>"
    for url in (f"{WIKI}/wiki/", SEARCH, IDN_ROUTE, PLAIN):
        web.page(url, live)
    web.page(ARTICLE, "<title>Not Found</title><p>No such article.</p>", status=404)
    return web


@pytest.mark.parametrize("name", ["post.txt", "post.md"])
def test_a_cjk_host_or_segment_is_the_urls_own(tmp_path: Path, name: str) -> None:
    post = tmp_path / name
    post.write_text(
        "東京についての記事です。\n\n"
        f"記事 {ARTICLE} を参照。\n\n"  # the dead article: its own URL, not the wiki's root
        f"検索は{SEARCH}。\n\n"
        f"例は {IDN} です。\n",
        encoding="utf-8",
    )
    code, report, asked = run_on_web(_web(), str(post), tmp_path / "out")
    (document,) = report["documents"]
    cited = {c["url"]: c["status"] for c in document["citations"]}
    assert cited == {ARTICLE: "broken", SEARCH: "ok", IDN: "ok"}
    assert f"{WIKI}/wiki/" not in asked
    assert code == ExitCode.FAILED


def test_prose_after_a_url_still_ends_it(tmp_path: Path) -> None:
    """The near miss: a particle after the last ``/``, or kanji glued to a path's last
    segment, is the sentence going on, as before."""
    post = tmp_path / "post.txt"
    post.write_text(f"詳しくは{PLAIN}を参照。\n公式は{PLAIN}x東京にある。\n", encoding="utf-8")
    web = _web()
    web.page(f"{PLAIN}x", "<title>X</title><article><h1>X</h1><p>Text.</p></article>")
    code, report, _asked = run_on_web(web, str(post), tmp_path / "out")
    (document,) = report["documents"]
    assert [(c["url"], c["status"]) for c in document["citations"]] == [
        (PLAIN, "ok"),
        (f"{PLAIN}x", "ok"),
    ]
    assert code == ExitCode.OK
