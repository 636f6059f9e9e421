"""Probe 26: another view of a post (AMP, print) listed beside the post.

A sitemap or listing that names a post and its AMP twin (``/x/amp/``, ``/x/?amp=1``) or print
view (``/x/print/``) had the one post checked and reported as four documents, all named by the
post's canonical URL, its dead link reported four times.  A page whose address has a view's
shape and whose canonical link names a post the run reads is that post: read once.  One post in
two languages (``/x/`` and ``/ja/x/``, hreflang twins) is two posts.
"""

from __future__ import annotations

from pathlib import Path

from checker.cli import ExitCode
from checker.discover.urls import view_of
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "https://amp.fixture-p26.example"
DEAD = "https://gone.fixture-p26.example/dead"
POST = f"{HOST}/2024/05/x/"


def _page(title: str, canonical: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f"<link rel=canonical href='{canonical}'>{head}</head><body><article><h1>{title}</h1>"
        f"<p>The post {title} cites <a href='{DEAD}'>its source</a> for the claim it makes, "
        "with enough words around the link to be read as the post's text.</p></article>"
        "</body></html>"
    )


def _web(listed: tuple[str, ...]) -> Web:
    web = Web()
    web.sitemap(f"{HOST}/sitemap.xml", [f"{HOST}{path}" for path in listed])
    web.page(DEAD, "<title>Not Found</title><p>No such page.</p>", status=404)
    hreflang = f"<link rel=alternate hreflang=ja href='{HOST}/ja/2024/05/x/'>"
    web.page(POST, _page("x", POST, f"<link rel=amphtml href='{POST}amp/'>{hreflang}"))
    for view in ("amp/", "?amp=1", "print/"):
        web.page(f"{POST}{view}", _page(f"x {view}", POST))
    web.page(f"{HOST}/ja/2024/05/x/", _page("x ja", f"{HOST}/ja/2024/05/x/"))
    # a post about AMP whose slug is a view's word: its own canonical URL
    web.page(f"{HOST}/2024/05/amp/", _page("amp", f"{HOST}/2024/05/amp/"))
    web.page(f"{HOST}/2024/05/", _page("a post with an empty slug", f"{HOST}/2024/05/"))
    return web


def test_views_of_a_post_are_read_as_the_post_once(tmp_path: Path) -> None:
    paths = ("/2024/05/x/", "/2024/05/x/amp/", "/2024/05/x/?amp=1", "/2024/05/x/print/")
    code, report, _asked = run_on_web(
        _web((*paths, "/ja/2024/05/x/")), f"{HOST}/sitemap.xml", tmp_path
    )
    documents = sorted((d["url"], d["title"]) for d in report["documents"])
    assert documents == [(POST, "x"), (f"{HOST}/ja/2024/05/x/", "x ja")]
    assert report["summary"]["findings"]["broken"] == 2  # once per language, not four times
    assert code == ExitCode.FAILED


def test_a_view_shaped_post_that_names_itself_is_a_post(tmp_path: Path) -> None:
    _code, report, _asked = run_on_web(
        _web(("/2024/05/", "/2024/05/amp/")), f"{HOST}/sitemap.xml", tmp_path
    )
    assert len(report["documents"]) == 2


def test_view_of() -> None:
    assert view_of(f"{HOST}/x/amp/") == f"{HOST}/x/"
    assert view_of(f"{HOST}/x/amp") == f"{HOST}/x"
    assert view_of(f"{HOST}/x/print/") == f"{HOST}/x/"
    assert view_of(f"{HOST}/x/?amp=1") == f"{HOST}/x/"
    assert view_of(f"{HOST}/x/?amp") == f"{HOST}/x/"
    assert view_of(f"{HOST}/x/?p=3&amp=1") == f"{HOST}/x/?p=3"
    assert view_of(f"{HOST}/amp/") is None  # the site's AMP home is no post's view
    assert view_of(f"{HOST}/x/") is None
    assert view_of(f"{HOST}/x/?page=2") is None
