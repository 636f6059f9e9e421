"""Probe 21 (left): what the differential probe against lychee left unsaid or uncited.

A quote whose source page has no text could not be compared: it is a note that says so, never a
``quote-not-found`` with an empty sentence, and never a silent pass.  An XML file that is
neither a feed nor a sitemap was read as plain text: its namespace names (``xmlns``,
``xsi:schemaLocation``), identifiers that are never fetched, were cited as links (false
``broken`` alarms), and a relative ``href``/``src`` was lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.discover.feeds import entry_page_html, parse_feed
from checker.discover.inputs import _path_discovery
from checker.extract import extract
from checker.findings import Code
from checker.model import Page, PageKind, Severity
from checker.verify.quotes import find_quote, quote_finding

QUOTE_EN = "The two leaders agreed to begin negotiations immediately, the statement said."
QUOTE_JA = "ロシアは領土の交換について議論したこともないし、今後も議論することはない。"
EMPTY_PAGES = [
    "<html><head><title>x</title></head><body></body></html>",
    "<html><body><script>render()</script><p>   </p></body></html>",
    "<html><body><p>— · —</p></body></html>",
]


@pytest.mark.parametrize("page", EMPTY_PAGES)
@pytest.mark.parametrize("quote", [QUOTE_EN, QUOTE_JA])
def test_a_quote_against_a_page_without_text_is_a_could_not_compare_note(
    page: str, quote: str
) -> None:
    match = find_quote(quote, page, "https://news.example/a")
    finding = quote_finding(match, "https://news.example/a")
    assert finding is not None  # never a silent pass (a Japanese quote was "translated")
    assert finding.code is Code.BLOCKED
    assert finding.severity is Severity.INFO
    assert "could not be compared" in finding.message
    assert "“”" not in finding.message
    assert "https://news.example/a" in finding.message


def test_a_quote_missing_from_a_page_with_text_is_still_not_found() -> None:
    page = "<html><body><article><p>" + "An unrelated report about the weather. " * 5
    match = find_quote(QUOTE_EN, page + "</p></article></body></html>", "https://news.example/b")
    finding = quote_finding(match, "https://news.example/b")
    assert finding is not None
    assert finding.code is Code.QUOTE_NOT_FOUND


_GENERIC_XML = """<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://example.org/ns/catalog/1.0"
         xmlns:xlink="http://www.w3.org/1999/xlink"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://example.org/ns/catalog/1.0 http://example.org/ns/catalog.xsd">
  <book id="b1" xlink:href="https://books.example/b1">
    <title>First</title>
    <note>Reviewed at https://reviews.example/b1?a=1&amp;b=2 last spring.</note>
  </book>
  <cover src="covers/b1.png"/>
  <link href="https://publisher.example/catalog"/>
  <!-- http://comment.example/not-cited -->
</catalog>
"""


def test_an_xml_file_that_is_neither_feed_nor_sitemap_cites_links_not_namespaces(
    tmp_path: Path,
) -> None:
    path = tmp_path / "catalog.xml"
    path.write_text(_GENERIC_XML, encoding="utf-8")
    (page,) = _path_discovery(path).pages
    cited = [(c.line, c.url) for d in extract(page) for c in d.citations]
    assert cited == [
        (6, "https://books.example/b1"),
        (8, "https://reviews.example/b1?a=1&b=2"),
        (10, (tmp_path / "covers/b1.png").as_uri()),
        (11, "https://publisher.example/catalog"),
    ]


def test_del_ins_object_embed_and_inline_svg_links_are_cited() -> None:
    """lychee checks ``<del cite>``, ``<ins cite>``, ``<object data>``, ``<embed src>`` and the
    links of an inline SVG; none was cited nor reported.  They are cited as ``<iframe src>`` and
    ``<blockquote cite>`` are (a document shown, a source named by attribute); an SVG link is
    clicked like an image map's area, its text the link's.  An image stays uncited."""
    html = (
        "<html><body><article><h1>Changes</h1>\n"
        '<p>The minister <del cite="https://fix.example/correction">denied</del>'
        ' <ins cite="https://fix.example/update" datetime="2025-01-02">confirmed</ins> it.</p>\n'
        '<object data="https://docs.example/report.pdf" type="application/pdf" title="Report">\n'
        '<embed src="https://docs.example/report.pdf"></object>\n'
        '<embed src="https://docs.example/chart.svg" type="image/svg+xml">\n'
        '<svg viewBox="0 0 10 10"><a href="https://svg.example/north"><text>North</text></a>\n'
        '<a xlink:href="https://svg.example/south"><text>South</text></a>\n'
        '<a href="#local"><rect/></a></svg>\n'
        '<p><img src="https://img.example/photo.jpg" alt="photo"> a long enough paragraph '
        "of text so that the article reads as one.</p>\n"
        "</article></body></html>"
    )
    page = Page("https://blog.example/changes.html", "changes.html", html, PageKind.HTML)
    (document,) = extract(page)
    assert [(c.line, c.url) for c in document.citations] == [
        (2, "https://fix.example/correction"),
        (2, "https://fix.example/update"),
        (3, "https://docs.example/report.pdf"),
        (5, "https://docs.example/chart.svg"),
        (6, "https://svg.example/north"),
        (7, "https://svg.example/south"),
    ]


_WXR_LINK_POST = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Links</title><link>https://wplinks.example</link>
<wp:base_blog_url>https://wplinks.example</wp:base_blog_url>
<item><title>A good essay</title><link>https://wplinks.example/2024/05/a-good-essay/</link>
<content:encoded><![CDATA[<p>Worth reading, on why we cite.</p>]]></content:encoded>
<wp:post_id>7</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="post_format" nicename="post-format-link"><![CDATA[Link]]></category>
<wp:postmeta><wp:meta_key><![CDATA[_edit_last]]></wp:meta_key>
<wp:meta_value><![CDATA[1]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key><![CDATA[_format_link_url]]></wp:meta_key>
<wp:meta_value><![CDATA[ https://magazine.example/2024/05/essay ]]></wp:meta_value></wp:postmeta>
</item>
<item><title>Plain</title><link>https://wplinks.example/2024/05/plain/</link>
<content:encoded><![CDATA[<p>No subject.</p>]]></content:encoded>
<wp:postmeta><wp:meta_key>_format_link_url</wp:meta_key><wp:meta_value></wp:meta_value></wp:postmeta>
</item>
</channel></rss>
"""


def test_a_wxr_link_posts_format_link_url_is_cited_as_its_subject() -> None:
    """WordPress keeps a link post's target in the ``_format_link_url`` post meta, not in its
    body: the article the post exists to link was never cited.  It is the post's subject, as
    an Atom link post's ``alternate`` is; an empty one is none."""
    page = parse_feed(_WXR_LINK_POST, "file:///export.xml")
    assert page is not None
    essay, plain = page.entries
    assert (essay.url, essay.links) == (
        "https://wplinks.example/2024/05/a-good-essay/",
        ("https://magazine.example/2024/05/essay",),
    )
    assert plain.links == ()
    cited = [
        c.url
        for d in extract(Page(essay.url, "export.xml", entry_page_html(essay), PageKind.HTML))
        for c in d.citations
    ]
    assert cited == ["https://magazine.example/2024/05/essay"]
