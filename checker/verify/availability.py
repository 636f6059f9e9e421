"""Decide from one fetch whether a cited source is still there: the availability verdict.

The verdict must be honest in both directions.  A dead source reported as fine misleads readers,
but a live source reported as dead teaches people to ignore the checker, so every rule here
claims ``broken`` only on evidence that the source is gone, and otherwise says what it could not
verify:

- ``broken`` needs proof of absence: 404/410, a name that does not resolve, a refused connection,
  or a 200 that is really a "not found" page or the site's home/section page (``soft-404``).  A
  redirect to a URL no client can follow (``javascript:``, ``about:blank``, no host) leads
  nowhere, and a cited URL that cannot work as written (a port of 99999) is ``malformed-url``.
- ``blocked`` means the source answered but would not show itself to a robot: 401/403/451, a
  429 (blocked until the fetch store sees it persist), bot challenges (Cloudflare, Akamai,
  PerimeterX, DataDome, Imperva, ...) whatever their status code, login and consent walls.  A
  paywalled page whose head is readable is *not* blocked: its metadata can still be checked.
- ``unreachable`` is everything that might be passing: timeouts, resets, protocol errors, 5xx
  and 408, unexpected codes, TLS failures (an expired or mis-issued certificate says nothing
  about whether the article is still there), and redirect loops.  A loop is usually a cookie or
  consent wall that sends a cookie-less client round in circles, or a misconfiguration being
  fixed, not a removed page, so it gets the warning rather than the error.
- ``redirected`` is a permanent (301/308) move to a URL that is more than a cosmetic variant of
  the cited one (scheme upgrade, ``www.``/``m.``, trailing slash, ``index.html``, tracking
  parameters are cosmetic).  Temporary redirects and shortlinks (``t.co``, ``bit.ly``) are how
  the web works and are not reported.
- ``skipped``: URLs that are not for fetching (``mailto:``, ``ftp:``) or must not be (a host
  on a private or local network), with a note.

The function is pure: it reads a :class:`FetchResult` and returns a :class:`Verdict`.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from types import EllipsisType
from typing import TypeVar
from urllib.parse import SplitResult, parse_qsl, unquote, urlsplit

from checker.anchors import (
    Anchors,
    fetched_notebook_anchors,
    html_anchors,
    missing,
    unchecked_reason,
)
from checker.encoding import (
    ASCII_IGNORECASE,
    HTML_MEDIA_TYPES,
    media_type,
    printable,
)
from checker.findings import Code
from checker.lazyre import LazyPattern, lazy
from checker.model import (
    FetchResult,
    Finding,
    LocalAnswer,
    LocalState,
    Outcome,
    Status,
    VaultNote,
)
from checker.redact import redact_url
from checker.urls import (
    GHOST_URL_PLACEHOLDER,
    TRACKING_KEY,
    host_name_problem,
    is_amp_component,
    is_near_miss,
    is_template_placeholder,
    is_unreadable_embed,
    overlay_network,
    repair,
    split_url,
    unread_embed_provider,
    url_host,
)
from checker.urls import bare_host as _bare_host
from checker.urls import canonical_address as _canonical
from checker.urls import is_index_segment as _is_index
from checker.verify.page import ParsedPage
from checker.verify.parked import might_say_parked, parked_statement
from checker.verify.soft404 import (
    PRECHECK_CHARS,
    SHOWN_REDIRECTS,
    PageShape,
    Sibling,
    dates_itself,
    file_extension,
    first_headings,
    has_article_marker,
    landing_verdict,
    lead_shape,
    might_say_not_found,
    names_a_page,
    not_found_in,
    outside_blocks,
    page_shape,
    same_as_sibling,
    says_nothing,
    short_text,
    sibling_answered,
    starts_as_file,
    title_is_one_name,
    type_mismatch,
)

__all__ = [
    "UNVERIFIED",
    "Verdict",
    "classify",
    "fragment_findings",
    "leads_to_wall",
    "local_skipped",
    "local_verdict",
    "names_a_challenge",
    "needs_sibling",
    "page_fragments",
    "unfetched_verdict",
]


UNVERIFIED = "the source could not be verified"
"""What a wall's verdict says of the cited source; a post's own page behind a wall says it of
the post instead (:func:`checker.verify.post_page.stand_in`)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The availability of one cited URL.

    ``page_ok`` says the fetched body is the source itself, so the metadata, quote and title
    checks should run on it; it is false whenever the body is an error, challenge or landing
    page.  ``note`` explains a ``skipped`` status or anything worth telling without a finding.
    """

    status: Status
    findings: tuple[Finding, ...] = ()
    page_ok: bool = False
    note: str | None = None


def classify(
    result: FetchResult,
    *,
    cited_url: str,
    sibling: Sibling | None = None,
    page: ParsedPage | None = None,
    reads_page: bool = True,
) -> Verdict:
    """The availability verdict for ``cited_url`` from the result of fetching it.

    ``sibling`` is how the site answered a made-up URL next to the cited one, when it was asked
    (``soft404.sibling_url``): a page that is the same as that answer is what the site says for
    any unknown URL.  A page that forwarded the browser (meta refresh, a one-line script) comes
    as the result of following it, its forwarding hop marked by a 2xx status in ``redirects``.
    ``page`` is ``result.text`` wrapped for sharing (``verify.page``): the page is parsed once
    for every check that reads it, and not at all when no check needs its tree.
    ``reads_page`` is false when the citation compares nothing with the page (a plain link):
    an application's script shell is then the working page it links to, not ``blocked``.
    """
    transport = _transport_verdict(result)
    if transport is not None:
        return transport
    code = result.status_code
    if code is None:
        return _unreachable(f"no HTTP answer{_detail(result)}")
    # Read once for the challenge and the wall checks (issue 19: ~28 µs a 150 KB page).
    title = _first_element(result.text, "title") if result.text else None
    if _is_challenge(result, title=title):
        return _blocked(f"a bot challenge page answered (HTTP {code}); a person can still open it")
    if not 200 <= code < 300:
        if code in _GONE and _forwarded(result):
            return _broken(
                Code.SOFT_404,
                f"the page forwards the browser (a refresh or a script) to "
                f"{result.final_url or result.url}, which answers {_status_label(code)}",
            )
        if _shows_own_page(code, result):
            return _success_verdict(
                result, cited_url, sibling, page, title=title, reads_page=reads_page
            )
        return _status_verdict(code, result)
    return _success_verdict(result, cited_url, sibling, page, title=title, reads_page=reads_page)


_NO_CONTENT = frozenset({204, 205})
"""2xx codes that send no page by definition (RFC 9110 §15.3.5-6)."""


def _answers_nothing(result: FetchResult, *, reads_page: bool) -> bool:
    """Whether a 2xx answer had no page to show: a 204/205, or a body empty or only white
    space (a "white screen" server fault).  A reader opening the cited URL sees a blank page, or
    nothing happens, so such an answer is no working source (left 33b: it was ``ok``, a silent
    pass).  Only an answer meant as a page is judged so: one typed HTML (a reader sees a blank
    page, whatever the URL is for), or an untyped one a citation reads as a page (a source's
    title, author, date).  An API's answer, cited on purpose, says nothing by design: an empty
    200 typed JSON or plain text (a health or ping URL), a webhook's untyped 204 cited as a
    plain link, were ``unreachable`` (mend 33n).  A body that was not decoded as text (a PDF,
    an image, a coding not read) is not empty: ``text`` is then None, or an ``error``.  An
    untyped body with no text may be either (an untyped PDF too): only its size would tell, and
    the store keeps no ``Content-Length``, so a warm run would judge it apart from a cold one.
    """
    kind = media_type(result.content_type)
    if kind not in HTML_MEDIA_TYPES and (kind or not reads_page):
        return False
    if result.status_code in _NO_CONTENT:
        return True
    if result.text is not None:
        return not result.text.strip()
    return bool(kind) and not (result.error or result.truncated)


def _nothing_shown(code: int | None) -> str:
    """The ``unreachable`` message of an answer with no page (:func:`_answers_nothing`): a
    warning, not ``broken``, since an empty answer is most often a passing fault, no proof that
    the page is gone (lychee and DeadlinkChecker count any 2xx alive; LinkChecker warns "content
    size is zero")."""
    label = _status_label(code) if code is not None else "no status"
    if code in _NO_CONTENT:
        return f"the server answered {label}: it sends no page (a browser stays where it was)"
    return f"the server answered {label} with an empty page: a reader sees a blank page"


def _shows_own_page(code: int, result: FetchResult) -> bool:
    """Whether a 3xx answer is judged as the page it shows (:data:`SHOWN_REDIRECTS`, with a body
    that has something to show): a live page served with an odd status was ``unreachable``,
    a false alarm; an empty one still is, having nothing to read.  Wikimedia's
    DeadlinkChecker counts every 3xx as alive; lychee rejects every unfollowed 3xx."""
    return code in SHOWN_REDIRECTS and bool(result.text and result.text.strip())


def _forwarded(result: FetchResult) -> bool:
    """Whether the page answered 200 and sent the browser on (a client-side hop, see classify)."""
    return any(200 <= hop.status_code < 300 for hop in result.redirects)


# --- transport --------------------------------------------------------------------------------


def _transport_verdict(result: FetchResult) -> Verdict | None:
    outcome = result.outcome
    if outcome is Outcome.OK or (outcome is Outcome.TOO_LARGE and result.status_code is not None):
        return None
    detail = _detail(result)
    if outcome is Outcome.DNS:
        beside_dns = _overlay_verdict(result)
        if beside_dns is not None:
            return beside_dns
        return _broken(Code.BROKEN, f"the host name does not resolve{detail}")
    if outcome is Outcome.CONNECT:
        return _broken(Code.BROKEN, f"the server refused the connection{detail}")
    if outcome is Outcome.FORBIDDEN_ADDRESS:
        return Verdict(
            Status.SKIPPED,
            note=f"not checked: the host is on a private or local network{detail}; "
            "use --allow-private to check it",
        )
    if outcome in (Outcome.INVALID_URL, Outcome.UNSUPPORTED_SCHEME) and result.redirects:
        return _broken(Code.BROKEN, f"redirect to an unsupported URL{detail}")
    if outcome is Outcome.INVALID_URL:
        return _malformed(result.url, detail)
    if outcome is Outcome.UNSUPPORTED_SCHEME:
        return Verdict(Status.SKIPPED, note=f"not checked: not an http(s) URL{detail}")
    reasons = {
        Outcome.TIMEOUT: "the server did not answer in time",
        Outcome.TLS: "the TLS handshake failed (certificate or protocol)",
        Outcome.PROTOCOL: "the connection broke off or the answer was malformed",
        Outcome.TOO_MANY_REDIRECTS: "the redirects loop or go on too long",
        Outcome.TOO_LARGE: "the answer was too large and had no readable head",
        Outcome.NETWORK: "the host could not be looked up or reached from here (a temporary or "
        "local network failure, not proof that the source is gone)",
    }
    return _unreachable(f"{reasons.get(outcome, str(outcome))}{detail}")


def _overlay_verdict(result: FetchResult) -> Verdict | None:
    """``skipped`` for a URL (cited, or redirected to) on a network beside DNS (``x.onion``):
    its failed lookup is no dead host, and it can only be checked through that network."""
    host = _host_of(result.final_url or result.url)  # None, not a ValueError, for a bad URL
    network = overlay_network(host) if host is not None else None
    if host is None or network is None:
        return None
    how = f"reached only through {network}" if network[0].isupper() else f"on {network}"
    return Verdict(
        Status.SKIPPED,
        note=f"not checked: {host} is {how}, never in DNS; to check it, give a proxy into that "
        "network (HTTPS_PROXY, e.g. Tor's HTTPTunnelPort)",
    )


_DEFANGED = re.compile(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)", re.IGNORECASE)
"""The marks that defang an address (``evil[.]com``): never a typo, so never ``malformed-url``."""


def unfetched_verdict(cited_url: str) -> Verdict | None:
    """The verdict on a cited URL that must not be requested at all, else None.

    The extractor keeps what a reader meant as a link but is no working URL
    (:func:`checker.urls.is_near_miss`: ``htps://``, ``http//``, ``https:/``, a bare ``www.``)
    (a relative link in a local file, a ``file:`` URL, is looked up on disk instead:
    :func:`local_verdict`).  The first is ``broken`` with ``malformed-url`` and the fix.  A
    site template's placeholder (``https://github.com/{{ .Site.Params.github }}``), which the
    build fills in: read from a layout, it was a false ``broken``.  No request is made for any:
    nothing could be learnt from one.  An address defanged on purpose (``hxxps://evil[.]com``,
    probe 21) is ``skipped``, saying why: a threat report's indicators failed its run as errors.
    """
    if GHOST_URL_PLACEHOLDER in cited_url:
        return Verdict(
            Status.SKIPPED,
            note=f"not checked: {GHOST_URL_PLACEHOLDER} is what a Ghost export writes for the "
            "blog's own address, and this export does not name it; check the blog's served page",
        )
    if is_amp_component(cited_url):
        return _malformed(
            cited_url,
            " (an AMP embed component with no id or URL of its platform's: "
            "the AMP runtime shows no post there)",
            fix="write the post's id, or its URL, as the component's reference says",
        )
    if is_unreadable_embed(cited_url):
        return _malformed(
            cited_url,
            " (a shortcode naming an embed, with no id or URL of its platform's: "
            "the built page shows no post there)",
            fix="write the post's URL, or its id as the platform gives it, in the shortcode",
        )
    provider = unread_embed_provider(cited_url)
    if provider is not None:
        return Verdict(
            Status.SKIPPED,
            note=f"not checked: the shortcode embeds from {provider}, a platform whose ids "
            "citecheck does not read; check the built page, where the player shows",
        )
    if is_template_placeholder(cited_url):
        return Verdict(
            Status.SKIPPED,
            note="not checked: a template placeholder ({{ … }}, {% … %}, ${…}, %%…%%, %(…), "
            "{filename}) is filled in when the site is built, the mail sent or the file "
            "exported; check the built page, where the link has its real URL",
        )
    if _DEFANGED.search(cited_url):
        return Verdict(
            Status.SKIPPED,
            note="not checked: written defanged on purpose ([.], (.), [dot]), as threat reports "
            "write the addresses of malware so that nobody follows them",
        )
    if is_near_miss(cited_url):
        return _malformed(cited_url, "")
    host = _host_of(cited_url)
    problem = host_name_problem(host) if host is not None else None
    if host is not None and problem is not None:
        shown = host if len(host) <= 80 else f"{host[:40]}…{host[-20:]}"
        return _malformed(cited_url, f" (its host name “{shown}” {problem})")
    return None


_LOCAL_SKIPS = {
    LocalState.ROOT_RELATIVE: "not checked: a root-relative link (/…) in a local file names a "
    "path on the built site; give --root-dir DIR (the folder / stands for) to check it on disk",
    LocalState.ROUTE: "not checked: a relative link in a local file to a name without a suffix "
    "(posts/x/, ../about) is a page route the site's generator serves, not a file on disk",
    LocalState.OUTSIDE: "not checked: a relative link in a local file leads out of the folders "
    "being checked (the working folder, the folders named, --root-dir)",
    LocalState.OTHER_HOST: "not checked: a file: URL with a host names a file on another machine",
    LocalState.SPECIAL: "not checked: a relative link in a local file names a FIFO, socket or "
    "device, which is not opened",
    LocalState.LOOP: "not checked: a relative link in a local file names a path the file system "
    "cannot look up",
}


_VAULT_UNLISTED = (
    "not checked: the vault's notes were not all listed (past the files citecheck lists, a "
    "folder unreadable, or too many notes of that name), so where Obsidian finds this "
    "wikilink's note was not looked up; it is not at the path the link names"
)


def local_skipped() -> Verdict:
    """A local file's link where no disk was given to read it (a caller of
    :func:`checker.verify.citation.verify_citation` outside a run): skipped, saying why."""
    return Verdict(
        Status.SKIPPED,
        note="not checked: a relative link in a local file is a file reference, and this check "
        "was given no disk to look it up on",
    )


def local_verdict(
    answer: LocalAnswer,
    fragments: tuple[str, ...] = (),
    *,
    vault_note: VaultNote | None = None,
) -> Verdict:
    """The verdict on a relative link in a local file, from what the disk says
    (``checker.fetch.local.look_up``): ``ok`` when its file or folder exists, ``broken``
    when it is missing (lychee's "Cannot find file"), ``skipped`` with the reason otherwise.
    A vault's wikilink to a note not there (``vault_note`` UNWRITTEN) is ``broken`` too, said
    as ``unresolved-wikilink`` (a warning): Obsidian shows it as a note not yet written, and
    vault users leave such placeholders on purpose.  One the vault could not tell of (UNLISTED:
    not listed whole) is ``skipped``, saying so: Obsidian may find the note elsewhere by name.
    ``fragments`` (``--include-fragments``) are looked up in the places the file names:
    each one missing is a ``missing-anchor`` warning (:func:`fragment_findings`).

    The message gives the name as written and the path it resolved to; the suggestion names a
    file of the same name elsewhere in the tree when there is exactly one (a moved file), or the
    name that differs only in case (links are case-exact, as on the server that serves them).
    """
    if answer.state is LocalState.FOUND:
        if not fragments:
            return Verdict(Status.OK)
        if answer.anchors is None:
            return Verdict(Status.OK, note=_fragments_unread(fragments, answer.unread))
        findings, note = _looked_up(fragments, answer.anchors, answer.shown)
        return Verdict(Status.OK, findings, note=note)
    if answer.state is LocalState.MISSING and vault_note is VaultNote.UNLISTED:
        return Verdict(Status.SKIPPED, note=f"{_VAULT_UNLISTED} ({answer.shown})")
    if answer.state is LocalState.MISSING and vault_note is VaultNote.UNWRITTEN:
        finding = Finding.of(
            Code.UNRESOLVED_WIKILINK,
            f"no note {answer.shown} in the vault: Obsidian shows the link as a note not yet "
            "written; a site published from the vault may link it to a 404",
            suggestion="write the note, or correct the link's name (the note may have been "
            "renamed); a placeholder left on purpose may stay",
        )
        return Verdict(Status.BROKEN, (finding,))
    if answer.state is LocalState.MISSING:
        suggestion = "correct the link's path, or restore the file it names"
        if answer.case is not None:
            suggestion = f"the name is case-exact: did you mean {answer.case}?"
        elif answer.suggestion is not None:
            suggestion = f"a file of that name is at {answer.suggestion}: moved?"
        finding = Finding.of(
            Code.BROKEN,
            f"no such file: {answer.written} (resolved to {answer.shown})",
            suggestion=suggestion,
        )
        return Verdict(Status.BROKEN, (finding,))
    note = _LOCAL_SKIPS[answer.state]
    detail = f" ({answer.detail}: {answer.shown})" if answer.detail else ""
    return Verdict(Status.SKIPPED, note=note + detail)


# --- fragments (--include-fragments) ----------------------------------------------------------


def fragment_findings(
    fragments: tuple[str, ...], anchors: Anchors, document: str
) -> tuple[Finding, ...]:
    """A ``missing-anchor`` warning for each of ``fragments`` that names no place in
    ``anchors``, the places of ``document`` (a path or URL, for the message).

    A warning, as a moved section is: the document is there, the reader lands at its top.
    The suggestion names the heading closest in spelling, when one is (a renamed section).
    """
    found: list[Finding] = []
    for fragment in missing(fragments, anchors):
        near = _nearest_anchor(fragment, anchors)
        found.append(
            Finding.of(
                Code.MISSING_ANCHOR,
                f"#{_shown_fragment(fragment)} names no heading or id in {document}",
                suggestion=f"did you mean #{near}?" if near else None,
            )
        )
    return tuple(found)


def page_fragments(
    result: FetchResult, fragments: tuple[str, ...]
) -> tuple[tuple[Finding, ...], str | None]:
    """The ``missing-anchor`` findings of a fetched page's ``fragments``, or a note on why
    they were not looked up: an answer that is no HTML (a PDF's ``#page=2`` is its viewer's),
    a page cut at the size cap, an application shell that builds its page by script."""
    text = result.text
    kind = media_type(result.content_type)
    if text is None or kind not in HTML_MEDIA_TYPES:
        notebook = fetched_notebook_anchors(result.final_url or result.url, text)
        if notebook is not None:  # a ``.ipynb`` answered as JSON or text: its headings
            return fragment_findings(fragments, notebook, result.final_url or result.url), None
        return (), _fragments_unread(fragments, f"the answer is {kind or 'not HTML'}, not HTML")
    if result.truncated:
        return (), _fragments_unread(
            fragments, "the page was cut short (at the size limit or by its server)"
        )
    if _is_script_shell(text):
        return (), _fragments_unread(fragments, "its page is built by scripts")
    return _looked_up(fragments, _page_anchors(text), result.final_url or result.url)


_page_anchors = functools.lru_cache(maxsize=4)(html_anchors)
""":func:`html_anchors` of a fetched page, kept for the next citations of the same URL: the
fetcher answers each URL once a run, so the posts linking ``page#a``, ``page#b``… share one
text, scanned once rather than once a citation (a string's hash is kept by the string)."""


def _looked_up(
    fragments: tuple[str, ...], anchors: Anchors, document: str
) -> tuple[tuple[Finding, ...], str | None]:
    """:func:`fragment_findings`, or a note when the document's ids may all be a script's."""
    if anchors.scripted:
        return (), _fragments_unread(fragments, "the page has no id, and its scripts may make them")
    return fragment_findings(fragments, anchors, document), None


def _fragments_unread(fragments: tuple[str, ...], why: str | None) -> str | None:
    """The note that ``fragments`` were not looked up, and why (None: none was to be)."""
    anchors = [f for f in fragments if unchecked_reason(f) is None]
    if not anchors:
        return None
    named = ", ".join(f"#{_shown_fragment(f)}" for f in anchors[:3])
    more = f" and {len(anchors) - 3} more" if len(anchors) > 3 else ""
    return f"fragment {named}{more} not checked: {why or 'the file was not read'}"


def _shown_fragment(fragment: str) -> str:
    """A fragment for a message: decoded, escaped if it has a control, and at most 80 chars."""
    text = printable(unquote(fragment))
    return text if len(text) <= 80 else text[:79] + "…"


def _nearest_anchor(fragment: str, anchors: Anchors) -> str | None:
    """The page's anchor closest in spelling to ``fragment`` (a renamed section), if one is
    close (difflib's ratio 0.75 or more); among the first 5,000 only, so a page of a million
    ids costs no quadratic search."""
    import difflib  # noqa: PLC0415 (only when a fragment is missing)

    pool = list(itertools.islice(itertools.chain(anchors.names, anchors.folded), 5_000))
    close = difflib.get_close_matches(unquote(fragment).casefold(), pool, n=1, cutoff=0.75)
    return close[0] if close else None


def _host_of(url: str) -> str | None:
    """The host of an http(s) URL with one, else None (no host: judged by the fetch)."""
    try:
        scheme = split_url(url).scheme.lower()
    except ValueError:
        return None
    # url_host keeps the host a URL: the SplitResult's ``hostname`` parses the netloc per read
    return (url_host(url) or None) if scheme in ("http", "https") else None


def _malformed(url: str, detail: str, fix: str | None = None) -> Verdict:
    """``broken`` + ``malformed-url``, with the URL the author probably meant when it is clear
    (or the ``fix`` given)."""
    repaired = repair(url) if fix is None else None
    finding = Finding.of(
        Code.MALFORMED_URL,
        f"the URL cannot work as written{detail}",
        suggestion=f"did you mean {repaired}?" if repaired else fix,
    )
    return Verdict(Status.BROKEN, (finding,))


def _detail(result: FetchResult) -> str:
    return f" ({result.error})" if result.error else ""


# --- HTTP status codes ------------------------------------------------------------------------

_GONE = frozenset({404, 410})
# 406 and 418 are how some bot filters say no; 999 is LinkedIn's.
_REFUSED = frozenset({401, 403, 406, 407, 418, 451, 999})


def _status_verdict(code: int, result: FetchResult) -> Verdict:
    label = _status_label(code)
    if code in _GONE:
        return _broken(Code.BROKEN, f"the server answered {label}")
    if code == 429:
        return _blocked(
            f"the server answered {label} (rate limited); blocked until it persists across runs"
        )
    if code in _REFUSED:
        return _blocked(f"the server answered {label}; the source cannot be verified")
    if code == 304:  # a conditional request's 304 reuses the stored page (fetch.client)
        return _unreachable(
            f"the server answered {label} to a request that compared nothing (no validators "
            "were sent): a server or cache fault, with no page to read"
        )
    if code in SHOWN_REDIRECTS:
        return _unreachable(f"the server answered {label} with no Location and an empty page")
    retried = f" after {result.attempts} attempts" if result.attempts > 1 else ""
    return _unreachable(f"the server answered {label}{retried}")


def _status_label(code: int) -> str:
    try:
        return f"HTTP {code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP {code}"


# --- 2xx: challenge, wall, soft-404, redirect --------------------------------------------------


def _success_verdict(
    result: FetchResult,
    cited_url: str,
    sibling: Sibling | None,
    page: ParsedPage | None,
    *,
    title: str | None,
    reads_page: bool,
) -> Verdict:
    final_url, cited_url = _judged_urls(result.final_url or result.url, cited_url)
    # A wall is not the source: the verdict says the cited page was not seen (probe 28s), not
    # only where the fetch went, since ``blocked`` is a warning a reader may skim past.
    if leads_to_wall(final_url, cited_url):
        return _blocked(
            f"redirected to a login, consent, subscription, age or region page: {final_url}; "
            f"{UNVERIFIED}"
        )
    shape = _LazyShape(result.text, page)
    wall = _wall_title(result.text, title) or _wall_statement(result.text, shape)
    if wall is not None:
        return _blocked(
            f"a consent, subscription, age or region wall or a bot block answered ({wall!r}) in "
            f"place of the page; {UNVERIFIED} (a person can still open it)"
        )
    # A plain link to a web application (a tool, a dashboard) works when the app answers: only
    # a citation that compares something with the page needs text the shell does not have
    # (probe 19c: every post linking an app was a ``blocked`` warning, a link checker's 200).
    empty = _answers_nothing(result, reads_page=reads_page)
    if reads_page and not empty and _is_script_shell(result.text, title=title):
        return _blocked(
            "the page shows no text without JavaScript (an application shell): its title, "
            "author and date cannot be read; a person can still open it"
        )
    soft = _soft_404_reason(result, final_url, cited_url, shape, sibling)
    if soft is not None:
        return _broken(Code.SOFT_404, soft)
    if empty:  # (after the soft-404 checks: a redirect to the home page says more)
        return _unreachable(_nothing_shown(result.status_code))
    moved_to = _permanent_target(result)
    if moved_to is not None and _is_moved(cited_url, moved_to):
        return Verdict(
            Status.REDIRECTED,
            (
                Finding.of(
                    Code.REDIRECTED,
                    f"moved permanently to {moved_to}",
                    suggestion=f"cite {moved_to}",
                ),
            ),
            page_ok=True,
        )
    return _PAGE_OK


_PAGE_OK = Verdict(Status.OK, page_ok=True)
"""The verdict on a page that is the source, with nothing to say: most of a run's verdicts, and
``Verdict`` is frozen, so one value serves them all (issue 19: one made a page)."""


# --- bot challenges ---------------------------------------------------------------------------

# Markers that only challenge and block pages carry, wherever they appear.
_CHALLENGE_MARKERS = (
    "cf_chl_opt",
    "cf-chl-widget",
    "orchestrate/chl_page",
    "captcha-delivery.com",
    "px-captcha",
    "incapsula incident id",
    "errors.edgesuite.net",
    "window.gokuprops",
)
# Titles of challenge pages (compared after normalising whitespace, lower case).
_CHALLENGE_TITLES = lazy(
    r"^(just a moment\.*|attention required!? \| cloudflare|one more step|"
    r"access to this page has been denied\.?|pardon our interruption\.*|access denied|"
    r"are you a robot\??|are you a human\??|human verification|security check|"
    r"ddos-guard|please wait\.*|checking your browser.*|robot or human\??|"
    r"captcha|verifying (that )?you are human.*)$"
)
# Phrases that mean "challenge" only on a page with almost no readable text of its own.
_CHALLENGE_PHRASES = (
    "enable javascript and cookies to continue",
    "checking your browser before accessing",
    "verify you are human",
    "verifying you are human",
    "please complete the security check",
    "please enable js and disable any ad blocker",
    "press & hold to confirm you are",
    "press and hold to confirm you are",
    "unusual traffic from your computer",
    "why have i been blocked",
    "sucuri website firewall",
    "ddos-guard",
)
_SHORT_PAGE = 2_000
# Markers of a challenge's script that protected sites also put into every real page they serve
# (Imperva's ``/_Incapsula_Resource`` script closes the body of whole newspapers' articles,
# Reblaze's ``window.rbzns``): a challenge only on a page with almost no readable text of its own.
_SCRIPT_MARKERS = ("_incapsula_resource", "window.rbzns")
_SCRIPT_PAGE_TEXT = 200
"""Most characters of text, title included, a page holding those scripts shows to be their
challenge (theirs show none): a news brief of six sentences shows ~600 and was ``blocked`` when
the bound was ``_SHORT_PAGE`` (probe 19c)."""
_SCRIPT_NEEDLES = (_SCRIPT_MARKERS, tuple(marker.encode() for marker in _SCRIPT_MARKERS))
# For each phrase, a word of it (no white space inside) that pages rarely hold: a page whose
# visible text holds the phrase holds the word in its decoded head (``_is_challenge``).
_PHRASE_WORDS = {
    "enable javascript and cookies to continue": "continue",
    "checking your browser before accessing": "accessing",
    "verify you are human": "verify",
    "verifying you are human": "verify",
    "please complete the security check": "security",
    "please enable js and disable any ad blocker": "blocker",
    "press & hold to confirm you are": "confirm",
    "press and hold to confirm you are": "confirm",
    "unusual traffic from your computer": "unusual",
    "why have i been blocked": "blocked",
    "sucuri website firewall": "sucuri",
    "ddos-guard": "ddos-guard",
}
_PHRASE_SPLITS = tuple(
    (word, *(w for w in dict.fromkeys(phrase.split()) if w != word))
    for phrase, word in _PHRASE_WORDS.items()
)
"""Each phrase's words, its rare word (``_PHRASE_WORDS``) first: a phrase in the visible text
has every one of them in the decoded head, for the reason its rare word is there."""
_PHRASE_NEEDLES = (_PHRASE_SPLITS, tuple(tuple(w.encode() for w in s) for s in _PHRASE_SPLITS))
_MARKER_STEMS = ("chl", "captcha")
"""Stems several markers share: a page without the stem holds none of its markers, so one search
stands for them (an article is searched whole for each absent needle, ~7 µs a 12 KB page: 8
markers were 8 searches, now 5; issue 19)."""


def _marker_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each stem with the markers that hold it, then each other marker as its own stem."""
    groups = [(s, tuple(m for m in _CHALLENGE_MARKERS if s in m)) for s in _MARKER_STEMS]
    alone = [m for m in _CHALLENGE_MARKERS if not any(s in m for s in _MARKER_STEMS)]
    return (*groups, *((m, (m,)) for m in alone))


_MARKER_GROUPS = (
    _marker_groups(),
    tuple((s.encode(), tuple(m.encode() for m in ms)) for s, ms in _marker_groups()),
)
_WORDS = (tuple(set(_PHRASE_WORDS.values())), tuple({w.encode() for w in _PHRASE_WORDS.values()}))
"""Each set of needles as ``str`` and as ``bytes``, for :func:`_ascii_lowered`'s two forms."""
# The only characters outside ASCII that str.lower() turns into ASCII ("İ" -> "i̇", Kelvin "K").
_LOWER_TO_ASCII = ("\u0130", "\u212a")


def _is_challenge(result: FetchResult, *, title: str | EllipsisType | None = ...) -> bool:
    """Whether the answer is a bot challenge; ``title`` is the page's, when already read."""
    if result.header("cf-mitigated").strip().lower() == "challenge":
        return True
    text = result.text
    if not text:
        return False
    lowered = _ascii_lowered(text)
    if _holds_a_marker(lowered):
        return True
    if _holds_any(lowered, _SCRIPT_NEEDLES) and len(_visible_text(text)) <= _SCRIPT_PAGE_TEXT:
        return True
    if title is ...:
        title = _first_element(text, "title")
    if title is not None and _CHALLENGE_TITLES.match(title.lower()):
        return True
    # The visible text (tags and hidden elements out, references decoded) is the costly part,
    # and its phrases can be there only if a word of theirs is in the decoded head: tags and
    # hidden elements only split words, never join them (issue 19: 0.2 ms an article, 1.3 ms
    # a real news page, for a signal that almost never fires).
    head = text[:_HEAD_CHARS]
    decoded = _ascii_lowered(html.unescape(head)) if "&" in head else lowered
    if not _may_show_a_phrase(decoded):
        return False
    visible = _visible_text(text)
    return len(visible) < _SHORT_PAGE and any(p in visible.lower() for p in _CHALLENGE_PHRASES)


def names_a_challenge(result: FetchResult) -> bool:
    """Whether the page of ``result`` is taken for a bot challenge (:func:`_is_challenge`) by
    what a page of an article's length may well name: a 12 KB post on bot walls that mentions
    ``_cf_chl_opt`` or is titled "Security check" was its own blog's challenge (mend31b).  A
    challenge shows next to no text of its own; this one shows :data:`_SHORT_PAGE` or more."""
    return (
        result.header("cf-mitigated").strip().lower() != "challenge"
        and bool(result.text)
        and _is_challenge(result)
        and len(_visible_text(result.text or "")) >= _SHORT_PAGE
    )


_Needle = TypeVar("_Needle", str, bytes)


def _may_show_a_phrase(decoded: str | bytes) -> bool:
    """Whether every word of some challenge phrase is in ``decoded`` (:func:`_ascii_lowered` of
    the decoded head), as each must be for the phrase to be in the visible text.

    One rare word is not enough on an article: "continue", "security" and "confirm" are news
    words, and each sent a 12 KB page through the visible-text pass (issue 19: ~0.1 ms of the
    ~0.8 ms an article link costs to judge).
    """
    if isinstance(decoded, str):
        return _shows_a_phrase(decoded, _WORDS[0], _PHRASE_NEEDLES[0])
    return _shows_a_phrase(decoded, _WORDS[1], _PHRASE_NEEDLES[1])


def _shows_a_phrase(
    decoded: _Needle, rare: tuple[_Needle, ...], splits: tuple[tuple[_Needle, ...], ...]
) -> bool:
    """:func:`_may_show_a_phrase` in one of the two forms: each rare word searched once (two
    phrases share "verify", two "confirm"), a phrase's other words only when its rare word is
    there, so a page with none costs the ten searches alone (issue 19: an article had each rare
    word searched up to three times, ~7 µs each on 12 KB)."""
    present: list[_Needle] = []
    for word in rare:  # a loop: a comprehension's own call costs a small page ~1 µs
        if word in decoded:
            present.append(word)
    if not present:
        return False
    for words in splits:
        if words[0] not in present:
            continue
        for word in words[1:]:  # a loop, not all(): see _holds_any
            if word not in decoded:
                break
        else:
            return True
    return False


def _ascii_lowered(text: str) -> str | bytes:
    """``text.lower()``, or for a text not all ASCII its UTF-8 with the ASCII bytes lowered:
    the same matches of an ASCII needle (:func:`_holds_any`), faster.

    UTF-8 spells only ASCII characters with ASCII bytes, and ``str.lower`` keeps every other
    character outside ASCII but two (``_LOWER_TO_ASCII``), so lowering the ASCII bytes of the
    encoded text finds an ASCII needle exactly where ``text.lower()`` has it, at ~1/5 of the
    cost on a page that is not all ASCII (issue 19).  An ASCII text stays ``str``: ``in`` on
    ``bytes`` costs ~0.6 µs a needle against ~0.15 µs on ``str`` (most of this check's cost
    on a small page, issue 19).
    """
    if text.isascii():
        return text.lower()
    if any(char in text for char in _LOWER_TO_ASCII):
        return text.lower().encode("utf-8", "surrogatepass")
    return text.encode("utf-8", "surrogatepass").lower()


def _holds_a_marker(lowered: str | bytes) -> bool:
    """Whether ``lowered`` (:func:`_ascii_lowered`) holds a challenge marker, searching a stem's
    markers only when the stem is there (:data:`_MARKER_STEMS`)."""
    if isinstance(lowered, str):
        return _holds_in(lowered, _MARKER_GROUPS[0])
    return _holds_in(lowered, _MARKER_GROUPS[1])


def _holds_in(lowered: _Needle, groups: tuple[tuple[_Needle, tuple[_Needle, ...]], ...]) -> bool:
    """:func:`_holds_a_marker` in one of the two forms."""
    for stem, markers in groups:
        if stem in lowered and any(marker in lowered for marker in markers):
            return True
    return False


def _holds_any(lowered: str | bytes, needles: tuple[tuple[str, ...], tuple[bytes, ...]]) -> bool:
    """Whether ``lowered`` (:func:`_ascii_lowered`) holds any of ``needles`` (each form's).

    A loop, not ``any()`` over a generator: on a small page the generator's set-up cost more
    than the searches (issue 19).
    """
    if isinstance(lowered, str):
        for needle in needles[0]:  # noqa: SIM110 (see the docstring)
            if needle in lowered:
                return True
        return False
    for raw in needles[1]:  # noqa: SIM110
        if raw in lowered:
            return True
    return False


# --- script shells ----------------------------------------------------------------------------

_SHELL_CHARS = 50_000
"""Longest script shell: an app's shell is its head and a few containers (1-10 KB); a longer
page is judged by the other checks without a count of its tags (issue 19: CPU per page)."""
_SHELL_TAGS = 400
"""Most ``<`` a script shell holds (its head, a few empty containers, its scripts): an article
holds thousands, so the count (a C loop) spares every real page the visible-text pass."""
_SHELL_TEXT = 40
"""Most characters of readable text, title aside, a script shell shows (often none at all)."""
_NOSCRIPT_TEXT = 200
"""Most characters of a ``<noscript>`` that asks for JavaScript (Create React App's is 46, Vue
CLI's ~110, a site's own rarely more than two sentences); one that does not ask is read as text
past ``_SHELL_TEXT``, as the rest of the page is."""
_ASKS_FOR_SCRIPTS = ("javascript", "enable")
_SHELL_HEAD_MARKERS = ("og:title", "twitter:title", "application/ld+json")


def _is_script_shell(text: str | None, *, title: str | EllipsisType | None = ...) -> bool:
    """Whether the page is an empty frame its scripts fill in (a React or Vue app's ``<div
    id="root"></div>``): nothing the checker can compare with the citation, whatever it cites.

    Such a page is ``blocked`` (SPEC: exists but cannot be verified): read as the source, its
    only title is the app's or the site's name (a false ``title-mismatch`` on a right citation)
    and it states no date (a silent pass of a wrong one).  A shell whose head describes the page
    (Open Graph, Twitter card, JSON-LD, an article marker) is read as usual, as a paywalled page
    whose head is readable is; a page without scripts is whatever little it shows.
    ``title`` is the page's, when already read (:func:`classify` reads it once).
    """
    if not text or len(text) > _SHELL_CHARS or text.count("<") > _SHELL_TAGS:
        return False
    lowered = text.lower()
    if "<script" not in lowered or any(marker in lowered for marker in _SHELL_HEAD_MARKERS):
        return False
    if has_article_marker(text):
        return False
    if title is ...:
        title = _first_element(text, "title")
    shown = len(_visible_text(text)) - len(title or "")
    return shown <= _SHELL_TEXT and not _shows_without_scripts(text)


def _shows_without_scripts(text: str) -> bool:
    """Whether the page's ``<noscript>`` holds more than the usual "enable JavaScript" line.

    What is inside ``<noscript>`` is what a reader without JavaScript (and citecheck) sees: an
    article served there (a fallback of a client-rendered site) is readable, not a shell
    (probe 19c: such an article was ``blocked`` with its right citation unchecked).
    """
    for inner in _elements(text, "noscript", 8):
        shown = _clean(inner)
        asks = any(word in shown.lower() for word in _ASKS_FOR_SCRIPTS)
        if len(shown) > (_NOSCRIPT_TEXT if asks else _SHELL_TEXT):
            return True
    return False


# --- login and consent walls ------------------------------------------------------------------

_WALL_WORDS = frozenset(
    {
        # log in (LinkedIn's "authwall"; German "anmelden", French "connexion")
        "login", "signin", "logon", "auth", "sso", "authwall", "loginwall", "anmelden",
        "connexion",
        # consent and cookie walls
        "consent", "gdpr", "zustimmung",
        # paywalls and registration walls
        "subscribe", "subscription", "subscriptions", "paywall", "regwall", "register",
        "registration", "signup",
        # age gates
        "age", "agegate", "ageverification", "agecheck",
        # regional blocks
        "geoblock", "geoblocked", "georestricted",
    }
)  # fmt: skip
"""Words that name a page standing between a reader and every article of a site: a login,
consent, subscription, age or region wall.  Each alone makes a path segment a wall's."""
_WALL_LINKS = frozenset(
    {"sign", "log", "in", "on", "up", "verify", "verification", "gate", "check", "geo",
     "region", "regional", "restricted", "not", "available", "cookie", "cookies", "privacy",
     "notice", "wall", "page", "required", "your"}
)  # fmt: skip
"""Words a wall's segment joins to a wall word (``age-verification``, ``gdpr-notice``,
``cookie-consent``): none of them alone names a wall, and a segment holding any other word (an
article's slug: ``old-age-pensions``) names none."""
_SEGMENT_WORDS = lazy(r"[a-z]+")
_WALL_HOST_PREFIXES = ("consent.", "login.", "accounts.", "signin.", "auth.", "sso.")


def leads_to_wall(final_url: str, cited_url: str) -> bool:
    """Whether the fetch ended on a login, consent, subscription, age or region page instead of
    the cited one.

    A deep article redirected to ``/subscribe`` or ``/age-verification`` was read as sent to a
    section page: ``soft-404``, a false ``broken`` for a page every subscriber still reads
    (probe 28; DeadlinkChecker counts any such redirect but the root's alive).
    """
    if final_url == cited_url:  # no redirect: the same canonical URL (issue 19, CPU per URL)
        return False
    final, cited = split_url(final_url), split_url(cited_url)
    if _canonical(final_url)[:2] == _canonical(cited_url)[:2] or _names_wall(cited):
        return False
    return _names_wall(final) or _carries_url(final.query, cited_url)


_CONSENT_NOTICES = (
    r"\w[\w .'&-]{0,40} is (?:a )?part of the \w[\w .'&-]{0,40} family of brands|"
    r"(?:we(?: and our (?:\d+ )?(?:partners|vendors))?|this (?:site|website)) uses? cookies\b.*"
)
"""A consent platform's own sentences, whatever site it stands for: a wall's statement where a
page leads with them or shows them in a banner, an aside or a dialog; in a footer, the notice a
site shows on every page (:func:`_wall_statement`)."""
_CONSENT_NOTICE = lazy(rf"^(?:{_CONSENT_NOTICES})")
_BLOCK_TAILS = (
    r"(?:by (?:(?:our|the|this) (?:site(?:'s)? owner|website(?:'s)? owner|owner|webmaster|"
    r"administrator|admin|(?:web application )?firewall|waf|"
    r"security (?:service|system|software|plugin|provider|team|rules?|policy))"
    r"(?: of this (?:site|website))?|"
    r"wordfence|cloudflare|sucuri|imperva|incapsula|akamai|ddos-guard|mod_?security)|"
    r"due to (?:suspicious|unusual|automated|abusive|excessive|malicious) "
    r"(?:activity|traffic|requests|behaviou?r|access)|"
    r"for security reasons)"
)
"""Who blocked a request or why, as blocks say it: known blockers and reasons only.  Any words
after ``by``/``due to``/``for`` read headlines as blocks ("Access denied for thousands of
veterans", "Your request was denied by the court"), a wrong citation passed unread (mend 34v)."""
_BOT_BLOCKS = (
    r"(?:(?:your |this )?(?:request|access|connection|ip(?: address)?|visit)s?"
    r"(?: to this (?:page|site|website))? (?:was|were|has been|have been|is|are|got) "
    r"(?:temporarily )?(?:blocked|denied|refused|rejected|flagged)|"
    r"you(?: have|'ve| were| are)? (?:been )?(?:temporarily )?(?:blocked|denied access)|"
    r"access (?:to this (?:page|site|website) )?(?:is |has been |was )?denied|"
    r"(?:we(?: have|'ve)? )?detected (?:unusual|suspicious|automated) "
    r"(?:activity|traffic|requests|behaviou?r)"
    r"(?: (?:from|on) (?:your|this) (?:network|computer|device|browser|ip(?: address)?))?|"
    r"(?:our systems (?:think|believe|detected) )?(?:your|this) (?:request|traffic|browser|"
    r"activity|computer|network)s? (?:looks?|seems?|appears?|is|may be) (?:to be )?"
    r"(?:automated|like (?:an? )?(?:bot|robot|automated)|an? (?:bot|robot))|"
    r"(?:automated|bot|robot) (?:access|traffic|requests?|queries)"
    r"(?: to this (?:page|site|website))? (?:is|are) "
    r"(?:not allowed|not permitted|blocked|prohibited|forbidden))"
    r"(?: (?:from|to) (?:accessing |viewing |using )?(?:this|the|our) "
    r"(?:page|site|website|service|content|server))?"
    rf"(?: {_BLOCK_TAILS}| because [^.!?]*)?[.!]?"
)
"""A site's own statement that it blocked the request as a robot's, in its own words (no
vendor's marker or title, :func:`_is_challenge`): a wall's statement where a short page titled
with one name leads with it (:func:`_wall_statement`); such a page was read as the source and
a right citation got ``title-mismatch`` (probe 32, left 33b).  Not a title's: an article may be
headlined "Your request was blocked: why sites turn bots away"; nor "Access denied to …", a
headline ("Access denied" alone is one).  The statement is the whole first sentence, or a
bounded tail (where from, "because …"): a tail of any words read headlines as blocks ("You've
been blocked: how to tell on WhatsApp", "Your request was denied, court tells Meta"), and a
wrong citation of such a brief passed unread (mend 33n).  Who blocked it or why ("by our
security service", "due to suspicious activity", "for security reasons") is a known tail
(:data:`_BLOCK_TAILS`): without it those blocks were read as the article, a right citation
``title-mismatch`` (mend 34p)."""
_BOT_BLOCK = lazy(rf"^(?:{_BOT_BLOCKS})$")

_WALL_TITLES = lazy(
    r"^(?:before you continue(?: to \w[\w .'-]{0,40})?|we value your privacy|"
    r"(?:cookie|privacy) (?:consent|settings|preferences|choices)|your privacy choices|"
    r"subscribe (?:now )?to (?:read|continue|continue reading|unlock|keep reading)(?: this)?"
    r"(?: article| story)?|subscribers? only(?: content| article)?|"
    r"(?:register|sign (?:in|up)|log in|create (?:a|your) free account) to "
    r"(?:read|continue|continue reading|keep reading)(?: this)?(?: article| story)?|"
    r"age verification(?: required)?|age gate|(?:please )?(?:confirm|verify) your age|"
    r"are you (?:over |at least )?(?:18|19|20|21)(?:\+| or older| or over| years or older|"
    r" years of age| years old)?\??|"
    r"(?:(?:this|our) (?:content|page|site|website|video|article|story|service) is )?"
    r"(?:currently )?(?:not available|unavailable) in your (?:region|country|location|area)|"
    r"(?:content|access) (?:restricted|blocked|denied) in your (?:region|country|location)|"
    rf"{_CONSENT_NOTICES})"
    r"[.!]?(?:\s(?:[|\-\u2013\u2014\u00b7:]\s?)\S.*)?$"
)
"""Titles of the pages that stand in for an article until the reader consents, subscribes, says
their age or comes from elsewhere (compared lower case, whitespace normalised); a site's name
may follow a separator.  Only on a page with little text of its own (:data:`_SHORT_PAGE`)."""


def _wall_title(text: str | None, title: str | None) -> str | None:
    """The title of a consent, subscription, age or region wall served at the cited URL (200),
    or None.

    Such a wall is not the source: compared with it, a right citation got ``title-mismatch``
    ("Before you continue", "Subscribe to read | Financial Times"), and a wrong one could pass
    unread (probe 28).  A page with an article's worth of text under such a title is read as
    the page it says it is (an article called "Before you continue").  "Short" here is the
    whole page's visible text (:data:`_SHORT_PAGE`, as for a challenge, read without a parse),
    not the main text :func:`_wall_statement` reads (``short_text``): a wall whose words stand
    in a banner or a dialog outside ``<main>`` has little main text whatever it shows.
    """
    if not text or not title or not _WALL_TITLES.match(title.lower()):
        return None
    return title if len(_visible_text(text)) < _SHORT_PAGE else None


_WALL_PIECES = (
    "continue", "privacy", "cookie", "consent", "subscri", "regist", "sign in", "sign up",
    "log in", "your age", "age verification", "age gate", "are you", "account",
    "in your region", "in your country", "in your location", "in your area", "family of brands",
    "blocked", "denied", "refused", "rejected", "flagged", "detected", "automated", "bot",
)  # fmt: skip
_WALL_NEEDLES = (_WALL_PIECES, tuple(piece.encode() for piece in _WALL_PIECES))
"""A piece of text every statement :data:`_WALL_TITLES` matches holds (lower case), as ``str``
and ``bytes`` (:func:`_holds_any`): a short page whose raw text holds none states no wall and is
not parsed for it.  A test holds a statement of each alternative to the pieces: an "Are you over
18?" or "Content restricted in your region" page held none, and passed as ``ok`` while the same
page padded past ``PRECHECK_CHARS`` was ``blocked`` (mend 29a)."""
_EXCUSES = lazy(r"^(?:(?:we(?:'re| are) )?sorry|unfortunately|oops|hmm)[,!.]?\s+")
_FIRST_SENTENCE = lazy(r"[.!?](?:\s|$)")


def _wall_statement(text: str | None, shape: _LazyShape) -> str | None:
    """The statement of a consent, subscription, age or region wall that a short page leads
    with (its main heading, or its first block of text past the site's name), or None.

    Its headings (``<h1>``-``<h3>`` in document order, a consent form's and a dialog's too)
    and its main text are read apart: each must lead with the wall, past blocks that say
    nothing (the site's name, an "Oops!").
    Only a page whose title is empty or one name (:func:`title_is_one_name`) is read so: a short
    article titled with its headline and site shows its cookie banner's "We value your privacy"
    above its text, and was ``blocked`` (mend 29a).
    A wall titled with only the site's name ("Example News") over "Before you continue",
    "Subscribe to continue reading" or "Sorry, this content is not available in your country"
    was read as the source, and the citation judged against the wall (left 29b); redirected
    to a path with no wall word (``/unavailable``, ``/eu/``), it was a section page
    (``soft-404``).  A page that leads with anything else (an article's headline over a teaser,
    the wall below it) is the page it says it is.
    """
    if not text:
        return None
    # A longer page's lead is read for the "not found" lexicon anyway (``might_say_not_found``)
    if len(text) <= PRECHECK_CHARS and not _holds_any(_ascii_lowered(text), _WALL_NEEDLES):
        return None
    lead = shape.lead()
    if lead is None or not short_text(lead) or not title_is_one_name(lead.title):
        return None
    bots = not (lead.dated or lead.article_meta)
    headings = first_headings(text, shape.parsed)
    found = _leads_with_wall(headings, lead.title, bots=bots)
    if found is None and _says_something(headings, lead.title):
        # Its own headline leads its headings: a notice in the text above it is a banner
        # ("This site uses cookies." over the article), the page the one it says it is.
        return None
    found = found or _leads_with_wall(lead.lead, lead.title, bots=bots)
    if found is not None or _says_something((*headings, *lead.lead), lead.title):
        return found
    # Nothing of its own: a wall that states itself in an aside, a footer or a dialog; a
    # footer's cookie notice is on every page of its site, a video's or an app shell's too
    for region in outside_blocks(text, shape.parsed):
        found = _leads_with_wall(region.blocks, lead.title, bots=bots)
        if found is not None and not (region.standing and _opens_with(found, _CONSENT_NOTICE)):
            return found
    return None


def _says_something(blocks: Iterable[str], title: str) -> bool:
    """Whether any of ``blocks`` says more than the site's name or an "Oops!"."""
    return any(not says_nothing(block, title) for block in blocks)


def _leads_with_wall(blocks: Iterable[str], title: str, *, bots: bool) -> str | None:
    """The first of ``blocks`` that says something, if it states a wall (a bot block's
    statement too when ``bots``)."""
    for block in blocks:
        if _states_wall(block, bots=bots):
            return block
        if not says_nothing(block, title):
            return None
    return None


def _states_wall(block: str, *, bots: bool) -> bool:
    """Whether ``block`` opens with a wall's statement ("Sorry, this content is not available in
    your country. …"), compared as a wall's title is, or, when ``bots``, a bot block's
    (:data:`_BOT_BLOCKS`).  ``bots`` is false on a page that declares an article or its date
    (as ``parked_statement`` reads it): a block page carries no byline, and a dated brief
    headlined "Access denied" was ``blocked``, its title, author and date never compared
    (mend 33n)."""
    return _opens_with(block, _WALL_TITLES) or (bots and _opens_with(block, _BOT_BLOCK))


def _opens_with(block: str, statement: LazyPattern[str]) -> bool:
    """Whether ``block``'s first sentence, lower case and past an excuse ("Sorry, "), matches
    ``statement``."""
    first = _FIRST_SENTENCE.split(block.lower(), maxsplit=1)[0]
    return statement.match(_EXCUSES.sub("", first[:_MAX_STATEMENT])) is not None


_MAX_STATEMENT = 300


def _names_wall(url: SplitResult) -> bool:
    if (url.hostname or "").startswith(_WALL_HOST_PREFIXES):
        return True
    return any(_is_wall_segment(segment) for segment in _segments(url.path))


def _is_wall_segment(segment: str) -> bool:
    """Whether a path segment names a wall: its words (``login.php`` → ``login``, ``php`` left
    out as the file's type) are wall words and the words that join them, one at least a wall
    word (:data:`_WALL_WORDS`, :data:`_WALL_LINKS`)."""
    stem = segment.lower().rsplit(".", 1)[0]
    words = _SEGMENT_WORDS.findall(stem)
    joined = "".join(words)
    if joined in _WALL_WORDS:  # "sign-in", "age_gate", "SignUp" as one word
        return True
    return any(w in _WALL_WORDS for w in words) and all(
        w in _WALL_WORDS or w in _WALL_LINKS for w in words
    )


def _carries_url(query: str, cited_url: str) -> bool:
    """Whether the query hands the cited address back (``?continue=``, ``?returnUrl=``...)."""
    cited = split_url(cited_url)
    if not cited.path.strip("/"):
        return False
    for _, value in parse_qsl(query):
        target = urlsplit(value)
        if target.hostname and _bare_host(target.hostname) == _bare_host(cited.hostname or ""):
            return True
    return False


# --- soft-404 ---------------------------------------------------------------------------------

# Elements are found by scanning (:func:`_elements`, :func:`_without_hidden`), not by one regex
# ``<title\b[^>]*>(.*?)</title\s*>``: on a page of many ``<title>`` and no ``</title>`` that regex
# retries its lazy ``.*?`` from every opening to the end of the text, O(n²): 30-80 s of CPU on a
# 300 KB page, on the event loop (issue 13).
_HEAD_CHARS = 200_000
_HIDDEN_ELEMENTS = ("script", "style", "noscript", "template")
_HIDDEN_OPENING = lazy(r"<(script|style|noscript|template)\b", ASCII_IGNORECASE)
_TAG = lazy(r"<[^>]*>")
_NOT_FOUND_PATH = lazy(
    r"^(?:404|not[-_]?found|page[-_]?not[-_]?found|error|errors|error[-_]?404|404[-_]?error|"
    r"notfound)(?:\.[a-z]{2,5})?$",
    re.IGNORECASE,
)
_ABOUT_NOT_FOUND = lazy(r"404|not[-_ ]?found|notfound|見つかりません", re.IGNORECASE)


class _LazyShape:
    """The page's :class:`PageShape` (``None`` without text), read on the first call only.

    Each soft-404 check asks for the shape only once its cheap conditions (the URLs, the raw
    text, the sibling's status) leave the verdict open, so a plain page often needs no parse.
    The "not found" lexicon asks for :meth:`lead` alone: the title, headings and first blocks
    (``soft404.lead_shape``), unless the whole shape is already known (issue 19: a plain link to
    a long page is judged without walking and normalising its text).
    """

    __slots__ = ("_found", "_lead", "_page", "_text")

    def __init__(self, text: str | None, page: ParsedPage | None) -> None:
        self._text = text
        self._page = page
        self._found: list[PageShape | None] = []
        self._lead: list[PageShape | None] = []

    def __call__(self) -> PageShape | None:
        if not self._found:
            self._found.append(page_shape(self._text, self._page) if self._text else None)
        return self._found[0]

    @property
    def parsed(self) -> ParsedPage | None:
        """The page's tree shared by its readers, if it was parsed for them (``verify.page``)."""
        return self._page

    def lead(self) -> PageShape | None:
        """The lead's shape, read once for the wall and the "not found" checks that ask."""
        if self._found:
            return self._found[0]
        if not self._lead:
            self._lead.append(lead_shape(self._text, self._page) if self._text else None)
        return self._lead[0]


def _soft_404_reason(
    result: FetchResult,
    final_url: str,
    cited_url: str,
    shape: _LazyShape,
    sibling: Sibling | None,
) -> str | None:
    if _leads_to_landing(final_url, cited_url, shape):
        return f"the cited page now leads to the site's home or a section page: {final_url}"
    if _leads_to_error_path(final_url, cited_url):
        return f"the cited page now redirects to an error page: {final_url}"
    if not result.text:
        return None
    message = (
        not_found_in(lead) if might_say_not_found(result.text) and (lead := shape.lead()) else None
    )
    if (
        message is not None
        and not _ABOUT_NOT_FOUND.search(unquote(split_url(cited_url).path))
        and not (_is_search(cited_url) and not names_a_page(message))
    ):
        return f"the page answers 200 but says {message!r}"
    parked = (
        parked_statement(lead, cited_url, final_url, moved=_moved_for_good(result))
        if might_say_parked(result.text, cited_url, final_url) and (lead := shape.lead())
        else None
    )
    # (a page that dates itself is a post saying it, as an article's metadata would tell)
    if parked is not None and not dates_itself(result.text, shape.parsed):
        return (
            f"the page answers 200 but the site is gone: it says {parked!r} "
            "(a parked, expired or placeholder domain)"
        )
    wrong_type = (
        type_mismatch(cited_url, result.content_type, page)
        if (extension := file_extension(cited_url)) is not None
        and not starts_as_file(result.text, extension)
        and (page := shape())
        else None
    )
    if wrong_type is not None:
        return wrong_type
    if (
        sibling is not None
        and sibling_answered(sibling)
        and (page := shape())
        and same_as_sibling(
            page, final_url, bool(result.redirects), sibling, result.text, shape.parsed
        )
    ):
        return (
            f"the site answers any unknown address with this same page (title {page.title!r}), "
            f"e.g. {sibling.url}"
        )
    return None


_SEARCH_KEYS = frozenset(
    {"q", "s", "query", "search", "searchterm", "search_query", "keyword", "keywords", "term"}
)


def _moved_for_good(result: FetchResult) -> bool:
    """Whether every hop to the final URL was a permanent redirect (301/308): the server's word
    that the page lives there now (:func:`parked.parked_statement`)."""
    return bool(result.redirects) and all(hop.status_code in _PERMANENT for hop in result.redirects)


def _is_search(cited_url: str) -> bool:
    """Whether the cited URL asks a site's search (a query key that holds the words searched).

    A search that finds nothing says so ("Nothing found", "Keine Treffer"): that is its answer,
    not the search page gone; read as a "not found" page, a cited search (a database query,
    a catalogue look-up) was ``soft-404`` (probe 28).
    """
    query = split_url(cited_url).query
    return bool(query) and any(
        key.lower() in _SEARCH_KEYS and value.strip() for key, value in parse_qsl(query)
    )


def needs_sibling(result: FetchResult, cited_url: str) -> bool:
    """Whether judging ``result`` needs to know how the site answers a made-up URL beside it.

    Only a deep page that answered 200 on the cited site and does not declare itself an article
    (cheap markers, no parse): a catch-all site's home page or template declares none, while the
    articles of a run mostly do, so most citations cost no extra request (docs/findings.md).
    """
    code = result.status_code
    if result.outcome is not Outcome.OK or code is None or not 200 <= code < 300:
        return False
    if not result.text or has_article_marker(result.text):
        return False
    final_url = result.final_url or result.url
    host = _bare_host(url_host(cited_url))
    if host in _SHORTENERS or (final_url != cited_url and _bare_host(url_host(final_url)) != host):
        return False
    cited = split_url(cited_url)
    segments = [s for s in _segments(cited.path) if not _is_index(s)]
    return _is_deep(segments, len(segments) + _has_real_query(cited.query))


def _leads_to_landing(
    final_url: str, cited_url: str, shape: Callable[[], PageShape | None]
) -> bool:
    """Whether a deep cited URL ended on the site's home page or on a section page.

    The home page is known by its URL.  Any other destination is judged by what it shows
    (``soft404.landing_verdict``): ``/p/8841`` → ``/climate-deal`` is an article under a short
    slug, ``/2025/02/story`` → ``/topics/ukraine-war-2025`` a listing under a long one.  Only a
    page that shows neither (no text, no metadata, no listing) is judged by the shape of its path.
    """
    if final_url == cited_url:  # no redirect: the same canonical URL (issue 19, CPU per URL)
        return False
    cited, final = split_url(cited_url), split_url(final_url)
    if _bare_host(cited.hostname or "") in _SHORTENERS or _canonical(final_url) == _canonical(
        cited_url
    ):
        return False
    cited_segments = [s for s in _segments(cited.path) if not _is_index(s)]
    final_segments = [s for s in _segments(final.path) if not _is_index(s)]
    cited_depth = len(cited_segments) + _has_real_query(cited.query)
    final_depth = len(final_segments) + _has_real_query(final.query)
    if not _is_deep(cited_segments, cited_depth):
        return False
    if final_depth == 0:
        return True
    page = shape()
    content = landing_verdict(page, final_url) if page is not None else None
    if content is not None:
        return content
    if final_depth >= cited_depth:
        return False
    if final_segments and cited_segments and _same_item(final_segments[-1], cited_segments[-1]):
        return False
    return all(_is_section_segment(s) for s in final_segments)


def _leads_to_error_path(final_url: str, cited_url: str) -> bool:
    if final_url == cited_url:  # the same path cannot both be and not be an error path
        return False
    final_segments = _segments(split_url(final_url).path)
    cited_segments = _segments(split_url(cited_url).path)
    return any(_NOT_FOUND_PATH.match(s) for s in final_segments) and not any(
        _NOT_FOUND_PATH.match(s) for s in cited_segments
    )


_YEAR = lazy(r"^(?:19|20)\d\d$")
_MONTH_OR_DAY = lazy(r"^\d{1,2}$")
# A section or archive name: one or two lower-case words without digits ("news", "world-news").
# Article slugs are longer, carry digits or capitals ("ddg48", "Penny", "eier-legen-huehner").
_SECTION = lazy(r"^[a-z][a-z_]*(?:-[a-z_]+)?$")


def _is_section_segment(segment: str) -> bool:
    lowered = segment.lower()
    return bool(
        _YEAR.match(lowered)
        or _MONTH_OR_DAY.match(lowered)
        or (len(segment) <= 24 and _SECTION.match(segment))
    )


def _is_deep(segments: list[str], depth: int) -> bool:
    """A URL below a landing page: two levels or more, or one that is not a section name."""
    return depth >= 2 or (depth == 1 and not all(_is_section_segment(s) for s in segments))


def _has_real_query(query: str) -> int:
    if not query:
        return 0
    return int(any(not TRACKING_KEY.match(key) for key, _ in parse_qsl(query)))


def _same_item(final: str, cited: str) -> bool:
    """Whether two slugs name the same story (a moved or renamed article, not a landing page)."""
    if final == cited:
        return True
    words = {w for w in re.split(r"[-_.]+", cited.lower()) if len(w) > 2 and w != "html"}
    found = {w for w in re.split(r"[-_.]+", final.lower()) if len(w) > 2 and w != "html"}
    return len(words & found) >= 2


# --- redirects --------------------------------------------------------------------------------

_PERMANENT = frozenset({301, 308})
_SHORTENERS = frozenset(
    {
        "t.co",
        "bit.ly",
        "bitly.com",
        "buff.ly",
        "dlvr.it",
        "goo.gl",
        "ift.tt",
        "is.gd",
        "lnkd.in",
        "ow.ly",
        "tinyurl.com",
        "trib.al",
        "youtu.be",
        "amzn.to",
        "nyti.ms",
        "wapo.st",
        "reut.rs",
        "bbc.in",
        "cnn.it",
        "on.ft.com",
        "apple.news",
        "flip.it",
        "j.mp",
        "tiny.cc",
        "shorturl.at",
        "rebrand.ly",
        "s.nikkei.com",
        "nhk.jp",
        "yhoo.it",
    }
)


def _permanent_target(result: FetchResult) -> str | None:
    """Where the leading run of permanent redirects points, if the chain starts with one.

    A 301 followed by a 302 (e.g. to a geo or consent variant) still means the source moved:
    the permanent part is what a citation should follow.
    """
    hops = result.redirects
    count = 0
    while count < len(hops) and hops[count].status_code in _PERMANENT:
        count += 1
    if count == 0:
        return None
    if count < len(hops):
        return hops[count].url
    return result.final_url or result.url


def is_shortlink(url: str) -> bool:
    """Whether ``url`` is on a link shortener (``t.co``, ``bit.ly``…): its page is a redirect."""
    try:
        return _bare_host(url_host(url)) in _SHORTENERS
    except ValueError:
        return False


def _is_moved(cited_url: str, target: str) -> bool:
    if _bare_host(url_host(cited_url)) in _SHORTENERS:
        return False
    target, cited_url = _judged_urls(target, cited_url)
    return _canonical(cited_url) != _canonical(target)


def _judged_urls(final_url: str, cited_url: str) -> tuple[str, str]:
    """``final_url`` (where a fetch ended, or a hop) and ``cited_url`` as a redirect is judged:
    both redacted when they differ, in every run.  The store keeps a URL other than the one
    asked for only redacted (the exact URL is never written), so a warm run compared
    ``…/x/?q=Bearer+REDACTED`` with the cited ``…/x?q=Bearer+ghp_…`` and said ``redirected``
    where the cold run had said ``ok`` (session 34's review).  Redaction is idempotent (the
    cold run's raw URL and the warm run's stored one redact alike) and costs nothing for the
    common answer, which ended where it was asked."""
    if final_url == cited_url:
        return final_url, cited_url
    return redact_url(final_url), redact_url(cited_url)


# --- small helpers ----------------------------------------------------------------------------


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


@functools.cache
def _tag_patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The opening (``<name``) and closing (``</name >``) of an element, both linear to search."""
    return (
        re.compile(rf"<{name}\b", ASCII_IGNORECASE),
        re.compile(rf"</{name}\s*>", ASCII_IGNORECASE),
    )


def _elements(text: str, name: str, limit: int) -> list[str]:
    r"""The inner markup of the first ``limit`` ``<name …>…</name>`` elements of the page's head.

    What ``<name\b[^>]*>(.*?)</name\s*>`` finds, in one pass: when the first opening has no
    ``>`` or no closing after it, no later opening has one either, so the scan stops there where
    the regex would retry from every later opening to the end of the text.
    """
    text = text[:_HEAD_CHARS]
    opening, closing = _tag_patterns(name)
    found: list[str] = []
    position = 0
    while len(found) < limit:
        start = opening.search(text, position)
        if start is None:
            break
        inner = text.find(">", start.end()) + 1
        end = closing.search(text, inner) if inner else None
        if end is None:
            break
        found.append(text[inner : end.start()])
        position = end.end()
    return found


def _first_element(text: str, name: str) -> str | None:
    """The visible text of the first ``<name>`` element, if the page has one."""
    found = _elements(text, name, 1)
    return _clean(found[0]) if found else None


def _without_hidden(text: str) -> str:
    r"""``text`` with its script, style, noscript and template elements blanked, in linear time.

    The lazy regex ``<(script|…)\b.*?</\1\s*>`` is O(n²) on unclosed openings.  Here an element
    whose closing is missing marks its name done (no later opening of it can close either), and
    the scan goes on with the other names.
    """
    kept: list[str] = []
    unclosed: set[str] = set()
    copied = scan = 0
    while len(unclosed) < len(_HIDDEN_ELEMENTS):
        start = _HIDDEN_OPENING.search(text, scan)
        if start is None:
            break
        name = start.group(1).lower()
        scan = start.end()
        if name in unclosed:
            continue
        end = _tag_patterns(name)[1].search(text, scan)
        if end is None:
            unclosed.add(name)
            continue
        kept += (text[copied : start.start()], " ")
        copied = scan = end.end()
    kept.append(text[copied:])
    return "".join(kept)


def _clean(fragment: str) -> str:
    """Markup to the text it shows, white space collapsed.

    Tags are removed only up to the last ``>``: past it no ``<`` can close, and ``<[^>]*>``
    would scan from each such ``<`` to the end of the text (O(n²) on a page of ``<``).
    """
    # White space collapsed by str.split(), which splits where a regex \s+ would (both ask
    # Unicode's white-space property) at a fraction of a regex's cost on a whole page's text.
    last = fragment.rfind(">") + 1
    stripped = _TAG.sub(" ", fragment[:last]) + fragment[last:]
    return " ".join(html.unescape(stripped).split())


def _visible_text(text: str) -> str:
    return _clean(_without_hidden(text[:_HEAD_CHARS]))


def _broken(code: Code, message: str) -> Verdict:
    return Verdict(Status.BROKEN, (Finding.of(code, message),))


def _blocked(message: str) -> Verdict:
    return Verdict(Status.BLOCKED, (Finding.of(Code.BLOCKED, message),))


def _unreachable(message: str) -> Verdict:
    return Verdict(Status.UNREACHABLE, (Finding.of(Code.UNREACHABLE, message),))
