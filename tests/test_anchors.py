"""Session 24, ``checker.anchors``: the places a document names and the fragments that are none.

Pure functions, plain tests: GitHub's heading slugs and the common generators', explicit ids,
raw HTML ids, and the fragments that must never be reported (``#top``, text fragments, routes,
line numbers, parameters).  Each failed on the base, which had no such module.
"""

from __future__ import annotations

import pytest

from checker.anchors import (
    Anchors,
    gfm_slug,
    html_anchors,
    markdown_anchors,
    missing,
    unchecked_reason,
)

GUIDE = """---
title: Guide
---
# Hello *World*
## Usage
## Usage
## `code` and [the link](https://x.example) _em_ ##
Setext Title
------------
### Heading one {#inline-id}
{#block-id}
### 1. Intro to C++ & Rust!
## 日本語の見出し
<a name="raw-name"></a><div id="raw-id"></div>

```
# not a heading
```
"""


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("Hello World", "hello-world"),
        ("1. Intro to C++ & Rust!", "1-intro-to-c--rust"),
        ("snake_case name", "snake_case-name"),
        ("日本語の見出し", "日本語の見出し"),
        ("Émoji 🎉 here", "émoji--here"),
    ],
)
def test_github_slugs(words: str, slug: str) -> None:
    assert gfm_slug(words) == slug


@pytest.mark.parametrize(
    "fragment",
    [
        "hello-world", "usage", "usage-1", "code-and-the-link-em", "setext-title", "inline-id",
        "block-id", "1-intro-to-c--rust", "intro-to-c-rust", "raw-name", "raw-id", "Usage",
        "%E6%97%A5%E6%9C%AC%E8%AA%9E%E3%81%AE%E8%A6%8B%E5%87%BA%E3%81%97",
    ],
)  # fmt: skip
def test_a_markdown_file_names_its_headings_and_ids(fragment: str) -> None:
    assert missing((fragment,), markdown_anchors(GUIDE)) == ()


@pytest.mark.parametrize("fragment", ["usage-2", "not-a-heading", "no-such-heading", "Raw-Id"])
def test_a_markdown_file_does_not_name_others(fragment: str) -> None:
    """A third ``usage``, a heading in fenced code, an id in the wrong case: missing."""
    assert missing((fragment,), markdown_anchors(GUIDE)) == (fragment,)


def test_html_ids_names_and_script_made_heading_ids() -> None:
    page = (
        '<h2 id="x">X</h2><a name="n">a</a><input name="q"><h3>Made By Script</h3>'
        '<p id=bare data-note="no id=here"><span ID="Upper">'
        '<article id="user-content-installation"></article>'
    )
    anchors = html_anchors(page)
    assert missing(("x", "n", "bare", "Upper", "made-by-script", "installation"), anchors) == ()
    assert missing(("q", "upper", "gone"), anchors) == ("q", "upper", "gone")


def test_a_page_without_ids_whose_scripts_may_make_them_misses_nothing() -> None:
    anchors = html_anchors("<div>hi</div><script>render()</script>")
    assert anchors.scripted and missing(("anything",), anchors) == ()
    assert missing(("anything",), html_anchors("<div>hi</div>")) == ("anything",)


@pytest.mark.parametrize(
    "fragment",
    ["", "top", "Top", ":~:text=moved%20words", "/settings/profile", "!/post/1", "L10",
     "L10-L20", "L3C4-L5C1", "page=2", "t=30"],
)  # fmt: skip
def test_fragments_that_are_no_anchor_are_never_missing(fragment: str) -> None:
    assert unchecked_reason(fragment) is not None
    assert missing((fragment,), Anchors(frozenset())) == ()


def test_an_anchor_fragment_is_looked_for() -> None:
    assert unchecked_reason("installation") is None
    assert unchecked_reason("Lambda") is None


def test_every_id_of_a_page_of_many_is_read() -> None:
    """Bounded by the page: one pass, the same answer for the first id and the last (a page
    of a million: bench/README.md, session 24)."""
    page = "".join(f'<p id="s{i}"></p>' for i in range(100_000))
    anchors = html_anchors(page)
    assert len(anchors.names) == 100_000
    assert missing(("s0", "s99999", "s100000"), anchors) == ("s100000",)


@pytest.mark.parametrize(
    "text",
    ["<h1>" * 50_000, "# " + " " * 100_000 + "x", "{" * 100_000, "<a" + "b" * 100_000,
     ' id="' * 50_000, "[" * 100_000 + "]("],
    ids=["open-headings", "spaces-heading", "braces", "long-tag", "open-quotes", "brackets"],
)  # fmt: skip
def test_input_shaped_against_the_scans_is_read_in_one_pass(text: str) -> None:
    """Heading tags never closed, a heading line of spaces, unclosed braces and quotes: each
    scan is linear (a regex spanning open to close was quadratic here)."""
    assert isinstance(markdown_anchors(text), Anchors)
    assert isinstance(html_anchors(text), Anchors)


def test_a_heading_inside_a_block_quote_is_named() -> None:
    """GitHub gives ``> ## Quoted`` its id: a link to it was a false missing-anchor."""
    anchors = markdown_anchors("# Top\n\n> ## Quoted words\n>\n>> ### Deeper\n\n> not a heading\n")
    assert missing(("quoted-words", "deeper", "top"), anchors) == ()
    assert missing(("not-a-heading",), anchors) == ("not-a-heading",)
