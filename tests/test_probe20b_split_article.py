"""An article split across several small ``<article>`` blocks (a live blog's entries, a photo
essay's frames) is still the page's article when a region that lists pages wraps it.

Session 20 made a small ``<article>`` a teaser (menus of teaser ``<article>``s kept other stories'
dates): a region marked as a list (``post-list``) around a live blog's entries, each an
``<article>`` smaller than a fifth of the page, was then dropped as other pages', and the
entries' own date with it: the right cited date was flagged.  Entries that link to no other
page are the article's parts; together they are measured as one.
"""

from __future__ import annotations

from datetime import date

import pytest

from checker.verify.support import date_on_page

MARCH_2 = date(2024, 3, 2)
COMMENTS = (
    "<div class='comments'>"
    + "".join(
        f"<div class='c'><p>Comment {i} from a reader about the flood and the council.</p></div>"
        for i in range(20)
    )
    + "</div>"
)


def _entry(i: int, link: str) -> str:
    return (
        f'<article class="entry"><time>{10 + i}:00</time><a href="{link}">#</a>'
        f"<p>Update {i}: the river rose another ten centimetres near the bridge.</p></article>"
    )


def _live_blog(link: str) -> str:
    first = (
        '<article class="entry"><time datetime="2024-03-02">2 March 2024</time>'
        f'<a href="{link}">#</a><p>Live: the flood reaches the old town.</p></article>'
    )
    entries = first + "".join(_entry(i, link) for i in range(6))
    return (
        "<html><body><header><h1>Flood live</h1></header>"
        f"<div class='post-list'>{entries}</div>{COMMENTS}</body></html>"
    )


@pytest.mark.parametrize("link", ["#entry-0", ""])
def test_a_live_blogs_entries_keep_their_date(link: str) -> None:
    page = _live_blog(link).replace(' href=""', "")
    assert date_on_page(MARCH_2, page)


def test_entries_that_link_to_other_pages_are_still_teasers() -> None:
    assert not date_on_page(MARCH_2, _live_blog("/2024/03/02/other-story"))
