"""Probe 17: what a Markdown post says before its first heading is read.

Without a front-matter title the first heading is the post's title, and every line up to it
was dropped with it: an intro paragraph, a badge line, a URL list piped to ``citecheck check -``
with a ``#`` line under it.  Their links vanished with no word (a run of them: "0 citations").
"""

from __future__ import annotations

import io

import pytest

from checker.cli import ExitCode, main
from checker.extract import extract
from checker.model import Page, PageKind


def _document(text: str) -> tuple[str | None, list[tuple[int | None, str | None]]]:
    page = Page("https://blog.example/post", "post.md", text, PageKind.MARKDOWN)
    (document,) = extract(page)
    return document.title, [(c.line, c.url) for c in document.citations]


def test_links_before_the_first_heading_are_citations() -> None:
    text = (
        "Intro with a [source](https://news.example/a) and https://news.example/b.\n\n"
        "## First section\n\nBody https://news.example/c\n"
    )
    assert _document(text) == (
        "First section",
        [
            (1, "https://news.example/a"),
            (1, "https://news.example/b"),
            (5, "https://news.example/c"),
        ],
    )


def test_the_title_heading_is_not_read_as_text_but_its_link_is_a_citation() -> None:
    assert _document("# Plain title\n\nhttps://news.example/a\n") == (
        "Plain title",
        [(3, "https://news.example/a")],
    )
    title, citations = _document("# [Linked title](https://news.example/t)\n\nText.\n")
    assert title == "Linked title"
    assert citations == [(1, "https://news.example/t")]


def test_a_document_on_standard_input_with_a_heading_under_its_urls(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "https://news.example/a\nhttps://news.example/b\n\n# notes\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["check", "-", "--dump"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "-:1  https://news.example/a" in out and "-:2  https://news.example/b" in out
