"""Links written almost right: ``htps://``, ``http//``, ``https:/``, ``hxxp://``, bare ``www.``.

A leaf, because two stages need the same answer: ``extract`` keeps such an href as a citation
(instead of dropping it or joining it to the page's URL as a relative path, which made a file
holding only such links pass with "0 citations"), and ``verify`` reports it as ``malformed-url``
with the fix, without a request.  One function decides both, so the link the extractor kept is
exactly the link the verifier can suggest a fix for.

Also a leaf for the same reason: the address an archive replay URL preserves
(:func:`archived_original`).  ``extract`` makes ``[https://x/…](https://web.archive.org/web/…/https://x/…)``
one citation of the original with its archived copy attached, and ``verify`` judges that copy
before searching the archive: one parser, so the copy extract attaches is one verify can read.

And the one reading of the Public Suffix List (:func:`domain_parts`, :func:`registered_domain`):
extract tells the page's own links from others by it, verify reads a publisher's name from a
host with it, and the Dask executor shards by it; one bundled copy, never downloaded.

The patterns are anchored and have no nested repetition: linear time on any input.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Mapping
from functools import lru_cache
from ipaddress import AddressValueError, IPv6Address
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple
from urllib.parse import (
    SplitResult,
    parse_qsl,
    quote,
    scheme_chars,
    unquote,
    urlencode,
    urlsplit,
    urlunsplit,
)

import idna

from checker.encoding import ASCII_IGNORECASE, ascii_lower
from checker.lazyre import lazy

__all__ = [
    "DOI_RESOLVER",
    "EMBED_KINDS",
    "EMBED_PROVIDERS",
    "EMBED_SHORTCODES",
    "GHOST_URL_PLACEHOLDER",
    "NEAR_URL_TEXT",
    "REFRESH_PATIENCE",
    "TRACKING_KEY",
    "URL_CHAR",
    "ZOLA_ARGUMENTS",
    "DomainParts",
    "archived_original",
    "bare_host",
    "browser_mapped",
    "browser_reference",
    "canonical_address",
    "copy_original",
    "doi_url",
    "domain_parts",
    "host_name_problem",
    "is_amp_component",
    "is_archive_copy",
    "is_embed_call",
    "is_host_name",
    "is_index_segment",
    "is_near_miss",
    "is_template_placeholder",
    "is_unreadable_embed",
    "memento_original",
    "meta_refresh",
    "original_from_replay",
    "overlay_network",
    "plain_split",
    "plain_web_scheme",
    "read_suffix_list",
    "registered_domain",
    "repair",
    "same_registered_domain",
    "split_url",
    "unread_embed_provider",
    "url_host",
    "www_address",
]

# A misspelt http(s) scheme (missing/doubled letters, "hxxp" defanging) and a separator that is
# not exactly "://" (":/", "//", ":", ":///", ";//": the key beside ":"), then the rest.
_NEAR_SCHEME = lazy(
    r"(?P<scheme>(?:h{0,2}t{1,3}p{1,2}|hxxp)(?P<s>s{0,2}))(?P<sep>:/*|;/+|/{2,})(?P<rest>[^/\s].*)",
    re.IGNORECASE | re.DOTALL,
)
# A DOI written as a URI (``doi:10.1038/nphys1170``, RFC 4452's ``info:doi/10.…``): no browser
# opens one, so a link written so is a dead link for its readers, one that cites a paper
# (probe 32: it was no citation at all, with no word); the resolver's URL is the fix.
_DOI_URI = lazy(r"(?:doi:|info:doi/)[ \t]*+(10\.[0-9]{4,9}(?:\.[0-9]++)*+/\S++)", re.IGNORECASE)
_DOI_SAFE = "/()[];:@&=+$,-._~!*'%"
"""What a DOI keeps as it is in the resolver's URL (the DOI Handbook escapes the rest: ``<``,
``>``, ``"``, ``#``, ``?``, ``{``, ``}``, ``^``, ``|``, a backslash)."""
DOI_RESOLVER = "https://doi.org/"
"""Where a DOI is resolved (the DOI Foundation's proxy, Org's ``org-link-doi-server-url``)."""


def doi_url(doi: str) -> str:
    """The resolver's URL of ``doi``, escaped as the DOI Handbook escapes it (``10.1000/a b``:
    ``…/10.1000/a%20b``): the one rule for a DOI written as a URI and Org's ``doi:`` links."""
    return DOI_RESOLVER + quote(doi.strip(), safe=_DOI_SAFE)


# A whole URL, its ``://`` perhaps percent-encoded, after a stray scheme: ``https:///http%3A//x/a``
# (DeadlinkChecker's test case) was repaired to ``https://http%3A//x/a``, a host nobody wrote.
_NESTED_SCHEME = lazy(r"(https?)(?::|%3A)(?:/|%2F){2}", re.IGNORECASE)
# What a copy and paste leaves around a URL in an href: zero-width characters before it (not the
# bidi controls: those are ``deceptive-url``'s), and brackets or quotes around it.
_INVISIBLE_LEAD = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_WRAPPERS = {
    "(": ")", "[": "]", "<": ">", '"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019",
}  # fmt: skip
TRACKING_KEY = lazy(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ref_src|ref_url|ref|cmpid|"
    r"__twitter_impression|s|smid|ito|at_medium|at_campaign|mod|ncid|ocid|sr_share)$",
    re.IGNORECASE,
)
"""Query keys that only track where a reader came from (``utm_source``, ``fbclid``): an address
is the same page without them, and their values (``ref=news.site.test``) say nothing of it."""

