"""Session 29's false alarms in the markups: an Org ``%(function)`` template read as a URL (a
false ``broken``), GFM's trailing ``&hl;`` kept in an autolink, an Org property drawer's URL and
an AsciiDoc or reST image's address cited as links (a picture is no citation, as ``<img src>``
is none; a link on it is one), and AsciiDoc's ``= Title`` kept its mark.  Local files only."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import main
from checker.discover.kinds import page_kind
from checker.extract import extract
from checker.model import Page

if TYPE_CHECKING:
    from pathlib import Path

ORG = """#+TITLE: Org notes
#+LINK: fn https://example.org/fn/%(my-function)

* Heading
:PROPERTIES:
:URL: https://drawer.example/prop
:END:

See [[fn:thing][a computed one]].

* Unclosed
:PROPERTIES:
:URL: https://read.example/open
"""

ADOC = """= Escapes and Images
Author Name

image::https://img.example/pic.png[A picture]

image::local.png[Logo, link=https://linked.example/home] and image:i.png[x] inline.

== Section ==
"""

RST = """Title
=====

.. image:: https://img.example/rst.png

.. figure:: https://img.example/fig.png
   :target: https://target.example/t

   A caption with https://caption.example/c.

.. |logo| image:: https://img.example/logo.png
"""

GFM = "# GFM\n\nVisit https://gfm.example/q?x=1&hl; and https://gfm.example/r?a=b&x2;.\n"


def _read(name: str, body: str) -> tuple[str | None, list[str | None]]:
    page = Page(f"file:///posts/{name}", f"/posts/{name}", body, page_kind(name, body[:2048]))
    (document,) = extract(page)
    return document.title, [c.url for c in document.citations]


def test_an_org_drawer_is_no_text_and_its_computed_template_is_no_url() -> None:
    title, urls = _read("a.org", ORG)
    assert title == "Org notes"
    assert urls == [
        "https://example.org/fn/%(my-function)thing",
        "https://read.example/open",  # an unclosed drawer is no drawer: read, never hidden
    ]


def test_a_computed_org_template_is_skipped_said_never_broken(tmp_path: Path) -> None:
    post = tmp_path / "a.org"
    post.write_text(ORG.split("\n* Unclosed", maxsplit=1)[0], encoding="utf-8")
    out = tmp_path / "out"
    argv = ["check", str(post), "--no-store", "--archive", "off", "--format", "json"]
    # every connection to loopback's discard port, should a regression fetch the template
    main([*argv, "--connect-to", "::127.0.0.1:9", "--report-dir", str(out)])
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    (computed,) = [c for c in report["documents"][0]["citations"] if "%(" in c["url"]]
    assert computed["status"] == "skipped"
    assert "broken" not in report["summary"]["findings"]


def test_asciidoc_images_are_no_citations_and_its_title_has_no_mark() -> None:
    title, urls = _read("b.adoc", ADOC)
    assert title == "Escapes and Images"
    assert urls == ["https://linked.example/home"]


def test_rest_images_are_no_citations_but_their_targets_are() -> None:
    _title, urls = _read("d.rst", RST)
    assert urls == ["https://target.example/t", "https://caption.example/c"]


def test_gfm_leaves_a_trailing_entity_out_of_an_autolink() -> None:
    _title, urls = _read("c.md", GFM)
    assert urls == ["https://gfm.example/q?x=1", "https://gfm.example/r?a=b"]


@pytest.mark.parametrize(
    "written",
    [
        "(see https://gfm.example/s?q=1&hl;)",
        "(see https://gfm.example/s?q=1&hl;).",
        "[https://gfm.example/s?q=1&hl;]",
    ],
)
def test_an_entity_like_tail_inside_closing_punctuation_is_left_out(written: str) -> None:
    """The trims repeat until stable (cmark-gfm): the ``)`` cut first shows the ``&hl;`` tail."""
    _, urls = _read("p.md", f"# P\n\nA query {written} here.\n")
    assert urls == ["https://gfm.example/s?q=1"]
