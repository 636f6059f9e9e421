"""Probe 26b2: the citation cap counts distinct citations, a page's fragments included.

A post linking many sections of one page (a spec's ``#sec-1`` … ``#sec-1500``) cites that
page once: the links merge into one citation with its fragments.  Each new fragment took a slot
of the post's budget as a new page would, so a dead link after them was "past the cap" and
never checked (exit 0) with a note saying the post cites more than its cap (it cites two
pages).  A new fragment of a page already read is a repeat now: free up to the budget's count,
as a repeated link is (then it takes a slot, as each costs parsing; that bound is kept).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

SOURCE = "https://src.fixture-p26c2.example"
_SECTIONS = 1500  # past the budget of a cap of 10 (1,010 links), under twice it


def _web() -> Web:
    web = Web()
    web.page(f"{SOURCE}/spec", '<title>Spec</title><h2 id="sec-1">One</h2><p>The spec.</p>')
    return web


_POSTS = {
    "spec-notes.md": "# Notes\n\n"
    + "".join(f"- [section {i}]({SOURCE}/spec#sec-{i})\n" for i in range(_SECTIONS))
    + f"\nAnd [the old draft]({SOURCE}/dead-draft).\n",
    "spec-notes.txt": "Notes\n\n"
    + "".join(f"{SOURCE}/spec#sec-{i}\n" for i in range(_SECTIONS))
    + f"\nThe old draft: {SOURCE}/dead-draft\n",
}


@pytest.mark.parametrize("name", sorted(_POSTS))
def test_a_dead_link_after_many_fragments_of_one_page_is_checked(tmp_path: Path, name: str) -> None:
    post = tmp_path / name
    post.write_text(_POSTS[name], encoding="utf-8")
    extra = ("--max-citations-per-post", "10")
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out", extra)
    cited = {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}
    assert cited == {f"{SOURCE}/spec": "ok", f"{SOURCE}/dead-draft": "broken"}
    assert not [p for p in report["problems"] if p["code"] == "citations-capped"]
    assert code == ExitCode.FAILED  # was 0: the dead link "past the cap", unchecked


def test_distinct_pages_past_the_budget_are_still_cut_and_said(tmp_path: Path) -> None:
    post = tmp_path / "many.md"
    post.write_text(
        "# Many\n\n" + "".join(f"[p]({SOURCE}/page-{i}#top)\n" for i in range(_SECTIONS)),
        encoding="utf-8",
    )
    extra = ("--max-citations-per-post", "10")
    _code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out", extra)
    (capped,) = [p for p in report["problems"] if p["code"] == "citations-capped"]
    assert "past the cap" in capped["message"]
