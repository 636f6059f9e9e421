"""Probe 26's two false alarms on real Hugo blogs: a link to the author's own page read as a
source, through the real CLI on the fixture web (each page in its real page's shape).

1. 111qqz.com ``2016/09bzoj-1756/`` (a Chinese post): ``<p>思路：…做法同</p><p><a
   href=/2016/09hit-oj-2687-candy/>hitoj2687题解</a></p>`` mid-post was read as the post's
   attribution block: the anchor text its original's title, the post title's trailing
   parenthesis its publisher, so a ``title-mismatch`` error (exit 1) and a
   ``publisher-mismatch`` against the author's other post.  A paragraph that is one link alone
   to the post's own site, with the post's prose after it, is a link: an attribution names an
   original elsewhere (``■`` blocks, labelled lines and trailing blocks to other sites read as
   before).
2. han8931.github.io ``uv-packages/`` (Hugo LoveIt): a ``<blockquote>`` used as a note, "I've
   previously written …, which you can read here: <a>uv package manager tutorial</a>.", was
   read as a quote of its link, a ``quote-not-found`` against the linked post.  A quote's link
   is its source when it stands apart from its prose (``"…" (<a>Reuters</a>)``, ``— <a>``, after
   the last sentence); a link inside the note's own sentence is further reading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.cli import ExitCode
from checker.extract import extract
from checker.model import CitationKind, Page, PageKind
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

QQZ = "https://qqz.fixture-p26f.example"
HAN = "https://han.fixture-p26f.example"
ORIGINAL = "https://original.fixture-p26f.example/articles/segment-trees"
_POST_TITLE = "BZOJ 1756: Vijos1083 小白逛公园 （线段树维护单点修改区间查询最大子段和）"


def _hugo_post(title: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html lang=zh><head><meta charset=utf-8><title>{title}</title>"
        "<meta property=og:type content=article></head><body><header><nav>"
        f"<a href=/>首页</a></nav></header><main><article><h1 class=post_title>{title}</h1>"
        f"<div class=post_body>{body}</div></article></main><footer>© 111qqz</footer></body></html>"
    )


def _bzoj_body(link: str) -> str:
    """The real post's shape: the problem, then the author's note whose "same as" names another
    of their posts in a paragraph of its own, then more prose and the code."""
    return (
        "<h2 id=description>Description</h2><p>小新经常陪小白去公园玩，也就是所谓的遛狗啦。"
        "路的一边从南到北依次排着n个公园，小白早就看花了眼。</p><h2 id=input>Input</h2>"
        "<p>第一行，两个整数N和M，分别表示表示公园的数量和操作总数。</p><h2 id=output>Output</h2>"
        "<p>小白每出去玩一次，都对应输出一行，只包含一个整数。</p><p>题意：中文题面，不多说。</p>"
        f"<p>思路：关于维护最大子段和的问题，做法同</p><p>{link}</p>"
        "<p>但是和上面这道题不同的是，每次询问的是某个区间的最大字段和，而不是整个区间的最大子段和。</p>"
        "<p>我们的做法是，将查询的区间拆成若干个区间，然后按照pushup中的方法合并。</p>"
        "<p>一个技巧是query的时候返回一个结构体，这样会比较好写。</p>"
        "<div class=highlight><pre><code class=language-cpp>struct Node { int sum; };\n"
        "int main() { return 0; }</code></pre></div>"
    )


def _qqz_web(link: str) -> Web:
    web = Web()
    web.page(f"{QQZ}/2016/09bzoj-1756/", _hugo_post(_POST_TITLE, _bzoj_body(link)))
    web.page(
        f"{QQZ}/2016/09hit-oj-2687-candy/",
        _hugo_post("hit oj 2687 Candy （线段树区间最大子段和）", "<p>线段树维护最大子段和。</p>"),
    )
    web.page(ORIGINAL, "<title>Segment trees, explained</title><article><p>Text.</p></article>")
    return web


def _findings(report: dict[str, Any]) -> dict[str, int]:
    return dict(report["summary"]["findings"])


def _kinds(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c["kind"], c["url"]) for d in report["documents"] for c in d["citations"]]


def test_an_own_post_linked_alone_mid_post_is_a_link_not_an_original(tmp_path: Path) -> None:
    link = "<a href=/2016/09hit-oj-2687-candy/>hitoj2687题解</a>"
    code, report, asked = run_on_web(_qqz_web(link), f"{QQZ}/2016/09bzoj-1756/", tmp_path)
    findings = _findings(report)
    assert "title-mismatch" not in findings  # was an error: the anchor text as a title
    assert "publisher-mismatch" not in findings  # the post title's parenthesis as a publisher
    assert _kinds(report) == [("link", f"{QQZ}/2016/09hit-oj-2687-candy/")]  # still checked
    assert f"{QQZ}/2016/09hit-oj-2687-candy/" in asked
    assert code == ExitCode.OK


def test_an_absolute_own_link_alone_is_a_link_too() -> None:
    link = f"<a href={QQZ}/2016/09hit-oj-2687-candy/>hitoj2687题解</a>"
    page = Page(
        f"{QQZ}/2016/09bzoj-1756/", "p", _hugo_post(_POST_TITLE, _bzoj_body(link)), PageKind.HTML
    )
    (post,) = extract(page)
    assert [c.kind for c in post.citations] == [CitationKind.LINK]


def test_an_original_on_another_site_in_the_same_place_is_still_its_source() -> None:
    """The guard (passes before and after): the same lone title link to another site is an
    original's block, as session 20's translated posts write it."""
    link = f"<a href={ORIGINAL}>Segment trees explained</a>"
    page = Page(
        f"{QQZ}/2016/09bzoj-1756/", "p", _hugo_post(_POST_TITLE, _bzoj_body(link)), PageKind.HTML
    )
    (post,) = extract(page)
    (source,) = [c for c in post.citations if c.kind is CitationKind.SOURCE]
    assert (source.url, source.cited.title) == (ORIGINAL, "Segment trees explained")


_NOTE = (
    "<blockquote>\n<p>I&rsquo;ve previously written a general introduction to uv as a Python "
    'package manager, which you can read here: <a href="{href}" target="_blank" '
    'rel="noopener noreffer ">uv package manager tutorial</a>.</p>\n</blockquote>\n'
)


def _loveit_post(note: str) -> str:
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>uv workspace: effective "
        "management of Python apps - Han</title></head><body><header class=desktop><a href=/>Han"
        "</a></header><main class=main><div class=container><div class=page single><h1 "
        "class=single-title>uv workspace: effective management of Python apps</h1><div "
        "class=content id=content><p>A uv workspace is useful when you maintain several apps "
        "that share internal libraries and want one lockfile for all of them.</p>\n<ul>\n<li>You "
        "want shared dependencies and a single lockfile for consistent environments</li>\n</ul>\n"
        f"{note}<p>A typical real-world setup might look like this:</p><pre><code>llm-platform/\n"
        "  pyproject.toml</code></pre><p>Each member keeps its own pyproject file.</p></div>"
        "</div></div></main><footer>Powered by Hugo</footer></body></html>"
    )


def _han_web(note: str) -> Web:
    web = Web()
    web.page(f"{HAN}/uv-packages/", _loveit_post(note))
    web.page(
        f"{HAN}/uv-package-manager/",
        "<!DOCTYPE html><html><head><title>uv package manager tutorial</title></head><body>"
        "<article><h1>uv package manager tutorial</h1><p>uv installs Python packages fast and "
        "keeps a lockfile of every dependency.</p></article></body></html>",
    )
    return web


def test_a_blockquote_note_linking_further_reading_is_no_quote(tmp_path: Path) -> None:
    note = _NOTE.format(href=f"{HAN}/uv-package-manager/")
    code, report, asked = run_on_web(_han_web(note), f"{HAN}/uv-packages/", tmp_path)
    assert "quote-not-found" not in _findings(report)  # was a warning against the linked post
    assert _kinds(report) == [("link", f"{HAN}/uv-package-manager/")]  # the link, still checked
    assert f"{HAN}/uv-package-manager/" in asked
    assert code == ExitCode.OK


def _quotes(body: str) -> list[str]:
    (post,) = extract(Page(f"{HAN}/uv-packages/", "p", body, PageKind.HTML))
    return [c.url or "" for c in post.citations if c.kind is CitationKind.QUOTE]


def test_a_quote_whose_link_stands_apart_still_names_its_source() -> None:
    """The guards (pass before and after): the link after a bracket, a dash, a closing quotation
    mark or the quote's last sentence is the source the quote names."""
    said = "The central bank will keep rates unchanged for the rest of the year, officials said."
    src = "https://reuters.fixture-p26f.example/a"
    for tail in (
        f' (<a href="{src}">Reuters</a>)',
        f' — <a href="{src}">Reuters</a>',
        f' <a href="{src}">Reuters</a>',
        f' via <a href="{src}">Reuters</a>',
    ):
        note = f'<blockquote><p>"{said}"{tail}</p></blockquote>\n'
        assert _quotes(_loveit_post(note)) == [src], tail


def test_a_note_s_link_in_its_sentence_does_not_make_the_next_link_its_source() -> None:
    """Without its own link as source, the note did not take the next paragraph's one link."""
    note = _NOTE.format(href=f"{HAN}/uv-package-manager/") + (
        f'<p><a href="{HAN}/uv-lockfiles/">Lockfiles in uv</a></p>\n'
    )
    assert _quotes(_loveit_post(note)) == []
