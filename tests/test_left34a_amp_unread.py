"""Left 34a: an AMP embed component that names no id of its platform's is a finding.

``<amp-youtube>`` without ``data-videoid``, ``<amp-twitter data-tweetid="x">``, a TikTok,
Instagram, Facebook or player component naming nothing it can show: the AMP runtime renders no
post there, and citecheck cited nothing and said nothing (session 33 left), the embed the post
meant never accounted for.  Each is now cited as written and said ``malformed-url``, as a
``{{< youtube >}}`` with no id is; a timeline (``data-timeline-source-type``) is no post and
stays no citation.  Through the CLI on a local page (nothing fetched).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode, main

if TYPE_CHECKING:
    from pathlib import Path

UNREAD = (
    '<amp-youtube layout="responsive" width="480" height="270"></amp-youtube>',
    '<amp-youtube data-videoid="" layout="responsive" width="480" height="270"></amp-youtube>',
    '<amp-twitter data-tweetid="x" width="375" height="472"></amp-twitter>',
    '<amp-tiktok data-src="zz" width="325" height="575"></amp-tiktok>',
    '<amp-instagram data-shortcode="a b" width="1" height="1"></amp-instagram>',
    '<amp-facebook width="552" height="310"></amp-facebook>',
    '<amp-vimeo data-videoid="abc" width="500" height="281"></amp-vimeo>',
    '<amp-soundcloud data-trackid="" height="657"></amp-soundcloud>',
    '<amp-iframe width="200" height="100" sandbox="allow-scripts"></amp-iframe>',
)


def _run(tmp_path: Path, component: str) -> tuple[int, dict[str, Any]]:
    page = tmp_path / "post.html"
    page.write_text(
        "<!doctype html><html amp><head><title>Post</title></head><body><article>"
        f"<h1>Post</h1><p>The council met today.</p>\n\n{component}\n<p>More later.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    argv = ["check", str(page), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out)])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("component", UNREAD, ids=lambda c: c[1 : c.index(" ")])
def test_an_embed_component_naming_no_id_is_a_malformed_url(tmp_path: Path, component: str) -> None:
    code, report = _run(tmp_path, component)
    (doc,) = report["documents"]
    (cited,) = doc["citations"]
    assert cited["url"].startswith(component[: component.index(" ")]), cited["url"]
    assert cited["line"] == 3
    assert [f["code"] for f in cited["findings"]] == ["malformed-url"], cited["findings"]
    assert "AMP embed component" in cited["findings"][0]["message"]
    assert code == ExitCode.FAILED


def test_a_timeline_is_no_finding(tmp_path: Path) -> None:
    timeline = (
        '<amp-twitter data-timeline-source-type="profile" '
        'data-timeline-screen-name="amphtml" width="375" height="472"></amp-twitter>'
    )
    _code, report = _run(tmp_path, timeline)
    assert report["documents"][0]["citations"] == []  # a timeline is no post: nothing to cite
