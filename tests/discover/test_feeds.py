"""Feeds, exports, sitemaps and blog URLs read without the network (table-driven)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from checker.discover.blogger import TargetKind, classify, read_listing
from checker.discover.crawl import Route
from checker.discover.feeds import FeedEntry, entry_page_html, parse_feed
from checker.discover.inputs import discover_inputs
from checker.discover.sitemap import parse_sitemap
from checker.extract import extract
from checker.model import Page, PageKind

KIND = "http://schemas.google.com/g/2005#kind"
BLOGGER_EXPORT = f"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:app='http://purl.org/atom/app#'>
<entry><category scheme='{KIND}' term='http://schemas.google.com/blogger/2008/kind#settings'/>
 <title>settings</title></entry>
<entry><category scheme='{KIND}' term='http://schemas.google.com/blogger/2008/kind#post'/>
 <category scheme='http://www.blogger.com/atom/ns#' term='ロシア'/>
 <published>2025-05-09T10:00:00+09:00</published><updated>2025-05-10T10:00:00+09:00</updated>
 <title type='text'>投稿の題</title>
 <content type='html'>&lt;p&gt;本文 &lt;a href="https://example.org/a"&gt;link&lt;/a&gt;&lt;/p&gt;</content>
 <link rel='alternate' type='text/html' href='https://x.blogspot.com/2025/05/post.html'/></entry>
<entry><category scheme='{KIND}' term='http://schemas.google.com/blogger/2008/kind#post'/>
 <app:control><app:draft>yes</app:draft></app:control><title>draft</title>
 <link rel='alternate' type='text/html' href='https://x.blogspot.com/2025/05/draft.html'/></entry>
<entry><category scheme='{KIND}' term='http://schemas.google.com/blogger/2008/kind#comment'/>
 <title>comment</title>
 <link rel='alternate' type='text/html' href='https://x.blogspot.com/2025/05/post.html#c1'/></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-4242</id>
 <category scheme='{KIND}' term='http://schemas.google.com/blogger/2008/kind#post'/>
 <app:control><app:draft>yes</app:draft></app:control><title>unlinked draft</title>
 <content type='html'>&lt;a href="https://example.org/d"&gt;d&lt;/a&gt;</content>
 <link rel='edit' href='https://www.blogger.com/feeds/7/posts/default/4242'/></entry>
<entry><category scheme='{KIND}' term='http://schemas.google.com/blogger/2008/kind#page'/>
 <title>About</title><content type='html'>&lt;p&gt;about&lt;/p&gt;</content>
 <link rel='alternate' type='text/html' href='https://x.blogspot.com/p/about.html'/></entry>
<entry><category scheme='{KIND}' term='http://schemas.google.com/blogger/2008/kind#template'/>
 <title>template</title></entry>
</feed>"""

BLOGGER_BACKUP = """<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>
<id>tag:blogger.com,1999:blog-7</id><title>Blog</title>
<link rel='alternate' type='text/html' href='https://x.blogspot.com/'/>
<entry><id>tag:blogger.com,1999:blog-7.post-1</id><blogger:type>POST</blogger:type>
 <blogger:status>LIVE</blogger:status><title>Live</title>
 <content type='html'>&lt;a href="https://example.org/live"&gt;x&lt;/a&gt;</content>
 <published>2025-05-09T10:00:00+09:00</published>
 <blogger:filename>/2025/05/live.html</blogger:filename></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-2</id><blogger:type>POST</blogger:type>
 <blogger:status>DRAFT</blogger:status><title>Draft</title>
 <content type='html'>&lt;a href="https://example.org/draft"&gt;x&lt;/a&gt;</content></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-3</id><blogger:type>PAGE</blogger:type>
 <blogger:status>LIVE</blogger:status><title>Page</title>
 <content type='html'>&lt;p&gt;page&lt;/p&gt;</content>
 <blogger:filename>/p/page.html</blogger:filename></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-1.comment-9</id><blogger:type>COMMENT</blogger:type>
 <blogger:status>LIVE</blogger:status><content type='html'>nice</content></entry>
</feed>"""

WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>WP</title>
<item><title>Published post</title><link>https://wp.example.com/2024/01/hello/</link>
 <pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate><category>News</category>
 <content:encoded><![CDATA[<p>Hello <a href="https://example.org/b">b</a></p>]]></content:encoded>
 <wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
<item><title>Draft</title><link>https://wp.example.com/?p=2</link>
 <wp:post_type>post</wp:post_type><wp:status>draft</wp:status></item>
<item><title>About</title><link>https://wp.example.com/about/</link>
 <wp:post_type>page</wp:post_type><wp:status>publish</wp:status></item>
<item><title>image</title><link>https://wp.example.com/img/</link>
 <wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status></item>
