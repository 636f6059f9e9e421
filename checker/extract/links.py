"""Links as ``link`` citations: every other http(s) link of a post body, and embeds' links.

A link is resolved against the post's URL and loses its fragment (``#section`` names a place
in the document, which is checked once; the fragments are the citation's ``fragments``); a
fragment alone (``#top``) names a place in the post itself and is no citation (it is one of
the post's ``own_fragments``).  Only http and https are checkable; ``mailto:``,
``javascript:`` and the like are not citations.

Anchor text in a post body is not a claim about the linked page's title ("the report", "前回の
記事"), so it is the citation's ``context`` and ``cited.title`` stays None.  A social post is
different: a news account's tweet is the article's headline followed by its link, so a link in
an embed gets the text before it as ``cited.title`` when that text reads as a headline
(:func:`headline`), which the verifier can then hold against the page.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, urldefrag, urljoin, urlsplit, urlunsplit

from checker.lazyre import lazy
from checker.model import Citation, CitationKind, Cited
from checker.urls import (
    browser_reference,
    is_embed_call,
    is_near_miss,
    plain_split,
    plain_web_scheme,
    split_url,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from checker.extract.embeds import Embed
    from checker.extract.lines import Line

__all__ = [
    "SCHEME",
    "Href",
    "HrefKind",
    "anchor_title",
    "base_url",
    "citable",
    "classify_href",
    "embed_link_citations",
    "headline",
    "link_citations",
    "positioned_link_citations",
    "resolve",
]

_MAX_HEADLINE_CHARS = 140
_MAX_TRAILING_PROSE_CHARS = 15
_HASHTAG = lazy(r"(?:^|(?<=\s))[#＃][^\s#＃]+")
_MENTION = lazy(r"[@＠][A-Za-z0-9_]{1,30}")
_MEDIA = lazy(r"\b(?:https?://)?pic\.(?:twitter|x)\.com/\S+|https?://\S+", re.IGNORECASE)
# Pictographs, dingbats, arrows, geometric bullets, flags, keycaps and joiners: markers, not words.
_EMOJI = lazy(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u23e9-\u23fa\u2190-\u21ff"
    "\u25a0-\u25ff\ufe0f\u200d\u20e3]"
)
_SEPARATORS = " \t:：|｜-–—>»→▶"
_SENTENCE_BREAK = lazy(r"[。！？!?](?=\s*\S)|\.\s+(?=[A-Z])")
_LEAD_IN = lazy(
    r"[:：]\s*$|(?:詳しくは|詳細は|続きは|こちら|記事は)\s*$"
    r"|^(?:read|see|watch|listen|more|full story|details|click|via|link)\b",
    re.IGNORECASE,
)

_CONTEXT_CHARS = 160
_WORD = lazy(r"\S+")
_EMPTY_TEXTS = frozenset(
    {
        "here", "click here", "this", "link", "this link", "source", "more", "read more",
        "website", "web", "url", "article", "this article", "original", "via",
        "こちら", "ここ", "コチラ", "リンク", "記事", "出典", "元記事", "詳細", "続きを読む",
    }
)  # fmt: skip


SCHEME = lazy(r"[A-Za-z][A-Za-z0-9+.-]*:")
"""A URL's scheme and its colon, at the start of an ``href`` (RFC 3986 §3.1)."""
_WEB_SCHEMES = ("http", "https")


class HrefKind(enum.Enum):
    """What an href is to the checker (see :func:`classify_href`)."""

    WEB = "web"  # an http(s) URL to check
    MALFORMED = "malformed"  # meant as a web link, written so that it cannot work
    LOCAL = "local"  # a relative link on a page that has no web address: a file reference
    NONE = "none"  # not a citation: mailto:, tel:, javascript:, data:, ftp:, #fragment, empty


@dataclass(frozen=True, slots=True)
class Href:
    """An href classified; ``url`` is the resolved URL (WEB, LOCAL) or the href as written;
    ``fragment`` the ``#fragment`` it names, as written (a same-document ``#x``: NONE with it)."""

    kind: HrefKind
    url: str | None = None
    fragment: str | None = None


