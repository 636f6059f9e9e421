"""Mend 31: WordPress's own "not found" wording is a "not found" page.

WordPress's default themes answer a dead address with a heading "Nothing here" and "It looks
like nothing was found at this location. Maybe try a search?"; a site whose SEO plugin titles
the page with the site's name alone, served with status 200, passed as ``ok`` (the sibling
probe could not tell: the site's other unknown addresses are real 404s) (probe 31's leftover).
An article that says nothing was found at a place of its own is still ``ok``.
"""

from __future__ import annotations

from pathlib import Path

from checker.model import Status
from checker.sampleweb import Web
from checker.verify.soft404 import is_not_found_message
from tests.fetch.support import check_links_on

SLUG = "/2024/05/city-council-approves-new-budget"


def test_wordpress_s_wording_is_a_not_found_message() -> None:
    assert is_not_found_message("It looks like nothing was found at this location.")
    assert is_not_found_message("Nothing could be found here")
    assert not is_not_found_message("Nothing was found at the crash site")


def _page(main: str) -> str:
    return (
        "<html><head><title>Riverside Gazette</title></head><body><header><nav>"
        "<a href=/>Home</a></nav></header><main>" + main + "</main></body></html>"
    )


def test_a_wordpress_404_answering_200_is_soft_404(tmp_path: Path) -> None:
    dead = f"https://gazette.test{SLUG}"
    live = f"https://survey.test{SLUG}"
    web = Web()
    web.page(
        dead,
        _page(
            "<header class=page-header><h1 class=page-title>Nothing here</h1></header>"
            "<div class=page-content><p>It looks like nothing was found at this location. "
            "Maybe try a search?</p><form role=search><input type=search name=s>"
            "<button>Search</button></form></div>"
        ),
    )
    web.page(
        live,
        _page(
            "<article><h1>The dig at the old mill</h1><p>Nothing was found at the crash site "
            "the survey team searched last spring, the council said. "
            + "The report lists the trenches, the finds and the costs. " * 10
            + "</p></article>"
        ),
    )
    checked = check_links_on(web, [dead, live], tmp_path)
    assert checked[dead].status is Status.BROKEN, checked[dead].findings
    assert [f.code.value for f in checked[dead].findings] == ["soft-404"]
    assert checked[live].status is Status.OK, checked[live].findings
