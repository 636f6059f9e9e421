"""Sites that answer any URL with one thin template (probe 22, benhoyt/soft404's rule).

A page named by its query (``/item.php?id=4411``) is compared with the site's answer for a
made-up page in its directory, as benhoyt/soft404 compares it (``/<random>.php``); it had no
sibling at all, and passed on any catch-all site.

benhoyt's soft404 asks a random URL beside the cited one and calls the cited page dead when the
two answers are 95 % the same.  citecheck asks the same sibling, but compared the two only with
the same title and 15 words of main text or more: a shop whose catch-all page says one line
(with a session number in it), or one that writes the asked path into its title and text, passed
every dead product link as ``ok``.  A real page of the same site, and a site whose unknown URLs
get a 404, stay ``ok``; so does a script-rendered shell, whose few words say nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.config import Config, ConnectTo
from checker.model import Report, Status
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Request, Response

_NAV = "<nav><a href=/>Home</a> <a href=/shop>Shop</a> <a href=/about>About us</a></nav>"
_FOOT = "<footer>" + "Example Shop sells garden tools and seeds since 1998. " * 3 + "</footer>"
_REAL = "/guides/spring-planting-guide"
_SESSIONS = itertools.count(48_113)


def _page(title: str, text: str) -> Response:
    html = (
        f"<html><head><title>{title}</title></head><body>{_NAV}<p>{text}</p>{_FOOT}</body></html>"
    )
    return Response(200, (("Content-Type", "text/html; charset=utf-8"),), html.encode())


def _real() -> Response:
    guide = "Our spring planting guide says when to sow tomatoes, how deep, how far apart. " * 6
    return _page("Spring planting guide", guide)


def _session_shop(request: Request) -> Response:
    if request.path == _REAL:
        return _real()
    return _page("Example Shop", f"Browse our catalogue of garden tools. Session {next(_SESSIONS)}")


def _echo_shop(request: Request) -> Response:
    if request.path == _REAL:
        return _real()
    asked = request.path
    return _page(f"Example Shop: {asked}", f"Browse our catalogue. You looked for {asked}.")


def _shell(request: Request) -> Response:
    html = (
        "<html><head><title>Garden App</title><script src=/app.js></script></head><body>"
        "<noscript>You need to enable JavaScript to run this app.</noscript>"
        "<div id=root>Loading...</div></body></html>"
    )
    return Response(200, (("Content-Type", "text/html"),), html.encode())


HOSTS = {"session-shop.example": _session_shop, "echo-shop.example": _echo_shop}
DEAD = [f"https://{host}/products/garden-hose-xl-2000" for host in HOSTS] + [
    f"https://{host}/item.php?id=4411" for host in HOSTS
]
ALIVE = [f"https://{host}{_REAL}" for host in HOSTS] + [
    "https://app.example/garden/plan/2019",
    "https://honest-shop.example/products/garden-hose-xl-2000",
    "https://honest-shop.example/item.php?id=17",
    "https://session-shop.example/?ref=newsletter",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Report]:
    web = Web()
    for host, handler in HOSTS.items():
        web.fallback(host, handler)
    web.fallback("app.example", _shell)
    web.add("https://honest-shop.example/products/garden-hose-xl-2000", _session_shop)
    web.add("https://honest-shop.example/item.php?id=17", _session_shop)
    yield checked_post(web, DEAD + ALIVE, tmp_path_factory.mktemp("catchall"))


def checked_post(web: Web, urls: list[str], folder: Path) -> Report:
    """The report of a post in ``folder`` citing ``urls``, checked against ``web`` only."""
    post = folder / "post.md"
    post.write_text("# Links\n\n" + "".join(f"- <{url}>\n" for url in urls))
    with SampleWeb(web) as site:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
            cacert=site.ca_path,
            archive="off",
            retries=0,
            timeout=5.0,
            report_dir=folder / "reports",
        )
        return check([str(post)], config)


def statuses(report: Report) -> dict[str, Status]:
    return {c.citation.url: c.status for d in report.documents for c in d.citations}


@pytest.mark.parametrize("url", DEAD)
def test_a_thin_catch_all_answer_is_soft_404(report: Report, url: str) -> None:
    assert statuses(report)[url] is Status.BROKEN


@pytest.mark.parametrize("url", ALIVE)
def test_a_real_page_or_a_shell_beside_it_stays_ok(report: Report, url: str) -> None:
    assert statuses(report)[url] is Status.OK