_NOT_A_LINK = Href(HrefKind.NONE)


def classify_href(href: str, base: str) -> Href:
    """The one decision on what an href written in a post is; no link is dropped unexplained.

    - A near-miss of an http(s) URL (``htps://``, ``http//``, ``https:/``, ``hxxp://``,
      ``ttps://``, a bare ``www.example.com/…``, a URL wrapped in brackets or led by a
      zero-width space, an authority with no host, ``http://`` or ``//``, that a CMS's link
      dialog leaves; :func:`checker.urls.is_near_miss`) is
      MALFORMED and keeps the href as written: verify reports it as ``malformed-url`` with the
      fix, without a request.  It is never joined to the page's URL as a relative path
      (``https://blog.example/posts/www.example.com/x``), which would check a URL nobody wrote.
    - An absolute http(s) URL with a host is WEB (fragment dropped); one without a host after
      joining is MALFORMED.
    - A relative link (path, ``?query``) is WEB when ``base`` is http(s): resolved against it.
      When ``base`` is not (a local file with no canonical URL or permalink), it is LOCAL: a
      reference to another file, kept as a ``file:`` URL resolved against the file's folder,
      whose existence the fetch stage reads (:mod:`checker.fetch.local`): a missing file is
      ``broken``, as lychee reports it.  A root-relative ``/x`` is kept as ``file:/x`` (one
      slash): only ``--root-dir`` says which folder ``/`` is.  A ``file:`` URL is kept as
      written.  A scheme-relative
      ``//host/…`` is WEB on any page, as ``https:`` where the page has no web scheme
      (:func:`_web_base_for`).
    - Other schemes (``mailto:``, ``tel:``, ``javascript:``, ``data:``, ``ftp:``) and an empty
      href are NONE.  So is a fragment alone (``#intro``, a table of contents, ``#top``): it
      names a place in the post itself, not another document.  Joined to the post's URL it was
      cited as the post, and a draft whose front matter names its future ``canonical`` URL had
      every table-of-contents entry reported ``broken``.  Its name is kept as the Href's
      ``fragment`` (the post's :attr:`~checker.model.Document.own_fragments`), as is a WEB or
      LOCAL link's (its citation's ``fragments``): ``--include-fragments`` checks each against
      the document it names (``missing-anchor``).
    """
    href = href.strip()
    if not href or href.startswith("#"):
        return Href(HrefKind.NONE, fragment=href[1:]) if href[1:] else _NOT_A_LINK
    read = browser_reference(href, base)  # ``\\x.com``, ``///x.com``: where a reader goes
    classified = _classified(read, base)
    if classified.kind is HrefKind.MALFORMED:
        return classified if read is href else Href(HrefKind.MALFORMED, href)  # as written
    if "#" in href and classified.url is not None:
        fragment = href.partition("#")[2]
        return Href(classified.kind, classified.url, fragment) if fragment else classified
    return classified


def _classified(href: str, base: str) -> Href:
    """:func:`classify_href` of a stripped href that is not a fragment alone, fragment cut."""
    scheme_end = plain_web_scheme(href)
    if scheme_end is None:
        if is_near_miss(href) or is_embed_call(href):
            return Href(HrefKind.MALFORMED, href)
        scheme = SCHEME.match(href)
        if scheme is not None and scheme.group(0).lower() == "file:":
            return Href(HrefKind.LOCAL, urldefrag(href)[0])  # a file reference, as written
        if scheme is not None and scheme.group(0)[:-1].lower() not in _WEB_SCHEMES:
            return _NOT_A_LINK
        scheme_end = scheme.end() if scheme is not None else None
    base = _web_base_for(href, base)
    try:
        joined = _absolute_web(href, base) if scheme_end is not None else None
        if joined is None:
            absolute, _fragment = urldefrag(urljoin(base, href))
            parts = urlsplit(absolute)
        else:
            absolute, parts = joined
    except ValueError:
        return Href(HrefKind.MALFORMED, href) if scheme_end is not None else _NOT_A_LINK
    if parts.scheme.lower() in _WEB_SCHEMES:
        if not parts.netloc:
            return Href(HrefKind.MALFORMED, href)
        return Href(HrefKind.WEB, _without_dot_segments(absolute, parts.path))
    if parts.scheme.lower() == "file" and scheme is None and not href.startswith("#"):
        if href.startswith("/") and base[:5].lower() == "file:":
            # root-relative: kept as ``file:/x`` (one slash), which only --root-dir resolves
            return Href(HrefKind.LOCAL, "file:" + urldefrag(href)[0])
        return Href(HrefKind.LOCAL, absolute)
    return _NOT_A_LINK


