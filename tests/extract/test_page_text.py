"""The page's text before its parse, read in C (issue 19): its UTF-8 and the ``{{<`` scan.

``tree.utf8`` (``_walk.utf8``) must give the bytes of ``text.encode("utf-8", "replace")`` and
``tree.holds`` (``_walk.holds``) the answer of ``needle in text``, for every kind of string
CPython keeps (one, two or four bytes a character), every block edge, lone surrogates and the
real pages; and the parse and the Hugo-call test must use them, not CPython's per-character
encoder and search (a ``str`` whose ``encode`` and ``in`` are recorded shows which ran).
A third shortcut, in the lines' bare-URL scan: the ``www.`` regex runs only where two ``w``
stand in a row.
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from checker.extract import lines, native, tree
from checker.extract.embeds.shortcodes import hugo_calls_as_text
from checker.model import PageKind
from tests.extract.citation_dump import realpage_pages
from tests.extract.test_regex_prechecks import _Recorded
from tests.verify.realpages import tarball_path

_compiled = pytest.mark.skipif(
    native.compiled() is None, reason=f"the compiled passes are not in use: {native.why_pure()}"
)
_real = pytest.mark.skipif(not tarball_path().is_file(), reason="../shared/realpages not present")

# one character of each UTF-8 length and each kind's edges, the needle's characters, surrogates
_ALPHABET = [
    "a", "{", "<", "\x00", "\x7f", "\x80", "\xff", "\u0100", "\u07ff", "\u0800", "\ud7ff",
    "\ue000", "\uffff", "\U00010000", "\U0010ffff", "\ud800", "\udfff", "\u7b7b", "\U0001007b",
]  # fmt: skip
_NEEDLES = ["{{<", "{", "<", "a", "{{", "a{", "\x7f<", "é", "\u7b7b"]


def _texts() -> list[str]:
    """Strings of every kind and length around the 16-character blocks."""
    rnd = random.Random(30)
    texts = ["", "a" * 16, "a" * 15 + "\x80", "\x7f" * 32 + "\u0800", "{" * 17 + "{{<"]
    for _ in range(20_000):
        alphabet = _ALPHABET[: rnd.randint(2, len(_ALPHABET))]
        weights = [20 if c in "a{<" else 1 for c in alphabet]  # long ASCII runs, as in markup
        texts.append("".join(rnd.choices(alphabet, weights, k=rnd.randint(0, 80))))
    return texts


@_compiled
def test_the_compiled_utf8_is_cpythons_with_replace() -> None:
    module = native.compiled()
    for text in _texts():
        assert module.utf8(text) == text.encode("utf-8", "replace"), repr(text)


@_compiled
def test_the_compiled_holds_is_in() -> None:
    module = native.compiled()
    for text in _texts():
        for needle in _NEEDLES:
            assert module.holds(text, needle) == (needle in text), (text, needle)


@_compiled
@_real
def test_the_real_pages_encode_and_scan_alike_on_both_paths() -> None:
    module = native.compiled()
    bodies = [page.body for _name, page in realpage_pages() if page.kind is PageKind.HTML]
    assert len(bodies) == 200
    for body in bodies:
        assert module.utf8(body) == body.encode("utf-8", "replace")
        for needle in ("{{<", "<a", "{{", "</html>"):
            assert module.holds(body, needle) == (needle in body)
        for start in (0, 1, 7, 15):  # each alignment of the blocks
            piece = body[start : start + 5000]
            assert module.utf8(piece) == piece.encode("utf-8", "replace")


class _Page(str):
    """A page whose ``encode`` and ``in`` are recorded: CPython's per-character ways."""

    asked: list[str]

    def encode(self, *args: Any, **kwargs: Any) -> bytes:
        self.asked.append("encode")
        return str.encode(self, *args, **kwargs)

    def __contains__(self, needle: object) -> bool:
        self.asked.append(f"in {needle}")
        return str.__contains__(self, needle)  # type: ignore[operator]


def _recorded(text: str) -> _Page:
    page = _Page(text)
    page.asked = []
    return page


@_compiled
def test_the_parse_encodes_the_page_in_c() -> None:
    page = _recorded("<html><body><p>caf\u00e9 \u65e5\u672c <a href='/x'>x</a></p></body></html>")
    root = tree.parse_html(page)
    assert root.findtext(".//a") == "x"
    assert "encode" not in page.asked


@_compiled
def test_the_hugo_call_test_scans_the_page_in_c() -> None:
    page = _recorded("<p>\u65e5\u672c {{ not a call }}</p>" * 50)
    assert hugo_calls_as_text(page) is page
    assert page.asked == []
    called = _recorded('<p>\u65e5 {{<tweet user="a" id="1">}}</p>')
    assert hugo_calls_as_text(called) == '<p>\u65e5 {{&lt;tweet user="a" id="1"&gt;}}</p>'


def test_only_w_and_upper_w_fold_to_w() -> None:
    """Why two ``w`` in a row, in either case, must stand where ``_WWW`` matches."""
    folding = [c for c in range(0x110000) if re.fullmatch("w", chr(c), re.IGNORECASE)]
    assert folding == [ord("W"), ord("w")]


_LINES = [
    "", "www.example.com", "WWW.EXAMPLE.COM", "wWw.x.de", "Www1.x.de", "ww.x", "w w w.x",
    "see www\u0663.x.org", "www\uff11.x", "\uff57\uff57\uff57.x", "wwwx.com", "a/b www", "www",
    "kwww.x", "the www. is", "wwW\n.x", "Ww", "wW w",
]  # fmt: skip


def test_the_www_precheck_is_the_www_regex() -> None:
    rnd = random.Random(30)
    pieces = ["w", "W", ".", "1", "\u0661", " ", "x", "\u017f", "\uff57", "/"]
    texts = [*_LINES, *("".join(rnd.choices(pieces, k=rnd.randint(0, 9))) for _ in range(5000))]
    for text in texts:
        assert lines._may_name_www(text) == (lines._WWW.search(text) is not None), text


def test_a_line_without_two_ws_skips_the_www_search(monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = _Recorded(lines._WWW)
    monkeypatch.setattr(lines, "_WWW", recorded)
    assert lines.bare_urls("A line of prose with a word or two, and no address at all.") == ()
    assert recorded.asked == []
    assert lines.bare_urls("Read WwW.example.com today") == ("http://WwW.example.com",)
    assert recorded.asked == ["Read WwW.example.com today"]


@_compiled
@_real
def test_the_itemprop_values_are_read_from_the_nodes_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The page's ``itemprop`` values come from the compiled reader, equal to the XPath's."""
    pages = [page for _name, page in realpage_pages() if page.kind is PageKind.HTML]
    found = 0
    for page in pages:
        root = tree.parse_html(page.body)
        with tree.held(root) as index:
            values = list(filter(None, index._itemprops()))
            assert values == list(filter(None, tree._ITEMPROPS(root)))
            found += len(values)
    assert found > 1000
    asked: list[object] = []
    monkeypatch.setattr(tree, "_ITEMPROPS", lambda top: asked.append(top) or [])
    root = tree.parse_html("<div itemprop='a'><time itemprop=' datePublished'>x</time></div>")
    with tree.held(root) as index:
        assert index.may_have_itemprop("datePublished")
        assert not index.may_have_itemprop("author")
    assert asked == []
