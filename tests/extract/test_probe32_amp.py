"""Probe 32: an AMP page's embed components are its embeds, not markup nobody reads.

An AMP post (a news site's ``/amp/`` twin, the WordPress AMP plugin's page, a copy from the
Google AMP cache) writes an embedded tweet as ``<amp-twitter data-tweetid>``, a video as
``<amp-youtube data-videoid>``, a framed page as ``<amp-iframe src>``.  No reader knew the
names: a post of nine embeds and two links reported two citations, exit 0, a silent pass.
Each component is now read as the markup the AMP runtime renders for it, so it is the same
citation the platform's own embed code gives.
"""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from checker.extract import extract
from checker.extract.amp import render_amp
from checker.model import Citation, CitationKind, Page, PageKind, Platform

BASE = "https://blog.example.com/2025/02/post/amp/"
TWEET_ID = "1889568402542063989"


def _citations(body: str) -> tuple[Citation, ...]:
    html = (
        "<!doctype html><html amp><head><title>Post</title></head><body><article><h1>Post</h1>"
        f"<p>The council met today.</p>\n{body}\n<p>More on that later.</p></article></body></html>"
    )
    (doc,) = extract(Page(BASE, "post.html", html, PageKind.HTML))
    return doc.citations


@pytest.mark.parametrize(
    ("component", "platform", "url"),
    [
        (
            f'<amp-twitter width="375" height="472" layout="responsive" data-tweetid="{TWEET_ID}">'
            "</amp-twitter>",
            Platform.TWITTER,
            f"https://twitter.com/i/web/status/{TWEET_ID}",
        ),
        (
            '<amp-youtube data-videoid="dQw4w9WgXcQ" layout="responsive" width="480" height="270">'
            '<div fallback><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Watch</a></div>'
            "</amp-youtube>",
            Platform.YOUTUBE,
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            '<amp-instagram data-shortcode="C1a2B3c4D5e" data-captioned width="400" height="400">'
            "</amp-instagram>",
            Platform.INSTAGRAM,
            "https://www.instagram.com/p/C1a2B3c4D5e/",
        ),
        (
            '<amp-facebook width="552" height="310" layout="responsive" '
            'data-href="https://www.facebook.com/zuck/posts/10102577175875681"></amp-facebook>',
            Platform.FACEBOOK,
            "https://www.facebook.com/zuck/posts/10102577175875681",
        ),
        (
            '<amp-tiktok width="325" height="575" '
            'data-src="https://www.tiktok.com/@scout2015/video/6718335390845095173"></amp-tiktok>',
            Platform.TIKTOK,
            "https://www.tiktok.com/@scout2015/video/6718335390845095173",
        ),
    ],
    ids=["twitter", "youtube", "instagram", "facebook", "tiktok"],
)
def test_an_embed_component_is_its_platforms_embed(
    component: str, platform: Platform, url: str
) -> None:
    (embed,) = _citations(component)  # its placeholder's and fallback's links are no citation
    assert (embed.kind, embed.platform, embed.url, embed.line) == (
        CitationKind.EMBED,
        platform,
        url,
        2,
    )


def test_an_amp_tweet_holding_its_embed_code_is_read_from_that_code() -> None:
    """The AMP plugin keeps the tweet's blockquote as the component's placeholder: it shows the
    text, author and date the embed is checked against."""
    (embed,) = _citations(
        f'<amp-twitter data-tweetid="{TWEET_ID}" width="375" height="472">'
        '<blockquote placeholder class="twitter-tweet" data-lang="ja"><p>速報です</p>'
        "&mdash; NHKニュース (@nhk_news) "
        f'<a href="https://twitter.com/nhk_news/status/{TWEET_ID}">February 12, 2025</a>'
        "</blockquote></amp-twitter>"
    )
    assert embed.url == f"https://twitter.com/nhk_news/status/{TWEET_ID}"
    assert (embed.cited.handle, embed.cited.text) == ("nhk_news", "速報です")