def _web_base_for(href: str, base: str) -> str:
    """The base a scheme-relative ``//host/path`` takes: ``https:`` when ``base`` is no web page.

    In a local file with no web address (htmltest's ``link_missing_protocol_invalid.html``,
    markdown-it's ``[](//☃.net/)``) such a link joined as ``file://host/path`` and was skipped
    as a file reference: a dead external host passed.  It names a host, which only the web
    serves, and a site's page reads it as ``https:`` (htmltest checks it as an external link).
    """
    if href.startswith("//") and not base[:6].lower().startswith(("http:", "https:")):
        return "https:"
    return base


def _absolute_web(href: str, base: str) -> tuple[str, SplitResult] | None:
    """``urldefrag(urljoin(base, href))[0]`` and its split, for an absolute URL with a host.

    Most hrefs in a post are such URLs; ``urljoin`` and ``urldefrag`` would parse each of them
    three times more (issue 19, CPU per URL).  None (the general path) for anything else: a
    fragment, a ``;`` (``urlparse``'s params, which its round trip can rewrite), no host, no
    base.  With a host, ``urljoin`` returns the href as written when the base's scheme differs,
    else ``urlunparse(urlparse(href))``, which without params is ``urlunsplit(urlsplit(href))``.
    """
    if not base or "#" in href or ";" in href:
        return None
    plain = plain_split(href)
    if plain is not None:  # its round trip gives it back as written, whatever the base
        return href, plain
    parts = urlsplit(href)
    if not parts.netloc:
        return None
    if parts.scheme != urlsplit(base).scheme:
        return href, parts
    absolute = urlunsplit(parts)
    return (href, parts) if absolute == href else (absolute, urlsplit(absolute))


def _without_dot_segments(url: str, path: str) -> str:
    """``url`` with its path's ``.``/``..`` segments removed, as a browser requests it.

    ``urljoin`` removes them from a relative reference but leaves an absolute URL as written
    (``https://host/../x``), so the URL checked would not be the one a reader's browser fetches.
    """
    if "/." not in path:
        return url
    clean = urlsplit(urljoin("http://h/", path)).path
    return url.replace(path, clean, 1)


def resolve(href: str, base: str) -> str | None:
    """``href`` as an absolute http(s) URL without fragment, or None when it is not one.

    For page URLs, canonical links and attribution URLs, where only a working web URL will do;
    body links go through :func:`classify_href`, which also keeps the malformed ones.
    """
    href = browser_reference(href.strip(), base)
    if not href:
        return None
    if ";" not in href and plain_split(href) is not None:
        # a plain http(s) URL (``urlparse``'s params apart) is what the join gives back and no
        # near-miss: only the base is parsed, as ``urljoin`` parses it first (one it cannot
        # parse is no base for any href), from ``split_url``'s cache (issue 19, session 36)
        try:
            if base:
                split_url(base)
        except ValueError:
            return None
        return href
    try:
        absolute, _fragment = urldefrag(urljoin(_web_base_for(href, base), href))
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in _WEB_SCHEMES or not parts.netloc:
        return None
    if is_near_miss(href):
        return None
    return absolute