# An authority with no host and nothing after it: the ``http://`` a CMS's link dialog leaves when
# the author types no address, ``//``, linkinator's ``//////``.  A browser goes nowhere (WHATWG:
# failure); fetched, ``//`` was skipped as "not an http(s) URL", a dead link passed with a reason.
# And a web scheme with no host before a query or fragment (``https://?x``, ``https://#y``,
# ``http:?q``, ``//?x``) or none at all (``https:``): ``urljoin`` keeps the page's own host for
# it, so ``https://?x`` in a post was cited as the post itself (``https://blog/p?x``) and passed
# (session 37).  A path after the slashes (``https:///x``, ``https:/x``) is left to
# ``_NEAR_SCHEME``, which can tell its fix.  ``/*`` and ``[?#]`` are disjoint: one way to match.
_HOSTLESS = lazy(r"(?:[Hh][Tt][Tt][Pp][Ss]?:/*|//+)(?:[?#].*)?", re.DOTALL)
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
"""What a URL parser removes wherever it stands (WHATWG, ``urlsplit``): ``https:``, a tab and
``?q`` is ``https:?q``."""
# A host written without any scheme: "www.example.com/…" (www2., www3. too).
_BARE_WWW = lazy(r"www\d?\.[^\s/.:]+\.[^\s/]+(?:[/?#].*)?", re.IGNORECASE | re.DOTALL)

URL_CHAR = r"""[^\s<>"'`\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]"""
"""A character of a URL written in running text: it ends at whitespace, quotes, angle brackets and
any CJK or full-width character (Japanese text runs on right after a URL without a space).  Use it
outside ``re.IGNORECASE`` (scope the flag to the letters: ``(?i:https?)``): the class is already
its own case closure, and under the flag compiling it costs 2.5 times as much."""

NEAR_URL_TEXT = lazy(
    r"(?<![A-Za-z0-9_.@/:+-])(?i:www\d?\.|(?:h{0,2}t{1,3}p{1,2}|hxxp)s{0,2}(?::/|//|:/{3,}|://|;//))"
    + URL_CHAR
    + "+"
)
"""A near-miss written out in running text (``htps://x``, ``www.x.com``); correct ``http(s)://``
URLs match too and are told apart by :func:`repair` returning None for them."""


_NOT_IN_HOSTS = frozenset(" \t\n\r<>\\^|\x7f") | frozenset(map(chr, range(0x20)))
# The URL standard's forbidden domain code points: what no domain holds once mapped (UTS 46
# maps full-width ``＼ ％ ＜ ｜ ［ ＾ ／ ＠`` and the ideographic space to these).
_NOT_IN_DOMAINS = _NOT_IN_HOSTS | frozenset("#%/:?@[]")
"""Characters no host name holds that ``urlsplit`` leaves in one (WHATWG's forbidden host code
points but for the delimiters it splits at: ``/ ? # @ : [ ]``; ``%`` is decoded by browsers)."""


_LONGEST_HOST = 253
"""DNS's longest name written out (RFC 1035: 255 octets on the wire), a trailing dot apart."""


def is_host_name(host: str) -> bool:
    """Whether ``host`` (a URL's host, as ``url_host`` gives it) could name a host at all
    (:func:`host_name_problem` finds nothing wrong with it)."""
    return host_name_problem(host) is None


_OVERLAY_NETWORKS = {"onion": "Tor", "i2p": "I2P", "alt": "a network beside DNS"}
"""Top-level names of networks beside DNS, reached through their own software (a proxy):
Tor's onion services (RFC 7686), I2P's eepsites, and RFC 9476's ``.alt`` for any such system."""


def overlay_network(host: str) -> str | None:
    """The network ``host`` belongs to when its name is never in DNS (``x.onion``: ``"Tor"``),
    else None.  Two stages need it: ``fetch`` must not ask the resolver such a name (RFC 7686:
    the query leaks what a post cites, and its answer is always "no such name"), and ``verify``
    must not take that answer for a dead host (DeadlinkChecker calls such a URL unknown)."""
    label = host.rstrip(".").rpartition(".")[2].lower()
    return _OVERLAY_NETWORKS.get(label) if "." in host.rstrip(".") else None


def host_name_problem(host: str) -> str | None:
    """Why ``host`` cannot name a host, or None: empty; a space, control character or
    ``< > \\ ^ |``; an empty label (``http://.example.org/``, LinkChecker's test data: it was
    requested); longer than DNS allows (253 characters, 63 a label).  Such a URL was
    requested and asked of the resolver; a per-host rule with one matched nothing (probe 19); a
    host of 100,000 characters took seconds to decode from punycode, looking for a look-alike.

    ``isdisjoint`` walks the host at C speed; a generator over its characters cost ~3 µs a
    checked URL (issue 19).  Lengths are those of the host as written: a Unicode label is
    shorter than its punycode, so no host DNS takes is refused (nor a ``%``-escaped one)."""
    if not host:
        return "is empty"
    if not _NOT_IN_HOSTS.isdisjoint(host):
        return "holds a character no host can"
    if "%" in host or host.startswith("["):
        return None
    name = host.removesuffix(".")
    if name.startswith(".") or ".." in name:
        return "has an empty label (two dots in a row, or a dot first)"
    if len(name) > _LONGEST_HOST:
        return f"is {len(name):,} characters long; a host name has at most {_LONGEST_HOST}"
    if len(name) > _LONGEST_LABEL and any(len(label) > _LONGEST_LABEL for label in name.split(".")):
        return f"has a label over {_LONGEST_LABEL} characters long, the most DNS allows"
    return None


def _has_host(url: str) -> bool:
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:
        return False


def _near(written: str) -> tuple[bool, str | None]:
    """Whether ``written`` is a near-miss, and its fix when one can be told."""
    written = written.strip()
    if _HOSTLESS.fullmatch(written.translate(_TAB_NEWLINE)):
        return True, None
    doi = _DOI_URI.fullmatch(written) if written[:4].lower() in ("doi:", "info") else None
    if doi is not None:
        return True, doi_url(doi[1])
    inner = _unwrapped(written)
    if inner is not None:
        return True, inner if _plainly_web(inner) else _misspelt(inner)[1]
    return _misspelt(written)


