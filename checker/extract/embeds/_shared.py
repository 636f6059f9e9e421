"""What every platform reader shares: the :class:`Embed` value and small markup readers.

Twitter's and Bluesky's fallback markup are the same shape (the post's text in ``<p>``, then
``&mdash; NAME (@handle)`` and a dated permalink), and every platform needs an element's classes,
its visible text with line breaks kept, and the links its text makes.  Those readers live here so
that each platform module is only what is particular to its platform.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from checker.extract.lines import Anchor, bare_urls, push_children
from checker.extract.tree import Element, attr, classes, is_element, text_of
from checker.lazyre import lazy
from checker.model import Cited

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from checker.model import Platform

__all__ = [
    "Embed",
    "absolute",
    "attr",
    "classes",
    "host_of",
    "links_in",
    "outbound",
    "read_blockquote_post",
    "visible_text",
    "without_query",
]

_BREAKING = frozenset(
    {"p", "div", "br", "li", "blockquote", "section", "figure", "figcaption", "footer", "h1",
     "h2", "h3", "h4", "h5", "h6", "ul", "ol", "header", "article"}
)  # fmt: skip
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg"})
_LINE_BREAK = object()
# "— NAME (@handle)" at the end of the text before the dated permalink; NAME may hold brackets.
_AUTHOR_LINE = lazy(
    r"(?:^|\s)(?:[—–―]+|--?)\s*(?P<name>[^—–―]*?)\s*\(\s*@(?P<handle>[^()\s]+)\s*\)\s*$"
)
_AUTHOR_LINE_CHARS = 400
_NOT_LINK_TEXT = lazy(r"^(?:[#＃@＠]|pic\.(?:twitter|x)\.com/)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Embed:
    """One embedded post as its markup shows it.

    ``links`` are the outbound links of the post's text (hrefs as written, anchor text as shown),
    without the platform's own hashtag, mention, media and permalink links.
    """

    platform: Platform
    post_id: str | None
    url: str | None
    cited: Cited = field(default_factory=Cited)
    links: tuple[Anchor, ...] = ()


def absolute(href: str | None, base: str) -> str | None:
    """``href`` made absolute against ``base`` (protocol-relative ``//host`` included)."""
    if not href:
        return None
    try:
        return urljoin(base, href.strip())
    except ValueError:
        return None


def without_query(url: str) -> str:
    """``url`` without its query and fragment (``?ref_src=…``, ``?utm_source=…``)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def host_of(url: str) -> str:
    """The lower-case host of ``url`` without ``www.``; empty when there is none."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def visible_text(element: Element, *, skip: Iterable[Element] = ()) -> str:
    """The text a reader sees: block tags and ``<br>`` break lines, blank lines are dropped."""
    skipped = set(skip)
    parts: list[str] = []
    # An explicit stack, not recursion: markup is input and may nest thousands deep (issue 13).
    # Text is a str on the stack; _LINE_BREAK is a break to emit once the element above it is
    # done (pushed below the element's content and above its tail).
    stack: list[Any] = []
    push_children(stack, element)
    while stack:
        child = stack.pop()
        if type(child) is str:
            parts.append(child)
        elif child is _LINE_BREAK:
            parts.append("\n")
        elif is_element(child):
            if child.tag.lower() in _HIDDEN or child in skipped:
                continue
            if child.tag.lower() in _BREAKING:
                parts.append("\n")
                stack.append(_LINE_BREAK)
            push_children(stack, child)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def links_in(element: Element) -> list[Element]:
    """The ``<a href>`` elements inside ``element``, in page order."""
    return [a for a in element.iterdescendants("a") if a.get("href") is not None]


def _anchors(elements: Iterable[Element]) -> list[Anchor]:
    found: list[Anchor] = []
    for element in elements:
        linked: set[str] = set()
        for a in links_in(element):
            href = a.get("href").strip()
            linked.add(href)
            found.append(Anchor(" ".join(text_of(a).split()), href, True, a.sourceline))
        for url in bare_urls(text_of(element)):
            if url not in linked:
                found.append(Anchor(url, url, True, element.sourceline))
    return found


def outbound(
    elements: Iterable[Element], base: str, own_hosts: frozenset[str] = frozenset()
) -> tuple[Anchor, ...]:
    """The links the post's text makes to the world, once each, in order.

    Hashtag, mention and ``pic.twitter.com`` links and links to the platform's own hosts are the
    post's furniture, not its citations.  A ``t.co`` shortlink is kept: it is the article.
    """
    seen: set[str] = set()
    kept: list[Anchor] = []
    for anchor in _anchors(elements):
        url = absolute(anchor.href, base)
        if url is None or not url.lower().startswith(("http://", "https://")):
            continue
        host = host_of(url)
        own = any(host == h or host.endswith("." + h) for h in own_hosts)
        if own or _NOT_LINK_TEXT.match(anchor.text) or url in seen:
            continue
        seen.add(url)
        kept.append(Anchor(anchor.text, url if anchor.href.startswith("/") else anchor.href,
                           True, anchor.line))  # fmt: skip
    return tuple(kept)


def _text_before(root: Element, stop: Element | None, exclude: Iterable[Element]) -> str:
    """The text of ``root`` up to ``stop``, leaving out the ``exclude`` subtrees and hidden ones.

    One walk with a stack that skips whole subtrees: asking every text node for its ancestors
    cost O(n x depth), quadratic on a deeply nested embed (issue 13).
    """
    excluded = set(exclude)
    holds_stop = set(stop.iterancestors()) if stop is not None else set()
    parts: list[str] = []
    stack: list[Any] = []
    push_children(stack, root)
    while stack:
        node = stack.pop()
        if type(node) is str:
            parts.append(node)
        elif node is stop:
            break
        elif is_element(node):
            if node in excluded or node.tag in _HIDDEN:
                if node in holds_stop:
                    break  # the text up to ``stop`` ends inside a subtree left out
                continue
            push_children(stack, node)
    return " ".join("".join(parts).split())


@dataclass(frozen=True, slots=True)
class _BlockquotePost:
    """The parts of a ``<p>TEXT</p> — NAME (@handle) <a href=PERMALINK>DATE</a>`` embed."""

    cited: Cited
    permalink: str | None
    links: tuple[Anchor, ...]


def read_blockquote_post(
    tag: Element,
    base: str,
    *,
    is_permalink: Callable[[str], bool],
    own_hosts: frozenset[str],
) -> _BlockquotePost:
    """Read Twitter-style fallback markup: text, author line, dated permalink, outbound links.

    The permalink is the last link ``is_permalink`` accepts; its text is the date as shown.  Text
    outside ``<p>`` before the author line counts as the post's text when there is no ``<p>``.
    """
    dated = [a for a in links_in(tag) if is_permalink(absolute(a.get("href"), base) or "")]
    stamp = dated[-1] if dated else None
    holds_stamp = set(stamp.iterancestors()) if stamp is not None else set()
    paragraphs = [p for p in tag.iterdescendants("p") if p not in holds_stamp]
    text = "\n".join(t for t in (visible_text(p) for p in paragraphs) if t)
    tail = _text_before(tag, stamp, paragraphs)
    name = handle = None
    # The author line closes the tail; searching only its end keeps the lazy name pattern from
    # rescanning a long hostile tail from every dash in it (O(n²), issue 13).
    offset = max(0, len(tail) - _AUTHOR_LINE_CHARS)
    author = _AUTHOR_LINE.search(tail, offset)
    if author is not None:
        name = author.group("name").strip() or None
        handle = author.group("handle")
        text = text or tail[: author.start()].strip()
    date = " ".join(text_of(stamp).split()) or None if stamp is not None else None
    permalink = absolute(str(stamp.get("href")), base) if stamp is not None else None
    cited = Cited(author=name, handle=handle, date=date, text=text or None)
    return _BlockquotePost(cited, permalink, outbound(paragraphs, base, own_hosts))
