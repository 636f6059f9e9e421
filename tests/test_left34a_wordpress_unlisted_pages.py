"""Left 34a: a WordPress site with its sitemaps off and its REST API closed (401, 403, 404) or
answering no list (a security plugin's HTML page): the crawl could not list its pages (About,
a reading list citing sources) and said nothing (session 33 left).  It now says so, once, a
``listing-unreadable`` warning naming the REST route and why it is the only list of the pages;
a site whose route answers an empty list has no pages: nothing said (guard).  Its posts are
read as before.  Served through the sample web."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.sampleweb.server import Response
from tests.test_left33a_wordpress_rest_pages import POSTS, REST, _web
from tests.test_probe24_sitemap_listings import run_on_web

_JSON = (("Content-Type", "application/json; charset=UTF-8"),)
_FORBIDDEN = b'{"code":"rest_forbidden","message":"REST API restricted","data":{"status":403}}'
_WALL = b"<!doctype html><html><head><title>Blocked</title></head><body>No.</body></html>"


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (Response(403, _JSON, _FORBIDDEN), "HTTP 403"),
        (Response(404, _JSON, b'{"code":"rest_no_route"}'), "HTTP 404"),
        (Response(200, (("Content-Type", "text/html"),), _WALL), "not a JSON list"),
    ],
    ids=["403", "404", "html-200"],
)
def test_pages_that_could_not_be_listed_are_said(
    tmp_path: Path, answer: Response, why: str
) -> None:
    web = _web(api_open=False)
    web.add(REST, answer)
    _code, report, _asked = run_on_web(web, f"https://{REST.split('/')[2]}/", tmp_path)
    read = sorted(d["url"].rstrip("/").rsplit("/", 1)[1] for d in report["documents"])
    assert read == sorted(POSTS)
    (said,) = [p for p in report["problems"] if p["code"] == "listing-unreadable"]
    assert (said["subject"], said["severity"]) == (REST, "warning")
    assert why in said["message"]
    assert "no sitemap index" in said["suggestion"]


def test_a_site_with_no_pages_is_said_nothing(tmp_path: Path) -> None:
    web = _web(api_open=False)
    web.add(REST, Response(200, _JSON, json.dumps([]).encode()))
    _code, report, _asked = run_on_web(web, f"https://{REST.split('/')[2]}/", tmp_path)
    assert not [p for p in report["problems"] if p["code"] == "listing-unreadable"]


def test_a_route_robots_txt_forbids_is_said_nothing(tmp_path: Path) -> None:
    """Mend 34q: the route is a guess; a guessed page robots.txt forbids is only skipped and
    noted (``info``), as every such page is, yet it was a ``listing-unreadable`` warning."""
    web = _web(api_open=True)
    web.add(
        f"https://{REST.split('/')[2]}/robots.txt",
        Response(200, (("Content-Type", "text/plain"),), b"User-agent: *\nDisallow: /wp-json/\n"),
    )
    _code, report, asked = run_on_web(web, f"https://{REST.split('/')[2]}/", tmp_path)
    assert REST not in asked
    said = [p["severity"] for p in report["problems"] if p["code"] == "listing-unreadable"]
    assert said == ["info"]


def test_an_answer_cut_at_the_size_cap_is_an_error_not_a_guess(tmp_path: Path) -> None:
    """Mend 34q: a list cut at ``--max-bytes`` proves the route exists and its pages are lost:
    it was made a warning with the "no sitemap index" fix."""
    web = _web(api_open=True)
    pages = [{"link": f"https://{REST.split('/')[2]}/page-{n:04}/"} for n in range(100)]
    web.add(REST, Response(200, _JSON, json.dumps(pages).encode()))
    _code, report, _asked = run_on_web(
        web, f"https://{REST.split('/')[2]}/", tmp_path, ("--max-bytes", "3000")
    )
    (said,) = [p for p in report["problems"] if p["code"] == "listing-unreadable"]
    assert (said["subject"], said["severity"]) == (REST, "error")
    assert "no sitemap index" not in (said["suggestion"] or "")
