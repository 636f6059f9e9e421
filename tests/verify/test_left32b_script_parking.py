"""Left 32b: a parked domain whose page only forwards, by a script, to a parking service.

A lapsed domain's page is often nothing but ``<script>window.location.href="…"</script>``:
the browser goes to a parking service's numbered host beside the domain (``ww25.x.test``), to
a parking service's page for it, or to a marketplace's offer, each drawn by scripts, saying
nothing under a title that is the domain's name or "x.test is for sale | Afternic".  The
script's forward was followed, but the page it led to stated nothing the parked rule read: the
citation passed as ``ok`` (a silent pass), a server redirect to the same pages too.  A site's
own script-drawn page, one that moved to a new name, a ``www.`` host and a ``ww2.`` host that
shows its text stay ``ok``.
"""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.model import CheckedCitation, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_links_on, codes

SLUG = "/2019/05/city-council-approves-new-budget"
_SHELL = "<body><div id=root></div><script src='/static/app.js'></script></body>"


def _script_to(target: str) -> str:
    return (
        f'<html><head><script>window.location.href="{target}"</script></head><body></body></html>'
    )


def _titled(title: str, body: str = _SHELL) -> str:
    return f"<html><head><title>{title}</title></head>{body}</html>"


_ARTICLE = (
    "<body><article><h1>Budget</h1><p>" + "The council voted. " * 30 + "</p></article></body>"
)
# name: (where the cited page sends its reader, what that page is)
_PARKED = {
    "numbered": ("http://ww25.numbered.test{slug}?subid1=20240101-abcd", _titled("numbered.test")),
    # (a parking service's forward names the domain it parks: mend 32a)
    "service": ("https://parking-lot.test/park/service.test?tid=x", _titled("service.test")),
    "market": (
        "https://www.market.test/forsale/market-offer.test?utm_source=tdfs",
        _titled("market-offer.test is for sale | Market"),
    ),
}
_LIVE = {
    # a site that moved: its new home titled with its own new name
    "moved": ("https://renamed.test{slug}", _titled("renamed.test")),
    # its own www host, drawn by a script
    "www": ("https://www.www.test{slug}", _titled("www.test")),
    # a numbered host that shows its text
    "ww2": ("https://ww2.ww2.test{slug}", _titled("Budget | Air board", _ARTICLE)),
    # a script-drawn page of the cited site itself, titled with its name
    "own": (None, _titled("own.test")),
}


def _hosts(name: str) -> str:
    return {"service": "service.test", "market": "market-offer.test"}.get(name, f"{name}.test")


def _web(how: str) -> Web:
    web = Web()
    for name, (target, page) in {**_PARKED, **_LIVE}.items():
        cited = f"https://{how}-{_hosts(name)}{SLUG}"
        if target is None:
            web.page(cited, page.replace(f"{name}.test", f"{how}-{name}.test"))
            continue
        to = target.format(slug=SLUG).replace(_hosts(name), f"{how}-{_hosts(name)}")
        if how == "script":
            web.page(cited, _script_to(to))
        else:
            web.add(cited, Response(302, (("Location", to),), b""))
        web.page(to, page.replace(_hosts(name), f"{how}-{_hosts(name)}"))
    return web


@pytest.fixture(scope="module", params=["script", "redirect"])
def linked(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, dict[str, CheckedCitation]]:
    how = str(request.param)
    urls = [f"https://{how}-{_hosts(name)}{SLUG}" for name in (*_PARKED, *_LIVE)]
    return how, check_links_on(_web(how), urls, tmp_path_factory.mktemp(how))


@pytest.mark.parametrize("name", sorted(_PARKED))
def test_a_forward_to_a_parking_service_s_script_drawn_page_is_parked(
    linked: tuple[str, dict[str, CheckedCitation]], name: str
) -> None:
    how, checked = linked
    citation = checked[f"https://{how}-{_hosts(name)}{SLUG}"]
    assert citation.status is Status.BROKEN, citation.findings
    assert codes(citation) == {Code.SOFT_404}
    assert "the site is gone" in citation.findings[0].message


@pytest.mark.parametrize("name", sorted(_LIVE))
def test_a_site_s_own_or_moved_script_drawn_page_is_no_parked_one(
    linked: tuple[str, dict[str, CheckedCitation]], name: str
) -> None:
    how, checked = linked
    citation = checked[f"https://{how}-{_hosts(name)}{SLUG}"]
    assert not any("the site is gone" in f.message for f in citation.findings), citation.findings
