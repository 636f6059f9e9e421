"""Span edits on a post's text: only the link target changes, in every syntax (plain unit tests)."""

from __future__ import annotations

import time

import pytest

from checker.discover.feeds import parse_feed
from checker.fix import Repair, Syntax, rewrite, version_date

DEAD = "https://news.example.org/a?id=1&lang=en"
COPY = f"https://web.archive.org/web/20240101000000/{DEAD}"
NEW = "https://news.example.org/moved-here"


def _archived(line: int | None = 1, post_url: str = "file:///post") -> Repair:
    return Repair("post", post_url, line, DEAD, COPY, "broken", True, "2024-01-01")


def _moved(line: int | None = 1) -> Repair:
    return Repair("post", "file:///post", line, DEAD, NEW, "redirected", False)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (f"[the report]({DEAD})", f"[the report]({COPY})"),
        (f"[{DEAD}]({DEAD})", f"[{DEAD}]({COPY})"),  # the link text shows the original
        (f"<{DEAD}>", f"<{COPY}>"),
        (f"see {DEAD}.", f"see {COPY}."),
        (f"[ref]: {DEAD}", f"[ref]: {COPY}"),
        (f'[t]({DEAD} "title")', f'[t]({COPY} "title")'),
        (f"[t]({DEAD}#part)", f"[t]({COPY}#part)"),
    ],
)
def test_markdown_rewrites_the_link_target_only(before: str, after: str) -> None:
    result = rewrite(f"# Post\n\n{before}\nlast line\n", Syntax.MARKDOWN, [_archived(3)])
    assert result.text == f"# Post\n\n{after}\nlast line\n"
    assert result.applied == (_archived(3),)


@pytest.mark.parametrize(
    "text",
    [
        f"[old]({COPY})",  # already the copy: the original inside it is no link of its own
        f"[t]({DEAD}x)",  # a longer URL
        f"[t](https://example.com/?u={DEAD})",
        f"`code {DEAD}x`",
        f"`curl {DEAD}`",
    ],
)
def test_markdown_leaves_urls_that_are_not_the_link(text: str) -> None:
    result = rewrite(f"{text}\n", Syntax.MARKDOWN, [_archived(1)])
    assert result.text == f"{text}\n"
    assert result.applied == ()
    (missed,) = result.missed
    assert missed.repair == _archived(1)


def test_a_citation_not_found_says_where_it_was_looked_for() -> None:
    (missed,) = rewrite("nothing here\n", Syntax.MARKDOWN, [_archived(1)]).missed
    assert missed.reason == f"{DEAD} is not written as a link target on line 1 or below"


def test_html_href_gets_the_copy_and_robust_links_the_rest_stays() -> None:
    escaped = DEAD.replace("&", "&amp;")
    text = f'<p>\n<a  class=x\n   HREF="{escaped}" title="t">{escaped}</a> {escaped}\n</p>'
    result = rewrite(text, Syntax.HTML, [_archived(3)])
    copy = COPY.replace("&", "&amp;")
    assert result.text == (
        f'<p>\n<a  class=x\n   HREF="{copy}" data-originalurl="{escaped}" '
        f'data-versionurl="{copy}" data-versiondate="2024-01-01" title="t">{escaped}</a>'
        f" {copy}\n</p>"
    )


def test_html_single_quotes_and_unquoted_hrefs_keep_their_style() -> None:
    single = rewrite(f"<a href='{DEAD}'>x</a>\n", Syntax.HTML, [_moved()])
    assert single.text == f"<a href='{NEW}'>x</a>\n"
    bare = rewrite(
        f"<a href={NEW}>x</a>",
        Syntax.HTML,
        [Repair("post", "p", 1, NEW, COPY, "broken", True, None)],
    )
    versioned = COPY.replace("&", "&amp;")
    assert (
        bare.text == f'<a href={COPY} data-originalurl="{NEW}" data-versionurl="{versioned}">x</a>'
    )


def test_html_leaves_other_attributes_and_links_already_robust() -> None:
    image = f'<img src="{DEAD}">\n'
    assert rewrite(image, Syntax.HTML, [_archived()]).text == image
    robust = f'<a href="{DEAD}" data-versionurl="{COPY}">x</a>\n'
    result = rewrite(robust, Syntax.HTML, [_archived()])
    assert result.text == robust
    assert "already carries Robust Links" in result.missed[0].reason


def test_the_url_is_searched_below_an_attribution_line_and_not_above() -> None:
    text = f"Title of the original\nBy A. Writer\n{DEAD}\n"
    assert rewrite(text, Syntax.TEXT, [_archived(1)]).text == text.replace(DEAD, COPY)
    assert rewrite(text, Syntax.TEXT, [_archived(4)]).text == text


def test_a_second_rewrite_changes_nothing() -> None:
    for syntax, text in (
        (Syntax.MARKDOWN, f"[a]({DEAD}) and {DEAD}\n"),
        (Syntax.HTML, f'<a href="{DEAD}">a</a>\n'),
    ):
        once = rewrite(text, syntax, [_archived()]).text
        assert once != text
        assert rewrite(once, syntax, [_archived()]).text == once


