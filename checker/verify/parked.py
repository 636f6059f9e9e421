"""Parked, expired and placeholder domains: a 200 page that says the cited site is gone.

A domain whose owner let it lapse answers every address with its registrar's or a parking
service's page ("This domain may be for sale!", "example.com is for sale", "This domain name
has expired", GoDaddy's "Future home of something quite cool"), or its cited address redirects
to a domain marketplace's offer (HugeDomains, Afternic, Dan.com).  A freshly installed server
shows its default page ("Welcome to nginx!", "Apache2 Ubuntu Default Page"), a host that
stopped serving the account its notice ("This account has been suspended").  Wikipedia marks
such a citation ``usurped``: the URL answers, the source is gone.  None of these pages says "not
found", so the lexicon of :mod:`checker.verify.soft404` passed them as ``ok`` (a plain link) or
judged the cited title against the parking page (``title-mismatch``: advice to fix the title of
a source that no longer exists; probe 30).

The statement must stand alone in the page's title, a main heading or a lead block of a short
page (the clauses :func:`checker.verify.soft404.statements` gives), and a name said to be for
sale must be the cited or the final host: an article about selling a domain, or a longer page
that mentions one, is not such a page.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, parse_qsl, unquote

from checker.lazyre import lazy
from checker.urls import TRACKING_KEY, canonical_address, domain_parts, split_url
from checker.verify.soft404 import PRECHECK_CHARS, short_text, statements
from checker.verify.text import normalize, strip_diacritics

if TYPE_CHECKING:
    from checker.verify.soft404 import PageShape

__all__ = ["might_say_parked", "parked_statement"]

_MAX_CLAUSE = 200  # characters of a clause compared: every statement below is shorter

# Every statement below, in the comparison form (casefolded, diacritics stripped, punctuation
# but ``.`` and ``-`` spaced out), with ``NAME`` where the cited or the final host stands
# (:func:`_comparable` writes it there; casefolded text never holds it otherwise).
# (a bare "site" is as often a plot of land or a page: only "this website" is the domain's own)
_THIS_DOMAIN = r"(?:(?:the |this )?(?:domain|domain name|NAME)|this (?:website|site|web site))"
_STATEMENTS = (
    # sale and parking (registrars' and parking services' own words)
    rf"{_THIS_DOMAIN} (?:(?:may|might|could) be|is(?: now)?|is currently) "
    r"(?:for sale|available for (?:sale|purchase)|parked(?: free)?(?: .*)?|up for sale)",
    r"(?:the )?domain(?: name)? NAME (?:may be |is )?(?:for sale|available for (?:sale|purchase))",
    # ("Get x.test" is the title of a tool's download page: only "get this domain" offers it)
    r"(?:(?:buy|get|own|purchase) this domain(?: name)?|(?:buy|own|purchase) NAME)"
    r"(?: now| today)?",
    r"(?:make an offer|inquire|enquire)(?: now)? (?:on|about|for) (?:this domain(?: name)?|NAME)",
    r"(?:this )?domain(?: name)? (?:is )?for sale",
    # (a registrar's "Domain Parking" is the name of its product)
    r"domain (?:name )?parking page",
    # lapsed and newly registered names
    rf"{_THIS_DOMAIN} (?:has expired|expired|is expired|has been suspended|is suspended|"
    r"is pending renewal or has expired)",
    # (a site or a company is "registered with" a charity commission, a news story says a
    # domain was "registered by" someone: only "this domain is registered at" a registrar's
    # short name is a registrar's placeholder)
    r"(?:the |this )?domain(?: name)?(?: NAME)? "
    r"(?:was |has been |is )(?:recently |just )?registered (?:at|with|through|via)(?: \S+){1,3}",
    r"(?:this )?domain (?:name )?(?:has )?expired",
    r"future home of something (?:quite )?cool",
    # a site builder's or a host's placeholder where the site is to be: only the site itself
    # said to be coming (a product, an album or a feature "coming soon" is a live site's news)
    rf"(?:{_THIS_DOMAIN}|(?:our |the )?(?:new )?(?:website|web site|site)) (?:is )?"
    r"(?:coming soon|launching soon|opening soon|under construction)",
    r"(?:this )?account (?:has been |is )?suspended",
    r"this (?:website|site) (?:has been |is )?suspended",
    # a server's own page where the site was
    r"welcome to nginx",
    r"apache2? (?:ubuntu |debian |centos |http server )?default page(?: it works)?",
    r"apache (?:http server )?is functioning normally",
    r"test page for the (?:apache|nginx) http server(?: on .+)?",
    r"iis windows server|iis\d+",
    r"(?:this is the )?default (?:web ?site|web server|server) page",
    # German, French, Spanish, Italian, Portuguese, Dutch
    r"(?:diese |die )?(?:domain|NAME) "
    r"(?:steht zum verkauf|ist zu verkaufen|kaufen|ist verkauflich)",
    r"(?:ce |le )?(?:nom de )?(?:domaine|NAME) (?:est )?(?:a vendre|en vente)",
    r"(?:este |el )?(?:dominio|NAME) (?:esta )?(?:en venta|a la venta|se vende)",
    r"(?:questo |il )?(?:dominio|NAME) (?:e )?in vendita",
    r"(?:este |o )?(?:dominio|NAME) (?:esta )?(?:a venda|para venda)",
    r"(?:dit |het )?(?:domein|NAME) (?:is )?te koop",
)
_STATEMENT = lazy(
    r"(?:(?:sorry|oops|hello|hi|welcome) )?(?:" + "|".join(f"(?:{s})" for s in _STATEMENTS) + ")"
)
# A parking service's page of advertised searches under nothing but the domain's name.
# (a shop's "Popular links" or a listing site's "Top listings" are its own)
_AD_LISTING = lazy(r"(?:related|sponsored) searches|sponsored (?:links|listings)")
_CJK_STATEMENTS = lazy(
    r"このドメインは.{0,30}(?:売り出し中|販売中|取得されています|購入できます)|"
    r"(?:该|此|這個|这个)?域名(?:正在)?(?:出售|转让|轉讓|待售)|"
    r"이 도메인은.{0,20}(?:판매|구입)"
)
_NEEDLES = (
    "domain", "domin", "domínio", "domein", "nginx", "apache", "iis", "suspended", "parked",
    "expired", "registered", "future home", "default", "for sale", "searches", "ドメイン", "域名",
    "도메인", "soon", "construction",
)  # fmt: skip
"""A piece every statement holds (lower case) but those naming the host, which the host's name
stands for: a short page whose raw text holds none says no such thing and is not parsed for it
(the "not found" pre-check's rule, ``soft404``)."""
_FRAME_WORDS = frozenset(
    ("please", "check", "back", "later", "soon", "renewal", "renew", "instructions", "contact",
     "the", "owner", "registrant", "buy", "now", "today", "make", "an", "offer", "click", "here",
     "to", "inquire", "about", "this", "domain", "name", "info", "stay", "tuned", "coming",
     "launching", "opening", "under", "construction", "notify", "me", "when")
)  # fmt: skip
"""Words of a registrar's or parking service's own notices beside its statement."""
_DOMAIN_LIKE = lazy(r"(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*[a-z]")
"""A word that reads as a domain name (``voice.com``), compared after the hosts became NAME."""
_WORD = lazy(r"\w+")
_PUNCTUATION = lazy(r"[^\w\s.-]+")
_SPACES = lazy(r"\s+")
_NAME = "NAME"


def might_say_parked(text: str, cited_url: str, final_url: str) -> bool:
    """Whether ``text`` (a page's raw HTML) could state a parked or placeholder domain.

    True for any page longer than ``PRECHECK_CHARS``: its lead is read for the "not found"
    lexicon anyway, and lowering and searching all of it would cost more than the lead's look.
    A host stands for the statements that name it by its registrable domain, which every name
    of it or of a domain above it that counts ends with.
    """
    if len(text) > PRECHECK_CHARS:
        return True
    lowered = text.lower()
    # loops, not ``any()`` over a generator: on a small page its set-up cost more than the
    # searches (issue 19, ``soft404._holds_any``)
    for needle in _NEEDLES:
        if needle in lowered:
            return True
    for netloc in {split_url(cited_url).netloc, split_url(final_url).netloc}:
        domain = _netloc_domain(netloc)
        if domain is not None and domain in lowered:
            return True
    return False


@functools.lru_cache(maxsize=256)  # the hosts of the pages in flight
def _host_of(netloc: str) -> str:
    """The host ``netloc`` names, lower case, without a final dot ("" when it names none): the
    one reading of the cited and the final host here (the pre-check, the statement's names,
    the other site), kept per ``netloc`` as a run's pages are on few hosts."""
    return (SplitResult("", netloc, "", "", "").hostname or "").rstrip(".")


@functools.lru_cache(maxsize=256)  # the hosts of the pages in flight
def _netloc_domain(netloc: str) -> str | None:
    """The registrable domain (:func:`_registrable`) of the host ``netloc`` names
    (:func:`_host_of`), or None when it names none: kept per ``netloc``, since the pre-check
    asks it for every small page and a run's pages are on few hosts (issue 19: the host read
    from each URL and looked up in the suffix list was ~25 K instructions a page)."""
    host = _host_of(netloc)
    return _registrable(host) if host else None


def _hosts(cited_url: str, final_url: str) -> set[str]:
    """The cited and the final host (:func:`_host_of`)."""
    hosts = {_host_of(split_url(url).netloc) for url in (cited_url, final_url)}
    hosts.discard("")
    return hosts


def _names_host(word: str, hosts: set[str]) -> bool:
    """Whether ``word`` names one of ``hosts`` or a domain above it (``www.`` or not): a parking
    service shows ``x.test`` for ``ww25.x.test``, a marketplace the domain of ``blog.x.test``.
    Never above the domain its owner registered: ``co.uk`` is no name of ``x.co.uk``, nor is
    ``github.io`` of ``alice.github.io`` (the list's private section counts here)."""
    name = word.removeprefix("www.")
    return "." in name and any(
        host == name
        or (host.endswith("." + name) and len(name) >= len(_registrable(host, private=True)))
        for host in hosts
    )


def _registrable(host: str, *, private: bool = False) -> str:
    """``host``'s registered domain (``news.bbc.co.uk`` → ``bbc.co.uk``) by the Public Suffix
    List (``urls.domain_parts``; with its private section if ``private``: ``alice.github.io``),
    else its last two labels (a suffix the list lacks: ``.test``, an intranet's).  The
    pre-check (:func:`might_say_parked`) reads the ICANN section's, a shorter ending of the
    same name: the private section is read only by a process that compares a statement."""
    parts = domain_parts(host, private=private)
    if parts.suffix:
        return parts.top_domain_under_public_suffix or host
    return ".".join(host.rsplit(".", 2)[-2:])


def parked_statement(
    shape: PageShape, cited_url: str, final_url: str, *, moved: bool = False
) -> str | None:
    """The title, heading or lead block of a short page that says its domain is for sale,
    parked, expired or only a server's default page, or None.

    A name said to be for sale counts only when it is the cited or the final host (``www.`` or
    not): a marketplace's offer names the cited domain, a blog post sells another; beside it,
    the marketplace's own name ("x.test is for sale | Afternic") is its furniture.  A page of
    advertised searches counts only under a title that is that name and nothing else, as does
    a page showing nothing under it that another site serves (:func:`_shown_by_another`).
    ``moved``: every hop to ``final_url`` was a permanent redirect (301/308), the site's own
    word that it moved there.
    """
    if not short_text(shape) or (shape.article_meta and shape.dated):
        return None  # an article's metadata and date: a story about a sale, not the sale
    hosts = _hosts(cited_url, final_url)
    market = _another_site(cited_url, final_url)
    places = (shape.title, *shape.headings, *shape.lead)
    for place in places:
        if _CJK_STATEMENTS.search(place[:_MAX_CLAUSE]):
            return place
        clauses = [
            comparable
            for clause in statements(place[: _MAX_CLAUSE * 2])
            if (comparable := _comparable(clause, hosts))
        ]
        said = [c for c in clauses if _STATEMENT.fullmatch(c)]
        if (
            said
            and all(c in said or _is_frame(c) or c == market for c in clauses)
            and not _cited_path_says(said, cited_url, hosts, places)
        ):
            return place
    if _comparable(shape.title, hosts) == _NAME:
        for place in places[1:]:
            if _AD_LISTING.fullmatch(_comparable(place, hosts)):
                return place
        if len(places) == 1 and _shown_by_another(shape.title, cited_url, final_url, moved=moved):
            return shape.title
    return None


_NUMBERED = lazy(r"ww\d+")
"""The first label of a parking service's numbered host beside a parked domain's own
(``ww25.x.test``, ``ww1.x.test``): the domain's name servers send its visitors there."""


def _another_site(cited_url: str, final_url: str) -> str | None:
    """The name of the site the cited address ended on (``afternic`` of ``www.afternic.test``),
    when it is another registrable domain than the cited one: a marketplace or parking
    service showing the cited domain.  None when the address stayed on its own domain."""
    cited, final = (_registrable(_host_of(split_url(u).netloc)) for u in (cited_url, final_url))
    if not final or final == cited:
        return None
    return final.split(".", 1)[0]


def _shown_by_another(title: str, cited_url: str, final_url: str, *, moved: bool) -> bool:
    """Whether a page titled ``title`` and showing nothing else (no heading, no text: its
    content drawn by a script) stands for the parked cited domain: its title is the cited
    domain's name alone, and it is served where the cited address was sent (a script, a
    refresh or a redirect) by a parking service: another site whose address carries the cited
    domain (``/forsale/x.test``, ``?domain=x.test``), or a numbered host beside the domain's
    own (``ww25.``).  A page the cited site serves itself (``ww2.agency.test``'s own, cited
    there), or titles with its own new name, or that another site titles with the old one (a
    site that moved: ``newname.test/2019/05/post``) says nothing of the kind.  A parked
    domain's page forwarding to a parking service's script-drawn page passed as ``ok``
    (session 31's leftover); a moved or ``ww2.`` site was ``broken`` (mend 32a).  Nor does a
    numbered host the site moved to for good (``www.x.test`` answering 301 to ``ww1.x.test``,
    ``moved``, keeping the address: :func:`_keeps_address`): a parking service forwards by a
    script, a refresh or a 302, while a 301 is the site's own server saying where it lives
    now; it was "the site is gone" (left 33b)."""
    cited_host = _host_of(split_url(cited_url).netloc)
    final_host = _host_of(split_url(final_url).netloc)
    if not cited_host or final_host == cited_host or _comparable(title, {cited_host}) != _NAME:
        return False
    if _another_site(cited_url, final_url) is not None:
        return _carries(final_url, cited_host)
    first, _, rest = final_host.partition(".")
    return (
        not (moved and _keeps_address(cited_url, final_url))
        and rest == _registrable(cited_host)
        and _NUMBERED.fullmatch(first) is not None
        and _NUMBERED.fullmatch(cited_host.partition(".")[0]) is None
    )


def _keeps_address(cited_url: str, final_url: str) -> bool:
    """Whether ``final_url`` keeps the cited path and adds no query key to the cited one's, as
    a site's own move to a new host does (``www.x.test/2019/post`` to ``ww1.x.test/2019/post``).
    A parking service's forward, even by a 301, tags the visit (``ww25.x.test/?subid1=…``) or
    drops the path: spared as a move, such a parking page was ``redirected``, "cite the new
    URL" (mend 33n).  The path compared as a redirect's is (:func:`canonical_address`), a
    campaign tag (``utm_source``) no key: a move adding a trailing slash, an index page or a
    tracker keeps the address, and was "the site is gone" (mend 34p); ``subid1`` is no
    tracker, even empty.  Only ``utm_*`` is excused: the other trackers' keys are a parking
    service's tags too (``?ref=parkingcrew``, ``?s=x.test``, ``?mod=lander``: mend 34v)."""
    if canonical_address(final_url)[1] != canonical_address(cited_url)[1]:
        return False
    cited_keys = {key for key, _ in parse_qsl(split_url(cited_url).query, keep_blank_values=True)}
    added = parse_qsl(split_url(final_url).query, keep_blank_values=True)
    return all(key in cited_keys or key.lower().startswith("utm_") for key, _ in added)


def _carries(url: str, host: str) -> bool:
    """Whether ``url``'s path or query (:func:`_address_words`) names ``host`` or a domain
    above it, as a parking service's or a marketplace's forward does."""
    return any(_names_host(word, {host}) for word in _address_words(url))


def _address_words(url: str) -> list[str]:
    """``url``'s path segments and its query's values but trackers' (``utm_source``), lower
    case: where an address names a domain it is about (``/forsale/x.test``, ``?domain=x.test``)."""
    parts = split_url(url)
    values = [v for k, v in parse_qsl(parts.query) if not TRACKING_KEY.match(k)]
    return [word.lower() for word in (*unquote(parts.path).split("/"), *values) if word]


def _is_frame(clause: str) -> bool:
    """Whether ``clause`` (comparable) is a domain's name or a registrar's own furniture beside
    a statement ("Renewal instructions", "Please check back later"): a statement beside any
    other words ("Domain for sale - how to price it", "Welcome to nginx! - a beginner's guide
    | Blog") is a headline about it, not the placeholder's notice."""
    return all(
        word == _NAME or word in _FRAME_WORDS or _DOMAIN_LIKE.fullmatch(word)
        for word in clause.split(" ")
    )


def _cited_path_says(
    said: list[str], cited_url: str, hosts: set[str], places: tuple[str, ...]
) -> bool:
    """Whether the cited address is about what the page ``said``: its path or query names a
    domain other than the cited or the final host (a marketplace's listing of ``nice.test``,
    cited itself at ``/domain/nice.test`` or ``?domain=nice.test``, says "Buy this domain" of
    that one), or its words hold a statement (an article at ``/domain-for-sale`` titled "Domain
    for sale"), as ``soft404`` reads a cited path about "not found".  Read only once a
    statement was found: most pages say none.

    A name that is as well a file's (``report.zip``, ``file.py``, ``clip.mov``: their endings
    are top-level domains too) names a domain only where the page's ``places`` (title,
    headings, lead) name it: a listing shows the domain it sells, a parking page at a cited
    file does not; read as a domain's, that parking page passed as ``ok`` (left 33b)."""
    tops = {host.rpartition(".")[2] for host in hosts}
    for word in _address_words(cited_url):
        # (a file's name, ``nice.test.html``, names the domain before its ending)
        for name in (word, word.rpartition(".")[0]):
            if _is_domain_name(name, tops):
                if not _names_host(name, hosts) and (
                    not _is_file_name(name) or any(name in place.lower() for place in places)
                ):
                    return True
                break
    words = _plain_words(unquote(split_url(cited_url).path).lower())
    return any(_plain_words(clause) in words for clause in said)


def _is_domain_name(word: str, tops: set[str]) -> bool:
    """Whether ``word`` reads as a domain's name: dotted words ending in a public suffix (the
    list's, ``urls.domain_parts``) or in a top-level label ``tops`` of the hosts in play (an
    intranet's, ``.test``).  A file's name ends in neither (``city-budget.html``, ``.php4``,
    ``.phtml``, ``.pdf``): read as a domain's, a parking page at such a cited address passed
    as ``ok`` (left 32b kept a list of page files' endings, and missed others)."""
    return (
        "." in word
        and _DOMAIN_LIKE.fullmatch(word) is not None
        and (word.rpartition(".")[2] in tops or bool(domain_parts(word).suffix))
    )


_FILE_ENDINGS_AND_DOMAINS = frozenset(
    {
        "zip", "mov", "app", "cab", "pro", "man", "dot",  # (generic top-level domains)
        "py", "sh", "pl", "pm", "ps", "ms", "so", "rs", "md", "ml", "mk", "cc", "sc", "ly",
        "bz", "in", "ac", "am", "tf", "mo", "mm", "nc", "au", "tr", "do", "st", "la",
    }
)  # fmt: skip
"""Endings of common files' names that are top-level domains too (``report.zip``, ``file.py``,
``notes.pl``, ``lib.so``, ``configure.ac``, ``Makefile.am``, ``main.tf``, ``messages.mo``,
``view.mm``, ``sst.nc``), each in the suffix list tldextract ships (``.bat`` is none), a fixed
list: the stdlib's ``mimetypes`` table differs between Python releases (verdicts by Python
version) and names ``.me`` (troff) and ``.ai`` (PostScript), endings of domains far more often
cited than of files (left 33b's ``nice.me`` listing was a false ``broken``, mend 33n).  Read
as a domain's only where the page names it; a parking page at ``code/configure.ac`` was read
as a listing of the domain ``configure.ac`` and passed (mend 34p)."""


def _is_file_name(word: str) -> bool:
    """Whether ``word``'s ending is a file's that is a top-level domain's too (``.zip``, ``.py``,
    ``.mov``, ``.pl``: :data:`_FILE_ENDINGS_AND_DOMAINS`)."""
    return word.rpartition(".")[2] in _FILE_ENDINGS_AND_DOMAINS


def _plain_words(text: str) -> str:
    """``text``'s words (a lower-case path or a comparable clause) one space apart and around:
    ``/03/domain-for-sale-how-to-price-it`` as `` 03 domain for sale how to price it ``."""
    return " " + " ".join(_WORD.findall(text)) + " "


def _comparable(clause: str, hosts: set[str]) -> str:
    """``clause`` in the statements' form, each name of ``hosts`` as ``NAME``."""
    plain = _PUNCTUATION.sub(" ", strip_diacritics(normalize(clause[:_MAX_CLAUSE])))
    words = _SPACES.sub(" ", plain).strip(" .-").split(" ")
    return " ".join(_NAME if _names_host(w, hosts) else w for w in words)
