"""A WordPress site with its sitemaps turned off still has its pages read when its home is
crawled: from its REST API's route of pages (``/wp-json/wp/v2/pages``, the addresses only), as
its sitemap of pages is read when there is one.  With neither, its pages (an About page, a
reading list citing sources) were neither read nor said (session 32 left).  A site whose API is
closed (401) is asked nothing more: its posts alone, its pages said unlisted (left 34a).
Served through the sample web."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_left32_wordpress_pages import HOST, SOURCE, _cites, _html, _rss
from tests.test_probe24_sitemap_listings import run_on_web

POSTS = ["first-post", "second-post"]
PAGES = ["about", "reading-list"]
REST = f"https://{HOST}/wp-json/wp/v2/pages?per_page=100&page=1&_fields=link"


def _web(*, api_open: bool) -> Web:
    web = Web()
    web.page(
        f"https://{HOST}/",
        _html("WP", "".join(f"<a href='/{p}/'>{p}</a>" for p in POSTS))
        + f'<link rel="alternate" type="application/rss+xml" href="https://{HOST}/feed/">',
    )
    web.add(
        f"https://{HOST}/feed/",
        Response(200, (("Content-Type", "application/rss+xml"),), _rss(POSTS)),
    )
    for name in (*POSTS, *PAGES):
        web.page(f"https://{HOST}/{name}/", _html(name, _cites(name)))
        web.page(
            f"{SOURCE}/{name}", f"<html><head><title>{name}</title></head><body>x</body></html>"
        )
    listed = json.dumps([{"link": f"https://{HOST}/{p}/"} for p in PAGES]).encode()
    closed = (
        b'{"code":"rest_cannot_access","message":"Only authenticated users","data":{"status":401}}'
    )
    json_type = (("Content-Type", "application/json; charset=UTF-8"),)
    web.add(
        REST, Response(200, json_type, listed) if api_open else Response(401, json_type, closed)
    )
    return web


@pytest.mark.parametrize(
    ("api_open", "pages"), [(True, PAGES), (False, [])], ids=["api-open", "api-closed"]
)
def test_a_wordpress_site_without_sitemaps_has_its_pages_read_from_its_api(
    tmp_path: Path, api_open: bool, pages: list[str]
) -> None:
    _code, report, asked = run_on_web(_web(api_open=api_open), f"https://{HOST}/", tmp_path)
    read = sorted(d["url"].removeprefix(f"https://{HOST}/").strip("/") for d in report["documents"])
    assert read == sorted(POSTS + pages)
    assert REST in asked
    said = [p for p in report["problems"] if p["code"] in ("listing-unreadable", "post-unreadable")]
    if api_open:
        assert not said
    else:  # changed by left 34a: the pages that could not be listed are said, as a warning
        assert [(p["subject"], p["severity"]) for p in said] == [(REST, "warning")]
