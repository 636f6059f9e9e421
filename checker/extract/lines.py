"""A post flattened to numbered lines of visible text, with the links each line carries.

The attribution parser must read HTML, Markdown and plain text alike, so every extractor first
turns its post into :class:`Line` values: the text a reader sees, the 1-based line of the page
body it came from, and the :class:`Anchor` values on it.  An HTML anchor keeps its ``href``
beside its text (``<a href=URL>Title</a>`` is the line ``Title`` holding an anchor to ``URL``),
so a title that links to its source looks the same to the parser as a title followed by a bare
URL.  Bare URLs in text become anchors whose text is the URL itself.

A line also says what block it sits in, because the quote reader needs the post's structure and
not only its words: ``embed`` is the index of the social embed it belongs to (an embed that shows
no text, such as a video iframe, still leaves one empty marker line, so every embed has a place
in the sequence), ``quote`` numbers the ordinary ``<blockquote>`` it is in and ``cite`` is that
blockquote's ``cite=`` URL, and ``heading`` marks ``<h1>``–``<h6>`` lines.  ``cited`` holds the
URLs the markup cites by attribute (``<iframe src>``, ``<object data>``, ``<embed src>``,
``<blockquote cite>``, ``<q cite>``, ``<del cite>``, ``<ins cite>``, ``<area href>``) and the
links of an inline ``<svg>``, whose text is not read.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.extract import native
from checker.extract.tree import PRUNED, Element, LinkKind, link_kind
from checker.lazyre import lazy
from checker.slots import slot_setters
from checker.urls import NEAR_URL_TEXT, URL_CHAR, is_near_miss, www_address

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from types import ModuleType

__all__ = [
    "TRAILING_PUNCT",
    "Anchor",
    "Line",
    "bare_urls",
    "html_lines",
    "join_text",
    "link_budget",
    "may_write_url",
    "push_children",
    "text_lines",
    "trim_url",
]

# Characters that end a bare URL in running text: whitespace, quotes, angle brackets and any
# CJK or full-width character, since Japanese text runs on right after a URL without a space.
# A host or path segment may be written in CJK (an IDN, ``/wiki/東京``): where one starts, the
# scheme alone matches, for :func:`_cjk_segment_end` to read on (a bare ``https://`` is dropped).
# Katakana, kanji and hangul: what may start a URL's segment (hiragana there is prose).
_SEGMENT_LETTERS = "\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_SEGMENT_START = f"[{_SEGMENT_LETTERS}]"
_URL = lazy(  # its text only: a part of _URL_OR_NEAR
    r"(?i:https?://)(?:" + URL_CHAR + "+|(?=" + _CJK_SEGMENT_START + "))"
)
# A correct URL or, where none starts, a near-miss (``htps://x``, ``www.x.com``): one scan, and
# each alternative is a fixed prefix then one character class, so the scan is linear.
_URL_OR_NEAR = re.compile(f"(?P<url>{_URL.pattern})|{NEAR_URL_TEXT.pattern}")
# What a match of ``_URL_OR_NEAR`` without a slash starts with (a bare ``www.`` host): a text
# with neither is read without the scan, which tries its alternatives at every character.
_WWW = re.compile(r"www\d?\.", re.IGNORECASE)
TRAILING_PUNCT = ".,;:!?*~\u201d\u2019\u00bb\u203a"
"""What ends a sentence or a quotation after a URL in text, never the URL's last character: not
``_``, which YouTube IDs and many paths end in; the closing quotes ``” ’ » ›`` (a URL quoted in
prose, “https://x/h”, cited ``…/h”``: a 404 nobody wrote, which lychee and GFM keep too)."""
# A footnote or editor's mark right after a URL: "[1]", "[dead link]", "[archived]".
_MAX_FOOTNOTE = 40
_FOOTNOTE = re.compile(r"\[(?:\d{1,3}|[A-Za-z][A-Za-z ]{0,39})?\]")  # or AsciiDoc's empty []

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
        "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that cite a URL by attribute rather than by a link the reader clicks: a document
# shown in the page (``<object data>`` and ``<embed src>`` as ``<iframe src>``; a recognised
# social or video embed is entered as an embed before), the source of a quote or of an edit
# (``<del cite>``, ``<ins cite>``: lychee checks them, citecheck cited neither; probe 21).
# An image map's ``<area href>`` is clicked like a link; it has no text but its ``alt``.
_CITING_ATTRIBUTES = {
    "iframe": "src", "frame": "src", "object": "data", "embed": "src", "blockquote": "cite",
    "q": "cite", "del": "cite", "ins": "cite", "area": "href"
}  # fmt: skip
_TITLED = frozenset({"iframe", "frame", "object", "embed"})  # their ``title`` names what is shown
# Code is not a citation (issue 16): what a post shows as code, sample output, keyboard input
# or a variable is text about links, not a link to check, unless ``include_verbatim`` is set
# (lychee's ``--include-verbatim``; Markdown code spans and blocks follow the same switch).
_VERBATIM_TAGS = frozenset({"pre", "code", "samp", "kbd", "var"})
_INVISIBLE_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "math", "select", "button"}
)


@dataclass(frozen=True, slots=True, init=False)
class Anchor:
    """A link on a line: what the reader sees and where it points (unresolved)."""

    text: str
    href: str
    in_embed: bool = False
    line: int | None = None  # where the anchor itself starts, when it differs from its line

    def __init__(
        self, text: str, href: str, in_embed: bool = False, line: int | None = None
    ) -> None:
        """The generated ``__init__``, written out (see :func:`checker.slots.slot_setters`)."""
        set_text, set_href, set_in_embed, set_line = _ANCHOR_SETTERS
        set_text(self, text)
        set_href(self, href)
        set_in_embed(self, in_embed)
        set_line(self, line)


