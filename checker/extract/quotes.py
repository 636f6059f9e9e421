"""Quoted passages: text a post presents as taken from a source, and the source it names.

Two shapes count (see the embed conventions shared with ``verify``):

1. Paragraphs under an embed whose text links an article — a news account's tweet, then the
   article's paragraphs translated or copied below it — until the next embed, the next heading
   or the end.  They are attributed to the embed's article link exactly as written (the
   ``t.co`` link), since that is what the post points the reader to.  An embed without a link
   (a statement, a mirror account's copy of one) has no article: what follows it is the post's
   own translation or comment, not a quote.
2. ``<blockquote>`` elements that are not embeds and name their source: a ``cite=`` URL, a
   source line inside them (``— <a>Reuters</a>``), their one link set apart from their prose
   (``"…" (<a>Reuters</a>)``), or a line holding one link right after (when they hold no link
   of their own, or it is marked ``— Source``) or right before them.
   A blockquote whose link sits inside its own sentence ("… which you can read here: <a>…</a>.")
   is a note that links further reading (probe 26, a Hugo theme's callout): no quote of it.

Short lines without a sentence end inside such a region (subheadings, hashtags, captions and
timestamps like "… 11:53 AM EST 02/12/25") and labelled lines (``関連記事:``, ``原題:``) are not
quoted text: they end one passage, and the next paragraph starts another under the same source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from checker.extract.links import headline, resolve
from checker.model import Citation, CitationKind, Cited

if TYPE_CHECKING:
    from collections.abc import Sequence

    from checker.extract.embeds import Embed
    from checker.extract.lines import Anchor, Line

__all__ = ["article_link", "is_passage_text", "quote_citations", "source_before"]

_CONTEXT_CHARS = 160
_MAX_LABEL_CHARS = 40
_MAX_CAPTION_CHARS = 80
_MAX_SOURCE_LINE_CHARS = 120
_SENTENCE_END = tuple("。．.!?！？…")
_LABEL = re.compile(
    r"^(?:原題|関連記事|関連|出典|元記事|参考|引用元|写真|画像|動画|source|related|read more|"
    r"see also|photo|image|video)\s*[:：]",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\s*(?:AM|PM|am|pm)?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_HASHTAGS = re.compile(r"^(?:[#＃]\S++\s*+)++$")  # possessive: no backtracking
_SET_APART = frozenset('([（【［—–―"“”«»「」『』|.!?。．！？…')
"""The last character before a link that stands apart from a quote's prose: an opening
bracket, a dash, a quotation mark, a bar or a sentence end (``"…" (<a>Reuters</a>)``)."""
_SOURCE_WORDS = frozenset({"source", "via", "出典", "引用元"})
"""A label whose link is the source named (``via <a>Reuters</a>``, ``出典：<a>…</a>``)."""
_SOURCE_MARK = re.compile(r"^\s*(?:[—–―]+|--?|出典|引用元|source|via)\s*[:：]?", re.IGNORECASE)


# Never compared nor printed: no __eq__/__repr__ compiled at import (issue 19).
@dataclass(slots=True, eq=False, repr=False)
class _Passage:
    """Paragraphs being gathered under one source."""

    url: str
    context: str | None
    lines: list[tuple[int, Line]]


def _has_clock(text: str) -> bool:
    """``_CLOCK.search(text)``, asked only of a text holding a ``:`` or a ``/`` (each of its
    forms has one): most captions and lines have neither (issue 19: a search a line)."""
    return (":" in text or "/" in text) and _CLOCK.search(text) is not None


def is_passage_text(text: str) -> bool:
    """True for a paragraph of prose; False for subheadings, hashtags, captions and labels."""
    text = text.strip()
    if not text or _LABEL.match(text) or _HASHTAGS.match(text):
        return False
    if len(text) <= _MAX_CAPTION_CHARS and _has_clock(text) and not text.endswith("。"):
        return False
    return len(text) > _MAX_LABEL_CHARS or text.endswith(_SENTENCE_END)


def article_link(embed: Embed, base: str) -> str | None:
    """The article an embed links: the link its text gives a headline, else its first link."""
    text = embed.cited.text or ""
    chosen = None
    for anchor in embed.links:
        at = text.find(anchor.text) if anchor.text else -1
        if at >= 0 and headline(text[:at], text[at + len(anchor.text) :]) is not None:
            chosen = anchor
            break
    chosen = chosen or (embed.links[0] if embed.links else None)
    if chosen is None:
        return None
    return resolve(chosen.href, base) or chosen.href


def _shorten(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= _CONTEXT_CHARS else text[: _CONTEXT_CHARS - 1].rstrip() + "…"


def _citation(passage: _Passage) -> tuple[int, Citation]:
    position, first = passage.lines[0]
    text = "\n".join(line.text for _, line in passage.lines)
    citation = Citation(
        CitationKind.QUOTE,
        passage.url,
        Cited(text=text),
        line=first.number,
        context=passage.context,
    )
    return position, citation


def _under_embeds(
    lines: Sequence[Line], embeds: Sequence[Embed], base: str
) -> list[tuple[int, Citation]]:
    found: list[tuple[int, Citation]] = []
    source: str | None = None
    context: str | None = None
    passage: _Passage | None = None

    def flush() -> None:
        nonlocal passage
        if passage is not None and passage.lines:
            found.append(_citation(passage))
        passage = None

    read: dict[int, tuple[str | None, str | None]] = {}  # each embed's source and context
    for position, line in enumerate(lines):
        if line.embed is not None:
            flush()
            # read once per embed, not per line: an embed of n lines has text of n lines
            if line.embed not in read:
                embed = embeds[line.embed]
                read[line.embed] = article_link(embed, base), _shorten(embed.cited.text)
            source, context = read[line.embed]
        elif line.heading:
            flush()
            source = None
        elif source is None:  # no embed above it: no passage is open (each change of source
            continue  # flushed it) nor opens, so the line is not read (issue 19, session 36)
        elif line.quote is not None or not is_passage_text(line.text):
            if line.text or line.quote is not None:
                flush()
        else:
            passage = passage or _Passage(source, context, [])
            passage.lines.append((position, line))
    flush()
    return found


def _source_line_url(line: Line, base: str) -> str | None:
    """The one link of a short line that names a source (``— Reuters``, ``出典: …``)."""
    hrefs = {a.href for a in line.anchors if not a.in_embed}
    if len(hrefs) != 1 or len(line.text) > _MAX_SOURCE_LINE_CHARS:
        return None
    return resolve(next(iter(hrefs)), base)


_QuoteLinks: TypeAlias = "list[tuple[str, list[Anchor]]]"
"""Each line of a quote, its text and its own links (none in an embed, no ``#`` of the page)."""


def _quote_links(body: Sequence[Line]) -> _QuoteLinks:
    """The quote's lines and links, filtered once for :func:`_links_in_prose` and
    :func:`_own_link`."""
    return [
        (line.text, [a for a in line.anchors if not a.in_embed and a.href[:1] != "#"])
        for line in body
    ]


def _links_in_prose(links: _QuoteLinks) -> bool:
    """Whether a quote's one link is part of its prose wherever it stands.

    Such a link is part of a sentence ("… which you can read here: <a>tutorial</a>.", "As
    <a>the minutes</a> show"): the words around it say what it is, and they do not name it as
    the quote's source.  Each line is searched from where its previous anchor ended, so a line
    of many anchors costs one pass.
    """
    hrefs: set[str] = set()
    apart = False
    for text, anchors in links:
        start = 0
        for anchor in anchors:
            hrefs.add(anchor.href)
            at = text.find(anchor.text, start) if anchor.text else -1
            apart = apart or at < 0 or _set_apart(text[:at])
            start = at + len(anchor.text) if at >= 0 else start
    return len(hrefs) == 1 and not apart


def _set_apart(before: str) -> bool:
    """Whether a link after the text ``before`` it on its line stands apart from the prose: it
    opens the line, or follows a bracket, dash, quotation mark or sentence end, or a
    ``via``/``Source:`` label."""
    before = before.rstrip()
    if not before or before[-1] in _SET_APART or before.endswith((" -", " --")):
        return True
    last = before.rstrip(":：").rsplit(None, 1)[-1:]
    return bool(last) and last[0].lower() in _SOURCE_WORDS


def _own_link(links: _QuoteLinks, base: str) -> str | None:
    """The one link a quote holds (``"…" ([Reuters](…))``): the source it names itself.

    It comes before a line with one link after the quote, which may be the post's next item
    (an HTML block linking another story): the quote was attributed to that later link.  A
    ``— Source`` line after the quote still names it first; two links inside name none, and
    nor does a quote that is its link and little else (a "LEE MÁS | headline" teaser box); one
    whose link is part of its own sentence is not asked (:func:`_links_in_prose`).
    """
    anchors = [anchor for _text, found in links for anchor in found]
    if len({a.href for a in anchors}) != 1:
        return None
    rest = " ".join(text for text, _found in links)
    for anchor in anchors:
        rest = rest.replace(anchor.text, " ") if anchor.text else rest
    return resolve(anchors[0].href, base) if is_passage_text(rest) else None


def _neighbour(lines: Sequence[Line], start: int, step: int) -> Line | None:
    index = start + step
    while 0 <= index < len(lines) and not lines[index].text and not lines[index].anchors:
        index += step
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    if line.embed is not None or line.quote is not None or line.heading:
        return None
    return line


def _blockquote(
    lines: Sequence[Line], members: list[int], base: str
) -> tuple[int, Citation] | None:
    body = [lines[i] for i in members]
    url = resolve(body[0].cite, base) if body[0].cite else None
    last = body[-1]
    if len(body) > 1 and _SOURCE_MARK.match(last.text):
        url = url or _source_line_url(last, base)
        body = body[:-1]
        members = members[:-1]
    after = _neighbour(lines, members[-1], 1)
    before = _neighbour(lines, members[0], -1)
    if url is None and after is not None and _SOURCE_MARK.match(after.text):
        url = _source_line_url(after, base)
    if url is None:  # ``cite=`` or a source line names none: the quote's own links may
        links = _quote_links(body)
        # a note's link (one in its prose): neither it nor the next item is its source
        if not _links_in_prose(links):
            url = _own_link(links, base)
            # a quote holding links names its sources itself (two of them name none): the
            # next line's link is another item (an Obsidian callout, then "see <a>")
            if url is None and after is not None and not any(found for _t, found in links):
                url = _source_line_url(after, base)
    if url is None and before is not None and before.text.rstrip().endswith((":", "：")):
        url = _source_line_url(before, base)
    text = "\n".join(line.text for line in body if line.text)
    if url is None or not text:
        return None
    context = _shorten(after.text if after is not None else None)
    return members[0], Citation(
        CitationKind.QUOTE, url, Cited(text=text), line=body[0].number, context=context
    )


def _blockquotes(lines: Sequence[Line], base: str) -> list[tuple[int, Citation]]:
    groups: dict[int, list[int]] = {}
    for position, line in enumerate(lines):
        if line.quote is not None and line.embed is None:
            groups.setdefault(line.quote, []).append(position)
    found = (_blockquote(lines, members, base) for members in groups.values())
    return [item for item in found if item is not None]


def quote_citations(
    lines: Sequence[Line], embeds: Sequence[Embed], base: str
) -> list[tuple[int, Citation]]:
    """Every quoted passage of a post with the index of its first line, in page order."""
    found = _under_embeds(lines, embeds, base) + _blockquotes(lines, base)
    return sorted(found, key=lambda item: item[0])


def source_before(
    lines: Sequence[Line], embeds: Sequence[Embed], position: int, base: str
) -> str | None:
    """The article link of the nearest embed above ``lines[position]`` (for ``原題:`` lines)."""
    for index in range(position - 1, -1, -1):
        embed = lines[index].embed
        if embed is not None:
            return article_link(embeds[embed], base)
    return None
