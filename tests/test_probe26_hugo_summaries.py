"""Probe 26: a Hugo RSS feed whose summaries look whole.

Hugo's RSS template writes each post's ``.Summary`` in ``<description>`` (no
``content:encoded``): the first paragraphs, ending at a paragraph.  A real Hugo blog's theme
adds its own line after it ("本文…首发于<a>Yoimiya的小站</a>，最后修改于…"), so no entry looks cut
(no ellipsis, no "read more"), session 24's majority rule never fires, and every entry was taken
for the whole post: checked from its home page, a post of 6 citations had 1 checked, exit 0.
An RSS item of a Hugo feed with only a description is a summary: the post is read from its page.
"""

from __future__ import annotations

from pathlib import Path

from checker.cli import ExitCode
from checker.discover.feeds import is_truncated, parse_feed
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "https://hugo-summary.fixture-p26.example"
DEAD = "https://gone.fixture-p26.example/dead"
LIVE = "https://live.fixture-p26.example/source"
_FOOTER = f"<hr><p>本文2022-06-09首发于<a href='{HOST}/'>小站</a>，最后修改于2022-06-09</p>"


def _summary(slug: str) -> str:
    return (
        f"<h2>{slug}</h2><p>The first paragraph of {slug} cites <a href='{LIVE}'>a live source</a>"
        f" and ends where the summary ends.</p>{_FOOTER}"
    )


def _feed(generator: str) -> str:
    items = "".join(
        f"<item><title>{s}</title><link>{HOST}/post/{s}/</link>"
        f"<pubDate>Thu, 09 Jun 2022 00:00:00 +0000</pubDate><guid>{HOST}/post/{s}/</guid>"
        f"<description>{_escape(_summary(s))}</description></item>"
        for s in ("main", "chinese")
    )
    return (
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?><rss version="2.0" '
        'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>小站</title>'
        f"<link>{HOST}/</link><description>Recent content</description>{generator}"
        f"{items}</channel></rss>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _post(slug: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{slug}</title></head><body><article><h1>{slug}</h1>"
        f"{_summary(slug)}<p>Past the summary, {slug} cites <a href='{DEAD}'>a dead page</a> "
        "for its second claim.</p></article></body></html>"
    )


def _web() -> Web:
    web = Web()
    web.page(
        f"{HOST}/",
        "<!DOCTYPE html><html><head><title>小站</title><link rel=alternate "
        f"type=application/rss+xml href={HOST}/index.xml></head><body><main>"
        f"<a href={HOST}/post/main/>main</a></main></body></html>",
    )
    feed = _feed("<generator>Hugo -- gohugo.io</generator>").encode()
    web.add(f"{HOST}/index.xml", Response(200, (("Content-Type", "application/rss+xml"),), feed))
    for slug in ("main", "chinese"):
        web.page(f"{HOST}/post/{slug}/", _post(slug))
    web.page(DEAD, "<title>Not Found</title><p>No such page.</p>", status=404)
    web.page(LIVE, "<title>Source</title><article><h1>Source</h1><p>The source's text.</p>")
    return web


def test_a_hugo_feed_s_summaries_are_read_from_the_posts_pages(tmp_path: Path) -> None:
    code, report, asked = run_on_web(_web(), f"{HOST}/", tmp_path)
    assert f"{HOST}/post/main/" in asked
    broken = [
        c["url"] for d in report["documents"] for c in d["citations"] if c["status"] == "broken"
    ]
    assert broken == [DEAD, DEAD]
    assert code == ExitCode.FAILED


def test_only_a_hugo_feed_s_descriptions_are_taken_for_summaries() -> None:
    hugo = parse_feed(_feed("<generator>Hugo -- gohugo.io</generator>"), f"{HOST}/index.xml")
    other = parse_feed(_feed("<generator>Hexo</generator>"), f"{HOST}/index.xml")
    assert hugo is not None and other is not None
    assert all(is_truncated(entry) for entry in hugo.entries)
    assert not any(is_truncated(entry) for entry in other.entries)
