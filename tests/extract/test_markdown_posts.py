"""Markdown posts: front matter, every link spelling, and the attribution block."""

from __future__ import annotations

from datetime import date

from checker.extract import extract
from checker.model import CitationKind, Cited, Page, PageKind

POST = """---
title: "冬の試練(Foreign Affairs)"
date: 2025-12-08
permalink: https://blog.example/2025/12/winter.html
---

ロシアは計画より1年遅れている。[前回の記事](/2025/11/older.html "older")を参照。
![写真](https://img.example/p.jpg) 詳しくは<https://www.rusi.org/report>と[報告書][rusi]。
<a href="https://ex.example/html">HTMLの**リンク**</a> と https://bare.example/x.

```
https://code.example/not-a-citation
```

しかし無期限ではない。■

**[Ukraine’s Hardest Winter](https://www.foreignaffairs.com/ukraine/ukraines-hardest-winter)**
*With the Donbas in Peril, Europe Must Pressure Russia Now*
By Jack Watling
November 11, 2025

[rusi]: https://www.rusi.org/full-report
"""


def _page(body: str) -> Page:
    return Page("file:///posts/winter.md", "winter.md", body, PageKind.MARKDOWN)


def test_markdown_post() -> None:
    (doc,) = extract(_page(POST))
    assert (doc.url, doc.title, doc.published) == (
        "https://blog.example/2025/12/winter.html",
        "冬の試練(Foreign Affairs)",
        date(2025, 12, 8),
    )
    links = [c for c in doc.citations if c.kind is CitationKind.LINK]
    assert all(c.cited.title is None for c in links)
    assert [c.context for c in links if c.url and "example/" in c.url][:1] == ["前回の記事"]
    assert [(c.kind, c.url, c.cited.title or c.context, c.line) for c in doc.citations] == [
        (CitationKind.LINK, "https://blog.example/2025/11/older.html", "前回の記事", 7),
        (CitationKind.LINK, "https://www.rusi.org/report", links[1].context, 8),
        (CitationKind.LINK, "https://www.rusi.org/full-report", "報告書", 8),
        (CitationKind.LINK, "https://ex.example/html", "HTMLのリンク", 9),
        (CitationKind.LINK, "https://bare.example/x", links[4].context, 9),
        (
            CitationKind.SOURCE,
            "https://www.foreignaffairs.com/ukraine/ukraines-hardest-winter",
            "Ukraine’s Hardest Winter",
            17,
        ),
    ]
    assert doc.citations[-1].cited == Cited(
        title="Ukraine’s Hardest Winter",
        subtitle="With the Donbas in Peril, Europe Must Pressure Russia Now",
        author="Jack Watling",
        date="November 11, 2025",
        publisher="Foreign Affairs",
    )


def test_markdown_heading_title_and_no_block() -> None:
    body = "# 日本語だけの記事\n\n本文です。■\n\n![img](https://img.example/a.png)\n"
    (doc,) = extract(_page(body))
    assert (doc.url, doc.title, doc.published) == (
        "file:///posts/winter.md",
        "日本語だけの記事",
        None,
    )
    assert doc.citations == ()


# --- parsed, not pattern-matched (issues 13, 16) ---------------------------------------------

import json  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from checker.cli import ExitCode, main  # noqa: E402
from checker.config import load_config  # noqa: E402
from checker.discover.kinds import page_kind  # noqa: E402
from checker.extract.markdown import extract_markdown, markdown_lines  # noqa: E402


def _urls(body: str, *, include_verbatim: bool = False) -> list[str | None]:
    page = Page("https://blog.example/p.html", "p.md", body, PageKind.MARKDOWN)
    (doc,) = extract_markdown(page, include_verbatim=include_verbatim)
    return [c.url for c in doc.citations]


