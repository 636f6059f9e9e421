"""A MyST embed directive (```` ```{youtube} ID ````) is its embed, and no more than that.

Session 33 read its opening line as the shortcode call of its name and dropped the rest: with
``--include-verbatim`` a link in its body, read as code before, was lost with no word; and its
argument was pasted into the call as it was, so ``{youtube} ID >}} [x](https://…)`` closed the
call and cited a link no reader sees.  Local extraction only."""

from __future__ import annotations

from checker.extract import extract
from checker.model import Page, PageKind

BODY = """# Post

```{youtube} dQw4w9WgXcQ
:width: 100%
See [the talk](https://body.fixture-m33k.example/talk)
```

```{youtube} ID >}} [x](https://inj.fixture-m33k.example/)
```
"""


def _cited(include_verbatim: bool) -> list[tuple[str, str | None, int | None]]:
    page = Page("file:///site/post.md", "post.md", BODY, PageKind.MARKDOWN)
    found = extract(page, include_verbatim=include_verbatim)
    return [(c.kind.value, c.url, c.line) for doc in found for c in doc.citations]


def test_a_link_in_an_embed_directive_s_body_is_read_as_code_is() -> None:
    assert ("link", "https://body.fixture-m33k.example/talk", 5) in _cited(include_verbatim=True)
    assert ("link", "https://body.fixture-m33k.example/talk", 5) not in _cited(False)


def test_an_argument_of_more_than_one_word_is_no_id_and_cites_nothing_after_it() -> None:
    assert _cited(include_verbatim=False) == [
        ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", 3),
        ("link", "{{< youtube >}}", 8),  # said malformed-url, as a call naming no id
    ]
