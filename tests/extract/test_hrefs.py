"""Issue 12: no link is dropped silently.  One classification of an href, in every format."""

from __future__ import annotations

from functools import partial

import pytest

from checker.extract import extract
from checker.extract.lines import bare_urls
from checker.extract.links import Href, HrefKind, classify_href
from checker.model import CitationKind, Page, PageKind
from checker.urls import is_near_miss, repair
from tests.cost import cpu_seconds

WEB_PAGE = "https://blog.example/posts/p.html"
FILE_PAGE = "file:///home/me/posts/p.md"


@pytest.mark.parametrize(
    ("href", "fix"),
    [
        ("htps://www.example.com/a", "https://www.example.com/a"),
        ("http//example.com/x", "http://example.com/x"),
        ("https:/example.com/x", "https://example.com/x"),
        ("http:/x", "http://x"),
        ("hxxp://evil.example/x", "http://evil.example/x"),
        ("hxxps://evil.example/x", "https://evil.example/x"),
        ("ttps://a.example/b", "https://a.example/b"),
        ("https:///three.example/x", "https://three.example/x"),
        ("www.example.com/x", "https://www.example.com/x"),
        ("HTTPS//A.EXAMPLE/", "https://A.EXAMPLE/"),
        ("https:///http%3A//www.stat.kz/a.pdf", "http://www.stat.kz/a.pdf"),
        ("https:///http://www.x.example/a", "http://www.x.example/a"),
        ("http:/HTTPS%3A%2F%2Fy.example/b", "https://y.example/b"),
    ],
)
def test_near_misses_are_repaired(href: str, fix: str) -> None:
    assert is_near_miss(href)
    assert repair(href) == fix


@pytest.mark.parametrize(
    "href",
    ["https://ok.example/", "http://ok.example", "mailto:a@b.example", "posts/x", "//cdn.example/x",
     "www.example", "ftp://files.example/x", "", "#top", "../a/http//b"],
)  # fmt: skip
def test_what_is_no_near_miss(href: str) -> None:
    assert not is_near_miss(href)


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("https://a.example/x#s", WEB_PAGE, Href(HrefKind.WEB, "https://a.example/x", "s")),
        ("../2024/old.html", WEB_PAGE, Href(HrefKind.WEB, "https://blog.example/2024/old.html")),
        ("//cdn.example/y", WEB_PAGE, Href(HrefKind.WEB, "https://cdn.example/y")),
        # near-misses are kept as written, never joined to the page as relative paths
        ("www.example.com/x", WEB_PAGE, Href(HrefKind.MALFORMED, "www.example.com/x")),
        ("http//example.com/x", WEB_PAGE, Href(HrefKind.MALFORMED, "http//example.com/x")),
        ("htps://example.com/x", WEB_PAGE, Href(HrefKind.MALFORMED, "htps://example.com/x")),
        ("https:/example.com/x", FILE_PAGE, Href(HrefKind.MALFORMED, "https:/example.com/x")),
        ("http:/x", WEB_PAGE, Href(HrefKind.MALFORMED, "http:/x")),
        ("http://[::1", WEB_PAGE, Href(HrefKind.MALFORMED, "http://[::1")),
        # relative links in a local file with no web address: file references
        ("other.md", FILE_PAGE, Href(HrefKind.LOCAL, "file:///home/me/posts/other.md")),
        ("#top", FILE_PAGE, Href(HrefKind.NONE, fragment="top")),
        ("b.md#gone", FILE_PAGE, Href(HrefKind.LOCAL, "file:///home/me/posts/b.md", "gone")),
        ("#", FILE_PAGE, Href(HrefKind.NONE)),
        ("https://a.example/", FILE_PAGE, Href(HrefKind.WEB, "https://a.example/")),
        # not citations
        ("mailto:a@b.example", WEB_PAGE, Href(HrefKind.NONE)),
        ("tel:+100", WEB_PAGE, Href(HrefKind.NONE)),
        ("javascript:void(0)", WEB_PAGE, Href(HrefKind.NONE)),
        ("data:text/html,hi", WEB_PAGE, Href(HrefKind.NONE)),
        ("ftp://files.example/x", WEB_PAGE, Href(HrefKind.NONE)),
        ("  ", WEB_PAGE, Href(HrefKind.NONE)),
    ],
)
def test_classify_href(href: str, base: str, expected: Href) -> None:
    assert classify_href(href, base) == expected


def test_bare_urls_find_near_misses_in_prose() -> None:
    text = (
        "see htps://www.example.com/a, and http//x.example/b. www.example.com/c then "
        "https://ok.example/d 記事はhtps://jp.example/e。 but not www.nothing or foo.www.x.com"
    )
    assert bare_urls(text) == (
        "htps://www.example.com/a",
        "http//x.example/b",
        "http://www.example.com/c",
        "https://ok.example/d",
        "htps://jp.example/e",
    )


