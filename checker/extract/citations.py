"""From one post's lines and embeds to its citations, in page order.

Every extractor (HTML, Markdown, text) ends here, so the rules that tie the kinds together live
in one place: the attribution is read from the post's own lines (never from an embed's text), the
attribution URL is not repeated as a body link, each embed (a site generator's shortcode too)
gives one ``embed`` citation followed by its links, quoted passages follow the embed or
blockquote they are under, a ``原題:`` line without a URL takes the link of the embed above it,
and citations come out in page order.

One link, one citation, archives included: a Wayback or archive.today replay of a URL the post
cites (``[https://x/a](https://web.archive.org/web/2020/https://x/a)``, an ``(archived)`` link
after the original, a replay URL written after it in text) is that citation's archived copy
(:attr:`~checker.model.Cited.archived`, which verify judges first when the original is dead),
not a second citation.  A replay whose anchor text shows the original URL is a citation of the
original.  A replay under other words ("the archived report") stays a citation of the replay:
the writer cites the copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from checker.extract.attribution import (
    find_attributions,
    holds_cjk,
    is_original_title,
    writes_cjk,
)
from checker.extract.embeds.shortcodes import find_shortcodes
from checker.extract.links import (
    citable,
    citable_with_fragment,
    embed_link_citations,
    positioned_link_citations,
)
from checker.extract.quotes import quote_citations, source_before
from checker.model import Citation, CitationKind, Document
from checker.urls import archived_original

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date

    from checker.extract.attribution import Attribution
    from checker.extract.embeds import Embed
    from checker.extract.lines import Line

__all__ = ["PostCitations", "post_citations", "relined"]

_CONTEXT_CHARS = 160
_HOLDERS = frozenset({CitationKind.SOURCE, CitationKind.LINK, CitationKind.QUOTE})
_RANK = {CitationKind.SOURCE: 0, CitationKind.EMBED: 1, CitationKind.LINK: 2, CitationKind.QUOTE: 3}


def _position(lines: Sequence[Line], attribution: Attribution) -> int:
    """The index of the line an attribution starts on (a ``原題:`` line when it is one)."""
    same = [i for i, line in enumerate(lines) if line.number == attribution.line]
    labelled = [i for i in same if is_original_title(lines[i].text)]
    return (labelled or same or [0])[0]


def _sources(
    lines: Sequence[Line], title: str | None, base: str, embeds: Sequence[Embed]
) -> list[tuple[int, Citation]]:
    own = [line for line in lines if line.embed is None]
    found: list[tuple[int, Citation]] = []
    cited_urls: set[str] = set()
    for attribution in find_attributions(own, title, base):
        position = _position(lines, attribution)
        url, fragments = (
            citable_with_fragment(attribution.url, base) if attribution.url else (None, ())
        )
        if url is None and is_original_title(lines[position].text if lines else ""):
            url = source_before(lines, embeds, position, base)
        if url is not None and url in cited_urls:
            continue
        if url is not None:
            cited_urls.add(url)
        citation = Citation(
            CitationKind.SOURCE,
            url,
            attribution.cited,
            line=attribution.line,
            context=attribution.context,
            fragments=fragments,
        )
        found.append((position, citation))
    return found


def _shorten(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= _CONTEXT_CHARS else text[: _CONTEXT_CHARS - 1].rstrip() + "…"


def _embeds(
    lines: Sequence[Line], embeds: Sequence[Embed], base: str
) -> list[tuple[int, Citation]]:
    first: dict[int, int] = {}
    for position, line in enumerate(lines):
        if line.embed is not None:
            first.setdefault(line.embed, position)
    found: list[tuple[int, Citation]] = []
    for index, embed in enumerate(embeds):
        if index not in first:
            continue
        position = first[index]
        number = lines[position].number
        citation = Citation(
            CitationKind.EMBED,
            embed.url,
            embed.cited,
            platform=embed.platform,
            post_id=embed.post_id,
            line=number,
            context=_shorten(embed.cited.text),
        )
        found.append((position, citation))
        found.extend((position, link) for link in embed_link_citations(embed, number, base))
    return found


def _url_key(url: str) -> str:
    """``url`` as a reader compares addresses: no scheme, no ``www.``, no trailing slash, host in
    lower case (a replay keeps ``http://`` where the post cites ``https://``)."""
    rest = url.split("://", 1)[-1]
    host, slash, path = rest.partition("/")
    return (host.lower().removeprefix("www.") + slash + path).rstrip("/")


def _shows(text: str, url: str) -> bool:
    """Whether anchor ``text`` is ``url`` written out, whole or in a display form cut with ``…``."""
    text = " ".join(text.split())
    if not text.startswith(("http://", "https://", "www.")):
        return False
    cut = _cut(text)
    if cut:
        return _url_key(url).startswith(_url_key(text.removesuffix(cut)))
    return _url_key(text) == _url_key(url)


def _cut(text: str) -> str:
    """The mark a display form ends with where it cuts a long URL (``…``, ``...``), else ``""``."""
    return next((mark for mark in ("…", "...") if text.rstrip().endswith(mark)), "")


def _anchor_texts(lines: Sequence[Line], base: str) -> dict[str, str]:
    """The text of the first anchor outside embeds for each cited replay URL (resolved)."""
    texts: dict[str, str] = {}
    for line in lines:
        for anchor in line.anchors:
            if anchor.in_embed or "archive" not in anchor.href.lower():
                continue
            url = citable(anchor.href, base)
            if url is not None:
                texts.setdefault(url, anchor.text)
    return texts


def _archives_attached(
    found: list[tuple[int, Citation]], anchor_texts: dict[str, str]
) -> list[tuple[int, Citation]]:
    """``found`` with each archive replay of a cited URL attached to that URL's citation.

    A ``link`` to a replay (:func:`checker.urls.archived_original`) whose original a source,
    link or quote citation of the post cites goes onto that citation's ``cited.archived`` and is
    dropped; one whose anchor text shows the original becomes the original's citation, with the
    replay attached.  Any other replay stays as written.
    """
    replays: dict[int, str] = {}
    for index, (_, citation) in enumerate(found):
        replayed = (
            archived_original(citation.url or "") if citation.kind is CitationKind.LINK else None
        )
        original = citable(replayed[0], "") if replayed is not None else None
        if original is not None:
            replays[index] = original
    if not replays:
        return found
    holders: dict[str, int] = {}
    for index, (_, citation) in enumerate(found):
        if index not in replays and citation.kind in _HOLDERS and citation.url is not None:
            holders.setdefault(_url_key(citation.url), index)
    result = list(found)
    copies: dict[int, list[str]] = {}
    dropped: set[int] = set()
    for index, original in replays.items():
        position, replay = found[index]
        replay_url = replay.url or ""
        holder = holders.get(_url_key(original))
        text = anchor_texts.get(replay_url, "")
        if holder is None and _shows(text, original):
            # the URL as the writer wrote it when whole (a replay may keep http:// for https://)
            written = citable(text.strip(), "") if "://" in text and not _cut(text) else None
            result[index] = (position, replace(replay, url=written or original))
            holder = holders[_url_key(original)] = index
        if holder is None:
            continue
        copies.setdefault(holder, []).append(replay_url)
        if holder != index:
            dropped.add(index)
    for holder, urls in copies.items():
        position, citation = result[holder]
        archived = tuple(dict.fromkeys((*citation.cited.archived, *urls)))
        result[holder] = (
            position,
            replace(citation, cited=replace(citation.cited, archived=archived)),
        )
    return [item for index, item in enumerate(result) if index not in dropped]


@dataclass(frozen=True, slots=True)
class PostCitations:
    """A post's citations in page order, how many more the cap left out (``omitted``), and
    the fragments it links within itself (``own_fragments``)."""

    citations: tuple[Citation, ...]
    omitted: int = 0
    own_fragments: tuple[str, ...] = ()

    def document(
        self, url: str, origin: str, title: str | None, published: date | None
    ) -> Document:
        """The post these are the citations of, as :class:`~checker.model.Document`."""
        return Document(
            url,
            origin,
            title,
            published,
            self.citations,
            omitted=self.omitted,
            own_fragments=self.own_fragments,
        )


def post_citations(
    lines: Sequence[Line],
    title: str | None,
    base: str,
    embeds: Sequence[Embed] = (),
    *,
    limit: int | None = None,
) -> PostCitations:
    """The citations of one post in page order, at most ``limit`` of them (None: no cap).

    ``embeds[i]`` is the embed whose lines carry ``embed == i``; an embed that has no line in
    ``lines`` is not part of this post.  Under a cap, the attribution and the embeds come first
    (they are what a post is about, and few); body links fill what is left in page order, and
    links past the cap are counted without building their citations; quotes come last.  Links
    extraction only counted (:attr:`~checker.extract.lines.Line.omitted`) are omitted too.
    An embed written as a site generator's shortcode (``{{< tweet … >}}``) is one too.
    """
    lines, embeds = find_shortcodes(lines, embeds, base)
    sources = _sources(lines, title, base, embeds)
    source_urls = {c.url for _, c in sources if c.url is not None}
    embedded = _embeds(lines, embeds, base)
    omitted = 0
    if limit is not None and len(sources) + len(embedded) > limit:
        omitted = len(sources) + len(embedded) - limit
        embedded = embedded[: max(0, limit - len(sources))]
    room = None if limit is None else max(0, limit - len(sources) - len(embedded))
    quotes = quote_citations(lines, embeds, base)
    quoted = {c.url for _, c in quotes if c.url is not None}
    links, past, own_fragments = positioned_link_citations(
        lines, base, exclude=source_urls, quoted=quoted, limit=room
    )
    omitted += past + sum(line.omitted for line in lines)
    if room is not None and len(quotes) > room - len(links):
        omitted += len(quotes) - (room - len(links))
        quotes = quotes[: room - len(links)]
    found = _archives_attached([*sources, *embedded, *links, *quotes], _anchor_texts(lines, base))
    ordered = sorted(
        ((position, _RANK[c.kind], i, c) for i, (position, c) in enumerate(found)),
        key=lambda item: item[:3],
    )
    citations = tuple(item[3] for item in ordered)
    return PostCitations(_with_post_script(citations, lines), omitted, own_fragments)


def _with_post_script(
    citations: tuple[Citation, ...], lines: Sequence[Line]
) -> tuple[Citation, ...]:
    """The attributions that cite a title in CJK, told the script the post is written in
    (:attr:`~checker.model.Citation.post_cjk`: such a title may be the post's own translation
    of a Latin page's); the post's lines are read only when one does.  A Latin title needs no
    post's script (``verify.match.translation_possible``), and an embed's link keeps None: its
    headline is the embed's author's, in the embed's language, not the post's."""
    marked = [_cjk_titled_source(c) for c in citations]
    if not any(marked):
        return citations
    post_cjk = writes_cjk(lines)
    if post_cjk is None:
        return citations
    return tuple(
        replace(c, post_cjk=post_cjk) if mark else c
        for c, mark in zip(citations, marked, strict=True)
    )


def _cjk_titled_source(citation: Citation) -> bool:
    cited = citation.cited
    return citation.kind is CitationKind.SOURCE and any(
        holds_cjk(t) for t in (cited.title or "", *cited.alt_titles)
    )


def relined(
    posts: tuple[Document, ...], line_of: Callable[[int], int | None]
) -> tuple[Document, ...]:
    """``posts`` with each citation's line mapped by ``line_of`` (a line of the text read to the
    line of the file it came from: a notebook's cell, a Movable Type entry); no line stays none.
    """
    return tuple(
        replace(
            post,
            citations=tuple(
                c if c.line is None else replace(c, line=line_of(c.line)) for c in post.citations
            ),
        )
        for post in posts
    )
