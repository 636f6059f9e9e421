"""Mend 34p: a site's own 301 to its numbered host keeps the cited address when it differs
only as a redirect's address may (a trailing slash, an index page, a tracker).

Left 33b spared a 301 to ``ww1.`` that keeps the cited path and adds no query key: a move that
added a ``/`` or a ``utm_source`` was ``broken`` "the site is gone", though the module calls
those differences cosmetic and a redirect's comparison (``_canonical``) already ignored them.
A parking service's tag (``subid1``) still adds a key: parked.
"""

from __future__ import annotations

import pytest

from checker.model import FetchResult, Hop, Outcome, Status
from checker.verify.availability import classify
from tests.verify.test_left33b_parked_moves_and_files import SLUG, _titled


def _moved(cited: str, final: str, status: int = 301) -> Status:
    answer = FetchResult(
        cited,
        Outcome.OK,
        final_url=final,
        status_code=200,
        redirects=(Hop(cited, status),),
        text=_titled("board.test").decode(),
    )
    return classify(answer, cited_url=cited, reads_page=False).status


@pytest.mark.parametrize(
    "final",
    [
        f"https://ww1.board.test{SLUG}/",
        f"https://ww1.board.test{SLUG}/index.html",
        f"https://ww1.board.test{SLUG}?utm_source=moved",
    ],
)
def test_a_301_to_the_numbered_host_with_a_cosmetic_difference_is_a_move(final: str) -> None:
    assert _moved(f"https://www.board.test{SLUG}", final) is Status.REDIRECTED


@pytest.mark.parametrize(
    "final",
    [
        f"https://ww1.board.test{SLUG}/?subid1=20240101",
        f"https://ww1.board.test{SLUG}?subid1=",
        "https://ww1.board.test/",
    ],
)
def test_a_301_that_tags_the_visit_or_drops_the_path_stays_parked(final: str) -> None:
    assert _moved(f"https://www.board.test{SLUG}", final) is Status.BROKEN


@pytest.mark.parametrize(
    "final",
    [
        "https://ww25.board.test/?ref=parkingcrew",
        "https://ww25.board.test/?s=board.test",
        "https://ww25.board.test/index.php?mod=lander",
    ],
)
def test_a_301_adding_a_tracker_key_other_than_utm_stays_parked(final: str) -> None:
    """Mend 34v: ``ref``, ``s``, ``mod`` are trackers' keys in a citation but a parking
    service's tags on a forward: the base called these moves ``redirected``."""
    assert _moved("https://www.board.test/", final) is Status.BROKEN
