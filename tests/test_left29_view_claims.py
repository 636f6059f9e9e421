"""A post's word that another page is its AMP or print view is not enough to drop that page
(session 28 left: a post naming ``/x/print/``, which served another post with its own title and
dead link, hid that post unread), through the real CLI on the fixture web.

A view is the same post: its canonical link names the post (or the original the post names),
or its title is the post's.  A page that shows neither is read as the post it is; the claim is
ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode
from tests.test_left27_wrong_reads import ORIGINAL, SITE, _cross_post
from tests.test_left28_views import NAMES, POST
from tests.test_probe24_sitemap_listings import _DEAD, _article, _web, run_on_web

if TYPE_CHECKING:
    from pathlib import Path

CLAIMS = {view: NAMES[view] for view in ("print/", "amp/", "?amp=1")}  # the post's own words


def _other_post(title: str, dead: str) -> str:
    """A post of its own: its own title, its own dead link, no canonical link or its own."""
    return _article(title).replace(_DEAD, dead)


def _read(tmp_path: Path, view: str, page: str, first: bool) -> tuple[int, dict]:  # type: ignore[type-arg]
    web = _web(())
    listed = [f"{POST}{view}", POST] if first else [POST, f"{POST}{view}"]
    web.sitemap(f"{SITE}/post-sitemap.xml", listed)
    web.page(POST, _cross_post("x", CLAIMS[view]))
    web.page(f"{POST}{view}", page)
    web.page(f"{SITE}/gone-too", "<title>Not Found</title><p>No such page.</p>", status=404)
    web.page(ORIGINAL, _article("the original"))  # served, though never asked: no DNS
    code, report, _asked = run_on_web(web, f"{SITE}/post-sitemap.xml", tmp_path)
    return code, report


@pytest.mark.parametrize("first", [True, False], ids=["listed-first", "listed-after"])
@pytest.mark.parametrize("view", list(CLAIMS))
def test_a_post_claimed_as_a_view_is_still_read(tmp_path: Path, view: str, first: bool) -> None:
    code, report = _read(tmp_path, view, _other_post("another post", f"{SITE}/gone-too"), first)
    assert sorted(d["title"] for d in report["documents"]) == ["another post", "x"]
    cited = {c["url"] for d in report["documents"] for c in d["citations"]}
    assert f"{SITE}/gone-too" in cited  # its dead link was never read
    assert code == ExitCode.FAILED


@pytest.mark.parametrize(
    "page",
    [
        _article("x\u200b"),  # no canonical link, the post's title (a zero-width space in it)
        _article("another title").replace(
            "</title>", f"</title><link rel=canonical href='{POST}'>", 1
        ),
        _cross_post("x view"),  # a cross-post's view: the same original named
    ],
    ids=["same-title", "canonical-is-the-post", "same-original"],
)
def test_a_true_view_is_still_read_once(tmp_path: Path, page: str) -> None:
    code, report = _read(tmp_path, "print/", page, first=True)
    assert [d["title"] for d in report["documents"]] == ["x"]
    assert report["summary"]["findings"].get("broken") == 1
    assert code == ExitCode.FAILED
