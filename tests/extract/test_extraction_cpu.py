"""Session 19's extraction shortcuts (issue 19) give the long way's answer and skip its work.

Each is held to what it replaces (an XPath, a regex) on inputs made to hit its edges, and shown
not to do the work it saves: a Blogger page's posts, titles, bodies and day headers are found
from the page index without an XPath; an href written ``http(s)://host…`` is classified without
the near-miss regex.
"""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from checker.dates import is_date_line
from checker.extract import attribution, links, posts
from checker.extract.lines import Anchor, Line, html_lines
from checker.extract.links import SCHEME, classify_href
from checker.extract.posts import _classed_ancestor, _first_classed, _outer_posts
from checker.extract.tree import PageIndex, parse_html
from checker.model import Page, PageKind
from checker.urls import is_near_miss, plain_web_scheme

_BLOGGER = """<html><body>
<div class="post-outer" id="o1"><div class="post hentry" id="p1">
  <h3 class="post-title" id="t1"><a href="https://b.example/1.html">One</a></h3>
  <div class="post-body" id="b1"><p>body <a href="https://x.example/a">a</a></p></div>
</div></div>
<div class="date-outer" id="d2">
 <h2 class="date-header" id="h2"><span>2025年12月8日月曜日</span></h2>
 <div class="date-posts"><div class="post-outer" id="o2">
  <div class="xpost" id="n1">a substring only</div>
  <div class="post&#9;x" id="p2"><div class="post-body" id="b2">tab-separated</div></div>
  <div class="post-outer post" id="p3"><div class="post" id="p4"><p class="post-body x" id="b4">
  nested</p></div></div>
 </div></div></div>
<div class="post" id="n2">outside any post-outer</div>
<div class="post-outer"></div><div class="post" id="n3">after an empty post-outer</div>
</body></html>"""


def _ids(elements: list[Any]) -> list[str | None]:
    return [e.get("id") for e in elements]


def _no_xpath(*_args: object, **_kwargs: object) -> list[Any]:
    raise AssertionError("an indexed Blogger page takes no XPath")


def test_the_blogger_posts_from_the_index_are_the_xpaths() -> None:
    root = parse_html(_BLOGGER)
    index = PageIndex(root)
    expected = posts._BLOGGER_POSTS(root)
    assert _ids(_outer_posts(index)) == _ids(expected) == ["p1", "p2", "p3", "p4"]


@pytest.mark.parametrize(
    ("container", "name", "xpath"),
    [
        ("p1", "post-title", posts._POST_TITLE),
        ("p1", "post-body", posts._POST_BODY),
        ("p2", "post-body", posts._POST_BODY),
        ("p3", "post-body", posts._POST_BODY),
        ("p4", "post-title", posts._POST_TITLE),
        ("d2", "date-header", posts._DATE_HEADER),
        ("o2", "date-header", posts._DATE_HEADER),
    ],
)
def test_the_first_classed_descendant_is_the_xpaths(container: str, name: str, xpath: Any) -> None:
    root = parse_html(_BLOGGER)
    element = root.find(f".//*[@id='{container}']")
    expected = posts._first(xpath, element)
    assert _first_classed(element, name, PageIndex(root), xpath) is expected


@pytest.mark.parametrize("start", ["p1", "p2", "p4", "b4", "h2", "d2"])
def test_the_nearest_classed_ancestor_is_the_xpaths(start: str) -> None:
    root = parse_html(_BLOGGER.replace('class="post-outer" id="o2"', 'class="date-outer"'))
    element = root.find(f".//*[@id='{start}']")
    expected = posts._first(posts._DATE_OUTER, element)
    found = _classed_ancestor(element, "date-outer", PageIndex(root), posts._DATE_OUTER)
    assert found is expected


def test_an_element_outside_the_index_still_takes_the_xpaths() -> None:
    root, other = parse_html(_BLOGGER), parse_html(_BLOGGER)
    index = PageIndex(root)
    post = other.find(".//*[@id='p1']")
    assert _first_classed(post, "post-body", index, posts._POST_BODY).get("id") == "b1"
    header = other.find(".//*[@id='h2']")
    assert _classed_ancestor(header, "date-outer", index, posts._DATE_OUTER).get("id") == "d2"


