"""Mend 32a: a live site's script-drawn page is no parking service's.

Left 32b read a page showing nothing but a title that is the cited domain's name as a parked
domain's when it was served by another site or by a numbered host (``ww25.x.test``) beside the
cited one.  So a site's own ``ww2.`` host cited there (``ww2.kqed.org``, ``ww2.arb.ca.gov`` are
real), a ``ww2.`` host forwarding to a ``ww1.`` one, and a site that moved to a new name and
still titles its pages with the old one were ``broken`` "the site is gone": false alarms.  A
parking service's forward names the parked domain (``ww25.x.test``, ``/forsale/x.test``,
``?domain=x.test``); a moved site's does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.model import CheckedCitation
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_links_on

SLUG = "/2019/05/city-council-approves-new-budget"
_SHELL = "<body><div id=root></div><script src='/static/app.js'></script></body>"


def _titled(title: str) -> str:
    return f"<html><head><title>{title}</title></head>{_SHELL}</html>"


# cited address: (where it is sent, or None; the title of the page shown)
_LIVE = {
    "https://ww2.agency.test" + SLUG: (None, "agency.test"),
    "https://ww2.board.test" + SLUG: ("https://ww1.board.test" + SLUG, "board.test"),
    "https://oldname.test" + SLUG: ("https://newname.test" + SLUG, "oldname.test"),
    "https://www.oldsite.test" + SLUG: ("https://www.newsite.test" + SLUG, "oldsite.test"),
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckedCitation]:
    web = Web()
    for cited, (target, title) in _LIVE.items():
        if target is None:
            web.page(cited, _titled(title))
            continue
        web.add(cited, Response(301, (("Location", target),), b""))
        web.page(target, _titled(title))
    return check_links_on(web, list(_LIVE), tmp_path_factory.mktemp("live"))


@pytest.mark.parametrize("cited", sorted(_LIVE))
def test_a_live_site_s_script_drawn_page_is_no_parked_domain(
    checked: dict[str, CheckedCitation], cited: str
) -> None:
    citation = checked[cited]
    assert not any("the site is gone" in f.message for f in citation.findings), citation.findings


def test_a_parking_service_s_forward_naming_the_domain_still_is_parked(tmp_path: Path) -> None:
    """The other side of the rule: the forward names the cited domain in its query."""
    web = Web()
    cited = "https://lapsed.test" + SLUG
    target = "https://parking-lot.test/park/v2/show.php?domain=lapsed.test&tid=7"
    web.add(cited, Response(302, (("Location", target),), b""))
    web.page(target, _titled("lapsed.test"))
    citation = check_links_on(web, [cited], tmp_path)[cited]
    assert any("the site is gone" in f.message for f in citation.findings), citation.findings
