"""A URL input served gzip-compressed without ``Content-Encoding`` is read as what it holds.

A static host serving a precompressed file as it is (``sitemap.xml.gz`` as ``text/xml``, a
``.html`` kept gzipped on disk as ``text/html``) sends gzip bytes under a text type.  They were
decoded as text: the sitemap was "not a sitemap" and the page a page of mojibake with no link,
its citations never read (probe 31).  A body a text type is declared for that opens with gzip's
magic number is a gzip file: no text starts with the control byte ``0x1f``.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from checker.fetch.body import Body, gunzip_file
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "gz.fixture-l32.example"
SOURCE = "https://src.fixture-l32.example"
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _post(n: int) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Post {n}</title></head><body><article>"
        f"<h1>Post {n}</h1><p>As <a href='{SOURCE}/report-{n}'>the report</a> said. "
        + "The council voted on the budget and the roads. " * 10
        + "</p></article></body></html>"
    )


def _web(kind: str) -> Web:
    web = Web()
    for n in range(3):
        web.page(f"https://{HOST}/2025/01/p{n}.html", _post(n))
        web.page(f"{SOURCE}/report-{n}", f"<html><head><title>Report {n}</title></head></html>")
    locs = "".join(f"<url><loc>https://{HOST}/2025/01/p{n}.html</loc></url>" for n in range(3))
    urlset = f'<?xml version="1.0" encoding="UTF-8"?><urlset {_NS}>{locs}</urlset>'.encode()
    web.add(
        f"https://{HOST}/sitemap.xml.gz",
        Response(200, (("Content-Type", kind),), gzip.compress(urlset)),
    )
    page = gzip.compress(_post(9).encode())
    web.page(f"{SOURCE}/report-9", "<html><head><title>Report 9</title></head></html>")
    web.add(f"https://{HOST}/saved.html", Response(200, (("Content-Type", "text/html"),), page))
    return web


@pytest.mark.parametrize("kind", ["text/xml", "application/xml; charset=utf-8"])
def test_a_gzip_sitemap_served_as_xml_gives_its_posts(tmp_path: Path, kind: str) -> None:
    code, report, _asked = run_on_web(_web(kind), f"https://{HOST}/sitemap.xml.gz", tmp_path)
    posts = sorted(d["url"] for d in report["documents"])
    assert posts == [f"https://{HOST}/2025/01/p{n}.html" for n in range(3)]
    assert report["summary"]["citations"] == 3
    assert code == 0


def test_a_gzip_page_served_as_html_gives_its_citations(tmp_path: Path) -> None:
    code, report, _asked = run_on_web(_web("text/xml"), f"https://{HOST}/saved.html", tmp_path)
    (document,) = report["documents"]
    assert document["title"] == "Post 9"
    assert [c["url"] for c in document["citations"]] == [f"{SOURCE}/report-9"]
    assert code == 0


def test_only_gzip_bytes_under_a_text_type_are_gunzipped() -> None:
    data = gzip.compress(b"<urlset/>")
    assert gunzip_file(Body(data, False), "text/xml", 1000) == Body(b"<urlset/>", False)
    assert gunzip_file(Body(b"<urlset/>", False), "text/xml", 1000) is None
    # a cited download stays the download it is
    assert gunzip_file(Body(data, False), "image/png", 1000) is None
    assert gunzip_file(Body(data, False), "application/octet-stream", 1000, "x/data.csv.gz") is None
