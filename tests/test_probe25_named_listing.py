"""Session 24's leftover: a generated site's listing page named as the input.

``citecheck check https://blog/tags/docker/`` (a Hugo tag page: a teaser of each post, a title
linking to its page) was read as one post made of the teasers: the posts' own pages were never
read, so a dead link past a teaser's excerpt passed, and the run's "1 post" hid the rest.  A
user who names a tag, category or archive page asks for the posts it lists, as for a Blogger
label page: they are read from their pages (and the listing's older pages), each one post.  A
page with fewer than two teasers is read as the page it is, as before (a post under a listing
word, ``/series/part-3/``, is no listing).
"""

from __future__ import annotations

from pathlib import Path

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "https://hugo.fixture-p25.example"
DEAD = "https://gone.fixture-p25.example/dead"
LIVE = "https://live.fixture-p25.example/source"


def _teaser(slug: str) -> str:
    return (
        f'<article class="post"><header><h2 class="post-title"><a href="/post/{slug}/">{slug}</a>'
        f"</h2></header><div class='post-content'><p>The first lines of {slug}, citing "
        f"<a href='{LIVE}'>a live source</a>.</p></div></article>"
    )


def _post(slug: str, cited: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{slug}</title></head><body><article><h1>{slug}</h1>"
        f"<p>The first lines of {slug}, citing <a href='{LIVE}'>a live source</a>.</p>"
        f"<p>Further down, past the excerpt, <a href='{cited}'>another source</a>.</p>"
        "</article></body></html>"
    )


def _web(teasers: tuple[str, ...]) -> Web:
    web = Web()
    listing = "".join(_teaser(slug) for slug in teasers)
    web.page(
        f"{HOST}/tags/docker/",
        f"<!DOCTYPE html><html><head><title>Docker</title></head><body><main>{listing}"
        "</main></body></html>",
    )
    web.page(f"{HOST}/post/first/", _post("first", LIVE))
    web.page(f"{HOST}/post/second/", _post("second", DEAD))
    web.page(DEAD, "<title>Not Found</title><p>No such page.</p>", status=404)
    web.page(LIVE, "<title>Source</title><article><h1>Source</h1><p>The source's text.</p>")
    return web


def test_a_named_tag_page_s_posts_are_read_from_their_pages(tmp_path: Path) -> None:
    code, report, asked = run_on_web(_web(("first", "second")), f"{HOST}/tags/docker/", tmp_path)
    assert sorted(d["url"] for d in report["documents"]) == [
        f"{HOST}/post/first/",
        f"{HOST}/post/second/",
    ]
    assert f"{HOST}/post/second/" in asked  # its page, not its teaser, was read
    broken = [
        c["url"] for d in report["documents"] for c in d["citations"] if c["status"] == "broken"
    ]
    assert broken == [DEAD]  # past the second teaser's excerpt
    assert code == ExitCode.FAILED


def test_a_page_with_one_teaser_is_read_as_the_page_it_is(tmp_path: Path) -> None:
    code, report, _asked = run_on_web(_web(("first",)), f"{HOST}/tags/docker/", tmp_path)
    assert [d["url"] for d in report["documents"]] == [f"{HOST}/tags/docker/"]
    assert code == ExitCode.OK


def _archive_web(head: str = "") -> Web:
    """A tag page of an archive-style theme (Hugo's even): titles only, no teaser."""
    web = _web(())
    items = "".join(
        f'<div class="archive-post"><span class="archive-post-title">'
        f'<a href="/post/{slug}/" class="archive-post-link">{slug}</a></span></div>'
        for slug in ("first", "second")
    )
    web.page(
        f"{HOST}/tags/go/",
        f"<!DOCTYPE html><html><head><title>go</title>{head}</head><body>"
        '<header><nav><a href="/about/">About</a><a href="/tags/">Tags</a></nav></header>'
        f'<main><section class="archive">{items}</section></main>'
        '<footer><a href="/colophon/">Colophon</a></footer></body></html>',
    )
    return web


def test_a_tag_page_of_titles_only_gives_its_posts(tmp_path: Path) -> None:
    code, report, asked = run_on_web(_archive_web(), f"{HOST}/tags/go/", tmp_path)
    assert sorted(d["url"] for d in report["documents"]) == [
        f"{HOST}/post/first/",
        f"{HOST}/post/second/",
    ]
    assert f"{HOST}/about/" not in asked  # the site's menu is no list of posts
    assert code == ExitCode.FAILED  # the second post's dead link, past any title


def test_a_page_that_says_it_is_an_article_is_read_as_one(tmp_path: Path) -> None:
    article = '<meta property="og:type" content="article">'
    code, report, _asked = run_on_web(_archive_web(article), f"{HOST}/tags/go/", tmp_path)
    assert [d["url"] for d in report["documents"]] == [f"{HOST}/tags/go/"]
    assert code == ExitCode.OK
