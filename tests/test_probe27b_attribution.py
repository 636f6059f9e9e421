"""Probe 27b: a translation's attribution block whose title line is the original's link.

Probe 27 made a line holding a link of its own no title (a Zenn embed line or ``GitHub:
[repo](URL)`` above a link card named the card's page wrongly).  A translator's block often
writes the original's title as its link (``[The Title](URL)``, ``原題: [The Title](URL)``): that
line names its own link, and it is the title the post claims for it.  Through the real CLI on
the fixture web, a wrong claimed title must still be found (a silent pass otherwise).

A title line that links something besides (its publisher's home, ``Title ([PDF](URL))``) over
the original's URL line was no title after probe 27: the title it claims went unchecked.  Only
a line that is its link and at most a label (``@tweet``, ``GitHub: repo``) names that link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

ORIGINAL = "https://news.fixture-p27b.example/2024/03/tides"
PUBLISHER = "https://news.fixture-p27b.example/"
_BODY = (
    "本文です。これは海外の記事を翻訳したもので、潮位の変化についていくつかの段落があります。"
    "\n\n翻訳はここまでです。■\n\n"
)
_WRONG = "A Completely Different Headline About Something Else"


def _web() -> Web:
    web = Web()
    web.page(PUBLISHER, "<title>News Daily</title><p>The publisher's home.</p>")
    web.page(f"{ORIGINAL}.pdf", "<title>PDF</title><p>The original as a PDF.</p>")
    web.page(
        ORIGINAL,
        "<title>Why the Tides Are Rising Faster</title><article><h1>Why the Tides Are Rising "
        "Faster</h1><p>The text of the original, long enough to be read as its article.</p>"
        "</article>",
    )
    return web


def _codes(report: dict[str, Any]) -> list[str]:
    (document,) = report["documents"]
    (citation,) = [c for c in document["citations"] if c["url"] == ORIGINAL]
    return [f["code"] for f in citation.get("findings", [])]


@pytest.mark.parametrize(
    "block",
    [
        f"[{_WRONG}]({ORIGINAL})\nMarch 3, 2024\n",
        f"原題: [{_WRONG}]({ORIGINAL})\n",
        f"{_BODY}[{_WRONG}]({ORIGINAL})\n",
        f"{_WRONG} — [News Daily]({PUBLISHER})\n{ORIGINAL}\n",
        f"{_WRONG} ([PDF]({ORIGINAL}.pdf))\n{ORIGINAL}\n",
    ],
    ids=["block", "label", "mark", "publisher-linked", "pdf-linked"],
)
def test_a_title_line_that_is_the_originals_link_still_claims_it(
    tmp_path: Path, block: str
) -> None:
    post = tmp_path / "post.md"
    post.write_text(f"{_BODY}{block}", encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    # the original states no date: a cited one is said unchecked (info, session 30), no more
    assert [c for c in _codes(report) if c != "date-not-stated"] == ["title-mismatch"]
    assert code == ExitCode.FAILED


@pytest.mark.parametrize(
    "block",
    [
        f"[Why the Tides Are Rising Faster]({ORIGINAL})\nMarch 3, 2024\n",
        f"原題: [Why the Tides Are Rising Faster]({ORIGINAL})\n",
    ],
    ids=["block", "label"],
)
def test_the_right_title_as_the_link_passes(tmp_path: Path, block: str) -> None:
    post = tmp_path / "post.md"
    post.write_text(f"{_BODY}{block}", encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    # the original states no date: a cited one is said unchecked (info, session 30), no more
    assert [c for c in _codes(report) if c != "date-not-stated"] == []
    assert code == ExitCode.OK
