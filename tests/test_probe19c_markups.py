"""Probe 19c: code in reST, AsciiDoc and Org posts is not cited (as Markdown's code is not).

A folder's ``.rst``/``.adoc``/``.org`` files are read by the text extractor.  Their code blocks,
literal blocks and inline literals were read as citations: ``curl https://api.example/v1``, an
example's ``http://localhost:8000/``, each a false ``broken`` or ``unreachable``; Org's
``=https://x.example/a=`` was cited as ``…/a=`` and AsciiDoc's ``image::URL[]`` as ``URL[]``,
both URLs that do not exist.  Markdown's code is skipped unless ``--include-verbatim``; these
markups' code now is too, with the FILE:LINE of the rest unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.extract.markups import readable
from tests.cost import cpu_seconds
from tests.fetch.support import run_citecheck

RST = """Title
=====

See `the report <https://real.example/rst>`_ for details.

.. image:: https://img.example/diagram.png

.. code-block:: bash

   curl https://api.example/v1/items

A literal block follows::

    requests.get("http://localhost:8000/api")

Inline literal ``https://inline.example/x`` and https://real.example/rst2 here.
"""
ADOC = """= Title
:url-home: https://attr.example/home

See {url-home}[the home page] and https://real.example/adoc[Report].

image::https://img.example/a.png[]

[source,bash]
----
curl https://listing.example/api
----

....
https://literal.example/adoc
....

Inline `https://mono.example/x` text.
"""
ORG = """* Title
See [[https://real.example/org][the report]].

#+BEGIN_SRC bash
curl https://src.example/api
#+END_SRC

#+begin_example
https://example.example/org
#+end_example

: https://fixed.example/colon

Inline =https://verbatim.example/x= and ~https://code.example/y~, then https://real.example/org2.
"""
_KEPT = {
    ("a.rst:4", "https://real.example/rst"),
    # session 30: an image's address is no citation (as <img src>): a.rst:6, b.adoc:6 not cited
    ("a.rst:16", "https://real.example/rst2"),
    ("b.adoc:4", "https://attr.example/home"),  # where {url-home} links it (probe 29)
    ("b.adoc:4", "https://real.example/adoc"),
    ("c.org:2", "https://real.example/org"),
    ("c.org:14", "https://real.example/org2"),
}


def _dump(tmp_path: Path, *flags: str) -> set[tuple[str, str]]:
    folder = tmp_path / "posts"
    folder.mkdir(exist_ok=True)
    for name, text in (("a.rst", RST), ("b.adoc", ADOC), ("c.org", ORG)):
        (folder / name).write_text(text, encoding="utf-8")
    done = run_citecheck(["check", str(folder), "--dump", *flags], tmp_path)
    assert done.returncode == 0, done.stderr
    return {(Path(line.split()[0]).name, line.split()[1]) for line in done.stdout.splitlines()}


def test_code_in_text_markups_is_not_cited(tmp_path: Path) -> None:
    assert _dump(tmp_path) == _KEPT


def test_include_verbatim_cites_the_code_too(tmp_path: Path) -> None:
    found = _dump(tmp_path, "--include-verbatim")
    assert found > _KEPT
    assert ("a.rst:10", "https://api.example/v1/items") in found
    assert ("c.org:5", "https://src.example/api") in found


@pytest.mark.parametrize("name", ["a.rst", "b.adoc", "c.org"])
def test_blanking_keeps_every_line(name: str) -> None:
    text = {"a.rst": RST, "b.adoc": ADOC, "c.org": ORG}[name]
    assert readable(text, f"/posts/{name}").count("\n") == text.count("\n")


@pytest.mark.parametrize(
    "name", ["http://[ccpa-preferences]/a.rst", "https://x.example/a.rst?b=c#d"]
)
def test_a_page_url_names_the_markup_without_being_parsed(name: str) -> None:
    assert readable("``https://x.example/a``", name) == ""


def test_other_files_are_left_as_they_are() -> None:
    text = "``https://x.example/a`` =https://y.example/b=\n----\nhttps://z.example/c\n----\n"
    assert readable(text, "/posts/a.txt") is text


@pytest.mark.parametrize(
    "hostile",
    [" =a" * 30_000, "`" * 90_000, "::\n" + "  x\n" * 30_000, "----\n" * 30_000, " ~x=" * 30_000],
    ids=["org-openers", "backticks", "rst-literal", "adoc-delimiters", "org-mixed"],
)
@pytest.mark.parametrize("suffix", [".rst", ".adoc", ".org"])
def test_blanking_is_linear(hostile: str, suffix: str) -> None:
    """No hang: a hostile body costs about what a normal one of its size does."""
    normal = ("See https://real.example/a, a line of a post.\n" * 4000)[: len(hostile)]
    base = cpu_seconds(lambda: readable(normal, f"p{suffix}"))
    cost = cpu_seconds(lambda: readable(hostile, f"p{suffix}"))
    assert cost < 50 * base, (cost, base)
