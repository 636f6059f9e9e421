"""HTML a page passes through as it is (AsciiDoc's ``++++``, Org's ``#+BEGIN_EXPORT html`` and
``#+HTML:``, reST's ``.. raw:: html``) reaches the HTML reader as written, its ``<!DOCTYPE>``
with it.  Session 33 read the markup once, after blanking markup declarations for the text
reader (probe30's DTD addresses), and the passages were taken from the blanked text: the HTML
reader got spaces and a stray ``>`` where the page wrote ``<!DOCTYPE html>``.  The text reader
still gets the declarations blanked (guard).  A pure function: plain unit tests."""

from __future__ import annotations

import pytest

from checker.extract.markups import read_markup

ORG = """* Post

#+BEGIN_EXPORT html
<!DOCTYPE html>
<p><a href="https://a.fixture-m33k.example/">a</a></p>
#+END_EXPORT

#+HTML: <!DOCTYPE x><b>y</b>
"""
ADOC = """= Post

++++
<!DOCTYPE html>
<p>x</p>
++++

<!DOCTYPE wml PUBLIC "-//W" "http://dtd.fixture-m33k.example/x.dtd">
"""
RST = """Title
=====

.. raw:: html

   <!DOCTYPE html>
   <p>x</p>

Text <!DOCTYPE wml SYSTEM "http://dtd.fixture-m33k.example/x.dtd">.
"""


@pytest.mark.parametrize(
    ("body", "name", "passed"),
    [
        (
            ORG,
            "post.org",
            (
                (3, '\n<!DOCTYPE html>\n<p><a href="https://a.fixture-m33k.example/">a</a></p>'),
                (8, "<!DOCTYPE x><b>y</b>"),
            ),
        ),
        (ADOC, "post.adoc", ((4, "<!DOCTYPE html>\n<p>x</p>"),)),
        (RST, "post.rst", ((4, "\n\n   <!DOCTYPE html>\n   <p>x</p>"),)),
    ],
    ids=["org", "asciidoc", "rest"],
)
def test_a_passage_s_declaration_reaches_the_html_reader_as_written(
    body: str, name: str, passed: tuple[tuple[int, str], ...]
) -> None:
    text, passages = read_markup(body, name)
    assert passages == passed
    assert "dtd.fixture-m33k.example" not in text and "DOCTYPE" not in text