def _misspelt(written: str) -> tuple[bool, str | None]:
    """Whether ``written`` (stripped) misspells a scheme or is a bare ``www.``, and its fix."""
    found = _NEAR_SCHEME.fullmatch(written)
    if found is not None:
        scheme = "https" if found.group("s") else "http"
        proper = found.group("scheme").lower() in ("http", "https") and found.group("sep") == "://"
        if proper:
            return False, None
        rest = found.group("rest")
        nested = _NESTED_SCHEME.match(rest)
        if nested is not None:  # the real URL after a stray scheme: it is the fix
            scheme, rest = nested.group(1).lower(), rest[nested.end() :]
        fixed = f"{scheme}://{rest}"
        return True, fixed if _has_host(fixed) else None
    if _BARE_WWW.fullmatch(written):
        fixed = f"https://{written}"
        return True, fixed if _has_host(fixed) else None
    return False, None


def _unwrapped(written: str) -> str | None:
    """The URL inside an href that a paste wrapped or prefixed, else None.

    ``href="(https://docs.vmware.com/…)"`` and ``href="\u200bhttps://overcast.fm/…"``
    (htmltest's fixtures, a "bad reference" there) were joined to the page's URL as relative
    paths: skipped as file references in a local file, a URL nobody wrote on the web.  Only a
    wrapper whose inside is an http(s) URL or a near-miss of one counts, so ``(draft)`` and a
    Wikipedia ``…/Go_(game)`` are no such thing.
    """
    inner = written.lstrip(_INVISIBLE_LEAD)
    close = _WRAPPERS.get(inner[:1])
    if close is not None:
        inner = inner[1:].removesuffix(close).strip()
    if inner == written or not inner[:1].isalpha():
        return None
    return inner if _plainly_web(inner) or _misspelt(inner)[0] else None


def _plainly_web(url: str) -> bool:
    """Whether ``url`` is an http(s) URL written right, with a host."""
    return url[:8].lower().startswith(("http://", "https://")) and _has_host(url)