_ANCHOR_SETTERS = slot_setters(Anchor)


@dataclass(frozen=True, slots=True, init=False)
class Line:
    """One line of visible text and the anchors on it; ``number`` is 1-based in the page body."""

    text: str
    number: int
    anchors: tuple[Anchor, ...] = ()
    embed: int | None = None
    quote: int | None = None
    cite: str | None = None
    heading: bool = False
    cited: tuple[Anchor, ...] = ()
    """URLs markup cites by attribute, not by an ``<a>``: ``<iframe src>``, ``<object data>``,
    ``<embed src>`` (a player, map or document that is no recognised embed), ``<blockquote
    cite>``, ``<q cite>``, ``<del cite>``, ``<ins cite>``, an image map's ``<area href>`` and an
    inline SVG's links, clicked but with no text read as the line's.  Apart from ``anchors``,
    so that readers of links (attribution, quote sources) see only what a reader clicks."""
    omitted: int = 0
    """Links extraction counted here but did not build, past a post's cap (see
    :func:`link_budget`): a post of 200,000 links is read only as far as its cap needs."""

    def __init__(
        self,
        text: str,
        number: int,
        anchors: tuple[Anchor, ...] = (),
        embed: int | None = None,
        quote: int | None = None,
        cite: str | None = None,
        heading: bool = False,
        cited: tuple[Anchor, ...] = (),
        omitted: int = 0,
    ) -> None:
        """The generated ``__init__``, written out (see :func:`checker.slots.slot_setters`)."""
        (
            set_text, set_number, set_anchors, set_embed, set_quote, set_cite, set_heading,
            set_cited, set_omitted,
        ) = _LINE_SETTERS  # fmt: skip
        set_text(self, text)
        set_number(self, number)
        set_anchors(self, anchors)
        set_embed(self, embed)
        set_quote(self, quote)
        set_cite(self, cite)
        set_heading(self, heading)
        set_cited(self, cited)
        set_omitted(self, omitted)

    @property
    def urls(self) -> tuple[str, ...]:
        """Every href on the line outside social embeds, in order."""
        return tuple(a.href for a in self.anchors if not a.in_embed)


_LINE_SETTERS = slot_setters(Line)


def _may_name_www(text: str) -> bool:
    """Whether ``_WWW`` matches in ``text``, its regex searched only where two ``w`` stand in a
    row: its ``IGNORECASE`` search folds every character of the line (~1 µs a line of prose,
    a third of the lines' bare-URL scan, issue 19), and only ``w`` and ``W`` fold to ``w``."""
    if "ww" not in text and "WW" not in text and "wW" not in text and "Ww" not in text:
        return False
    return _WWW.search(text) is not None


def may_write_url(text: str) -> bool:
    """Whether ``text`` may write out a URL or a near-miss of one (``urls.NEAR_URL_TEXT``,
    ``_URL_OR_NEAR``): every one has a slash or a ``www.`` host, and most lines have neither,
    told without the scan that tries the patterns' alternatives at every character."""
    return "/" in text or _may_name_www(text)


def bare_urls(text: str) -> tuple[str, ...]:
    """The http(s) URLs written out in ``text``, trimmed of the punctuation that ends a sentence.

    Near-misses a reader would take for a link (``htps://x``, ``http//x``;
    :func:`checker.urls.is_near_miss`) are found too, as written: the link stage reports them
    (``malformed-url``) rather than letting them vanish.  A bare ``www.x.com`` is the
    ``http://`` link it names (:func:`checker.urls.www_address`).
    """
    if not may_write_url(text):
        return ()
    found: list[str] = []
    read_to = 0  # the end of a URL read on past its match (a CJK segment)
    for match in _URL_OR_NEAR.finditer(text):
        if match.start() < read_to:
            continue
        written = match.group(0)
        if match.group("url") is not None and match.end() < len(text):
            wide = _cjk_segment_end(text, match.end(), written)
            if wide is not None:
                written, read_to = text[match.start() : wide], wide
        cuts = _unopened_brackets(written) if "][" in written else None
        if not cuts:
            _add_url(found, text, match.start(), written, match.group("url") is not None)
            continue
        # two links run together: each piece read on its own, once
        _add_url(found, text, match.start(), written[: cuts[0]], match.group("url") is not None)
        for start, end in itertools.pairwise([*cuts, len(written)]):
            inner = _URL_OR_NEAR.search(text, match.start() + start, match.start() + end)
            if inner is not None:
                _add_url(found, text, inner.start(), inner.group(0), inner.group("url") is not None)
    return tuple(found)


# A CJK letter (kana, the prolonged sound mark, kanji, hangul): what a CJK segment holds
# besides a URL's own characters; CJK punctuation (。「」、) and full-width forms (（）) end it.
_CJK_LETTERS = "\u3041-\u3096\u309d\u309e\u30fc-\u30fe" + _SEGMENT_LETTERS  # + hiragana, marks
# Lazy: compiled at import they were 20 ms of every start (the CJK ranges are ~40,000 letters
# each), read only where a URL runs on into a CJK letter (issue 19, session 28).
_CJK_SEGMENT = lazy(f"(?:{URL_CHAR}|[{_CJK_LETTERS}])+")
_SEGMENT_FIRST = lazy(_CJK_SEGMENT_START)
_VALUE_FIRST = lazy(f"[{_CJK_LETTERS}]")
_FIRST_CJK_LETTER = "\u3041"
"""The lowest letter of ``_CJK_LETTERS``: text at a URL's end below it starts no segment."""


