"""The demo web: the seed blog as Blogger serves it, and every source it cites, over sockets."""

from __future__ import annotations

import json
import socket
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import Fetch

from checker import sampleweb
from checker.sampleweb import (
    DEMO_BLOG_HOME,
    DEMO_BLOG_URL,
    DEMO_LIVE_POST_URL,
    DEMO_PLATFORMS_POST_URL,
    DEMO_POST_URLS,
    DEMO_SOURCE_URLS,
    SampleWeb,
    demo_web,
)
from tests.fixtureweb import build_seed_blog
from tests.fixtureweb.build_seed_live import DEFAULT_LIVE_SEED

SEEDS = (build_seed_blog.DEFAULT_SEED, DEFAULT_LIVE_SEED)
"""The captures the blog is built from, where the builder looks for them: ``../shared/seeds/``
beside this checkout, wherever it is (a clone elsewhere has none and skips)."""
DATA = Path(sampleweb.__file__).parent / "data" / "blog"
# Every post of the blog, newest first: the label page's five plus the second seed's two.
ALL_POST_URLS = [
    *DEMO_POST_URLS[:4],
    DEMO_PLATFORMS_POST_URL,
    DEMO_POST_URLS[4],
    DEMO_LIVE_POST_URL,
]


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(demo_web()) as running:
        yield running


