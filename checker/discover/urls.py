"""Addresses found in listings, feeds and sitemaps, made absolute and made one per post.

Two questions every discovery route asks of a URL it reads out of someone else's markup: what
absolute http(s) address does ``href`` name (:func:`absolute`: ``None`` for ``javascript:``, for
``http://[ccpa-preferences]`` and other strings ``urljoin`` raises over, so one bad link on a
page never stops discovery), and which post is it (:func:`canonical_post_url`: the same post
reached as ``?m=1``, ``#more``, ``?showComment=…`` or over ``http`` is one page).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

from checker.encoding import ASCII_IGNORECASE, ascii_digits, comparable_text
from checker.lazyre import lazy
from checker.urls import browser_reference, is_near_miss

if TYPE_CHECKING:
    from collections.abc import Iterable

    from checker.lazyre import LazyPattern

__all__ = [
    "INDEX_FILES",
    "absolute",
    "canonical_link",
    "canonical_post_url",
    "head_title",
    "language_homes",
    "listing_path",
    "may_be_view",
    "same_headline",
    "view_links",
    "view_of",
]

_BLOGGER_NOISE = frozenset({"m", "showcomment", "commentpage"})
"""Blogger query parameters that name a view of a post, not another post: ``?m=1`` (mobile),
``?showComment=…`` and ``?commentPage=…`` (a comment's anchor)."""


_LISTING_ROOTS = frozenset(
    {"tags", "tag", "categories", "category", "series", "search", "author", "authors",
     "topics", "labels"}
)  # fmt: skip
"""First path segments under which static generators and WordPress put only pages that list
posts: taxonomies (Hugo's ``/tags/``, ``/categories/``, ``/series/``; WordPress's and Jekyll's
``/tag/``, ``/category/``), site search and author pages.  A listing is the root, one term
(``/tags/docker/``) or a page of its pager: a path deeper than that is a post (a series' part
``/series/guide/part-3/``, a news site's ``/topics/politics/2024/05/01/story/``: probe 24b),
except under :data:`_NESTED_ROOTS`."""
_NESTED_ROOTS = frozenset({"category", "categories", "search"})
"""Listing roots whose listings nest: WordPress's child categories (``/category/parent/child/``)
and Blogger's label and search pages (``/search/label/Python``)."""
_ARCHIVE_ROOTS = frozenset({"archives", "archive"})
"""Hexo's ``/archives/``, ``/archives/2019/05/``: listings only when nothing but a year, month
or day follows.  WordPress's numeric permalinks put every *post* at ``/archives/123`` (a
common setting on Japanese blogs, this tool's family): those are posts, ``/archives/2019`` too
(WordPress writes no closing slash there and dates its archives ``/archives/date/2019/``),
while Hexo's year archive ends with one (``/archives/2019/``)."""
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTH_OR_DAY = re.compile(r"\d\d?")
_JEKYLL_PAGER = re.compile(r"page\d+")
_SECTION_INDEXES = frozenset({"post", "posts", "blog", "articles", "news"})
"""A section's own index (Hugo's ``/post/``): a listing when it is the whole path."""
INDEX_FILES = frozenset({"index.html", "index.htm"})
_LANGUAGE = re.compile(r"[a-z]{2}(?:-[a-z]{2,4})?")
"""A multilingual site's first segment (``/en/``, ``/zh-cn/``), read past for the rules above."""


_ISO_639_1 = frozenset(
    {"aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg",
     "bh", "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv",
     "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi",
     "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr",
     "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "in", "io", "is", "it", "iu",
     "iw", "ja", "ji", "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks",
     "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh",
     "mi", "mk", "ml", "mn", "mo", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl",
     "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt",
     "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm",
     "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
     "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
     "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu"}
)  # fmt: skip
"""The languages' two-letter codes (ISO 639-1, with the withdrawn ``in``, ``iw``, ``ji``, ``mo``
some sites still use): a home's first segment is one of them, not any two letters."""


def language_homes(urls: Iterable[str]) -> set[str]:
    """The URLs of ``urls`` that are a multilingual site's home of one language: a path of one
    language code (``/en/``, ``/ja/``, ``/zh-tw/index.html``) that other URLs of the same site
    live under (``/en/posts/x/``).  :func:`listing_path` keeps ``/en/`` alone, a two-letter
    page being as likely a post; a sitemap listing pages under it says it is a home.  One pass
    of string finds a URL (a sitemap of 50,000: urlsplit each cost 0.6 CPU s).  The code is a
    language's (:data:`_ISO_639_1`): any two letters made a programming blog's ``/go/`` series
    post, with ``/go/generics/`` under it, a home left unread (probe 27b)."""
    homes: dict[tuple[str, str], list[str]] = {}
    under: set[tuple[str, str]] = set()
    for url in urls:
        authority = url.find("://") + 3
        slash = url.find("/", authority) if authority > 2 else -1
        end = url.find("/", slash + 1) if slash >= 0 else -1
        if end < 0 or not _LANGUAGE.fullmatch(first := url[slash + 1 : end].casefold()):
            continue
        if first[:2] not in _ISO_639_1:
            continue
        key = (url[authority:slash].casefold(), first)
        rest = url[end + 1 :]
        if not rest or rest.casefold() in INDEX_FILES:
            homes.setdefault(key, []).append(url)
        elif rest[0] not in "?#":
            under.add(key)
    return {url for key, found in homes.items() if key in under for url in found}


def listing_path(url: str) -> bool:
    """Whether ``url``'s path names a page that only lists posts on a generated site: the home
    page, a taxonomy, archive or search page, a section's index or a page of a pager
    (``…/page/2/``).  A sitemap lists them beside the posts (probe 24: a Hugo
    blog's tag pages were read as 438 more posts, each dead link reported again under them);
    discovery leaves them out.  ``/en/`` alone is kept: a two-letter page is as likely a post."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    segments = [unquote(s).casefold() for s in path.split("/") if s]
    folder = path.endswith("/")
    if segments and segments[-1] in INDEX_FILES:
        segments.pop()
        folder = True
    if len(segments) > 1 and _LANGUAGE.fullmatch(segments[0]):
        segments = segments[1:]
    # A page of a pager ends with ``page/N`` (``/docs/page/1/intro/`` is a post: probe 24b).
    # Not a bare date path (``/2023/06/``): a real Hugo blog's posts with an empty slug live
    # there (its feed lists 16 of them), while a sitemap rarely lists a date archive.
    if segments[-2:-1] == ["page"] and ascii_digits(segments[-1]):
        return True
    if not segments:
        return True
    if _JEKYLL_PAGER.fullmatch(segments[-1]) and folder:  # jekyll-paginate's ``/page2/``
        return True
    root, rest = segments[0], segments[1:]
    if root in _LISTING_ROOTS and (len(rest) <= 1 or root in _NESTED_ROOTS):
        return True
    if not rest and root in _SECTION_INDEXES:
        return True
    return root in _ARCHIVE_ROOTS and _dated_listing(rest, folder=folder)


def _dated_listing(rest: list[str], *, folder: bool) -> bool:
    """Whether the segments after an archive root name the archive itself, a year, month or
    day of it, not one post (a pager's page is settled before).  A year alone with no closing
    slash is WordPress's numeric permalink (``/archives/2019``: post 2019), not Hexo's year."""
    if not rest:
        return True
    if len(rest) == 1 and not folder:
        return False
    return (
        len(rest) <= 3
        and bool(_YEAR.fullmatch(rest[0]))
        and all(_MONTH_OR_DAY.fullmatch(s) for s in rest[1:])
    )


def absolute(base: str, href: str) -> str | None:
    """``href`` resolved against ``base`` as an absolute http(s) URL, or None when it is not one.

    A near-miss (:func:`checker.urls.is_near_miss`) is none: ``https://?x`` in a feed's
    ``<link>`` or a sitemap's ``<loc>`` joined as the feed's or sitemap's own address with
    ``?x``, and that document was then read as the post (session 37)."""
    href = browser_reference(href.strip(), base)
    if not href or is_near_miss(href):
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


def _query_without(query: str, keys: frozenset[str]) -> str | None:
    """``query`` without its parameters whose name (case-folded) is in ``keys``; None when it
    has none of them (the query stays as written)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if k.casefold() not in keys]
    return urlencode(kept, safe=":+/") if len(kept) != len(pairs) else None


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
    if blogger and query and (without := _query_without(query, _BLOGGER_NOISE)) is not None:
        query = without
    new_scheme = parts.scheme.lower()
    if host and host.endswith(".blogspot.com"):
        scheme = "https"  # Blogger serves every blogspot.com blog over HTTPS
    if scheme and new_scheme in ("http", "https"):
        new_scheme = scheme
    return urlunsplit((new_scheme, netloc, parts.path or "/", query, ""))


_VIEW_SEGMENTS = frozenset({"amp", "print"})
"""Last path segments of another view of the post above them: the AMP plugins' ``/x/amp/``
and a print view's ``/x/print/``."""
_VIEW_QUERIES = frozenset({"amp", "print", "output"})
"""Query keys that ask for another view of the same page: WordPress AMP's ``?amp=1``,
``?print=1``, Blogger-era ``?output=amp``."""
_VIEW_MARK = lazy(
    "|".join(map(re.escape, sorted(_VIEW_SEGMENTS | _VIEW_QUERIES))), ASCII_IGNORECASE
)


def may_be_view(url: str) -> bool:
    """Whether ``url`` holds a word of :func:`view_of`'s segments or query keys anywhere: the
    cheap test that spares splitting the addresses that cannot be a view."""
    return _VIEW_MARK.search(url) is not None


def view_of(url: str) -> str | None:
    """The post ``url`` would be another view of, by its shape (``/x/amp/``, ``/x/print/``,
    ``/x/?amp=1``: ``/x/``), or None.  The shape alone proves nothing (``/2024/05/amp/`` may be
    a post about AMP): the page's own canonical link must name that post too."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.query:
        query = _query_without(parts.query, _VIEW_QUERIES)
        if query is None:
            return None
        return urlunsplit(parts._replace(query=query, fragment=""))
    path = parts.path
    stem, _, last = path.rstrip("/").rpartition("/")
    if last.casefold() not in _VIEW_SEGMENTS or not stem:
        return None
    return urlunsplit(parts._replace(path=stem + "/" if path.endswith("/") else stem, fragment=""))


# A tag ends at its ``>`` or where the next one opens: ``[^<>]*``, not ``[^>]*``, so a page of
# ``<link `` repeated without a ``>`` is read in linear time (each start scanned to the end of
# the window made it quadratic: 2 s a 64 KiB page; the older file reader's pattern, cubic, took
# 171 s on 20 KB of ``<link rel=canonical ``).
_LINK_TAG = lazy(r"<link\b[^<>]*>", ASCII_IGNORECASE)
_CANONICAL_REL = lazy(r"""\brel\s*=\s*["']?canonical\b""", ASCII_IGNORECASE)
_AMP_REL = lazy(r"""\brel\s*=\s*["']?amphtml\b""", ASCII_IGNORECASE)
_ALTERNATE_REL = lazy(
    r"""\brel\s*=\s*(?:"alternate"|'alternate'|alternate(?=[\s/>]))""",
    ASCII_IGNORECASE,
)
"""``rel`` the one word ``alternate``: ``alternate stylesheet`` (``media=print`` often) is a
style, no view."""
_PRINT_MEDIA = lazy(r"""\bmedia\s*=\s*["']?print\b""", ASCII_IGNORECASE)
_HREF = lazy(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", ASCII_IGNORECASE)


_TITLE = lazy(r"<title\b[^<>]*>([^<]{0,2000})</title", ASCII_IGNORECASE)
"""A page's ``<title>``: text without a tag, bounded (a page's head is sniffed, not parsed)."""


def head_title(text: str) -> str | None:
    """The first ``<title>`` of ``text`` (a raw page's sniffed head), None without one."""
    found = _TITLE.search(text)
    return found.group(1) if found else None


_META_TAG = lazy(r"<meta\b[^<>]*>", ASCII_IGNORECASE)
_SITE_NAME_KEY = lazy(
    r"""\b(?:property|name)\s*=\s*["']?(?:og:site_name|application-name)\b""", ASCII_IGNORECASE
)
_CONTENT = lazy(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", ASCII_IGNORECASE)


def head_site_name(text: str) -> str | None:
    """The site's name a page's sniffed head gives (``og:site_name``, ``application-name``),
    None without one: a title equal to it is the site's, not a post's."""
    for tag in _META_TAG.finditer(text):
        found = tag.group()
        if _SITE_NAME_KEY.search(found) and (content := _CONTENT.search(found)):
            return next(g for g in content.groups() if g is not None) or None
    return None


def same_headline(one: str | None, other: str | None) -> bool:
    """Whether two titles read the same to a reader: entities unescaped, NFKC, white space
    collapsed, case folded and the invisible characters dropped (:func:`comparable_text`); an
    empty or missing title is no one's."""
    if not one or not other:
        return False
    first, second = comparable_text(one), comparable_text(other)
    return bool(first) and first == second


def canonical_link(text: str, base: str) -> str | None:
    """The absolute http(s) address the first ``<link rel="canonical">`` of ``text`` names
    (``rel`` and ``href`` in either order), resolved against ``base``; None without one.

    The caller cuts ``text`` to the part it sniffs: a raw page, read before any parse.
    """
    return _head_link(text, base, _CANONICAL_REL)


def view_links(text: str, base: str) -> tuple[str, ...]:
    """The addresses of the other views of its page ``text``'s head names (a post naming its
    own views: its twins): the AMP view (``<link rel="amphtml">``, the AMP plugins') and the
    printable one (``<link rel="alternate" media="print">``, HTML 4's way, still written by CMS
    print modules), each the first of its kind, read as :func:`canonical_link` reads its link.
    ``text`` is cut to the part sniffed, read in one pass over its ``<link>`` tags."""
    amp: str | None = None
    printed: str | None = None
    for tag in _LINK_TAG.finditer(text):
        link = tag.group()
        if amp is None:
            amp = _link_href(link, base, _AMP_REL)
        if printed is None and _PRINT_MEDIA.search(link):
            printed = _link_href(link, base, _ALTERNATE_REL)
        if amp is not None and printed is not None:
            break
    return tuple(view for view in (amp, printed) if view)


def _head_link(text: str, base: str, rel: LazyPattern[str]) -> str | None:
    """The address the first ``<link>`` of ``text`` whose ``rel`` is ``rel`` names (None: no
    such link, or its address is no absolute http(s) one)."""
    for tag in _LINK_TAG.finditer(text):
        if (href := _link_href(tag.group(), base, rel)) is not None:
            return href or None
    return None


def _link_href(link: str, base: str, rel: LazyPattern[str]) -> str | None:
    """The absolute http(s) address the ``<link>`` tag ``link`` names when its ``rel`` is
    ``rel`` and it has an ``href`` ("" when that is no such address: the first of its kind
    still counts), or None when it is no such tag."""
    if rel.search(link) and (href := _HREF.search(link)):
        return absolute(base, next(g for g in href.groups() if g is not None)) or ""
    return None
