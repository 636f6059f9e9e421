"""Left 32b: a post page whose ``Refresh`` *header* forwards its reader to a login page is no
post read.

A browser obeys ``Refresh: 0; url=/login`` as it obeys the same meta refresh (WHATWG's shared
declarative refresh steps), and a cited page's header was judged so (probe 30); but a post page
carried no headers into the pipeline, so a post answering with the header above a
"Redirecting…" body, or above its old text, was read as a post and the run passed (session 31's
leftover).  The header is asked of a warm page too: the memo keeps a page's posts by its body,
and a header added later beside the same body was never looked at.  A long refresh on a page of
text (a session's end) and a moved post's stub forwarding to its new address are read as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode, main
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from checker.verify.post_page import refreshed_to_wall

BLOG = "https://refresh.fixture-l32b.example"
NEWS = "https://news.fixture-l32b.example"
_HTML = ("Content-Type", "text/html; charset=utf-8")


def _article(number: int) -> str:
    return (
        f"<html><head><title>Council notes {number}</title></head><body><article>"
        f'<h1>Council notes {number}</h1><p>The council met and <a href="{NEWS}/article-{number}">'
        "the paper reported it</a>. "
        + "It voted on the budget, the roads and the library. " * 12
        + "</p></article></body></html>"
    )


_REDIRECTING = "<html><head><title>Redirecting…</title></head><body>Redirecting…</body></html>"
_TO_WALLS = {
    "login": ("0; url=/login?next=/2025/05/council-notes-login", _REDIRECTING),
    "sso": ("0;URL='https://sso.fixture-l32b.example/authorize?client=blog'", _article(3)),
}
_READ = {
    "session": ("600; url=/login", _article(1)),  # a session's end, on a page of text
    "moved": (f"0; url={BLOG}/2025/06/council-notes-moved", _article(4)),  # a moved post's stub
}


def _at(name: str) -> str:
    return f"{BLOG}/2025/05/council-notes-{name}"


def _web(headers: bool = True) -> Web:
    web = Web()
    for name, (refresh, body) in {**_TO_WALLS, **_READ}.items():
        fields = (_HTML, ("Refresh", refresh)) if headers else (_HTML,)
        web.add(_at(name), Response(200, fields, body.encode()))
    web.page(f"{BLOG}/2025/06/council-notes-moved", _article(2))
    for target in (
        f"{BLOG}/login?next=/2025/05/council-notes-login",
        f"{BLOG}/login",
        "https://sso.fixture-l32b.example/authorize?client=blog",
    ):
        web.page(target, "<title>Log in</title><form><input name=u><button>Log in</button></form>")
    for number in range(1, 5):
        web.page(f"{NEWS}/article-{number}", f"<title>Article {number}</title><p>Text.</p>")
    web.sitemap(f"{BLOG}/sitemap.xml", [_at(name) for name in (*_TO_WALLS, *_READ)])
    return web


def _check(web: Web, url: str, folder: Path, *store: str) -> tuple[int, dict[str, Any]]:
    """``citecheck check URL`` through the CLI against ``web`` (``store``: its flags, else none)."""
    with SampleWeb(web) as site:
        argv = ["check", url, *(store or ("--no-store",)), "--processes", "1"]
        argv += ["--report-dir", str(folder), "--format", "json", "--archive", "off"]
        argv += ["--cacert", str(site.ca_path)]
        for rule in site.connect_to():
            argv += ["--connect-to", rule]
        code = main(argv)
    return code, json.loads((folder / "report.json").read_text(encoding="utf-8"))


def _unreadable(report: dict[str, Any]) -> dict[str, str]:
    problems = report["problems"]
    return {p["subject"]: p["message"] for p in problems if p["code"] == "post-unreadable"}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any]]:
    return _check(_web(), f"{BLOG}/sitemap.xml", tmp_path_factory.mktemp("crawled"))


@pytest.mark.parametrize("name", sorted(_TO_WALLS))
def test_a_post_page_whose_refresh_header_forwards_to_a_login_page_is_unreadable(
    crawled: tuple[int, dict[str, Any]], name: str
) -> None:
    code, report = crawled
    message = _unreadable(report)[_at(name)]
    assert "forwards the reader at once (its Refresh header)" in message
    assert "authorize" in message or "/login?next=" in message
    assert _at(name) not in {d["url"] for d in report["documents"]}
    assert code == ExitCode.FAILED


def test_a_later_refresh_on_a_page_of_text_and_a_moved_stub_are_read(
    crawled: tuple[int, dict[str, Any]],
) -> None:
    _code, report = crawled
    assert {d["url"] for d in report["documents"]} == {_at(name) for name in _READ}
    assert report["summary"]["accounting"]["posts_unreadable"] == len(_TO_WALLS)


def test_a_named_post_page_whose_refresh_header_forwards_to_a_login_page_is_unreadable(
    tmp_path: Path,
) -> None:
    code, report = _check(_web(), _at("login"), tmp_path)
    assert _at("login") in _unreadable(report)
    assert report["documents"] == []
    assert code == ExitCode.FAILED


def test_a_header_added_beside_a_body_a_warm_run_kept_is_still_judged(tmp_path: Path) -> None:
    store = ("--store", str(tmp_path / "store.sqlite3"))
    code, report = _check(_web(headers=False), _at("sso"), tmp_path / "cold", *store)
    assert _unreadable(report) == {} and code == ExitCode.OK  # the post, read and kept
    code, report = _check(_web(), _at("sso"), tmp_path / "warm", *store)
    assert _at("sso") in _unreadable(report)
    assert code == ExitCode.FAILED


def test_only_a_forward_at_once_to_a_wall_s_address_counts() -> None:
    page = _at("x")
    assert refreshed_to_wall(page, page, "", _REDIRECTING) is None
    assert refreshed_to_wall(page, page, "0", _REDIRECTING) is None  # a reload
    assert refreshed_to_wall(page, page, f"0; url={BLOG}/2025/06/new", _REDIRECTING) is None
    assert refreshed_to_wall(page, page, "0; url=/signin", _REDIRECTING) is not None
    assert refreshed_to_wall(page, page, "5; url=/signin", _REDIRECTING) is not None  # no text
    assert refreshed_to_wall(page, page, "5; url=/signin", _article(1)) is None  # text to read
