"""From one post's lines and embeds to its citations, in page order.

Every extractor (HTML, Markdown, text) ends here, so the rules that tie the kinds together live
in one place: the attribution is read from the post's own lines (never from an embed's text), the
attribution URL is not repeated as a body link, each embed gives one ``embed`` citation followed
by its links, quoted passages follow the embed or blockquote they are under, a ``原題:`` line
without a URL takes the link of the embed above it, and citations come out in page order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.extract.attribution import find_attributions, is_original_title
from checker.extract.links import citable, embed_link_citations, positioned_link_citations
from checker.extract.quotes import quote_citations, source_before
from checker.model import Citation, CitationKind

if TYPE_CHECKING:
    from collections.abc import Sequence

    from checker.extract.attribution import Attribution
    from checker.extract.embeds import Embed
    from checker.extract.lines import Line

__all__ = ["PostCitations", "post_citations"]

_CONTEXT_CHARS = 160
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
    for attribution in find_attributions(own, title):
        position = _position(lines, attribution)
        url = citable(attribution.url, base) if attribution.url else None
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


@dataclass(frozen=True, slots=True)
class PostCitations:
    """A post's citations in page order, and how many more the cap left out (``omitted``)."""

    citations: tuple[Citation, ...]
    omitted: int = 0


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
    links past the cap are counted without building their citations; quotes come last.
    """
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
    links, past = positioned_link_citations(
        lines, base, exclude=source_urls, quoted=quoted, limit=room
    )
    omitted += past
    if room is not None and len(quotes) > room - len(links):
        omitted += len(quotes) - (room - len(links))
        quotes = quotes[: room - len(links)]
    found = [*sources, *embedded, *links, *quotes]
    ordered = sorted(
        ((position, _RANK[c.kind], i, c) for i, (position, c) in enumerate(found)),
        key=lambda item: item[:3],
    )
    return PostCitations(tuple(item[3] for item in ordered), omitted)