def test_line_numbers_point_at_the_source_line() -> None:
    body = (
        "---\ntitle: t\n---\n"  # 1-3
        "first line https://one.example/a\n"  # 4
        "second line of the paragraph [two](https://two.example/b)\n"  # 5
        "\n"  # 6
        "> quoted\n"  # 7
        "> [three](https://three.example/c)\n"  # 8
        "\n"  # 9
        "<div>\n"  # 10
        '<p>html <a href="https://four.example/d">four</a></p>\n'  # 11
        "</div>\n"  # 12
        "\n"  # 13: an HTML block runs to a blank line
        "- item\n"  # 14
        "  - nested https://five.example/e\n"  # 15
    )
    page = Page("https://blog.example/p.html", "p.md", body, PageKind.MARKDOWN)
    (doc,) = extract_markdown(page)
    links = [c for c in doc.citations if c.kind is CitationKind.LINK]
    assert [(c.url, c.line) for c in links] == [
        ("https://one.example/a", 4),
        ("https://two.example/b", 5),
        ("https://three.example/c", 8),
        ("https://four.example/d", 11),
        ("https://five.example/e", 15),
    ]


def test_attribution_block_in_one_paragraph_is_read_line_by_line() -> None:
    """Soft breaks end lines: the attribution reader sees title, author, date, URL lines."""
    body = (
        "# 記事(Reuters)\n\n本文。■\n\n"
        "Exclusive: Talks stall\nBy Jane Roe\nMarch 3, 2025\nhttps://www.reuters.com/world/x_\n"
    )
    page = Page("https://blog.example/p.html", "p.md", body, PageKind.MARKDOWN)
    (doc,) = extract_markdown(page)
    (source,) = doc.citations
    assert (source.kind, source.url, source.line) == (
        CitationKind.SOURCE,
        "https://www.reuters.com/world/x_",
        5,
    )
    assert (source.cited.title, source.cited.author) == ("Exclusive: Talks stall", "Jane Roe")


def test_pasted_embed_markup_is_a_real_embed_and_captured_text_still_counts() -> None:
    body = (
        '<blockquote class="twitter-tweet"><p>one <a href="https://t.co/a">https://t.co/a</a>'
        "</p>&mdash; NHK (@nhk_news) "
        '<a href="https://twitter.com/nhk_news/status/11">February 12, 2025</a></blockquote>\n'
        "\n"
        "two https://t.co/b\n"
        "— NHK (@nhk_news) February 13, 2025\n"
    )
    page = Page("https://blog.example/p.html", "p.md", body, PageKind.MARKDOWN)
    (doc,) = extract_markdown(page)
    embeds = [c for c in doc.citations if c.kind is CitationKind.EMBED]
    assert [(c.url, c.post_id, c.cited.handle, c.line) for c in embeds] == [
        ("https://twitter.com/nhk_news/status/11", "11", "nhk_news", 1),
        (None, None, "nhk_news", 3),
    ]
    links = [c.url for c in doc.citations if c.kind is CitationKind.LINK]
    assert links == ["https://t.co/a", "https://t.co/b"]


def test_code_is_not_a_citation_unless_verbatim_is_asked() -> None:
    body = "`https://span.example/a`\n\n```\nhttps://fence.example/b\n```\n\n    https://ind.example/c\n"
    assert _urls(body) == []
    assert _urls(body, include_verbatim=True) == [
        "https://span.example/a",
        "https://fence.example/b",
        "https://ind.example/c",
    ]


def test_near_miss_links_reach_the_link_stage() -> None:
    """Nothing that looks like a link is filtered here (issue 12): the link stage judges it.
    A bare ``www.`` in text is the link GFM renders (session 23)."""
    body = "see www.example.com/a, htps://b.example/ and [c](http//c.example/) [d](d.html)\n"
    lines, _ = markdown_lines(body, "file:///posts/p.md")
    assert [a.href for line in lines for a in line.anchors] == [
        "http://www.example.com/a",
        "htps://b.example/",
        "http//c.example/",
        "d.html",
    ]
    # Prose that merely mentions a protocol is not a link.
    lines, _ = markdown_lines("HTTP: the protocol; ftp://x.example/ is not http.\n", "file:///p")
    assert [a.href for line in lines for a in line.anchors] == []


@pytest.mark.parametrize("depth", [30, 200])
def test_blocks_nested_past_the_parser_limit_are_still_read(depth: int) -> None:
    quoted = "> " * depth + "deep https://deep.example/q\n\nafter https://after.example/\n"
    listed = (
        "".join("  " * i + "- x\n" for i in range(depth)) + "  " * depth + "- https://l.example/\n"
    )
    assert _urls(quoted) == ["https://deep.example/q", "https://after.example/"]
    assert _urls(listed) == ["https://l.example/"]


