"""A DOCTYPE's address names a grammar, not a page: it is no citation (LinkChecker's test data,
session 30 left: a ``.wml`` deck's and a ``.plist``'s DTD were cited, a false ``broken`` for a
dead host).  An XML file named as an input, of no post's kind by its name, is read as XML: an
``.opml`` outline list was sniffed as HTML by its ``<body>`` and its ``xmlUrl``/``htmlUrl``/``url``
links never read (``nothing-checked``).  Nothing is fetched: extraction only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.discover.inputs import _path_discovery
from checker.extract import extract

if TYPE_CHECKING:
    from pathlib import Path

WML = """<?xml version="1.0"?>
<!DOCTYPE wml PUBLIC "-//WAPFORUM//DTD WML 1.1//EN"
 "http://www.wapforum.org/DTD/wml_1.1.xml"><wml>
<card id="main" title="Deck">
<p><a href="https://src.example/wml">a link</a></p>
</card>
</wml>
"""

PLIST = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>URLString</key>
\t<string>https://src.example/bookmark</string>
</dict>
</plist>
"""

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
<head><title>My feeds</title></head>
<body>
<outline text="News">
<outline type="rss" text="A" xmlUrl="https://src.example/feed.xml" htmlUrl="https://src.example/"/>
<outline type="link" text="B" url="https://src.example/linked"/>
</outline>
</body>
</opml>
"""

TEXT = """Notes on a DTD.
<!DOCTYPE note SYSTEM "http://dtd.example/note.dtd" [
  <!ENTITY logo SYSTEM "http://dtd.example/logo.gif" NDATA gif>
]>
The article: https://src.example/text
"""

XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head>
<body><p><a href="https://src.example/xhtml">read</a></p><pre>https://src.example/code</pre></body>
</html>
"""


def _cited(path: Path, text: str) -> list[tuple[str | None, int | None]]:
    path.write_text(text, encoding="utf-8")
    return [
        (c.url, c.line)
        for page in _path_discovery(path).pages
        for document in extract(page)
        for c in document.citations
    ]


def test_a_wml_decks_dtd_is_no_citation(tmp_path: Path) -> None:
    assert _cited(tmp_path / "file.wml", WML) == [("https://src.example/wml", 5)]


def test_a_property_lists_dtd_is_no_citation(tmp_path: Path) -> None:
    assert _cited(tmp_path / "Bookmarks.plist", PLIST) == [("https://src.example/bookmark", 6)]


def test_an_opml_outlines_links_are_cited(tmp_path: Path) -> None:
    assert _cited(tmp_path / "feeds.opml", OPML) == [
        ("https://src.example/feed.xml", 6),
        ("https://src.example/", 6),
        ("https://src.example/linked", 7),
    ]


def test_declarations_in_text_are_no_citations(tmp_path: Path) -> None:
    assert _cited(tmp_path / "notes.txt", TEXT) == [("https://src.example/text", 5)]


def test_xhtml_of_any_name_is_still_read_as_a_page(tmp_path: Path) -> None:
    """Guard: XHTML opens with an XML declaration too; read as XML, its code's URL was cited."""
    assert _cited(tmp_path / "page.php", XHTML) == [("https://src.example/xhtml", 5)]


def test_a_declaration_named_in_prose_hides_no_citation(tmp_path: Path) -> None:
    """A declaration that never closes is prose about one: it was blanked to the end of the
    file, the URLs after it never cited, nothing said (mend31b)."""
    prose = (
        "Use <!DOCTYPE at the top of every page, as the spec says:\n"
        "https://src.example/spec\n"
        "and the validator: https://src.example/validator\n"
    )
    assert _cited(tmp_path / "notes.txt", prose) == [
        ("https://src.example/spec", 2),
        ("https://src.example/validator", 3),
    ]
