"""Numbers read from untrusted text take ASCII digits only where the format says so.

``str.isdigit`` holds for ``"²"`` (and every superscript), which ``int`` refuses: a feed's
``totalResults``, a ``start-index``/``page`` query, a ``--connect-to`` port or a Persian date
holding one ended in a ``ValueError`` (a run's internal error, exit 3, for a command-line typo).
Arabic-Indic ``"٣"`` is a digit ``int`` reads, but no browser reads it as a refresh's delay.
And a number of 5,000 ASCII digits, which ``int`` refuses (over 4,300), ended the same way
where a site had not guarded the length (session 34: one helper, ``encoding.ascii_int``).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from checker import dates
from checker.config import ConfigError, _port
from checker.discover.blogger import _next_pages
from checker.discover.crawl import _start_index
from checker.discover.feeds import parse_feed
from checker.urls import meta_refresh

_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"
      xmlns:openSearch="http://a9.com/-/spec/opensearchrss/1.0/">
  <title>t</title>
  <openSearch:totalResults>{total}</openSearch:totalResults>
  <entry><title>p</title><link rel="alternate" href="https://b.example/p"/>
    <content type="html">&lt;a href="https://a.example/x"&gt;a&lt;/a&gt;</content></entry>
</feed>"""
LONG = "9" * 5_000


@pytest.mark.parametrize("total", ["²", "1²", LONG], ids=["superscript", "digit", "long"])
def test_a_feed_whose_total_is_a_superscript_is_read_without_it(total: str) -> None:
    page = parse_feed(_ATOM.format(total=total), "https://b.example/feed")
    assert page is not None
    assert page.total is None
    assert [entry.url for entry in page.entries] == ["https://b.example/p"]


def test_a_start_index_or_page_of_superscripts_is_no_number() -> None:
    for index in ("%C2%B2", LONG):
        assert _start_index(f"https://b.blogspot.com/feeds/posts/default?start-index={index}") == 1
    # not ``page=3`` (nor a crash): only ``paged`` is read, from its own default of 1
    for page in ("%C2%B2", "%D9%A3", LONG):
        assert {query for _, _, query in _next_pages(f"https://b.example/?page={page}")} == {
            f"page={page}&paged=2"
        }


@pytest.mark.parametrize("port", ["²", LONG], ids=["superscript", "long"])
def test_a_connect_to_port_of_superscripts_is_a_config_error(port: str) -> None:
    with pytest.raises(ConfigError, match="not a port number"):
        _port(port, f"a.example:443:127.0.0.1:{port}")


@pytest.mark.parametrize("port", ["²", LONG], ids=["superscript", "long"])
def test_the_command_line_says_so_in_one_line_and_exits_2(tmp_path, port: str) -> None:
    post = tmp_path / "p.md"
    post.write_text("[a](https://a.example/x)\n", encoding="utf-8")
    done = subprocess.run(
        [
            *[sys.executable, "-m", "checker", "check", str(post), "--no-store"],
            "--connect-to",
            f"a.example:443:127.0.0.1:{port}",
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "not a port number" in done.stderr


@pytest.mark.parametrize("text", ["² مهر ۱۴۰۱", "۱۲ مهر ۱۴0²", "۱۴۰۱/0³/۱۲"])
def test_a_persian_date_holding_a_superscript_is_no_date(text: str) -> None:
    assert dates.parse_other_script(text) is None


def test_a_persian_date_in_its_own_digits_is_still_read() -> None:
    assert str(dates.parse_other_script("۱۲ مهر ۱۴۰۱")) == "2022-10-04"


def test_a_refresh_delay_is_ascii_digits() -> None:
    assert meta_refresh("٣; url=/x") is None
    assert meta_refresh("3; url=/x") == (3.0, "/x")
