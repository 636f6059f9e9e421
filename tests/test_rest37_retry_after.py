"""Session 36's REST listing notes: a refusal asking to be left ends the listing, said; the
pages left at the cap are said as the cap.

A ``429`` with ``Retry-After`` past the fetcher's 30 s cap is neither retried nor holds its host
longer than 30 s, and ``_rest_pages`` never saw its answer: the next page went 30 s later, to a
server that had asked for an hour.  And two failures in a row ending exactly at ``max_pages``
were said as "pages 6-5 not asked".

Discovery over real loopback HTTP (the sample web), as mend33k's and mend34p's tests.
"""

from __future__ import annotations

import pytest

from checker.fetch.retry import waits_past_the_cap
from checker.model import FetchResult, Outcome
from checker.sampleweb.server import Response
from tests.test_mend33k_wordpress_rest_pages import (
    _HTML,
    HOST,
    REST,
    _discover,
    _listed,
    _read,
    _site,
    _two_per_page,
)


def _answer(status: int, retry_after: str | None, outcome: Outcome = Outcome.OK) -> FetchResult:
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    return FetchResult("https://a.example/", outcome, status_code=status, headers=headers)


@pytest.mark.parametrize(
    ("answer", "seconds"),
    [
        (_answer(429, "3600"), 3600.0),
        (_answer(503, "31"), 31.0),
        (_answer(429, "9" * 400), float("inf")),
        (_answer(429, "30"), None),  # the fetcher waits that out
        (_answer(429, None), None),
        (_answer(429, "soon"), None),
        (_answer(404, "3600"), None),  # not a refusal to come back to
        (_answer(200, "3600"), None),
        (_answer(429, "3600", Outcome.TIMEOUT), None),
    ],
)
def test_a_refusal_waiting_past_the_cap(answer: FetchResult, seconds: float | None) -> None:
    assert waits_past_the_cap(answer) == seconds


def test_a_page_asking_to_be_left_for_an_hour_ends_the_listing_said() -> None:
    """``X-WP-TotalPages: 5``, page 2 answering 429 for an hour: page 3 went out 30 s later
    (the fetcher's hold on the host), and page 4 after it; now pages 3-5 are said unasked."""

    def rest(number: int) -> Response:
        if number == 1:
            return _listed([], 5)  # nothing to read from the host while it refuses
        return Response(429, (*_HTML, ("Retry-After", "3600")), b"slow down")

    found, asked = _discover(_site(rest))
    assert len(asked) == 2
    assert _read(found) == ["first-post"]
    refused, unasked = found.failed
    assert refused.url == f"{HOST}{REST}2&_fields=link" and "429" in refused.reason
    assert unasked.url == f"{HOST}{REST}3&_fields=link" and unasked.listing == "pages listing"
    assert unasked.reason == (
        "pages 3-5 not asked: page 2 asked to be left for 3600 s (Retry-After), longer than a "
        "request waits"
    )
    assert not unasked.guessed  # announced pages: an error, as any announced page lost


def test_the_last_page_asking_to_be_left_leaves_nothing_more_to_say() -> None:
    def rest(number: int) -> Response:
        if number == 1:
            return _listed([], 2)
        return Response(503, (*_HTML, ("Retry-After", "86400")), b"down")

    found, asked = _discover(_site(rest))
    assert len(asked) == 2
    assert [u.url for u in found.failed] == [f"{HOST}{REST}2&_fields=link"]


def test_two_failures_ending_at_the_cap_are_said_as_the_cap() -> None:
    """The cap is five listing pages; pages 4 and 5 fail: the pages past them were said
    "pages 6-5 not asked"; the cap ends the listing there, and is said."""

    def rest(number: int) -> Response:
        if number in (4, 5):
            return Response(503, _HTML, b"busy")
        return _two_per_page(number, 40)

    found, asked = _discover(_site(rest))
    assert len(asked) == 5
    assert [u.url for u in found.failed] == [f"{HOST}{REST}{n}&_fields=link" for n in (4, 5, 6)]
    capped = found.failed[-1]
    assert "6-5" not in capped.reason
    assert (
        capped.reason == "the pages listing goes on past 5 pages, the crawl's cap on listing pages"
    )
    assert capped.fix == "name this page as an input to read on from it"


def test_one_page_left_is_said_as_one() -> None:
    """Failures in a row leaving one page unasked: "page 5", not "pages 5-5"."""

    def rest(number: int) -> Response:
        if number in (3, 4):
            return Response(503, _HTML, b"busy")
        return _two_per_page(number, 5)

    found, _asked = _discover(_site(rest))
    assert found.failed[-1].reason == "page 5 not asked: the 2 pages before failed in a row"
