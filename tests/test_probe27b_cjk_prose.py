"""Probe 27b: Japanese prose right after a URL whose last segment is written in CJK.

Probe 27 read a segment starting with kanji or katakana after ``/`` as the URL's own (a
Wikipedia article's title), up to a space or CJK punctuation.  Japanese cites a page as the
object of its verb, the object particle ``を`` glued to the URL: ``…/wiki/東京を参照してください。``
was cited whole, a page nobody links, a false ``broken`` where the old rule (cut at the CJK)
was right about the host.  ``を`` after a kanji or katakana ends the URL; ``の`` inside a title
(``…/wiki/東京都の人口``), a space and CJK punctuation are as before.  Through the real CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

WIKI = "https://ja.wikipedia.org/wiki"
_LIVE = "<title>Page</title><article><h1>Page</h1><p>The page's text.</p></article>"


def _web(*live: str) -> Web:
    web = Web()
    for url in live:
        web.page(url, _LIVE)
    return web


@pytest.mark.parametrize("name", ["post.txt", "post.md"])
@pytest.mark.parametrize(
    ("line", "cited"),
    [
        (f"詳しくは {WIKI}/東京を参照してください。", f"{WIKI}/東京"),
        (f"公式の説明は{WIKI}/東京タワーをご覧ください。", f"{WIKI}/東京タワー"),
        (f"記事 {WIKI}/記事を読んで、考えた。", f"{WIKI}/記事"),
    ],
    ids=["see", "look", "read"],
)
def test_the_object_particle_after_a_cjk_segment_ends_the_url(
    tmp_path: Path, name: str, line: str, cited: str
) -> None:
    post = tmp_path / name
    post.write_text(f"東京についての記事です。\n\n{line}\n", encoding="utf-8")
    code, report, _asked = run_on_web(_web(cited), str(post), tmp_path / "out")
    (document,) = report["documents"]
    assert [(c["url"], c["status"]) for c in document["citations"]] == [(cited, "ok")]
    assert code == ExitCode.OK


def test_a_title_with_hiragana_inside_stays_whole(tmp_path: Path) -> None:
    """The guard: ``の`` inside an article's title and a title ending at a space stay whole."""
    title = f"{WIKI}/東京都の人口"
    post = tmp_path / "post.txt"
    post.write_text(f"統計は {title} にある。\n", encoding="utf-8")
    code, report, _asked = run_on_web(_web(title), str(post), tmp_path / "out")
    (document,) = report["documents"]
    assert [(c["url"], c["status"]) for c in document["citations"]] == [(title, "ok")]
    assert code == ExitCode.OK