def base_url(href: str, document_url: str) -> str | None:
    """The base URL a ``<base href>`` sets, or None when it sets none (the document's own URL
    stays the base).

    HTML parses the ``href`` against the document's own URL (its fallback base URL), so a
    relative base names a place beside the document: ``<base href="../site/">`` in
    ``file:///p/docs/a.html`` makes ``x.html`` ``file:///p/site/x.html``.  Only a web URL was
    taken (:func:`resolve`), so in a local file a relative base was ignored and its links
    resolved against the file itself (session 23).  A ``file:`` base counts only in a ``file:``
    document; no other scheme is a base (``javascript:``, ``data:``: HTML ignores them too).
    """
    web = resolve(href, document_url)
    if web is not None:
        return web
    if document_url[:5].lower() != "file:" or not href.strip():
        return None
    try:
        joined, _fragment = urldefrag(urljoin(document_url, href.strip()))
    except ValueError:
        return None
    return joined if urlsplit(joined).scheme.lower() == "file" else None


def citable(href: str, base: str) -> str | None:
    """The URL a body link is cited by: resolved (WEB, LOCAL) or as written (MALFORMED)."""
    return classify_href(href, base).url


def citable_with_fragment(href: str, base: str) -> tuple[str | None, tuple[str, ...]]:
    """:func:`citable`'s URL and the fragment ``href`` names, as a citation's ``fragments``
    (``--include-fragments`` checks them): an attribution's URL and an embed's links lost
    theirs, and a removed section they named passed (session 24's leftover)."""
    classified = classify_href(href, base)
    fragment = classified.fragment if classified.url is not None else None
    return classified.url, (fragment,) if fragment else ()


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


def _clean(text: str) -> str:
    text = _EMOJI.sub(" ", _HASHTAG.sub(" ", _MEDIA.sub(" ", text)))
    return " ".join(text.split())


def headline(before: str, after: str = "") -> str | None:
    """The headline an embed's text gives its link, or None when it gives none.

    ``before`` is the embed text before the link, ``after`` the text after it.  The headline is
    the last line of ``before`` without hashtags, emoji markers and trailing separators
    (``【…】`` brackets stay: they are part of the headline as the account wrote it).  It is no
    headline when it is long or several sentences, ends as a lead-in ("Read more:"), names an
    account, or when prose follows the link (then the link sits inside a sentence).
    """
    lines = [line for line in (_clean(x) for x in before.split("\n")) if line]
    if not lines:
        return None
    candidate = lines[-1].strip(_SEPARATORS)
    if not candidate or len(candidate) > _MAX_HEADLINE_CHARS:
        return None
    if _LEAD_IN.search(lines[-1]) or _MENTION.search(candidate):
        return None
    if _SENTENCE_BREAK.search(candidate):
        return None
    trailing = _MENTION.sub(" ", _clean(after)).strip(_SEPARATORS + "…")
    if len(trailing) > _MAX_TRAILING_PROSE_CHARS:
        return None
    return candidate


def _context(text: str) -> str:
    """``text`` with its blanks collapsed, cut to ``_CONTEXT_CHARS``.

    Only the words that can show are read: a line may be a whole 49 MB file, and collapsing all
    of it once per link on the line made extraction quadratic (issue 13).
    """
    words: list[str] = []
    size = -1
    for word in _WORD.finditer(text):
        words.append(word.group())
        size += len(words[-1]) + 1
        if size > _CONTEXT_CHARS:
            break
    text = " ".join(words)
    return text if len(text) <= _CONTEXT_CHARS else text[: _CONTEXT_CHARS - 1].rstrip() + "…"


def embed_link_citations(embed: Embed, line: int | None, base: str) -> tuple[Citation, ...]:
    """One ``link`` citation per outbound link of an embed, titled when the text is a headline.

    The context is the embed's text, which is what the reader sees around the link.
    """
    text = embed.cited.text or ""
    citations: list[Citation] = []
    start = 0
    for anchor in embed.links:
        url, fragments = citable_with_fragment(anchor.href, base)
        if url is None:
            continue
        at = text.find(anchor.text, start) if anchor.text else -1
        title = None
        if at >= 0:
            after_end = at + len(anchor.text)
            title = headline(text[start:at], text[after_end:])
            start = after_end
        citations.append(
            Citation(
                CitationKind.LINK,
                url,
                Cited(title=title),
                line=anchor.line or line,
                context=_context(text) if text else None,
                fragments=fragments,
            )
        )
    return tuple(citations)


