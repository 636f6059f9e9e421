"""Probe 26: a feed or sitemap whose every entry is on another host says so, and names it.

A Hugo site built with ``baseURL = "http://localhost:1313"`` (han8931.github.io's committed
``public/``) names ``http://localhost:1313/…`` in every entry of its ``index.xml`` and
``sitemap.xml``.  Given either as the input, the entries are rightly not read (another host:
never a request off the named site), but the run said only "this input yielded no post to
check", and the user could not tell a broken build from a wrong URL.  The line now says how many
entries name another host, and which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://han.fixture-p26f.example"
BUILT = "http://localhost:1313"
_SLUGS = ("uv-packages", "gif_linux", "causality-1")


def _web(base: str) -> Web:
    """The site as served, its feed and sitemap naming ``base`` (where it was built)."""
    web = Web()
    items = "".join(
        f"<item><title>{s}</title><link>{base}/{s}/</link><guid>{base}/{s}/</guid>"
        f"<pubDate>Mon, 01 Sep 2025 00:00:00 +0000</pubDate><description>{s}</description></item>"
        for s in _SLUGS
    )
    feed = (
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?><rss version="2.0"><channel>'
        f"<title>Han</title><link>{base}/</link><generator>Hugo -- gohugo.io</generator>"
        f"{items}</channel></rss>"
    )
    web.add(
        f"{HOST}/index.xml",
        Response(200, (("Content-Type", "application/rss+xml"),), feed.encode()),
    )
    urls = "".join(f"<url><loc>{base}/{s}/</loc></url>" for s in ("", *_SLUGS))
    sitemap = (
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?><urlset '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
    web.add(
        f"{HOST}/sitemap.xml",
        Response(200, (("Content-Type", "application/xml"),), sitemap.encode()),
    )
    for slug in _SLUGS:
        web.page(
            f"{HOST}/{slug}/",
            f"<title>{slug}</title><article><h1>{slug}</h1><p>Text.</p></article>",
        )
    return web


def _said(report: dict[str, object], code: str) -> list[str]:
    problems = report["problems"]
    assert isinstance(problems, list)
    return [p["message"] for p in problems if p["code"] == code and p["subject"]]


@pytest.mark.parametrize(("name", "entries"), [("index.xml", 3), ("sitemap.xml", 4)])
def test_entries_all_on_another_host_are_said_and_named(
    tmp_path: Path, name: str, entries: int
) -> None:
    code, report, asked = run_on_web(_web(BUILT), f"{HOST}/{name}", tmp_path)
    (line,) = _said(report, "nothing-checked")
    assert "yielded no post" in line
    assert f"{entries} entries it lists are on another host, localhost:1313" in line
    assert asked == {f"{HOST}/{name}"}  # nothing asked of localhost, nor of the site's pages
    assert "\n" not in line
    assert code == ExitCode.FAILED  # as before: nothing-checked fails the run


def test_a_feed_on_its_own_host_says_no_other_host(tmp_path: Path) -> None:
    """The guard (passes before and after): entries on the input's host are read, and nothing
    is said of another host."""
    code, report, _asked = run_on_web(_web(HOST), f"{HOST}/index.xml", tmp_path)
    assert sorted(d["url"] for d in report["documents"]) == sorted(f"{HOST}/{s}/" for s in _SLUGS)
    assert not any("another host" in m for m in _said(report, "nothing-checked"))
    assert code == ExitCode.FAILED  # the posts cite nothing: the run checked no citation
