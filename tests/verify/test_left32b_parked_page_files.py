"""Left 32b: a parking page at a cited address that names a page file (``.html``, ``.php``,
``.aspx``…) is a parked domain.

A statement "This domain is for sale" does not count when the cited address is about another
domain (a marketplace's listing ``/domain/nice.test``, cited itself): a path segment that reads
as a domain's name.  ``city-budget.html``, ``article.php`` and ``story.aspx`` read as one, so
the parking page standing where most cited articles were (an address ending in a page file's
name) was ``ok``: a silent pass.  The marketplace's listing cited itself stays ``ok``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.model import FetchResult, Outcome, Status
from checker.sampleweb import Web
from checker.verify.availability import classify
from tests.fetch.support import check_links_on

_PARKED = (
    "<html><head><title>{host} is for sale</title></head><body><h1>This domain is for sale</h1>"
    "<p>Make an offer on this domain.</p></body></html>"
)
_FILES = (
    "2019/05/city-budget.html",
    "article.php?id=5",
    "news/story.aspx",
    "old/page.htm",
    # (any file's name, not only those a list of page files' endings held: mend 32a)
    "old/index.php4",
    "cgi/page.phtml",
    "docs/annual-report.pdf",
    "news/story.aspx?utm_source=feeds.other.test",
    # (a file whose ending is a top-level domain too, the page naming no such domain: left 33b)
    "files/report.zip",
    "code/file.py",
    "media/clip.mov",
    "cgi-bin/notes.pl",
    "a/b.sh",
)


def test_a_parking_page_where_a_page_file_was_is_broken(tmp_path: Path) -> None:
    web = Web()
    urls = [f"https://lapsed{n}.test/{path}" for n, path in enumerate(_FILES)]
    for n, url in enumerate(urls):
        web.page(url, _PARKED.format(host=f"lapsed{n}.test"))
    checked = check_links_on(web, urls, tmp_path)
    for url in urls:
        assert checked[url].status is Status.BROKEN, (url, checked[url].findings)
        assert "parked, expired or placeholder domain" in checked[url].findings[0].message


@pytest.mark.parametrize(
    "path",
    [
        "domain/nice.test",
        "buy/nice-names.com",
        # (endings of domains far more than of files: the stdlib typed them troff and
        # PostScript, and these were ``broken``, mend 33n)
        "domain/nice.me",
        "domain/nice.ai",
        "nice.test.html",
        "search/details.php?domain=nice.test",
        "search/details.php?domain=nice-names.com",
    ],
)
def test_a_listing_of_another_domain_cited_itself_is_no_parked_page(path: str) -> None:
    url = f"https://listing.test/{path}"
    page = (
        "<html><head><title>Listing</title></head><body><h1>Buy this domain</h1>"
        "<p>$2,495</p></body></html>"
    )
    answer = FetchResult(url, Outcome.OK, final_url=url, status_code=200, text=page)
    assert classify(answer, cited_url=url).status is Status.OK
