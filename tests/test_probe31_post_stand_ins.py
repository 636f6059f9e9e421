"""Probe 31: a post page that is a wall, a challenge or a "not found" page is no post read.

A crawl read each post's page as the post whatever it was: a login page the post redirected
to, a bot challenge, a consent wall, a paywall, the blog's "Page not found".  Each gave no
citation and was counted as a post read: a sitemap of seven posts, five of them walls, said
"7 posts, 2 citations: 2 checked; findings: none", exit 0, a silent pass.  Each is now
``post-unreadable`` with what stood in the post's place, judged by the rules a cited page is.
Posts that only look like one (an essay on error pages, a cookie banner above a post, a
newsletter box, a short note) are read as before.
"""

from __future__ import annotations

from typing import Any

import pytest

from checker.cli import ExitCode
from checker.discover.kinds import page_kind
from checker.model import PageKind
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

BLOG = "https://walls.fixture-p31.example"
NEWS = "https://news.fixture-p31.example"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _at(name: str) -> str:
    """A post's address, its slug saying nothing of what it answers (a cited path that names a
    login is a login page cited, no wall)."""
    return f"{BLOG}/2025/05/council-notes-{sorted((*_WALLS, *_POSTS)).index(name)}"


def _post(number: int, before: str = "", after: str = "", title: str = "") -> bytes:
    heading = title or f"Notes from the council, part {number}"
    return (
        f"<!DOCTYPE html><html><head><title>{heading} | Walls</title></head><body>{before}"
        f"<article><h1>{heading}</h1><p>The council met again and "
        f'<a href="{NEWS}/article-{number}">the paper reported it</a>. '
        + "It voted on the budget, the roads and the library. " * 12
        + f"</p>{after}</article></body></html>"
    ).encode()


_WALLS: dict[str, Any] = {
    "login": (
        Response(302, (("Location", f"{BLOG}/login?next=/2025/05/"),)),
        {
            f"{BLOG}/login?next=/2025/05/": b"<!DOCTYPE html><html><head><title>Log in</title>"
            b"</head><body><form><input name=u><input type=password name=p>"
            b"<button>Log in</button></form></body></html>"
        },
    ),
    "challenge": (
        Response(
            200,
            _HTML,
            b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
            b"<div id=cf-wrapper>Checking your browser before accessing the site.</div>"
            b"<script>window._cf_chl_opt={};</script></body></html>",
        ),
        {},
    ),
    "consent": (
        Response(302, (("Location", f"https://consent.fixture-p31.example/?continue={BLOG}"),)),
        {
            f"https://consent.fixture-p31.example/?continue={BLOG}": b"<!DOCTYPE html><html>"
            b"<head><title>Before you continue</title></head><body><h1>Before you continue "
            b"to Walls</h1><p>We use cookies and data to deliver and maintain services.</p>"
            b"<form><button>Accept all</button><button>Reject all</button></form></body></html>"
        },
    ),
    "paywall": (
        Response(
            200,
            _HTML,
            b"<!DOCTYPE html><html><head><title>Subscribe to read | Walls</title></head><body>"
            b"<h1>Subscribe to continue reading</h1><p>This article is for subscribers only."
            b"</p></body></html>",
        ),
        {},
    ),
    "gone": (
        Response(
            200,
            _HTML,
            b"<!DOCTYPE html><html><head><title>Page not found | Walls</title></head><body>"
            b"<h1>Page not found</h1><p>Sorry, this page does not exist.</p></body></html>",
        ),
        {},
    ),
}

_POSTS = {
    "plain": _post(1),
    "error-pages": _post(
        2,
        title="Page not found? Designing error pages that help",
        after="<p>A good 404 page says what happened and where to go next.</p>",
    ),
    "banner": _post(
        3,
        before="<div class=cookie-banner><p>This site uses cookies. Learn more.</p>"
        "<button>OK</button></div>",
    ),
    "newsletter": _post(
        4,
        after="<aside><h2>Subscribe to my newsletter</h2><form><input name=email>"
        "<button>Subscribe</button></form></aside>",
    ),
    "short": (
        b"<!DOCTYPE html><html><head><title>Gone fishing | Walls</title></head><body><article>"
        b'<h1>Gone fishing</h1><p>Back next week; until then <a href="'
        + f"{NEWS}/article-5".encode()
        + b'">read this</a>.</p></article></body></html>'
    ),
}


def _web() -> Web:
    web = Web()
    for name, (answer, beside) in _WALLS.items():
        web.add(_at(name), answer)
        for url, body in beside.items():
            web.add(url, Response(200, _HTML, body))
    for name, body in _POSTS.items():
        web.add(_at(name), Response(200, _HTML, body))
    for number in range(1, 6):
        web.page(f"{NEWS}/article-{number}", f"<title>Article {number}</title><p>Text.</p>")
    web.sitemap(f"{BLOG}/sitemap.xml", [_at(name) for name in (*_WALLS, *_POSTS)])
    return web


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("walls")
    code, report, _asked = run_on_web(_web(), f"{BLOG}/sitemap.xml", folder)
    return code, report


@pytest.mark.parametrize("name", sorted(_WALLS))
def test_a_post_page_standing_in_for_the_post_is_unreadable(
    crawled: tuple[int, dict[str, Any]], name: str
) -> None:
    code, report = crawled
    (problem,) = [p for p in report["problems"] if p["subject"] == _at(name)]
    assert problem["code"] == "post-unreadable"
    assert "standing in its place" in problem["message"]
    assert _at(name) not in {d["url"] for d in report["documents"]}
    assert code == ExitCode.FAILED


def test_posts_that_only_look_like_walls_are_read(crawled: tuple[int, dict[str, Any]]) -> None:
    _code, report = crawled
    read = {d["url"] for d in report["documents"]}
    assert read == {_at(name) for name in _POSTS}
    assert report["summary"]["accounting"]["posts_unreadable"] == len(_WALLS)
    assert {c["status"] for d in report["documents"] for c in d["citations"]} == {"ok"}


def test_a_named_page_url_behind_a_login_is_unreadable(tmp_path: Any) -> None:
    code, report, _asked = run_on_web(_web(), _at("login"), tmp_path)
    unreadable = [p for p in report["problems"] if p["code"] == "post-unreadable"]
    assert [p["subject"] for p in unreadable] == [_at("login")]
    assert "/login?next=" in unreadable[0]["message"]
    assert report["documents"] == []
    assert code == ExitCode.FAILED


def test_a_served_page_of_no_html_tag_is_read_as_html() -> None:
    """HTML leaves ``<html>`` and ``<body>`` out; the server's type says what the page is (it
    was sniffed as text: its title was its markup, its relative links lost)."""
    page = "<title>Winter</title><p><a href=/2025/autumn>last time</a></p>"
    assert page_kind("https://x.example/post", page, "text/html; charset=utf-8") is PageKind.HTML
    assert page_kind("https://x.example/post", page) is PageKind.TEXT  # a file: no type said
    assert page_kind("https://x.example/post.md", page, "text/html") is PageKind.MARKDOWN
