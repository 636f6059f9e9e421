"""A sitemap entry that names no web page is said, never dropped without a word.

``<loc>https://?x</loc>``, ``<loc>mailto:…</loc>``, ``<loc>ftp://…</loc>``: each stands for a
page of the site that cannot be read.  Session 37 stopped reading ``https://?x`` as the sitemap
itself, and then dropped it as a ``mailto:`` loc was dropped: a post the site lists was never
checked, and the run passed saying nothing of it.  Now the sitemap is an unread listing naming
the entries (one line, secrets redacted), and its good entries are read as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.config import Config
from checker.discover.crawl import _whole
from checker.discover.sitemap import SitemapPage, parse_sitemap
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.discover.conftest import run_discovery, served_config
from tests.test_probe24_sitemap_listings import run_on_web

_XML = (("Content-Type", "application/xml"),)
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
_POST = "<html><head><title>A post</title></head><body><p>Text.</p></body></html>"


def _urlset(*locs: str) -> str:
    return f"<urlset {_NS}>" + "".join(f"<url><loc>{loc}</loc></url>" for loc in locs) + "</urlset>"


def test_parse_sitemap_keeps_the_entries_that_name_no_web_page() -> None:
    found = parse_sitemap(
        _urlset("https://?x", "mailto:a@b.example", "/p", "ftp://files.example/f"),
        "https://blog.example/sitemap.xml",
    )
    assert found is not None
    assert found.urls == (("https://blog.example/p", None),)
    assert found.unusable == ("https://?x", "mailto:a@b.example", "ftp://files.example/f")


def test_a_sitemap_index_keeps_its_children_that_name_no_web_page() -> None:
    index = f"<sitemapindex {_NS}><sitemap><loc>https://#y</loc></sitemap></sitemapindex>"
    found = parse_sitemap(index, "https://blog.example/sitemap.xml")
    assert found is not None and found.children == () and found.unusable == ("https://#y",)


def test_a_sitemap_of_good_entries_has_none_unusable() -> None:
    found = parse_sitemap(_urlset("https://blog.example/a", "b"), "https://blog.example/s.xml")
    assert found is not None and found.unusable == ()


def _web() -> Web:
    web = Web()
    token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    for host, locs in {
        "one.x": ("https://one.x/post.html", "https://?x"),
        "many.x": (
            "https://many.x/post.html",
            f"ftp://many.x/{token}",
            "mailto:a@many.x",
            "https:",
            "//#y",
        ),
        "good.x": ("https://good.x/post.html",),
    }.items():
        web.page(f"https://{host}/post.html", _POST)
        web.add(f"https://{host}/sitemap.xml", Response(200, _XML, _urlset(*locs).encode()))
    index = f"<sitemapindex {_NS}><sitemap><loc>https://?child</loc></sitemap>"
    index += "<sitemap><loc>https://index.x/posts.xml</loc></sitemap></sitemapindex>"
    web.add("https://index.x/sitemap.xml", Response(200, _XML, index.encode()))
    web.add("https://index.x/posts.xml", Response(200, _XML, _urlset("/post.html").encode()))
    web.page("https://index.x/post.html", _POST)
    return web


@pytest.fixture(scope="module")
def config() -> Iterator[Config]:
    with SampleWeb(_web()) as site:
        yield served_config(site)


def test_an_entry_with_no_host_is_said_and_the_good_entry_read(config: Config) -> None:
    found, _requests = run_discovery(config, "https://one.x/sitemap.xml")
    assert [page.url for page in found.pages] == ["https://one.x/post.html"]
    assert [(u.url, u.reason, u.listing) for u in found.failed] == [
        ("https://one.x/sitemap.xml", "1 entry names no web page: 'https://?x'", "sitemap")
    ]
    assert found.failed[0].fix is not None and "<loc>" in found.failed[0].fix


def test_many_such_entries_are_one_line_quoting_three_secrets_redacted(config: Config) -> None:
    found, _requests = run_discovery(config, "https://many.x/sitemap.xml")
    assert [page.url for page in found.pages] == ["https://many.x/post.html"]
    (unread,) = found.failed
    assert unread.reason.startswith("4 entries name no web page: 'ftp://many.x/")
    assert unread.reason.endswith("'mailto:a@many.x', 'https:' and 1 more")
    assert "A1b2C3d4" not in repr(found)


def test_a_sitemap_index_child_with_no_host_is_said(config: Config) -> None:
    found, _requests = run_discovery(config, "https://index.x/sitemap.xml")
    assert [page.url for page in found.pages] == ["https://index.x/post.html"]
    assert [(u.url, u.reason) for u in found.failed] == [
        ("https://index.x/sitemap.xml", "1 entry names no web page: 'https://?child'")
    ]


def test_a_sitemap_of_good_entries_says_nothing(config: Config) -> None:
    found, _requests = run_discovery(config, "https://good.x/sitemap.xml")
    assert [page.url for page in found.pages] == ["https://good.x/post.html"] and not found.failed


def test_a_cut_sitemaps_last_entry_is_the_one_dropped_whichever_list_it_is_in() -> None:
    good, cut = "https://blog.example/a", "https:"  # ``<loc>https://…`` cut after its colon
    ends_cut = parse_sitemap(_urlset(good, cut), "https://blog.example/s.xml")
    assert _whole(ends_cut, truncated=True) == SitemapPage(urls=((good, None),))
    ends_good = parse_sitemap(_urlset(cut, good), "https://blog.example/s.xml")
    kept = _whole(ends_good, truncated=True)
    assert kept is not None and kept.urls == () and kept.unusable == (cut,)


def test_the_report_says_the_sitemap_was_read_in_part_and_fails_the_run(tmp_path: Path) -> None:
    code, report, _asked = run_on_web(_web(), "https://one.x/sitemap.xml", tmp_path)
    assert [d["url"] for d in report["documents"]] == ["https://one.x/post.html"]
    (said,) = [p for p in report["problems"] if p["code"] == "listing-unreadable"]
    assert said["subject"] == "https://one.x/sitemap.xml" and said["failing"]
    assert said["message"] == (
        "discovery read this sitemap only in part (1 entry names no web page: 'https://?x'); "
        "the posts those entries stand for were not found, so they were not checked"
    )
    assert code == 1