@pytest.mark.parametrize(
    "name", ["post.qmd", "post.Rmd", "post.mdx", "post.markdown", "post.mkd", "post.mdown"]
)
def test_markdown_suffixes(name: str) -> None:
    assert page_kind(name, "<html><body>not sniffed</body></html>") is PageKind.MARKDOWN


def test_a_folder_of_quarto_posts_is_checked_and_verbatim_is_a_flag(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``.qmd`` folder was refused (exit 2); its code chunk counts only with the flag."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.qmd").write_text(
        "---\ntitle: A\n---\nSee [local](http://127.0.0.1:9/page).\n\n"
        "```{r}\nread.csv('http://127.0.0.1:9/data.csv')\n```\n",
        encoding="utf-8",
    )

    def cited(*flags: str) -> list[str]:
        code = main(["check", "posts", "--report-dir", "r", "--no-store", "-q", *flags])
        assert code != ExitCode.ERROR, capsys.readouterr().err
        data = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
        return [c["url"] for d in data["documents"] for c in d["citations"]]

    assert cited() == ["http://127.0.0.1:9/page"]
    assert cited("--include-verbatim") == [
        "http://127.0.0.1:9/page",
        "http://127.0.0.1:9/data.csv",
    ]
    assert load_config(cwd=tmp_path, overrides={"include_verbatim": True}).crawl.include_verbatim


# --- no input makes the parse slow: time per KB against a normal post (no wall clock) ---------


def _seconds_per_kb(body: str, runs: int = 1) -> float:
    page = Page("file:///x.md", "x.md", body, PageKind.MARKDOWN)
    best = float("inf")
    for _ in range(runs):
        started = time.thread_time()
        extract_markdown(page)
        best = min(best, time.thread_time() - started)
    return best / (len(body.encode()) / 1024)


def _ratio(hostile: str) -> float:
    normal = (POST + "\n") * 10  # a ~7 KB post with every kind of link
    _seconds_per_kb(normal)  # warm up the parser and imports
    return _seconds_per_kb(hostile, runs=2) / _seconds_per_kb(normal, runs=3)


HOSTILE: dict[str, Callable[[int], str]] = {
    "line of [": lambda n: "[" * n,
    "nested brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "anchors": lambda n: '<a href="https://e.example/x">x</a> ' * (n // 35),
    "inline links": lambda n: "[a](https://e.example/x) " * (n // 25),
    "blockquotes": lambda n: "> " * (n // 2) + "x\n",
    "emphasis": lambda n: "*a_" * (n // 3),
    "angle brackets": lambda n: "<" * n,
    "bare urls": lambda n: "https://a.example/x " * (n // 20),
}


def _growth(shape: Callable[[int], str], small: int, large: int) -> float:
    """How much longer ``large`` characters of ``shape`` take than ``small`` (best of three
    each, so a moment of load on a shared machine is not read as growth)."""
    _seconds_per_kb(shape(small))  # warm up the parser and imports
    return (_seconds_per_kb(shape(large), runs=3) * large) / (
        _seconds_per_kb(shape(small), runs=3) * small
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markdown_is_linear(name: str) -> None:
    """Eight times the text takes about eight times as long (a quadratic pass: 64x; the old
    regular expressions took minutes on these shapes).  Growth, not a ratio to a normal post:
    a shape that is slow per character but linear (a line of ``[`` at ~17 µs a character) sat
    near a fixed per-KB bound and failed it under load.  Timed by the thread's CPU clock (the
    wall clock read 4x the text as 8.08x at load 11); the bound is three times linear growth,
    well under quadratic (at load 13 every shape read 1.7-9.0x)."""
    assert _growth(HOSTILE[name], 2_500, 20_000) < 24


@pytest.mark.slow
@pytest.mark.parametrize(
    "body",
    [HOSTILE["line of ["](100_000), HOSTILE["anchors"](50_000 * 35)],
    ids=["100 KB line of [", "50k anchors"],
)
def test_hostile_markdown_full_size(body: str) -> None:
    assert _ratio(body) < 50


def test_unclosed_inline_anchors() -> None:
    assert _ratio('<a href="https://e.example/x">x ' * 3000) < 50
