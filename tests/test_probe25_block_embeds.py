"""Probe 25 (input families): WordPress's embed block as a WXR export stores it.

The block editor (WordPress 5.0 on) stores an embedded post as a figure holding the post's URL
alone, which the site replaces by the platform's markup when it renders the page::

    <!-- wp:embed {"url":"https://twitter.com/…/status/ID","providerNameSlug":"twitter"} -->
    <figure class="wp-block-embed is-provider-twitter wp-block-embed-twitter">
    <div class="wp-block-embed__wrapper">https://twitter.com/…/status/ID</div></figure>

A WordPress export read by citecheck cited that URL as a plain link: a deleted tweet's page was
fetched as a web page, never asked of the platform, and the run passed with the embed unchecked.
It is the embed the block renders, as ``[embed]URL[/embed]`` already was.  A rendered page's
block (the platform's markup inside the wrapper) is read by that platform's reader, as before.
"""

from __future__ import annotations

from pathlib import Path

from checker.cli import ExitCode
from checker.extract import extract
from checker.model import Page, PageKind
from checker.sampleweb import demo_web
from tests.test_probe24_sitemap_listings import run_on_web

DELETED_TWEET = "1889829970890447038"  # ReutersJapan's, deleted on the sample web
_TWEET_URL = f"https://twitter.com/ReutersJapan/status/{DELETED_TWEET}"


def _block(url: str, provider: str) -> str:
    return (
        f'<!-- wp:embed {{"url":"{url}","type":"rich","providerNameSlug":"{provider}"}} -->\n'
        f'<figure class="wp-block-embed is-type-rich is-provider-{provider} '
        f'wp-block-embed-{provider}"><div class="wp-block-embed__wrapper">\n'
        f"{url}\n</div></figure>\n<!-- /wp:embed -->"
    )


def _wxr(content: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n'
        "<channel><title>Blog</title><link>https://blog.fixture-p25.example</link>\n"
        "<wp:wxr_version>1.2</wp:wxr_version>\n"
        "<item><title>Embeds</title><link>https://blog.fixture-p25.example/2025/02/embeds/</link>\n"
        f"<content:encoded><![CDATA[{content}]]></content:encoded>\n"
        "<wp:post_id>5</wp:post_id><wp:status><![CDATA[publish]]></wp:status>"
        "<wp:post_type><![CDATA[post]]></wp:post_type></item>\n</channel></rss>\n"
    )


def _cited(body: str) -> list[tuple[str, str | None, str]]:
    page = Page("file:///blog/post.html", "/blog/post.html", body, PageKind.HTML)
    (document,) = extract(page)
    return [
        (c.kind.value, c.platform.value if c.platform else None, c.url or "")
        for c in document.citations
    ]


def test_a_deleted_tweet_in_an_exported_embed_block_is_found(tmp_path: Path) -> None:
    export = tmp_path / "wordpress.xml"
    export.write_text(_wxr("<p>The agency said so.</p>\n" + _block(_TWEET_URL, "twitter")))
    code, report, _asked = run_on_web(demo_web(), str(export), tmp_path / "out")
    (citation,) = [c for d in report["documents"] for c in d["citations"]]
    assert (citation["kind"], citation["platform"]) == ("embed", "twitter")
    assert [f["code"] for f in citation["findings"]] == ["embed-unavailable"]
    assert code == ExitCode.FAILED


def test_a_block_of_a_platform_we_do_not_check_stays_a_link() -> None:
    url = "https://vimeo.com/12345"
    assert _cited(f"<article><h1>T</h1>{_block(url, 'vimeo')}</article>") == [("link", None, url)]


def test_a_rendered_block_is_read_by_the_platform_s_own_markup() -> None:
    rendered = (
        '<article><h1>T</h1><figure class="wp-block-embed is-provider-twitter">'
        '<div class="wp-block-embed__wrapper"><blockquote class="twitter-tweet">'
        '<p lang="en">Shown text</p>&mdash; Reuters (@ReutersJapan) '
        f'<a href="{_TWEET_URL}?ref_src=twsrc%5Etfw">February 12, 2025</a></blockquote>'
        "</div></figure></article>"
    )
    page = Page("file:///blog/post.html", "/blog/post.html", rendered, PageKind.HTML)
    (document,) = extract(page)
    (citation,) = document.citations
    assert citation.cited.text == "Shown text"  # the blockquote's, not a URL-only embed
