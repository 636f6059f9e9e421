"""Probe 25b: a named page read as a listing (trust25's rule) must not drop what it cites.

trust25 reads a tag, category, series or archive page named as the input as the posts it lists,
each from its own page.  Two inputs it was not built on:

* a series or tag page with an introduction of its own (Hugo's ``_index.md`` content above the
  list) citing a source: the page was replaced by its posts, and a dead link in that
  introduction passed, exit 0, with nothing saying the page was not read as a page;
* a "links of the week" page under ``/tags/`` whose headings link other sites: the other
  sites' pages were taken as this blog's posts, then dropped as off-site, and the run said
  "yielded no post" (``nothing-checked``) for a page full of citations.

A listing's posts are the site's own pages; what the page cites outside its teasers stays a
document of its own (the page, its teasers taken out), so it is checked and shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.cli import ExitCode
from checker.discover.blogger import read_listing
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web
from tests.test_probe25_named_listing import DEAD, HOST, LIVE, _post, _teaser

OTHER = "https://other.fixture-p25b.example"


def _series_web(intro: str) -> Web:
    web = Web()
    teasers = "".join(_teaser(slug) for slug in ("first", "second"))
    web.page(
        f"{HOST}/series/rust/",
        "<!DOCTYPE html><html><head><title>Rust</title></head><body><main>"
        f"<section class='intro'>{intro}</section>{teasers}</main></body></html>",
    )
    web.page(f"{HOST}/post/first/", _post("first", LIVE))
    web.page(f"{HOST}/post/second/", _post("second", LIVE))
    web.page(DEAD, "<title>Not Found</title><p>No such page.</p>", status=404)
    web.page(LIVE, "<title>Source</title><article><h1>Source</h1><p>The source's text.</p>")
    return web


def _statuses(report: dict[str, Any]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for document in report["documents"]:
        for citation in document["citations"]:
            found.setdefault(citation["url"], set()).add(citation["status"])
    return found


def test_a_listing_s_own_citation_outside_its_teasers_is_checked(tmp_path: Path) -> None:
    intro = f"<p>This series follows <a href='{DEAD}'>the proposal</a>, now withdrawn.</p>"
    code, report, _asked = run_on_web(_series_web(intro), f"{HOST}/series/rust/", tmp_path)
    documents = sorted(d["url"] for d in report["documents"])
    assert documents == [f"{HOST}/post/first/", f"{HOST}/post/second/", f"{HOST}/series/rust/"]
    assert _statuses(report)[DEAD] == {"broken"}  # passed, exit 0
    (page,) = [d for d in report["documents"] if d["url"] == f"{HOST}/series/rust/"]
    assert [c["url"] for c in page["citations"]] == [DEAD]  # the teasers' links are the posts'
    (note,) = [p for p in report["problems"] if p["code"] == "files-not-read"]
    assert note["subject"] == f"{HOST}/series/rust/"
    assert "read as 2 posts it lists" in note["message"]
    assert "checked as a post of its own" in note["message"]
    assert code == ExitCode.FAILED


def test_a_page_read_as_its_posts_is_said(tmp_path: Path) -> None:
    intro = "<p>Posts about Rust.</p>"
    code, report, _asked = run_on_web(_series_web(intro), f"{HOST}/series/rust/", tmp_path)
    (note,) = [p for p in report["problems"] if p["code"] == "files-not-read"]
    assert note["severity"] == "info"
    assert f"{HOST}/series/rust/ lists posts" in note["message"]
    assert "read as 2 posts it lists" in note["message"]  # was said nowhere
    assert code == ExitCode.OK


def test_a_listing_with_nothing_of_its_own_gives_its_posts_only(tmp_path: Path) -> None:
    intro = f"<p>Posts about Rust; see also <a href='{HOST}/tags/go/'>Go</a>.</p>"
    code, report, _asked = run_on_web(_series_web(intro), f"{HOST}/series/rust/", tmp_path)
    documents = sorted(d["url"] for d in report["documents"])
    assert documents == [f"{HOST}/post/first/", f"{HOST}/post/second/"]
    assert code == ExitCode.OK


def test_a_page_whose_headings_link_other_sites_is_read_as_the_page(tmp_path: Path) -> None:
    web = Web()
    items = "".join(
        f"<article><h3><a href='{OTHER}/{slug}'>{slug}</a></h3>"
        f"<p>Worth reading, via <a href='{LIVE}'>a newsletter</a>.</p></article>"
        for slug in ("a", "b", "c")
    )
    web.page(
        f"{HOST}/tags/weekly-links/",
        "<!DOCTYPE html><html><head><title>Weekly links</title></head><body><main>"
        f"<h1>Links of the week</h1>{items}</main></body></html>",
    )
    for slug in ("a", "b"):
        web.page(f"{OTHER}/{slug}", f"<title>{slug}</title><article><p>{slug}</p></article>")
    web.page(f"{OTHER}/c", "<title>Not Found</title><p>No such page.</p>", status=404)
    web.page(LIVE, "<title>Source</title><article><h1>Source</h1><p>The source's text.</p>")
    code, report, _asked = run_on_web(web, f"{HOST}/tags/weekly-links/", tmp_path)
    # the page itself (its three <article>s read as its parts, as before trust25's rule)
    assert {d["url"] for d in report["documents"]} == {f"{HOST}/tags/weekly-links/"}
    statuses = _statuses(report)
    assert statuses[f"{OTHER}/a"] == {"ok"}
    assert statuses[f"{OTHER}/c"] == {"broken"}  # was "yielded no post": nothing checked
    assert code == ExitCode.FAILED


def test_teaser_titles_are_read_in_document_order_and_no_other_heading() -> None:
    """The one-walk reader of teasers' title links (the quadratic XPath it replaced took 92 CPU
    seconds for a tag page of 10,000 teasers: bench/README.md, probe 25b): the same links, in
    the same order, as the XPath ``//article//*[self::h1…]//a | //*[…entry-title…]//a``."""
    page = (
        "<html><body><header><h1><a href='/home'>Blog</a></h1></header><main>"
        "<article><h2><span><a href='/one'>One</a></span></h2><p><a href='/cited'>x</a></p>"
        "<h4><a href='/h4'>not a title</a></h4></article>"
        "<div class='post entry-title'><a href='/two'>Two</a></div>"
        "<h2><a href='/loose'>a heading outside any article</a></h2>"
        "<article><article><h3><a href='/three'>Three</a></h3></article></article>"
        "</main></body></html>"
    )
    posts = read_listing(page, f"{HOST}/tags/x/").posts
    assert [p.url for p in posts] == [f"{HOST}/one", f"{HOST}/two", f"{HOST}/three"]


def test_a_post_at_a_listing_path_linking_the_site_s_posts_in_its_text_keeps_its_sources(
    tmp_path: Path,
) -> None:
    """A "best of" post at ``/series/…`` with no ``og:type``, linking the site's posts in its
    prose: taken as a listing (its links read as titles-only), the whole article holding them
    was taken out as if it were one teaser, and the dead source it cites beside them with it."""
    web = _series_web("")
    web.page(
        f"{HOST}/series/best-of-2024/",
        "<!DOCTYPE html><html><head><title>Best of 2024</title></head><body><article>"
        f"<h1>Best of 2024</h1><p>My favourites: <a href='/post/first/'>the first</a> and "
        f"<a href='/post/second/'>the second</a>.  Both build on <a href='{DEAD}'>a paper</a>."
        "</p></article></body></html>",
    )
    code, report, _asked = run_on_web(web, f"{HOST}/series/best-of-2024/", tmp_path)
    assert _statuses(report)[DEAD] == {"broken"}  # dropped with the article, exit 0
    (note,) = [p for p in report["problems"] if p["code"] == "files-not-read"]
    assert "checked as a post of its own" in note["message"]
    assert code == ExitCode.FAILED
