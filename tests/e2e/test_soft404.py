"""Soft-404s the dead-link bots catch, and the good pages they must not call dead, end to end.

One fixture blog page cites one source per case on the fixture web (real HTTP servers on
127.0.0.1, reached through --connect-to).  The classes are those of issue 14: a site that answers
any unknown URL with its home page or one template (caught by probing a made-up sibling URL), a
"not found" message in words or places an exact-phrase list misses, a file URL answered by an
HTML page, a meta refresh or script that forwards to a 404 or the home page; and the false alarms:
an id URL moved permanently to a short descriptive slug, an article about 404 errors, a PDF viewer,
an empty script-rendered shell, a news page that refreshes itself to its home page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from checker.config import Config
from checker.findings import Code
from checker.model import Report, Status
from checker.pipeline import check
from checker.sampleweb import Response, SampleWeb, Web
from checker.verify.soft404 import sibling_url
from tests.e2e.blogger import CitedPost, blogger_page, connect_rules, source_of

BLOG = "https://soft404-blog.blogspot.com"
NEWS = "https://www.example-news.com"  # answers 404 for unknown URLs, as it should
CATCH = "https://www.catchall-times.com"  # answers its home page for any unknown URL
TEMPLATE = "https://mag.template-site.net"  # answers one "browse" template for any unknown URL
SPA = "https://app.spa-news.io"  # a script-rendered site: one empty shell for every URL
FILES = "https://docs.example-agency.org"


@dataclass(frozen=True, slots=True)
class Case:
    url: str
    dead: bool  # True: soft-404 (or broken); False: neither broken nor soft-404
    title: str = "Some story"


CASES: dict[str, Case] = {}


def _case(slug: str, url: str, *, dead: bool) -> None:
    CASES[slug] = Case(url, dead)


def _article(title: str, site: str, *, meta: bool = True, extra: str = "", body: str = "") -> str:
    head = (
        f'<meta property="og:type" content="article"><meta property="og:site_name" '
        f'content="{site}"><meta property="article:published_time" content="2025-02-12T09:00">'
        if meta
        else ""
    )
    text = body or "<p>" + "This is a paragraph of the article body, with facts. " * 12 + "</p>"
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | {site}</title>{head}"
        f"{extra}</head><body><header><a href='/'>{site}</a><nav><a href='/world'>World</a>"
        f"</nav></header><main><article><h1>{title}</h1>{text}{text}</article></main>"
        "<footer>© the site</footer></body></html>"
    )


def _listing(site: str, title: str | None = None) -> str:
    teasers = "".join(
        f"<article><h2><a href='/2025/02/story-{n}'>Headline of story number {n} today</a></h2>"
        f"<p>Teaser {n}.</p></article>"
        for n in range(10)
    )
    return (
        f"<!DOCTYPE html><html><head><title>{title or site}</title>"
        f'<meta property="og:site_name" content="{site}"></head><body><header>{site}</header>'
        f"<main>{teasers}</main></body></html>"
    )


def _plain(title: str, body: str) -> str:
    """A page without article metadata (a small site, an error page)."""
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        f"<header><a href='/'>Home</a> <a href='/about'>About</a></header>{body}</body></html>"
    )


# --- what the dead-link bots catch (and citecheck did before) -------------------------------
_case("hard-404", f"{NEWS}/2025/02/deleted", dead=True)
_case("gone-410", f"{NEWS}/2025/02/gone", dead=True)
_case("to-home", f"{NEWS}/2025/02/to-home", dead=True)
_case("to-section", f"{NEWS}/2025/02/to-section", dead=True)
_case("to-error-path", f"{NEWS}/2025/02/to-error-path", dead=True)
_case("title-not-found", f"{NEWS}/2025/02/title-missing-page", dead=True)
_case("title-ja", f"{NEWS}/2025/02/title-ja", dead=True)
_case("h1-oops", f"{NEWS}/2025/02/h1-oops", dead=True)
_case("no-such-host", "https://www.no-such-host.invalid/2025/02/a", dead=True)
# --- what citecheck missed ---------------------------------------------------------------------
_case("catch-all-home", f"{CATCH}/2025/03/vanished-story", dead=True)
_case("catch-all-template", f"{TEMPLATE}/posts/vanished-story", dead=True)
_case("h1-oops-after", f"{NEWS}/2025/02/h1-oops-after", dead=True)
_case("body-404", f"{NEWS}/2025/02/body-error-text", dead=True)
_case("title-es-sentence", f"{NEWS}/2025/02/title-es-sentence", dead=True)
_case("pdf-as-html", f"{FILES}/reports/annual-report-2024.pdf", dead=True)
_case("jpg-as-home", f"{CATCH}/images/ceasefire-map.jpg", dead=True)
_case("meta-refresh-to-404", f"{NEWS}/2025/02/meta-refresh", dead=True)
_case("js-to-home", f"{NEWS}/2025/02/js-to-home", dead=True)
# --- good pages that must not be called dead -----------------------------------------------
_case("id-to-slug", f"{NEWS}/p/8841", dead=False)
_case("archive-to-slug", f"{NEWS}/archives/123", dead=False)
_case("about-404", f"{NEWS}/2025/02/what-a-missing-page-means", dead=False)
_case("not-found-deep", f"{NEWS}/2025/02/plane-search", dead=False)
_case("pdf-viewer", f"{FILES}/reports/budget-2025.pdf", dead=False)
_case("real-pdf", f"{FILES}/reports/summary-2025.pdf", dead=False)
_case("catch-all-real", f"{CATCH}/2025/03/real-story", dead=False)
_case("short-real-page", f"{NEWS}/2025/02/short-note", dead=False)
_case("spa-shell", f"{SPA}/story/8c1f2", dead=False)
_case("auto-refresh", f"{NEWS}/2025/02/live-refresh", dead=False)
UNVERIFIABLE = {"spa-shell"}
"""Live but unreadable without scripts: ``blocked`` (exists, cannot be verified), never dead."""


def _html(page: str) -> Response:
    return Response(200, (("Content-Type", "text/html"),), page.encode())


def _web() -> Web:
    web = Web()
    posts = [CitedPost(slug, "", case.title, None, None, case.url) for slug, case in CASES.items()]
    web.page(f"{BLOG}/search/label/test", blogger_page(BLOG, posts))

    web.page(f"{NEWS}/", _listing("Example News"))
    web.page(f"{NEWS}/world/", _listing("Example News", "World | Example News"))
    web.page(f"{NEWS}/2025/02/deleted", "<title>Not Found</title>", status=404)
    web.page(f"{NEWS}/2025/02/gone", "<title>Gone</title>", status=410)
    web.redirect(f"{NEWS}/2025/02/to-home", "/", status=302)
    web.redirect(f"{NEWS}/2025/02/to-section", "/world/", status=301)
    web.redirect(f"{NEWS}/2025/02/to-error-path", "/errors/404.html", status=302)
    web.page(f"{NEWS}/errors/404.html", _plain("Example News", "<p>Nothing here.</p>"))
    web.page(f"{NEWS}/2025/02/title-missing-page", _plain("Page not found | Example News", ""))
    web.page(f"{NEWS}/2025/02/title-ja", _plain("ページが見つかりません | Example News", ""))
    web.page(
        f"{NEWS}/2025/02/h1-oops",
        _plain("Example News", "<h1>Oops! That page can’t be found.</h1>"),
    )
    web.page(
        f"{NEWS}/2025/02/h1-oops-after", _plain("Example News", "<h1>page not found, oops</h1>")
    )
    error = "<main><div class='error'><p>404 Not Found</p><p>Try the search box.</p></div></main>"
    web.page(f"{NEWS}/2025/02/body-error-text", _plain("Example News", error))
    web.page(
        f"{NEWS}/2025/02/title-es-sentence",
        _plain("Lo sentimos, la página que buscas no existe - Example News", "<p>Inicio</p>"),
    )
    refresh = "<meta http-equiv='refresh' content='0; url=/2025/02/deleted'>"
    web.page(f"{NEWS}/2025/02/meta-refresh", f"<html><head>{refresh}</head><body></body></html>")
    js = "<script>window.location.replace('/');</script>"
    web.page(
        f"{NEWS}/2025/02/js-to-home", f"<html><head>{js}</head><body>Redirecting…</body></html>"
    )

    web.redirect(f"{NEWS}/p/8841", "/climate-deal", status=301)
    web.page(f"{NEWS}/climate-deal", _article("Climate deal reached", "Example News"))
    web.redirect(f"{NEWS}/archives/123", "/release-notes/", status=301)
    web.page(f"{NEWS}/release-notes/", _article("Release notes", "Example News", meta=False))
    about = (
        "<p>A 404 Not Found error is what a server answers when the page you asked for is not "
        "there.</p>" + "<p>Here is why it happens and what readers can do about it.</p>" * 20
    )
    web.page(
        f"{NEWS}/2025/02/what-a-missing-page-means",
        _article("What a 404 Not Found error means", "Example News", body=about),
    )
    deep = "<p>The search went on for days.</p>" * 10 + "<p>The plane was not found.</p>"
    web.page(f"{NEWS}/2025/02/plane-search", _article("Plane search", "Example News", body=deep))
    web.page(
        f"{NEWS}/2025/02/short-note",
        _plain("A short note | Example News", "<h1>A short note</h1><p>We moved offices.</p>"),
    )
    auto = "<meta http-equiv='refresh' content='600; url=/'>"
    web.page(
        f"{NEWS}/2025/02/live-refresh", _article("Live: the talks", "Example News", extra=auto)
    )

    home = _listing("Catchall Times")
    web.page(f"{CATCH}/", home)
    web.fallback(CATCH.split("//")[1], _html(home))
    web.page(
        f"{CATCH}/2025/03/real-story",
        _plain("A real story | Catchall Times", "<h1>A real story</h1>" + "<p>Real text.</p>" * 30),
    )

    template = _plain(
        "Template Site",
        "<main><h1>Browse</h1><p>Browse our latest posts from writers across the country, with "
        "stories about culture, science and the world of ideas, updated every day.</p></main>",
    )
    web.page(f"{TEMPLATE}/", _listing("Template Site"))
    web.fallback(TEMPLATE.split("//")[1], _html(template))

    shell = (
        "<html><head><title>SPA News</title></head><body><div id='root'></div>"
        "<script src='/app.js'></script></body></html>"
    )
    web.fallback(SPA.split("//")[1], _html(shell))

    web.page(f"{FILES}/", _listing("Example Agency"))
    web.page(
        f"{FILES}/reports/annual-report-2024.pdf",
        _plain("Example Agency", "<main><h1>Welcome to the agency</h1><p>Our mission.</p></main>"),
    )
    viewer = (
        "<main><h1>Budget 2025</h1>"
        "<iframe src='/viewer/web/viewer.html?file=/files/budget-2025.pdf'></iframe></main>"
    )
    web.page(f"{FILES}/reports/budget-2025.pdf", _plain("Budget 2025 | Example Agency", viewer))
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    pdf_type = (("Content-Type", "application/pdf"),)
    web.add(f"{FILES}/reports/summary-2025.pdf", Response(200, pdf_type, pdf))
    return web


@pytest.fixture(scope="module")
def run() -> Iterator[tuple[Report, SampleWeb]]:
    web = _web()
    with SampleWeb(web) as site:
        rules = connect_rules(web, site)
        config = Config().with_(
            connect_to=rules, cacert=site.ca_path, timeout=2.0, retries=1, retry_backoff=0.01
        )
        yield check([f"{BLOG}/search/label/test"], config), site


@pytest.mark.parametrize("slug", list(CASES))
def test_case(run: tuple[Report, SampleWeb], slug: str) -> None:
    checked = source_of(run[0], slug)
    codes = {f.code for f in checked.findings}
    if CASES[slug].dead:
        assert checked.status is Status.BROKEN, checked
        assert codes & {Code.BROKEN, Code.SOFT_404}, checked.findings
    elif slug in UNVERIFIABLE:
        assert checked.status is Status.BLOCKED, checked
        assert codes == {Code.BLOCKED}, checked.findings
    else:
        assert checked.status in (Status.OK, Status.REDIRECTED), checked
        assert not codes & {Code.BROKEN, Code.SOFT_404}, checked.findings


@pytest.mark.parametrize(
    "slug", ["catch-all-home", "catch-all-template", "pdf-as-html", "meta-refresh-to-404"]
)
def test_new_classes_are_soft_404_with_a_reason(run: tuple[Report, SampleWeb], slug: str) -> None:
    checked = source_of(run[0], slug)
    assert [f.code for f in checked.findings] == [Code.SOFT_404], checked.findings


def test_sibling_probe_is_sent_once_per_host_and_depth(run: tuple[Report, SampleWeb]) -> None:
    _, site = run
    probes = {sibling_url(c.url) for c in CASES.values()} - {None}
    sent = {url: site.count(url) for url in probes if url is not None and site.count(url)}
    hosts_depths = {(u.split("/")[2], u.rstrip("/").count("/") - 2) for u in sent}
    assert all(count == 1 for count in sent.values()), sent
    assert len(hosts_depths) == len(sent), sent
    # A page that declares itself an article is never probed: NEWS has several at depth 3.
    assert f"{CATCH.split('//')[1]}" in {u.split("/")[2] for u in sent}


def test_forwarded_page_is_followed_through_the_fetcher(run: tuple[Report, SampleWeb]) -> None:
    _, site = run
    assert site.count(f"{NEWS}/2025/02/deleted") >= 1
    checked = source_of(run[0], "js-to-home")
    assert checked.final_url == f"{NEWS}/"