def _soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def _posts(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("div.date-outer div.date-posts div.post-outer")


def _title_link(post: Tag) -> Tag:
    link = post.select_one("h3.post-title.entry-title a")
    assert link is not None
    return link


def _body(post: Tag) -> Tag:
    body = post.select_one("div.post-body.entry-content")
    assert body is not None
    return body


def test_label_page_has_five_posts(site: SampleWeb, fetch: Fetch) -> None:
    answer = fetch(site, DEMO_BLOG_URL)
    assert answer.status == 200
    soup = _soup(answer.text)
    posts = _posts(soup)
    assert len(posts) == 5
    assert [_title_link(post)["href"] for post in posts] == list(DEMO_POST_URLS)
    assert answer.text.count('class="post-outer"') == 5
    assert soup.select_one("a.blog-pager-older-link") is not None
    assert "ラベル <b>ウクライナ</b> の投稿を表示しています。" in answer.text


def test_label_page_carries_the_chrome_around_the_posts(site: SampleWeb, fetch: Fetch) -> None:
    soup = _soup(fetch(site, DEMO_BLOG_URL).text)
    assert soup.select("div.widget.Label li a")  # sidebar labels
    assert soup.select("a.share-button")
    assert soup.select("script")
    assert soup.select_one("div.post-footer span.post-labels a[rel=tag]") is not None


def test_older_page_exists_and_is_empty(site: SampleWeb, fetch: Fetch) -> None:
    soup = _soup(fetch(site, DEMO_BLOG_URL).text)
    older = soup.select_one("a.blog-pager-older-link")
    assert older is not None
    answer = fetch(site, str(older["href"]))
    assert answer.status == 200
    assert _posts(_soup(answer.text)) == []
    assert "の投稿はありません" in answer.text


def test_home_page_lists_every_post_newest_first(site: SampleWeb, fetch: Fetch) -> None:
    posts = _posts(_soup(fetch(site, DEMO_BLOG_HOME).text))
    assert [_title_link(post)["href"] for post in posts] == ALL_POST_URLS


def test_each_post_page_holds_its_post(site: SampleWeb, fetch: Fetch) -> None:
    label_titles = [
        _title_link(p).get_text(strip=True) for p in _posts(_soup(fetch(site, DEMO_BLOG_URL).text))
    ]
    for url, title in zip(DEMO_POST_URLS, label_titles, strict=True):
        answer = fetch(site, url)
        assert answer.status == 200, url
        soup = _soup(answer.text)
        posts = soup.select("div.post-outer")
        assert len(posts) == 1
        heading = posts[0].select_one("h3.post-title")
        assert heading is not None and heading.get_text(strip=True) == title
        link = soup.select_one("link[rel=canonical]")
        assert link is not None and link["href"] == url


def test_seed_defects_are_kept(site: SampleWeb, fetch: Fetch) -> None:
    posts = _posts(_soup(fetch(site, DEMO_BLOG_URL).text))
    second = _body(posts[1])
    assert "Vladimir Putin Awakens Donald Trump’s Reluctant Warrior" in second.get_text()
    assert not [a for a in second.select("a[href]") if "nationalinterest" in str(a["href"])]
    fifth = posts[4]
    assert _title_link(fifth).get_text(strip=True).endswith("(19fortytive)")
    assert any("www.19fortyfive.com" in str(a["href"]) for a in _body(fifth).select("a[href]"))


def test_attribution_links_show_their_url_except_one_titled_link(
    site: SampleWeb, fetch: Fetch
) -> None:
    posts = _posts(_soup(fetch(site, DEMO_BLOG_URL).text))
    cited = []
    for post in posts:
        for link in _body(post).select("a[href]"):
            href = str(link["href"])
            if href in DEMO_SOURCE_URLS:
                cited.append((href, link.get_text(strip=True)))
    assert [href for href, _ in cited] == list(DEMO_SOURCE_URLS)
    titled = [(href, text) for href, text in cited if text != href]
    assert titled == [
        (
            DEMO_SOURCE_URLS[1],
            "DSEI JAPAN NEWS: Agreement to Strengthen Ukraine, Japan Defense Industry Ties",
        )
    ]


def test_post_bodies_mix_blogger_markup(site: SampleWeb, fetch: Fetch) -> None:
    text = fetch(site, DEMO_BLOG_URL).text
    for fragment in ("<p>", "<div><br /></div>", "<br />", "&nbsp;", "tr-caption"):
        assert fragment in text


def test_every_link_in_a_post_body_resolves_on_the_demo_web(site: SampleWeb, fetch: Fetch) -> None:
    posts = _posts(_soup(fetch(site, DEMO_BLOG_URL).text))
    hrefs = {str(a["href"]) for post in posts for a in _body(post).select("a[href]")}
    assert len(hrefs) >= 6
    for href in sorted(hrefs):
        assert fetch(site, href).status == 200, href


# title, author, ISO date as each site's own metadata states them
SOURCE_METADATA = [
    (DEMO_SOURCE_URLS[0], "Ukraine’s Hardest Winter", "Jack Watling", "2025-11-11"),
    (
        DEMO_SOURCE_URLS[1],
        "DSEI JAPAN NEWS: Agreement to Strengthen Ukraine, Japan Defense Industry Ties",
        "Stew Magnuson",
        "2025-05-20",
    ),
    (
        DEMO_SOURCE_URLS[2],
        "Multiple High-Profile Russian Generals Assassinated on Russian Soil",
        "David Kirichenko",
        "2025-05-05",
    ),
    (
        DEMO_SOURCE_URLS[3],
        "How Long Can Russia Sustain Its Brutal Ukraine War Losses?",
        "Robert Kelly",
        "2025-02-11",
    ),
    (
        "https://nationalinterest.org/feature/vladimir-putin-awakens-donald-trumps-reluctant-warrior",
        "Vladimir Putin Awakens Donald Trump’s Reluctant Warrior",
        "Kaush Arha",
        "2025-07-14",
    ),
]


def _metadata(soup: BeautifulSoup) -> tuple[set[str], set[str], set[str]]:
    """Every title, author and date a page states, from meta tags, JSON-LD and its h1."""
    titles: set[str] = set()
    authors: set[str] = set()
    dates: set[str] = set()
    for meta in soup.select("meta[property='og:title'], meta[name='twitter:title']"):
        titles.add(str(meta["content"]))
    for meta in soup.select("meta[name=author], meta[name='twitter:data1']"):
        authors.add(str(meta["content"]))
    for meta in soup.select("meta[property='article:published_time']"):
        dates.add(str(meta["content"])[:10])
    h1 = soup.select_one("h1")
    if h1 is not None:
        titles.add(h1.get_text(strip=True))
    for script in soup.select("script[type='application/ld+json']"):
        data = json.loads(script.get_text())
        for node in data.get("@graph", [data]):
            if "headline" in node:
                titles.add(node["headline"])
            if "datePublished" in node:
                dates.add(node["datePublished"][:10])
            author = node.get("author")
            for person in author if isinstance(author, list) else [author] if author else []:
                if "name" in person:
                    authors.add(person["name"])
    return titles, authors, dates


@pytest.mark.parametrize(("url", "title", "author", "date"), SOURCE_METADATA)
def test_sources_carry_the_cited_metadata(
    site: SampleWeb, fetch: Fetch, url: str, title: str, author: str, date: str
) -> None:
    answer = fetch(site, url)
    assert answer.status == 200
    titles, authors, dates = _metadata(_soup(answer.text))
    assert titles == {title}
    assert authors == {author}
    assert dates == {date}


@pytest.mark.parametrize(
    "host",
    [
        "www.foreignaffairs.com",
        "nationalinterest.org",
        "www.nationaldefensemagazine.org",
        "www.19fortyfive.com",
    ],
)
def test_each_source_host_has_a_home_and_a_404(site: SampleWeb, fetch: Fetch, host: str) -> None:
    home = fetch(site, f"https://{host}/")
    assert home.status == 200
    missing = fetch(site, f"https://{host}/no-such-article-2025")
    assert missing.status == 404
    assert "not found" in missing.text.lower() or "can’t be found" in missing.text


def test_source_without_trailing_slash_redirects(site: SampleWeb, fetch: Fetch) -> None:
    answer = fetch(site, DEMO_SOURCE_URLS[3].rstrip("/"))
    assert (answer.status, answer.headers["location"]) == (301, DEMO_SOURCE_URLS[3])


def test_blog_404_is_bloggers(site: SampleWeb, fetch: Fetch) -> None:
    answer = fetch(site, "https://citecheck-sample.blogspot.com/2025/12/no-such-post.html")
    assert answer.status == 404
    assert "お探しのページはこのブログ内に存在しません" in answer.text


def test_robots_txt_is_bloggers(site: SampleWeb, fetch: Fetch) -> None:
    answer = fetch(site, "https://citecheck-sample.blogspot.com/robots.txt")
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/plain")
    lines = answer.text.splitlines()
    assert "Disallow: /search" in lines
    assert "Sitemap: https://citecheck-sample.blogspot.com/sitemap.xml" in lines


def test_sitemap_index_leads_to_the_posts(site: SampleWeb, fetch: Fetch) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.fromstring(fetch(site, "https://citecheck-sample.blogspot.com/sitemap.xml").body)
    [child] = [loc.text or "" for loc in index.findall("s:sitemap/s:loc", ns)]
    urlset = ET.fromstring(fetch(site, child).body)
    assert [loc.text for loc in urlset.findall("s:url/s:loc", ns)] == ALL_POST_URLS


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/feeds/posts/default", ALL_POST_URLS),
        ("/feeds/posts/default/-/%E3%82%A6%E3%82%AF%E3%83%A9%E3%82%A4%E3%83%8A", DEMO_POST_URLS),
    ],
)
def test_atom_feeds_hold_their_posts(
    site: SampleWeb, fetch: Fetch, path: str, expected: list[str]
) -> None:
    answer = fetch(site, "https://citecheck-sample.blogspot.com" + path)
    assert answer.headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(answer.body)
    entries = feed.findall("a:entry", ns)
    links = [e.find("a:link[@rel='alternate']", ns) for e in entries]
    assert [link.get("href") for link in links if link is not None] == list(expected)
    content = entries[0].find("a:content", ns)
    assert (
        content is not None
        and "https://www.foreignaffairs.com/ukraine/ukraines-hardest-winter" in (content.text or "")
    )


