"""A text sitemap (one URL a line) is read in work linear in its size, and a ``sitemap.txt``
holding prose stays a document of links.

Session 33's line pattern (``https?://[^\\s/?#]+[^\\s]*``, fullmatched) gave back the host a
character at a time on a line holding a space: 29 s for a 40k-character line, days for a 5 MB
one-line ``sitemap.txt``, the crawl hung.  Past the suite's five-minute timeout on the base.
"""

from __future__ import annotations

from pathlib import Path

from checker.discover.sitemap import parse_sitemap
from tests.test_left33a_text_sitemap import HOST, POSTS, _web
from tests.test_probe24_sitemap_listings import run_on_web


def test_a_megabyte_line_holding_a_space_is_no_sitemap_and_is_read_at_once() -> None:
    line = "https://" + "a" * 1_000_000 + " x"
    assert parse_sitemap(f"{line}\n", f"https://{HOST}/sitemap.txt") is None
    assert parse_sitemap(f"https://{HOST}/a\n{line}\n", f"https://{HOST}/sitemap.txt") is None
    whole = parse_sitemap(f"https://{HOST}/{'a' * 1_000_000}\n", f"https://{HOST}/sitemap.txt")
    assert whole is not None and len(whole.urls) == 1


def test_a_sitemap_txt_holding_prose_named_as_the_input_is_a_document_of_links(
    tmp_path: Path,
) -> None:
    """Guard: the name alone makes no sitemap; a line of prose makes it a text of links."""
    web = _web("Older posts are listed on the archive page.\n")
    _code, report, _asked = run_on_web(web, f"https://{HOST}/sitemap.txt", tmp_path)
    assert [d["url"] for d in report["documents"]] == [f"https://{HOST}/sitemap.txt"]
    cited = sorted(c["url"] for d in report["documents"] for c in d["citations"])
    assert cited == sorted(f"https://{HOST}/{post}" for post in POSTS)
