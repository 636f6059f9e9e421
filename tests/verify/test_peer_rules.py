"""Rule gaps found on peers' public test pages (bench/peer_metadata.py), one synthetic page each."""

from __future__ import annotations

from checker.verify.citation import date_finding
from checker.verify.metadata import read_metadata

URL = "https://press.example.com/release/88"

TEASERS = "".join(
    f'<li class="teaser"><a href="/release/{n}">Other release {n}</a>'
    f' <time datetime="2020-06-{n:02d}">{n}.06.2020</time></li>'
    for n in (22, 15, 1)
)
PAGE_WITH_TEASERS = f"""<html lang="en"><head><title>Our new flats open</title>
<meta property="article:published_time" content="2020-07-01T10:00:00+09:00"></head><body>
<article><h1>Our new flats open</h1><p>Text of the release, long enough to be the article.
More text of the release so that it is the page's main part.</p></article>
<section><h2>More releases</h2><ul>{TEASERS}</ul></section></body></html>"""


def test_a_teasers_date_is_no_publication_date() -> None:
    """A date in a list of other articles is another page's: citing it is a swap to flag."""
    meta = read_metadata(PAGE_WITH_TEASERS, URL)
    assert "2020-06-22" not in meta.dates
    assert meta.dates[0] == "2020-07-01"
    assert date_finding("June 22, 2020", meta, PAGE_WITH_TEASERS) is not None
    assert date_finding("July 1, 2020", meta, PAGE_WITH_TEASERS) is None


DATELINE_TEASERS = "".join(
    f'<div class="post-meta"><a href="/a/{n}">Teaser {n}</a> Peter Grimm / {n:02d}.11.2023</div>'
    for n in (5, 3, 1)
)
PAGE_WITH_DATELINE_TEASERS = f"""<html><head><title>Der Abend</title></head><body>
<div class="article"><h1>Der Abend</h1><div class="post-meta">Peter Grimm / 07.11.2023</div>
<p>{"Ein langer Text des Artikels, der den größten Teil der Seite ausmacht. " * 6}</p>
</div><div class="list">{DATELINE_TEASERS}</div></body></html>"""


def test_a_teasers_dateline_is_no_publication_date() -> None:
    """Datelines of teasers (``Autor / 05.11.2023``) are not the article's dates."""
    meta = read_metadata(PAGE_WITH_DATELINE_TEASERS, "https://blog.example.de/artikel/abend")
    assert meta.dates[:1] == ("2023-11-07",)
    assert "2023-11-05" not in meta.dates
