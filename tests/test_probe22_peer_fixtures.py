"""What running citecheck over other link checkers' fixtures found (session 22).

Peers: htmltest (wjdp/htmltest ``htmltest/fixtures``), linkinator, muffet,
markdown-link-check, remark-validate-links, and the Markdown truth sources (the CommonMark
spec's examples, markdown-it's ``test/fixtures``): each difference between what the peer's own
tests expect and what citecheck cites, skips with a reason or reports.

- ``<a href="//fofofo.biz.woo">`` in a file with no web address (htmltest's
  ``link_missing_protocol_invalid.html``, markdown-it's ``[](//☃.net/)``) became
  ``file://fofofo.biz.woo`` and was skipped as a file reference: a dead external host passed.
- ``href="(https://docs.vmware.com/…)"`` (htmltest's ``href_brackets.html``, "bad reference")
  and ``href="\\u200bhttps://overcast.fm/…"`` (``invisible_character.html``) were read as
  relative paths: skipped in a file, a URL nobody wrote on a web page.  They are near-misses.
- ``hhttppss://example.org`` (markdown-link-check's ``sample.md``: an "invalid protocol" error
  there) was no citation at all.
- ``https://example.com/foo`bar`baz`` (markdown-it's linkify fixture) cited
  ``https://example.com/foobaz``: the code span left out, the text around it joined.
- That 67-byte UTF-8 file (no charset) was decoded as Shift JIS: the href became mojibake.
- A page's ``<meta http-equiv="refresh" content="0; url=…">`` (linkinator's ``metarefresh``,
  htmltest's ``meta/``: both check it) was neither cited nor reported: a moved post's stub
  sending readers to a dead page passed.
- ``href="//////"`` (linkinator's ``malformed``: broken there) was skipped "not an http(s) URL".
"""

from __future__ import annotations

import pytest

from checker.encoding import decode_body
from checker.extract import extract
from checker.extract.links import HrefKind, classify_href
from checker.model import Page, PageKind
from checker.urls import is_near_miss, repair
from checker.verify.availability import unfetched_verdict

FILE_BASE = "file:///blog/post.html"
WEB_BASE = "https://blog.example/posts/p.html"


def _cited(body: str, kind: PageKind, *, verbatim: bool = False) -> list[str | None]:
    name = "post.md" if kind is PageKind.MARKDOWN else "post.html"
    page = Page(f"file:///blog/{name}", f"/blog/{name}", body, kind)
    return [c.url for d in extract(page, include_verbatim=verbatim) for c in d.citations]


@pytest.mark.parametrize(
    ("href", "url"),
    [
        ("//fofofo.biz.woo", "https://fofofo.biz.woo"),
        ("//☃.net/", "https://☃.net/"),
        ("//cdn.example/a/b?q=1#frag", "https://cdn.example/a/b?q=1"),
    ],
)
def test_a_scheme_relative_link_in_a_file_is_a_web_link(href: str, url: str) -> None:
    found = classify_href(href, FILE_BASE)
    assert (found.kind, found.url) == (HrefKind.WEB, url)


@pytest.mark.parametrize(
    ("href", "base", "kind", "url"),
    [  # near misses: a page on the web keeps its own scheme; paths stay file references
        ("//cdn.example/a", "http://blog.example/p", HrefKind.WEB, "http://cdn.example/a"),
        ("//cdn.example/a", WEB_BASE, HrefKind.WEB, "https://cdn.example/a"),
        ("notes/a.html", FILE_BASE, HrefKind.LOCAL, "file:///blog/notes/a.html"),
        ("/a.html", FILE_BASE, HrefKind.LOCAL, "file:/a.html"),  # root-relative (--root-dir)
        ("//", FILE_BASE, HrefKind.MALFORMED, "//"),
    ],
)
def test_other_relative_links_resolve_as_before(
    href: str, base: str, kind: HrefKind, url: str
) -> None:
    found = classify_href(href, base)
    assert (found.kind, found.url) == (kind, url)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ('<p>Blah. <a href="//fofofo.biz.woo">An unreal link!</a></p>', PageKind.HTML),
        ("# P\n\nSee [it](//fofofo.biz.woo).\n", PageKind.MARKDOWN),
    ],
)
def test_a_scheme_relative_link_is_cited_and_checked(body: str, kind: PageKind) -> None:
    (url,) = _cited(body, kind)
    assert url == "https://fofofo.biz.woo"
    assert unfetched_verdict(url) is None  # requested, not skipped as a file reference


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        (
            "(https://docs.vmware.com/en/GUID-41E5.html)",
            "https://docs.vmware.com/en/GUID-41E5.html",
        ),
        ("\u200bhttps://overcast.fm/+CGRt2FEbw/1:17:15", "https://overcast.fm/+CGRt2FEbw/1:17:15"),
        ("\ufeffhttp://example.org/a", "http://example.org/a"),
        ("<https://example.org/a>", "https://example.org/a"),
        ('"https://example.org/a"', "https://example.org/a"),
        ("“https://example.org/a”", "https://example.org/a"),
        ("[https://example.org/a]", "https://example.org/a"),
        ("(htps://example.org/a)", "https://example.org/a"),
        ("hhttppss://example.org", "https://example.org"),
        ("httpss://example.org/x", "https://example.org/x"),
    ],
)
def test_a_wrapped_or_prefixed_url_is_a_near_miss_with_its_fix(written: str, fixed: str) -> None:
    assert is_near_miss(written)
    assert repair(written) == fixed
    assert classify_href(written, WEB_BASE).kind is HrefKind.MALFORMED
    verdict = unfetched_verdict(written)
    assert verdict is not None and verdict.findings[0].suggestion == f"did you mean {fixed}?"


