"""Left 33b: two false readings of the parked-domain rule (``verify.parked``).

1. A site that moved for good to a numbered host of its own (``www.board.test`` answering 301
   to ``ww1.board.test``), whose page there is drawn by a script under the domain's name, was
   ``broken`` "the site is gone": a numbered host beside the domain's own was read as a parking
   service's whatever the way there.  The way tells: a parking service forwards by a script, a
   refresh or a 302; a 301 is the site's own server saying where it lives now.
2. A parking page at a cited file whose ending is a top-level domain too (``report.zip``,
   ``file.py``, ``clip.mov``, ``notes.pl``) passed as ``ok``: the file's name was read as the
   domain the page offers for sale (a marketplace's listing cited itself).  Such a name counts
   as a domain's only where the page names it, as a listing does (``nice.ai is for sale``);
   the parking pages are among ``test_left32b_parked_page_files``' cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.model import FetchResult, Hop, Outcome, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from checker.verify.availability import classify
from tests.fetch.support import check_links_on

SLUG = "/2019/05/city-council-approves-new-budget"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _titled(title: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head>"
        "<body><div id=root></div><script src='/static/app.js'></script></body></html>"
    ).encode()


def test_a_site_moved_for_good_to_its_numbered_host_is_not_gone(tmp_path: Path) -> None:
    web = Web()
    web.redirect(f"https://www.board.test{SLUG}", f"https://ww1.board.test{SLUG}", status=301)
    web.add(f"https://ww1.board.test{SLUG}", Response(200, _HTML, _titled("board.test")))
    # (near miss: a 302 to a numbered host, the same one, is still a parked domain's forward)
    web.redirect(f"https://www.lapsed.test{SLUG}", f"https://ww1.lapsed.test{SLUG}", status=302)
    web.add(f"https://ww1.lapsed.test{SLUG}", Response(200, _HTML, _titled("lapsed.test")))
    checked = check_links_on(
        web, [f"https://www.board.test{SLUG}", f"https://www.lapsed.test{SLUG}"], tmp_path
    )
    moved = checked[f"https://www.board.test{SLUG}"]
    assert moved.status is not Status.BROKEN, moved.findings
    assert moved.status is Status.REDIRECTED, moved.findings
    parked = checked[f"https://www.lapsed.test{SLUG}"]
    assert parked.status is Status.BROKEN, parked.findings
    assert "the site is gone" in parked.findings[0].message


@pytest.mark.parametrize(
    "target",
    [
        f"http://ww25.lapsed.test{SLUG}?subid1=x",  # (a parking service's tag on the visit)
        f"https://ww1.lapsed.test{SLUG}?subid1=x",
    ],
)
def test_a_301_to_a_parking_services_numbered_host_stays_parked(
    tmp_path: Path, target: str
) -> None:
    """A 301 spares a numbered host only where it keeps the cited address: a parking service
    tags the visit or drops the path (mend 33n: it was ``redirected``, "cite the new URL")."""
    web = Web()
    cited = f"https://www.lapsed.test{SLUG}"
    web.redirect(cited, target, status=301)
    web.add(target, Response(200, _HTML, _titled("lapsed.test")))
    checked = check_links_on(web, [cited], tmp_path)
    assert checked[cited].status is Status.BROKEN, checked[cited].findings
    assert "the site is gone" in checked[cited].findings[0].message


# (a listing at ``domain/nice.ai`` or ``domain/nice.me`` that does not name it: ok, in
# ``test_left32b_parked_page_files``, mend 33n)
# (a parking page at ``files/report.zip``, ``code/file.py``, …: broken, in
# ``test_left32b_parked_page_files._FILES``)


@pytest.mark.parametrize("name", ["nice.ai", "nice.me", "nice.sh", "nice-names.com"])
def test_a_listing_that_names_its_domain_cited_itself_stays_ok(name: str) -> None:
    url = f"https://listing.test/domain/{name}"
    page = (
        f"<html><head><title>{name} is for sale | Listing</title></head><body>"
        "<h1>Buy this domain</h1><p>$2,495</p></body></html>"
    )
    answer = FetchResult(url, Outcome.OK, final_url=url, status_code=200, text=page)
    assert classify(answer, cited_url=url).status is Status.OK


def test_a_script_forward_to_the_numbered_host_stays_parked() -> None:
    """The hop's status decides, not the hosts: a page that forwarded by a script (a 200 hop)."""
    cited, final = f"https://www.gone.test{SLUG}", f"http://ww1.gone.test{SLUG}"
    answer = FetchResult(
        cited,
        Outcome.OK,
        final_url=final,
        status_code=200,
        redirects=(Hop(cited, 200),),
        text=_titled("gone.test").decode(),
    )
    assert classify(answer, cited_url=cited, reads_page=False).status is Status.BROKEN
