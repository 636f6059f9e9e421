"""Rule gaps named by the held-out reads of sessions 21 and 22 (issue 14): a host-like name
the page writes as an address, CJK bylines of several people, a footer's software credit."""

from __future__ import annotations

import pytest

from checker.verify.citation import author_finding
from checker.verify.match import author_absent, full_names
from checker.verify.metadata import read_metadata

URL = "https://news.example.com/2023/story"
TEXT = "<p>" + "A paragraph of the story, long enough to be the page's main text. " * 8 + "</p>"
CN_URL = "http://news.example.cn/n1/2023/0101/c1-1.html"
CN_TEXT = "<p>" + "新闻正文的一段，足够长，可以作为页面的主要文字。" * 8 + "</p>"


def _page(body: str, head: str = "") -> str:
    return (
        f'<html lang="en"><head><title>A story</title>{head}</head><body><article>'
        f"<h1>A story</h1>{TEXT}{body}</article></body></html>"
    )


def _cn_page(body: str) -> str:
    return (
        '<html lang="zh"><head><title>一条新闻</title></head><body><article>'
        f"<h1>一条新闻</h1>{CN_TEXT}{body}</article></body></html>"
    )


def test_a_host_like_name_the_page_writes_as_an_address_is_no_mismatch() -> None:
    """``lsariasfstandard.com`` (a writer's e-mail address that lost its ``@``) cited for a
    page whose author data holds ``lsaria@sfstandard.com``: the same characters as one
    address, word-bounded, credit it; its letters inside another word do not."""
    profile = '<script>{"email":"lsaria@sfstandard.com","title":"Lauren Saria"}</script>'
    page = _page("<p>By Lauren Saria</p>", profile + '<meta name="author" content="Lauren Saria">')
    meta = read_metadata(page, URL)
    assert author_finding("lsariasfstandard.com", meta, page, URL) is None
    assert author_finding("sfstandard.com", meta, page, URL) is not None
    assert author_finding("jdoesfstandard.com", meta, page, URL) is not None
    crumbs = '<script type="application/ld+json">{"@type": "BreadcrumbList"}</script>'
    inside = _page("<p>By Jane Doe</p>", crumbs + '<meta name="author" content="Jane Doe">')
    assert author_finding("mbl.is", read_metadata(inside, URL), inside, URL) is not None
    written = _page(
        "<p>By Jane Doe</p><p>Frétt af mbl.is</p>", '<meta name="author" content="Jane Doe">'
    )
    assert author_finding("mbl.is", read_metadata(written, URL), written, URL) is None


@pytest.mark.parametrize(
    "cited", ["牛镛 and 岳弘彬", "牛镛和岳弘彬", "牛镛、岳弘彬", "牛镛，岳弘彬"]
)
def test_a_cjk_byline_of_two_people_is_two_names(cited: str) -> None:
    """``牛镛 and 岳弘彬`` cited for a page naming no author that writes
    ``(责编：牛镛、岳弘彬)``: two one-word Chinese names (no evidence either way), not one
    three-word name whose adjacent words (``牛镛and``) no page holds."""
    page = _cn_page("<p>(责编：牛镛、岳弘彬)</p>")
    meta = read_metadata(page, CN_URL)
    assert meta.authors == () or "牛镛" not in "".join(meta.authors)
    assert author_finding(cited, meta, page, CN_URL) is None


def test_a_byline_of_several_names_is_absent_only_when_each_name_is() -> None:
    """The whole byline's pairs are no longer searched (``doeand``), each full name's still
    are; a byline written whole (``APA/AP``) stays evidence where the page names an author."""
    assert not author_absent("John Smith and Jane Doe", "<p>By Jane Doe</p>")
    assert author_absent("John Smith and Jane Doe", "<p>Ask Doe and Max</p>")
    assert author_absent("Jane Doe and Max", "<p>Doe and Max</p>")
    assert full_names("APA/AP") == ["APA/AP"]


@pytest.mark.parametrize("byline", ["牛镛和岳弘彬", "牛镛、岳弘彬", "牛镛 与 岳弘彬"])
def test_a_cjk_byline_the_reader_finds_is_split_into_its_people(byline: str) -> None:
    """A byline ``牛镛和岳弘彬`` read as one name made a citation of one of them
    (``岳弘彬``) a false ``author-mismatch``; ``和`` inside one name (``张和平``) stays."""
    page = _cn_page(f'<p class="author">{byline}</p>')
    meta = read_metadata(page, CN_URL)
    assert set(meta.authors) >= {"牛镛", "岳弘彬"}
    assert author_finding("岳弘彬", meta, page, CN_URL) is None
    assert author_finding("王小明", meta, page, CN_URL) is not None
    one = _cn_page('<p class="author">张和平</p>')
    assert read_metadata(one, CN_URL).authors == ("张和平",)


@pytest.mark.parametrize(
    "credit",
    [
        '<a href="https://follow.it" class="powered-by-line">Powered by <img alt="x"></a>',
        '<p class="byline">Powered by Blogger</p>',
        '<div class="author">Proudly powered by WordPress</div>',
    ],
)
def test_a_software_credit_is_no_author(credit: str) -> None:
    """A footer's ``Powered by Blogger`` (or a follow widget's ``powered-by-line``, a byline
    class by its letters) was read as an author beside the page's own."""
    page = _page(f"<footer>{credit}</footer>", '<meta name="author" content="Der Postillon">')
    meta = read_metadata(page, URL)
    assert meta.authors == ("Der Postillon",)


@pytest.mark.parametrize("order", ["name-first", "content-first"])
def test_an_account_the_page_declares_as_creator_without_its_at_is_no_mismatch(order: str) -> None:
    """``dmosbergen`` cited for a page by Dominique Mosbergen whose ``twitter:creator`` is
    ``dmosbergen`` (no ``@``): the writer's declared account; the same word in another meta
    tag (a description) is no evidence."""
    tag = (
        '<meta name="twitter:creator" content="dmosbergen">'
        if order == "name-first"
        else '<meta content="dmosbergen" property="twitter:creator">'
    )
    author = '<meta name="author" content="Dominique Mosbergen">'
    page = _page("<p>By Dominique Mosbergen</p>", tag + author)
    meta = read_metadata(page, URL)
    assert author_finding("dmosbergen", meta, page, URL) is None
    assert author_finding("jdoe", meta, page, URL) is not None
    other = _page(
        "<p>By Dominique Mosbergen</p>", '<meta name="keywords" content="dmosbergen">' + author
    )
    assert author_finding("dmosbergen", read_metadata(other, URL), other, URL) is not None