def _cjk_segment_end(text: str, end: int, written: str) -> int | None:
    """Where a URL ends that runs on into a host, path segment or query value written in CJK
    (``https://日本語.jp/``, ``https://ja.wikipedia.org/wiki/東京_(曖昧さ回避)``, ``?q=東京``),
    or None when it does not.

    A URL in Japanese prose ends where the CJK starts (the prose runs on without a space), and
    that stays the rule after anything but a ``/`` or ``=``.  A segment that starts with a kanji,
    katakana or hangul is the URL's own: cut there, the IDN was lost with no word and the
    Wikipedia article's URL was its wiki's root, checked in its place (probe 27).  Hiragana
    after a ``/`` is prose (``…/を参照``: a particle), after ``=`` a query's value.  The segment
    ends at a space, CJK punctuation or a full-width form, as prose around a URL does, and at
    the object particle ``を`` after a kanji or katakana: Japanese cites a page as the object of
    its verb, glued on (``…/wiki/東京を参照。``, read whole a false ``broken``, probe 27b); a
    title holding ``を`` after a kanji is rare beside that (one after a space or a ``、`` was
    cut already)."""
    if text[end] < _FIRST_CJK_LETTER:
        return None  # the common case, decided without compiling the patterns below
    if written.endswith("/"):
        first = _SEGMENT_FIRST.match(text, end)
    elif written.endswith("="):
        first = _VALUE_FIRST.match(text, end)
    else:
        return None
    found = _CJK_SEGMENT.match(text, end) if first is not None else None
    if found is None:
        return None
    particle = text.find("を", end + 1, found.end())
    while particle != -1 and _is_hiragana(text[particle - 1]):
        particle = text.find("を", particle + 1, found.end())
    return particle if particle != -1 else found.end()


def _is_hiragana(char: str) -> bool:
    return "\u3041" <= char <= "\u309e"


def _add_url(found: list[str], text: str, at: int, written: str, proper: bool) -> None:
    """``written`` (found at ``at`` in ``text``) trimmed, added to ``found`` when it is a URL
    (``proper``) or a near miss; after a ``[`` without a Hatena link option."""
    url = trim_url(written)
    if at and text[at - 1] == "[":
        url = _without_hatena_option(url)
    _scheme, slashes, rest = url.partition("//")
    if slashes and not rest.strip("/"):
        return  # a scheme named in prose ("without http://"), no link: nothing follows it
    if proper:
        found.append(url)
    elif is_near_miss(url):
        found.append(www_address(url) or url)  # a bare www. address is the link it names


def _unopened_brackets(url: str) -> list[int]:
    """Where ``url`` has a ``]`` it did not open, past its host, with a ``[`` and more after it
    (``]][[``, Org's ``][``): the places two links written side by side meet.

    ``[[https://x/a]][[https://x/b]]`` was one URL nobody wrote, ``https://x/a]][[https://x/b``
    (a false ``broken``), and the second link was lost.  A query's own brackets (``?f[a][b]=1``)
    open before they close and stay; a bracket at the very end is :func:`trim_url`'s.  One scan.
    """
    scheme_end = url.find("://")
    path_at = url.find("/", scheme_end + 3 if scheme_end >= 0 else 0)
    if path_at < 0 or url.find("][", path_at) < 0:
        return []
    cuts: list[int] = []
    depth = 0
    index = path_at
    while index < len(url):
        char = url[index]
        if char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
        elif char == "]":
            after = index
            while after < len(url) and url[after] == "]":
                after += 1
            if url.startswith("[", after) and url[after:].strip("[]"):
                cuts.append(index)
                while after < len(url) and url[after] == "[":  # the next link's own marks
                    after += 1
            index = after
            continue
        index += 1
    return cuts


def trim_url(url: str) -> str:
    """:func:`_trimmed` ``url``, kept for the next time it is written (a URL of at most
    :data:`_KEPT_URL_CHARS`): a post's budget, :func:`bare_urls` and the near-miss test each
    trim the same URL as written, and a repeated link is written alike (one cache for the
    three; the budget kept its own before, session 26's leftover)."""
    return _trimmed_kept(url) if len(url) <= _KEPT_URL_CHARS else _trimmed(url)


def _trimmed(url: str) -> str:
    """Drop what follows a URL in text without being part of it.

    That is sentence punctuation, a closing parenthesis or bracket the URL did not open (a
    wiki link ``[[https://x.example/a]]`` cited ``…/a]]``, a 404), and a footnote
    or editor's mark written right after it: ``…/node/11[1]``, ``…/node/11[dead link]`` (whose
    ``<sup>`` joins the URL in the text as ``…/node/11[dead``).  Brackets before the path are
    an IPv6 host and stay.  Each step is one scan: no input makes the trimming quadratic.

    The steps repeat until none cuts more, as cmark-gfm's autolink trimming loops: a ``)``
    after an entity-like tail (``(see …?q=1&hl;)``) hid the tail from the first look, and
    ``…?q=1&hl`` was asked.  At most :data:`_TRIM_ROUNDS` rounds, so the work stays linear.
    """
    url = _before_unopened_brace(url)
    for _ in range(_TRIM_ROUNDS):
        trimmed = _trimmed_once(url)
        if trimmed == url:
            break
        url = trimmed
    return url


_TRIM_ROUNDS = 4
"""Rounds of :func:`_trimmed_once`: a real URL's tail alternates an entity-like tail and closing
punctuation at most twice (``…&hl;).``); a longer alternation is a hostile string's, cut short."""


