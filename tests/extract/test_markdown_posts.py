"""Markdown posts: front matter, every link spelling, and the attribution block."""

from __future__ import annotations

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
        "2025-12-08",
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