<item><title>Unlinked draft</title><wp:post_id>7</wp:post_id>
 <content:encoded><![CDATA[<a href="https://example.org/w">w</a>]]></content:encoded>
 <wp:post_type>post</wp:post_type><wp:status>draft</wp:status></item>
<item><title>Binned</title><link>https://wp.example.com/?p=8</link>
 <wp:post_type>post</wp:post_type><wp:status>trash</wp:status></item>
<item><title>Later</title><link>https://wp.example.com/?p=9</link>
 <wp:post_type>post</wp:post_type><wp:status>future</wp:status></item>
<item><title>Auto Draft</title><link>https://wp.example.com/?p=10</link>
 <wp:post_type>post</wp:post_type><wp:status>auto-draft</wp:status></item>
<item><title>rev</title><link>https://wp.example.com/?p=11</link>
 <wp:post_type>revision</wp:post_type><wp:status>inherit</wp:status></item>
<item><title>menu</title><link>https://wp.example.com/?p=12</link>
 <wp:post_type>nav_menu_item</wp:post_type><wp:status>publish</wp:status></item>
<item><title>order</title><link>https://wp.example.com/?p=13</link>
 <wp:post_type>shop_order</wp:post_type><wp:status>wc-completed</wp:status></item>
</channel></rss>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>https://r.example.com/1</link><description>&lt;p&gt;x&lt;/p&gt;</description></item>
<item><title>Two</title><guid isPermaLink="true">https://r.example.com/2</guid></item>
<item><title>No link</title><guid isPermaLink="false">abc</guid></item>
</channel></rss>"""


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        (
            BLOGGER_EXPORT,
            [
                ("https://x.blogspot.com/2025/05/post.html", None, True),
                ("https://x.blogspot.com/2025/05/draft.html", "draft", True),
                ("https://www.blogger.com/blog/post/edit/7/4242", "draft", False),
                ("https://x.blogspot.com/p/about.html", None, True),
            ],
        ),
        (
            BLOGGER_BACKUP,
            [
                ("https://x.blogspot.com/2025/05/live.html", None, True),
                ("https://www.blogger.com/blog/post/edit/7/2", "draft", False),
                ("https://x.blogspot.com/p/page.html", None, True),
            ],
        ),
        (
            WXR,
            [
                ("https://wp.example.com/2024/01/hello/", None, True),
                ("https://wp.example.com/?p=2", "draft", True),
                ("https://wp.example.com/about/", None, True),
                ("https://base.example/?p=7", "draft", False),
                ("https://wp.example.com/?p=8", "trash", True),
                ("https://wp.example.com/?p=9", "scheduled", True),
            ],
        ),
        (
            RSS,
            [
                ("https://r.example.com/1", None, True),
                ("https://r.example.com/2", None, True),
                ("https://base.example/?entry=abc", None, False),
            ],
        ),
    ],
    ids=["blogger-export", "blogger-backup", "wxr", "rss"],
)
def test_every_written_entry_is_kept_with_its_state(
    text: str, entries: list[tuple[str, str | None, bool]]
) -> None:
    """Posts and pages, published or not, are posts; comments, settings, templates,
    attachments, revisions, menu items, auto-drafts and a plugin's empty records are not."""
    feed = parse_feed(text, "https://base.example/")
    assert feed is not None
    assert [(e.url, e.status, e.permalink) for e in feed.entries] == entries


def test_a_draft_is_checked_and_labelled_as_one() -> None:
    feed = parse_feed(BLOGGER_BACKUP, "https://base.example/")
    assert feed is not None
    draft = feed.entries[1]
    page = Page(draft.url, "export.xml", entry_page_html(draft), PageKind.HTML)
    [document] = extract(page)
    editor = "https://www.blogger.com/blog/post/edit/7/2"
    assert (document.url, document.title) == (editor, "[draft] Draft")
    assert [c.url for c in document.citations] == ["https://example.org/draft"]


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><feed></feed></body></html>",
        "just text",
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>',
    ],
)
def test_not_a_feed(text: str) -> None:
    assert parse_feed(text, "https://base.example/") is None


def test_blogger_entry_fields() -> None:
    feed = parse_feed(BLOGGER_EXPORT, "https://x.blogspot.com/")
    assert feed is not None
    entry = feed.entries[0]
    assert entry.title == "投稿の題" and entry.labels == ("ロシア",)
    assert entry.published == datetime.fromisoformat("2025-05-09T10:00:00+09:00")
    assert entry.updated == datetime.fromisoformat("2025-05-10T10:00:00+09:00")
    assert '<a href="https://example.org/a">' in entry.content