def test_a_blogger_page_is_read_without_an_xpath(monkeypatch: pytest.MonkeyPatch) -> None:
    page = Page("https://b.example/search/label/x", "label.html", _BLOGGER, PageKind.HTML)
    expected = posts.extract_html(page)
    for name in ("_BLOGGER_POSTS", "_POST_TITLE", "_POST_BODY", "_DATE_OUTER", "_DATE_HEADER"):
        monkeypatch.setattr(posts, name, _no_xpath)
    assert posts.extract_html(page) == expected
    assert [d.title for d in expected] == ["One", None, None, None]
    assert expected[1].published is not None and expected[1].published.day == 8


_HREFS = [
    "https://example.com/a",
    "http://example.com/a",
    "https://例え.jp/パス",
    "http://x",
    "https:///x",
    "https://",
    "http://",
    "https:// x",
    "https://\u3000x",
    "https://\u00a0x",
    "https://?q",
    "https://#f",
    "https:/x",
    "https:x",
    "htps://x",
    "HTTPS://x",
    "Https://x",
    "hxxps://x",
    "https://x\ny",
    "http//x",
    "https:////x",
    "www.example.com/x",
    "mailto:a@b",
    "/relative",
    "ftp://x",
]


@pytest.mark.parametrize("href", _HREFS)
def test_the_plain_scheme_test_is_the_regexes(href: str) -> None:
    end = plain_web_scheme(href)
    if end is not None:
        scheme = SCHEME.match(href)
        assert scheme is not None and scheme.end() == end
        assert not is_near_miss(href)