def _trimmed_once(url: str) -> str:
    """One round of :func:`_trimmed`'s cuts: an entity-like tail, an unclosed bracket, footnote
    marks, then punctuation and closing brackets the URL did not open."""
    url = _without_entity_tail(url)
    scheme_end = url.find("://")
    authority = scheme_end + 3 if scheme_end >= 0 else 0
    path_at = url.find("/", authority)
    bracket = url.find("[", path_at if path_at >= 0 else _host_end(url, authority))
    if bracket >= 0 and url.find("]", bracket) < 0:
        url = url[:bracket]
    end = len(url.rstrip(TRAILING_PUNCT))  # "…/13[2]." : the mark is before the full stop
    while end and url[end - 1] == "]":  # from the end, one bounded window per mark
        start = url.rfind("[", max(0, end - _MAX_FOOTNOTE - 2), end)
        if start <= path_at or not _FOOTNOTE.fullmatch(url, start, end):
            break
        end = start
    url = url[:end]
    # a ``)`` or ``]`` the URL did not open: ``(https://x/a)``, a wiki link ``[[https://x/a]]``
    closed = {")": url.count(")") - url.count("("), "]": url.count("]") - url.count("[")}
    end = len(url)
    while end and (url[end - 1] in TRAILING_PUNCT or closed.get(url[end - 1], 0) > 0):
        if url[end - 1] == ";" and _entity_start(url, end - 1) >= 0:
            break  # the next round leaves the whole ``&hl;`` out, not its ``;`` alone
        if url[end - 1] in closed:
            closed[url[end - 1]] -= 1
        end -= 1
    return url[:end]


def _without_entity_tail(url: str) -> str:
    """``url`` without what resembles an entity reference before its trailing punctuation
    (``…?q=1&hl;``, ``…&amp;.``): GFM's autolinks leave it out, and ``…?q=1&hl`` was asked, a
    URL no renderer links.  One bounded look back from the end."""
    end = len(url.rstrip(TRAILING_PUNCT))
    if not url.startswith(";", end):
        return url
    amp = _entity_start(url, end)
    return url[:amp] if amp >= 0 else url


def _entity_start(url: str, semicolon: int) -> int:
    """Where the entity-like ``&name`` ending at ``url[semicolon]`` (a ``;``) starts, or -1."""
    amp = url.rfind("&", max(0, semicolon - _MAX_ENTITY_NAME - 1), semicolon)
    return amp if amp >= 0 and _ENTITY_NAME.fullmatch(url, amp + 1, semicolon) else -1


_MAX_ENTITY_NAME = 32
_ENTITY_NAME = re.compile(r"[A-Za-z0-9]+")
_KEPT_URL_CHARS = 1024  # a longer "URL" (a hostile 10 MB run) is trimmed each time, never kept
_trimmed_kept = functools.lru_cache(maxsize=4096)(_trimmed)


def _before_unopened_brace(url: str) -> str:
    """``url`` up to its first ``}`` that closes no ``{`` of it: LaTeX's ``\\href{URL}{text}``
    (a Markdown file's or a notebook's math) cited ``URL}{text``, a false ``broken`` (probe
    26b2); a URL template's ``{id}`` is balanced and stays.  One scan, only for a URL with a
    ``}``."""
    if "}" not in url:
        return url
    depth = 0
    for at, char in enumerate(url):
        if char == "{":
            depth += 1
        elif char == "}":
            if not depth:
                return url[:at]
            depth -= 1
    return url


_HATENA_OPTIONS = tuple(
    f":{name}"
    for name in ("title", "embed", "bookmark", "image", "detail", "movie", "plain", "barcode")
)


_HATENA_NAMES = frozenset(option[1:] for option in _HATENA_OPTIONS)


def _without_hatena_option(url: str) -> str:
    """``url`` without the option of Hatena Blog's link notation written around it,
    ``[URL:title]`` (``:title=text``, ``:embed:cite``, ``:bookmark``…): its Markdown source
    holds the notation, and ``…/k1.html:title`` was cited, a 404 (probe 21).  The first option
    after the path's start that ends the URL or is followed by ``=`` or ``:`` is where the URL
    ends; each option is looked for once."""
    path_at = url.find("/", url.find("//") + 2)
    if path_at < 0:
        return url
    ends = [
        at
        for at in (url.find(option, path_at) for option in _HATENA_OPTIONS)
        if at >= 0 and url[at + 1 :].partition("=")[0].split(":")[0] in _HATENA_NAMES
    ]
    return url[: min(ends)] if ends else url


def _host_end(url: str, authority: int) -> int:
    """Where the host of a URL with no path ends: past an IPv6 literal's ``]``, else where it
    starts (AsciiDoc's ``https://asciidoctor.org[Asciidoctor site]`` was cited with its
    ``[Asciidoctor``: probe 21)."""
    at = url.find("@", authority)
    host = at + 1 if at >= 0 else authority
    if not url.startswith("[", host):
        return host
    close = url.find("]", host)
    return close + 1 if close >= 0 else len(url)


# ``str.splitlines``'s line boundaries: text_lines walks a body by them instead of copying it.
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_BUDGET_SLACK = 1000
_MAX_HEADER_CHARS = 200  # a longer line is never a post boundary (a day header is a date)


def link_budget(cap: int | None) -> int | None:
    """How many links of one post extraction builds under a cap of ``cap`` citations (None: all).

    Past it a post is read no further than counting: its links go into :attr:`Line.omitted`,
    and neither their objects nor the text around them are kept, so memory follows the cap and
    not the input (issue 13).  The slack over the cap is for links that make no citation
    (repeats, the attribution's URL, ``#top``), so a post under its cap is read whole and gives
    exactly the citations it gave before; what a post past its budget loses is what follows
    the budget (an attribution at its very end, links past it counted as links).
    """
    return cap + max(cap, _BUDGET_SLACK) if cap else None


