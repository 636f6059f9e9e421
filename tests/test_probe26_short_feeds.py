"""Probe 26: a feed that holds only the last posts, with no next page.

jekyll-feed writes the last 10 posts to ``/feed.xml`` and links no older page (Hexo's feed
plugin: the last 20).  A Jekyll blog of 25 posts checked from its home page was read through
that feed: 10 posts checked, the 15 older never found, exit 0 with a dead link in the oldest.
The home page's own pager (``/page2/``) lists them: once the feed is read, the named page's
older pages are walked for posts the feed left out (a few requests that bring nothing when the
feed was whole: the walk stops after three pages with no new post).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.cli import ExitCode
from checker.discover.urls import listing_path
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "https://jekyll.fixture-p26.example"
DEAD = "https://gone.fixture-p26.example/dead"
LIVE = "https://live.fixture-p26.example/source"
POSTS = 25
SLUGS = [f"/2024/01/{i:02d}/p{i}.html" for i in range(POSTS, 0, -1)]  # newest first


def _post(i: int) -> str:
    cited = DEAD if i == 1 else LIVE
    return (
        f"<!DOCTYPE html><html><head><title>p{i}</title></head><body><article><h1>p{i}</h1>"
        f"<p>The post {i} cites <a href='{cited}'>its source</a> for the claim it makes, with "
        "enough words around the link to be read as the post's own text.</p></article>"
        "</body></html>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _feed(newest: int) -> bytes:
    entries = "".join(
        f"<entry><title>p{i}</title><link href='{HOST}{SLUGS[POSTS - i]}' rel='alternate' "
        f"type='text/html'/><id>{HOST}{SLUGS[POSTS - i]}</id>"
        f"<published>2024-01-{i:02d}T00:00:00+00:00</published>"
        f"<content type='html'>{_escape(_post(i))}</content></entry>"
        for i in range(POSTS, POSTS - newest, -1)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<generator uri='https://jekyllrb.com/'>Jekyll</generator>"
        f"<link href='{HOST}/feed.xml' rel='self' type='application/atom+xml'/>"
        f"<id>{HOST}/feed.xml</id><title>J</title>{entries}</feed>"
    ).encode()


def _home(page: int) -> str:
    """jekyll-paginate's home: 10 titles a page, ``/page2/`` after it."""
    items = "".join(
        f"<li><h3><a class='post-link' href='{slug}'>{slug}</a></h3></li>"
        for slug in SLUGS[(page - 1) * 10 : page * 10]
    )
    older = f"<a class='pager-next' href='/page{page + 1}/'>Older</a>" if page * 10 < POSTS else ""
    return (
        "<!DOCTYPE html><html><head><title>J</title><link type='application/atom+xml' "
        f"rel='alternate' href='{HOST}/feed.xml'></head><body><main><ul class='post-list'>"
        f"{items}</ul>{older}</main></body></html>"
    )


def _run(tmp_path: Path, newest: int) -> tuple[int, dict[str, Any], set[str]]:
    web = Web()
    web.page(DEAD, "<title>Not Found</title><p>No such page.</p>", status=404)
    web.page(LIVE, "<title>Source</title><article><h1>Source</h1><p>The source's text.</p>")
    for i in range(1, POSTS + 1):
        web.page(f"{HOST}{SLUGS[POSTS - i]}", _post(i))
    feed = Response(200, (("Content-Type", "application/atom+xml"),), _feed(newest))
    web.add(f"{HOST}/feed.xml", feed)
    web.page(f"{HOST}/", _home(1))
    for page in (2, 3):
        web.page(f"{HOST}/page{page}/", _home(page))
    return run_on_web(web, f"{HOST}/", tmp_path)


def test_posts_older_than_the_feed_are_found_through_the_home_s_pager(tmp_path: Path) -> None:
    code, report, _asked = _run(tmp_path, newest=10)
    assert len(report["documents"]) == POSTS
    assert report["summary"]["findings"].get("broken") == 1  # the oldest post's dead link
    assert code == ExitCode.FAILED


def test_a_whole_feed_reads_each_post_once(tmp_path: Path) -> None:
    code, report, asked = _run(tmp_path, newest=POSTS)
    assert sorted(d["url"] for d in report["documents"]) == sorted(HOST + s for s in SLUGS)
    assert not any(HOST + slug in asked for slug in SLUGS)  # every post from the feed
    assert code == ExitCode.FAILED


def test_jekyll_s_pager_pages_are_listings() -> None:
    assert listing_path(f"{HOST}/page2/")
    assert listing_path(f"{HOST}/blog/page12/")
    assert not listing_path(f"{HOST}/2024/01/page2.html")  # a post's file
    assert not listing_path(f"{HOST}/pages/")
