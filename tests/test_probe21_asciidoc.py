"""AsciiDoc's ``++++`` passthrough blocks are HTML, read as HTML (session 21).

A passthrough block is markup the page shows as it is: where an AsciiDoc post embeds a tweet
or a video.  Read as text, the tweet's blockquote was a plain link (its deletion or a mirror
account never checked), the HTML comment's URL, which no reader sees, was cited, and so was
the ``<script src>`` of the embed's widget: a false alarm waiting for a CDN's hiccup.
"""

from __future__ import annotations

from checker.extract import extract
from checker.model import Page, PageKind

TWEET = "https://twitter.com/SanDiegoZoo/status/1453110110599868418"
POST = f"""= Title

Intro https://real.example.org/a

++++
<p>See <a href="https://real.example.org/b">the report</a>.</p>
<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Hello <a href="https://t.co/abc">\
https://t.co/abc</a></p>&mdash; Zoo (@SanDiegoZoo) <a href="{TWEET}?ref_src=twsrc%5Etfw">\
October 26, 2021</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
<!-- https://hidden.example.org/x -->
<iframe src="https://www.youtube.com/embed/w7Ft2ymGmfc"></iframe>
++++

After https://real.example.org/c
"""


def _cited(body: str) -> list[tuple[str, str, int]]:
    page = Page("file:///blog/post.adoc", "/blog/post.adoc", body, PageKind.TEXT)
    (document,) = extract(page)
    return [(c.kind.value, c.url or "", c.line or 0) for c in document.citations]


def test_a_passthrough_block_is_read_as_html() -> None:
    assert _cited(POST) == [
        ("link", "https://real.example.org/a", 3),
        ("link", "https://real.example.org/b", 6),
        ("embed", TWEET, 7),
        ("link", "https://t.co/abc", 7),
        ("embed", "https://www.youtube.com/watch?v=w7Ft2ymGmfc", 10),
        ("link", "https://real.example.org/c", 13),
    ]


def test_an_unclosed_passthrough_runs_to_the_end() -> None:
    body = 'Title\n\n++++\n<p><a href="https://real.example.org/b">b</a></p>\n'
    assert _cited(body) == [("link", "https://real.example.org/b", 4)]


def test_four_pluses_in_a_listing_are_code() -> None:
    body = (
        "Title\n\n----\n++++\ncurl https://code.example.org/a\n++++\n----\n\n"
        "https://real.example.org/c\n"
    )
    assert _cited(body) == [("link", "https://real.example.org/c", 9)]


def test_other_markups_pass_nothing_through() -> None:
    """``++++`` is AsciiDoc's: in a reST or plain-text post it is text like any other."""
    body = "Title\n\n++++\nhttps://real.example.org/b\n++++\n"
    for name in ("post.rst", "post.txt"):
        page = Page(f"file:///blog/{name}", f"/blog/{name}", body, PageKind.TEXT)
        (document,) = extract(page)
        assert [c.url for c in document.citations] == ["https://real.example.org/b"]