_WWW_DOMAIN = re.compile(r"www\d?\.[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
"""``www.`` and a domain (segments of alphanumerics, ``_`` and ``-``, at least one period, as
GFM's extended autolinks take it); the first match of each run of one class: linear."""


def www_address(written: str) -> str | None:
    """``http://`` + ``written`` for a bare ``www.`` address written in text, else None.

    ``www.example.com/a`` in running text is an address a reader can follow: GFM (GitHub,
    GitLab) and Hugo's goldmark render it as a link to ``http://www.example.com/a``, a browser's
    address bar takes it as that, and a page or a text file that shows it shows a working
    address.  A ``malformed-url`` error on it (issue 12's reading) failed correct posts, quoted
    hosts in a data file among them (``"hostname": "www.example.com"``, session 23): a false
    alarm.  It is checked as the link it names.  A domain with ``_`` in its last two segments
    is no host name (GFM does not link it): None, a near-miss as written.  In a link's
    destination (``href="www.x.com"``) it is a relative path that cannot work: not this.
    """
    domain = _WWW_DOMAIN.match(written)
    if domain is None or "_" in "".join(domain.group(0).rsplit(".", 2)[-2:]):
        return None
    return "http://" + written


def is_near_miss(written: str) -> bool:
    """True for an href meant as an http(s) URL but written so that no client can follow it.

    False for a correct ``http(s)://`` URL, for other schemes (``mailto:``, ``ftp:``) and for
    relative paths: those are judged by the link stage, not here.  A URL written right with a
    host's first character (:func:`plain_web_scheme`), most of them, is answered without the
    regexes (~6 µs a cited URL on the event loop, ``unfetched_verdict``: issue 19).
    """
    if plain_web_scheme(written) is not None:
        return False
    return _near(written)[0]


def plain_web_scheme(href: str) -> int | None:
    """Where the scheme of ``href`` ends (after its ``:``) when it is written ``http://`` or
    ``https://`` exactly and a host's first character follows, else None (the long way).

    Such an href, most of a post's, is no near-miss: its scheme is proper at the first try, so
    the near-miss regex (through the whole URL) and the scheme regex are skipped (issue 19, CPU
    per URL; the link stage's hrefs and each cited URL's check before its request).  No host
    starts with ``/``, ``?`` or ``#`` (``https:///x``, ``https://?q``): those go the long way.
    """
    if href.startswith("https://"):
        end = 6
    elif href.startswith("http://"):
        end = 5
    else:
        return None
    first = href[end + 2 : end + 3]  # a host's first character, or nothing
    return end if first and first not in "/?#" and not first.isspace() else None


# A Go-template or Liquid expression in a layout's link (``{{ .Site.Params.github }}``,
# ``{% link x %}``), or a shell or JavaScript one (``${BASE_URL}``, probe 23): a run of one
# class between fixed marks, so each try stops at the next brace.  And a path segment that is a
# name in braces or bars: Pelican's intrasite links (``{filename}/posts/b.md``, ``{static}``,
# ``{attach}``, ``{tag}python``, the older ``|filename|``), which it turns into the page's
# address (read as a path on disk or the web, each was a false ``broken``, probe 29): its names
# at a segment's start; and an RFC 6570 URI template's variable, a whole segment
# (``https://api.example/users/{id}``), no address either.  Any other name in braces within a
# segment (``/{a}b``) is a path as written, and requested.
_PELICAN = r"(?:filename|static|attach|tag|category|author|index)"
_PLACEHOLDER = re.compile(
    r"\{\{[^{}]*\}\}|\{%[^{}]*%\}|\$\{[^{}]+\}"
    rf"|(?<![^/])(?:\{{{_PELICAN}\}}|\|{_PELICAN}\||\{{\w{{1,64}}\}}(?![^/?#]))"
)
# A newsletter's merge tag, filled in per reader when the mail is sent: Substack's
# ``%%share_url%%``, ``%%checkout_url%%``, ``%%half_magic_comments_url%%`` (its export keeps them
# in every post's buttons) and Mailchimp's ``*|ARCHIVE|*``.  No URL holds ``%%`` (an escape is
# ``%`` and two hex digits) or ``*|``; on a site built from an export, fetched as a relative
# path, each was a false ``broken`` (probe 27).
_MERGE_TAG = re.compile(r"%%[A-Za-z_]{1,64}%%|\*\|[A-Z_:]{1,64}\|\*")
# A template a program computes: Org's ``#+LINK: fn https://x/%(my-function)`` (the function's
# answer for the link's tag stands there), Python's ``%(id)s``.  No URL holds ``%(`` (an escape
# is ``%`` and two hex digits): expanded as written, each was a false ``broken`` (session 29).
_COMPUTED = re.compile(r"%\([^()\s]{1,128}\)")
GHOST_URL_PLACEHOLDER = "__GHOST_URL__"
"""What a Ghost export (4, 5) writes for the blog's own address in its posts' links, filled in
when the blog serves them (:mod:`checker.extract.ghost` fills it when the export names it)."""


def is_template_placeholder(url: str) -> bool:
    """True for a link a site's template fills in when the site is built.

    A Hugo or Jekyll layout read as a post links ``https://github.com/{{ .Site.Params.github }}``;
    no URL holds a brace, so fetched as written it was a false ``broken`` about a URL nobody
    cites.  Neither requested nor judged (:func:`checker.verify.availability.unfetched_verdict`).
    Ghost's ``__GHOST_URL__`` is one too, the blog filling it in when it serves the post, and
    so is a newsletter's merge tag (Substack's ``%%share_url%%``), filled in for each reader,
    and a template a program computes (Org's ``%(function)``).
    """
    return (
        (("{" in url or "|" in url) and _PLACEHOLDER.search(url) is not None)
        or GHOST_URL_PLACEHOLDER in url
        or (("%%" in url or "*|" in url) and _MERGE_TAG.search(url) is not None)
        or ("%(" in url and _COMPUTED.search(url) is not None)
    )


EMBED_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "tweet": "twitter",
        "twitter": "twitter",
        "x": "twitter",
        "tweet_simple": "twitter",
        "twitter_simple": "twitter",
        "x_simple": "twitter",
        "youtube": "youtube",
        "youtube_simple": "youtube",
        "vimeo": "vimeo",
        "vimeo_simple": "vimeo",
        "instagram": "instagram",
        "instagram_simple": "instagram",
        "gist": "gist",
        "bluesky": "url",
        "tiktok": "url",
        "mastodon": "url",
        "telegram": "url",
        "embed": "url",
        "video": "video",  # Jekyll themes' include video id=… provider=youtube|vimeo
        "speakerdeck": "speakerdeck",  # Zenn's and Hugo's key: the player's (data-id)
        "jsfiddle": "jsfiddle",  # Hexo's {% jsfiddle ID %}: the fiddle's embedded page
        "slideshare": "slideshare",
    }
)
"""Each shortcode name (Hugo's, Jekyll's and their includes' file stems) that embeds a post, a
video or slides, and the kind of thing :mod:`checker.extract.embeds.shortcodes` reads it as: a
platform whose id it reads, ``url`` (the embed's URL is given), or ``video`` (a theme's include
naming its ``provider``).  One table for the extractor and for verify's
:func:`is_unreadable_embed`."""
EMBED_SHORTCODES = frozenset(EMBED_KINDS)
"""The shortcode names of :data:`EMBED_KINDS`."""
# One Hugo (``{{< name … >}}``, ``{{% name … %}}``) or Jekyll (``{% name … %}``, ``{% include
# dir/name.html … %}``) call, the whole href: runs of one class between fixed marks, each taken
# whole (possessive), so linear.  The include's folders are read one ``/`` at a time and never
# given back: a greedy ``[^\s{}%]*/`` backtracked to every ``/`` of a ``{% include /a/a/…``
# href and rescanned its rest from each (128 KB took 40 s).
# A WordPress call, ``[tweet 123abc]`` or ``[embed]…[/embed]``, is cited as written only when
# the extractor judged it a call (brackets may be prose), so any such whole href is one here.
ZOLA_ARGUMENTS = r"""(?:"[^"\n]*+"|'[^'\n]*+'|[^{}()"'])*+"""
"""A Zola (Tera) call's arguments, between its parentheses: a quoted string holds any bracket
(``class="a (b)"``), outside quotes none; each string and run taken whole, so linear."""
_EMBED_CALL = lazy(
    r"\{\{[<%]\s*+(?P<hugo>[A-Za-z][\w-]*+)[^{}<>%]*+[>%]\}\}"
    r"(?:[^{}]*+\{\{[<%]\s*+/\s*+(?P=hugo)\s*+[>%]\}\})?"
    r"|\{%-?\s*+(?:include\s++(?:[^\s{}%/]*+/)*+)?(?P<liquid>[A-Za-z][\w-]*+)[^{}%]*+%\}"
    r"|\[(?P<wordpress>[A-Za-z][\w-]*+)(?:[\s=][^\[\]]*+)?\](?:[^\[\]]*+\[/(?P=wordpress)\])?"
    rf"|\{{\{{-?\s*+(?P<zola>[A-Za-z][\w-]*+)\({ZOLA_ARGUMENTS}\)\s*+-?\}}\}}"
)


# A Jekyll theme's video include names its platform: ``{% include video id=… provider=NAME %}``.
_PROVIDER = lazy(r"""\bprovider\s*+=\s*+["'`]?+(?P<provider>[\w.-]{1,40}+)""", ASCII_IGNORECASE)
EMBED_PROVIDERS = frozenset(EMBED_KINDS.values()) - {"url", "video"}
"""The platforms whose ids :mod:`checker.extract.embeds.shortcodes` reads (:data:`EMBED_KINDS`);
a video include's other providers (Minimal Mistakes' ``google-drive``, ``bilibili``) are not
read, never bad."""


def _embed_call(written: str) -> str | None:
    """The name of the embed (:data:`EMBED_SHORTCODES`) a cited address calls as a whole
    shortcode, else None (``{{< relref x >}}``, a URL with a call inside it)."""
    if "{" not in written and "[" not in written:
        return None
    found = _EMBED_CALL.fullmatch(written.strip())
    if found is None:
        return None
    name = ascii_lower(
        found.group("hugo")
        or found.group("liquid")
        or found.group("wordpress")
        or found.group("zola")
    )
    return name if name in EMBED_SHORTCODES else None


