"""Left 34a: a saved feed's links outside its entries' content are cited on their own lines.

An Atom ``via`` credit, a link post's subject (its ``alternate`` beside a ``related``
permalink) and a WordPress export's ``_format_link_url`` were all cited at the content's first
line (session 33 left): lychee and editors give the line of the URL, and SARIF and the
annotations pointed at the wrong line.  Through the CLI's ``--dump`` on the saved file
(nothing is fetched).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

from checker.cli import main

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Blog</title>
  <link href="https://blog.example/"/>
  <id>urn:x</id>
  <entry>
    <title>Link post</title>
    <link rel="alternate" type="text/html" href="https://subject.example/story"/>
    <link rel="related" href="https://blog.example/link-post"/>
    <link rel="via" href="https://via.example/credit"/>
    <id>urn:1</id>
    <content type="html">&lt;p&gt;See &lt;a href="https://src.example/a"&gt;a&lt;/a&gt;.&lt;/p&gt;</content>
  </entry>
</feed>
"""
WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>WP</title>
  <link>https://wp.example</link>
  <item>
    <title>Post</title>
    <link>https://wp.example/post/</link>
    <wp:post_type>post</wp:post_type>
    <content:encoded><![CDATA[<p>One <a href="https://src.example/d">d</a>.</p>]]></content:encoded>
    <wp:postmeta>
      <wp:meta_key>_format_link_url</wp:meta_key>
      <wp:meta_value>https://subject.example/linked</wp:meta_value>
    </wp:postmeta>
  </item>
</channel>
</rss>
"""


def _dumped(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str) -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    capsys.readouterr()
    main(["check", str(tmp_path / name), "--dump"])
    dumped = [line.split("  ", 1) for line in capsys.readouterr().out.splitlines()]
    return [f"{where.rsplit(':', 1)[1]}  {url}" for where, url in dumped]


def test_an_atom_entry_s_links_are_on_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _dumped(tmp_path, capsys, "feed.atom", ATOM) == [
        "8  https://subject.example/story",
        "10  https://via.example/credit",
        "12  https://src.example/a",
    ]


def test_a_wordpress_link_post_s_subject_is_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _dumped(tmp_path, capsys, "export.xml", WXR) == [
        "11  https://src.example/d",
        "14  https://subject.example/linked",
    ]
