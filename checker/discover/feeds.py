"""Atom and RSS feeds (and the exports built on them) read into posts, without fetching posts.

A feed entry carries the post's whole HTML, so a blog of 500 posts costs a handful of feed
requests instead of 500 page requests.  Each entry becomes a :class:`FeedEntry`, and
:func:`entry_page` wraps it in Blogger post markup so the extract stage reads it exactly as it
reads a post page: one post, its title, its date and its body.

One parser serves Blogger feeds, ``?alt=rss``, WordPress ``/feed``, a Blogger export (Atom whose
entries are ``kind#post``, ``kind#comment``, ``kind#settings``…) and a WordPress WXR file (RSS
whose items carry ``wp:post_type`` and ``wp:status``): entries that are not published posts are
dropped here, once.  lxml reads the XML (with ``recover`` for the broken feeds the web serves);
feedparser would add a dependency for no gain, since namespaces are matched by local name.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from html import escape
from urllib.parse import urljoin

from lxml import etree

__all__ = ["FeedEntry", "FeedPage", "entry_page_html", "parse_feed"]

_KIND_SCHEME = "http://schemas.google.com/g/2005#kind"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One published post as a feed or export describes it."""

    url: str
    title: str | None
    published: str | None
    updated: str | None
    content: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FeedPage:
    """One page of a feed: its posts, the total it announces and the next page it links."""

    entries: tuple[FeedEntry, ...]
    total: int | None = None
    next_url: str | None = None


def parse_feed(text: str, base_url: str) -> FeedPage | None:
    """The posts of an Atom or RSS document, or None when ``text`` is not a feed."""
    root = _xml_root(text)
    if root is None:
        return None
    name = _local(root)
    if name == "feed":
        return _atom(root, base_url)
    if name in ("rss", "RDF"):
        return _rss(root, base_url)
    return None


def entry_page_html(entry: FeedEntry) -> str:
    """A post page in Blogger's markup, which ``extract`` reads as one post with title and date."""
    title = escape(entry.title or "")
    day = (entry.published or "")[:10]
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<title>{title}</title><link rel="canonical" href="{escape(entry.url)}"></head><body>'
        f'<div class="date-outer"><h2 class="date-header"><span>{escape(day)}</span></h2>'
        '<div class="date-posts"><div class="post-outer"><div class="post hentry">'
        f'<h3 class="post-title entry-title"><a href="{escape(entry.url)}">{title}</a></h3>'
        f'<abbr class="published" title="{escape(entry.published or "")}"></abbr>'
        f'<div class="post-body entry-content">\n{entry.content}\n</div>'
        "</div></div></div></div></body></html>"
    )


def _xml_root(text: str) -> etree._Element | None:
    head = text.lstrip()[:512].lower()
    if not head.startswith("<") or "<html" in head:
        return None
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(text.lstrip().encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return None
    return root


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _kids(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _first(element: etree._Element, name: str) -> etree._Element | None:
    found = _kids(element, name)
    return found[0] if found else None


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def _atom(root: etree._Element, base_url: str) -> FeedPage:
    entries = tuple(e for e in (_atom_entry(x, base_url) for x in _kids(root, "entry")) if e)
    total = _int(_text(_first(root, "totalResults")))
    return FeedPage(entries, total, _atom_link(root, "next", base_url))


def _atom_link(element: etree._Element, rel: str, base_url: str) -> str | None:
    for link in _kids(element, "link"):
        if (link.get("rel") or "alternate") == rel and link.get("href"):
            if rel == "alternate" and link.get("type") not in (None, "text/html"):
                continue
            return str(urljoin(base_url, str(link.get("href") or "")))
    return None


def _atom_entry(entry: etree._Element, base_url: str) -> FeedEntry | None:
    labels: list[str] = []
    for category in _kids(entry, "category"):
        term = category.get("term") or ""
        if category.get("scheme") == _KIND_SCHEME:
            if not term.endswith("#post"):
                return None
        elif term:
            labels.append(term)
    if any(_local(x) == "draft" and _text(x) == "yes" for x in entry.iter()):
        return None
    url = _atom_link(entry, "alternate", base_url)
    if url is None:
        return None
    content = _first(entry, "content")
    if content is None:
        content = _first(entry, "summary")
    return FeedEntry(
        url,
        _text(_first(entry, "title")),
        _text(_first(entry, "published")),
        _text(_first(entry, "updated")),
        _atom_content(content),
        tuple(labels),
    )


def _atom_content(content: etree._Element | None) -> str:
    if content is None:
        return ""
    if content.get("type") == "xhtml":
        return "".join(etree.tostring(child, encoding="unicode") for child in content)
    return str(content.text or "")


def _rss(root: etree._Element, base_url: str) -> FeedPage:
    channel = _first(root, "channel")
    items = [x for x in root.iter() if _local(x) == "item"]
    entries = tuple(e for e in (_rss_item(x, base_url) for x in items) if e)
    next_url = None
    total = None
    if channel is not None:
        total = _int(_text(_first(channel, "totalResults")))
        next_url = _atom_link(channel, "next", base_url)
    return FeedPage(entries, total, next_url)


def _rss_item(item: etree._Element, base_url: str) -> FeedEntry | None:
    post_type = _text(_first(item, "post_type"))
    status = _text(_first(item, "status"))
    if (post_type is not None and post_type != "post") or status not in (None, "publish"):
        return None
    link = _text(_first(item, "link"))
    if link is None:
        guid = _first(item, "guid")
        if guid is not None and guid.get("isPermaLink", "true") == "true":
            link = _text(guid)
    if link is None:
        return None
    encoded = _first(item, "encoded")
    body = encoded if encoded is not None else _first(item, "description")
    published = _rfc822(_text(_first(item, "pubDate"))) or _text(_first(item, "post_date_gmt"))
    return FeedEntry(
        urljoin(base_url, link),
        _text(_first(item, "title")),
        published,
        _text(_first(item, "updated")) or _text(_first(item, "post_modified_gmt")) or published,
        (body.text or "") if body is not None else "",
        tuple(t for t in (_text(c) for c in _kids(item, "category")) if t),
    )


def _rfc822(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError):
        return None


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None