def is_embed_call(written: str) -> bool:
    """True for a cited address that is a whole shortcode call naming an embed, or an AMP
    component (:func:`is_amp_component`): the extractor keeps it as written (never joined to
    the post's address), for verify to say what it is."""
    return _embed_call(written) is not None or is_amp_component(written)


_AMP_COMPONENT = lazy(r"<amp-[a-z][a-z0-9-]{0,40}+(?:\s[^<>]*+)?>")


def is_amp_component(written: str) -> bool:
    """True for a cited address that is an AMP embed component as written
    (``<amp-youtube data-videoid="">``): :mod:`checker.extract.amp` cites one that names no id
    of its platform's so, as the AMP runtime renders nothing there (a ``malformed-url``)."""
    return written.startswith("<amp-") and _AMP_COMPONENT.fullmatch(written) is not None


def unread_embed_provider(written: str) -> str | None:
    """The platform an embed call cited as written names as its ``provider`` when citecheck
    reads none of its ids (``{% include video id="…" provider="google-drive" %}``), else None:
    such a call is not checked, and said so once, never a ``malformed-url`` (a false alarm)."""
    if _embed_call(written) is None:
        return None
    found = _PROVIDER.search(written)
    provider = ascii_lower(found.group("provider")) if found is not None else None
    return provider if provider is not None and provider not in EMBED_PROVIDERS else None


def is_unreadable_embed(written: str) -> bool:
    """True for a cited address that is a shortcode call naming an embed (:data:`EMBED_SHORTCODES`)
    whose id or URL could not be read (``{{< speakerdeck ../../x >}}``, ``{{< tweet id="abc" >}}``):
    the extractor cites such a call as written, since the post clearly wrote an embed that the
    built page cannot show, and it vanished without a word (session 28's leftover).  It is a
    ``malformed-url``, never requested, and never a template's placeholder (``{{< relref >}}``
    in a link is one: filled in when the site is built).  A call naming a provider citecheck
    does not read is none (:func:`unread_embed_provider`)."""
    return _embed_call(written) is not None and unread_embed_provider(written) is None


_REFRESH = lazy(
    r"^\s{0,10}(?P<delay>\d{1,4}(?:\.\d{0,4})?)(?=[\s;,]|$)\s{0,10}(?:[;,]\s{0,10})?"
    r"(?:url\s{0,5}=\s{0,5})?",
    re.IGNORECASE | re.ASCII,
)


REFRESH_PATIENCE = 30.0
"""Seconds of a refresh's delay a reader still waits through to be sent on: a post's page that
forwards within it cites its target (``extract``), a source page that only forwards within it is
judged by where it sends (``verify``); a news page's 600 s reload to its home page is neither."""


def meta_refresh(content: str) -> tuple[float, str | None] | None:
    """A ``<meta http-equiv="refresh">`` content's delay and target URL (None: a reload).

    ``None`` when the content is no refresh (WHATWG: the delay ends at a space, ``;`` or ``,``,
    so htmltest's ``3x;url=…`` and ``-2`` are none).  A leaf, because two stages read refreshes:
    ``extract`` cites where a post's page sends its reader, and ``verify`` follows a source
    page that forwards to a dead end.  Quotes around the URL are dropped, as browsers do
    (htmltest's ``URL='…'``).
    """
    content = content[:2100]
    match = _REFRESH.match(content)
    if match is None:
        return None
    target = content[match.end() :].strip().strip("'\"").strip()
    return float(match.group("delay")), target or None


def repair(written: str) -> str | None:
    """The http(s) URL a near-miss was meant to be (``htps://x`` → ``https://x``), else None."""
    return _near(written)[1]


_ARCHIVE_HOSTS = frozenset(
    {
        "web.archive.org",
        "wayback.archive.org",
        "archive.org",
        "www.archive.org",
        "archive.today",
        "archive.ph",
        "archive.is",
        "archive.li",
        "archive.vn",
        "archive.md",
        "archive.fo",
    }
)
_REPLAY_PATH = lazy(
    r"^/(?:web/|wayback/)?(?P<ts>\d{4,14})(?:[a-z]{2}_|\*)?/(?P<original>(?:[a-z][a-z0-9+.-]*:)?.+)$",
    re.IGNORECASE,
)
_SCHEME_SLASHES = lazy(r"^(https?):/+", re.IGNORECASE)


# An absolute ``http(s)://`` URL of printable ASCII whose ``urlsplit`` is read off its match,
# and whose ``urlunsplit`` of that split is the URL as written: a host (no brackets, no ``/?#``
# in it), an optional path from ``/``, an optional query that is not empty (``…?`` alone comes
# back without its ``?``), no fragment, no blank or control character (which ``urlsplit``
# removes or strips).  Each part is one class, ended by a character the next part starts with
# and its class excludes: one way to match, linear.
_PLAIN_WEB_URL = re.compile(
    r"(https?)://([A-Za-z0-9._~%!$&'()*+,=:@-]+)(/[!-\x22$-\x3e@-~]*)?(?:\?([!-\x22$-~]+))?"
)


def plain_split(url: str) -> SplitResult | None:
    """``urlsplit(url)`` of a plain ``http(s)://host/path?query`` (:data:`_PLAIN_WEB_URL`),
    whose ``urlunsplit`` is ``url`` again; None for any other URL (the caller splits it).

    ``urlsplit`` costs ~7 µs a URL its cache of 128 does not hold (most of a post's links, each
    split by the link stage and again by :func:`split_url`); the match ~1 (issue 19)."""
    found = _PLAIN_WEB_URL.fullmatch(url)
    if found is None:
        return None
    scheme, netloc, path, query = found.group(1, 2, 3, 4)
    return SplitResult(scheme, netloc, path or "", query or "", "")


@lru_cache(maxsize=4096)
def split_url(url: str) -> SplitResult:
    """``urlsplit(url)``, kept: a run asks about the same URL from several places (the fetch,
    the archive check, the sibling probe, judging), and ``urlsplit``'s own cache holds only
    the last 128 URLs (issue 19: ~105 µs a checked URL went to ``urllib.parse``).

    Raises ``ValueError`` as ``urlsplit`` does (not kept).  A ``SplitResult`` is a tuple of
    strings: sharing it changes nothing a caller sees.  A plain URL is split by its match
    (:func:`plain_split`).
    """
    return plain_split(url) or urlsplit(url)


