"""A number read from input is read by one helper, :func:`checker.encoding.ascii_int`: ASCII
digits only, and a length ``int`` accepts.

The test was written out by hand at ten sites (review of session 33), and some guarded the
length ``int`` refuses (over 4,300 digits: a ``ValueError``) while others did not: a feed's
``totalResults``, a ``start-index`` or ``page`` query, or a ``--connect-to`` port of 5,000
digits ended in a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checker.config import ConfigError, _port
from checker.discover.blogger import _next_pages
from checker.discover.crawl import _start_index
from checker.discover.feeds import parse_feed
from checker.encoding import ascii_int

LONG = "9" * 5_000


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0", 0),
        ("007", 7),
        ("65535", 65535),
        ("0" * 5_000 + "12", 12),  # leading zeros are no digits of the number
        ("", None),
        ("²", None),
        ("1²", None),
        ("٣", None),  # a digit int() reads, but no format here writes it
        ("-1", None),
        (" 1", None),
        ("+1", None),
        (LONG, None),
    ],
)
def test_ascii_int_reads_ascii_digits_only(text: str, number: int | None) -> None:
    assert ascii_int(text) == number


def test_a_bound_on_the_digits_is_the_callers() -> None:
    assert ascii_int("1234567", max_digits=6) is None
    assert ascii_int("0123456", max_digits=6) == 123456


_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"
      xmlns:openSearch="http://a9.com/-/spec/opensearchrss/1.0/">
  <title>t</title>
  <openSearch:totalResults>{total}</openSearch:totalResults>
  <entry><title>p</title><link rel="alternate" href="https://b.example/p"/>
    <content type="html">&lt;a href="https://a.example/x"&gt;a&lt;/a&gt;</content></entry>
</feed>"""


def test_a_feed_whose_total_is_too_long_a_number_is_read_without_it() -> None:
    page = parse_feed(_ATOM.format(total=LONG), "https://b.example/feed")
    assert page is not None
    assert page.total is None
    assert [entry.url for entry in page.entries] == ["https://b.example/p"]


def test_a_start_index_or_page_too_long_is_no_number() -> None:
    assert _start_index(f"https://b.blogspot.com/feeds/posts/default?start-index={LONG}") == 1
    assert {query for _, _, query in _next_pages(f"https://b.example/?page={LONG}")} == {
        f"page={LONG}&paged=2"
    }


def test_a_connect_to_port_too_long_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a port number"):
        _port(LONG, f"a.example:443:127.0.0.1:{LONG}")


def test_the_command_line_says_so_in_one_line_and_exits_2(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("[a](https://a.example/x)\n", encoding="utf-8")
    typo = ("--connect-to", f"a.example:443:127.0.0.1:{LONG}")
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(post), "--no-store", *typo],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr[-500:]
    assert len(done.stderr.strip().splitlines()) == 1
    assert "not a port number" in done.stderr
