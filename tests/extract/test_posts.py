"""HTML pages: Blogger posts and the article/main/body fallbacks, chrome excluded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from checker.extract import extract
from checker.model import CitationKind, Document, Page, PageKind

FIXTURES = Path(__file__).parent / "fixtures"
LABEL_URL = "https://example-blog.blogspot.com/search/label/x"


def _html(body: str, url: str = "https://site.example/posts/p.html") -> tuple[Document, ...]:
    return extract(Page(url, url, body, PageKind.HTML))


def _label_page() -> tuple[str, tuple[Document, ...]]:
    body = (FIXTURES / "blogger_label.html").read_text(encoding="utf-8")
    return body, _html(body, LABEL_URL)


def test_blogger_label_page_posts_titles_urls_dates() -> None:
    _, docs = _label_page()
    assert [(d.url, d.published, d.title) for d in docs] == [
        (
            "https://example-blog.blogspot.com/2025/12/blog-post_8.html",
            date(2025, 12, 8),
            "冬の試練(Foreign Affairs)",
        ),
        (  # second post of the same day: the date comes from the shared date-outer
            "https://example-blog.blogspot.com/2025/12/blog-post_2.html",
            date(2025, 12, 8),
            "同じ日の2本目（The National Interest）",
        ),
        (
            "https://example-blog.blogspot.com/2025/02/blog-post_13.html",
            date(2025, 2, 13),
            "損失をいつまで維持できるのか(19fortytive)",
        ),
    ]


def test_blogger_citations_resolved_and_chrome_excluded() -> None:
    body, docs = _label_page()
    first, second, third = docs
    assert [(c.kind, c.url, c.cited.title) for c in first.citations] == [
        (CitationKind.LINK, "https://example-blog.blogspot.com/2025/11/older.html", None),
        (CitationKind.LINK, "https://www.rusi.org/report", None),
        (
            CitationKind.SOURCE,
            "https://www.foreignaffairs.com/ukraine/ukraines-hardest-winter",
            "Ukraine’s Hardest Winter",
        ),
    ]
    # anchor text is context, not a claimed title
    assert first.citations[0].context == "前回の記事"
    every_url = {c.url for d in docs for c in d.citations}
    for chrome in ("blogger.com", "search/label", "example.com/ad", "updated-max"):
        assert not any(chrome in (u or "") for u in every_url)
    # the title is the link text of its URL
    (source,) = second.citations
    assert source.url == "https://nationalinterest.org/feature/putin-awakens"
    assert (source.cited.author, source.cited.date) == ("Kaush Arha", "July 14, 2025")
    assert source.cited.publisher == "The National Interest"
    # no end mark; the bio's link is a link, the bio is not the author
    src, bio_link = third.citations
    assert src.cited.author == "Robert Kelly"
    assert src.cited.publisher == "19fortytive"
    assert src.url is not None and src.url.startswith("https://www.19fortyfive.com/")
    assert (bio_link.kind, bio_link.url) == (CitationKind.LINK, "https://www.robertEkelly.com")
    # line numbers point at the line of the page where the citation is
    lines = body.splitlines()
    for doc in docs:
        for c in doc.citations:
            assert c.line is not None
            needle = c.cited.title if c.kind is CitationKind.SOURCE else c.url.split("/")[-1]
            assert needle is not None and needle in lines[c.line - 1], (c, lines[c.line - 1])


BLOGGER_POST_PAGE = """<html><head><link rel="canonical" href="https://b.example/2025/05/p.html">
</head><body><div class="post hentry"><meta itemprop="url" content="https://b.example/2025/05/p.html">
<h3 class="post-title entry-title">単独の投稿(Foreign Affairs)</h3>
<div class="post-header">
<abbr class="published" title="2025-05-22T10:00:00+09:00">10:00</abbr></div>
<div class="post-body entry-content"><p>日本語の本文だけ。<a href="./q.html">関連</a></p></div>
<div class="post-footer"><a class="timestamp-link" href="https://b.example/2025/05/p.html">10:00</a></div>
</div></body></html>"""


def test_blogger_post_page_without_title_link() -> None:
    (doc,) = _html(BLOGGER_POST_PAGE, "https://b.example/2025/05/p.html?m=1")
    assert (doc.url, doc.title, doc.published) == (
        "https://b.example/2025/05/p.html",
        "単独の投稿(Foreign Affairs)",
        date(2025, 5, 22),
    )
    assert [(c.kind, c.url) for c in doc.citations] == [
        (CitationKind.LINK, "https://b.example/2025/05/q.html")
    ]


ARTICLES = """<html><head><title>Site</title></head><body>
<nav><a href="https://site.example/">Home</a></nav>
<article><h2><a href="/one.html">One</a></h2><time datetime="2025-03-01">1 March</time>
<p>See <a href="https://ex.example/a">the report</a>.</p>
<div class="share-buttons"><a href="https://twitter.com/intent/tweet?u=x">Tweet</a></div></article>
<article><h2><a href="/two.html">Two</a></h2>
<p>No links. <a href="mailto:x@y.z">mail</a></p></article>
<footer><a href="https://site.example/about">About</a></footer>
</body></html>"""


def test_each_article_is_a_post_and_share_links_are_not_citations() -> None:
    """Articles each with its own permalink and body, and nothing else on the page: a listing."""
    one, two = _html(ARTICLES)
    assert (one.url, one.title, one.published) == (
        "https://site.example/one.html",
        "One",
        date(2025, 3, 1),
    )
    assert [(c.url, c.cited.title, c.context) for c in one.citations] == [
        ("https://site.example/one.html", None, "One"),
        ("https://ex.example/a", None, "the report"),
    ]
    assert (two.url, two.title) == ("https://site.example/two.html", "Two")
    assert [c.url for c in two.citations] == ["https://site.example/two.html"]


BODY_ONLY = """<html><head><meta property="og:title" content="Page Title">
<link rel="canonical" href="https://site.example/canon"></head><body>
<header><h1>Site Name</h1><a href="/menu">Menu</a></header>
<div id="content"><p>Text with <a href="rel/link">a relative link</a> and
<a href="https://ex.example/page#frag">https://ex.example/page</a>.</p></div>
<div class="sidebar"><a href="https://ads.example/">Ad</a></div>
</body></html>"""


def test_body_fallback_uses_page_title_and_canonical() -> None:
    (doc,) = _html(BODY_ONLY, "https://site.example/dir/page")
    assert (doc.url, doc.title) == ("https://site.example/canon", "Page Title")
    assert [(c.url, c.cited.title, c.context, c.line) for c in doc.citations] == [
        ("https://site.example/dir/rel/link", None, "a relative link", 4),
        (
            "https://ex.example/page",
            None,
            "Text with a relative link and https://ex.example/page.",
            5,
        ),
    ]


WORDPRESS = """<html><body><div id="page">
<article class="post"><header><h1 class="entry-title">WP Post</h1></header>
<div class="entry-content"><p>Body <a href="https://ex.example/w">source story</a></p></div>
<footer class="entry-meta"><a href="/category/news">News</a></footer></article>
</div></body></html>"""


def test_wordpress_entry_content() -> None:
    (doc,) = _html(WORDPRESS)
    assert doc.title == "WP Post"
    assert [c.url for c in doc.citations] == ["https://ex.example/w"]


TWEET = """<html><body><main><p>引用します。</p>
<blockquote class="twitter-tweet"><p lang="ja">本文 <a href="https://t.co/xxxx">https://t.co/xxxx</a></p>
&mdash; NHK (@nhk_news)
<a href="https://twitter.com/nhk_news/status/1?ref_src=twsrc%5Etfw">February 12, 2025</a>
</blockquote>
<p>続きは<a href="https://ex.example/after">次の記事</a>で。</p></main></body></html>"""


def test_links_inside_embeds_belong_to_the_embed() -> None:
    (doc,) = _html(TWEET)
    assert [(c.kind, c.url) for c in doc.citations] == [
        (CitationKind.EMBED, "https://twitter.com/nhk_news/status/1"),
        (CitationKind.LINK, "https://t.co/xxxx"),
        (CitationKind.LINK, "https://ex.example/after"),
        (CitationKind.QUOTE, "https://t.co/xxxx"),  # a paragraph under a linking embed
    ]
    assert doc.citations[1].context == "本文 https://t.co/xxxx"
    assert doc.citations[2].context == "次の記事"


AUTHOR_META_FIRST = """<html><body><div class="post-outer"><div class="post hentry">
<h3 class="post-title entry-title">タイトル</h3>
<div class="post-body entry-content"><p>本文。</p></div>
<div class="post-footer"><span itemprop="author" itemscope>
<meta content="https://www.blogger.com/profile/123" itemprop="url"/></span>
<span class="post-timestamp"><meta content="https://b.blogspot.com/2025/02/p.html" itemprop="url"/>
</span></div></div></div></body></html>"""


def test_blogger_post_url_is_not_the_author_profile() -> None:
    (doc,) = _html(AUTHOR_META_FIRST, "https://b.blogspot.com/2025/02/p.html?m=1")
    assert doc.url == "https://b.blogspot.com/2025/02/p.html"
