"""A saved Atom feed's entry whose content is only its address (``<content src=…>``, RFC 4287
section 4.1.3.2: "out-of-line content", the element empty) holds none of the post's text: it
was read as a post of no citation and nothing said why (session 32 left).  It is said unread
(``post-unreadable``, naming where the content is); an entry with its content inline is read as
before.  A local file only: nothing is fetched."""

from __future__ import annotations

import asyncio
from pathlib import Path

from checker.discover.inputs import discover_inputs

FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/">
  <title>Blog</title>
  <id>urn:x</id>
  <entry>
    <title>Inline</title>
    <link href="https://blog.example/inline"/>
    <id>urn:1</id>
    <content type="html">&lt;p&gt;See &lt;a href="https://src.example/a"&gt;a&lt;/a&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Elsewhere</title>
    <link href="https://blog.example/elsewhere"/>
    <id>urn:2</id>
    <content type="text/html" src="content/elsewhere.html"/>
  </entry>
</feed>
"""


def test_an_entry_whose_content_is_elsewhere_is_said_unread(tmp_path: Path) -> None:
    saved = tmp_path / "feed.atom"
    saved.write_text(FEED, encoding="utf-8")
    (discovery,) = asyncio.run(discover_inputs([str(saved)], None))  # type: ignore[arg-type]
    assert [page.url for page in discovery.pages] == [
        "https://blog.example/inline",
        "https://blog.example/elsewhere",
    ]
    (unread,) = discovery.failed
    assert unread.url == "https://blog.example/elsewhere"
    assert unread.listing is None and not unread.cut
    assert "https://blog.example/content/elsewhere.html" in unread.reason
