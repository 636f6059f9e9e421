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

And the one reading of the Public Suffix List (:func:`suffix_list`, :func:`registered_domain`):
extract tells the page's own links from others by it, verify reads a publisher's name from a
host with it, and the Dask executor shards by it; one bundled copy, never downloaded.

The patterns are anchored and have no nested repetition: linear time on any input.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from checker.lazyre import lazy

if TYPE_CHECKING:
    import tldextract

__all__ = [
    "NEAR_URL_TEXT",
    "URL_CHAR",
    "archived_original",
    "domain_parts",
    "is_near_miss",
    "original_from_replay",
    "registered_domain",
    "repair",
    "same_registered_domain",
    "suffix_list",
]

# A misspelt http(s) scheme (missing/doubled letters, "hxxp" defanging) and a separator that is
# not exactly "://" (":/", "//", ":", ":///"), then the rest of the URL.
_NEAR_SCHEME = lazy(
    r"(?P<scheme>(?:h?t{1,3}p{1,2}|hxxp)(?P<s>s?))(?P<sep>:/*|/{2,})(?P<rest>[^/\s].*)",
    re.IGNORECASE | re.DOTALL,
)
# A host written without any scheme: "www.example.com/…" (www2., www3. too).
_BARE_WWW = lazy(r"www\d?\.[^\s/.:]+\.[^\s/]+(?:[/?#].*)?", re.IGNORECASE | re.DOTALL)

URL_CHAR = r"""[^\s<>"'`\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]"""
"""A character of a URL written in running text: it ends at whitespace, quotes, angle brackets and
any CJK or full-width character (Japanese text runs on right after a URL without a space).  Use it
outside ``re.IGNORECASE`` (scope the flag to the letters: ``(?i:https?)``): the class is already
its own case closure, and under the flag compiling it costs 2.5 times as much."""

NEAR_URL_TEXT = lazy(
    r"(?<![A-Za-z0-9_.@/:+-])(?i:www\d?\.|(?:h?t{1,3}p{1,2}|hxxp)s?(?::/|//|:/{3,}|://))"
    + URL_CHAR
    + "+"
)
"""A near-miss written out in running text (``htps://x``, ``www.x.com``); correct ``http(s)://``
URLs match too and are told apart by :func:`repair` returning None for them."""


def _has_host(url: str) -> bool:
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:
        return False


def _near(written: str) -> tuple[bool, str | None]:
    """Whether ``written`` is a near-miss, and its fix when one can be told."""
    written = written.strip()
    found = _NEAR_SCHEME.fullmatch(written)
    if found is not None:
        scheme = "https" if found.group("s") else "http"
        proper = found.group("scheme").lower() in ("http", "https") and found.group("sep") == "://"
        if proper:
            return False, None
        fixed = f"{scheme}://{found.group('rest')}"
        return True, fixed if _has_host(fixed) else None
    if _BARE_WWW.fullmatch(written):
        fixed = f"https://{written}"
        return True, fixed if _has_host(fixed) else None
    return False, None


def is_near_miss(written: str) -> bool:
    """True for an href meant as an http(s) URL but written so that no client can follow it.

    False for a correct ``http(s)://`` URL, for other schemes (``mailto:``, ``ftp:``) and for
    relative paths: those are judged by the link stage, not here.
    """
    return _near(written)[0]


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


def original_from_replay(raw: str) -> str:
    """The original URL as a replay path holds it (``https:/x`` or ``x`` alone): made absolute."""
    fixed = _SCHEME_SLASHES.sub(lambda m: f"{m.group(1).lower()}://", raw)
    return fixed if "://" in fixed[:10] else f"http://{fixed}"


def archived_original(url: str) -> tuple[str, str] | None:
    """``(original URL, timestamp)`` of a Wayback or archive.today replay URL, else ``None``.

    >>> archived_original("https://web.archive.org/web/20200101000000/https://example.com/a")
    ('https://example.com/a', '20200101000000')
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if host not in _ARCHIVE_HOSTS:
        return None
    target = url.split(parts.netloc, 1)[1]
    match = _REPLAY_PATH.match(target)
    if match is None:
        return None
    return original_from_replay(match.group("original")), match.group("ts")


@lru_cache(maxsize=1)
def suffix_list() -> tldextract.TLDExtract:
    """The Public Suffix List bundled with tldextract: no download, no cache files.

    tldextract (and requests, which it imports) is loaded here, on first use: a run whose
    citations never ask for a registered domain does not pay its import (~0.3 s of CPU, a
    sixth of a small run's start; issue 19).
    """
    import tldextract  # noqa: PLC0415 (lazy: see above)

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def domain_parts(url: str) -> tldextract.ExtractResult:
    """``suffix_list()(url)``, remembered per host: a run judges many URLs of few sites.

    tldextract reads only the URL's host (``lenient_netloc``), so the answer for one host
    serves every URL on it; the Public Suffix List walk was most of what comparing a cited
    publication with the URL cost (issue 19, CPU per URL).
    """
    from tldextract.remote import lenient_netloc  # noqa: PLC0415 (lazy: see suffix_list)

    return _host_parts(lenient_netloc(url))


@lru_cache(maxsize=4096)
def _host_parts(host: str) -> tldextract.ExtractResult:
    return suffix_list()(host)


@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str:
    """``host``'s registered domain (``news.bbc.co.uk`` → ``bbc.co.uk``), else ``host`` itself."""
    return suffix_list()(host).top_domain_under_public_suffix or host


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
