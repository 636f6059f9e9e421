"""Zenn's slide embeds, ``@[speakerdeck](KEY)`` and ``@[slideshare](KEY)``, cite the player Zenn
shows (session 27 left: the key was a relative path, "skipped: a page route the site's
generator serves", so a deck taken down passed).  Zenn writes each as an iframe on the
platform's player (``https://speakerdeck.com/player/KEY``,
``https://www.slideshare.net/slideshow/embed_code/key/KEY``), cited as any player iframe is;
Hugo's ``{{< speakerdeck KEY >}}`` (its key is the player's too) likewise.  Through the real CLI
on the fixture web."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web
from tests.test_probe27_zenn_embeds import _article

if TYPE_CHECKING:
    from pathlib import Path

DECK = "https://speakerdeck.com/player/0f3b2a9c8d7e4f1a"
SLIDES = "https://www.slideshare.net/slideshow/embed_code/key/aBc-12_x"


def _web() -> Web:
    web = Web()
    web.page(DECK, "<title>A deck - Speaker Deck</title><p>Slides.</p>")
    web.add(SLIDES, Response(404, (("Content-Type", "text/html"),), b"<title>Not found</title>"))
    return web


def _cited(report: dict[str, Any]) -> dict[str, str]:
    return {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}


@pytest.mark.parametrize(
    "body",
    [
        "@[speakerdeck](0f3b2a9c8d7e4f1a)\n\n@[slideshare](aBc-12_x)",
        "{{< speakerdeck 0f3b2a9c8d7e4f1a >}}\n\n{{< slideshare aBc-12_x >}}",
    ],
    ids=["zenn", "hugo"],
)
def test_a_slide_embed_cites_its_player(tmp_path: Path, body: str) -> None:
    code, report, _asked = run_on_web(_web(), _article(tmp_path, body), tmp_path / "out")
    assert _cited(report) == {DECK: "ok", SLIDES: "broken"}
    assert not [p for p in report["problems"] if "route" in p["message"]]
    assert code == ExitCode.FAILED


def test_a_key_zenn_refuses_stays_what_it_was(tmp_path: Path) -> None:
    """The near miss: a URL where Zenn wants a key is the page it names."""
    body = "@[speakerdeck](https://speakerdeck.com/player/0f3b2a9c8d7e4f1a)"
    code, report, _asked = run_on_web(_web(), _article(tmp_path, body), tmp_path / "out")
    assert _cited(report) == {DECK: "ok"}
    assert code == ExitCode.OK
