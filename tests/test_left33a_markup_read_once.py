"""An Org or reST post's markup is read once for its text and the HTML it passes through
(``#+HTML:``, ``#+BEGIN_EXPORT html``, ``.. raw:: html``): the text, the passages and the
passages blanked in the text were each a reading of the whole file, three for an Org post (a
1.8 MB one 0.28 -> 0.91 s, session 32 left).  Counted in calls, not timed; the citations are
the same as the three readings gave."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from checker.extract import extract, markups
from checker.model import Page, PageKind

ORG = """#+TITLE: Post

* Heading
Text citing [[https://src.example/a][a source]] and https://src.example/b.
#+HTML: <blockquote class="twitter-tweet"><a href="https://twitter.com/x/status/1">t</a></blockquote>
#+BEGIN_SRC python
print("https://code.example/c")
#+END_SRC
"""

RST = """Title
=====

See `a <https://src.example/a>`_.

.. raw:: html

   <p><a href="https://src.example/raw">raw</a></p>

::

   https://code.example/c
"""


@pytest.mark.parametrize(
    ("name", "text", "reader", "cited"),
    [
        (
            "post.org",
            ORG,
            "_org",
            {"https://src.example/a", "https://src.example/b", "https://twitter.com/x/status/1"},
        ),
        ("post.rst", RST, "_rst", {"https://src.example/a", "https://src.example/raw"}),
    ],
    ids=["org", "rst"],
)
def test_a_post_s_markup_is_read_once(
    monkeypatch: pytest.MonkeyPatch, name: str, text: str, reader: str, cited: set[str]
) -> None:
    calls: list[int] = []
    original: Callable[[list[str], bool], list[str]] = getattr(markups, reader)

    def counted(lines: list[str], keep: bool) -> list[str]:
        calls.append(len(lines))
        return original(lines, keep)

    monkeypatch.setattr(markups, reader, counted)
    readers = tuple(
        (suffixes, counted if read is original else read) for suffixes, read in markups._READERS
    )
    monkeypatch.setattr(markups, "_READERS", readers)
    posts = extract(Page(f"file:///posts/{name}", f"/posts/{name}", text, PageKind.TEXT))
    assert {c.url for post in posts for c in post.citations} == cited
    assert len(calls) == 1
