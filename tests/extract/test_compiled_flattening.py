"""The compiled flattening gives the pure Python walk's lines exactly (issue 19).

``checker.extract._flatten`` (Cython over libxml2's nodes, built by ``pip install`` when a
compiler is there) and ``lines._Flattener`` must give equal :class:`~checker.extract.lines.Line`
tuples for every call extraction makes, with its own skip, embeds and verbatim switch: on the
real article pages, the seeds and the sample blog (HTML and Markdown), and on hostile pages
(nested 100,000 deep, past 65,535 lines, odd white space, embeds, quotes, code, SVG, pruned
links).  Where the module did not build, the comparisons are skipped with the reason
:mod:`checker.extract.native` gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from checker.extract import extract, lines, markdown, native, posts, text
from checker.extract.tree import Element, held, parse_html
from checker.model import Page, PageKind
from tests.extract.citation_dump import corpus_pages, realpage_pages
from tests.verify.realpages import tarball_path

_ROOT = Path(__file__).resolve().parents[2]
_compiled = pytest.mark.skipif(
    native.compiled(native.FLATTEN) is None,
    reason=f"the compiled flattening is not in use: {native.why_pure(native.FLATTEN)}",
)
_real = pytest.mark.skipif(not tarball_path().is_file(), reason="../shared/realpages not present")


@contextmanager
def _pure() -> Iterator[None]:
    """The pure walk, for the calls made inside."""
    chosen = lines._COMPILED
    lines._COMPILED = None
    try:
        yield
    finally:
        lines._COMPILED = chosen


class _Both:
    """``html_lines`` for extraction's callers that runs both walks and asserts they agree."""

    def __init__(self) -> None:
        self.calls = 0
        self.lines = 0

    def __call__(self, element: Element, **options: Any) -> tuple[lines.Line, ...]:
        assert lines._COMPILED is not None
        built = lines.html_lines(element, **options)
        with _pure():
            pure = lines.html_lines(element, **options)
        assert built == pure, (element.tag, element.sourceline, options.get("include_verbatim"))
        self.calls += 1
        self.lines += len(built)
        return built


@pytest.fixture
def both(monkeypatch: pytest.MonkeyPatch) -> _Both:
    """Every ``html_lines`` call extraction makes, compared on both walks."""
    compare = _Both()
    for module in (posts, text, markdown):
        monkeypatch.setattr(module, "html_lines", compare)
    return compare


def _extract_both_ways(pages: list[Page]) -> None:
    for page in pages:
        for verbatim in (False, True):
            extract(page, include_verbatim=verbatim)


@_compiled
@_real
def test_the_real_pages_flatten_alike_on_both_walks(both: _Both) -> None:
    _extract_both_ways([page for _name, page in realpage_pages()])
    assert both.calls > 600
    assert both.lines > 15_000


@_compiled
def test_the_fixtures_and_the_sample_blog_flatten_alike(both: _Both) -> None:
    """HTML, Markdown (its rendered HTML) and text posts: the conformance fixtures, the
    extraction fixtures, the seeds and the sample blog."""
    folders = [
        _ROOT / "tests/extract/conformance",
        _ROOT / "tests/extract/fixtures",
        _ROOT.parent / "shared" / "seeds",
        _ROOT / "checker/sampleweb/data/blog",
    ]
    pages = [page for folder in folders if folder.is_dir() for _n, page in corpus_pages(folder)]
    assert {page.kind for page in pages} == set(PageKind)
    _extract_both_ways(pages)
    assert both.calls > 100


