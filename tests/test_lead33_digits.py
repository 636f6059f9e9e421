"""Numbers read from untrusted text take ASCII digits only where the format says so.

``str.isdigit`` holds for ``"²"`` (and every superscript), which ``int`` refuses: a feed's
``totalResults``, a ``start-index``/``page`` query, a ``--connect-to`` port or a Persian date
holding one ended in a ``ValueError`` (a run's internal error, exit 3, for a command-line typo).
Arabic-Indic ``"٣"`` is a digit ``int`` reads, but no browser reads it as a refresh's delay.
And a number of 5,000 ASCII digits, which ``int`` refuses (over 4,300), ended the same way
where a site had not guarded the length (session 34: one helper, ``encoding.ascii_int``).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys

import pytest

from checker import dates
from checker.config import ConfigError, _port
from checker.dask_executor import local_cluster
from checker.discover.blogger import _next_pages
from checker.discover.crawl import _start_index
from checker.discover.feeds import parse_feed
from checker.discover.urls import listing_path
from checker.encoding import ascii_int
from checker.extract.embeds.twitter import read as read_tweet
from checker.extract.tree import parse_html
from checker.fetch.retry import RetryPolicy, parse_retry_after
from checker.model import FetchResult, Outcome
from checker.sharing import runnable
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
def test_a_feed_whose_total_is_no_ascii_number_is_read_without_it(total: str) -> None:
    page = parse_feed(_ATOM.format(total=total), "https://b.example/feed")
    assert page is not None
    assert page.total is None
    assert [entry.url for entry in page.entries] == ["https://b.example/p"]


def test_a_start_index_or_page_of_superscripts_or_too_many_digits_is_no_number() -> None:
    for index in ("%C2%B2", LONG):
        assert _start_index(f"https://b.blogspot.com/feeds/posts/default?start-index={index}") == 1
    # not ``page=3`` (nor a crash): only ``paged`` is read, from its own default of 1
    for page in ("%C2%B2", "%D9%A3", LONG):
        assert {query for _, _, query in _next_pages(f"https://b.example/?page={page}")} == {
            f"page={page}&paged=2"
        }


@pytest.mark.parametrize("port", ["²", LONG], ids=["superscript", "long"])
def test_a_connect_to_port_of_superscripts_or_too_many_digits_is_a_config_error(port: str) -> None:
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


def test_a_port_longer_than_the_int_limit_set_lower_is_no_port() -> None:
    """``PYTHONINTMAXSTRDIGITS=640``: ``int`` refuses 641 digits, so a 1,000-digit port made
    ``ascii_int`` raise, "internal error: ValueError" (session 34's review)."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    try:
        assert ascii_int("9" * 1_000) is None
        assert ascii_int("7" * 640) == int("7" * 640)
        with pytest.raises(ConfigError, match="not a port number"):
            _port("9" * 1_000, "a.example:443:127.0.0.1:" + "9" * 1_000)
    finally:
        sys.set_int_max_str_digits(limit)


def test_the_command_line_under_a_lower_int_limit_exits_2(tmp_path) -> None:
    post = tmp_path / "p.md"
    post.write_text("[a](https://a.example/x)\n", encoding="utf-8")
    done = subprocess.run(
        [
            *[sys.executable, "-m", "checker", "check", str(post), "--no-store"],
            *["--connect-to", "a.example:443:127.0.0.1:" + "9" * 1_000],
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONINTMAXSTRDIGITS": "640"},
    )
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "not a port number" in done.stderr


def test_a_retry_after_of_more_digits_than_a_float_holds_is_past_the_cap() -> None:
    """``float`` read 309 digits as ``inf``: longer than any cap, never retried (should_retry);
    read as unreadable, the 503 was retried on ordinary backoff (session 34's review)."""
    value = "9" * 400
    assert parse_retry_after(value) == math.inf
    refused = FetchResult(
        "https://a.example/", Outcome.OK, status_code=503, headers={"Retry-After": value}
    )
    policy = RetryPolicy(retries=2, backoff=0.5)
    assert not policy.should_retry(refused, attempt=1)
    assert policy.wait(refused, 1) == policy.max_wait


def test_a_pagers_page_of_any_ascii_digits_is_a_listing() -> None:
    """``/page/N`` with N of 4,301 digits and more was a post once ``ascii_int`` (4,300 digits
    at most) served as the yes-or-no test; any run of ASCII digits is a pager's page."""
    assert listing_path("https://b.example/page/" + "9" * 5_000 + "/")
    assert listing_path("https://b.example/page/2/")
    assert not listing_path("https://b.example/page/%C2%B2/")


def test_a_tweet_iframes_id_of_any_ascii_digits_is_read() -> None:
    long_id = "1" * 5_000
    for tweet, read_as in ((long_id, long_id), ("20", "20"), ("²", None)):
        root = parse_html(
            f'<iframe src="https://platform.twitter.com/embed/Tweet.html?id={tweet}"></iframe>'
        )
        (frame,) = root.iter("iframe")
        embed = read_tweet(frame, "https://b.example/")
        assert (embed.post_id if embed is not None else None) == read_as


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        ("local:99x", "N >= 1"),
        ("local:0", "N >= 1"),
        ("local:" + "9" * 5_000, "at most"),
        ("local:" + "0" * 5_000 + "99999999", "at most"),
    ],
)
def test_a_cluster_count_is_a_number_or_said_to_be_none(spec: str, said: str) -> None:
    """``local:99x`` was read as its first digits and said "at most N" (session 34's review)."""
    with pytest.raises(ConfigError, match=said), local_cluster(spec):
        pass


def test_a_loadavg_of_too_many_digits_is_no_reading() -> None:
    assert runnable("0.52 0.58 0.59 2/170 12653") == 2
    assert runnable(f"0.52 0.58 0.59 2/{'9' * 5_000} 12653") is None
    assert runnable(f"0.52 0.58 0.59 {'9' * 19}/170 12653") is None
