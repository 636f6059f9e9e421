"""A Hatena card whose ``url=`` is written out unencoded keeps its whole URL (session 28 left:
``embed?url=https://x/?a=1&b=2`` was read as a query and cut at its ``&``, another page
checked).  Through the real CLI on the fixture web, and the pure reader's cases."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.extract.embeds.hatena import card_target
from tests.test_left28_hatena_cards import BLOG, CARDS, SOURCE, _cited, _web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path


def test_an_unencoded_card_url_is_read_whole(tmp_path: Path) -> None:
    page = f"{SOURCE}/live?id=7&amp;lang=en"  # as HTML writes the & in an attribute
    frame = f'<iframe src="https://{CARDS}/embed?url={page}" class="embed-card"></iframe>'
    web = _web(frame)
    web.page(f"{SOURCE}/live?id=7&lang=en", "<title>A page - Source</title><p>Live.</p>")
    _code, report, asked = run_on_web(web, f"{BLOG}/entry/2024/05/01/120000", tmp_path)
    assert _cited(report) == {f"{SOURCE}/live?id=7&lang=en": "ok"}  # was …/live?id=7
    assert f"{SOURCE}/live?id=7" not in asked


@pytest.mark.parametrize(
    ("src", "shown"),
    [
        (f"https://{CARDS}/embed?url=https://a.example/x?a=1&b=2", "https://a.example/x?a=1&b=2"),
        (f"https://{CARDS}/embed?url=https://a.example/x#part", "https://a.example/x#part"),
        (f"https://{CARDS}/embed?id=3&url=http://a.example/?q&r", "http://a.example/?q&r"),
        (
            f"https://{CARDS}/embed?url=https%3A%2F%2Fa.example%2F%3Fa%3D1%26b%3D2",
            "https://a.example/?a=1&b=2",  # Hatena's own way: encoded, read as a query
        ),
        (f"https://{CARDS}/embed?url=javascript:x&b=https://a.example/", None),
        (f"https://{CARDS}/embed?xurl=https://a.example/", None),
    ],
)
def test_the_card_reader(src: str, shown: str | None) -> None:
    assert card_target(src) == shown
