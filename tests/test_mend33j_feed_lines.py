"""A saved feed's citations stay within the file's lines when its content writes a line break
as a character reference (``&#10;``), which decoded is a break the file does not have (session
33's review of left32a's change: a citation of line 18 was said at line 23 of a 21-line file,
where SARIF and annotations point at nothing).  Extraction of local text only: nothing is
fetched."""

from __future__ import annotations

from checker.discover.exports import export_pages
from checker.extract import extract

HEAD = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Blog</title>
  <link href="https://blog.example/"/>
  <id>urn:x</id>
"""

ENTITIES = """  <entry>
    <title>Packed</title>
    <link href="https://blog.example/packed"/>
    <id>urn:1</id>
    <content type="html">&lt;p&gt;A&lt;/p&gt;&#10;&#10;&#10;&#10;&#10;&#10;&#10;&#10;&lt;p&gt;&lt;a href="https://src.example/a"&gt;a&lt;/a&gt;&lt;/p&gt;</content>
  </entry>
"""

PLAIN = """  <entry>
    <title>Plain</title>
    <link href="https://blog.example/plain"/>
    <id>urn:2</id>
    <content type="html">&lt;p&gt;B&lt;/p&gt;
&lt;p&gt;&lt;a href="https://src.example/b"&gt;b&lt;/a&gt;&lt;/p&gt;</content>
  </entry>
"""


def _cited(text: str) -> list[tuple[str | None, int | None]]:
    pages = export_pages(text, "/tmp/saved/feed.xml")
    assert pages is not None
    return [(c.url, c.line) for page in pages for d in extract(page) for c in d.citations]


def test_a_last_entry_s_reference_breaks_keep_its_citations_in_the_file() -> None:
    text = HEAD + PLAIN + ENTITIES + "</feed>\n"
    lines = text.count("\n")
    cited = _cited(text)
    assert cited == [("https://src.example/b", 11), ("https://src.example/a", 17)]
    assert all(line is not None and line <= lines for _url, line in cited)


def test_an_entry_s_reference_breaks_do_not_reach_the_next_entry_s_lines() -> None:
    text = HEAD + ENTITIES + PLAIN + "</feed>\n"
    # the first entry's link at its content's line (10), not in the second entry's (16 on)
    assert _cited(text) == [("https://src.example/a", 10), ("https://src.example/b", 17)]
