"""Probe 32: a reST directive named as an embed is that embed, as the shortcode of its name is.

Pelican's (pelican-youtube, pelican-vimeo) and Sphinx's (sphinxcontrib-youtube) reST posts embed a
video as ``.. youtube:: dQw4w9WgXcQ``; read as text, its id was no URL and the video vanished
with no word, and ``.. youtube:: URL`` or ``.. twitter:: URL`` was a plain link, fetched as a
page.  Each is now read as the call of its name a Hugo or Jekyll post writes: an embed, or for a
platform of no embed (Vimeo) the player's link.  A directive of any other name, and one shown in
a literal block, is read as before.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind

HEAD = "Post\n====\n\n:date: 2024-01-02\n\nThe talk.\n\n"


def _cited(body: str) -> list[tuple[str, str, int]]:
    page = Page("file:///blog/post.rst", "/blog/post.rst", HEAD + body, PageKind.TEXT)
    (document,) = extract(page)
    return [(c.kind.value, c.url or "", c.line or 0) for c in document.citations]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (".. youtube:: dQw4w9WgXcQ", ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")),
        (
            ".. youtube:: https://www.youtube.com/watch?v=dQw4w9WgXcQ\n   :width: 640",
            ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ),
        (".. vimeo:: 124313553", ("link", "https://vimeo.com/124313553")),
        (
            ".. twitter:: https://twitter.com/jack/status/20",
            ("embed", "https://twitter.com/jack/status/20"),
        ),
    ],
)
def test_an_embed_directive_is_its_embed(written: str, expected: tuple[str, str]) -> None:
    assert _cited(written + "\n") == [(*expected, 8)]


@pytest.mark.parametrize(
    "written",
    [
        ".. note:: See the video.",
        "::\n\n   .. youtube:: dQw4w9WgXcQ",
        ".. code-block:: rst\n\n   .. youtube:: dQw4w9WgXcQ",
    ],
)
def test_other_directives_and_shown_ones_are_no_embed(written: str) -> None:
    assert _cited(written + "\n") == []
