"""A Markdown post's block tags written without markdown-it's ``renderToken`` (issue 19, session
36): the same HTML, its line breaks taken out, as ``renderToken`` writes for each."""

from __future__ import annotations

import pytest

from checker.extract import markdown
from checker.extract.markdown import _parser, _render

_DOCUMENT = """# Title

Para one with [a link](https://x.example/a) and *em*.
Second line.

- tight a
- tight b
  1. nested
  2. ordered

* loose a

* loose b

> quoted
> > nested quote

3. starts at three
4. four

| a | b |
|:--|--:|
| 1 | 2 |

Setext
======

***

<div>html</div>

    code block

```
fenced
```
- [x] item

-
  after an empty item
"""


def test_a_block_tag_is_what_render_token_writes() -> None:
    md = _parser()
    tokens = md.parse(_DOCUMENT)
    shortcut = 0
    for index, token in enumerate(tokens):
        if token.type in ("inline", "fence", "code_block", "html_block"):
            continue
        if token.nesting and not token.attrs and not token.hidden:
            shortcut += 1
            written = md.renderer.renderToken(tokens, index, md.options, {}).replace("\n", "")
            assert written == ("</" if token.nesting < 0 else "<") + token.tag + ">"
    assert shortcut > 20
    assert any(t.hidden for t in tokens) and any(t.attrs for t in tokens if t.block)


def test_a_posts_paragraphs_are_written_without_render_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    md = _parser()
    tokens = md.parse("Para one.\n\n## A heading\n\n> Quoted.\n")
    expected = _render(tokens, False)

    def refused(*_args: object) -> str:
        raise AssertionError("renderToken called for a tag with no attribute")

    monkeypatch.setattr(md.renderer, "renderToken", refused)
    assert _render(tokens, False) == expected
    assert (
        expected
        == "<p>Para one.</p>\n\n<h2>A heading</h2>\n\n<blockquote><p>Quoted.</p></blockquote>"
    )


@pytest.mark.parametrize(
    "text",
    [
        "plain prose, no address",
        "関連記事を参照。",
        "see www.example.com/a for more",
        "WWW2.Example.com",
        "htps://x.example/a and http//y.example",
        'a <b> & "c" d/e',
        "https://x.example/ok",
        "",
    ],
)
def test_a_text_run_is_linked_as_the_scan_links_it(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = markdown._near_urls_linked(text)
    with monkeypatch.context() as patched:
        patched.setattr(markdown, "may_write_url", lambda _text: True)
        assert markdown._near_urls_linked(text) == expected


def test_a_text_run_without_slash_or_www_is_not_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19, session 36: each text run of a post was scanned for near-miss URLs, each of
    which has a slash or a ``www.`` host; a run with neither is escaped, unscanned."""

    class Refusing:
        def finditer(self, _text: str) -> list[object]:
            raise AssertionError("a text run without slash or www was scanned")

    monkeypatch.setattr(markdown, "NEAR_URL_TEXT", Refusing())
    assert (
        markdown._near_urls_linked('関連記事 <a> & "b"') == "関連記事 &lt;a&gt; &amp; &quot;b&quot;"
    )