def test_bare_urls_stay_linear_on_near_miss_floods() -> None:
    """No backtracking: 40x the input costs about 40x the time, not 1600x."""

    for unit in ("htp:/", "www.", "hxxp//", "ttp:" * 3, "w" * 50):
        small, large = unit * 500, unit * 20_000
        base = cpu_seconds(partial(bare_urls, small))
        assert cpu_seconds(partial(bare_urls, large), repeat=2) < base * 40 * 8, unit


MALFORMED = ["www.example.com/x", "htps://typo.example/a", "http//typo.example/b"]
FORMS = {
    PageKind.HTML: (
        "<html><body><main><h1>T</h1><p>"
        '<a href="www.example.com/x">one</a> <a href="htps://typo.example/a">two</a>'
        " and http//typo.example/b. <a href='mailto:a@b.example'>mail</a></p></main></body></html>"
    ),
    PageKind.MARKDOWN: (
        "# T\n\n[one](www.example.com/x) [two](htps://typo.example/a)\n"
        "and http//typo.example/b. [mail](mailto:a@b.example)\n"
    ),
    PageKind.TEXT: "T\nwww.example.com/x htps://typo.example/a\nand http//typo.example/b.\n",
}


@pytest.mark.parametrize("kind", list(PageKind))
def test_malformed_links_are_citations_as_written(kind: PageKind) -> None:
    """A ``www.`` link destination is a relative path that cannot work, kept as written; the
    same address written in a text file's prose is the link it names (``urls.www_address``)."""
    (doc,) = extract(Page(WEB_PAGE, "p", FORMS[kind], kind))
    expected = (
        MALFORMED if kind is not PageKind.TEXT else ["http://" + MALFORMED[0], *MALFORMED[1:]]
    )
    assert [(c.kind, c.url) for c in doc.citations] == [(CitationKind.LINK, u) for u in expected]


@pytest.mark.parametrize("kind", [PageKind.HTML, PageKind.MARKDOWN])
def test_relative_links_in_a_local_file_are_kept_as_file_references(kind: PageKind) -> None:
    body = {
        PageKind.HTML: '<html><body><main><p><a href="other.html">x</a></p></main></body></html>',
        PageKind.MARKDOWN: "# T\n\n[x](other.html) [top](#top)\n",
    }[kind]
    (doc,) = extract(Page(FILE_PAGE, "p", body, kind))
    assert [c.url for c in doc.citations] == ["file:///home/me/posts/other.html"]


def test_an_attribution_url_written_wrong_is_kept() -> None:
    body = "タイトル(Example News)\n■\nA Title Of The Article\nBy Jane Doe\nhtps://news.example/a\n"
    docs = extract(Page(WEB_PAGE, "p", body, PageKind.TEXT))
    urls = [c.url for d in docs for c in d.citations]
    assert "htps://news.example/a" in urls


@pytest.mark.parametrize("tail", [")", "[a]", "[1]", "."])
def test_trimming_a_bare_url_stays_linear(tail: str) -> None:
    """A URL followed by a flood of ``)`` took 8 s for 80k (quadratic); now about linear."""

    small, large = "http://x.example/" + tail * 2_000, "http://x.example/" + tail * 80_000
    base = cpu_seconds(partial(bare_urls, small))
    assert cpu_seconds(partial(bare_urls, large), repeat=2) < base * 40 * 8, tail


def _reference(href: str, base: str) -> Href:
    """The classification as written before the absolute-URL shortcut (issue 19)."""
    from urllib.parse import urldefrag, urljoin, urlsplit  # noqa: PLC0415

    from checker.extract.links import _without_dot_segments  # noqa: PLC0415

    href = href.strip()
    if not href:
        return Href(HrefKind.NONE)
    if is_near_miss(href):
        return Href(HrefKind.MALFORMED, href)
    written = href.split(":", 1)[0].lower() if ":" in href else None
    try:
        absolute, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(absolute)
    except ValueError:
        return Href(HrefKind.MALFORMED, href)
    if parts.scheme.lower() in ("http", "https"):
        if not parts.netloc:
            return Href(HrefKind.MALFORMED, href)
        return Href(HrefKind.WEB, _without_dot_segments(absolute, parts.path))
    assert written is not None
    return Href(HrefKind.NONE)


