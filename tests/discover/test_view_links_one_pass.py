"""``view_links`` reads a head's ``<link>`` tags in one pass (session 28's mend): the answers
are those of the two searches it replaced, each of them a whole scan behind a lowered copy
of the 64 KB sniffed."""

from __future__ import annotations

import pytest

from checker.discover.urls import (
    _ALTERNATE_REL,
    _AMP_REL,
    _HREF,
    _LINK_TAG,
    _PRINT_MEDIA,
    absolute,
    view_links,
)

BASE = "https://blog.example/2024/05/post/"


def _first_link(text: str, rel: object, media: object = None) -> str | None:
    """The search ``view_links`` made for each kind before (session 27's code, kept here as
    the reference)."""
    for tag in _LINK_TAG.finditer(text):
        if media is not None and not media.search(tag.group()):  # type: ignore[attr-defined]
            continue
        if rel.search(tag.group()) and (href := _HREF.search(tag.group())):  # type: ignore[attr-defined]
            return absolute(BASE, next(g for g in href.groups() if g is not None))
    return None


def _two_passes(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    found = []
    if "amphtml" in lowered and (amp := _first_link(text, _AMP_REL)) is not None:
        found.append(amp)
    if "print" in lowered and (printed := _first_link(text, _ALTERNATE_REL, _PRINT_MEDIA)):
        found.append(printed)
    return tuple(found)


HEADS = [
    "",
    "<html><head><title>no views</title></head>",
    '<link rel="amphtml" href="amp/">',
    '<link rel="alternate" media="print" href="?print=1">',
    '<link media=print rel=alternate href="print/"><link rel=amphtml href="/amp/x/">',
    '<link rel="amphtml" href="javascript:void(0)"><link rel="amphtml" href="amp/">',
    '<link rel="alternate stylesheet" media="print" href="p.css">'
    '<link rel="alternate" media="print" href="print/">',
    '<link rel="alternate" media="print" href="mailto:x@y"><link rel=alternate media=print'
    ' href="print/">',
    '<LINK REL="AMPHTML" HREF="AMP/"><link rel="Alternate" media="PRINT" href="Print/">',
    '<link rel="amphtml"><link rel="amphtml" href="second/">',
    '<link rel="amphtml" href="a/" <link rel="alternate" media="print" href="p/">',
    "<link media='print' rel='alternate' href='p/'><link rel='amphtml' href='a/'>" * 3,
    '<link rel="canonical" href="/x/"><meta name="amphtml" content="no link">print',
    "<link rel=amphtml href=//cdn.example/amp/ >",
]


@pytest.mark.parametrize("head", HEADS)
def test_one_pass_answers_as_the_two_searches_did(head: str) -> None:
    assert view_links(head, BASE) == _two_passes(head)
