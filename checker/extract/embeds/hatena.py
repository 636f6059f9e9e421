"""Hatena Blog's link card: the page a ``[URL:embed:cite]`` card shows, not Hatena's server.

Hatena Blog writes its card notation out as an iframe on its card server,
``<iframe src="https://hatenablog-parts.com/embed?url=URL" class="embed-card …">``, followed
by ``<cite class="hatena-citation"><a href="URL">…</a></cite>`` (the ``:cite`` option), in a
fetched entry and in the blog's Movable Type export alike.  Read as any iframe, the card
server's address was cited beside the link it wraps: two citations of one source, and an
outage of Hatena's machinery a finding about the author's source (session 27's leftover).
The card cites ``URL``; with its cite line, that is one citation (a post cites a URL once).

Not a social embed (:data:`checker.extract.embeds.READERS`): the card shows any page, checked
as a link is; this is only what the iframe's address is read as
(:func:`checker.extract.lines.cited_by_attribute`).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

__all__ = ["card_target"]

_CARD_HOST = "hatenablog-parts.com"
_CARD_PATH = "/embed"


def card_target(src: str) -> str | None:
    """The http(s) URL a Hatena Blog card iframe's ``src`` shows (its ``url=``), or None when
    ``src`` is no such card (another host or path, no ``url``, a URL of another scheme)."""
    if _CARD_HOST not in src.lower():
        return None
    try:
        parts = urlsplit(src.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if host != _CARD_HOST or parts.path.rstrip("/") != _CARD_PATH:
        return None
    written = _written_out(parts.query, parts.fragment)
    if written is not None:
        return written
    for key, value in parse_qsl(parts.query):
        if key == "url":
            target = value.strip()
            return target if _is_web(target) else None
    return None


def _is_web(url: str) -> bool:
    return url[:8].lower().startswith(("http://", "https://"))


def _written_out(query: str, fragment: str) -> str | None:
    """The card's ``url=`` when it is written out unencoded (``url=https://x/?a=1&b=2``), the
    whole rest of the card's address: its ``&`` and ``#`` are the URL's, the card taking no
    other parameter.  Read as a query, it was cut at its first ``&`` (``…?a=1``: another page
    checked, session 28's leftover).  None when the value is encoded (Hatena's own way) or
    absent."""
    at = 0 if query.startswith("url=") else query.find("&url=") + 1
    if at == 0 and not query.startswith("url="):
        return None
    value = query[at + 4 :].strip()
    if not _is_web(value):
        return None
    return f"{value}#{fragment}" if fragment else value