@pytest.mark.parametrize("base", [WEB_PAGE, "http://blog.example/p", FILE_PAGE, ""])
@pytest.mark.parametrize(
    "href",
    [
        "https://news.example/a/b?x=1",
        "HTTPS://News.Example/a",
        "https://news.example/a?",
        "https://news.example/a?#",
        "https://news.example/a#frag",
        "https://news.example/a;p=1?q",
        "https://news.example/a/;",
        "https://news.example",
        "https://news.example?q=1",
        "https://news.example/a/../b/./c",
        "http://news.example/a b",
        "http://news.example/a\tb",
        "http://[::1]/x",
        "http://[bad/x",
        "http:relative/path",
        "https:///nohost",
        "http://user:pw@news.example:8080/x",
        "https://news.example/日本?語=1",
    ],
)
def test_an_absolute_url_is_classified_as_before(href: str, base: str) -> None:
    """The shortcut for absolute URLs (no ``urljoin``) gives what the general path gave (and
    the fragment the href names, session 24)."""
    classified = classify_href(href, base)
    assert Href(classified.kind, classified.url) == _reference(href, base)
    assert classified.fragment == ((href.partition("#")[2] or None) if classified.url else None)


def test_an_absolute_url_is_not_joined(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19, CPU per URL: an absolute link with a host is parsed once, never joined."""
    from checker.extract import links  # noqa: PLC0415

    def joined(*args: object) -> str:
        raise AssertionError("urljoin called")

    monkeypatch.setattr(links, "urljoin", joined)
    monkeypatch.setattr(links, "urldefrag", joined)
    expected = Href(HrefKind.WEB, "https://news.example/a")
    assert classify_href("https://news.example/a", WEB_PAGE) == expected
    assert classify_href("http://news.example/a", WEB_PAGE).url == "http://news.example/a"


def test_a_bare_www_address_in_a_pages_text_is_the_link_it_names() -> None:
    """Five of the 200 real pages write an address without its scheme in their text
    (``www.jugend-forscht.de``): each was a ``malformed-url`` error on a correct page."""
    body = "<html><body><main><h1>T</h1><p>Quelle: www.example.de/a.</p></main></body></html>"
    (doc,) = extract(Page(WEB_PAGE, "p", body, PageKind.HTML))
    assert [c.url for c in doc.citations] == ["http://www.example.de/a"]


@pytest.mark.parametrize(
    "href",
    [
        "https://news.example/a/b?x=1",
        "http://news.example",
        "http://news.example/",
        "http://news.example?q=1",
        "http://news.example/?q?r=/s",
        "http://news.example/a?",
        "http://news.example?",
        "http://user:pw@news.example:8080/x'(y)*,!$&=~%41",
        "http://news.example:/x",
        "http://news.example/a;b",
        "http://news.example/a b",
        "http://news.example/a\x00b",
        "http://news.example/a\x7fb",
        "http://news.example/a#",
        "http://news.example/日本",
        "http://news.example/a\\b",
        "http://[::1]/x",
        "http://[bad/x",
        "http:///x",
        "http://?q",
        "https://news.example/a/../b",
    ],
)
def test_a_plain_urls_split_is_urlsplits(href: str) -> None:
    """Issue 19, session 36: the split read off a plain URL's match is ``urlsplit``'s, and the
    URL is what ``urlunsplit`` gives back (whichever the base's scheme)."""
    from urllib.parse import urlsplit, urlunsplit  # noqa: PLC0415

    from checker.extract.links import _absolute_web  # noqa: PLC0415
    from checker.urls import _PLAIN_WEB_URL, split_url  # noqa: PLC0415

    if _PLAIN_WEB_URL.fullmatch(href) is None or ";" in href:
        return  # the general path's (a ``;`` is ``urlparse``'s params: no shortcut at all)
    for base in (WEB_PAGE, "http://blog.example/p"):
        found = _absolute_web(href, base)
        assert found is not None
        absolute, parts = found
        assert parts == urlsplit(href)
        assert absolute == href == urlunsplit(urlsplit(href))
    assert split_url(href) == urlsplit(href)


def test_a_plain_url_is_not_split_by_urlsplit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19, session 36: ``urlsplit`` costs ~7 µs a URL not in its cache (most of a post's
    links, each split by the link stage and again by ``split_url``): a plain
    ``http(s)://host/path?query`` is split by its match."""
    from checker import urls  # noqa: PLC0415
    from checker.extract import links  # noqa: PLC0415

    def split(*args: object) -> object:
        raise AssertionError("urlsplit called")

    monkeypatch.setattr(links, "urlsplit", split)
    monkeypatch.setattr(urls, "urlsplit", split)
    for href in ("https://news.example/a/b-36.html?x=1", "http://news36.example"):
        assert classify_href(href, WEB_PAGE) == Href(HrefKind.WEB, href)
        assert urls.split_url(href).netloc == href.split("/")[2].split("?")[0]
