"""Every post of an export or feed is checked or named, end to end through ``citecheck check``.

A hostile probe found posts dropped without a word: a Blogger export's draft (no
``rel=alternate`` link), every entry of Blogger's newer backup format (it has no link at all,
only ``blogger:filename``), WordPress and Blogger pages, a feed item with no link.  And a sitemap
index whose child sitemap answered 404 was reported as an unreadable *post* and counted among
the posts.  Here the fixture web serves the cited sources, and the CLI's report and summary line
are read as a user reads them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from checker.sampleweb import Response, SampleWeb, Web

NEWS = "https://news.fixture-unlisted.example"
BLOG = "https://unlisted.blogspot.com"
WP = "https://wp.fixture-unlisted.example"
ATOM = "application/atom+xml"


def _link(path: str) -> str:
    return f'&lt;p&gt;See &lt;a href="{NEWS}/{path}"&gt;the story&lt;/a&gt;.&lt;/p&gt;'


BACKUP = f"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>
<id>tag:blogger.com,1999:blog-77</id><title>Unlisted</title>
<link rel='alternate' type='text/html' href='{BLOG}/'/>
<entry><id>tag:blogger.com,1999:blog-77.post-1</id><blogger:type>POST</blogger:type>
 <blogger:status>LIVE</blogger:status><title>Published</title>
 <content type='html'>{_link("live")}</content>
 <published>2025-05-09T10:00:00+09:00</published>
 <blogger:filename>/2025/05/published.html</blogger:filename></entry>
<entry><id>tag:blogger.com,1999:blog-77.post-2</id><blogger:type>POST</blogger:type>
 <blogger:status>DRAFT</blogger:status><title>Half written</title>
 <content type='html'>{_link("gone")}</content></entry>
<entry><id>tag:blogger.com,1999:blog-77.post-3</id><blogger:type>PAGE</blogger:type>
 <blogger:status>LIVE</blogger:status><title>About</title>
 <content type='html'>{_link("about")}</content>
 <blogger:filename>/p/about.html</blogger:filename></entry>
<entry><id>tag:blogger.com,1999:blog-77.post-1.comment-5</id><blogger:type>COMMENT</blogger:type>
 <blogger:status>LIVE</blogger:status><content type='html'>{_link("comment")}</content></entry>
</feed>"""

WXR = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>WP</title><link>{WP}</link>
<item><title>Hello</title><link>{WP}/2024/01/hello/</link>
 <content:encoded><![CDATA[<p><a href="{NEWS}/live">a</a></p>]]></content:encoded>
 <wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
<item><title>Not yet</title><wp:post_id>2</wp:post_id>
 <content:encoded><![CDATA[<p><a href="{NEWS}/gone">b</a></p>]]></content:encoded>
 <wp:post_type>post</wp:post_type><wp:status>draft</wp:status></item>
<item><title>Colophon</title><link>{WP}/colophon/</link>
 <content:encoded><![CDATA[<p><a href="{NEWS}/about">c</a></p>]]></content:encoded>
 <wp:post_id>3</wp:post_id><wp:post_type>page</wp:post_type><wp:status>publish</wp:status></item>
<item><title>photo</title><link>{WP}/photo/</link><wp:post_id>4</wp:post_id>
 <wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status></item>
<item><title>Hello</title><link>{WP}/?p=5</link><wp:post_id>5</wp:post_id>
 <content:encoded><![CDATA[<p><a href="{NEWS}/live">a</a></p>]]></content:encoded>
 <wp:post_type>revision</wp:post_type><wp:status>inherit</wp:status></item>
</channel></rss>"""

FEED = f"""<?xml version="1.0"?><rss version="2.0"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>WP</title>
<link>{WP}</link>
<item><title>Linked</title><link>{WP}/2025/linked/</link>
 <content:encoded><![CDATA[<p><a href="{NEWS}/live">a</a></p>]]></content:encoded></item>
<item><title>No link, whole</title><guid isPermaLink="false">urn:uuid:1</guid>
 <content:encoded><![CDATA[<p><a href="{NEWS}/about">b</a></p>]]></content:encoded></item>
<item><title>No link, cut</title><guid isPermaLink="false">urn:uuid:2</guid>
 <description>The start of a post, and then</description></item>
