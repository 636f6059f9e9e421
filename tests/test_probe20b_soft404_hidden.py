"""A dead page that hides all it says until a script shows it is still a "not found" page.

Session 20 stopped reading hidden elements' words for soft-404 (a playable video keeps "This
video is unavailable." hidden beside what it shows).  A page whose whole text is hidden until a
script runs (``<main hidden>``, an ``invisible`` wrapper a script removes, an app shell's
``visibility: hidden``) then showed nothing at all, and its "Page not found" was no longer
read: a dead source passed as ``ok``.  Hiding is a fallback only beside something shown.
"""

from __future__ import annotations

import pytest

from checker.verify.soft404 import lead_shape, not_found_in, page_shape

MESSAGE = "<h1>Page not found</h1><p>Sorry, the page you were looking for could not be found.</p>"


def _page(body: str) -> str:
    return f"<html><head><title>Example News</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "body",
    [
        f"<main hidden>{MESSAGE}</main>",
        f'<main><div class="invisible" id="err">{MESSAGE}</div>'
        '<script>document.getElementById("err").classList.remove("invisible")</script></main>',
        f'<nav>Home News Sport</nav><main><div style="display:none">{MESSAGE}</div></main>',
        f'<div id="app"><main><section class="is-hidden">{MESSAGE}</section></main></div>',
    ],
)
def test_a_page_that_shows_nothing_says_what_it_hides(body: str) -> None:
    for shape in (page_shape(_page(body)), lead_shape(_page(body))):
        assert not_found_in(shape) == "Page not found"


def test_beside_shown_text_a_hidden_message_is_still_ignored() -> None:
    body = f"<main><div hidden>{MESSAGE}</div><h1>Flood statistics</h1><p>Rain.</p></main>"
    for shape in (page_shape(_page(body)), lead_shape(_page(body))):
        assert not_found_in(shape) is None


@pytest.mark.parametrize("where", ["before", "after", "outside"])
def test_a_templates_heading_is_never_what_the_page_says(where: str) -> None:
    """A ``<template>`` is never rendered (a script clones it for an error state): its "Page not
    found" heading made a live article soft-404, a false ``broken``."""
    article = "<h1>Flood statistics for today</h1>" + "<p>Rain fell for a third day.</p>" * 3
    template = '<template id="error"><h1>Page not found</h1></template>'
    body = {
        "before": f"<main>{template}{article}</main>",
        "after": f"<main>{article}{template}</main>",
        "outside": f"{template}<main>{article}</main>",
    }[where]
    for shape in (page_shape(_page(body)), lead_shape(_page(body))):
        assert shape.headings == ("Flood statistics for today",)
        assert not_found_in(shape) is None
    # nor when the page shows nothing else
    assert not_found_in(page_shape(_page(f"<main>{template}</main>"))) is None
