"""Probe 24 (real built sites crawled over HTTP): a feed's relative links whose base is in doubt.

A static export of a WordPress blog (Staatic, the form GitHub Pages mirrors of WordPress take)
writes every link of every file relative to that file: its RSS feed, served at ``/feed/``, links
the posts as ``../topic/post/index.html`` in ``<link>`` and in each item's content.  RSS names no
base for the content, and citecheck read those links against the post's address, the base a
generator usually means (a Hugo post's ``../other/``): every link between posts became
``/topic/topic/post/index.html``, ten false ``broken`` on the real site.  The feed's address and
the post's each send such a link to a different page, so the post's own page, where the link's
base is not in doubt, is read instead; a root-relative or absolute link, or a feed whose
``xml:base`` names the base, leaves no doubt and costs no request.
"""

from __future__ import annotations

from pathlib import Path

from checker.cli import ExitCode
from checker.discover.feeds import is_truncated, parse_feed
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "export.fixture-p24.example"
_ONE = "topic/first-post/index.html"
_TWO = "topic/second-post/index.html"

_FEED = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Export</title><link>../index.html</link>
<item><title>First post</title><link>../{_ONE}</link>
<pubDate>Fri, 28 Nov 2025 10:11:06 +0000</pubDate>
<content:encoded><![CDATA[<p>See the <a href="../{_TWO}">second post</a> and
<a href="https://source.fixture-p24.example/report">the report</a>.</p>]]></content:encoded>
</item>
<item><title>Second post</title><link>../{_TWO}</link>
<pubDate>Thu, 27 Nov 2025 10:11:06 +0000</pubDate>
<content:encoded><![CDATA[<p>Root-relative: <a href="/{_ONE}">the first</a>,
and <a href="https://source.fixture-p24.example/report">the report</a>.</p>]]></content:encoded>
</item></channel></rss>
"""


def _post(title: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        f'<article class="post hentry"><h1 class="entry-title">{title}</h1>'
        f'<div class="entry-content">{body}</div></article></body></html>'
    )


def _web() -> Web:
    web = Web()
    web.add(
        f"https://{HOST}/feed/",
        # a static host serves the export's feed/index.html as HTML
        Response(200, (("Content-Type", "text/html; charset=utf-8"),), _FEED.encode()),
    )
    first = (
        '<p>See the <a href="../../topic/second-post/index.html">second post</a> and '
        '<a href="https://source.fixture-p24.example/report">the report</a>.</p>'
    )
    second = (
        f'<p>Root-relative: <a href="/{_ONE}">the first</a>, and '
        '<a href="https://source.fixture-p24.example/report">the report</a>.</p>'
    )
    web.page(f"https://{HOST}/{_ONE}", _post("First post", first))
    web.page(f"https://{HOST}/{_TWO}", _post("Second post", second))
    web.page(
        "https://source.fixture-p24.example/report",
        "<title>The report</title><p>" + "The report's text, long enough to be read. " * 20,
    )
    return web


def test_feed_links_relative_to_the_feed_are_not_reported_broken(tmp_path: Path) -> None:
    code, report, asked = run_on_web(_web(), f"https://{HOST}/feed/", tmp_path)
    cited = {
        d["url"]: sorted((c["url"], c["status"]) for c in d["citations"])
        for d in report["documents"]
    }
    report_ok = ("https://source.fixture-p24.example/report", "ok")
    assert cited == {
        f"https://{HOST}/{_ONE}": sorted([(f"https://{HOST}/{_TWO}", "ok"), report_ok]),
        f"https://{HOST}/{_TWO}": sorted([(f"https://{HOST}/{_ONE}", "ok"), report_ok]),
    }
    assert code == ExitCode.OK
    # the first post's page was read for its links; the second's entry left no doubt
    assert f"https://{HOST}/{_ONE}" in asked


def test_only_a_link_the_two_bases_send_apart_puts_an_entry_in_doubt() -> None:
    page = parse_feed(_FEED, f"https://{HOST}/feed/")
    assert page is not None
    first, second = page.entries
    assert first.url == f"https://{HOST}/{_ONE}"
    assert is_truncated(first)  # ``../topic/…`` is one page from /feed/, another from the post
    assert not is_truncated(second)  # root-relative and absolute links mean one page each
    # a feed in the posts' own folder: ``b.html`` is the same page from either address
    beside = _FEED.replace(f"../{_ONE}", "a.html").replace(f"../{_TWO}", "b.html")
    same = parse_feed(beside, f"https://{HOST}/topic/feed.xml")
    assert same is not None
    assert same.entries[0].url == f"https://{HOST}/topic/a.html"
    assert not is_truncated(same.entries[0])


def test_an_atom_feed_whose_xml_base_names_the_base_is_not_in_doubt() -> None:
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>A</title><entry><title>One</title>"
        f'<link rel="alternate" href="https://{HOST}/posts/one/"/>'
        f'<content type="html" xml:base="https://{HOST}/posts/one/">'
        "&lt;p&gt;&lt;a href=&quot;../two/&quot;&gt;two&lt;/a&gt;&lt;/p&gt;</content>"
        "</entry></feed>"
    )
    page = parse_feed(atom, f"https://{HOST}/atom.xml")
    assert page is not None
    assert not is_truncated(page.entries[0])
    unsaid = parse_feed(atom.replace(f' xml:base="https://{HOST}/posts/one/"', ""), "https://x/")
    assert unsaid is not None
    assert is_truncated(unsaid.entries[0])  # the feed's address and the post's disagree