_KIND = "http://schemas.google.com/g/2005#kind"
_POST = "https://x.blogspot.com/2025/05/p.html"


def test_wordpress_wxr_cdata_is_rewritten_as_html() -> None:
    wxr = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><item><title>Other</title><link>https://wp.example.com/other/</link>
<content:encoded><![CDATA[<a href="{DEAD}">x</a>]]></content:encoded>
<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
<item><title>Hello</title><link>https://wp.example.com/hello/</link>
<content:encoded><![CDATA[<p><a href="{DEAD}">x</a></p>]]></content:encoded>
<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item></channel></rss>
"""
    repair = _archived(None, "https://wp.example.com/hello/")
    result = rewrite(wxr, Syntax.EXPORT, [repair])
    robust = f'data-originalurl="{DEAD.replace("&", "&amp;")}"'
    assert result.text == wxr.replace(
        f'<p><a href="{DEAD}">',
        f'<p><a href="{COPY}" {robust} data-versionurl="'
        f'{COPY.replace("&", "&amp;")}" data-versiondate="2024-01-01">',
    )
    feed = parse_feed(result.text, "export.xml")
    assert feed is not None
    other, hello = feed.entries
    assert DEAD in other.content and f'href="{COPY}"' in hello.content


def test_blogger_export_ampersands_are_escaped_twice() -> None:
    href = DEAD.replace("&", "&amp;amp;")
    export = (
        f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry>"
        f"<category scheme='{_KIND}' term='x#post'/>"
        f"<content type='html'>&lt;a href=&quot;{href}&quot;&gt;x&lt;/a&gt;</content>"
        f"<link rel='alternate' type='text/html' href='{_POST}'/></entry></feed>"
    )
    moved = Repair("e", _POST, None, DEAD, NEW, "redirected", False)
    result = rewrite(export, Syntax.EXPORT, [moved])
    assert result.text == export.replace(href, NEW)
    elsewhere = Repair("e", "https://x/none", None, DEAD, NEW, "redirected", False)
    missing = rewrite(export, Syntax.EXPORT, [elsewhere])
    assert missing.text == export
    assert missing.missed[0].reason == "the post was not found in the export"


def test_version_date_is_the_capture_day() -> None:
    assert version_date(COPY) == "2024-01-01"
    assert version_date("https://example.com/copy") is None


def _seconds(copies: int) -> float:
    text = "x " + " ".join([f"[a]({DEAD})"] * copies) + "\n"
    started = time.thread_time()
    rewrite(text, Syntax.MARKDOWN, [_archived(1)])
    return time.thread_time() - started


def test_a_line_of_many_copies_costs_linear_time() -> None:
    small = min(_seconds(2_000) for _ in range(3))
    big = min(_seconds(100_000) for _ in range(3))  # 50x the text
    assert big < small * 50 * 4 + 0.05


def test_every_occurrence_of_a_repaired_link_in_the_post_is_rewritten() -> None:
    """The extractor reports a URL once per post, at its first occurrence: a post that links the
    dead source twice must not keep the second link dead (a second ``fix`` would find it)."""
    text = f"# Post\n\n[a]({DEAD})\n\nmore text\n\n[again]({DEAD}) and <{DEAD}>\n"
    result = rewrite(text, Syntax.MARKDOWN, [_archived(3)])
    assert result.text == text.replace(DEAD, COPY)
    assert result.applied == (_archived(3),)
    assert rewrite(result.text, Syntax.MARKDOWN, [_archived(3)]).text == result.text


def test_a_markdown_reference_defined_above_its_use_is_rewritten() -> None:
    """``[x][1]`` is the citation's line; its definition may sit anywhere, above it too."""
    text = f"[1]: {DEAD}\n\n# Post\n\nsee [x][1]\n"
    result = rewrite(text, Syntax.MARKDOWN, [_archived(5)])
    assert result.text == text.replace(DEAD, COPY)
    assert not result.missed


def test_repeated_html_links_each_get_robust_links_once() -> None:
    text = f'<p><a href="{DEAD}">a</a></p>\n<p>x</p>\n<p><a href="{DEAD}">b</a></p>\n'
    once = rewrite(text, Syntax.HTML, [_archived(1)]).text
    assert once.count("data-originalurl") == 2
    assert f'href="{DEAD}"' not in once
    assert rewrite(once, Syntax.HTML, [_archived(1)]).text == once


def test_two_posts_of_one_file_citing_one_url_keep_their_own_repairs() -> None:
    """Each occurrence takes the repair of the citation above it (its post's), not the first."""
    other = f"https://web.archive.org/web/20250101000000/{DEAD}"
    later = Repair("post2", "file:///post2", 3, DEAD, other, "broken", True, "2025-01-01")
    text = f'<a href="{DEAD}">a</a>\n<a href="{DEAD}">a2</a>\n<a href="{DEAD}">b</a>\n'
    result = rewrite(text, Syntax.HTML, [_archived(1), later])
    first, second, third = result.text.splitlines()
    assert f'href="{COPY}"' in first and f'href="{COPY}"' in second
    assert f'href="{other}"' in third
