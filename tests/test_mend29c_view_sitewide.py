"""A page named as a post's view is the same post only by what names that post alone: a
canonical link to the site's home (every page's canonical at the home, a common
misconfiguration) or a title the whole site shares (the site's name) names no post, and
another post wrongly named a view was hidden by it (session 29's review of left29a).
Through the real CLI on the fixture web."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode
from tests.test_left27_wrong_reads import SITE
from tests.test_left28_views import NAMES, POST
from tests.test_probe24_sitemap_listings import _DEAD, _article, _web, run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOME = f"{SITE}/"
VIEW = f"{POST}print/"
SITE_NAME = "<meta property='og:site_name' content='The Blog'>"


def _with_head(page: str, head: str) -> str:
    return page.replace("</title>", f"</title>{head}", 1)


def _read(tmp_path: Path, post: str, view: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    web = _web(())
    web.sitemap(f"{SITE}/post-sitemap.xml", [VIEW, POST])  # the view first: read after
    web.page(POST, post)
    web.page(VIEW, view)
    web.page(f"{SITE}/gone-too", "<title>Not Found</title><p>No such page.</p>", status=404)
    code, report, _asked = run_on_web(web, f"{SITE}/post-sitemap.xml", tmp_path)
    return code, report


CASES = {
    "canonical-at-home": (
        _with_head(_article("x"), f"<link rel=canonical href='{HOME}'>{NAMES['print/']}"),
        _with_head(_article("another post"), f"<link rel=canonical href='{HOME}'>"),
    ),
    "title-is-the-site-name": (
        _with_head(_article("The Blog"), f"{SITE_NAME}{NAMES['print/']}"),
        _with_head(_article("The Blog"), SITE_NAME),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_sitewide_canonical_or_title_does_not_hide_a_post(tmp_path: Path, case: str) -> None:
    post, other = CASES[case]
    code, report = _read(tmp_path, post, other.replace(_DEAD, f"{SITE}/gone-too"))
    assert len(report["documents"]) == 2
    cited = {c["url"] for d in report["documents"] for c in d["citations"]}
    assert f"{SITE}/gone-too" in cited  # the other post's dead link is read
    assert code == ExitCode.FAILED


def test_a_true_view_with_the_post_s_own_title_is_still_read_once(tmp_path: Path) -> None:
    post = _with_head(_article("x"), f"{SITE_NAME}{NAMES['print/']}")
    code, report = _read(tmp_path, post, _with_head(_article("x"), SITE_NAME))
    assert [d["title"] for d in report["documents"]] == ["x"]
    assert code == ExitCode.FAILED


def test_a_title_the_home_shares_does_not_hide_a_post(tmp_path: Path) -> None:
    """The blog named by its home: a title every page shares is the home's, no post's."""
    paths = ("2024/05/x/print/", "2024/05/x/")
    web = _web(paths)
    web.page(HOME, "<html><head><title>Notes</title></head><body><p>Posts</p></body></html>")
    web.page(POST, _with_head(_article("Notes"), NAMES["print/"]))
    web.page(VIEW, _article("Notes").replace(_DEAD, f"{SITE}/gone-too"))
    web.page(f"{SITE}/gone-too", "<title>Not Found</title><p>No such page.</p>", status=404)
    code, report, _asked = run_on_web(web, HOME, tmp_path)
    cited = {c["url"] for d in report["documents"] for c in d["citations"]}
    assert f"{SITE}/gone-too" in cited  # the other post's dead link is read
    assert code == ExitCode.FAILED