def _is_bare_url(match: re.Match[str]) -> bool:
    """Whether a match of ``_URL_OR_NEAR`` is one that :func:`bare_urls` keeps."""
    return match.group("url") is not None or is_near_miss(trim_url(match.group(0)))


def count_bare_urls(text: str, start: int = 0, end: int | None = None) -> int:
    """How many URLs :func:`bare_urls` finds in ``text[start:end]``, without building them."""
    end = len(text) if end is None else end
    return sum(1 for match in _URL_OR_NEAR.finditer(text, start, end) if _is_bare_url(match))


def _line_spans(body: str) -> Iterator[tuple[int, int]]:
    """Where each line of ``body`` starts and ends, as ``body.splitlines()`` cuts it."""
    start = 0
    for found in _LINE_BREAK.finditer(body):
        yield start, found.start()
        start = found.end()
    if start < len(body):
        yield start, len(body)


class _Budget:
    """What a post's :func:`link_budget` has left as its lines are read: distinct pages, each
    taking a slot; a repeat takes none (it merges into the citation it repeats: a file repeating
    one URL 589,999 times had its later dead link "past the cap", probe 25b).  What repeats cost
    is bounded too: the first ``max_links`` repeats are anchors as any link (an embed's or an
    attribution's line keeps its link), later ones are read and dropped, no object each.  A new
    ``#fragment`` of a page read before is one citation with it too (probe 26b2: a spec's 1,500
    sections cut the dead link after them): free for the first ``max_links``, then it takes a
    slot, since each is an anchor of its own (``--include-fragments`` checks each)."""

    __slots__ = ("built", "fragments", "repeats", "room", "seen", "shared")

    def __init__(self, max_links: int) -> None:
        self.room = max_links
        self.repeats = max_links
        self.shared = max_links  # new fragments of a page read before, free
        self.seen: set[str] = set()  # each page (a URL trimmed, no fragment): at most max_links
        self.fragments: set[str] = set()  # each URL with a fragment: at most 2 * max_links
        self.built: set[str] = set()  # the hrefs made anchors: as many

    def cut(self, body: str, start: int, end: int) -> tuple[int, int]:
        """Where a line is cut (before its first new URL past the budget, else ``end``) and
        how many bare URLs it holds up to there, taking their slots."""
        kept = 0
        for match in _URL_OR_NEAR.finditer(body, start, end):
            if not _is_bare_url(match):
                continue
            key = trim_url(match.group(0))  # a repeat is written alike: trimmed once
            if not self._fits(key):
                return match.start(), kept
            kept += 1
        return end, kept

    def _fits(self, key: str) -> bool:
        """Whether the URL ``key`` (trimmed) is within the budget, taking its slot if it needs
        one: a new page does, a new fragment of a page read before once the free ones are gone,
        a repeat never."""
        kind, page = link_kind(key, self.seen, self.fragments)
        if kind is LinkKind.REPEAT:
            return True
        if kind is LinkKind.NEW_FRAGMENT and self.shared > 0:
            self.shared -= 1
        elif self.room == 0:
            return False
        else:
            self.room -= 1
            if kind is LinkKind.NEW_PAGE:
                self.seen.add(page)
        if page != key:  # with a fragment
            self.fragments.add(key)
        return True

    def anchors(self, body: str, start: int, end: int, kept: int) -> tuple[Anchor, ...]:
        """The anchors of ``body[start:end]`` (``kept`` bare URLs), repeats past the bound
        dropped; a line of many URLs is read in pieces, so its repeats are never all built."""
        if kept <= _PIECE_URLS:
            return tuple(Anchor(u, u) for u in bare_urls(body[start:end]) if self._wanted(u))
        anchors: list[Anchor] = []
        piece, count = start, 0
        for match in _URL_OR_NEAR.finditer(body, start, end):
            count += 1
            if count % _PIECE_URLS or match.start() <= piece:
                continue
            # a piece ends before a URL, and the next one starts with the character before
            # it (a ``[`` there is what bare_urls reads a Hatena link option by)
            at = match.start() - 1 if body[match.start() - 1] == "[" else match.start()
            anchors.extend(Anchor(u, u) for u in bare_urls(body[piece:at]) if self._wanted(u))
            piece = at
        anchors.extend(Anchor(u, u) for u in bare_urls(body[piece:end]) if self._wanted(u))
        return tuple(anchors)

    def _wanted(self, url: str) -> bool:
        """Whether ``url`` becomes an anchor: a first one always, a repeat within the bound."""
        if url not in self.built:
            self.built.add(url)
            return True
        if self.repeats > 0:
            self.repeats -= 1
            return True
        return False


_PIECE_URLS = 4096  # a line holding more bare URLs is read a piece of this many at a time


