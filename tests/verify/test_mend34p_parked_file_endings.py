"""Mend 34p: a parking page where a file whose ending is a top-level domain too was is ``broken``.

Mend 33n replaced the stdlib's ``mimetypes`` table by a fixed list of such endings; it left
out ``.ac .am .tf .mo .mm`` (autoconf, automake, Terraform, gettext, Objective-C++) and
dropped ``.nc .au .tr .man .dot``: a parking page at ``code/configure.ac`` read the file's name
as a domain the page is a listing of, and passed as ``ok`` (a silent pass).
"""

from __future__ import annotations

from pathlib import Path

from checker.model import Status
from checker.sampleweb import Web
from tests.fetch.support import check_links_on
from tests.verify.test_left32b_parked_page_files import _PARKED

_FILES = (
    "code/configure.ac",
    "build/Makefile.am",
    "infra/main.tf",
    "locale/de/messages.mo",
    "src/view.mm",
    "data/sst.nc",
    "sounds/bell.au",
    "doc/intro.tr",
    "doc/grep.man",
    "graphs/deps.dot",
    "qt/app.pro",
    "lib/libfoo.la",
)


def test_a_parking_page_where_such_a_file_was_is_broken(tmp_path: Path) -> None:
    web = Web()
    urls = [f"https://lapsed{n}.test/{path}" for n, path in enumerate(_FILES)]
    for n, url in enumerate(urls):
        web.page(url, _PARKED.format(host=f"lapsed{n}.test"))
    checked = check_links_on(web, urls, tmp_path)
    wrong = {url: checked[url].status for url in urls if checked[url].status is not Status.BROKEN}
    assert not wrong
