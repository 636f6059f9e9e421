"""Probe 24 (real built sites crawled over HTTP): the pages a sitemap lists that only list posts.

A static generator's sitemap lists every page it built: the posts, and the home page, each tag,
category, series and archive page, and each page of the home's pager.  citecheck read them all
as posts: a real Hugo blog of 1,247 posts checked from its sitemap was 1,685 "posts", its tag
pages titled after the first excerpt they show, and every dead link of a post reported again
under each tag page that shows the post (197 broken for 140); a Hexo blog's 30 sitemap entries
held 14 such pages.  Those pages are listings: they are left out, said once (info), and the
posts are read from the sitemap's own entries.  A sitemap that lists nothing else keeps them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode, main
from checker.discover.urls import listing_path
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response

HOST = "hugo.fixture-p24.example"
_POSTS = ("post/first/", "post/second/", "2023/06/08/third/")
_LISTINGS = (
    "",
    "post/",
    "tags/",
    "tags/docker/",
    "categories/notes/",
    "page/2/",
    "tags/docker/page/2/",
    "archives/",
    "search/",
)
_DEAD = "https://gone.fixture-p24.example/dead"


def _sitemap(paths: tuple[str, ...]) -> str:
    urls = "".join(f"<url><loc>https://{HOST}/{p}</loc></url>" for p in paths)
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )


def _article(title: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1><p>{title} cites <a href='{_DEAD}'>a dead page</a> for its claim, "
        "with enough words around it to be read as the post's text.</p></article></body></html>"
    )


def _web(paths: tuple[str, ...]) -> Web:
    web = Web()
    web.add(
        f"https://{HOST}/sitemap.xml",
        Response(200, (("Content-Type", "application/xml"),), _sitemap(paths).encode()),
    )
    web.page(_DEAD, "<title>Not Found</title><p>No such page.</p>", status=404)
    for path in paths:
        # every page shows a post's excerpt with its dead link, as a tag page or the home does
        web.page(f"https://{HOST}/{path}", _article(path or "home"))
    return web


def run_on_web(
    web: Web, url: str, tmp_path: Path, extra: tuple[str, ...] = ()
) -> tuple[int, dict[str, Any], set[str]]:
    """``citecheck check URL`` through the CLI against ``web``, with the ``extra`` flags: the exit
    status, report.json and the URLs the web was asked (the probe 24 tests' one way to run a
    served site)."""
    with SampleWeb(web) as site:
        argv = ["check", url, "--no-store", "--processes", "1"]
        argv += ["--report-dir", str(tmp_path), "--format", "json", "--archive", "off"]
        argv += ["--cacert", str(site.ca_path)]
        for rule in site.connect_to():
            argv += ["--connect-to", rule]
        code = main(argv + list(extra))
        asked = {asked_url for _method, asked_url in site.requests}
    return code, json.loads((tmp_path / "report.json").read_text(encoding="utf-8")), asked


def _check(tmp_path: Path, paths: tuple[str, ...]) -> tuple[int, dict[str, Any], set[str]]:
    return run_on_web(_web(paths), f"https://{HOST}/sitemap.xml", tmp_path)


def test_listing_pages_of_a_sitemap_are_not_read_as_posts_and_are_said(tmp_path: Path) -> None:
    code, report, asked = _check(tmp_path, _POSTS + _LISTINGS)
    posts = sorted(d["url"] for d in report["documents"])
    assert posts == sorted(f"https://{HOST}/{p}" for p in _POSTS)
    assert not any(f"https://{HOST}/{p}" in asked for p in _LISTINGS)  # never fetched
    (note,) = [p for p in report["problems"] if p["code"] == "files-not-read"]
    assert note["severity"] == "info"
    assert f"{len(_LISTINGS)} pages" in note["message"]
    assert code == ExitCode.FAILED  # each post's dead link, once


def test_a_sitemap_of_listings_only_still_reads_them(tmp_path: Path) -> None:
    code, report, _asked = _check(tmp_path, ("",))
    assert [d["url"] for d in report["documents"]] == [f"https://{HOST}/"]
    assert code == ExitCode.FAILED


@pytest.mark.parametrize(
    ("path", "listing"),
    [
        ("/", True),
        ("/index.html", True),
        ("/tags/docker/", True),
        ("/tag/x/", True),
        ("/categories/", True),
        ("/category/news/page/3/", True),
        ("/series/a/", True),
        ("/archives/2023/06/", True),
        ("/archives/", True),
        ("/archives/page/2/", True),
        ("/archive/2019/", True),
        ("/archives/123", False),  # WordPress's numeric permalinks: each one a post
        ("/archives/4411/", False),
        ("/archives/my-first-post/", False),
        ("/page/2/", True),
        ("/post/page/2/", True),
        ("/posts/", True),
        ("/search/", True),
        ("/author/jane/", True),
        ("/en/tags/x/", True),
        ("/2023/06/08/third/", False),
        ("/2025/12/blog-post_8.html", False),
        ("/post/first/", False),
        ("/about/", False),
        ("/p/about.html", False),
        ("/page/about/", False),
        ("/tagsoup-parsing/", False),
        ("/en/", False),
        ("/2015/08/", False),  # a real Hugo blog's post with an empty slug, not a date archive
    ],
)
def test_listing_path(path: str, listing: bool) -> None:
    assert listing_path(f"https://{HOST}{path}") is listing