def text_lines(
    body: str,
    *,
    first_number: int = 1,
    max_links: int | None = None,
    new_post: Callable[[str], bool] | None = None,
) -> tuple[Line, ...]:
    """Plain text as lines; bare URLs become anchors whose text is the URL.

    With ``max_links`` (a post's :func:`link_budget`), the lines of a post past that many
    distinct URLs (a repeat takes no slot: :class:`_Budget`) are not built: a line is cut
    before the first new URL past it, the lines after it are dropped,
    and the URLs in what is cut or dropped are counted into :attr:`Line.omitted` (the dropped
    lines' count on one empty line where they began).  A line ``new_post`` accepts (a day
    header) starts a post, and a new count.  The body is walked in place, so a 49 MB line of
    URLs costs neither a copy nor an object per URL.
    """
    if max_links is None:
        return tuple(
            Line(raw.strip(), first_number + i, tuple(Anchor(u, u) for u in bare_urls(raw)))
            for i, raw in enumerate(body.splitlines())
        )
    lines: list[Line] = []
    budget = _Budget(max_links)
    full = False  # a new URL found no slot: the rest of the post is counted, not read
    skipped, skipped_at = 0, 0
    for index, (start, end) in enumerate(_line_spans(body)):
        number = first_number + index
        short = body[start:end] if end - start <= _MAX_HEADER_CHARS else None
        if short is not None and new_post is not None and new_post(short.strip()):
            if skipped:
                lines.append(Line("", skipped_at, (), omitted=skipped))
            skipped, budget, full = 0, _Budget(max_links), False
        if full:
            skipped_at = skipped_at if skipped else number
            skipped += count_bare_urls(body, start, end)
            continue
        cut, kept = budget.cut(body, start, end)
        anchors = budget.anchors(body, start, cut, kept)
        rest = count_bare_urls(body, cut, end) if cut < end else 0
        lines.append(Line(body[start:cut].strip(), number, anchors, omitted=rest))
        full = cut < end
    if skipped:
        lines.append(Line("", skipped_at, (), omitted=skipped))
    return tuple(lines)


_EMBED_CLASSES = frozenset(
    {
        "twitter-tweet", "twitter-video", "bluesky-embed", "instagram-media", "tiktok-embed",
        "telegram-post", "mastodon-embed", "fb-post", "text-post-media",
    }
)  # fmt: skip


def _is_embed(tag: Element) -> bool:
    """True for the containers social embeds use; their links belong to the embedded post."""
    value = tag.get("class")  # classes(tag), without building a set for every element
    return value is not None and not _EMBED_CLASSES.isdisjoint(value.split())


@dataclass(frozen=True, slots=True)
class _Scope:
    """What the walk is inside of: an embed (its index), a blockquote (its number and cite)."""

    in_embed: bool = False
    embed: int | None = None
    quote: int | None = None
    cite: str | None = None
    heading: bool = False


if TYPE_CHECKING:
    # Work left for when the walk has finished an element's children (see ``_Flattener``): a
    # method and its arguments.  A plain tuple: a class's ``__init__`` was one more Python call
    # for every element a post holds (issue 19).
    _After = tuple[Callable[..., None], tuple[Any, ...]]
    _Item = Element | str | _After


def push_children(stack: list[Any], element: Element) -> None:
    """Put ``element``'s content on ``stack`` so that it pops in document order.

    lxml keeps the text after an element as that element's ``tail``: it is pushed below the
    element, so it comes after the element's own content (and after whatever the walker pushes
    below that content when it visits the element).
    """
    append = stack.append
    for child in reversed(element):
        tail = child.tail  # each read decodes the text again: once
        if tail:
            append(tail)
        append(child)
    text = element.text
    if text:
        append(text)


