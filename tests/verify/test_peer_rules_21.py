"""Rule gaps found on the fresh peer set of session 21 (Postlight's and goose3's test pages,
bench/peer_metadata.py): one synthetic page per class of error."""

from __future__ import annotations

from checker.verify.citation import author_finding, date_finding
from checker.verify.match import full_names
from checker.verify.metadata import read_metadata

URL = "https://news.example.com/2023/story"
TEXT = "<p>" + "A paragraph of the story, long enough to be the page's main text. " * 8 + "</p>"


def _ld_page(published: str) -> str:
    return (
        '<html lang="en"><head><title>A story</title><script type="application/ld+json">'
        f'{{"@context": "http://schema.org", "@type": "Article", "datePublished": {published}}}'
        f"</script></head><body><article><h1>A story</h1>{TEXT}</article></body></html>"
    )


def test_a_json_ld_date_in_unix_time_is_the_publication_day() -> None:
    """``"datePublished": 1676551869`` (seconds or milliseconds) is 16 February 2023 (UTC)."""
    for published in ("1676551869", "1676551869000", '"1676551869"'):
        page = _ld_page(published)
        meta = read_metadata(page, URL)
        assert meta.dates[:1] == ("2023-02-16",), published
        assert date_finding("February 16, 2023", meta, page) is None
        assert date_finding("March 2, 2019", meta, page) is not None


def test_ten_digits_ahead_of_time_are_no_unix_date() -> None:
    """A ``YYYYMMDDhh`` stamp or an id read as Unix time would be a day decades ahead."""
    page = _ld_page('"2019030412"')  # as Unix time, 24 December 2033
    assert not any(d.startswith("2033") for d in read_metadata(page, URL).dates)


CJK_PAGE = f"""<html lang="ja"><head><title>新しいSSD</title></head><body><article>
<h1>新しいSSD</h1><div class="pubdate">2019年4月4日</div>{TEXT}</article></body></html>"""


def test_a_dateline_written_year_first_is_read() -> None:
    """``2019年4月4日`` in a date line (Japanese, Chinese) is the publication day."""
    meta = read_metadata(CJK_PAGE, URL)
    assert meta.dates[:1] == ("2019-04-04",)
    assert date_finding("April 4, 2019", meta, CJK_PAGE) is None
    assert date_finding("April 13, 2019", meta, CJK_PAGE) is not None
    slashed = CJK_PAGE.replace("2019年4月4日", "2019/4/4 10:00")
    assert read_metadata(slashed, URL).dates[:1] == ("2019-04-04",)


POST_PAGE = f"""<html lang="en"><head><title>Lina Morgana on Twitter</title>
<meta property="og:site_name" content="Twitter"></head><body><div class="tweet">
<a href="/KingBeyonceStan"><strong>Lina Morgana</strong> <span>@KingBeyonceStan</span></a>
{TEXT}</div><footer>&copy; 2016 Twitter</footer></body></html>"""
POST_URL = "https://social.example.com/KingBeyonceStan/status/745276948213968896"


def test_a_cited_handle_the_page_writes_is_no_mismatch() -> None:
    """A post cited by its account (``@KingBeyonceStan``) on a page that names only its
    platform: the handle written on the page is evidence, as a full name is."""
    meta = read_metadata(POST_PAGE, POST_URL)
    assert author_finding("@KingBeyonceStan", meta, POST_PAGE, POST_URL) is None
    assert author_finding("@SomeoneElse", meta, POST_PAGE, POST_URL) is not None


def test_a_handle_on_a_page_without_author_is_still_no_evidence() -> None:
    """On a page that names no author, a handle absent from it proves nothing either way (the
    rule for single words), as before."""
    page = f"<html><head><title>Notes</title></head><body>{TEXT}</body></html>"
    meta = read_metadata(page, URL)
    assert not meta.authors
    assert author_finding("@SomeoneElse", meta, page, URL) is None


BYLINE_PAGE = f"""<html lang="en"><head><title>Fantastic Beasts</title>
<meta name="author" content="Will Leitch"></head><body><article><h1>Fantastic Beasts</h1>
<p class="byline">By Will Leitch</p>{TEXT}
<a href="https://www.facebook.com/sharer.php?u=https://news.example.com">Share</a>
<a href="https://www.example.org/profiles/will-leitch/">Will's page</a></article></body></html>"""


def test_a_web_address_cited_as_author_is_one_name() -> None:
    """A URL in the author field is checked whole: its host (``www.facebook.com``), on every
    page with a share button, is no evidence that the page credits it."""
    assert full_names("https://www.facebook.com/asahicom/") == [
        "https://www.facebook.com/asahicom/"
    ]
    meta = read_metadata(BYLINE_PAGE, URL)
    cited = "https://www.facebook.com/asahicom/"
    assert author_finding(cited, meta, BYLINE_PAGE, URL) is not None
    own = "https://www.example.org/profiles/will-leitch/"
    assert author_finding(own, meta, BYLINE_PAGE, URL) is None
