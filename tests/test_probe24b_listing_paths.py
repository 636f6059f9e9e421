"""Probe 24b (a hostile look at session 24's discovery rules): posts whose paths look like
listings.

:func:`~checker.discover.urls.listing_path` holds back the pages a sitemap lists that only list
posts; what it holds back is said in one info line and never read, so a post it takes for a
listing is a silent pass: its dead links are never reported and the run passes.  Three shapes
of real posts it took for listings:

- a post *under* a taxonomy word: a series' part (``/series/rust-guide/part-3/``), a post on an
  author's path (``/authors/jane/posts/hello/``), a news site's dated article under its topic
  (``/topics/politics/2024/05/01/election-results/``).  A taxonomy's own pages are the root and
  one term (``/tags/docker/``) or a page of their pager; only WordPress's child categories
  (``/category/parent/child/``) and Blogger's ``/search/label/X`` go deeper;
- a page named ``page`` and a number in the *middle* of its path (``/docs/page/1/intro/``): a
  pager's page ends there;
- WordPress's numeric permalinks, ``/archives/%post_id%`` with no closing slash (the default
  "numeric" setting, common on Japanese blogs): posts 1900 to 2099 (``/archives/2019``) were
  taken for Hexo's year archives, which end with a slash (``/archives/2019/``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import ExitCode
from checker.discover.urls import listing_path
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "news.fixture-p24b.example"
_POSTS = (
    "series/rust-guide/part-3/",
    "authors/jane/posts/hello/",
    "topics/politics/2024/05/01/election-results/",
    "docs/page/1/intro/",
    "archives/2019",
    "ja/archives/2021",
)
_LISTINGS = ("", "tags/rust/", "series/rust-guide/", "archives/2019/", "category/a/b/")
_DEAD = "https://gone.fixture-p24b.example/dead"


def _web(paths: tuple[str, ...]) -> Web:
    urls = "".join(f"<url><loc>https://{HOST}/{p}</loc></url>" for p in paths)
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    web = Web()
    web.add(
        f"https://{HOST}/sitemap.xml",
        Response(200, (("Content-Type", "application/xml"),), sitemap.encode()),
    )
    web.page(_DEAD, "<title>Not Found</title><p>No such page.</p>", status=404)
    for path in paths:
        web.page(
            f"https://{HOST}/{path}",
            f"<!DOCTYPE html><html><head><title>{path}</title></head><body><article>"
            f"<h1>{path}</h1><p>This post cites <a href='{_DEAD}'>a dead page</a> for its "
            "claim, with enough words around it to be read as the post's text.</p>"
            "</article></body></html>",
        )
    return web


def test_posts_shaped_like_listings_are_read_from_the_sitemap(tmp_path: Path) -> None:
    code, report, asked = run_on_web(
        _web(_POSTS + _LISTINGS), f"https://{HOST}/sitemap.xml", tmp_path
    )
    read = sorted(d["url"] for d in report["documents"])
    assert read == sorted(f"https://{HOST}/{p}" for p in _POSTS)
    assert not any(f"https://{HOST}/{p}" in asked for p in _LISTINGS)
    (note,) = [p for p in report["problems"] if p["code"] == "files-not-read"]
    assert f"{len(_LISTINGS)} pages" in note["message"]
    assert code == ExitCode.FAILED


@pytest.mark.parametrize(
    ("path", "listing"),
    [
        ("/series/rust-guide/part-3/", False),
        ("/author/jane/my-first-post/", False),
        ("/authors/jane/posts/hello/", False),
        ("/topics/politics/2024/05/01/election-results/", False),
        ("/docs/page/1/intro/", False),
        ("/archives/2019", False),  # WordPress's numeric permalink: post 2019
        ("/ja/archives/2021", False),
        ("/archives/2019/", True),  # Hexo's year archive
        ("/archives/2019/index.html", True),
        ("/archives/2019/05", True),
        ("/series/rust-guide/", True),
        ("/series/rust-guide/page/2/", True),
        ("/author/jane/", True),
        ("/author/jane/page/3/", True),
        ("/tags/docker/page/2/", True),
        ("/category/parent/child/", True),  # WordPress's child categories
        ("/category/parent/child/page/2/", True),
        ("/search/label/Python", True),  # Blogger's label pages
        ("/blog/page/2/", True),
        ("/page/2/", True),
    ],
)
def test_listing_path_of_posts_under_listing_words(path: str, listing: bool) -> None:
    assert listing_path(f"https://{HOST}{path}") is listing
