"""The compiled measure gives the pure Python measure's figures exactly (issue 19).

``checker.extract._walk`` (Cython over libxml2's nodes, built by ``pip install`` when a compiler
is there) and :func:`checker.extract.content._measure_columns` must give the same lists on every
page: the real article pages, the hostile ones (nested 100,000 deep, odd white space, unseen and
linked tops) and the measure's edge cases.  Where the module did not build, the comparisons are
skipped with the reason :mod:`checker.extract.native` gives; the choice itself is tested always.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from checker.extract import content, native
from checker.extract.tree import Element, PageIndex, held, parse_html
from checker.model import PageKind
from tests.extract.citation_dump import citation_dump, dump_digest, realpage_pages
from tests.verify.realpages import tarball_path

_ROOT = Path(__file__).resolve().parents[2]
_BASE = "https://news.example/2024/story"
_compiled = pytest.mark.skipif(
    native.compiled() is None, reason=f"the compiled passes are not in use: {native.why_pure()}"
)
_real = pytest.mark.skipif(not tarball_path().is_file(), reason="../shared/realpages not present")


def _both(element: Element, index: PageIndex, page_url: str) -> tuple[Any, Any]:
    """The pure and the compiled columns of ``element``'s subtree, each with a fresh own-site
    judge (it keeps answers per page)."""
    span = index.subtree(element)
    elements = index.elements[span.start : span.stop]
    tags = index.tags[span.start : span.stop]
    parents = [-1] + [parent - span.start for parent in index.parents[span.start + 1 : span.stop]]
    module = native.compiled()
    assert module is not None
    pure = content._measure_columns(elements, tags, parents, content._OwnSite(page_url))
    built = module.measure_columns(elements, tags, parents, content._OwnSite(page_url))
    return pure, built


def _tops(root: Element) -> list[Element]:
    """What extraction measures: the body (or the root), and each <article> and <main>."""
    body = next(root.iter("body"), None)
    return [
        root,
        body if body is not None else root,
        *root.iter("article", "main", "noscript", "a"),
    ]


@_compiled
@_real
def test_the_real_pages_measure_alike_on_both_paths() -> None:
    compared = 0
    for name, page in realpage_pages():
        if page.kind is not PageKind.HTML:
            continue
        root = parse_html(page.body)
        with held(root):
            index = PageIndex(root)
            for top in _tops(root):
                pure, built = _both(top, index, page.url)
                assert built == pure, (name, top.tag, index.position[top])
                compared += 1
            del index, top
    assert compared > 400


_HOSTILE = [
    "<html><body><article>" + "<div>" * 100_000 + "deep text, long enough to be prose at the"
    " bottom <a href='/own'>own</a> <a href='https://x.org/'>out</a>" + "</div>" * 100_000,
    "<html><body>" + "<noscript><div>" * 3_000 + "a noscript left open" + "<p>" * 3_000,
    "<html><body>" + "<a href='https://e.example/'>" * 5_000 + "links in links" * 20,
    "<html><body><div>\u00a0\u2003 <b>\u00a0</b>\u3000words\u00a0\u00a0with odd\tspaces "
    "\x1c\x1d\x1e\x1f\x85\u2028\u2029\u200b\u180e\ufeff enough to count</div>"
    "<p>\U0001f600 astral \U00010000 and \u0800 \u07ff \x7f prose long enough here</p></body>",
    "<html><body><script>var s = '\u00e9\u00e9 not prose';</script>tail <style>x</style>"
    "<textarea>raw <a href=x>field</a></textarea><noscript><span>hidden</span></noscript>"
    "<template><p>a template paragraph of prose, never shown</p></template></body></html>",
    "<html><body><div class='sidebar'><p>A paragraph in furniture, long enough to count.</p>"
    "</div><div class='content-sidebar-wrap'><p>Most of the page's prose is in here, which "
    "makes the wrapper layout and not furniture.</p><p>And another long enough paragraph.</p>"
    "</div><nav><p>Navigation prose that is long enough to be a paragraph.</p></nav></body>",
    "<html><body><![CDATA[ cdata ]]><div>x<!-- a comment -->y<?pi x?>z &amp; &#160; &nbsp;"
    "</div><td>A table cell outside a table, long enough to be a paragraph.</td></body></html>",
    "",
    "<html><body></body></html>",
    "<svg><a href='https://x.org/'>svg link text long enough to count for something</a></svg>",
]


@_compiled
@pytest.mark.parametrize("markup", _HOSTILE, ids=range(len(_HOSTILE)))
def test_hostile_pages_measure_alike_on_both_paths(markup: str) -> None:
    root = parse_html(markup)
    with held(root):  # a deep tree's proxies dropped parent first would cost its depth squared
        index = PageIndex(root)
        for top in _tops(root)[:40]:
            pure, built = _both(top, index, _BASE)
            assert built == pure
        del index, pure, built, top


@_compiled
def test_the_measure_runs_compiled_and_gives_the_pure_figures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``_measure`` takes the compiled path when it is there (the pure one is not called), and
    its figures are those of the pure path."""
    root = parse_html(
        "<html><body><div><p>Twenty-five characters at least, in a paragraph.</p>"
        "<p>Links <a href='/own'>to the own site</a> and <a href='https://x.org/'>out</a>"
        "</p></div></body></html>"
    )
    body = root.find("body")
    built = content._measure(body, _BASE, PageIndex(root))
    monkeypatch.setattr(content, "_COMPILED", None)
    pure = content._measure(body, _BASE, PageIndex(root))
    assert built.columns == pure.columns
    assert built.columns[0][0] > 0

    def refused(*_args: object) -> None:
        raise AssertionError("the pure passes ran")

    monkeypatch.setattr(content, "_COMPILED", native.compiled())
    monkeypatch.setattr(content, "_measure_columns", refused)
    assert content._measure(body, _BASE, PageIndex(root)).columns == pure.columns


