"""A Markdown link's destination read by one match (issue 19, session 36): the library's answer
on every kind of destination, without its per-character loop on a plain one."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from markdown_it.helpers import parse_link_destination

from checker.extract.link_destination import helpers
from checker.extract.markdown import _parser, markdown_lines

_DESTINATIONS = [
    "http://x.example/a/b?c=1",
    "http://x.example/a) rest",
    "http://x.example/a (title)",
    'http://x.example/a "title")',
    "http://x.example/a\tb)",
    "http://x.example/a\nb)",
    "http://x.example/a\x00b)",
    "http://x.example/a\x7fb)",
    "http://x.example/a\x1fb)",
    "http://x.example/a&amp;b=&copy;)",
    "http://x.example/a&nosuch;b)",
    "http://x.example/(a)b)",
    "http://x.example/((a)b",
    "http://x.example/a(b",
    "(" * 40 + "a" + ")" * 40,
    "http://x.example/a\\)b)",
    "http://x.example/a\\ b)",
    "http://x.example/a\\",
    "\\(x)",
    "<http://x.example/a b>)",
    "<http://x.example/a",
    "<a<b>",
    "<>",
    ")",
    " x",
    "",
    "日本語/パス)",
    "http://x.example/%E6%97%A5)",
    "a\u00a0b)",
    "a\u3000b)",
]


def _answer(result: Any) -> tuple[bool, int, str]:
    return result.ok, result.pos, result.str


@pytest.mark.parametrize("text", _DESTINATIONS)
def test_a_destination_is_read_as_the_library_reads_it(text: str) -> None:
    reader = helpers().parseLinkDestination
    library = parse_link_destination.parseLinkDestination
    source = "[a](" + text
    for pos, maximum in itertools.product(
        range(3, len(source) + 1), {len(source), len(source) - 1, len(source) // 2}
    ):
        expected = _answer(library(source, pos, maximum))
        assert _answer(reader(source, pos, maximum)) == expected, (pos, maximum)


def test_a_plain_destination_is_read_without_the_per_character_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    original = parse_link_destination.charCodeAt

    def counted(src: str, pos: int) -> int | None:
        calls.append(pos)
        return original(src, pos)

    monkeypatch.setattr(parse_link_destination, "charCodeAt", counted)
    body = "See [the report](https://x.example/2024/09/a-long-path-to-a-report.html) here.\n"
    lines, _embeds = markdown_lines(body, "https://blog.example/post/")
    assert [a.href for line in lines for a in line.anchors] == [
        "https://x.example/2024/09/a-long-path-to-a-report.html"
    ]
    assert calls == []


def test_the_parser_reads_escaped_and_nested_destinations_as_commonmark() -> None:
    tokens = _parser().parse("[a](x\\)y) [b](p(q)r) [c](<s t>)\n")
    inline = tokens[1].children or []
    assert [t.attrs["href"] for t in inline if t.type == "link_open"] == ["x)y", "p(q)r", "s t"]
