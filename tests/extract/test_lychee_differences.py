"""Where citecheck's citation list was wrong against lychee's on public fixtures (issue 16).

bench/extraction-vs-lychee.md classifies every difference between ``lychee --dump`` and citecheck
on lychee's ``fixtures/`` and LinkChecker's ``tests/checker/data``; each class where citecheck is
wrong is a test here.  The fixes belong to files being ported to lxml at the time of writing
(``lines.py``, ``posts.py``, ``links.py``, ``markdown.py``): until they land these are strict
xfails, so the fix turns them into passes (and strict makes an unnoticed fix fail loudly).
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind

PAGE = "https://blog.example/posts/p.html"


def _urls(body: str, kind: PageKind, name: str = "p", **options: bool) -> list[str | None]:
    (doc,) = extract(Page(PAGE, name, body, kind), **options)
    return [c.url for c in doc.citations]


VERBATIM_HTML = (
    "<html><body><main><h1>T</h1><p>Read <a href='https://cited.example/a'>this</a>.</p>"
    "<pre>curl http://www.example.com/pre <a href='http://www.example.com/pre/a'>x</a></pre>"
    "<p>Run <code>http://www.example.com/code</code>, <samp>http://www.example.com/samp</samp>, "
    "<kbd>http://www.example.com/kbd</kbd>, <var>http://www.example.com/var</var>.</p>"
    "</main></body></html>"
)  # lychee's fixtures/TEST_VERBATIM.html, and arch.html's <code>http://sprunge.us/xxxxxx?bash</code>


def test_links_in_html_code_are_not_citations() -> None:
    assert _urls(VERBATIM_HTML, PageKind.HTML) == ["https://cited.example/a"]


def test_links_in_html_code_with_include_verbatim() -> None:
    """``--include-verbatim`` keeps them all (passes today, and must once code is skipped)."""
    assert len(_urls(VERBATIM_HTML, PageKind.HTML, include_verbatim=True)) == 7


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        (PageKind.MARKDOWN, "# T\n\n[up](https://gist.example.com/../fully/qualified/up.html)\n"),
        (PageKind.HTML, "<main><h1>T</h1><a href='https://gist.example.com/a/./../fully/qualified/up.html'>up</a></main>"),
        (PageKind.TEXT, "T\nhttps://gist.example.com/../fully/qualified/up.html\n"),
    ],
)  # fmt: skip
def test_dot_segments_of_an_absolute_url_are_resolved(kind: PageKind, body: str) -> None:
    assert _urls(body, kind) == ["https://gist.example.com/fully/qualified/up.html"]


def test_a_frame_src_is_cited_as_an_iframe_src_is() -> None:
    body = (
        "<html><frameset><frame name='top' src='https://framed.example/top'>"
        "<frame src='https://framed.example/bottom'></frameset></html>"
    )
    assert _urls(body, PageKind.HTML) == [
        "https://framed.example/top",
        "https://framed.example/bottom",
    ]


def test_an_mdx_component_href_is_a_link() -> None:
    body = (
        '<CardGroup cols={1}>\n  <Card\n    title="Example"\n    href="https://cited.example/"\n'
        "  >\n    Some text\n  </Card>\n</CardGroup>\n"
    )
    assert _urls(body, PageKind.MARKDOWN, "test.mdx") == ["https://cited.example/"]


def test_a_component_href_in_plain_markdown_is_not_a_link() -> None:
    """Outside MDX an unknown tag is no link (a browser does not follow it)."""
    body = '<Card href="https://cited.example/">\n  Some text\n</Card>\n'
    assert _urls(body, PageKind.MARKDOWN, "test.md") == []


def test_an_mdx_link_element_keeps_its_meaning() -> None:
    body = '<link href="https://style.example/s.css">\n\n[x](https://cited.example/a)\n'
    assert _urls(body, PageKind.MARKDOWN, "test.mdx") == _urls(body, PageKind.MARKDOWN, "t.md")
