"""MyST's embed directives and Hexo's tags that said nothing (session 32 left), each decided by
what the generator renders:

* ```` ```{youtube} ID ```` (sphinxcontrib-youtube in MyST, ``{vimeo}`` too) is the embed its
  name's shortcode is, as reST's ``.. youtube:: ID`` is (one table, ``EMBED_SHORTCODES``); with
  no id, ``{{< youtube >}}``'s ``malformed-url``.
* Hexo's ``{% jsfiddle ID %}`` frames ``//jsfiddle.net/ID/embedded/…``: that page is cited.
* Hexo's ``{% post_link slug %}`` and ``{% asset_link file %}`` write a link the site finds
  when built (a post by its file name or title, a file of the post's asset folder): cited as
  written, a template's placeholder, ``skipped`` with "check the built page".
Extraction of local text, and the placeholder rule verify applies to it."""

from __future__ import annotations

from checker.extract import extract
from checker.model import CitationKind, Page, PageKind
from checker.urls import is_template_placeholder, is_unreadable_embed


def _cited(body: str) -> list[tuple[CitationKind, str, int | None]]:
    page = Page("file:///site/source/_posts/post.md", "post.md", body, PageKind.MARKDOWN)
    return [(c.kind, c.url or "", c.line) for doc in extract(page) for c in doc.citations]


MYST = """# Post

```{youtube} dQw4w9WgXcQ
:width: 100%
```

```{vimeo} 76979871
```

```{youtube}
```

```python
{youtube} in code
```
"""


def test_a_myst_embed_directive_is_its_embed() -> None:
    assert _cited(MYST) == [
        (CitationKind.EMBED, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", 3),
        (CitationKind.LINK, "https://vimeo.com/76979871", 7),
        (CitationKind.LINK, "{{< youtube >}}", 10),
    ]
    assert is_unreadable_embed("{{< youtube >}}")


HEXO = """---
title: Post
---

See {% post_link hello-world %} and {% asset_link report.pdf "the report" %}.

{% jsfiddle NmudS js,result dark %}

`{% post_link in-code %}`
"""


def test_hexo_s_link_tags_are_cited_and_its_fiddle_is_framed() -> None:
    cited = _cited(HEXO)
    assert [(kind, line) for kind, _url, line in cited] == [(CitationKind.LINK, 5)] * 2 + [
        (CitationKind.LINK, 7)
    ]
    post_link, asset_link, fiddle = (url for _kind, url, _line in cited)
    assert post_link.endswith("{% post_link hello-world %}")
    assert asset_link.endswith('{% asset_link report.pdf "the report" %}')
    assert is_template_placeholder(post_link) and is_template_placeholder(asset_link)
    assert fiddle == "https://jsfiddle.net/NmudS/embedded/"
