"""Addresses found in listings, feeds and sitemaps, made absolute and made one per post.

Two questions every discovery route asks of a URL it reads out of someone else's markup: what
absolute http(s) address does ``href`` name (:func:`absolute`: ``None`` for ``javascript:``, for
``http://[ccpa-preferences]`` and other strings ``urljoin`` raises over, so one bad link on a
page never stops discovery), and which post is it (:func:`canonical_post_url`: the same post
reached as ``?m=1``, ``#more``, ``?showComment=…`` or over ``http`` is one page).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

__all__ = ["absolute", "canonical_post_url"]

_BLOGGER_NOISE = frozenset({"m", "showcomment", "commentpage"})
"""Blogger query parameters that name a view of a post, not another post: ``?m=1`` (mobile),
``?showComment=…`` and ``?commentPage=…`` (a comment's anchor)."""


def absolute(base: str, href: str) -> str | None:
    """``href`` resolved against ``base`` as an absolute http(s) URL, or None when it is not one."""
    href = href.strip()
    if not href:
        return None
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def canonical_post_url(url: str, *, blogger: bool, scheme: str | None = None) -> str:
    """The one address of a post, however it was reached: fragment dropped, host lower-cased,
    and on Blogger the view parameters (``?m=1``, ``?showComment=…``) dropped.

    ``scheme`` (the blog's own, as the named URL answered; always ``https`` on blogspot.com)
    replaces ``http``/``https`` so that the two schemes of one blog give one post.  A URL that
    does not parse is returned as it is.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return url
    netloc = parts.netloc.lower() if host else parts.netloc
    query = parts.query
    if blogger and query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if k.casefold() not in _BLOGGER_NOISE]
        if len(kept) != len(pairs):
            query = urlencode(kept, safe=":+/")
    new_scheme = parts.scheme.lower()
    if host and host.endswith(".blogspot.com"):
        scheme = "https"  # Blogger serves every blogspot.com blog over HTTPS
    if scheme and new_scheme in ("http", "https"):
        new_scheme = scheme
    return urlunsplit((new_scheme, netloc, parts.path or "/", query, ""))
