"""Probe 29: an Org file's link abbreviations (``#+LINK:``) are expanded, their templates unread.

Org lets a file name a URL template once, ``#+LINK: gh https://github.com/%s``, and link
through it, ``[[gh:user/repo][repo]]``.  Read as text, the template line was cited as a link
(``https://github.com/%s``: a false ``broken``) and each link written through it vanished with
no word.  Through the real CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode
from tests.probe29_web import article_web, lines_and_statuses
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

    from checker.sampleweb import Web

HOST = "https://org.fixture-p29.example"

_NOTES = f"""\
#+TITLE: Notes
#+LINK: repo {HOST}/code/%s/tree
#+link: docs {HOST}/docs/

* Reading
See [[repo:citecheck][the code]] and [[docs:install][install]], and [[{HOST}/plain][plain]].
An unknown word stays as written: [[nowhere:x][x]].
"""


def _web() -> Web:
    live = (f"{HOST}/{path}" for path in ("code/citecheck/tree", "plain"))
    return article_web(live, [f"{HOST}/docs/install"])


def test_links_through_an_abbreviation_are_cited_and_its_template_is_not(tmp_path: Path) -> None:
    page = tmp_path / "notes.org"
    page.write_text(_NOTES, encoding="utf-8")
    code, report, asked = run_on_web(_web(), str(page), tmp_path / "out")
    assert lines_and_statuses(report) == {
        f"{HOST}/code/citecheck/tree": (6, "ok"),  # the tag where %s stands
        f"{HOST}/docs/install": (6, "broken"),  # the tag after the URL
        f"{HOST}/plain": (6, "ok"),
    }
    assert not any("%s" in url or url.endswith("/docs/") for url in asked)
    assert code == ExitCode.FAILED
