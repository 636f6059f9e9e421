"""Left 34a: a saved feed whose entries hold only excerpts (an Atom ``<summary>`` without
``<content>``, a Hugo RSS ``<description>``, a JSON Feed ``summary``) was read as the whole
posts with no word: the citations past each excerpt passed unsaid (session 33 left).  Each such
post is now said read in part (``post-unreadable``, "an excerpt"), its excerpt's citations
checked; an entry holding its content is read as before, nothing said.  The file is the input,
the cited pages served by the fixture web."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.cli import main
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response

SOURCE = "https://src.fixture-l34a.example"
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Blog</title>
  <id>urn:x</id>
  <entry>
    <title>Whole</title>
    <link href="https://blog.fixture-l34a.example/whole"/>
    <id>urn:1</id>
    <content type="html">&lt;p&gt;See &lt;a href="{SOURCE}/a"&gt;a&lt;/a&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Excerpt</title>
    <link href="https://blog.fixture-l34a.example/excerpt"/>
    <id>urn:2</id>
    <summary type="html">&lt;p&gt;As &lt;a href="{SOURCE}/b"&gt;b&lt;/a&gt; said</summary>
  </entry>
</feed>
"""
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
  <title>Blog</title><link>https://hugo.fixture-l34a.example/</link>
  <generator>Hugo -- gohugo.io</generator>
  <item>
    <title>Summary</title>
    <link>https://hugo.fixture-l34a.example/posts/summary/</link>
    <description>&lt;p&gt;As &lt;a href="{SOURCE}/c"&gt;c&lt;/a&gt; says […]&lt;/p&gt;</description>
  </item>
  <item>
    <title>Whole</title>
    <link>https://hugo.fixture-l34a.example/posts/whole/</link>
    <description>&lt;p&gt;As &lt;a href="{SOURCE}/a"&gt;a&lt;/a&gt; says.&lt;/p&gt;</description>
  </item>
</channel></rss>
"""
MICROBLOG = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
  <title>Notes</title><link>https://micro.fixture-l34a.example/</link>
  <item>
    <link>https://micro.fixture-l34a.example/2026/12/01/note.html</link>
    <description>Read {SOURCE}/b today, and it holds up.</description>
  </item>
</channel></rss>
"""


def _check(tmp_path: Path, name: str, text: str) -> dict[str, Any]:
    saved = tmp_path / name
    saved.write_text(text, encoding="utf-8")
    web = Web()
    for page in "abc":
        web.add(f"{SOURCE}/{page}", Response(200, (("Content-Type", "text/plain"),), b"ok"))
    with SampleWeb(web) as site:
        argv = ["check", str(saved), "--no-store", "--archive", "off", "--format", "json"]
        argv += ["--report-dir", str(tmp_path / "out"), "--cacert", str(site.ca_path)]
        for rule in site.connect_to():
            argv += ["--connect-to", rule]
        main(argv)
    return json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))


def _read_in_part(report: dict[str, Any]) -> dict[str, str]:
    return {
        p["subject"]: p["message"]
        for p in report["problems"]
        if p["code"] == "post-unreadable" and "excerpt" in p["message"]
    }


def test_an_atom_entry_of_a_summary_is_said_read_in_part(tmp_path: Path) -> None:
    report = _check(tmp_path, "feed.atom", ATOM)
    cited = {d["url"]: [c["url"] for c in d["citations"]] for d in report["documents"]}
    assert cited == {
        "https://blog.fixture-l34a.example/whole": [f"{SOURCE}/a"],
        "https://blog.fixture-l34a.example/excerpt": [f"{SOURCE}/b"],  # the excerpt's, checked
    }
    assert list(_read_in_part(report)) == ["https://blog.fixture-l34a.example/excerpt"]


def test_a_hugo_rss_summary_that_shows_its_cut_is_said_read_in_part(tmp_path: Path) -> None:
    """A Hugo feed's description is only guessed a summary: the one ending "[…]" is said read
    in part; the one of a whole post (a theme giving ``.Content``) is read, nothing said."""
    report = _check(tmp_path, "index.xml", RSS)
    assert list(_read_in_part(report)) == ["https://hugo.fixture-l34a.example/posts/summary/"]
    (message,) = _read_in_part(report).values()
    assert "only in part" in message
    cited = {d["url"]: [c["url"] for c in d["citations"]] for d in report["documents"]}
    assert cited["https://hugo.fixture-l34a.example/posts/whole/"] == [f"{SOURCE}/a"]


def test_a_whole_post_in_a_plain_text_description_is_no_finding(tmp_path: Path) -> None:
    """A microblog's post of plain text in ``<description>`` is the whole post: no finding."""
    report = _check(tmp_path, "feed.xml", MICROBLOG)
    assert [p["code"] for p in report["problems"]] == []
    cited = [c["url"] for d in report["documents"] for c in d["citations"]]
    assert cited == [f"{SOURCE}/b"]


def test_a_json_feed_item_of_a_summary_is_said_read_in_part(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Blog",
        "items": [
            {"id": "1", "url": "https://json.fixture-l34a.example/1", "content_html": "<p>x</p>"},
            {"id": "2", "url": "https://json.fixture-l34a.example/2", "summary": f"See {SOURCE}/a"},
        ],
    }
    report = _check(tmp_path, "feed.json", json.dumps(feed))
    assert list(_read_in_part(report)) == ["https://json.fixture-l34a.example/2"]