class _Flattener:
    """Walks an element in document order, breaking lines at block tags, tracking source lines.

    libxml2 gives every element its ``sourceline``; text between tags is placed by counting the
    newlines it holds after the last tag seen, so a line number is exact for ordinary markup.

    The walk keeps its own stack instead of recursing: a page is input, and one nested a few
    hundred levels deep (issue 13) would otherwise end in ``RecursionError``.  What a recursive
    walk did after an element's children (close its line, leave its scope, finish its anchor)
    is pushed below the children as an ``_After``.

    This is the reference and the fallback: where :mod:`checker.extract.native` chooses it, the
    same walk runs compiled over libxml2's nodes (``_flatten.pyx``, issue 19), calling back the
    functions below for every rule it does not read from a node itself.
    """

    def __init__(
        self,
        skip: Callable[[Element], bool],
        embeds: Mapping[Element, int],
        hidden: frozenset[str],
    ) -> None:
        self._skip = skip
        self._hidden = hidden
        self._embeds = embeds
        self._lines: list[Line] = []
        self._parts: list[str] = []
        self._anchors: list[Anchor] = []
        self._cited: list[Anchor] = []
        self._linked_parts: list[tuple[int, int]] = []  # the parts each anchor's text spans
        self._start: int | None = None
        self._source_line = 1
        self._omitted = 0  # links the parse left out under the element being read (PRUNED)
        self._scope = _Scope()
        self._quotes = 0

    def run(self, element: Element) -> tuple[Line, ...]:
        self._source_line = element.sourceline or 1
        self._omitted = int(element.get(PRUNED) or 0)  # what the parse left out of it
        stack: list[_Item] = []
        push_children(stack, element)
        pop, add_text, visit_tag = stack.pop, self._add_text, self._visit_tag
        while stack:
            item = pop()
            if type(item) is str:
                add_text(item)
            elif type(item) is tuple:
                method, args = item
                method(*args)
            else:
                visit_tag(item, stack)
        self._break()
        return tuple(self._lines)

    def _visit_tag(self, tag: Element, stack: list[_Item]) -> None:
        """Start ``tag``: push what follows its children, then its children (first on top).

        A comment or processing instruction (its ``tag`` is a function, not a name) is passed
        over; the text after it was pushed apart from it.
        """
        name = tag.tag
        if type(name) is not str:
            return
        name = name.lower()
        number = tag.sourceline
        if number is not None:
            self._source_line = number
        embeds = self._embeds
        if embeds and self._scope.embed is None and tag in embeds:
            self._enter_embed(tag, embeds[tag], stack)
            return
        if name in self._hidden or self._skip(tag):
            if name == "svg" and not self._skip(tag):
                self._cite_svg_links(tag)
            elif name in _VERBATIM_TAGS:  # code left out still ends a URL written up to it:
                self._parts.append(" ")  # ``…/foo<code>bar</code>baz`` cited ``…/foobaz``
            return
        pruned = tag.get(PRUNED)
        if pruned:
            self._omitted += int(pruned)
        block = name in _BLOCK_TAGS
        if block and (self._parts or self._anchors or self._cited or self._omitted):
            self._break()  # (with nothing since the last break there is no line to end)
        if name in _CITING_ATTRIBUTES:
            self._cite_attribute(tag, name)
        if name in _VERBATIM_TAGS:  # read (include_verbatim), code is still a run of its own:
            self._parts.append(" ")  # ``…/foo<code>bar</code>baz`` is no ``…/foobarbaz`` (nor
            stack.append((self._parts.append, (" ",)))  # lychee's, GFM's) but ``…/foo``
        if name == "a" and tag.get("href"):
            stack.append((self._finish_anchor, (tag, len(self._parts))))
        elif name != "img":
            stack.append((self._leave, (self._scope, block)))
            self._scope = self._inner_scope(tag, name)
        else:
            return
        push_children(stack, tag)

    def _cite_attribute(self, tag: Element, name: str) -> None:
        """Keep the URL an element cites by attribute (see :attr:`Line.cited`)."""
        cited = cited_by_attribute(tag, name, self._scope.in_embed)
        if cited is not None:
            self._cited.append(cited)
            if self._start is None:
                self._start = self._source_line

    def _cite_svg_links(self, svg: Element) -> None:
        """Keep the links of an inline SVG as cited (see :func:`svg_links`)."""
        found = svg_links(svg, self._scope.in_embed)
        if found:
            self._cited.extend(found)
            if self._start is None:
                self._start = self._source_line

    def _inner_scope(self, tag: Element, name: str) -> _Scope:
        scope = self._scope
        if _is_embed(tag) and not scope.in_embed:
            return _Scope(True, scope.embed, scope.quote, scope.cite, scope.heading)
        if name == "blockquote" and not scope.in_embed and scope.quote is None:
            self._quotes += 1
            cite = quote_cite(tag)
            return _Scope(scope.in_embed, scope.embed, self._quotes, cite, scope.heading)
        if name in _HEADING_TAGS:
            return _Scope(scope.in_embed, scope.embed, scope.quote, scope.cite, True)
        return scope

    def _leave(self, outer: _Scope, close: bool) -> None:
        """An element's children are done: ``close`` ends its last line, then its scope ends."""
        if close:
            self._break()
        self._scope = outer

    def _enter_embed(self, tag: Element, index: int, stack: list[_Item]) -> None:
        """An embed's lines carry its index; one that shows no text leaves an empty marker."""
        self._break()
        stack.append((self._finish_embed, (tag, index, len(self._lines), self._scope)))
        self._scope = _Scope(in_embed=True, embed=index)
        if tag.tag.lower() not in _INVISIBLE_TAGS:
            push_children(stack, tag)

    def _finish_embed(self, tag: Element, index: int, before: int, outer: _Scope) -> None:
        self._leave(outer, close=True)
        if len(self._lines) == before:
            number = tag.sourceline or self._source_line
            self._lines.append(Line("", number, (), embed=index))

    def _finish_anchor(self, tag: Element, before: int) -> None:
        if self._start is None:
            self._start = self._source_line
        self._anchors.append(finished_anchor(tag, self._parts, before, self._scope.in_embed))
        self._linked_parts.append((before, len(self._parts)))

    def _add_text(self, text: str) -> None:
        stripped = text.lstrip()
        if stripped and self._start is None:
            self._start = self._source_line + text[: len(text) - len(stripped)].count("\n")
        self._source_line += text.count("\n")
        self._parts.append(text)

    def _break(self) -> None:
        if self._parts or self._anchors or self._cited or self._omitted:
            scope = self._scope
            line = made_line(
                self._parts, self._anchors, self._cited, self._linked_parts, self._omitted,
                self._start if self._start is not None else self._source_line,
                scope.in_embed, scope.embed, scope.quote, scope.cite, scope.heading,
            )  # fmt: skip
            if line is not None:
                self._lines.append(line)
            self._parts.clear()
            self._anchors.clear()
            self._cited.clear()
            self._omitted = 0
        # (with nothing since the last break there is no line: most block ends are such)
        self._linked_parts.clear()
        self._start = None


# -- what both walks share: the pure one above and the compiled one (``_flatten.pyx``) ----------


def cited_by_attribute(tag: Element, name: str, in_embed: bool) -> Anchor | None:
    """The URL an element cites by attribute (see :attr:`Line.cited`), or None.

    An iframe that is a recognised embed (a YouTube player) never gets here: it is entered
    as an embed.  The iframe's ``title`` ("Google Maps") is the text shown for it.
    """
    attribute = _CITING_ATTRIBUTES.get(name)
    if attribute is None:
        return None
    href = str(tag.get(attribute) or "").strip()
    if not href:
        return None
    if name == "iframe":  # a Hatena Blog card cites the page it shows (embeds import this)
        from checker.extract.embeds.hatena import card_target  # noqa: PLC0415

        href = card_target(href) or href
    shown = "title" if name in _TITLED else "alt" if name == "area" else ""
    title = " ".join(str(tag.get(shown) or "").split()) if shown else ""
    return Anchor(title, href, in_embed, tag.sourceline)


