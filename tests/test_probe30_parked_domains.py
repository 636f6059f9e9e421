"""Parked, expired and placeholder domains, and 200 pages that say the story is gone (probe 30).

Wikipedia marks a citation whose domain changed hands ``usurped`` (IABot's ``url-status``), and
DeadlinkChecker's rules and the soft-404 literature treat a registrar's or parking service's page
as dead.  Each case below is a post linking one URL on the sample web (real HTTP and TLS servers
on 127.0.0.1, ``--connect-to``), checked through the pipeline.  On the base every parking page,
marketplace offer, expiry notice and server default page passed as ``ok`` (a silent pass), and
a cited source was judged against it (``title-mismatch``); the hosts answer only the cited
address, and a cited home page is never compared with a sibling, so no other rule catches them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.findings import Code
from checker.model import CheckedCitation, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from checker.verify.parked import might_say_parked, parked_statement
from checker.verify.soft404 import is_not_found_message, lead_shape
from tests.fetch.support import check_links_on, check_sources_on, codes

SLUG = "/2021/03/city-council-approves-new-budget"
TITLE = "City council approves new budget"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _page(title: str, body: str, head: str = "") -> Response:
    html = f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title>{head}</head>"
    return Response(200, _HTML, f"{html}<body>{body}</body></html>".encode())


def _moved(to: str) -> Response:
    return Response(302, (("Location", to),), b"")


_PARKED = {
    "sedo": _page(
        "sedo.test - This domain may be for sale!",
        "<h1>sedo.test</h1><p>Click here to inquire about this domain.</p>",
    ),
    "forsale": _page("forsale.test is for sale", "<p>Make an offer today.</p>"),
    "buy": _page("buy.test", "<main><h1>Buy this domain.</h1><p>buy.test</p></main>"),
    "lapsed": _page(
        "This Domain Name Has Expired - Renewal Instructions",
        "<p>If you are the registrant, renew it at your registrar.</p>",
    ),
    "future": _page(
        "Coming up", "<h1>Future home of something quite cool.</h1><p>Log in to launch.</p>"
    ),
    "namecheap": _page(
        "namecheap.test",
        "<h1>namecheap.test</h1><p>This domain is registered at Namecheap. "
        "Please check back later!</p>",
    ),
    "adsearch": _page(
        "adsearch.test",
        "<h1>adsearch.test</h1><h2>Related searches</h2><ul><li><a href='/?q=flights'>Cheap "
        "Flights</a></li><li><a href='/?q=loans'>Personal Loans</a></li></ul>",
    ),
    "verkauf": _page("verkauf.test", "<h1>Diese Domain steht zum Verkauf!</h1>"),
    "suspended": _page(
        "Account Suspended", "<h1>This Account has been suspended.</h1><p>Contact your host.</p>"
    ),
    "nginx": _page(
        "Welcome to nginx!",
        "<h1>Welcome to nginx!</h1><p>If you see this page, the nginx web server is "
        "successfully installed and working.</p>",
    ),
    # a sub-domain's page naming the domain above it
    "blog.parent": _page("parent.test", "<h1>The domain parent.test may be for sale</h1>"),
    "iis": _page("IIS Windows Server", "<div id='container'><img src='iisstart.png'></div>"),
}
# A marketplace's offer for the cited domain on its own host; a parking service's page of ads on
# a numbered host beside the cited one (``ww25.``); a for-sale page of the cited host's domain.
_MARKETS = {
    "offer": (
        "https://market.test/buy-domain/offer.test",
        _page("offer.test is for sale | Market", "<h1>offer.test is for sale</h1>"),
    ),
    "owned": (
        "https://www.shop.test/profile?d=owned.test",
        _page("Own Owned.test today", "<h1>Own Owned.test today</h1><p>Buy now: $2,495</p>"),
    ),
    "ads": (
        f"http://ww25.ads.test{SLUG}?subid1=20210312-0412-abcd",
        _page("ads.test", "<h1>ads.test</h1><h2>Related Searches</h2><p>Cheap flights</p>"),
    ),
}
# Pages that said the story is gone in two joined messages, or a message the lexicon lacked.
_GONE = {
    "story-expired": _page(
        "Daily Example", "<p>This story has expired and is no longer available.</p>"
    ),
    "taken-down": _page("Daily Example", "<h1>This page has been taken down</h1>"),
    "removed-and": _page(
        "Daily Example", "<p>This article has been removed and no longer exists.</p>"
    ),
}
PARKED_ROOT = "https://parked-root.test/"
# Near misses: short pages about selling a domain, or selling another one, are what they are.
_ABOUT = {
    "essay": _page(
        "Why I put my domain up for sale | Blog",
        "<article><h1>Why I put my domain up for sale</h1><p>I did, and offers came.</p></article>",
    ),
    "other-name": _page(
        "other-name.test", "<h1>elsewhere.test is for sale</h1><p>Ask me about it.</p>"
    ),
    "question": _page("Is this domain for sale? | Blog", "<h1>Is this domain for sale?</h1>"),
    "charity": _page(
        "Friends of the Park",
        "<h1>This website is registered with the Charity Commission</h1><p>Welcome.</p>",
    ),
    "works": _page("It works! | Blog", "<h1>It works!</h1><p>The build is green again.</p>"),
    "expired-and": _page(
        "Blog", "<p>The offer expired and the shop closed in March, as we reported.</p>"
    ),
}
_STORY_META = (
    '<meta property="og:type" content="article">'
    '<meta property="article:published_time" content="2021-03-12T08:00:00Z">'
)
# Ordinary short live pages a reviewer of probe 30 saw judged parked (mend 30b): a statement
# beside other words of a headline, an article's metadata and date, ads words a shop or a listing
# site uses for its own links, a charity or a news story's "registered", a tool's "Get x".
_LIVE = {
    "sold-story": _page(
        "Domain for sale - Voice.com fetches $30 million | Daily Example",
        "<h1>Domain for sale - Voice.com fetches $30 million</h1><p>A record price.</p>",
    ),
    "dated-story": _page(
        "Domain for sale",
        "<article><h1>Domain for sale</h1><p>Voice.com fetched $30 million.</p></article>",
        _STORY_META,
    ),
    "expiry-guide": _page(
        "Domain Expired - What Happens Next | Registrar Blog",
        "<h1>Domain Expired - What Happens Next</h1><p>A grace period, then an auction.</p>",
    ),
    "pricing": _page(
        "Domain for sale - how to price it", "<p>Ask three brokers and take the middle.</p>"
    ),
    "parking-product": _page("Domain Parking | Registrar", "<h1>Domain Parking</h1><p>Earn.</p>"),
    "help": _page(
        "Account suspended - what it means | Help",
        "<h1>Account suspended - what it means</h1><p>Pay the invoice.</p>",
    ),
    "guide": _page(
        "Welcome to nginx! - a beginner's guide | Blog", "<p>Install it, then edit the config.</p>"
    ),
    "phishing": _page(
        "Domain registered by former employee used in phishing",
        "<h1>Domain registered by former employee used in phishing</h1><p>Police said.</p>",
    ),
    "land": _page("Plots | Estate Agents", "<h1>The site is for sale</h1><p>Two acres.</p>"),
    "bakery": _page(
        "bakery.test", "<h1>bakery.test</h1><h2>Popular links</h2><p><a href=/bread>Bread</a></p>"
    ),
    "homes": _page(
        "homes.test", "<h1>Top listings</h1><ul><li><a href=/h/1>Two-bed flat</a></li></ul>"
    ),
    "acme": _page(
        "acme.test", "<h1>acme.test is registered with the Charity Commission</h1><p>Hi.</p>"
    ),
    "get": _page("Get get.test", "<h1>Get get.test</h1><p>Version 2.1 for every system.</p>"),
}
# A marketplace's listing cited itself, and a page whose cited path says what its title says.
LISTING = "https://listing.test/domain/nice.test"
ABOUT_PATH = "https://advice.test/2021/03/domain-for-sale"
_LIVE_AT = {
    LISTING: _page("nice.test | Listing", "<h1>Buy this domain</h1><p>nice.test: $2,495</p>"),
    ABOUT_PATH: _page("Domain for sale", "<h1>Domain for sale</h1><p>Ask three brokers.</p>"),
}


def _web() -> Web:
    web = Web()
    for name, response in {**_PARKED, **_GONE, **_ABOUT, **_LIVE}.items():
        web.add(f"https://{name}.test{SLUG}", response)
    for url, response in _LIVE_AT.items():
        web.add(url, response)
    for name, (offer, response) in _MARKETS.items():
        web.add(f"https://{name}.test{SLUG}", _moved(offer))
        web.add(offer, response)
    web.fallback("parked-root.test", _PARKED["sedo"])  # every address, the home page too
    return web


def _urls(names: object) -> list[str]:
    return [f"https://{name}.test{SLUG}" for name in names]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckedCitation]:
    every = [*_PARKED, *_MARKETS, *_GONE, *_ABOUT, *_LIVE]
    urls = [*_urls(every), PARKED_ROOT, *_LIVE_AT]
    return check_links_on(_web(), urls, tmp_path_factory.mktemp("probe30"))


@pytest.mark.parametrize("name", [*_PARKED, *_MARKETS])
def test_a_parked_or_placeholder_domain_is_soft_404(
    linked: dict[str, CheckedCitation], name: str
) -> None:
    citation = linked[f"https://{name}.test{SLUG}"]
    assert citation.status is Status.BROKEN, citation.findings
    assert codes(citation) == {Code.SOFT_404}
    assert name in _MARKETS or "the site is gone" in citation.findings[0].message


def test_a_parked_home_page_cited_is_soft_404(linked: dict[str, CheckedCitation]) -> None:
    """A home page is never compared with a sibling: only what it says tells it is parked."""
    citation = linked[PARKED_ROOT]
    assert Code.SOFT_404 in codes(citation), citation.findings


@pytest.mark.parametrize("name", sorted(_GONE))
def test_a_page_saying_the_story_is_gone_is_soft_404(
    linked: dict[str, CheckedCitation], name: str
) -> None:
    assert Code.SOFT_404 in codes(linked[f"https://{name}.test{SLUG}"])


@pytest.mark.parametrize("name", sorted(_ABOUT))
def test_a_short_page_about_selling_a_domain_is_ok(
    linked: dict[str, CheckedCitation], name: str
) -> None:
    citation = linked[f"https://{name}.test{SLUG}"]
    assert citation.status is Status.OK, citation.findings


@pytest.mark.parametrize("url", [*_urls(sorted(_LIVE)), *_LIVE_AT])
def test_a_short_live_page_that_names_a_statement_is_ok(
    linked: dict[str, CheckedCitation], url: str
) -> None:
    citation = linked[url]
    assert citation.status is Status.OK, citation.findings


def test_a_parked_source_is_gone_not_mistitled(tmp_path: Path) -> None:
    """A source on a parked domain: the source is gone, not its title wrong."""
    web = Web()
    web.add(f"https://sedo.test{SLUG}", _PARKED["sedo"])
    checked = check_sources_on(
        web, {f"https://sedo.test{SLUG}": TITLE}, tmp_path, heading="市議会 {}", text="本文です。"
    )
    citation = checked[f"https://sedo.test{SLUG}"]
    assert citation.status is Status.BROKEN
    assert Code.SOFT_404 in codes(citation)
    assert Code.TITLE_MISMATCH not in codes(citation)


@pytest.mark.parametrize(
    "html",
    [
        # a long page (an article) whose heading is the statement
        "<title>Domain for sale</title><article><h1>Domain for sale</h1><p>"
        + "A long story of a name that changed hands. " * 60
        + "</p></article>",
        # the statement inside a sentence that says more
        "<title>Notes</title><p>This domain is for sale, I wrote, and nobody called.</p>",
    ],
    ids=["long-article", "in-a-sentence"],
)
def test_only_a_standalone_statement_on_a_short_page_counts(html: str) -> None:
    shape = lead_shape(html)
    assert parked_statement(shape, f"https://a.test{SLUG}", f"https://a.test{SLUG}") is None


@pytest.mark.parametrize(
    "text",
    ["The plane crashed and was not found", "This page was updated and moved to a new section"],
)
def test_joined_clauses_state_a_message_only_when_each_does(text: str) -> None:
    assert not is_not_found_message(text)


# One title per alternative of the lexicon (``parked._STATEMENTS``, the CJK forms, the listing of
# advertised searches under the bare name), each on a page short enough for the raw-text
# pre-check: every one must pass the pre-check and be read as the statement.
_STATEMENT_TITLES = [
    "This domain may be for sale!",
    "The domain name x.test is for sale",
    "Get this domain now",
    "Make an offer on x.test",
    "Domain for sale",
    "Domain parking page",
    "This website has expired",
    "This domain was recently registered with Example Registrar",
    "Domain expired",
    "Future home of something quite cool",
    "This site has been suspended",
    "Welcome to nginx!",
    "Apache2 Ubuntu Default Page: It works",
    "Apache HTTP Server is functioning normally",
    "Test Page for the Apache HTTP Server on Fedora",
    "IIS7",
    "Default Web Site Page",
    "Diese Domain steht zum Verkauf",
    "Ce nom de domaine est à vendre",
    "Este dominio está en venta",
    "Questo dominio è in vendita",
    "Este domínio está à venda",
    "Dit domein is te koop",
    "x.test te koop",
    "このドメインは売り出し中です",
    "该域名正在出售",
    "이 도메인은 판매 중입니다",
]


@pytest.mark.parametrize("title", _STATEMENT_TITLES)
def test_each_statement_passes_the_precheck_and_is_read(title: str) -> None:
    html = f"<title>{title}</title><h1>{title}</h1>"
    url = f"https://www.x.test{SLUG}"
    assert might_say_parked(html, url, url)
    assert parked_statement(lead_shape(html), url, url) == title


def test_a_listing_of_searches_counts_only_under_the_bare_name() -> None:
    body = "<h2>Related searches</h2><ul><li><a href='/?q=a'>Cheap flights</a></li></ul>"
    url = f"https://x.test{SLUG}"
    assert parked_statement(lead_shape(f"<title>x.test</title>{body}"), url, url)
    assert parked_statement(lead_shape(f"<title>Travel | x.test</title>{body}"), url, url) is None


def test_a_public_suffix_is_no_name_of_the_host() -> None:
    """``co.uk`` is above every British domain, not the name of one: "co.uk is for sale" on a
    short page of ``shop.example.co.uk`` says nothing of it; its registered domain does."""
    url = f"https://shop.example.co.uk{SLUG}"
    assert parked_statement(lead_shape("<title>co.uk is for sale</title>"), url, url) is None
    said = "<title>example.co.uk is for sale</title>"
    assert parked_statement(lead_shape(said), url, url) == "example.co.uk is for sale"
