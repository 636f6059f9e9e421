"""Plain-text captures of blog pages (like the seeds): posts, titles, dates and bare URLs.

A copied Blogger page keeps the day headers (``2025年12月8日月曜日``, ``Monday, December 8,
2025``) above each day's first post, with the post title on the next non-blank line.  Those
headers are the only reliable post boundaries in text, so the page is split there; whatever
comes before the first header is page chrome (label banners, navigation).  A text without
headers is one post.  Embeds survive a capture as their text and a ``— NAME (@handle) DATE``
line (:mod:`checker.extract.embeds.captured`); a post's first line is no title when it is the
text of such an embed.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from checker.dates import is_blogger_date_header, parse_post_date
from checker.extract.citations import post_citations
from checker.extract.embeds import captured_after, find_embeds
from checker.extract.lines import Line, bare_urls, html_lines, link_budget, text_lines
from checker.extract.tree import held, parse_html
from checker.model import Document

if TYPE_CHECKING:
    from collections.abc import Sequence

    from checker.extract.embeds import Embed
    from checker.model import Page

__all__ = ["extract_text"]

_MAX_TITLE_CHARS = 200


def _post_starts(lines: Sequence[Line]) -> list[int]:
    """Indexes of day headers that a title line follows."""
    starts = []
    for index, line in enumerate(lines):
        if not is_blogger_date_header(line.text):
            continue
        following = _next_text(lines, index + 1)
        if following is not None and not is_blogger_date_header(lines[following].text):
            starts.append(index)
    return starts


def _next_text(lines: Sequence[Line], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].text), None)


def _looks_like_title(line: Line) -> bool:
    return (
        bool(line.text)
        and line.embed is None
        and len(line.text) <= _MAX_TITLE_CHARS
        and not bare_urls(line.text)
    )


def _document(
    page: Page,
    lines: Sequence[Line],
    *,
    dated: bool,
    several: bool,
    limit: int | None,
    html_embeds: Sequence[Embed] = (),
) -> Document:
    published = parse_post_date(lines[0].text) if dated else None
    body_start = 1 if dated else 0
    marked, captured = captured_after(lines[body_start:], len(html_embeds))
    embeds = [*html_embeds, *captured]
    lines = (*lines[:body_start], *marked)
    title_index = _next_text(lines, body_start)
    title: str | None = None
    if title_index is not None and _looks_like_title(lines[title_index]):
        title = lines[title_index].text
        body_start = title_index + 1
    body = lines[body_start:]
    url = f"{page.url}#L{lines[title_index or 0].number}" if several else page.url
    found = post_citations(body, title, page.url, embeds, limit=limit)
    return found.document(url, page.origin, title, published)


def extract_text(
    page: Page,
    *,
    max_citations: int | None = None,
    html: Sequence[tuple[int, str]] = (),
    include_verbatim: bool = False,
) -> tuple[Document, ...]:
    """One :class:`Document` per post in a plain-text page, each with at most ``max_citations``.

    A post is read only as far as its cap needs (:func:`link_budget`): past it, text is counted.
    ``html`` is markup the page passes through as it is (AsciiDoc's ``++++`` blocks: each one's
    first line's number and its markup, blank lines in ``page.body``), read as HTML is, its
    embeds embeds (``include_verbatim`` reads its code, as an HTML page's).
    """
    budget = link_budget(max_citations)
    lines: Sequence[Line] = text_lines(page.body, max_links=budget, new_post=is_blogger_date_header)
    html_embeds: list[Embed] = []
    if html:
        lines = _with_html(lines, html, page.url, html_embeds, include_verbatim)
    starts = _post_starts(lines)
    if not starts:
        return (
            _document(
                page,
                lines,
                dated=False,
                several=False,
                limit=max_citations,
                html_embeds=html_embeds,
            ),
        )
    bounds = [*starts, len(lines)]
    several = len(starts) > 1
    return tuple(
        _document(
            page,
            lines[begin:end],
            dated=True,
            several=several,
            limit=max_citations,
            html_embeds=html_embeds,
        )
        for begin, end in itertools.pairwise(bounds)
    )


def _with_html(
    lines: Sequence[Line],
    html: Sequence[tuple[int, str]],
    base: str,
    embeds: list[Embed],
    include_verbatim: bool,
) -> list[Line]:
    """``lines`` with the lines of each HTML passage in the place of the blank lines it left,
    numbered as in the page; the embeds it holds are appended to ``embeds``, which its lines
    index."""
    read: list[Line] = []
    for first, markup in html:
        # the passage parsed where it stands, so that every element's line is the page's
        root = parse_html("\n" * (first - 1) + "<body>" + markup)
        with held(root) as page_index:
            found = find_embeds(root, base, page_index)
            roots = {tag: len(embeds) + index for index, (tag, _embed) in enumerate(found)}
            embeds += [embed for _tag, embed in found]
            read += html_lines(root, embeds=roots, include_verbatim=include_verbatim)
    taken = {line.number for line in read}
    kept = [line for line in lines if line.number not in taken or line.text]
    return sorted([*kept, *read], key=lambda line: line.number)