</channel></rss>"""


def _sitemap(*locs: str, index: bool = False) -> bytes:
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    tag, root = ("sitemap", "sitemapindex") if index else ("url", "urlset")
    body = "".join(f"<{tag}><loc>{loc}</loc></{tag}>" for loc in locs)
    return f'<{root} xmlns="{ns}">{body}</{root}>'.encode()


def _web() -> Web:
    web = Web()
    for name in ("live", "about", "comment"):
        web.page(f"{NEWS}/{name}", f"<title>Story {name}</title><p>Here.</p>")
    web.add(f"{NEWS}/gone", Response(404))
    xml = (("Content-Type", "application/xml"),)
    web.add(
        f"{BLOG}/sitemap.xml",
        Response(
            200,
            xml,
            _sitemap(f"{BLOG}/sitemap.xml?page=1", f"{BLOG}/sitemap.xml?page=2", index=True),
        ),
    )
    web.add(f"{BLOG}/sitemap.xml?page=1", Response(200, xml, _sitemap(f"{BLOG}/2025/05/a.html")))
    web.add(f"{BLOG}/sitemap.xml?page=2", Response(404))
    web.page(
        f"{BLOG}/2025/05/a.html", f'<html><body><p><a href="{NEWS}/live">x</a></p></body></html>'
    )
    web.add(f"{WP}/feed/", Response(200, (("Content-Type", "application/rss+xml"),), FEED.encode()))
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as web:
        yield web


def _check(
    site: SampleWeb, inputs: list[str], report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any], str]:
    argv = ["check", *inputs, "--report-dir", str(report_dir), "--no-store", "--format", "json"]
    argv += ["--cacert", str(site.ca_path), "--archive", "off", "--retries", "0"]
    for rule in site.connect_to():
        argv += ["--connect-to", rule]
    code = main(argv)
    out = capsys.readouterr()
    data = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    return code, data, out.out + out.err


def _posts(data: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    """Each post's URL: its title and the statuses of its citations."""
    return {
        d["url"]: (d["title"], [c["status"] for c in d["citations"]]) for d in data["documents"]
    }


def test_a_blogger_backup_checks_posts_pages_and_drafts(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "feed.atom"
    export.write_text(BACKUP, encoding="utf-8")
    code, data, said = _check(site, [str(export)], tmp_path / "r", capsys)
    assert _posts(data) == {
        f"{BLOG}/2025/05/published.html": ("Published", ["ok"]),
        "https://www.blogger.com/blog/post/edit/77/2": ("[draft] Half written", ["broken"]),
        f"{BLOG}/p/about.html": ("About", ["ok"]),
    }  # the reader's comment is not the author's writing: not a post
    assert code == 1  # the draft's dead source fails the run
    assert "1 input, 3 posts, 3 citations: 3 checked" in said


def test_a_wordpress_export_checks_posts_pages_and_drafts(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "site.wxr"
    export.write_text(WXR, encoding="utf-8")
    code, data, said = _check(site, [str(export)], tmp_path / "r", capsys)
    assert _posts(data) == {
        f"{WP}/2024/01/hello/": ("Hello", ["ok"]),
        f"{WP}/?p=2": ("[draft] Not yet", ["broken"]),
        f"{WP}/colophon/": ("Colophon", ["ok"]),
    }  # the attachment and the revision (an old copy of "Hello") are not posts
    assert code == 1
    assert "1 input, 3 posts, 3 citations: 3 checked" in said


def test_a_feed_item_without_a_link_is_checked_or_named(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data, said = _check(site, [f"{WP}/feed/"], tmp_path / "r", capsys)
    assert _posts(data) == {
        f"{WP}/2025/linked/": ("Linked", ["ok"]),
        f"{WP}/?entry=urn%3Auuid%3A1": ("No link, whole", ["ok"]),
    }
    [problem] = data["problems"]
    assert (problem["subject"], problem["code"]) == (
        f"{WP}/?entry=urn%3Auuid%3A2",
        "post-unreadable",
    )
    assert "gives no link to the post" in problem["message"]
    assert code == 1
    assert "1 input, 3 posts (2 read, 1 unreadable)" in said


def test_a_dead_child_sitemap_is_a_listing_problem_not_a_post(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data, said = _check(site, [f"{BLOG}/sitemap.xml"], tmp_path / "r", capsys)
    assert list(_posts(data)) == [f"{BLOG}/2025/05/a.html"]
    [problem] = data["problems"]
    assert (problem["subject"], problem["code"]) == (
        f"{BLOG}/sitemap.xml?page=2",
        "listing-unreadable",
    )
    message = problem["message"]
    assert message.startswith("discovery could not read this sitemap (HTTP 404)")
    assert "post" not in message.split(";")[0]
    counts = data["summary"]["accounting"]
    assert (counts["posts_found"], counts["posts_unreadable"], counts["listings_unreadable"]) == (
        1,
        0,
        1,
    )
    assert code == 1
    assert "1 input (1 listing page unreadable, its posts not found), 1 post, 1 citation" in said
