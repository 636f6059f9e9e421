"""Probe 32: Zola's shortcodes are read as their embeds, as Hugo's and Jekyll's are.

A Zola post embeds a video with its built-in ``{{ youtube(id="dQw4w9WgXcQ") }}`` (Tera's call:
a name, then ``key="value"`` arguments between brackets, separated by commas) and a theme's
tweet as ``{{ tweet(url="…") }}``.  No reader knew the form: the videos vanished with no word
(a post of two videos and a Vimeo player reported its one link, exit 0) and the tweet was
fetched as a page.  Each is now the embed (or, for a platform of no embed, the link) Hugo's
``{{< youtube … >}}`` gives; a call naming no id of its platform is ``malformed-url`` as Hugo's
is, and a Tera expression that is no embed's call is left as it is.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind
from checker.verify.availability import unfetched_verdict

FRONT = '+++\ntitle = "Post"\ndate = 2024-01-02\n+++\n\nThe talk.\n\n'


def _cited(body: str) -> list[tuple[str, str, int]]:
    page = Page(
        "file:///blog/content/post.md", "/blog/content/post.md", FRONT + body, PageKind.MARKDOWN
    )
    (document,) = extract(page)
    return [(c.kind.value, c.url or "", c.line or 0) for c in document.citations]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            '{{ youtube(id="dQw4w9WgXcQ") }}',
            ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ),
        (
            '{{ youtube(id="dQw4w9WgXcQ", autoplay=true, class="wide") }}',
            ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ),
        ("{{youtube(id='dQw4w9WgXcQ')}}", ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")),
        (  # a quoted argument holding a bracket: the call was dropped, read as no call
            '{{ youtube(id="dQw4w9WgXcQ", class="wide (16:9)") }}',
            ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ),
        (
            "{{ vimeo(id=124313553, title='Talk (part 1)') }}",
            ("link", "https://vimeo.com/124313553"),
        ),
        ('{{ vimeo(id="124313553") }}', ("link", "https://vimeo.com/124313553")),
        ("{{ vimeo(id=124313553, class='x') }}", ("link", "https://vimeo.com/124313553")),
        (
            '{{ tweet(url="https://twitter.com/jack/status/20, ok") }}',
            ("embed", "https://twitter.com/jack/status/20"),
        ),
        (
            '{{ gist(url="https://gist.github.com/Keats/e5fb6aad409f28721c0ba14161644c57") }}',
            ("link", "https://gist.github.com/Keats/e5fb6aad409f28721c0ba14161644c57"),
        ),
    ],
)
def test_a_zola_call_is_its_embed(written: str, expected: tuple[str, str]) -> None:
    assert _cited(written + "\n") == [(*expected, 8)]


@pytest.mark.parametrize("call", ['{{ youtube(class="wide") }}', '{{ youtube(class="a (b)") }}'])
def test_a_zola_call_naming_no_id_is_malformed(call: str) -> None:
    ((kind, written, line),) = _cited(call + "\n")
    assert (kind, line) == ("link", 8)
    verdict = unfetched_verdict(written)
    assert verdict is not None
    assert [f.code.value for f in verdict.findings] == ["malformed-url"]


@pytest.mark.parametrize(
    "written",
    ['{{ get_url(path="@/about.md") }}', "{{ page.title }}", '{{ resize_image(path="a.png") }}'],
)
def test_a_tera_call_of_no_embed_is_no_citation(written: str) -> None:
    assert _cited(written + "\n") == []