@pytest.mark.parametrize(
    ("component", "url"),
    [
        (
            '<amp-iframe src="https://maps.example.org/embed?pb=1" width="600" height="400" '
            'title="Map of the route"><amp-img placeholder src="/map.png" layout="fill"></amp-img>'
            "</amp-iframe>",
            "https://maps.example.org/embed?pb=1",
        ),
        (
            '<amp-vimeo data-videoid="76979871" width="500"></amp-vimeo>',
            "https://player.vimeo.com/video/76979871",
        ),
        (
            '<amp-reddit data-embedtype="post" '
            'data-src="https://www.reddit.com/r/nasa/comments/abc123/title/"></amp-reddit>',
            "https://www.reddit.com/r/nasa/comments/abc123/title/",
        ),
    ],
    ids=["iframe", "vimeo", "reddit"],
)
def test_a_framed_component_cites_the_page_it_frames(component: str, url: str) -> None:
    (link,) = _citations(component)
    assert (link.kind, link.url, link.line) == (CitationKind.LINK, url, 2)


@pytest.mark.parametrize(
    "component",
    [
        '<amp-img src="https://cdn.example.org/photo.jpg" width="1" height="1"></amp-img>',
        '<amp-gist data-gistid="b9bb35bc68df68259af94430f012425f" height="225"></amp-gist>',
    ],
    ids=["image", "gist"],
)
def test_components_that_render_no_citation_give_none(component: str) -> None:
    assert _citations(component) == ()


@pytest.mark.parametrize(
    ("component", "written"),
    [
        ('<amp-twitter data-tweetid="not-a-tweet"></amp-twitter>', 'data-tweetid="not-a-tweet"'),
        ('<amp-youtube data-videoid=""></amp-youtube>', 'data-videoid=""'),
    ],
    ids=["tweet-id-of-letters", "no-video-id"],
)
def test_an_embed_component_naming_no_id_is_cited_as_written(component: str, written: str) -> None:
    """Changed by left 34a: such a component cited nothing and said nothing; it is now cited as
    written (no player URL made up), for verify to say ``malformed-url``."""
    (cited,) = _citations(component)
    tag = component[1 : component.index(" ")]
    assert (cited.kind, cited.url, cited.line) == (CitationKind.LINK, f"<{tag} {written}>", 2)


class _CountingElement(etree.ElementBase):
    """An element that counts the nodes each walk of a subtree or removal of one touches."""

    visits = 0

    def iter(self, *tags: Any) -> Any:
        _CountingElement.visits += sum(1 for _ in super().iter())
        return super().iter(*tags)

    def remove(self, element: Any) -> None:
        _CountingElement.visits += sum(1 for _ in element.iter())
        super().remove(element)


def _visits_rendering(depth: int, component: str) -> int:
    """Nodes touched rendering ``depth`` nested ``component`` elements (a hostile page; libxml2's
    HTML parser nests up to 256 deep, enough to tell linear from quadratic)."""
    parser = etree.HTMLParser()
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=_CountingElement))
    page = f"<html><body>{component * depth}</body></html>"
    root = etree.fromstring(page, parser)
    _CountingElement.visits = 0
    render_amp(root)
    return _CountingElement.visits


@pytest.mark.parametrize(
    "component",
    [
        f'<amp-twitter data-tweetid="{TWEET_ID}">',  # each rendered as a frame
        '<amp-twitter data-tweetid="not-an-id">',  # none rendered: each looked into
        '<amp-youtube data-videoid="dQw4w9WgXcQ">',
    ],
    ids=["tweets", "unrenderable-tweets", "videos"],
)
def test_nested_components_are_rendered_in_work_linear_in_their_number(component: str) -> None:
    """Rendered outermost first, each frame dropped its whole nested subtree and each tweet
    searched its whole subtree for a blockquote: 20,000 nested ``<amp-twitter>`` (880 KB) took
    17 s.  The nodes touched now grow with the components' number, not its square."""
    small, large = _visits_rendering(100, component), _visits_rendering(200, component)
    assert large <= 2.5 * small  # twice the components, about twice the work (not four times)
    assert large <= 10 * 200