@pytest.mark.parametrize(
    ("stamps", "published", "updated"),
    [
        (  # RSS: pubDate is RFC 822
            "<pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate>",
            datetime(2024, 1, 1, 10, tzinfo=UTC),
            datetime(2024, 1, 1, 10, tzinfo=UTC),
        ),
        (  # a WordPress export without pubDate: post_date_gmt is UTC without a zone
            "<wp:post_date_gmt>2024-01-01 10:00:00</wp:post_date_gmt>"
            "<wp:post_modified_gmt>2024-02-01 08:00:00</wp:post_modified_gmt>",
            datetime(2024, 1, 1, 10, tzinfo=UTC),
            datetime(2024, 2, 1, 8, tzinfo=UTC),
        ),
        (  # garbage and a draft's zero date are no stamp; the next one is used
            "<pubDate>soon</pubDate><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>"
            "<updated>later</updated>"
            "<wp:post_modified_gmt>2024-02-01 08:00:00</wp:post_modified_gmt>",
            None,
            datetime(2024, 2, 1, 8, tzinfo=UTC),
        ),
    ],
)
def test_entry_stamps_are_aware_datetimes(
    stamps: str, published: datetime | None, updated: datetime | None
) -> None:
    text = WXR.replace("<pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate>", stamps)
    feed = parse_feed(text, "https://wp.example.com/")
    assert feed is not None
    entry = feed.entries[0]
    assert (entry.published, entry.updated) == (published, updated)


def test_feed_paging_fields() -> None:
    text = """<feed xmlns='http://www.w3.org/2005/Atom'
      xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/'>
      <openSearch:totalResults>520</openSearch:totalResults>
      <link rel='next' href='/feeds/posts/default?start-index=26'/></feed>"""
    feed = parse_feed(text, "https://b.blogspot.com/feeds/posts/default")
    assert feed is not None and feed.entries == ()
    assert feed.total == 520
    assert feed.next_url == "https://b.blogspot.com/feeds/posts/default?start-index=26"


def test_wrapped_entry_is_one_post_for_extract() -> None:
    entry = FeedEntry(
        "https://x.blogspot.com/2025/05/post.html",
        "題 <b>",
        datetime.fromisoformat("2025-05-09T10:00:00+09:00"),
        None,
        '<p>本文</p><p><a href="https://example.org/a">source</a></p>',
    )
    page = Page(entry.url, entry.url, entry_page_html(entry), PageKind.HTML)
    [document] = extract(page)
    assert (document.url, document.title, document.published) == (
        entry.url,
        "題 <b>",
        date(2025, 5, 9),
    )
    assert [c.url for c in document.citations] == ["https://example.org/a"]


@pytest.mark.parametrize(
    ("name", "text", "route", "count"),
    [
        ("blog-export.xml", BLOGGER_EXPORT, Route.EXPORT, 4),
        ("feed-backup.atom", BLOGGER_BACKUP, Route.EXPORT, 3),
        ("wordpress.wxr", WXR, Route.EXPORT, 6),
        ("saved.xml", RSS, Route.EXPORT, 3),
        ("post.html", "<html><body><p>not an export</p></body></html>", Route.PAGE, 1),
        ("notes.xml", "<?xml version='1.0'?><notes/>", Route.PAGE, 1),
    ],
)
def test_export_files(tmp_path: Path, name: str, text: str, route: Route, count: int) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [found] = asyncio.run(discover_inputs([str(path)], _NoFetcher()))
    assert (found.route, len(found.pages)) == (route, count)


class _NoFetcher:
    async def get(self, url: str) -> object:
        raise AssertionError(f"no request expected, asked for {url}")


@pytest.mark.parametrize(
    ("text", "urls", "children"),
    [
        (
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a</loc>'
            "<lastmod>2025-01-02</lastmod></url><url><loc>https://s.example/b</loc></url></urlset>",
            (("https://s.example/a", "2025-01-02"), ("https://s.example/b", None)),
            (),
        ),
        (
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<sitemap><loc>https://s.example/sitemap.xml?page=1</loc></sitemap></sitemapindex>",
            (),
            ("https://s.example/sitemap.xml?page=1",),
        ),
    ],
)
def test_sitemaps(text: str, urls: tuple[object, ...], children: tuple[str, ...]) -> None:
    page = parse_sitemap(text, "https://s.example/sitemap.xml")
    assert page is not None
    assert (page.urls, page.children) == (urls, children)


def test_an_html_page_is_not_a_sitemap() -> None:
    assert parse_sitemap("<html><body>hi</body></html>", "https://s.example/") is None


