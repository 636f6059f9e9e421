"""Probe 24: a feed of summaries is read from the posts' pages, its uncut-looking entries too.

Hugo's default RSS template gives each post's ``.Summary``: its first 70 words as HTML, with no
mark of the cut.  On a real Hugo blog (111qqz.com, 1,275 entries) citecheck read 1,255 entries
as cut (an ellipsis, a "read more") and fetched their pages, but took the other 20, whose
summary happens to end at a paragraph, for whole posts: one of them ("…wrote several posts, for
example") showed 1 of its page's 11 citations, the rest lost without a word.  When most entries
of a feed page are cut, the feed gives summaries: each of its entries is read from its page.
"""

from __future__ import annotations

from pathlib import Path

from checker.cli import ExitCode
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "summaries.fixture-p24.example"
_SOURCE = "https://source.fixture-p24.example/"


def _item(slug: str, summary: str) -> str:
    return (
        f"<item><title>{slug}</title><link>https://{HOST}/{slug}/</link>"
        f"<description><![CDATA[{summary}]]></description></item>"
    )


def _web() -> Web:
    cut = "The start of a long post, its summary in plain text: no markup, so cut."
    whole_looking = f'<p>I read <a href="{_SOURCE}first">the first source</a>, for example:</p>'
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>S</title>'
        f"<link>https://{HOST}/</link>"
        + _item("one", cut)
        + _item("two", cut)
        + _item("three", whole_looking)
        + "</channel></rss>"
    )
    web = Web()
    web.add(
        f"https://{HOST}/index.xml",
        Response(200, (("Content-Type", "application/xml"),), feed.encode()),
    )
    for slug in ("one", "two", "three"):
        body = (
            f"<!DOCTYPE html><html><head><title>{slug}</title></head><body><article>"
            f"<h1>{slug}</h1><p>I read <a href='{_SOURCE}first'>the first source</a>, "
            f"for example:</p><p>and then <a href='{_SOURCE}{slug}'>the {slug} source</a>, "
            "which the summary leaves out of the feed.</p></article></body></html>"
        )
        web.page(f"https://{HOST}/{slug}/", body)
    for name in ("first", "one", "two", "three"):
        web.page(f"{_SOURCE}{name}", f"<title>{name}</title><p>{'The source text. ' * 30}</p>")
    return web


def test_every_entry_of_a_summary_feed_is_read_from_its_page(tmp_path: Path) -> None:
    code, report, asked = run_on_web(_web(), f"https://{HOST}/index.xml", tmp_path)
    cited = {d["url"]: sorted(c["url"] for c in d["citations"]) for d in report["documents"]}
    assert cited[f"https://{HOST}/three/"] == [f"{_SOURCE}first", f"{_SOURCE}three"]
    assert f"https://{HOST}/three/" in asked
    assert code == ExitCode.OK
