"""Mend 34p: a page cut short after its ``</html>`` and what its host appends is judged.

Mend 33n counted a body as ended only where ``</html>`` was followed by white space and
comments: a host or proxy appending an analytics ``<script>…</script>`` or a ``<div>`` after
it, trailing NULs, or a comment holding ``<!--`` made such a page, whose server closed the
connection before its announced length, ``unreachable`` again (the false alarm probe 32 fixed).
What follows the last ``</html>`` may now be complete elements; a cut inside one, or past a
``</html>`` in a script's string, is still cut.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.fetch.body import _holds_its_end
from checker.model import Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_links_on
from tests.fetch.test_left33b_cut_short_bodies import _HTML, _PAGE, _TEMPLATE_END

_APPENDED = {
    "script": b'\n<script>window.dataLayer=[];if(a<b){track("v")}</script>\n',
    "element": b'\n<div id="stats" style="display:none"></div>',
    "nuls": b"\x00\x00\x00\x00",
    "nested-comment": b"\n<!-- <!-- cached by edge -->\n",
    "void": b'<img src="/pixel.gif" alt="">',
}


def test_a_page_cut_after_what_its_host_appends_is_ok(tmp_path: Path) -> None:
    web = Web()
    urls = [f"https://length.test/2025/05/{name}.html" for name in _APPENDED]
    for url, tail in zip(urls, _APPENDED.values(), strict=True):
        web.add(url, Response(200, _HTML, _PAGE + tail, unfinished="length"))
    checked = check_links_on(web, urls, tmp_path)
    assert {url: checked[url].status for url in urls} == dict.fromkeys(urls, Status.OK)


@pytest.mark.parametrize(
    "cut",
    [
        _PAGE + b"\n<script>window.dataLayer=[];",  # inside the appended script
        _PAGE + b"\n<!-- cached by",  # inside a comment
        _PAGE + b'\n<div id="stats"',  # inside a tag
        _PAGE + b"\n<script src='/a.js'>",  # a script opened, never closed
        _TEMPLATE_END,  # past a ``</html>`` in a script's string
        b"<template><html><body>x</body></html></template><div>",  # one in a template
    ],
)
def test_a_body_cut_inside_what_follows_has_no_end(cut: bytes) -> None:
    assert not _holds_its_end(cut)


@pytest.mark.parametrize(
    "cut",
    [
        _PAGE + b"\n<div class=related><a href=/x>",  # elements left open
        _PAGE + b"\n<div>",
    ],
)
def test_a_body_ending_inside_an_appended_element_has_no_end(cut: bytes) -> None:
    """Mend 34v: any element left open is a cut, not only a script or a style."""
    assert not _holds_its_end(cut)


@pytest.mark.parametrize(
    "tail",
    [
        b"\n<script>el.innerHTML='</p>';</script>",  # a tag in a script's string
        b"<style>a::after{content:'<b>'}</style><br>",
        b'<svg width="1"><path d="M0"/></svg>',
    ],
)
def test_an_appended_element_whole_is_an_end(tail: bytes) -> None:
    """Mend 34v: what a script or a style holds is text, not tags (the base read ``</p>`` in
    an appended script as closing an element opened before ``</html>``: a cut)."""
    assert _holds_its_end(_PAGE + tail)
