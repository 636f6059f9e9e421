"""Probe 27: feeds whose entries' HTML is escaped twice.

Some feed plugins escape a post's HTML once more than RSS asks: the ``content:encoded`` text,
once the XML is read, is ``&lt;p&gt;…&lt;a href=&quot;URL?b=1&amp;amp;c=2&quot;&gt;``.  Read as
HTML it is text, and the link was cited from that text as ``URL?b=1&amp;c=2``, a URL nobody
wrote (a false ``broken``); with a ``CDATA`` section the same.  The body is unescaped once more
when it holds no markup of its own and an escaped tag.

Through the real CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

BLOG = "https://blog.fixture-p27.example"
SOURCE = "https://src.fixture-p27.example/article?id=1&lang=en"


def _feed(first: str, second: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        f"<channel><title>B</title><link>{BLOG}/</link><description>d</description>\n"
        f"<item><title>One</title><link>{BLOG}/one</link><guid>{BLOG}/one</guid>\n"
        f"<content:encoded>{first}</content:encoded></item>\n"
        f"<item><title>Two</title><link>{BLOG}/two</link><guid>{BLOG}/two</guid>\n"
        f"<content:encoded>{second}</content:encoded></item>\n"
        "</channel></rss>\n"
    ).encode()


def _run(tmp_path: Path, first: str, second: str) -> tuple[int, list[tuple[str, str]]]:
    web = Web()
    web.page(SOURCE, "<title>Source</title><article><h1>Source</h1><p>Text.</p></article>")
    web.add(f"{BLOG}/feed", Response(200, (("Content-Type", "application/rss+xml"),),
                                     _feed(first, second)))  # fmt: skip
    code, report, _asked = run_on_web(web, f"{BLOG}/feed", tmp_path)
    cited = [(c["url"], c["status"]) for d in report["documents"] for c in d["citations"]]
    return code, cited


def test_an_entry_escaped_twice_cites_its_links_as_written(tmp_path: Path) -> None:
    twice = SOURCE.replace("&", "&amp;amp;amp;")  # the href's own &amp;, escaped twice more
    first = (
        "&amp;lt;p&amp;gt;The report says so, &amp;lt;a href=&amp;quot;"
        f"{twice}&amp;quot;&amp;gt;here&amp;lt;/a&amp;gt;.&amp;lt;/p&amp;gt;"
    )
    second = (
        "<![CDATA[&lt;p&gt;And again &lt;a href=&quot;"
        f"{SOURCE.replace('&', '&amp;amp;')}&quot;&gt;here&lt;/a&gt;.&lt;/p&gt;]]>"
    )
    code, cited = _run(tmp_path, first, second)
    assert cited == [(SOURCE, "ok"), (SOURCE, "ok")]
    assert code == ExitCode.OK


def test_a_post_showing_escaped_html_is_not_unescaped(tmp_path: Path) -> None:
    """The near miss: a post about HTML, escaped once, keeps the markup it shows as text."""
    shown = (
        "&lt;p&gt;Write &amp;lt;br&amp;gt; for a line break;"
        f" the spec is &lt;a href=&quot;{SOURCE.replace('&', '&amp;')}&quot;&gt;here"
        "&lt;/a&gt;.&lt;/p&gt;"
    )
    code, cited = _run(tmp_path, shown, shown)
    assert cited == [(SOURCE, "ok"), (SOURCE, "ok")]
    assert code == ExitCode.OK
