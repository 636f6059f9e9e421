"""Probe 27: a Japanese tech post's lines that link elsewhere are no original's title.

A Zenn or Qiita article (and a note.com or Hatena post written the same way) often ends with a
link card: a URL alone on its line, after a line that is an embed (Zenn's
``@[tweet](URL)``, ``@[card](URL)``, ``@[youtube](id)``) or a labelled link (``GitHub:
[repo](URL)``).  The attribution reader took such a run of Latin lines after the Japanese text
for a translation's block: the embed's line (``@tweet``) or the labelled link's (``GitHub:
repo``) was read as the title the post claims for the card's page, and the page's real title
made a false ``title-mismatch`` (exit 1) on a post that claims no title at all.  A line that
links somewhere itself names that link, not the next line's page; and a container's fence after
the card (Zenn's ``:::message``, Qiita's ``:::note info``), left by Markdown as text, was read
as its title too.

Each test runs the real CLI on the fixture web (every cited page live, with its own title).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

CARD = "https://card.fixture-p27.example/article"
TWEET = "https://twitter.com/jack/status/20"
REPO = "https://code.fixture-p27.example/repo"
SOURCE = "https://card.fixture-p27.example/source"
_BODY = "本文です。これは日本語の技術記事の本文で、いくつかの段落があります。\n\n"


def _web() -> Web:
    web = Web()
    for url in (CARD, TWEET, REPO, SOURCE):
        web.page(
            url,
            "<title>The Page's Real Title</title><article><h1>The Page's Real Title</h1>"
            "<p>The text of the page, long enough to be read as its article.</p></article>",
        )
    return web


def _codes(report: dict[str, Any]) -> dict[str, list[str]]:
    return {
        c["url"]: [f["code"] for f in c.get("findings", [])]
        for d in report["documents"]
        for c in d["citations"]
    }


@pytest.mark.parametrize(
    "lines",
    [
        f"@[tweet]({TWEET})\n\n{CARD}\n",  # Zenn: an embed, then a link card
        f"@[card]({REPO})\n\n@[youtube](dQw4w9WgXcQ)\n\n{CARD}\n",
        f"GitHub: [repo]({REPO})\n\n{CARD}\n",  # a labelled link, then a card
        f"{CARD}\n\n:::message\n注意してください。\n:::\n",  # a card, then Zenn's message box
        f"{CARD}\n\n:::note info\n補足です。\n:::\n",  # Qiita's note
    ],
)
def test_a_line_linking_elsewhere_is_not_the_cards_title(tmp_path: Path, lines: str) -> None:
    post = tmp_path / "articles" / "post.md"
    post.parent.mkdir()
    post.write_text(f"---\ntitle: 記事\n---\n\n{_BODY}{lines}", encoding="utf-8")
    code, report, asked = run_on_web(_web(), str(post), tmp_path / "out")
    codes = _codes(report)
    assert CARD in asked
    assert codes[CARD] == [], codes  # no title claimed, none to mismatch
    assert code == ExitCode.OK


def test_a_translations_plain_title_line_is_still_its_originals_title(tmp_path: Path) -> None:
    """The near miss: the block the reader exists for (a plain English title over the URL,
    after the Japanese text) still claims the title, and a wrong one is still found."""
    post = tmp_path / "post.md"
    post.write_text(f"{_BODY}A Completely Different Headline\n\n{SOURCE}\n", encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    assert _codes(report)[SOURCE] == ["title-mismatch"]
    assert code == ExitCode.FAILED
