"""Body links: every other http(s) link a post makes, as ``link`` citations.

A link is resolved against the post's URL and loses its fragment (``#section`` names a place
in the same document, which is checked once).  Only http and https are checkable; ``mailto:``,
``javascript:`` and the like are not citations.  The anchor text is kept as the cited title only
when it is words a reader sees as a title — not the URL itself and not "here"/"こちら".
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin, urlsplit

from checker.model import Citation, CitationKind, Cited

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from checker.extract.lines import Line

__all__ = ["anchor_title", "link_citations", "resolve"]

_CONTEXT_CHARS = 160
_EMPTY_TEXTS = frozenset(
    {
        "here", "click here", "this", "link", "this link", "source", "more", "read more",
        "website", "web", "url", "article", "this article", "original", "via",
        "こちら", "ここ", "コチラ", "リンク", "記事", "出典", "元記事", "詳細", "続きを読む",
    }
)  # fmt: skip


def resolve(href: str, base: str) -> str | None:
    """``href`` as an absolute http(s) URL without fragment, or None when it is not one."""
    href = href.strip()
    if not href:
        return None
    try:
        absolute, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return absolute


def anchor_title(text: str, url: str) -> str | None:
    """The anchor text as a cited title, or None when it is the URL or a word like "here"."""
    text = " ".join(text.split())
    if not text or text.lower().strip(" .:：>»→") in _EMPTY_TEXTS:
        return None
    bare = text.rstrip("/").split("://", 1)[-1].removeprefix("www.")
    target = url.rstrip("/").split("://", 1)[-1].removeprefix("www.")
    if text.startswith(("http://", "https://", "www.")) or bare == target:
        return None
    return text


def _context(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _CONTEXT_CHARS else text[: _CONTEXT_CHARS - 1].rstrip() + "…"


def link_citations(
    lines: Sequence[Line], base: str, *, exclude: Iterable[str] = ()
) -> tuple[Citation, ...]:
    """One ``link`` citation per distinct URL linked in ``lines``, in order of first appearance.

    ``exclude`` holds resolved URLs already cited otherwise (the attribution URL).  Links inside
    social embeds are left to the embed extractors.
    """
    seen = set(exclude)
    citations: list[Citation] = []
    for line in lines:
        for anchor in line.anchors:
            if anchor.in_embed:
                continue
            url = resolve(anchor.href, base)
            if url is None or url in seen:
                continue
            seen.add(url)
            cited = Cited(title=anchor_title(anchor.text, url))
            citations.append(
                Citation(
                    CitationKind.LINK,
                    url,
                    cited,
                    line=anchor.line or line.number,
                    context=_context(line.text),
                )
            )
    return tuple(citations)
