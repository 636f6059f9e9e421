"""Mend 31: a post page that forwards its reader to a login page is no post read, and a wall in
a post's place is said in the post's terms.

A post page whose meta refresh (0 s) or one-line script sent the browser to ``/login?next=…``,
``/signin`` or an SSO host was read as a post with one link, the login page, which answered
``ok``: the post passed (probe 31's leftover 1).  And the walls probe 31 made
``post-unreadable`` kept the cited source's words, "the source could not be verified", for a
page that is no citation (leftover 5).  A post that reloads itself to a login page after ten
minutes (a session's end), and a moved post's stub forwarding to its new address, are read as
before.
"""

from __future__ import annotations

from typing import Any

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from checker.verify.post_page import stand_in
from tests.test_probe24_sitemap_listings import run_on_web

BLOG = "https://forwards.fixture-m31.example"
NEWS = "https://news.fixture-m31.example"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _refresh(target: str, delay: int = 0, body: str = "") -> bytes:
    return (
        f'<!DOCTYPE html><html><head><meta http-equiv="refresh" content="{delay}; url={target}">'
        f"<title>Council notes | Forwards</title></head><body>{body}</body></html>"
    ).encode()


def _article(number: int) -> str:
    return (
        f'<article><h1>Council notes {number}</h1><p>The council met and <a href="{NEWS}/'
        f'article-{number}">the paper reported it</a>. '
        + "It voted on the budget, the roads and the library. " * 12
        + "</p></article>"
    )


_FORWARDS_TO_WALLS = {
    "login": _refresh("/login?next=/2025/05/council-notes-login"),
    "signin": _refresh(f"{BLOG}/signin"),
    "sso": _refresh("https://sso.fixture-m31.example/authorize?client=blog"),
}

_READ = {
    # a session's end: a long refresh on a page of text is no forward
    "session": _refresh("/login", delay=600, body=_article(1)),
    # a moved post's stub: its new address is cited and read, as before
    "moved": _refresh(f"{BLOG}/2025/06/council-notes-moved"),
}


def _at(name: str) -> str:
    return f"{BLOG}/2025/05/council-notes-{name}"


def _web() -> Web:
    web = Web()
    for name, body in {**_FORWARDS_TO_WALLS, **_READ}.items():
        web.add(_at(name), Response(200, _HTML, body))
    web.add(
        f"{BLOG}/2025/06/council-notes-moved",
        Response(200, _HTML, f"<html><body>{_article(2)}</body></html>".encode()),
    )
    web.add(
        f"{BLOG}/wall",
        Response(302, (("Location", f"{BLOG}/login?next=/2025/05/council-notes-wall"),)),
    )
    for target in (
        f"{BLOG}/login?next=/2025/05/council-notes-login",
        f"{BLOG}/login?next=/2025/05/council-notes-wall",
        f"{BLOG}/signin",
        f"{BLOG}/login",
        "https://sso.fixture-m31.example/authorize?client=blog",
    ):
        web.page(target, "<title>Log in</title><form><input name=u><button>Log in</button></form>")
    for number in (1, 2):
        web.page(f"{NEWS}/article-{number}", f"<title>Article {number}</title><p>Text.</p>")
    web.sitemap(f"{BLOG}/sitemap.xml", [_at(name) for name in (*_FORWARDS_TO_WALLS, *_READ)])
    return web


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("forwards")
    code, report, _asked = run_on_web(_web(), f"{BLOG}/sitemap.xml", folder)
    return code, report


@pytest.mark.parametrize("name", sorted(_FORWARDS_TO_WALLS))
def test_a_post_page_forwarding_to_a_login_page_is_unreadable(
    crawled: tuple[int, dict[str, Any]], name: str
) -> None:
    code, report = crawled
    (problem,) = [p for p in report["problems"] if p["subject"] == _at(name)]
    assert problem["code"] == "post-unreadable"
    assert "forwards the reader at once" in problem["message"]
    assert _at(name) not in {d["url"] for d in report["documents"]}
    assert code == ExitCode.FAILED


def test_a_post_reloading_later_and_a_moved_post_s_stub_are_read(
    crawled: tuple[int, dict[str, Any]],
) -> None:
    _code, report = crawled
    documents = {d["url"]: d for d in report["documents"]}
    assert set(documents) == {_at(name) for name in _READ}
    assert report["summary"]["accounting"]["posts_unreadable"] == len(_FORWARDS_TO_WALLS)
    cited = {c["url"]: c["status"] for c in documents[_at("moved")]["citations"]}
    assert cited == {f"{BLOG}/2025/06/council-notes-moved": "ok"}
    session = {c["url"]: c["status"] for c in documents[_at("session")]["citations"]}
    assert session[f"{NEWS}/article-1"] == "ok"


def test_a_wall_in_a_post_s_place_is_said_of_the_post(tmp_path: Any) -> None:
    code, report, _asked = run_on_web(_web(), f"{BLOG}/wall", tmp_path)
    (problem,) = [p for p in report["problems"] if p["code"] == "post-unreadable"]
    assert "/login?next=" in problem["message"]
    assert problem["message"].startswith("discovery found this post but could not read it")
    assert "source" not in problem["message"]
    assert code == ExitCode.FAILED


@pytest.mark.parametrize("spelling", ["refresh", "Refresh", "REFRESH"])
def test_a_long_post_page_refreshing_at_once_to_a_login_is_no_post(spelling: str) -> None:
    """Past the size of a page that only forwards, the refresh is still looked for."""
    post = f"{BLOG}/2025/05/long"
    page = (
        f'<html><head><meta http-equiv="{spelling}" content="0; url=/signin?next=/2025/05/long">'
        f"</head><body>{_article(3) * 40}</body></html>"
    )
    assert len(page) > 20_000
    said = stand_in(post, post, page)
    assert said is not None
    assert f"{BLOG}/signin?next=" in said
    assert stand_in(post, post, page.replace(spelling, "x-refresh-later")) is None
