"""Probe 27: Zenn's embed notation, ``@[tweet](URL)`` and ``@[youtube](ID)``.

A Zenn article (``articles/*.md``) embeds a post by writing ``@[tweet](URL)`` or a video by
``@[youtube](VIDEO_ID)``.  Markdown reads both as links: the tweet was fetched as a page (a
deleted tweet's page answers, so it passed) and the video's id was a relative path, skipped as
"a page route the site's generator serves": neither was checked as the embed Zenn shows.  Each
is now the platform's embed, verified as a pasted tweet or a Hugo ``{{< youtube >}}`` is.

Through the real CLI on the sample web, whose platforms answer (the deleted tweet: none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.cli import ExitCode
from checker.sampleweb import demo_web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

DELETED_TWEET = "https://twitter.com/ReutersJapan/status/1889829970890447038"


def _citations(report: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    return {
        c["url"]: (c["kind"], [f["code"] for f in c.get("findings", [])])
        for d in report["documents"]
        for c in d["citations"]
    }


def _article(tmp_path: Path, body: str) -> str:
    post = tmp_path / "articles" / "zenn-post.md"
    post.parent.mkdir()
    post.write_text(
        '---\ntitle: "埋め込み"\nemoji: "📝"\ntype: "tech"\npublished: true\n---\n\n'
        f"本文です。\n\n{body}\n",
        encoding="utf-8",
    )
    return str(post)


def test_a_zenn_tweet_embed_is_checked_as_a_tweet(tmp_path: Path) -> None:
    code, report, _asked = run_on_web(
        demo_web(), _article(tmp_path, f"@[tweet]({DELETED_TWEET})"), tmp_path / "out"
    )
    kind, codes = _citations(report)[DELETED_TWEET]
    assert kind == "embed"
    assert "embed-unavailable" in codes
    assert code == ExitCode.FAILED


def test_a_zenn_youtube_embed_is_the_video_not_a_relative_path(tmp_path: Path) -> None:
    _code, report, _asked = run_on_web(
        demo_web(), _article(tmp_path, "@[youtube](dQw4w9WgXcQ)"), tmp_path / "out"
    )
    citations = _citations(report)
    assert [url for url in citations if "dQw4w9WgXcQ" in url] == [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    ]
    assert citations["https://www.youtube.com/watch?v=dQw4w9WgXcQ"][0] == "embed"


def test_a_zenn_card_stays_a_link(tmp_path: Path) -> None:
    """The near miss: ``@[card](URL)`` is a link card, a link to the page."""
    url = "https://twitter.com/ReutersJapan"
    _code, report, _asked = run_on_web(
        demo_web(), _article(tmp_path, f"@[card]({url})"), tmp_path / "out"
    )
    assert _citations(report)[url][0] == "link"
