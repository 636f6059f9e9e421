"""A post flattened to numbered lines of visible text, with the links each line carries.

The attribution parser must read HTML, Markdown and plain text alike, so every extractor first
turns its post into :class:`Line` values: the text a reader sees, the 1-based line of the page
body it came from, and the :class:`Anchor` values on it.  An HTML anchor keeps its ``href``
beside its text (``<a href=URL>Title</a>`` is the line ``Title`` holding an anchor to ``URL``),
so a title that links to its source looks the same to the parser as a title followed by a bare
URL.  Bare URLs in text become anchors whose text is the URL itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bs4.element import (
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "Anchor",
    "Line",
    "bare_urls",
    "html_lines",
    "join_text",
    "text_lines",
]

# Characters that end a bare URL in running text: whitespace, quotes, angle brackets and any
# CJK or full-width character, since Japanese text runs on right after a URL without a space.
_URL = re.compile(r"""https?://[^\s<>"'`\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]+""", re.IGNORECASE)
_TRAILING_PUNCT = ".,;:!?*_~"

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
        "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_INVISIBLE_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "math", "select", "button"}
)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A link on a line: what the reader sees and where it points (unresolved)."""

    text: str
    href: str
    in_embed: bool = False
    line: int | None = None  # where the anchor itself starts, when it differs from its line


@dataclass(frozen=True, slots=True)
class Line:
    """One line of visible text and the anchors on it; ``number`` is 1-based in the page body."""

    text: str
    number: int
    anchors: tuple[Anchor, ...] = ()

    @property
    def urls(self) -> tuple[str, ...]:
        """Every href on the line outside social embeds, in order."""
        return tuple(a.href for a in self.anchors if not a.in_embed)


def bare_urls(text: str) -> tuple[str, ...]:
    """The http(s) URLs written out in ``text``, trimmed of the punctuation that ends a sentence."""
    return tuple(_trim_url(m.group(0)) for m in _URL.finditer(text))


def _trim_url(url: str) -> str:
    """Drop trailing sentence punctuation and a closing parenthesis the URL did not open."""
    while url and (
        url[-1] in _TRAILING_PUNCT or (url[-1] == ")" and url.count("(") < url.count(")"))
    ):
        url = url[:-1]
    return url


def text_lines(body: str, *, first_number: int = 1) -> tuple[Line, ...]:
    """Plain text as lines; bare URLs become anchors whose text is the URL."""
    return tuple(
        Line(raw.strip(), first_number + i, tuple(Anchor(u, u) for u in bare_urls(raw)))
        for i, raw in enumerate(body.splitlines())
    )


_EMBED_CLASSES = frozenset(
    {
        "twitter-tweet", "twitter-video", "bluesky-embed", "instagram-media", "tiktok-embed",
        "telegram-post", "mastodon-embed", "fb-post", "text-post-media",
    }
)  # fmt: skip


def _is_embed(tag: Tag) -> bool:
    """True for the containers social embeds use; their links belong to the embedded post."""
    classes = tag.get("class")
    if classes is None:
        return False
    names = classes.split() if isinstance(classes, str) else list(classes)
    return any(str(c) in _EMBED_CLASSES for c in names)


class _Flattener:
    """Walks an element in document order, breaking lines at block tags, tracking source lines.

    html.parser gives every tag its ``sourceline``; text between tags is placed by counting the
    newlines it holds after the last tag seen, so a line number is exact for ordinary markup.
    """

    def __init__(self, skip: Callable[[Tag], bool]) -> None:
        self._skip = skip
        self._lines: list[Line] = []
        self._parts: list[str] = []
        self._anchors: list[Anchor] = []
        self._start: int | None = None
        self._source_line = 1

    def run(self, element: Tag) -> tuple[Line, ...]:
        self._source_line = element.sourceline or 1
        self._walk(element, in_embed=False)
        self._break()
        return tuple(self._lines)

    def _walk(self, tag: Tag, *, in_embed: bool) -> None:
        for child in tag.children:
            if isinstance(child, Tag):
                self._visit_tag(child, in_embed=in_embed)
            elif isinstance(child, NavigableString) and not isinstance(
                child, Comment | Declaration | Doctype | ProcessingInstruction
            ):
                self._add_text(str(child))

    def _visit_tag(self, tag: Tag, *, in_embed: bool) -> None:
        if tag.sourceline is not None:
            self._source_line = tag.sourceline
        name = tag.name.lower()
        if name in _INVISIBLE_TAGS or self._skip(tag):
            return
        block = name in _BLOCK_TAGS
        if block:
            self._break()
        if name == "a" and tag.get("href"):
            self._visit_anchor(tag, in_embed=in_embed)
        elif name == "img":
            return
        else:
            self._walk(tag, in_embed=in_embed or _is_embed(tag))
        if block:
            self._break()

    def _visit_anchor(self, tag: Tag, *, in_embed: bool) -> None:
        line = tag.sourceline
        before = len(self._parts)
        self._walk(tag, in_embed=in_embed)
        text = " ".join("".join(self._parts[before:]).split())
        if self._start is None:
            self._start = self._source_line
        self._anchors.append(Anchor(text, str(tag.get("href", "")).strip(), in_embed, line))

    def _add_text(self, text: str) -> None:
        stripped = text.lstrip()
        if stripped and self._start is None:
            self._start = self._source_line + text[: len(text) - len(stripped)].count("\n")
        self._source_line += text.count("\n")
        self._parts.append(text)

    def _break(self) -> None:
        text = " ".join("".join(self._parts).split())
        linked = {a.href for a in self._anchors}
        unlinked = [Anchor(u, u) for u in bare_urls(text) if u not in linked]
        if text or self._anchors:
            number = self._start if self._start is not None else self._source_line
            self._lines.append(Line(text, number, (*self._anchors, *unlinked)))
        self._parts.clear()
        self._anchors.clear()
        self._start = None


def html_lines(element: Tag, *, skip: Callable[[Tag], bool] | None = None) -> tuple[Line, ...]:
    """Flatten an element (parsed with html.parser, for line numbers) to visible lines.

    ``skip`` names subtrees that are page chrome (share buttons, navigation) and must not count.
    Links inside social embeds are kept but marked ``in_embed``: they belong to the embedded
    post, not to the post that embeds it.
    """
    return _Flattener(skip or _never).run(element)


def _never(_tag: Tag) -> bool:
    return False


def join_text(lines: Iterable[Line]) -> str:
    """The lines' text as one string, for titles and excerpts."""
    return " ".join(line.text for line in lines if line.text)