_REFERENCE_SCHEME = lazy(r"[A-Za-z][A-Za-z0-9+.-]*:")


def browser_reference(href: str, base: str) -> str:
    """``href`` as a browser reads it on a web page, where a backslash and extra slashes differ.

    WHATWG's URL standard reads ``\\`` as ``/`` in an http(s) URL before its query, and skips
    every slash after the two that begin an authority: on ``https://blog/p``, ``///x.com/a``,
    ``\\\\x.com/a`` and ``/\\x.com/a`` open ``https://x.com/a``, ``https://x.com\\a`` opens
    ``https://x.com/a`` and ``https:\\\\x.com`` opens ``https://x.com/``.  ``urljoin`` took the
    first ones as paths on the post's own site (``https://blog/x.com/a``), and an escaped ``%5C``
    was requested: the URL checked was not the one a reader follows, a working link reported
    ``broken`` (session 37).  Only an http(s) href, or a relative one on a web page, is read so
    (a local file's ``\\\\server\\share`` is no web address); any other comes back as written,
    and so do an http(s) URL's own extra slashes (``https:///x.com``), a near-miss whose fix
    :func:`is_near_miss` tells.
    """
    if "\\" not in href and not href.startswith("///"):
        return href
    scheme = _REFERENCE_SCHEME.match(href)
    if scheme is not None:
        if scheme.group(0).lower() not in ("http:", "https:"):
            return href
    elif base[:6].lower() not in ("http:/", "https:"):
        return href
    end = min((i for i in (href.find("?"), href.find("#")) if i >= 0), default=len(href))
    read = href[:end].replace("\\", "/") + href[end:]
    if scheme is None and read.startswith("///"):
        read = "//" + read.lstrip("/")
    return read


def browser_mapped(url: str) -> str | None:
    """``url`` with its host name mapped as a browser maps one before it looks it up, when that
    changes it; None when it does not (or ``url`` has no host that maps).

    WHATWG's URL standard reads a host through UTS 46 (its case, width and compatibility
    mappings, then NFC; not the strict STD3 rules): ``café.fr`` written with a combining
    accent (macOS's decomposed text), ``ＡＢＣ.com`` (full-width letters) and ``München.DE``
    open ``café.fr``, ``abc.com`` and ``münchen.de``.  IDNA 2008, as httpx applies it, refuses
    the first two: a link that opens in every browser was ``malformed-url`` (probe 32).  Only a
    name with a character outside ASCII is looked at.  A name mapped to a character no
    domain holds (full-width ``＼``, ``％``, ``｜``, the ideographic space) is no name a browser
    asks for: ``evil.example＼bank.example`` stays malformed, not a request for another host.
    """
    try:
        parts = split_url(url)
    except ValueError:
        return None
    netloc = parts.netloc
    userinfo, at, hostport = netloc.rpartition("@")
    host, colon, port = hostport.partition(":")  # an IPv6 literal is ASCII: none of this
    if not host or host.isascii():
        return None
    try:
        mapped = idna.uts46_remap(host, std3_rules=False, transitional=False)
    except (UnicodeError, ValueError):
        return None
    if mapped == host or not _NOT_IN_DOMAINS.isdisjoint(mapped) or host_name_problem(mapped):
        return None  # unchanged, or mapped to what no host holds: the link stays malformed
    return urlunsplit(parts._replace(netloc=f"{userinfo}{at}{mapped}{colon}{port}"))


@lru_cache(maxsize=4096)
def url_host(url: str) -> str:
    """``split_url(url).hostname or ""``: the host in lower case, computed once a URL (the
    property parses the netloc again at every read)."""
    return split_url(url).hostname or ""


def original_from_replay(raw: str) -> str:
    """The original URL as a replay path holds it (``https:/x`` or ``x`` alone): made absolute."""
    fixed = _SCHEME_SLASHES.sub(lambda m: f"{m.group(1).lower()}://", raw)
    return fixed if "://" in fixed[:10] else f"http://{fixed}"


def archived_original(url: str) -> tuple[str, str] | None:
    """``(original URL, timestamp)`` of a Wayback or archive.today replay URL, else ``None``.

    >>> archived_original("https://web.archive.org/web/20200101000000/https://example.com/a")
    ('https://example.com/a', '20200101000000')

    Every such host's name holds "archive": a URL without it, in any case, is none, told
    without its split (each link of a post is asked; issue 19, session 36).  A tab or line
    break in it is dropped first, as browsers and ``urlsplit`` drop them: one in the host
    (``web.arch\tive.org``) split the word, and its replay path was then looked for after a
    host the URL as written does not hold (an ``IndexError``, cpu36b's note).
    """
    if any(mark in url for mark in "\t\r\n"):
        url = url.replace("\t", "").replace("\r", "").replace("\n", "")
    if "archive" not in url.lower():
        return None
    try:
        parts = split_url(url)
    except ValueError:
        return None
    host = url_host(url)
    if host not in _ARCHIVE_HOSTS:
        return None
    target = url.split(parts.netloc, 1)[1]
    match = _REPLAY_PATH.match(target)
    if match is None:
        return None
    return original_from_replay(match.group("original")), match.group("ts")


