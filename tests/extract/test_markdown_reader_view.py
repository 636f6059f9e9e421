"""Probe 18: Markdown links as a reader sees them, against lychee's extractor tests.

Three false alarms found by writing lychee's ``extract/markdown.rs`` cases as posts:

- a footnote (``[^1]: Ibid.``) read as a link reference definition, its ``[^1]`` cited as
  ``https://blog.example/posts/Ibid.`` (a 404: ``broken``), as lychee's
  ``test_single_word_footnote_is_not_detected_as_link`` pins;
- a wiki link ``[[https://x.example/a]]`` cited with its ``]]`` (lychee's ``test_wiki_link``);
- a bare URL's entity (``?a=1&amp;b=2``) kept as written, though the reader sees ``&``.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.lines import bare_urls
from checker.model import Page, PageKind

PAGE = "https://blog.example/posts/p.html"


def _urls(body: str) -> list[str | None]:
    (doc,) = extract(Page(PAGE, "p.md", f"# T\n\n{body}", PageKind.MARKDOWN))
    return [c.url for c in doc.citations]


@pytest.mark.parametrize(
    "body",
    [
        "This footnote is[^actually] a link.\n\n[^actually]: not\n",
        "As reported.[^1]\n\n[^1]: Ibid.\n",
        "As reported.[^note]\n\n  [^note]: 同上\n",
    ],
)
def test_a_footnote_is_not_a_link(body: str) -> None:
    assert _urls(body) == []


def test_a_footnotes_own_links_are_cited() -> None:
    body = (
        "See[^1] and[^2].\n\n[^1]: https://foot.example/a\n[^2]: [report](https://foot.example/b)\n"
    )
    assert _urls(body) == ["https://foot.example/a", "https://foot.example/b"]


def test_reference_links_still_resolve() -> None:
    body = "[a][r], [Case][R2], [collapsed][] and [short].\n\n"
    body += "[r]: https://ref.example/r\n[r2]: <https://ref.example/r2> 'T'\n"
    body += "[collapsed]: https://ref.example/c\n[short]: https://ref.example/s\n"
    body += "[unused]: https://ref.example/unused\n"
    assert _urls(body) == [
        "https://ref.example/r",
        "https://ref.example/r2",
        "https://ref.example/c",
        "https://ref.example/s",
    ]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("[[https://example.com/destination]]", "https://example.com/destination"),
        ("[see https://x.example/a].", "https://x.example/a"),
        ("https://x.example/list]]]]", "https://x.example/list"),
        ("https://[::1]:8080/x", "https://[::1]:8080/x"),
        ("https://x.example/a[1]", "https://x.example/a"),
    ],
)
def test_a_bracket_the_url_did_not_open_ends_it(text: str, url: str) -> None:
    assert bare_urls(text) == (url,)


def test_a_wiki_link_in_a_post() -> None:
    assert _urls("[[https://example.com/destination]]\n") == ["https://example.com/destination"]


def test_an_entity_in_a_bare_url_is_the_character_the_reader_sees() -> None:
    body = "https://ent.example/x?a=1&amp;b=2 and https://ent.example/y?a=1&b=2\n"
    assert _urls(body) == ["https://ent.example/x?a=1&b=2", "https://ent.example/y?a=1&b=2"]


@pytest.mark.parametrize(
    "text", ["Webseite [ohne http://], Zugriff am Datum.", "type https:// and the host", "http:///"]
)
def test_a_scheme_named_in_prose_is_no_link(text: str) -> None:
    """A real page (realpages, univie.ac.at) says ``[ohne http://]``: cited as ``http://]``,
    a ``malformed-url`` error on a page that links nothing there."""
    assert bare_urls(text) == ()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("http//x.example/a", "http//x.example/a"),
        ("www.x.example/a", "http://www.x.example/a"),  # the link a bare www. address names
        ("http:/x.example/a", "http:/x.example/a"),
    ],
)
def test_a_near_miss_with_a_host_is_still_found(text: str, found: str) -> None:
    assert bare_urls(text) == (found,)
