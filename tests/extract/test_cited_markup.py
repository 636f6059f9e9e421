"""Issue 16: what markup cites by attribute, and one link, one citation.

Each construct in HTML, and where it has one, Markdown and plain-text forms.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import CitationKind, Page, PageKind, Platform

PAGE = "https://blog.example/posts/p.html"


def _cited(body: str, kind: PageKind = PageKind.HTML) -> list[tuple[str, str | None]]:
    (doc,) = extract(Page(PAGE, "p", body, kind))
    return [(c.kind.value, c.url) for c in doc.citations]


def _html(inner: str) -> str:
    return (
        "<html><head><link rel='stylesheet' href='https://cdn.example/s.css'></head><body>"
        "<nav><a href='https://nav.example/'>n</a><iframe src='https://navframe.example/'>"
        f"</iframe></nav><main><h1>T</h1>{inner}</main>"
        "<footer><iframe src='https://footframe.example/'></iframe></footer></body></html>"
    )


@pytest.mark.parametrize(
    "src",
    [
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ?si=AbC_123-xyz",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?si=x&start=30",
        "//www.youtube.com/embed/dQw4w9WgXcQ",
    ],
)
def test_youtube_iframes_are_embeds_of_the_platform(src: str) -> None:
    body = _html(f'<p>Watch:</p><iframe width="560" src="{src}" allowfullscreen></iframe>')
    (doc,) = extract(Page(PAGE, "p", body, PageKind.HTML))
    (embed,) = doc.citations
    assert (embed.kind, embed.platform, embed.post_id) == (
        CitationKind.EMBED,
        Platform.YOUTUBE,
        "dQw4w9WgXcQ",
    )


def test_a_youtube_iframe_in_markdown_is_an_embed() -> None:
    body = '# T\n\n<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=q"></iframe>\n'
    assert _cited(body, PageKind.MARKDOWN) == [
        ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    ]


def test_other_iframes_are_links_and_chrome_stays_out() -> None:
    body = _html(
        '<p>Where:</p><iframe title="Google Maps" src="https://www.google.com/maps/embed?pb=1">'
        '</iframe><iframe src="//docs.example.com/document/d/1/preview"></iframe>'
        '<iframe src="about:blank"></iframe><iframe src=""></iframe>'
    )
    assert _cited(body) == [
        ("link", "https://www.google.com/maps/embed?pb=1"),
        ("link", "https://docs.example.com/document/d/1/preview"),
    ]


def test_the_iframe_title_is_the_context() -> None:
    body = _html('<iframe title="Google Maps" src="https://www.google.com/maps/embed"></iframe>')
    (doc,) = extract(Page(PAGE, "p", body, PageKind.HTML))
    assert [c.context for c in doc.citations] == ["Google Maps"]


def test_blockquote_and_q_cite_are_citations_once() -> None:
    body = _html(
        '<blockquote cite="https://quoted.example/speech"><p>Words that someone important spoke '
        "at length in a speech today, quoted here.</p></blockquote>"
        '<blockquote cite="https://quoted.example/bare"></blockquote>'
        '<p>He said <q cite="https://q.example/said">no</q>.</p>'
    )
    assert _cited(body) == [
        ("quote", "https://quoted.example/speech"),  # the quote cites it: not a link as well
        ("link", "https://quoted.example/bare"),
        ("link", "https://q.example/said"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        '<p><a href="https://example.com/a/very/long/path">https://example.com/a/very/lo…</a></p>',
        '<p><a href="https://example.com/a/very/long/path">example.com/a/very/long/path</a></p>',
        '<p><a href="https://t.co/abc">https://example.com/a/very/long/path</a></p>',
    ],
)
def test_a_url_shown_as_anchor_text_is_not_cited_again(body: str) -> None:
    assert len(_cited(_html(body))) == 1


def test_anchor_text_url_in_markdown_is_not_cited_again() -> None:
    body = "# T\n\n[https://example.com/a/very/lo…](https://example.com/a/very/long/path)\n"
    assert _cited(body, PageKind.MARKDOWN) == [("link", "https://example.com/a/very/long/path")]


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        (PageKind.HTML, _html("<p>See https://example.com/node/11<sup>[dead link]</sup>, and "
                              "https://example.com/node/12[1] or https://example.com/n/13[2][3].</p>")),
        (PageKind.MARKDOWN, "# T\n\nSee https://example.com/node/11<sup>[dead link]</sup>, and "
                            "https://example.com/node/12[1] or https://example.com/n/13[2][3].\n"),
        (PageKind.TEXT, "T\nSee https://example.com/node/11[dead link], and "
                        "https://example.com/node/12[1] or https://example.com/n/13[2][3].\n"),
    ],
)  # fmt: skip
def test_a_footnote_mark_after_a_bare_url_does_not_bleed_into_it(kind: PageKind, body: str) -> None:
    assert _cited(body, kind) == [
        ("link", "https://example.com/node/11"),
        ("link", "https://example.com/node/12"),
        ("link", "https://example.com/n/13"),
    ]


def test_brackets_that_belong_to_the_url_stay() -> None:
    body = (
        "T\nhttp://[2001:db8::1]:8080/x and https://e.example/a?x[]=1 and https://e.example/q[0]x\n"
    )
    assert [u for _, u in _cited(body, PageKind.TEXT)] == [
        "http://[2001:db8::1]:8080/x",
        "https://e.example/a?x[]=1",
        "https://e.example/q[0]x",
    ]