def test_a_module_built_for_another_lxml_or_libxml2_is_never_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = SimpleNamespace(BUILT_LXML="6.1.3", BUILT_LIBXML="2.14.6")
    monkeypatch.delenv(native.PURE_VARIABLE, raising=False)
    monkeypatch.setattr(native.importlib, "import_module", lambda _name: module)
    for versions, used in (
        (("6.1.3", (2, 14, 6), (2, 14, 6)), True),
        (("6.1.2", (2, 14, 6), (2, 14, 6)), False),  # another lxml: its _Element differs
        (("6.1.3", (2, 14, 5), (2, 14, 6)), False),  # another libxml2 loaded
        (("6.1.3", (2, 14, 6), (2, 13, 9)), False),  # lxml compiled against another libxml2
    ):
        lxml_version, loaded, compiled_for = versions
        fake = SimpleNamespace(
            __version__=lxml_version, LIBXML_VERSION=loaded, LIBXML_COMPILED_VERSION=compiled_for
        )
        monkeypatch.setattr(native, "etree", fake)
        chosen, why = native._choice.__wrapped__()
        assert (chosen is module) == used, versions
        assert (why is None) == used
        if not used:
            assert "built for lxml/libxml2" in str(why)


def test_a_module_that_does_not_load_leaves_the_pure_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(name: str) -> None:
        raise ImportError(f"No module named {name!r}")

    monkeypatch.delenv(native.PURE_VARIABLE, raising=False)
    monkeypatch.setattr(native.importlib, "import_module", missing)
    chosen, why = native._choice.__wrapped__()
    assert chosen is None
    assert "not loadable" in str(why)


def _run(code: str, **env: str) -> str:
    variables = {k: v for k, v in os.environ.items() if k != native.PURE_VARIABLE}
    variables["PYTHONPATH"] = str(_ROOT)
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env={**variables, **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=_ROOT,
    )
    return completed.stdout.strip()


_WHICH = (
    "from checker.extract import content, native\n"
    "print(content._COMPILED is None, native.why_pure())"
)


def test_the_variable_forces_the_pure_passes() -> None:
    assert _run(_WHICH, CITECHECK_PURE_EXTRACT="1") == (f"True {native.PURE_VARIABLE} is set")
    assert _run(_WHICH, CITECHECK_PURE_EXTRACT="0").startswith(
        "True checker.extract._walk" if native.compiled() is None else "False None"
    )


@_compiled
@_real
def test_the_real_pages_cite_alike_on_both_paths() -> None:
    """Every post and citation of the real pages, the pure path in a process of its own."""
    built = dump_digest(citation_dump(realpage_pages(), verbatim_too=False))
    pure = _run(
        "from tests.extract.citation_dump import citation_dump, dump_digest, realpage_pages\n"
        "print(dump_digest(citation_dump(realpage_pages(), verbatim_too=False)))",
        CITECHECK_PURE_EXTRACT="1",
    )
    assert pure == built
