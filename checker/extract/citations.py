"""From one post's lines to its citations: the attribution first, then the body links.

Every extractor (HTML, Markdown, text) ends here, so the rules that tie the two kinds together
live in one place: the attribution URL is not repeated as a link, a URL is cited once per post,
and citations come out in page order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.extract.attribution import find_attributions
from checker.extract.links import link_citations, resolve
from checker.model import Citation, CitationKind

if TYPE_CHECKING:
    from collections.abc import Sequence

    from checker.extract.lines import Line

__all__ = ["post_citations"]


def post_citations(lines: Sequence[Line], title: str | None, base: str) -> tuple[Citation, ...]:
    """The ``source`` and ``link`` citations of one post, in page order."""
    sources: list[Citation] = []
    cited_urls: set[str] = set()
    for attribution in find_attributions(lines, title):
        url = resolve(attribution.url, base) if attribution.url else None
        if url is not None and url in cited_urls:
            continue
        if url is not None:
            cited_urls.add(url)
        sources.append(
            Citation(
                CitationKind.SOURCE,
                url,
                attribution.cited,
                line=attribution.line,
                context=attribution.context,
            )
        )
    links = link_citations(lines, base, exclude=cited_urls)
    ordered = sorted(
        (
            (c.line or 0, 0 if c.kind is CitationKind.SOURCE else 1, i, c)
            for i, c in enumerate((*sources, *links))
        ),
        key=lambda item: item[:3],
    )
    return tuple(item[3] for item in ordered)