def positioned_link_citations(
    lines: Sequence[Line],
    base: str,
    *,
    exclude: Iterable[str] = (),
    quoted: Iterable[str] = (),
    limit: int | None = None,
) -> tuple[list[tuple[int, Citation]], int, tuple[str, ...]]:
    """:func:`link_citations` with the index of the line each citation comes from.

    ``quoted`` holds the URLs quote citations already cite: a ``<blockquote cite>`` whose
    passage became a ``quote`` citation of that URL is not cited a second time as a link.

    At most ``limit`` citations are built; links past it are only counted (the second value),
    so that a page of 200,000 links costs neither their objects nor a set of their URLs.  A link
    past it that repeats a URL already cited is not counted; one repeating another link past it
    is, so the count is of links, not of distinct URLs.  The third value is the fragments the
    lines link within the post itself (``#intro``), each once; a link's fragment goes to its
    URL's citation (``Citation.fragments``), which one link to the URL, however many
    fragments, stays.
    """
    seen = set(exclude)
    cited_by_quotes = set(quoted)
    citations: list[tuple[int, Citation]] = []
    at: dict[str, int] = {}  # a cited URL's index in ``citations``, for its later fragments
    own: dict[str, None] = {}
    omitted = 0
    resolved: dict[str, Href] = {}  # each distinct href is parsed once (issue 19)
    for position, line in enumerate(lines):
        for anchor in (*line.anchors, *line.cited):
            if anchor.in_embed:
                continue
            href = anchor.href
            classified = resolved.get(href)
            if classified is None:
                classified = classify_href(href, base)
                if limit is None or len(citations) < limit:  # past it, links are only counted
                    resolved[href] = classified
            url, fragment = classified.url, classified.fragment
            if url is None and fragment is not None and len(own) < _MAX_OWN_FRAGMENTS:
                own[fragment] = None
            if url is None or url in seen or (url in cited_by_quotes and anchor in line.cited):
                if fragment is not None and url in at:
                    _add_fragment(citations, at[url], fragment)
                continue
            if limit is not None and len(citations) >= limit:
                omitted += 1
                continue
            seen.add(url)
            context = anchor_title(anchor.text, url) or _context(line.text) or None
            citation = Citation(
                CitationKind.LINK,
                url,
                Cited(),
                line=anchor.line or line.number,
                context=context,
                fragments=(fragment,) if fragment is not None else (),
            )
            at[url] = len(citations)
            citations.append((position, citation))
    return citations, omitted, tuple(own)


_MAX_OWN_FRAGMENTS = 1_000
"""Fragments kept of one post's links within itself (and of one URL's): a table of contents
has tens; a page made of a million of them costs no more than this."""


def _add_fragment(citations: list[tuple[int, Citation]], index: int, fragment: str) -> None:
    """Another fragment of the URL ``citations[index]`` cites, unless it already has it."""
    position, citation = citations[index]
    if len(citation.fragments) >= _MAX_OWN_FRAGMENTS or fragment in citation.fragments:
        return
    citations[index] = (position, replace(citation, fragments=(*citation.fragments, fragment)))


def link_citations(
    lines: Sequence[Line], base: str, *, exclude: Iterable[str] = ()
) -> tuple[Citation, ...]:
    """One ``link`` citation per distinct URL linked in ``lines``, in order of first appearance.

    ``exclude`` holds resolved URLs already cited otherwise (the attribution URL).  Links inside
    social embeds are left to the embed extractors.  The anchor text, when it is words rather than
    the URL, is the context; the cited title stays None.
    """
    positioned, _omitted, _own = positioned_link_citations(lines, base, exclude=exclude)
    return tuple(c for _, c in positioned)
