"""Probe of session 21's shared extraction (a worker extracts input pages for the driver).

Differential: the same check on one process and on two reports the same, and the second
process is not lost on the way.  The fixture web is served here; the runs that fork are driven
from a fresh interpreter (:mod:`tests.processes.harness`).
"""

from __future__ import annotations

from pathlib import Path

from checker.processes import _SHARED_PAGE_CHARS, parsing_allowance
from checker.sampleweb import SampleWeb
from tests.processes.test_processes import _harness, _overrides, _posts, _verdicts, _web


def test_a_page_slow_to_extract_does_not_get_its_worker_killed_as_hung(tmp_path: Path) -> None:
    """A parse in C holds the worker's GIL, and its loop, so it sends no heartbeat: a page that
    takes longer than :func:`~checker.processes.silence` got the worker killed as hung, its
    checks in flight asked again by the driver and the page parsed a second time.  Parsing is
    work, not a hang: the worker is given the time its pages take.

    The silence is made 3 s directly, the timeouts left at their defaults: made 3 s by 1 s
    timeouts, a loaded machine's fixture web took longer than 0.5 s to accept a connection,
    and the two runs' verdicts differed, either way round (session 31: 2 of 3 at 8 lanes a
    host; left 32b: 2 of 32 at load 12, ``ConnectTimeout`` on every URL of a host)."""
    with SampleWeb(_web()) as site:
        slow = tmp_path / "posts" / "a-slow.md"
        inputs = _posts(tmp_path / "posts")
        slow.write_text("# Slow\n\n- [a story](https://news.site0.org/story-0.html)\n", "utf-8")
        overrides = _overrides(site, tmp_path, archive="off")
        spec = {"slow_extracting": ["a-slow.md", 4.5], "silence": 3.0}
        one = _harness(tmp_path, [str(slow), *inputs], overrides, processes=1, **spec)
        two = _harness(tmp_path, [str(slow), *inputs], overrides, processes=2, **spec)
        assert two["pages_sent"] >= 1  # the slow page, the first one, went to the worker
        assert "said nothing" not in two["stderr"], two["stderr"]
        assert "extracted by the main process" not in two["stderr"]
        assert two["rechecked"] == 0
        assert _verdicts(two["document"]) == _verdicts(one["document"])
        assert two["document"]["problems"] == one["document"]["problems"]


def test_the_longest_page_a_worker_gets_is_given_the_time_its_parse_can_take() -> None:
    """A Markdown page of 1 M ``[`` costs 35 s of CPU to extract (probe 21): a flat allowance
    killed the worker parsing such a page, under default timeouts, as hung.  The allowance
    grows with the characters out, twice that at least for the longest page sent, and is 0
    for a worker with no page out (a stopped one is found at :func:`silence`)."""
    assert parsing_allowance(_SHARED_PAGE_CHARS) >= 2 * 35.0
    assert parsing_allowance(_SHARED_PAGE_CHARS) > parsing_allowance(1 << 15) > 0.0
    assert parsing_allowance(0) == 0.0