def test_image_host_answers_with_an_image(site: SampleWeb, fetch: Fetch) -> None:
    answer = fetch(site, "https://blogger.googleusercontent.com/img/b/R29vZ2xl/x/s1600/a.jpg")
    assert (answer.status, answer.headers["content-type"]) == (200, "image/gif")


@pytest.mark.skipif(
    not all(seed.is_file() for seed in SEEDS),
    reason="the seed captures are not beside this checkout (../shared/seeds/)",
)
def test_committed_blog_files_match_a_fresh_build(tmp_path: Path) -> None:
    build_seed_blog.build(out=tmp_path)
    fresh = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in DATA.iterdir()}
    assert fresh == committed


def test_raw_utf8_label_path_reaches_the_label_page(site: SampleWeb) -> None:
    request = (
        "GET /search/label/ウクライナ HTTP/1.1\r\nHost: citecheck-sample.blogspot.com\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    context = site.ca.client_context()
    raw = socket.create_connection(("127.0.0.1", site.https_port), timeout=5)
    with context.wrap_socket(raw, server_hostname="citecheck-sample.blogspot.com") as tls:
        tls.sendall(request)
        answer = b"".join(iter(lambda: tls.recv(65536), b""))
    assert answer.startswith(b"HTTP/1.1 200 ")
    assert answer.count(b'class="post-outer"') == 5