@pytest.mark.parametrize(
    ("url", "kind", "label", "prefix"),
    [
        ("https://b.blogspot.com/", TargetKind.HOME, None, "/"),
        ("https://b.blogspot.com/search?updated-max=2025", TargetKind.HOME, None, "/"),
        ("https://b.blogspot.com/search?q=war", TargetKind.SEARCH, None, "/"),
        ("https://b.blogspot.com/search/label/%E6%97%A5%E6%9C%AC", TargetKind.LABEL, "日本", "/"),
        ("https://b.blogspot.com/2025/12/", TargetKind.ARCHIVE, None, "/2025/12/"),
        ("https://b.blogspot.com/2025/", TargetKind.ARCHIVE, None, "/2025/"),
        ("https://b.blogspot.com/2025_12_01_archive.html", TargetKind.ARCHIVE, None, "/2025/12/"),
        ("https://wp.example.com/category/news/", TargetKind.LABEL, "news", "/"),
        ("https://b.blogspot.com/2025/12/blog-post_8.html", TargetKind.PAGE, None, None),
    ],
)
def test_classify(url: str, kind: TargetKind, label: str | None, prefix: str | None) -> None:
    target = classify(url)
    assert (target.kind, target.label) == (kind, label)
    if prefix is not None:
        assert target.prefix == prefix


def test_listing_cuts_blogger_posts_and_finds_pager_and_feeds() -> None:
    post = (
        '<div class="date-outer"><h2 class="date-header"><span>2025年12月8日月曜日</span></h2>'
        '<div class="date-posts"><div class="post-outer"><div class="post hentry">'
        '<h3 class="post-title entry-title"><a href="/2025/12/a.html">A</a></h3>'
        '<div class="post-body entry-content">x</div></div></div>'
        '<div class="post-outer"><div class="post hentry">'
        '<h3 class="post-title entry-title"><a href="/2025/12/b.html">B</a></h3>'
        '<div class="post-body entry-content">y <a class="jump-link" href="#">more</a></div>'
        "</div></div></div></div>"
    )
    text = (
        '<html><head><link rel="alternate" type="application/rss+xml" href="/feeds/rss">'
        f'</head><body>{post}<a class="blog-pager-older-link" href="/search?updated-max=1">'
        "older</a></body></html>"
    )
    listing = read_listing(text, "https://b.blogspot.com/")
    assert listing.blogger and listing.feeds == ("https://b.blogspot.com/feeds/rss",)
    assert listing.older == "https://b.blogspot.com/search?updated-max=1"
    first, second = listing.posts
    assert (first.url, first.published) == (
        "https://b.blogspot.com/2025/12/a.html",
        date(2025, 12, 8),
    )
    assert first.html is not None and "2025年12月8日月曜日" in first.html
    assert second.html is None  # shortened by a jump link: fetch the post itself


@pytest.mark.parametrize(
    ("header", "day"),
    [
        ("2025年12月8日月曜日", date(2025, 12, 8)),
        ("Monday, December 8, 2025", date(2025, 12, 8)),
        ("2025年2月30日日曜日", None),  # impossible: the crawl's old reading raised ValueError
        ("lunes, 8 de diciembre de 2025", None),  # unread: never a guessed day that --since drops
    ],
)
def test_a_listed_post_carries_the_day_its_header_states(header: str, day: date | None) -> None:
    text = (
        f'<html><body><div class="date-outer"><h2 class="date-header"><span>{header}</span></h2>'
        '<div class="date-posts"><div class="post-outer"><div class="post hentry">'
        '<h3 class="post-title entry-title"><a href="/2025/12/a.html">A</a></h3>'
        '<div class="post-body entry-content">x</div></div></div></div></div></body></html>'
    )
    [post] = read_listing(text, "https://b.blogspot.com/").posts
    assert post.published == day


def test_listing_of_teasers_gives_permalinks_only() -> None:
    text = (
        '<html><body><article><h2><a href="/p/1">1</a></h2></article>'
        '<a rel="next" href="/page/2">n</a></body></html>'
    )
    listing = read_listing(text, "https://wp.example.com/")
    assert not listing.blogger
    assert [(p.url, p.html) for p in listing.posts] == [("https://wp.example.com/p/1", None)]
    assert listing.older == "https://wp.example.com/page/2"


def test_a_folder_hands_over_its_pages_letting_other_work_run(
    tmp_path: Path,
) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(f"# {name}\n\nSee https://example.com/{name}\n")
    log: list[str] = []

    async def go() -> None:
        loop = asyncio.get_running_loop()

        def on_page(page: Page) -> None:
            name = page.url.rsplit("/", 1)[1]
            log.append(name)
            loop.call_soon(log.append, f"after {name}")  # e.g. a request the page started

        await discover_inputs([str(tmp_path)], _NoFetcher(), on_page=on_page)

    asyncio.run(go())
    # The first page's work runs before the next page is extracted; later pages come in
    # stretches as long as the loop's turns took (discover.inputs.hand_over, tested there).
    assert log[:2] == ["a.md", "after a.md"]
    assert sorted(log) == ["a.md", "after a.md", "after b.md", "after c.md", "b.md", "c.md"]
    assert all(log.index(f"after {n}") > log.index(n) for n in ("a.md", "b.md", "c.md"))
