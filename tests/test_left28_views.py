"""A cross-post's other views are read once whatever order its sitemap lists them in (session 27
left: an AMP view listed *before* its post was read as a second post, and a print view named by
nothing too), through the real CLI on the fixture web.

A cross-post's views all name the original elsewhere as canonical, so only the post itself
names them: ``<link rel=amphtml>`` (AMP plugins) and ``<link rel=alternate media=print>`` (the
HTML 4 way to name a printable version, still written by CMS print modules).  A view listed
first is read after its post, so the post has named it by then.  WP-Print's view names the
post itself as canonical (``the_permalink()``), a twin read once since probe 26.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode
from tests.test_left27_wrong_reads import ORIGINAL, SITE, _cross_post
from tests.test_probe24_sitemap_listings import _article, _web, run_on_web

if TYPE_CHECKING:
    from pathlib import Path

POST = f"{SITE}/2024/05/x/"
NAMES = {
    "amp/": f"<link rel=amphtml href='{POST}amp/'>",
    "?amp=1": f"<link rel='amphtml' href='{POST}?amp=1'>",
    "print/": f"<link rel='alternate' media='print' href='{POST}print/'>",
    "?print=1": f'<link media="print" rel="alternate" href="{POST}?print=1">',
}


def _read(tmp_path: Path, listed: list[str], head: str, view: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    web = _web(())
    web.sitemap(f"{SITE}/post-sitemap.xml", listed)
    web.page(POST, _cross_post("x", head))
    web.page(f"{POST}{view}", _cross_post("x view"))
    web.page(f"{SITE}/2024/05/y/", _cross_post("y", original=f"{ORIGINAL}-y"))
    for original in (ORIGINAL, f"{ORIGINAL}-y"):  # served, though never asked: no DNS
        web.page(original, _article("the original"))
    code, report, _asked = run_on_web(web, f"{SITE}/post-sitemap.xml", tmp_path)
    return code, report


@pytest.mark.parametrize("view", list(NAMES))
def test_a_view_listed_before_its_post_is_read_once(tmp_path: Path, view: str) -> None:
    listed = [f"{POST}{view}", f"{SITE}/2024/05/y/", POST]
    code, report = _read(tmp_path, listed, NAMES[view], view)
    assert sorted(d["title"] for d in report["documents"]) == ["x", "y"]
    assert report["summary"]["findings"].get("broken") == 2  # x's dead link once
    assert code == ExitCode.FAILED


@pytest.mark.parametrize("view", ["print/", "?print=1"])
def test_a_print_view_named_by_its_post_is_read_once(tmp_path: Path, view: str) -> None:
    listed = [POST, f"{POST}{view}", f"{SITE}/2024/05/y/"]
    code, report = _read(tmp_path, listed, NAMES[view], view)
    assert sorted(d["title"] for d in report["documents"]) == ["x", "y"]
    assert code == ExitCode.FAILED


@pytest.mark.parametrize("view", ["amp/", "print/"])
def test_a_view_its_post_does_not_name_is_still_a_post(tmp_path: Path, view: str) -> None:
    """The near miss: ``/x/amp/`` (a post about AMP) listed before ``/x/``, which names no
    view: both are posts."""
    listed = [f"{POST}{view}", POST, f"{SITE}/2024/05/y/"]
    code, report = _read(tmp_path, listed, "", view)
    assert sorted(d["title"] for d in report["documents"]) == ["x", "x view", "y"]
    assert code == ExitCode.FAILED