@pytest.mark.parametrize("href", _HREFS)
def test_the_plain_scheme_classifies_as_the_long_way(
    href: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = classify_href(href, "https://blog.example/post.html")
    monkeypatch.setattr(links, "plain_web_scheme", lambda _href: None)
    assert classify_href(href, "https://blog.example/post.html") == expected


def test_a_plain_web_href_skips_the_near_miss_regex(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_written: str) -> bool:
        raise AssertionError("the near-miss regex ran on a plain https:// href")

    monkeypatch.setattr(links, "is_near_miss", refuse)
    found = classify_href("https://example.com/a/b?c=d", "https://blog.example/")
    assert found == links.Href(links.HrefKind.WEB, "https://example.com/a/b?c=d")


_DATE_LINES = [
    "November 11, 2025",
    "Published: May 5, 2025",
    "5/20/2025",
    "２０２５年１２月８日",
    "2025年12月8日(月)",
    "8 December 2025",
    "Mon, Dec 8, 2025",
    "Market sanctions election treaty parliament summit agreement",
    "By Peter Petrenko",
    "Published: May",
    "",
    "December ٥, ٢٠٢٥",
]


@pytest.mark.parametrize("text", _DATE_LINES)
def test_the_digit_precheck_is_the_date_grammar(text: str) -> None:
    assert attribution._is_date_line(text) == is_date_line(text)


def test_a_block_line_without_a_digit_is_not_asked_for_a_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def counted(text: str) -> bool:
        asked.append(text)
        return is_date_line(text)

    monkeypatch.setattr(attribution, "is_date_line", counted)
    lines = [
        Line("本文です。■", 1),
        Line("Market sanctions election treaty", 2),
        Line("By Peter Petrenko", 3),
        Line("April 6, 2024", 4),
        Line(
            "https://news.example/a",
            5,
            (Anchor("https://news.example/a", "https://news.example/a"),),
        ),
    ]
    (found,) = attribution.find_attributions(lines, "記事(News)")
    assert (found.cited.title, found.cited.author, found.cited.date, found.url) == (
        "Market sanctions election treaty",
        "Peter Petrenko",
        "April 6, 2024",
        "https://news.example/a",
    )
    assert asked and all(any(ch.isdigit() for ch in text) for text in asked)


def _recorded_labels(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each text ``attribution._strip_label`` is asked to strip, in order, from now on."""
    read: list[str] = []
    words = attribution._strip_label

    def unlabelled(text: str) -> str:
        read.append(text)
        return words(text)

    monkeypatch.setattr(attribution, "_strip_label", unlabelled)
    return read


def test_a_block_line_is_read_once_for_its_script_and_its_role(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A block's date line was asked for a date twice (its script, then its role) and its URL
    line's words were taken out twice: each is read once a post, and a second post the same."""
    asked: list[str] = []

    def dated(text: str) -> bool:
        asked.append(text)
        return is_date_line(text)

    monkeypatch.setattr(attribution, "is_date_line", dated)
    read = _recorded_labels(monkeypatch)
    url = "https://news.example/2024/04/a"
    lines = [
        Line("本文です。■", 1),
        Line("Market sanctions election treaty", 2),
        Line("By Peter Petrenko", 3),
        Line("April 6, 2024", 4),
        Line(url, 5, (Anchor(url, url),)),
    ]
    for _post in range(2):
        asked.clear()
        read.clear()
        (found,) = attribution.find_attributions(lines, "記事(News)")
        assert (found.cited.title, found.cited.author, found.cited.date, found.url) == (
            "Market sanctions election treaty",
            "Peter Petrenko",
            "April 6, 2024",
            url,
        )
        assert sorted(asked) == sorted(set(asked)) and "April 6, 2024" in asked
        assert read.count(url) == 2  # its words taken out once, its role's own text once


def test_the_flattening_passes_over_comments_and_keeps_their_tails() -> None:
    root = parse_html("<html><body><div><p>one <b>two</b> three</p><p>four</p></div></body></html>")
    div = root.find(".//div")
    expected = [(line.text, line.number) for line in html_lines(div)]
    first = div.find("p")
    first.insert(0, etree.Comment("a note"))
    first[0].tail = "one "
    first.text = None
    div.append(etree.ProcessingInstruction("php", "echo 1"))
    assert [(line.text, line.number) for line in html_lines(div)] == expected


_NAME_TEXTS = [
    "Jack Watling",
    "Market sanctions election treaty parliament summit agreement",
    "Anne-Marie de la Cruz y Garcia Lopez",
    "Jack Watling and Justin Bronk",
    "Jack Watling AND Justin Bronk Jones Smith",
    "Jack Watling, Justin Bronk, Nick Reynolds",
    "Alpha Beta Gamma Delta Epsilon; Zeta Eta",
    "Alpha Beta Gamma Delta & Epsilon",
    "ジャック・ワトリング と ジャスティン・ブロンク さん たち",
    "Sandy Anderson Brand Landon Grand",
    "One Two Three Four Five (a parenthetical, with a comma)",
    "Mary Jane Watson Parker Junior Smith 2nd",
    "  spaced   out   name   with   many   words  ",
    "",
    "Dr. A. B.",
]


def _is_name_long_way(monkeypatch: pytest.MonkeyPatch, text: str, max_tokens: int) -> bool:
    with monkeypatch.context() as patched:
        patched.setattr(attribution, "_one_long_name", lambda _cleaned, _max: False)
        return attribution._is_name(text, max_tokens=max_tokens)


@pytest.mark.parametrize("text", _NAME_TEXTS)
@pytest.mark.parametrize("max_tokens", [4, 5])
def test_the_long_name_shortcut_is_the_name_test(
    text: str, max_tokens: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _is_name_long_way(monkeypatch, text, max_tokens)
    assert attribution._is_name(text, max_tokens=max_tokens) == expected


def test_a_title_line_is_no_name_without_the_separators_split(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Refusing:
        def split(self, _text: str) -> list[str]:
            raise AssertionError("a seven-word line without separators was split")

    monkeypatch.setattr(attribution, "_NAME_SEPARATORS", Refusing())
    assert not attribution._is_name(_NAME_TEXTS[1])


def _script_long_way(rest: str) -> str:
    """The script counts as they were: every CJK, Latin and other-script letter listed."""
    cjk = len(attribution._CJK.findall(rest))
    if cjk >= 3 or (cjk and cjk >= len(attribution._LATIN.findall(rest))):
        return "CJK"
    latin = len(attribution._LATIN.findall(rest)) + len(attribution._OTHER_SCRIPT.findall(rest))
    return "LATIN" if latin >= 2 else "BLANK"


@pytest.mark.parametrize(
    "text",
    [
        "日本語の文です。",
        "日本 Ab",
        "日本 Abc",
        "日 A",
        "日 AB",
        "日 Ω",
        "A Ω",
        "ΩΨ",
        "A",
        "Market sanctions election treaty",
        "Правда 日",
        "* — *",
        "한국어 text",
    ],
)
def test_the_capped_script_counts_are_the_full_counts(text: str) -> None:
    assert attribution._script(Line(text, 1)).name == _script_long_way(text)


class _Searched:
    """A pattern that counts its searches and has no ``finditer`` (session 36)."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.searches = 0

    def search(self, text: str, pos: int = 0) -> Any:
        self.searches += 1
        return self.pattern.search(text, pos)

    def finditer(self, *_args: object) -> Any:
        raise AssertionError("a script's letters are counted by searches, not an iterator")


@pytest.mark.parametrize("text", ["", "abc", "a日b本c語d", "日本語の文", "Ω", "x y", "日"])
@pytest.mark.parametrize("limit", [0, 1, 2, 3])
def test_a_scripts_letters_are_counted_by_searches_to_the_limit(text: str, limit: int) -> None:
    """Issue 19, session 36: ``_count`` walked ``finditer`` through ``islice`` and a generator
    (~1.5 µs a count, three a line); a line with no such letter is now one search."""
    for pattern in (attribution._CJK, attribution._LATIN, attribution._OTHER_SCRIPT):
        searched = _Searched(pattern)
        expected = min(limit, len(pattern.findall(text)))
        assert attribution._count(searched, text, limit) == expected  # type: ignore[arg-type]
        assert searched.searches == min(limit, expected + 1)


class _Text(str):
    """A line's text that records each ``rstrip`` (the end-mark test)."""

    stripped: list[str] = []  # noqa: RUF012 (one test's record)

    def rstrip(self, chars: str | None = None) -> str:
        _Text.stripped.append(str(self))
        return str.rstrip(self, chars)


def test_the_end_mark_is_looked_for_from_the_posts_end() -> None:
    """Issue 19, session 36: every line of a post was read for an end mark (``■``) to find the
    last one; the lines before it are not read for it now."""
    url = "https://news.example/2024/04/a"
    prose = [Line(_Text(f"本文です。その{n}。"), n + 1) for n in range(6)]
    lines = [
        *prose,
        Line(_Text("■"), 7),
        Line(_Text("Market sanctions election treaty"), 8),
        Line(_Text("By Peter Petrenko"), 9),
        Line(_Text(url), 10, (Anchor(url, url),)),
    ]
    _Text.stripped = []
    (found,) = attribution.find_attributions(lines, "記事(News)")
    assert (found.cited.title, found.cited.author, found.url) == (
        "Market sanctions election treaty",
        "Peter Petrenko",
        url,
    )
    assert not any(text.startswith("本文") for text in _Text.stripped)


@pytest.mark.parametrize("text", _NAME_TEXTS)
@pytest.mark.parametrize("max_tokens", [4, 5])
def test_a_name_without_separators_is_read_as_split(
    text: str, max_tokens: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19, session 36: a text with no separator's mark and no "and" is one name, not split;
    the answer is the split's."""
    expected = attribution._is_name(text, max_tokens=max_tokens)
    with monkeypatch.context() as patched:
        patched.setattr(attribution, "_may_separate", lambda _cleaned: True)
        assert attribution._is_name(text, max_tokens=max_tokens) == expected


def test_a_bylines_names_and_a_title_are_read_without_the_separators_split(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 19, session 36: ``By Olga Garcia`` was split by the separators' pattern (each
    character tried for ``\\band\\b``) to find the one name it is; the title line's label was
    stripped three times (its words, its role, its link), now twice."""

    class Refusing:
        def split(self, _text: str) -> list[str]:
            raise AssertionError("a name without separators was split")

    monkeypatch.setattr(attribution, "_NAME_SEPARATORS", Refusing())
    read = _recorded_labels(monkeypatch)
    url = "https://news.example/2024/04/a"
    lines = [
        Line("本文です。■", 1),
        Line("Market sanctions election treaty", 2),
        Line("By Olga Garcia", 3),
        Line(url, 4, (Anchor(url, url),)),
    ]
    (found,) = attribution.find_attributions(lines, "記事(News)")
    assert (found.cited.title, found.cited.author) == (
        "Market sanctions election treaty",
        "Olga Garcia",
    )
    assert read.count("Market sanctions election treaty") == 2
