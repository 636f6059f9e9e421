"""Mend 34p: a failing page of a WordPress REST listing whose length is announced does not end it.

``X-WP-TotalPages: 5`` and page 2 answering 503: the base said page 2 and stopped, pages 3-5
(up to 300 of the site's pages) neither asked nor said.  The pages after a failed one are now
asked, the failed one said (mend33k's test had two pages, so could not see it).
"""

from __future__ import annotations

from checker.sampleweb.server import Response
from tests.test_mend33k_wordpress_rest_pages import (
    _HTML,
    HOST,
    REST,
    _discover,
    _read,
    _site,
    _two_per_page,
)


def test_the_pages_after_an_announced_page_that_fails_are_read() -> None:
    def rest(number: int) -> Response:
        return Response(503, _HTML, b"busy") if number == 2 else _two_per_page(number, 5)

    found, asked = _discover(_site(rest))
    pages = [f"page-{n}{x}" for n in (1, 3, 4, 5) for x in "ab"]
    assert _read(found) == sorted(["first-post", *pages])
    assert len(asked) == 5
    (said,) = found.failed
    assert said.url == f"{HOST}{REST}2&_fields=link" and "503" in said.reason


def test_a_failing_first_page_is_a_quiet_probe() -> None:
    """The first page announces nothing: a site whose API fails is asked once, quietly."""
    found, asked = _discover(_site(lambda _n: Response(503, _HTML, b"busy")))
    assert _read(found) == ["first-post"]
    assert len(asked) == 1 and not found.failed