def svg_links(svg: Element, in_embed: bool) -> list[Anchor]:
    """The links of an inline SVG (``href``, or SVG 1.1's ``xlink:href``), as cited.

    Its text is not read (a chart's labels are no prose), but a reader clicks its links, and
    lychee checks them: they were neither cited nor reported (probe 21).  A link's text is
    the SVG text inside it.
    """
    found: list[Anchor] = []
    for link in svg.iter("a"):
        href = str(link.get("href") or link.get("xlink:href") or "").strip()
        if href:
            text = " ".join("".join(link.itertext()).split())
            found.append(Anchor(text, href, in_embed, link.sourceline))
    return found


def quote_cite(blockquote: Element) -> str | None:
    """The URL a ``<blockquote>`` names as its source (``cite=``), or None."""
    return str(blockquote.get("cite") or "").strip() or None


def finished_anchor(tag: Element, parts: list[str], before: int, in_embed: bool) -> Anchor:
    """The anchor ``tag`` makes once its content is read: its text is the parts read since
    ``before`` (the parts' count when it started), white space collapsed."""
    text = " ".join("".join(parts[before:]).split())
    href = str(tag.get("href", "")).strip()
    return Anchor(text, href, in_embed, tag.sourceline)


def _unlinked_text(parts: list[str], linked_parts: list[tuple[int, int]]) -> str:
    """The line's text outside its anchors, each anchor's text replaced by a space.

    A URL written in an anchor's text is that anchor's display (``<a href=U>U</a>``, a
    shortened ``example.com/very/lo…``), not a second link: one link, one citation.
    """
    parts = list(parts)
    for start, finish in linked_parts:
        end = min(finish, len(parts))  # an anchor holding a block began on an earlier line
        if start < end:
            parts[start:end] = [" "] + [""] * (end - start - 1)
    return "".join(parts)


def made_line(
    parts: list[str],
    anchors: list[Anchor],
    cited: list[Anchor],
    linked_parts: list[tuple[int, int]],
    omitted: int,
    number: int,
    in_embed: bool,
    embed: int | None,
    quote: int | None,
    cite: str | None,
    heading: bool,
) -> Line | None:
    """The line the walk has read since its last break, in its scope, or None when it shows
    nothing (only white space).  Its bare URLs are those written outside its anchors."""
    text = " ".join("".join(parts).split())
    if not (text or anchors or cited or omitted):
        return None
    outside = _unlinked_text(parts, linked_parts) if linked_parts else text
    written = bare_urls(outside)
    unlinked: list[Anchor] = []
    if written:  # most lines write no URL out: the anchors' hrefs are gathered only if one does
        linked = {a.href for a in anchors}
        unlinked = [Anchor(u, u, in_embed) for u in written if u not in linked]
    return Line(
        text,
        number,
        (*anchors, *unlinked),
        embed=embed,
        quote=quote,
        cite=cite,
        heading=heading,
        cited=tuple(cited),
        omitted=omitted,
    )


def _compiled_flatten() -> ModuleType | None:
    """The compiled walk, given this module's rules once, or None for the pure walk."""
    module = native.compiled(native.FLATTEN)
    if module is None:
        return None
    flags: dict[str, int] = {}
    for names, flag in (
        (_BLOCK_TAGS, module.BLOCK),
        (_HEADING_TAGS, module.HEADING),
        (_CITING_ATTRIBUTES, module.CITING),
        (_VERBATIM_TAGS, module.VERBATIM),
        (_INVISIBLE_TAGS, module.INVISIBLE),
        (("a",), module.LINK),
        (("img",), module.IMAGE),
        (("svg",), module.SVG),
        (("blockquote",), module.QUOTE),
    ):
        for name in names:
            flags[name] = flags.get(name, 0) | flag
    module.configure(
        flags, PRUNED, _is_embed, cited_by_attribute, svg_links, quote_cite, finished_anchor,
        made_line, Line,
    )  # fmt: skip
    return module


_COMPILED = _compiled_flatten()


def html_lines(
    element: Element,
    *,
    skip: Callable[[Element], bool] | None = None,
    embeds: Mapping[Element, int] | None = None,
    include_verbatim: bool = False,
) -> tuple[Line, ...]:
    """Flatten an element (parsed by :func:`checker.extract.tree.parse_html`) to visible lines.

    ``skip`` names subtrees that are page chrome (share buttons, navigation) and must not count.
    ``embeds`` maps each recognised embed root to its index: the lines inside it
    carry that index.  Links inside social embeds (recognised or merely embed-classed) are kept
    but marked ``in_embed``: they belong to the embedded post, not to the post that embeds it.
    Text in ``<pre>``, ``<code>``, ``<samp>``, ``<kbd>`` and ``<var>`` is read only with
    ``include_verbatim`` (comments never: the parse drops them).
    """
    if _COMPILED is not None:
        found: tuple[Line, ...] | None
        found = _COMPILED.flatten(element, skip, dict(embeds or {}), include_verbatim)
        if found is not None:
            return found  # (None: a text is not valid UTF-8, the pure walk reads it as lxml does)
    hidden = _INVISIBLE_TAGS if include_verbatim else _INVISIBLE_TAGS | _VERBATIM_TAGS
    return _Flattener(skip or _never, embeds or {}, hidden).run(element)


def _never(_tag: Element) -> bool:
    return False


def join_text(lines: Iterable[Line]) -> str:
    """The lines' text as one string, for titles and excerpts."""
    return " ".join(line.text for line in lines if line.text)
