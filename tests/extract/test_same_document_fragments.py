"""Probe 18c: a fragment-only link (``#intro``, a table of contents, ``#top``) is no citation.

It points into the post itself.  Joined to the post's URL it was cited as the post; on a draft
whose front matter names its future ``canonical`` URL every table-of-contents entry became a
``broken`` citation of a page not yet published.  SPEC.md's catalogue has no code for a missing
anchor, so such links are not checked at all (a link to another page with a fragment still is).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.extract import extract
from checker.extract.links import HrefKind, classify_href
from checker.model import Page, PageKind

DRAFT = """---
title: Draft post
canonical: https://blog.example.com/posts/draft/
---

- [Intro](#intro)
- [Details](#details)

## Intro {#intro}

As [the report](https://news.example.org/report#findings) says. <a href="#top">top</a>

## Details

<a name="details"></a>See [the other post](https://blog.example.com/posts/other/#part-2).
"""


@pytest.mark.parametrize("href", ["#top", "#", " #intro ", "#%E6%97%A5", "#a?b=1"])
def test_a_fragment_alone_is_not_a_link_on_a_web_page(href: str) -> None:
    classified = classify_href(href, "https://blog.example.com/posts/draft/")
    assert (classified.kind, classified.url) == (HrefKind.NONE, None)
    assert classified.fragment == (href.strip()[1:] or None)  # --include-fragments checks it


def test_a_draft_table_of_contents_cites_no_unpublished_url() -> None:
    (document,) = extract(Page("file:///posts/draft.md", "draft.md", DRAFT, PageKind.MARKDOWN))
    assert [(c.line, c.url) for c in document.citations] == [
        (11, "https://news.example.org/report"),
        (15, "https://blog.example.com/posts/other/"),
    ]


def test_html_jump_links_are_not_the_page_cited() -> None:
    body = (
        '<html><body><article><h1 id="top">T</h1><p><a href="#more">Read on</a></p>'
        '<p>See <a href="https://news.example.org/a">the story</a>.'
        ' <a href="#top">Back to top</a></p></article></body></html>'
    )
    (document,) = extract(Page("https://blog.example.com/p.html", "p", body, PageKind.HTML))
    assert [c.url for c in document.citations] == ["https://news.example.org/a"]


def test_the_dump_of_a_draft_lists_no_fragment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "draft.md"
    post.write_text(DRAFT, encoding="utf-8")
    assert main(["check", str(post), "--dump"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "posts/draft/" not in out and "https://news.example.org/report" in out
