"""Probe 27: a sitemap index of ``.xml.gz`` sitemaps, one served as ``application/octet-stream``.

A server with no type for ``.gz`` (S3, a bare nginx) serves ``sitemap-2.xml.gz`` as
``application/octet-stream``; search engines read it by its gzip bytes.  citecheck read only one
typed ``application/(x-)gzip``: the other was "not a text page", its posts never checked, and the
run failed with ``listing-unreadable`` on a site whose sitemaps are fine.  The alternates a
sitemap names for each page (``xhtml:link hreflang``) are the site's translations, each listed
in its own ``<url>`` by the protocol: not read as posts.

Through the real CLI on the fixture web.
"""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode
from checker.fetch.body import Body, gunzip_file
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://gz.fixture-p27.example"


def _post(number: int) -> str:
    cited = f"{HOST}/dead" if number == 4 else f"{HOST}/source"
    return (
        f"<!DOCTYPE html><html><head><title>p{number}</title>"
        "<meta property='og:type' content='article'></head><body><article>"
        f"<h1>p{number}</h1><p>The post {number} cites <a href='{cited}'>its source</a> in a "
        "sentence long enough to be read as the post's own text.</p></article></body></html>"
    )


def _urlset(numbers: tuple[int, ...]) -> bytes:
    urls = "".join(
        f"<url><loc>{HOST}/posts/p{n}/</loc><xhtml:link rel='alternate' hreflang='ja' "
        f"href='{HOST}/ja/posts/p{n}/'/></url>"
        for n in numbers
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/"
        f"sitemap/0.9' xmlns:xhtml='http://www.w3.org/1999/xhtml'>{urls}</urlset>"
    ).encode()


@pytest.mark.parametrize("served_as", ["application/octet-stream", "binary/octet-stream"])
def test_a_gzip_sitemap_served_untyped_is_read(tmp_path: Path, served_as: str) -> None:
    web = Web()
    for number in range(1, 5):
        web.page(f"{HOST}/posts/p{number}/", _post(number))
    web.page(f"{HOST}/source", "<title>S</title><article><h1>S</h1><p>Text.</p></article>")
    web.page(f"{HOST}/dead", "<title>Not Found</title><p>No such page.</p>", status=404)
    gz = (("Content-Type", "application/x-gzip"),)
    web.add(f"{HOST}/sitemap-1.xml.gz", Response(200, gz, gzip.compress(_urlset((1, 2)))))
    untyped = (("Content-Type", served_as),)
    web.add(f"{HOST}/sitemap-2.xml.gz", Response(200, untyped, gzip.compress(_urlset((3, 4)))))
    index = "".join(f"<sitemap><loc>{HOST}/sitemap-{n}.xml.gz</loc></sitemap>" for n in (1, 2))
    web.add(
        f"{HOST}/sitemap_index.xml",
        Response(
            200,
            (("Content-Type", "application/xml"),),
            (
                "<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='http://www.sitemaps"
                f".org/schemas/sitemap/0.9'>{index}</sitemapindex>"
            ).encode(),
        ),
    )
    code, report, asked = run_on_web(web, f"{HOST}/sitemap_index.xml", tmp_path)
    assert sorted(d["url"] for d in report["documents"]) == [
        f"{HOST}/posts/p{n}/" for n in range(1, 5)
    ]
    assert not [p for p in report["problems"] if p["code"] == "listing-unreadable"]
    assert not any("/ja/" in url for url in asked)
    broken = [
        c["url"] for d in report["documents"] for c in d["citations"] if c["status"] == "broken"
    ]
    assert broken == [f"{HOST}/dead"]  # the dead link of the post the untyped sitemap lists
    assert code == ExitCode.FAILED


def test_only_an_untyped_xml_gz_is_gunzipped() -> None:
    """The near miss: an untyped download cited elsewhere (``data.csv.gz``) stays a download."""
    data = gzip.compress(b"<urlset/>")
    untyped = "application/octet-stream"
    assert gunzip_file(Body(data, False), untyped, 1000, f"{HOST}/data.csv.gz") is None
    assert gunzip_file(Body(data, False), untyped, 1000, f"{HOST}/s.xml.gz?v=2") == Body(
        b"<urlset/>", False
    )