def copy_original(url: str) -> str | None:
    """The page a copy's address names as its original, else None: a Wayback or archive.today
    replay's (:func:`archived_original`), and a Google AMP cache's or AMP viewer's
    (``https://www-bbc-com.cdn.ampproject.org/c/s/www.bbc.com/news/x``,
    ``https://www.google.com/amp/s/www.bbc.com/news/x``: ``/s/`` for an https original).  Such a
    copy is the original publisher's page served from another host: the publication a post
    names is that page's, not the cache's (``publisher-mismatch`` said "the URL is on
    ampproject.org" of a BBC article, probe 32).

    >>> copy_original("https://www-bbc-com.cdn.ampproject.org/c/s/www.bbc.com/news/x")
    'https://www.bbc.com/news/x'
    """
    archived = archived_original(url)
    if archived is not None:
        return archived[0]
    host = url_host(url)
    if not (host.endswith(_AMP_CACHE_SUFFIX) or _AMP_VIEWER_HOST.fullmatch(host)):
        return None
    path = url.split(split_url(url).netloc, 1)[1]
    found = (_AMP_CACHE_PATH if host.endswith(_AMP_CACHE_SUFFIX) else _AMP_VIEWER_PATH).match(path)
    if found is None:
        return None
    return f"{'https' if found['secure'] else 'http'}://{found['origin']}"


def is_archive_copy(url: str) -> bool:
    """Whether ``url`` is on a web archive's host (the Wayback Machine, archive.today's
    mirrors): a copy of another site's page, whether or not its address names that page
    (``archive.ph/AbCd1``, a short id, names none)."""
    return url_host(url) in _ARCHIVE_HOSTS


_MEMENTO_ORIGINAL = lazy(
    r"<(?P<url>[^<>\s]+)>\s*(?:;[^,<]*?)?;\s*rel\s*=\s*\"?[^\",;]*?\boriginal\b", re.IGNORECASE
)


def memento_original(link: str | None) -> str | None:
    """The original a Memento's ``Link`` header names (RFC 7089: ``<URL>; rel="original"``),
    else None: how an archive's copy at a short address (``archive.ph/AbCd1``) says whose
    page it is.

    >>> memento_original('<https://news.example/a>; rel="original", <https://a.ph/t>; rel=timegate')
    'https://news.example/a'
    """
    if not link:
        return None
    found = _MEMENTO_ORIGINAL.search(link[:MAX_HEADER_CHARS])
    return found["url"] if found is not None else None


MAX_HEADER_CHARS = 4_096
"""The part of a response header read and kept (a ``Link`` searched for an archive's original,
which it names first; the store keeps no more of any header, ``fetch.store``): a longer search
found an original named past it cold, and none warm (mend 33n)."""

_AMP_CACHE_SUFFIX = ".cdn.ampproject.org"
# the origin: a dotted host name, then its path (a bare ``s/`` is the mark, no host)
_AMP_ORIGIN = r"(?P<origin>[^/?#\s.]++(?:\.[^/?#\s.]++)++(?:[/?#].*)?)"
_AMP_CACHE_PATH = lazy(r"/(?:c|v|i|r|wp)/(?P<secure>s/)?" + _AMP_ORIGIN, re.DOTALL)
_AMP_VIEWER_HOST = lazy(r"(?:www\.)?google\.(?:com|co\.[a-z]{2}|com\.[a-z]{2}|[a-z]{2})")
_AMP_VIEWER_PATH = lazy(r"/amp/(?P<secure>s/)?" + _AMP_ORIGIN, re.DOTALL)


class DomainParts(NamedTuple):
    """A host split by the Public Suffix List's ICANN section, as tldextract splits it:
    ``news.bbc.co.uk`` is ``("news", "bbc", "co.uk")``; an IP address is all ``domain``."""

    subdomain: str
    domain: str
    suffix: str

    @property
    def top_domain_under_public_suffix(self) -> str:
        """``domain.suffix`` (the registered domain), or ``""`` when either is missing."""
        return f"{self.domain}.{self.suffix}" if self.domain and self.suffix else ""


class _SuffixList(NamedTuple):
    """The ICANN section of the Public Suffix List as tldextract's trie holds it, as strings."""

    nodes: frozenset[str]
    """Every ending of every rule (``co.uk`` gives ``uk`` and ``co.uk``): the trie's nodes."""
    rules: frozenset[str]
    """The rules themselves: the nodes that end a suffix."""


def read_suffix_list() -> None:
    """Read the Public Suffix List now (once a process): before a fork, so that no forked
    worker reads it again (~15 ms of each worker's CPU, issue 19)."""
    _suffix_list()


@lru_cache(maxsize=2)
def _suffix_list(private: bool = False) -> _SuffixList:
    """tldextract's bundled Public Suffix List, read without importing tldextract.

    Its import loads requests (~0.4 G instructions) and its first split builds two tries of
    16,600 nodes (~0.2 G more): every run with a store paid that for its first registered
    domain (issue 19, start-up).  The lines are read with tldextract's own pattern; the private
    section is left out, as tldextract leaves it out by default, unless ``private`` (then read
    apart, on first use: ``github.io``, ``blogspot.com`` as suffixes, :func:`domain_parts`).
    """
    spec = importlib.util.find_spec("tldextract")
    if spec is None or spec.origin is None:
        raise RuntimeError("tldextract, whose Public Suffix List citecheck reads, is missing")
    text = (Path(spec.origin).parent / ".tld_set_snapshot").read_text(encoding="utf-8")
    public = text if private else text.partition("// ===BEGIN PRIVATE DOMAINS===")[0]
    rules = _SUFFIX_RULE.findall(public)
    nodes = set(rules)
    for rule in rules:  # each ending after a dot, cut off the rule's text: no split and join
        ending = rule  # (12 ms of the 18 this loop took, before the driver's first request)
        while (dot := ending.find(".")) >= 0:
            ending = ending[dot + 1 :]
            nodes.add(ending)
    return _SuffixList(frozenset(nodes), frozenset(rules))


_SUFFIX_RULE = lazy(r"^[.*!]*\w\S*", re.MULTILINE)
"""A rule of the list: tldextract's ``PUBLIC_SUFFIX_RE`` (comments start with ``//``)."""

_IPV4 = lazy(
    r"(?:(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.){3}"
    r"(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])",
    re.ASCII,
)
"""A dotted IPv4 address, as tldextract's ``looks_like_ip`` reads one."""


def domain_parts(url: str, *, private: bool = False) -> DomainParts:
    """The split of ``url``'s host, remembered per host: a run judges many URLs of few sites.

    Only the URL's host counts (read leniently, as tldextract does), so the answer for one host
    serves every URL on it.  ``private``: the list's private section counts too, as a site's
    owner sees it (``alice.github.io`` is her domain, ``github.io`` a suffix shared by all).
    """
    return _host_parts(_lenient_host(url), private)


