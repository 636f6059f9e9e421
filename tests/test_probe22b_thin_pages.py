"""Probe 22b: a live page with little text on a site that answers unknown URLs with a template.

Session 22 compared a thin page with its made-up sibling as the whole page a reader is shown
(menus, footer), to catch the catch-all shops whose dead items say one line (probe 22).  But a
live product page says little too: "Garden Hose XL 2000 | Example Shop", two lines of price and
stock, under the same menus and footer as the shop's "Example Shop" answer for any unknown URL.
With the slug's words left out of both titles (the echo rule) the titles matched, the menus made
the two pages 90 % alike, and a live product was reported ``broken`` (soft-404): a false alarm.
What the page shows that the template does not (its own words) tells the two apart; a dead
item's own words are none, or a session number.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.model import Report, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Request, Response
from tests.test_probe22_catchall import checked_post, statuses

_NAV = (
    "<nav><a href=/>Home</a> <a href=/garden>Garden tools</a> <a href=/seeds>Seeds</a> "
    "<a href=/about>About us</a> <a href=/contact>Contact</a> <a href=/cart>Your cart</a></nav>"
)
_FOOT = "<footer>" + "Example Shop sells garden tools and seeds since 1998. " * 10 + "</footer>"
_LIVE = "/products/garden-hose-xl-2000"
_FACTS = "Green, 25 m. Price 24.90 EUR. In stock."


def _page(title: str, text: str) -> Response:
    html = f"<html><head><title>{title}</title></head><body>{_NAV}<main>"
    html += f"<p>{text}</p></main>{_FOOT}</body></html>"
    return Response(200, (("Content-Type", "text/html; charset=utf-8"),), html.encode())


def _shop(request: Request) -> Response:
    if request.path == _LIVE:
        return _page("Garden Hose XL 2000 | Example Shop", _FACTS)
    return _page("Example Shop", "Browse our catalogue.")


LIVE = f"https://thin-shop.example{_LIVE}"
DEAD = "https://thin-shop.example/products/rake-pro-500"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Report]:
    web = Web()
    web.fallback("thin-shop.example", _shop)
    yield checked_post(web, [LIVE, DEAD], tmp_path_factory.mktemp("thin"))


def test_a_live_thin_product_page_of_a_catch_all_shop_stays_ok(report: Report) -> None:
    assert statuses(report)[LIVE] is Status.OK


def test_the_same_shops_dead_product_is_still_soft_404(report: Report) -> None:
    assert statuses(report)[DEAD] is Status.BROKEN
