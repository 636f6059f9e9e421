"""Session 30's markup leftovers: WordPress's ``[embed]not a url[/embed]`` was checked as a local
file ``not a url``; in Markdown an entity-like tail after a bare URL (``…/a&copy;``,
``www.x/p?y=2&amp;``), which GFM leaves out of the autolink, was decoded into it (``…/a©``,
``…?y=2&``): URLs nobody linked.  Extraction only: nothing is fetched."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.extract import extract
from checker.model import Page, PageKind

if TYPE_CHECKING:
    from pathlib import Path


def _urls(tmp_path: Path, name: str, text: str, kind: PageKind) -> list[str | None]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page = Page(path.as_uri(), str(path), text, kind)
    return [c.url for document in extract(page) for c in document.citations]


@pytest.mark.parametrize(
    ("name", "kind", "text"),
    [
        ("post.md", PageKind.MARKDOWN, "# P\n\n[embed]not a url[/embed]\n"),
        ("post.html", PageKind.HTML, "<p>[embed]not a url[/embed]</p>\n"),
    ],
)
def test_a_wordpress_embed_of_words_is_no_local_file(
    tmp_path: Path, name: str, kind: PageKind, text: str
) -> None:
    # cited as written: a malformed-url (an embed naming no URL), as [embed][/embed] is
    assert _urls(tmp_path, name, text, kind) == ["[embed]not a url[/embed]"]


def test_a_wordpress_embed_of_a_url_or_a_path_is_still_read(tmp_path: Path) -> None:
    text = "# P\n\n[embed]https://src.example/e[/embed]\n\n[embed]clip.mp4[/embed]\n"
    assert _urls(tmp_path, "post.md", text, PageKind.MARKDOWN) == [
        "https://src.example/e",
        (tmp_path / "clip.mp4").as_uri(),
    ]


def test_an_entity_like_tail_is_no_part_of_a_bare_url_in_markdown(tmp_path: Path) -> None:
    text = (
        "# P\n\nSee https://x.example/a&copy; here, www.src.example/p?y=2&amp; and "
        "(https://x.example/b&amp;).\n\nStill whole: https://src.example/q?a=1&amp;b=2 and "
        "https://x.example/c&amp;d here.\n"
    )
    assert _urls(tmp_path, "post.md", text, PageKind.MARKDOWN) == [
        "http://www.src.example/p?y=2",  # a line's anchors come before its bare URLs
        "https://x.example/a",
        "https://x.example/b",
        "https://src.example/q?a=1&b=2",
        "https://x.example/c&d",
    ]
