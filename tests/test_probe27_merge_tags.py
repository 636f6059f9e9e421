"""Probe 27: a newsletter's merge tags in a post built from a Substack export.

Substack's export (``posts/ID.slug.html``) keeps the buttons of every post with the merge tags
the mail fills in per reader: ``<a href="%%share_url%%">Share</a>``, ``%%checkout_url%%``,
``%%half_magic_comments_url%%``.  A blog built from that export serves them as they are; checked
over HTTP, each was a relative path, fetched and a false ``broken``.  It is a placeholder,
skipped with its reason and never requested, as a site template's ``{{ … }}`` is.

Through the real CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://news.fixture-p27.example"


def test_substacks_merge_tags_are_placeholders_not_requested(tmp_path: Path) -> None:
    web = Web()
    web.page(f"{HOST}/source", "<title>Source</title><article><h1>Source</h1><p>Text.</p>")
    web.page(
        f"{HOST}/p/my-post",
        "<!DOCTYPE html><html><head><title>My post</title>"
        "<meta property='og:type' content='article'></head><body><article><h1>My post</h1>"
        f"<p>The post cites <a href='{HOST}/source'>its source</a> in a sentence of its own, "
        "long enough to be read as the post's text and not as a page's furniture.</p>"
        "<p class='button-wrapper'><a class='button primary' href='%%share_url%%'>"
        "<span>Share</span></a></p>"
        "<p class='button-wrapper'><a class='button primary' href='%%half_magic_comments_url%%'>"
        "<span>Leave a comment</span></a></p></article></body></html>",
    )
    code, report, asked = run_on_web(web, f"{HOST}/p/my-post", tmp_path, ("--no-crawl",))
    (document,) = report["documents"]
    statuses = {c["url"].rsplit("/", 1)[-1]: c["status"] for c in document["citations"]}
    assert statuses == {
        "source": "ok",
        "%%share_url%%": "skipped",
        "%%half_magic_comments_url%%": "skipped",
    }
    assert not any("%%" in url or "%25%25" in url for url in asked)
    assert code == ExitCode.OK


def test_a_real_percent_escape_is_no_merge_tag(tmp_path: Path) -> None:
    """The near miss: ``%25`` escapes and a lone ``%`` are a URL's own and are requested."""
    url = f"{HOST}/100%25-done"
    web = Web()
    web.page(url, "<title>Gone</title>", status=404)
    page = tmp_path / "post.md"
    page.write_text(f"The report [is here]({url}).\n", encoding="utf-8")
    code, report, _asked = run_on_web(web, str(page), tmp_path / "out")
    (document,) = report["documents"]
    assert [(c["url"], c["status"]) for c in document["citations"]] == [(url, "broken")]
    assert code == ExitCode.FAILED
