"""Hatena Blog's link card (``[URL:embed:cite]``, written out as an ``<iframe
src="https://hatenablog-parts.com/embed?url=URL">`` and a ``<cite class="hatena-citation">``
link to URL) is one citation of URL (session 27 left: the iframe's address on Hatena's card
server was cited beside the link it wraps, so an outage of Hatena's machinery was a finding
about the blog's source).  Through the real CLI on the fixture web, a fetched post and a
Movable Type export's entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

BLOG = "https://left28.hatenablog.example"
SOURCE = "https://src.fixture-left28.example"
CARDS = "hatenablog-parts.com"


def _card(url: str, *, cite: bool = True) -> str:
    """The markup Hatena Blog writes for ``[URL:embed:cite]``."""
    frame = (
        f'<iframe src="https://{CARDS}/embed?url={quote(url, safe="")}" title="A page - '
        'Source" class="embed-card embed-webcard" scrolling="no" frameborder="0" '
        'style="display: block; width: 100%; height: 155px; max-width: 500px; margin: 10px '
        '0px;" loading="lazy"></iframe>'
    )
    return frame + (
        f'<cite class="hatena-citation"><a href="{url}">{url}</a></cite>' if cite else ""
    )


def _web(body: str) -> Web:
    web = Web()
    web.page(
        f"{BLOG}/entry/2024/05/01/120000",
        "<!DOCTYPE html><html><head><title>An entry</title></head><body><article>"
        f"<h1>An entry</h1><p>Read this.</p><p>{body}</p></article></body></html>",
    )
    web.page(f"{SOURCE}/live", "<title>A page - Source</title><p>A live page.</p>")
    return web


def _cited(report: dict[str, Any]) -> dict[str, str]:
    return {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}


def test_a_hatena_link_card_is_one_citation_of_the_page_it_shows(tmp_path: Path) -> None:
    body = _card(f"{SOURCE}/live") + _card(f"{SOURCE}/dead") + _card(f"{SOURCE}/alone", cite=False)
    code, report, asked = run_on_web(_web(body), f"{BLOG}/entry/2024/05/01/120000", tmp_path)
    cited = _cited(report)
    assert cited == {
        f"{SOURCE}/live": "ok",
        f"{SOURCE}/dead": "broken",
        f"{SOURCE}/alone": "broken",  # a card without its cite line: the page it shows
    }
    assert not any(CARDS in url for url in asked)
    (post,) = report["documents"]
    assert len(post["citations"]) == 3
    assert code == ExitCode.FAILED


def test_another_iframe_keeps_its_own_address(tmp_path: Path) -> None:
    """The near miss: an iframe of another host, or Hatena's card server without ``url=``,
    is cited as it is."""
    body = (
        f'<iframe src="{SOURCE}/player?url={quote(SOURCE + "/live", safe="")}"></iframe>'
        f'<iframe src="https://{CARDS}/embed?id=3"></iframe>'
    )
    _code, report, _asked = run_on_web(_web(body), f"{BLOG}/entry/2024/05/01/120000", tmp_path)
    cited = set(_cited(report))
    assert f"{SOURCE}/player?url={quote(SOURCE + '/live', safe='')}" in cited
    assert f"https://{CARDS}/embed?id=3" in cited


def test_a_card_in_a_movable_type_export_is_the_page_it_shows(tmp_path: Path) -> None:
    export = tmp_path / "left28.hatenablog.example.export.txt"
    export.write_text(
        "AUTHOR: left28\nTITLE: An entry\nBASENAME: 2024/05/01/120000\nSTATUS: Publish\n"
        "CONVERT BREAKS: 0\nDATE: 05/01/2024 12:00:00\n-----\nBODY:\n"
        f"<p>Read this.</p>\n<p>{_card(SOURCE + '/dead')}</p>\n-----\n--------\n",
        encoding="utf-8",
    )
    code, report, asked = run_on_web(_web(""), str(export), tmp_path / "out")
    assert _cited(report) == {f"{SOURCE}/dead": "broken"}
    assert not any(CARDS in url for url in asked)
    assert code == ExitCode.FAILED