@pytest.mark.parametrize(
    "written",
    [
        "https://en.wikipedia.org/wiki/Go_(game)",
        "(notes).html",
        "(draft)",
        "[1]",
        "\u200bnotes.html",
        "https://example.org/a\u200b",
        "applesauce://example.org",
        "happy://x",
    ],
)
def test_other_hrefs_are_no_near_miss(written: str) -> None:
    assert not is_near_miss(written)


def test_a_wrapped_href_in_a_post_is_reported_not_skipped() -> None:
    body = (
        '<a href="(https://docs.vmware.com/x.html)">brackets</a>\n'
        '<a href="\u200bhttps://overcast.fm/+CGRt2FEbw/1:17:15">colon link</a>\n'
    )
    urls = _cited(body, PageKind.HTML)
    assert urls == [
        "(https://docs.vmware.com/x.html)",
        "\u200bhttps://overcast.fm/+CGRt2FEbw/1:17:15",
    ]
    assert all(unfetched_verdict(u).status.value == "broken" for u in urls)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("see https://example.com/foo`bar`baz now\n", PageKind.MARKDOWN),
        ("<p>see https://example.com/foo<code>bar</code>baz now</p>", PageKind.HTML),
        ("<p>see https://example.com/foo<kbd>bar</kbd>baz now</p>", PageKind.HTML),
    ],
)
def test_code_left_out_does_not_join_the_url_around_it(body: str, kind: PageKind) -> None:
    """markdown-it's linkify fixture: ``foobaz``, a URL nobody wrote, was cited.  GFM (cmark-gfm
    links text after inline parsing) links ``https://example.com/foo``, as lychee does with and
    without ``--include-verbatim``; so does citecheck now (read, the code gave ``…/foobarbaz``)."""
    assert _cited(body, kind) == ["https://example.com/foo"]
    assert _cited(body, kind, verbatim=True) == ["https://example.com/foo"]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("see `https://x.example/a` and <code>https://x.example/b</code>\n", PageKind.MARKDOWN),
        (
            "<p>see <code>https://x.example/a</code> and <pre>https://x.example/b</pre></p>",
            PageKind.HTML,
        ),
    ],
)
def test_a_url_in_code_is_still_read_with_include_verbatim(body: str, kind: PageKind) -> None:
    assert _cited(body, kind) == []
    assert _cited(body, kind, verbatim=True) == ["https://x.example/a", "https://x.example/b"]


def test_short_undeclared_utf8_is_utf8() -> None:
    """htmltest's invisible_character.html, 67 bytes with no charset, was read as Shift JIS."""
    body = b'<a href="\xe2\x80\x8bhttps://overcast.fm/+CGRt2FEbw/1:17:15">colon link</a>\n'
    text, encoding = decode_body(body, None)
    assert text == body.decode("utf-8")
    assert encoding == "utf-8"


@pytest.mark.parametrize(
    "body", ["café".encode("cp1252"), "ウクライナの冬".encode("shift_jis"), b"\xff\xfeh\x00i\x00"]
)
def test_bodies_that_are_not_utf8_still_go_to_detection(body: bytes) -> None:
    text, encoding = decode_body(body, None)
    assert encoding != "utf-8"
    assert "\ufffd" not in text


REFRESH_PAGE = """<html>
<head>
<meta http-equiv="refresh" content="0;url=http://example.invalid/redirected" />
</head>
<body>
<p>This page has moved.</p>
</body>
</html>
"""


