"""Probe 25b: an undeclared Shift_JIS page decoded as browsers decode it.

A Japanese page that declares no charset is decoded by guess (charset-normalizer).  For Windows
Shift_JIS text (CP932, what every Japanese Windows editor writes and what WHATWG's "Shift_JIS"
decoder reads) the guess is often ``shift_jis_2004`` (JIS X 0213), which reads the same bytes
differently: ``髙`` (an IBM extension) became ``郄``, ``～`` became ``〜`` and ``﨑`` became
``粼``.  A post quoting the article as a browser shows it got a false ``quote-not-found`` (a
changed name, 0% found), and the page's title was reported as a text the page does not show.
The guess now decodes with the browsers' codec for its family first.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from checker.encoding import decode_body
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

PAGE_URL = "https://news.fixture-p25b.example/2025/02/12/article"
TITLE = "髙橋氏が語る～新制度の行方～"
QUOTE = "髙橋氏は「制度の見直しは～来年の春までに終える」と述べ、﨑山氏もこれに同意した。"
ARTICLE = (
    f"<html><head><title>{TITLE}</title><meta property='og:type' content='article'></head>"
    f"<body><article><h1>{TITLE}</h1><p>{QUOTE}</p><p>"
    + "記事の本文が続きます。" * 10
    + "</p></article></body></html>"
)
POST = (
    f"# 記事\n\n本文です。\n\n> {QUOTE}\n\n— [記事]({PAGE_URL})\n\n"
    f"原題: {TITLE}\n出典: {PAGE_URL}\n"
)


def test_an_undeclared_cp932_page_is_quoted_and_titled_as_a_browser_shows_it(
    tmp_path: Path,
) -> None:
    web = Web()
    body = ARTICLE.encode("cp932")
    web.add(PAGE_URL, Response(200, (("Content-Type", "text/html"),), body))  # no charset
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    code, report, _asked = run_on_web(web, str(post), tmp_path / "out")
    (document,) = report["documents"]
    by_kind = {c["kind"]: c for c in document["citations"]}
    # as the page shows it (a title is reported width-folded: ``～`` is ``~``)
    assert by_kind["source"]["observed"]["title"] == unicodedata.normalize("NFKC", TITLE)
    assert by_kind["quote"]["findings"] == []  # was a false quote-not-found
    assert code == 0


@pytest.mark.parametrize("text", [TITLE, QUOTE, "①②③ ⅰⅱ ∥ ￢ ＼"])
def test_cp932_text_guessed_is_decoded_as_windows_31j(text: str) -> None:
    body = f"<html><body><p>{text}</p><p>{'本文が続きます。' * 4}</p></body></html>"
    decoded, encoding = decode_body(body.encode("cp932"), None)
    assert text in decoded
    assert encoding == "cp932"