@lru_cache(maxsize=4096)
def _host_parts(host: str, private: bool = False) -> DomainParts:
    """tldextract's ``_extract_netloc``, without private domains unless ``private``, on
    :func:`_suffix_list`."""
    dotted = host.replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".")
    if len(dotted) >= 4 and dotted[0] == "[" and dotted[-1] == "]" and _is_ipv6(dotted[1:-1]):
        return DomainParts("", dotted, "")
    labels = dotted.split(".")
    start = _suffix_start(labels, private)
    if start is None:
        if len(labels) == 4 and dotted[0].isdecimal() and _IPV4.fullmatch(dotted):
            return DomainParts("", dotted, "")
        return DomainParts(".".join(labels[:-1]), labels[-1], "")
    subdomain = ".".join(labels[: start - 1]) if start >= 2 else ""
    domain = labels[start - 1] if start > 0 else ""
    return DomainParts(subdomain, domain, ".".join(labels[start:]))


def _suffix_start(labels: list[str], private: bool = False) -> int | None:
    """The index of the public suffix's first label, or None if the host ends in none: the
    trie walk of tldextract's ``suffix_index``, the trie's nodes looked up as strings."""
    suffixes = _suffix_list(private)
    node = ""  # the trie node: the labels matched so far, joined, in the list's (decoded) form
    start = index = len(labels)
    for label in reversed(labels):
        decoded = _decode_punycode(label)
        below = f"{decoded}.{node}" if node else decoded
        if below in suffixes.nodes:
            index -= 1
            node = below
            if node in suffixes.rules:
                start = index
            continue
        if (f"*.{node}" if node else "*") in suffixes.nodes:
            exception = f"!{decoded}.{node}" if node else f"!{decoded}"
            return index if exception in suffixes.nodes else index - 1
        break
    return None if start == len(labels) else start


@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str:
    """``host``'s registered domain (``news.bbc.co.uk`` → ``bbc.co.uk``), else ``host`` itself."""
    return domain_parts(host).top_domain_under_public_suffix or host


def same_registered_domain(host: str, other: str) -> bool:
    """Whether two hosts have one registered domain (``registered_domain``'s), asking the Public
    Suffix List only when they could.

    A registered domain is a whole-label ending of its host with two labels at least (or the
    host itself), so two hosts whose last two labels differ (after the dots tldextract reads as
    dots) cannot share one: most links of a post point to other sites, and loading the suffix
    list costs a run ~0.25 s (issue 19).
    """
    return host == other or (
        _last_two_labels(host) == _last_two_labels(other)
        and registered_domain(host) == registered_domain(other)
    )


def _last_two_labels(host: str) -> list[str]:
    dotted = host.replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".")
    return dotted.rstrip(".").rsplit(".", 2)[-2:]


def _decode_punycode(label: str) -> str:
    """A label as the list spells it: lower case, an ``xn--`` label decoded when it decodes.

    A label longer than DNS allows (63) is no A-label of any rule: it is not decoded, as
    punycode's decoding takes time quadratic in the label's length (~2.5 s for a host of
    200,000 characters, session 17)."""
    lowered = label.lower()
    if lowered.startswith("xn--") and len(lowered) <= _LONGEST_LABEL:
        try:
            return str(idna.decode(lowered))
        except (UnicodeError, IndexError):
            pass
    return lowered


_LONGEST_LABEL = 63


def _is_ipv6(text: str) -> bool:
    try:
        IPv6Address(text)
    except AddressValueError:
        return False
    return True


def _lenient_host(url: str) -> str:
    """The host of a URL-like string, case kept, read as tldextract's ``lenient_netloc`` reads
    it (a scheme optional, user and port dropped, brackets of an IPv6 address kept, the root
    label's dot removed)."""
    slashes = url.find("//")
    if slashes == 0:
        url = url[2:]
    elif slashes >= 2 and url[slashes - 1] == ":" and set(url[: slashes - 1]) <= _SCHEME_CHARS:
        url = url[slashes + 2 :]
    authority = url.partition("/")[0].partition("?")[0].partition("#")[0]
    host = authority.rpartition("@")[-1]
    if host and host[0] == "[":
        inside, bracket, _ = host.partition("]")
        if bracket:
            return f"{inside}]"
    return host.partition(":")[0].strip().rstrip(".\u3002\uff0e\uff61")


_SCHEME_CHARS = frozenset(scheme_chars)


def canonical_address(url: str) -> tuple[str, str, str]:
    """A URL without the differences a reader would not care about: its host without ``www.``
    (:func:`bare_host`), its path's segments without a trailing slash, an index page
    (``index.html``) or escapes that change nothing, its query without trackers
    (:data:`TRACKING_KEY`), sorted.  The one comparison of "the same address" for a redirect
    (``verify.availability``) and a site's own move (``verify.parked``)."""
    parts = split_url(url)
    host = bare_host(parts.hostname or "")
    segments = [quote(unquote(s), safe="~!$&'()*+,;=:@") for s in parts.path.split("/") if s]
    if segments and is_index_segment(segments[-1]):
        segments = segments[:-1]
    query = sorted((k, v) for k, v in parse_qsl(parts.query) if not TRACKING_KEY.match(k))
    return host, "/".join(segments), urlencode(query)


def bare_host(host: str) -> str:
    """``host`` lower case without a root dot and a ``www.``, ``m.``, ``mobile.`` or ``amp.``
    before a registrable name: one site's names for the same pages."""
    host = host.lower().rstrip(".")
    for prefix in ("www.", "m.", "mobile.", "amp."):
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix) :]
    return host


_INDEX = lazy(r"^(?:index|default|home)(?:\.[a-z]{2,5})?$", re.IGNORECASE)


def is_index_segment(segment: str) -> bool:
    """Whether a path segment names a folder's index page (``index.html``, ``default.aspx``)."""
    return bool(_INDEX.match(segment))