@pytest.mark.parametrize(
    ("content", "url"),
    [
        ("0;url=http://example.invalid/redirected", "http://example.invalid/redirected"),
        ("5; url=http://example.invalid/delayed", "http://example.invalid/delayed"),
        ("0;URL=http://example.invalid/uppercase", "http://example.invalid/uppercase"),
        (
            "0; URL='https://github.com/kaushalmodi/ox-hugo/issues'",
            "https://github.com/kaushalmodi/ox-hugo/issues",
        ),
        ("3;url=//www.mozilla.org/404/", "https://www.mozilla.org/404/"),
        ("0; url=../new/", "file:///blog/new/"),
        ("1 https://x.example/a", "https://x.example/a"),  # WHATWG: a space parts them too
    ],
)
def test_a_pages_meta_refresh_target_is_cited(content: str, url: str) -> None:
    """linkinator's ``metarefresh`` and htmltest's ``meta/`` fixtures: a page that sends every
    reader on (a moved post's stub) had its target neither cited nor reported."""
    body = REFRESH_PAGE.replace("0;url=http://example.invalid/redirected", content)
    (document,) = extract(
        Page("file:///blog/old/post.html", "/blog/old/post.html", body, PageKind.HTML)
    )
    assert [(c.url, c.line) for c in document.citations] == [(url, 3)]


@pytest.mark.parametrize(
    "meta",
    [
        '<meta http-equiv="refresh" content="900">',  # a news page reloading itself
        '<meta http-equiv="refresh" content="600; url=https://news.example/">',  # not waited for
        '<noscript><meta http-equiv="refresh" content="0; url=https://x.example/?nojs=1"></noscript>',
        '<meta http-equiv="refresh" content="0; url=mailto:a@b.example">',
        '<meta name="refresh" content="0; url=https://x.example/">',
        '<meta http-equiv="refresh" content="">',
        '<meta http-equiv="refresh" content="3x;url=https://x.example/">',  # htmltest: invalid
        '<meta http-equiv="refresh" content="-2">',
    ],
)
def test_a_reload_or_a_refresh_no_reader_waits_for_is_not_cited(meta: str) -> None:
    body = REFRESH_PAGE.replace(
        '<meta http-equiv="refresh" content="0;url=http://example.invalid/redirected" />', meta
    )
    (document,) = extract(Page("file:///blog/post.html", "/blog/post.html", body, PageKind.HTML))
    assert document.citations == ()


def test_a_refresh_to_a_link_the_post_cites_is_one_citation() -> None:
    body = REFRESH_PAGE.replace(
        "<p>This page has moved.</p>",
        '<p>Moved <a href="http://example.invalid/redirected">here</a>.</p>',
    )
    (document,) = extract(Page("file:///blog/post.html", "/blog/post.html", body, PageKind.HTML))
    assert [c.url for c in document.citations] == ["http://example.invalid/redirected"]


@pytest.mark.parametrize("href", ["//////", "//", "http://", "https://", "HTTPS:///", "//?#"])
def test_a_link_with_no_host_is_malformed_not_skipped(href: str) -> None:
    """linkinator's ``malformed`` fixture: ``href="//////"`` was cited, then skipped "not an
    http(s) URL": a link that goes nowhere, passed with a wrong reason (linkinator: broken)."""
    verdict = unfetched_verdict(href)
    assert verdict is not None
    assert [f.code.value for f in verdict.findings] == ["malformed-url"]
    assert verdict.findings[0].suggestion is None


QUOTED = "He said “https://x.example/h” and ‘https://x.example/i’, «https://x.example/j» ok.\n"


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (QUOTED, PageKind.MARKDOWN),
        (f"<p>{QUOTED}</p>", PageKind.HTML),
        (QUOTED, PageKind.TEXT),
    ],
)
def test_a_closing_quote_after_a_url_is_not_part_of_it(body: str, kind: PageKind) -> None:
    """Found probing (lychee and GFM keep it too: ``…/h%E2%80%9D``, a 404 nobody wrote)."""
    name = {"MARKDOWN": "post.md", "HTML": "post.html", "TEXT": "post.txt"}[kind.name]
    page = Page(f"file:///blog/{name}", f"/blog/{name}", body, kind)
    urls = [c.url for d in extract(page) for c in d.citations]
    assert urls == ["https://x.example/h", "https://x.example/i", "https://x.example/j"]


def test_a_quote_inside_a_url_stays() -> None:
    page = Page(
        FILE_BASE, "/blog/post.html", "<p>see https://x.example/rock’n’roll now</p>", PageKind.HTML
    )
    assert [c.url for d in extract(page) for c in d.citations] == ["https://x.example/rock’n’roll"]
