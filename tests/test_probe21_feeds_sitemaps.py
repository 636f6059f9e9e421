"""Probe 21 (differential against lychee): sitemaps and JSON Feeds given as files.

A sitemap saved to a file was read as plain text: its ``xmlns`` namespace names
(``http://www.google.com/schemas/sitemap-image/1.1``, an identifier that answers 404) were cited
as links, a false alarm waiting to happen, and a ``<loc>`` written relative was never cited nor
reported.  lychee reads each ``<loc>`` as a link and no namespace.  A JSON Feed
(https://jsonfeed.org/version/1.1) was read as plain text too: a link in ``content_html`` is
written ``<a href=\\"https://x/y\\">`` in JSON, so ``https://x/y\\`` (with the backslash) was
cited, a URL nobody wrote, and a relative link there was lost.
"""

from __future__ import annotations

import json
from pathlib import Path

from checker.cli import ExitCode, main
from checker.discover.feeds import FeedPage, entry_page_html, parse_feed
from checker.discover.inputs import _path_discovery
from checker.extract import extract
from checker.model import Page, PageKind
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.fetch.support import run_citecheck

_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd">
<url><loc>https://blog.example/2024/05/a/</loc><lastmod>2024-05-03</lastmod>
<image:image><image:loc>https://blog.example/img/a.jpg</image:loc></image:image></url>
<url><loc> https://blog.example/2024/04/b/ </loc></url>
<url><loc>https://blog.example/2024/03/a&amp;b/</loc></url>
</urlset>
"""


def _dump(tmp_path: Path, name: str, text: str) -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = run_citecheck(["check", name, "--dump"], tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_sitemap_file_cites_each_loc_on_its_line_and_no_namespace(tmp_path: Path) -> None:
    assert _dump(tmp_path, "sitemap.xml", _SITEMAP) == [
        "sitemap.xml:6  https://blog.example/2024/05/a/",
        "sitemap.xml:8  https://blog.example/2024/04/b/",
        "sitemap.xml:9  https://blog.example/2024/03/a&b/",
    ]


def test_a_sitemap_index_file_cites_its_sitemaps_resolved_against_the_file(
    tmp_path: Path,
) -> None:
    index = (
        '<?xml version="1.0"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "\n<sitemap><loc>https://blog.example/sitemap-1.xml</loc></sitemap>"
        "\n<sitemap><loc>sitemap.xml</loc></sitemap>\n</sitemapindex>\n"
    )
    path = tmp_path / "index.xml"
    path.write_text(index, encoding="utf-8")
    (page,) = _path_discovery(path).pages
    cited = [(c.line, c.url) for d in extract(page) for c in d.citations]
    # the relative one is a reference to a file beside it: the link stage reports it skipped
    assert cited == [
        (3, "https://blog.example/sitemap-1.xml"),
        (4, (tmp_path / "sitemap.xml").as_uri()),
    ]


_JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Micro",
    "home_page_url": "https://micro.example/",
    "feed_url": "https://micro.example/feed.json",
    "next_url": "https://micro.example/feed.json?page=2",
    "items": [
        {
            "id": "1",
            "url": "https://micro.example/2024/01/one",
            "title": "One",
            "content_html": '<p>Reading <a href="https://books.example/1342">Pride</a> again;'
            ' the <a href="/2023/12/zero">previous post</a> was short.</p>',
            "date_published": "2024-01-05T10:00:00Z",
            "external_url": "https://austen.example/pride",
            "tags": ["books"],
        },
        {
            "id": "2",
            "url": "https://micro.example/2024/01/two",
            "content_text": "A note linking https://poems.example/44272 and nothing else.",
        },
        {
            "id": "3",
            "content_html": '<p>No url, citing <a href="https://arch.example/t">it</a></p>',
        },
        {"id": "4", "url": "https://micro.example/2024/01/four", "summary": "Only a summary."},
    ],
}


def test_a_json_feed_is_read_as_a_feed_with_its_posts_and_their_links() -> None:
    page = parse_feed(json.dumps(_JSON_FEED), "https://micro.example/feed.json")
    assert page is not None
    assert page.next_url == "https://micro.example/feed.json?page=2"
    one, two, three, four = page.entries
    assert (one.url, one.title, one.labels) == (
        "https://micro.example/2024/01/one",
        "One",
        ("books",),
    )
    assert one.published is not None and one.published.isoformat() == "2024-01-05T10:00:00+00:00"
    assert one.links == ("https://austen.example/pride",)  # the link post's subject
    assert "https://poems.example/44272" in two.content and not two.summary
    assert three.url == "https://micro.example/?entry=3" and not three.permalink
    assert four.summary  # the post's own page must be read


def test_a_json_feed_file_cites_what_its_posts_link(tmp_path: Path) -> None:
    lines = _dump(tmp_path, "feed.json", json.dumps(_JSON_FEED, indent=1))
    # item 4, only a summary, is said read in part (left 34a: it was read as the whole post)
    (cut,) = [line for line in lines if "  [post-unreadable] " in line]
    assert "excerpt" in cut
    urls = sorted(line.split("  ", 1)[1] for line in lines if line != cut)
    assert urls == [
        "https://arch.example/t",
        "https://austen.example/pride",
        "https://books.example/1342",
        "https://micro.example/2023/12/zero",
        "https://poems.example/44272",
    ], lines


def test_json_that_is_no_feed_or_nests_too_deep_is_no_feed() -> None:
    assert parse_feed('{"version": "1", "items": []}', "https://x.example/") is None
    assert parse_feed("[" * 100_000 + "]" * 100_000, "https://x.example/") is None
    odd = '{"version": "https://jsonfeed.org/version/1", "items": 3}'
    assert parse_feed(odd, "https://x.example/") == FeedPage(())


def test_a_json_feed_url_gives_its_posts_checked_through_the_fixture_web(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "home_page_url": "https://micro.fixture-jf.example/",
        "items": [
            {
                "id": "1",
                "url": "https://micro.fixture-jf.example/2024/01/one",
                "title": "One",
                "content_html": '<p>Reading <a href="https://books.fixture-jf.example/1">it</a>'
                " again.</p>",
            }
        ],
    }
    web = Web()
    kind = (("Content-Type", "application/feed+json"),)
    web.add(
        "https://micro.fixture-jf.example/feed.json", Response(200, kind, json.dumps(feed).encode())
    )
    web.page("https://books.fixture-jf.example/1", "<title>Pride</title><p>The text.</p>")
    with SampleWeb(web) as site:
        argv = ["check", "https://micro.fixture-jf.example/feed.json", "--no-store"]
        argv += ["--report-dir", str(tmp_path), "--format", "json", "--archive", "off"]
        argv += ["--cacert", str(site.ca_path)]
        for rule in site.connect_to():
            argv += ["--connect-to", rule]
        code = main(argv)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    posts = {
        d["url"]: [(c["url"], c["status"]) for c in d["citations"]] for d in report["documents"]
    }
    assert posts == {
        "https://micro.fixture-jf.example/2024/01/one": [
            ("https://books.fixture-jf.example/1", "ok")
        ]
    }
    assert code == ExitCode.OK


_LINK_BLOG = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Links</title><link rel="alternate" type="text/html" href="https://links.example/"/>
<id>https://links.example/</id><updated>2024-05-01T00:00:00Z</updated>
<entry><title>An essay worth reading</title>
<link rel="alternate" type="text/html" href="https://magazine.example/2024/05/essay"/>
<link rel="shorturl" href="http://short.example/abc"/>
<link rel="related" type="text/html" href="https://links.example/linked/2024/05/01/essay"/>
<id>tag:links.example,2024:/linked//1</id><published>2024-05-01T10:00:00Z</published>
<content type="html">&lt;p&gt;A fine piece on a subject I care about.&lt;/p&gt;</content></entry>
<entry><title>Found elsewhere</title>
<link rel="alternate" href="https://links.example/2024/04/via"/>
<link rel="via" href="https://friend.example/where-i-found-it"/>
<link rel="enclosure" href="https://links.example/audio/ep.mp3" type="audio/mpeg"/>
<id>tag:links.example,2024:via</id><updated>2024-04-01T00:00:00Z</updated>
<content type="html">&lt;p&gt;Found via a friend.&lt;/p&gt;</content></entry>
</feed>
"""


def test_an_atom_link_posts_subject_and_its_via_are_cited() -> None:
    """A link blog's Atom entry (Daring Fireball's form) points its ``alternate`` link at the
    article it is about and names its own page in ``related``: the post was named by the
    magazine's URL and the article it exists to link was never cited.  ``rel=via`` (RFC 4287:
    where the information came from) is a credit the reader sees, cited too."""
    page = parse_feed(_LINK_BLOG, "https://links.example/feed.atom")
    assert page is not None
    essay, via = page.entries
    assert essay.url == "https://links.example/linked/2024/05/01/essay"
    assert essay.links == ("https://magazine.example/2024/05/essay",)
    assert (via.url, via.links) == (
        "https://links.example/2024/04/via",
        ("https://friend.example/where-i-found-it",),
    )
    cited = [
        [c.url for d in extract(Page(e.url, "feed.atom", entry_page_html(e), PageKind.HTML))
         for c in d.citations]
        for e in page.entries
    ]  # fmt: skip
    assert cited == [
        ["https://magazine.example/2024/05/essay"],
        ["https://friend.example/where-i-found-it"],
    ]
