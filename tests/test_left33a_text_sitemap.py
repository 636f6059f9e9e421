"""A text sitemap (sitemaps.org's "Text file" format: one absolute URL a line, any ``.txt`` name
to Google) is read as a sitemap: named as the input (``https://blog/sitemap.txt``) or declared by
robots.txt, its URLs are the posts read.  Named, it was one document of links and no post was
read; declared, it was "not a sitemap" and the blog's posts were lost (session 32 left).  A
``.txt`` of another name named as the input stays a document of links (guard), and a declared
``.txt`` holding more than URLs is still "not a sitemap" (guard).  Served through the sample web
(loopback TLS, ``--connect-to``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "blog.fixture-l33a.example"
SOURCE = "https://src.fixture-l33a.example"
_TEXT = (("Content-Type", "text/plain; charset=utf-8"),)
POSTS = ("2025/01/first.html", "2025/02/second.html")


def _web(listing: str, robots: str = "") -> Web:
    web = Web()
    web.page(f"https://{HOST}/", "<html><head><title>Blog</title></head><body>Home</body></html>")
    for post in POSTS:
        name = post.rsplit("/", 1)[-1].removesuffix(".html")
        web.page(
            f"https://{HOST}/{post}",
            f"<!DOCTYPE html><html><head><title>{name}</title></head><body><article>"
            f"<h1>{name}</h1><p>As <a href='{SOURCE}/{name}'>the report</a> says. "
            + "Words. " * 30
            + "</p></article></body></html>",
        )
        web.page(
            f"{SOURCE}/{name}", f"<html><head><title>{name}</title></head><body>x</body></html>"
        )
    body = "".join(f"https://{HOST}/{post}\n" for post in POSTS) + listing
    for name in ("sitemap.txt", "urls.txt"):
        web.add(f"https://{HOST}/{name}", Response(200, _TEXT, body.encode()))
    if robots:
        web.add(f"https://{HOST}/robots.txt", Response(200, _TEXT, robots.encode()))
    return web


@pytest.mark.parametrize(
    ("named", "robots"),
    [
        ("sitemap.txt", ""),
        ("", f"User-agent: *\nDisallow:\n\nSitemap: https://{HOST}/urls.txt\n"),
    ],
    ids=["named", "declared-by-robots"],
)
def test_a_text_sitemap_s_urls_are_the_posts_read(tmp_path: Path, named: str, robots: str) -> None:
    _code, report, _asked = run_on_web(_web("", robots), f"https://{HOST}/{named}", tmp_path)
    read = sorted(d["url"].removeprefix(f"https://{HOST}/") for d in report["documents"])
    assert read == sorted(POSTS)
    cited = sorted(c["url"] for d in report["documents"] for c in d["citations"])
    assert cited == [f"{SOURCE}/first", f"{SOURCE}/second"]
    assert not [p for p in report["problems"] if p["code"] == "listing-unreadable"]


def test_a_txt_of_another_name_named_as_the_input_is_a_document_of_links(tmp_path: Path) -> None:
    _code, report, _asked = run_on_web(_web(""), f"https://{HOST}/urls.txt", tmp_path)
    assert [d["url"] for d in report["documents"]] == [f"https://{HOST}/urls.txt"]
    cited = sorted(c["url"] for d in report["documents"] for c in d["citations"])
    assert cited == sorted(f"https://{HOST}/{post}" for post in POSTS)


def test_a_declared_txt_holding_more_than_urls_is_no_sitemap(tmp_path: Path) -> None:
    robots = f"User-agent: *\nDisallow:\n\nSitemap: https://{HOST}/urls.txt\n"
    _code, report, _asked = run_on_web(
        _web("see also the archive\n", robots), f"https://{HOST}/", tmp_path
    )
    (unread,) = [p for p in report["problems"] if p["code"] == "listing-unreadable"]
    assert f"https://{HOST}/urls.txt" in json.dumps(unread) and "not a sitemap" in unread["message"]
