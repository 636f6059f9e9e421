"""Probe 29m: a ``#+LINK`` line shown in an Org source or example block defines nothing.

Session 29 read Org's link abbreviations from every line of the file, code blocks too: a post
about Org that shows ``#+LINK: gh https://…/%s`` in a ``#+BEGIN_SRC`` block had each
``[[gh:x]]`` outside it cited as the example's URL, one nobody linked (before session 29 the
example's template itself was cited).  A definition outside a block still counts.
"""

from __future__ import annotations

from checker.extract import extract
from checker.model import Page, PageKind

HOST = "https://org.fixture-p29m.example"

_NOTES = f"""\
#+TITLE: Abbreviations
#+BEGIN_SRC org
#+LINK: gh {HOST}/example/%s
#+END_SRC

#+begin_example
#+LINK: wp {HOST}/example-wiki/
#+end_example

#+LINK: docs {HOST}/docs/

Written [[gh:x][so]], [[wp:Page]], [[docs:install][install]] and {HOST}/plain.
"""


def test_a_link_line_in_a_block_is_no_abbreviation() -> None:
    page = Page(f"file:///notes/{HOST[8:]}.org", "notes.org", _NOTES, PageKind.TEXT)
    cited = [citation.url for document in extract(page) for citation in document.citations]
    assert cited == [f"{HOST}/docs/install", f"{HOST}/plain"]