_EMBED = (
    "<blockquote class='twitter-tweet'><p>Tweet text https://t.co/x</p>&mdash; Someone "
    "<a href='https://twitter.com/someone/status/1'>March 1</a></blockquote>"
)
_HOSTILE = [
    "<html><body><article>" + "<div>" * 100_000 + "deep text, long enough to be prose at the"
    " bottom <a href='/own'>own</a> <a href='https://x.org/'>out</a>" + "</div>" * 100_000,
    "<html><body>" + "<noscript><div>" * 3_000 + "a noscript left open" + "<p>" * 3_000,
    "<html><body>" + "<a href='https://e.example/'>" * 5_000 + "links in links" * 20,
    "<html><body><p>first</p>" + "\n" * 70_000 + "<p>past 65,535 lines <a href='https://x.org/"
    "far'>far</a> https://y.org/bare</p>\n<div>\n\n  two lines down <span>\n after</span></div>",
    "<html><body><div>\u00a0\u2003 <b>\u00a0</b>\u3000words\u00a0\u00a0with odd\tspaces "
    "\x1c\x1d\x1e\x1f\x85\u2028\u2029\u200b\u180e\ufeff https://x.org/a\u3000b</div>"
    "<p>\U0001f600 astral \U00010000 and \u0800 \u07ff \x7f https://x.org/\U0001f600</p>",
    "<html><body><script>var s = 'https://x.org/script';</script>tail <style>x</style>"
    "<textarea>raw <a href=x>field</a></textarea><noscript><span>hidden</span></noscript>"
    "<template><p>a template https://x.org/t</p></template><select><option>o</option></select>"
    "<button>https://x.org/button</button><math><mi>x</mi></math></body></html>",
    "<html><body><p>see https://x.org/foo<code>bar</code>baz and <pre>https://x.org/pre</pre>"
    "<kbd>k</kbd><samp>s</samp><var>v</var> <a href='https://x.org/c'><code>code link</code>"
    "</a></p></body></html>",
    "<html><body><blockquote cite=' https://q.org/source '><p>Quoted <q cite='https://q.org/q'>"
    "inner</q></p><blockquote cite='https://q.org/nested'>nested</blockquote></blockquote>"
    "<blockquote>no cite <del cite='https://d.org/'>del</del><ins cite='https://i.org/'>ins</ins>"
    "</blockquote><h2>A heading <a href='/h'>linked</a></h2><h3><div>block in heading</div></h3>"
    "</body></html>",
    "<html><body><p>before</p>" + _EMBED + "<iframe src='https://www.youtube.com/embed/abc'>"
    "</iframe><iframe title=' Google  Maps ' src='https://maps.example/m'></iframe>"
    "<object data='https://o.org/d'></object><embed src='https://e.org/s'><map><area "
    "href='https://a.org/' alt='an area'></map><img src='https://i.org/x.png' alt='img'>"
    "<div class='instagram-media'><a href='https://instagram.com/p/1'>post</a> text</div>"
    "</body></html>",
    "<html><body><svg><a href='https://x.org/svg'>svg <tspan>link</tspan></a><a "
    "xlink:href='https://x.org/old'>old</a><text>label</text></svg> after the svg</body>",
    "<html><body><a href='https://x.org/block'>start<div>a block in a link</div>end</a> and "
    "<a href='https://x.org/after'>https://x.org/after</a> https://x.org/written "
    "<a href=''>empty</a><a>no href</a><a href='  '>blank</a></body></html>",
    "<html><body><![CDATA[ cdata ]]><div>x<!-- a comment -->y<?pi x?>z &amp; &#160; &nbsp;"
    "https://x.org/amp?a=1&amp;b=2</div><td>cell</td><P>UPPER <A HREF='https://x.org/up'>up"
    "</A></P><DIV CLASS='twitter-tweet'>upper embed</DIV></body></html>",
    "<html><body><article><p>entry one https://x.org/1</p></article><article><p>entry two "
    "[[https://x.org/a]][[https://x.org/b]] www.example.org/w</p></article></body></html>",
    "",
    "<html><body></body></html>",
    "just text https://x.org/plain",
]


@_compiled
@pytest.mark.parametrize("markup", _HOSTILE, ids=range(len(_HOSTILE)))
def test_hostile_pages_flatten_alike_on_both_walks(markup: str, both: _Both) -> None:
    page = Page(url="https://news.example/2024/story", origin="hostile.html", body=markup,
                kind=PageKind.HTML)  # fmt: skip
    extract(page)  # extraction's own calls, with its skip and embeds
    root = parse_html(markup)
    with held(root):  # a deep tree's proxies dropped parent first would cost its depth squared
        body = next(root.iter("body"), root)
        both(root, include_verbatim=True)
        both(body, skip=lambda tag: tag.tag == "p")
        del body


@_compiled
def test_pruned_links_are_counted_alike(both: _Both) -> None:
    """A post past its cap: the parse prunes links into a count the walk adds to its lines."""
    markup = "<html><body><div>" + "<p><a href='https://x.org/{0}'>{0}</a></p>" * 3_000
    markup = markup.format(1) + "</div></body></html>"
    page = Page(url="https://news.example/s", origin="cap.html", body=markup, kind=PageKind.HTML)
    extract(page, max_citations=10)
    root = parse_html(markup, max_links=lines.link_budget(10))
    with held(root):
        built = both(root)
    assert sum(line.omitted for line in built) > 0


@_compiled
def test_html_lines_runs_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the module in use, the pure walk is not run (and gives the same lines)."""
    root = parse_html("<html><body><p>A line <a href='https://x.org/'>linked</a>.</p></body>")
    with _pure():
        pure = lines.html_lines(root)

    def refused(*_args: object) -> None:
        raise AssertionError("the pure walk ran")

    monkeypatch.setattr(lines, "_Flattener", refused)
    assert lines.html_lines(root) == pure
    assert pure[0].anchors[0].href == "https://x.org/"


def test_a_text_the_compiled_walk_cannot_read_is_read_by_the_pure_walk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``flatten`` answers None for a text that is not valid UTF-8: the pure walk reads it."""
    root = parse_html("<html><body><p>A line https://x.org/a</p></body>")
    with _pure():
        pure = lines.html_lines(root)
    monkeypatch.setattr(lines, "_COMPILED", SimpleNamespace(flatten=lambda *_args: None))
    assert lines.html_lines(root) == pure
    assert pure[0].urls == ("https://x.org/a",)


def test_the_flattening_is_chosen_apart_from_the_measure() -> None:
    """Each compiled pass is loaded and checked on its own; the variable turns both off."""
    assert native.FLATTEN != native.MEASURE
    if native.why_pure(native.FLATTEN) is None:
        assert lines._COMPILED is native.compiled(native.FLATTEN)
    else:
        assert lines._COMPILED is None
