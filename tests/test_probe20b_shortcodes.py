"""Shortcodes as real posts write them: Jetpack's URL with a query, Hugo's unspaced call, and a
bare URL inside a shortcode that another shortcode wraps.

``[youtube https://www.youtube.com/watch?v=ID]`` (Jetpack's documented form) cited
``https://www.youtube.com/watch?v`` — the video unchecked and a page nobody embedded checked in
its place.  ``{{<tweet user="…" id="…">}}`` (Hugo reads it as ``{{< tweet … >}}``) cited nothing:
Markdown took ``<tweet …>`` for an HTML tag.  ``[caption][embed]URL[/embed][/caption]`` cited
``URL[/embed][/caption]`` as well as the embed: a false ``broken``.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind


def _urls(body: str) -> list[tuple[str, str]]:
    page = Page("file:///blog/post.md", "/blog/post.md", body, PageKind.MARKDOWN)
    (document,) = extract(page)
    return [(c.kind.value, c.url or "") for c in document.citations]


def test_a_url_with_a_query_is_read_whole() -> None:
    cited = _urls("[youtube https://www.youtube.com/watch?v=JaNH56Vpg-A]\n")
    assert cited == [("embed", "https://www.youtube.com/watch?v=JaNH56Vpg-A")]


def test_a_keyed_url_with_a_query_is_read_whole() -> None:
    cited = _urls("{{< embed url=https://www.youtube.com/watch?v=JaNH56Vpg-A&t=5 >}}\n")
    assert cited == [("embed", "https://www.youtube.com/watch?v=JaNH56Vpg-A")]


@pytest.mark.parametrize(
    ("written", "url"),
    [
        (
            '{{<tweet user="SanDiegoZoo" id="1453110110599868418">}}',
            "https://twitter.com/SanDiegoZoo/status/1453110110599868418",
        ),
        ("{{<youtube w7Ft2ymGmfc>}}", "https://www.youtube.com/watch?v=w7Ft2ymGmfc"),
        ("Intro {{<youtube w7Ft2ymGmfc>}} outro", "https://www.youtube.com/watch?v=w7Ft2ymGmfc"),
    ],
)
def test_an_unspaced_hugo_call_is_read(written: str, url: str) -> None:
    assert _urls(f"# Post\n\n{written}\n") == [("embed", url)]


@pytest.mark.parametrize(
    "written",
    [
        '[caption id="x"][embed]https://vimeo.com/12345[/embed][/caption]',
        "[embed]https://vimeo.com/12345[/embed][/caption]",
        "[embed]https://vimeo.com/12345[/embed]. More text",
    ],
)
def test_a_bare_url_ends_at_the_shortcodes_closing_mark(written: str) -> None:
    assert _urls(f"# Post\n\n{written}\n") == [("link", "https://vimeo.com/12345")]


def test_wordpress_coms_equals_form_is_the_embed() -> None:
    """WordPress.com's documented ``[youtube=URL]`` was a plain link to the video page."""
    cited = _urls("[youtube=https://www.youtube.com/watch?v=JaNH56Vpg-A&w=640]\n")
    assert cited == [("embed", "https://www.youtube.com/watch?v=JaNH56Vpg-A")]
