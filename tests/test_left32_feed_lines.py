"""A saved feed's or export's citations are at their lines of the file: each entry's page put
its content at line 2, so every citation of a saved Atom, RSS or WordPress export was reported
at line 2 (SARIF and annotations pointed there; session 31 left).  Extraction of local text
only: nothing is fetched."""

from __future__ import annotations

import pytest

from checker.discover.exports import export_pages
from checker.extract import extract

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Blog</title>
  <link href="https://blog.example/"/>
  <id>urn:x</id>
  <entry>
    <title>First</title>
    <link href="https://blog.example/first"/>
    <link rel="via" href="https://via.example/credit"/>
    <id>urn:1</id>
    <content type="html">&lt;p&gt;See &lt;a href="https://src.example/a"&gt;a&lt;/a&gt;.&lt;/p&gt;
&lt;p&gt;And &lt;a href="https://src.example/b"&gt;b&lt;/a&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Second</title>
    <link href="https://blog.example/second"/>
    <id>urn:2</id>
    <content type="xhtml">
      <div xmlns="http://www.w3.org/1999/xhtml">
        <p>See <a href="https://src.example/c">c</a>.</p>
      </div>
    </content>
  </entry>
</feed>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>WP</title>
  <link>https://wp.example</link>
  <item>
    <title>Post</title>
    <link>https://wp.example/post/</link>
    <wp:post_type>post</wp:post_type>
    <content:encoded><![CDATA[<p>One <a href="https://src.example/d">d</a>.</p>

<p>Two <a href="https://src.example/e">e</a>.</p>]]></content:encoded>
  </item>
</channel>
</rss>
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ATOM,
            [
                ("https://via.example/credit", 9),  # outside the content: its own line (left 34a)
                ("https://src.example/a", 11),
                ("https://src.example/b", 12),
                ("https://src.example/c", 20),
            ],
        ),
        (RSS, [("https://src.example/d", 11), ("https://src.example/e", 13)]),
    ],
    ids=["atom", "wordpress-export"],
)
def test_a_saved_feed_s_citations_are_at_their_lines(
    text: str, expected: list[tuple[str, int]]
) -> None:
    pages = export_pages(text, "/tmp/saved/feed.xml")
    assert pages is not None
    cited = [(c.url, c.line) for page in pages for d in extract(page) for c in d.citations]
    assert cited == expected
