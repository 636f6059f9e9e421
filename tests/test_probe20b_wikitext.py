"""MediaWiki ``.wiki`` files (read as posts this session) are read as wikitext, not raw text.

A Wikipedia citation template is written ``{{cite news|url=https://x.example/a|title=…}}``:
read as raw text, its URL ran on through ``|archive-url=…|url-status=dead}}``, a URL nobody
wrote and a false ``broken``.  An HTML comment (``<!-- [https://x.example/ old] -->``), which no
reader sees, was cited, and so was the code of a ``<syntaxhighlight>`` block, which the other
markups leave out unless ``--include-verbatim``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.extract.markups import readable
from tests.cost import cpu_seconds
from tests.fetch.support import run_citecheck

WIKI = """'''Flood''' hit the town.<ref>{{cite web|url=https://news.example.org/flood|title=Flood}}</ref>

{{Cite news|url = https://paper.example.net/a?b=1|archive-url=https://web.archive.org/web/2020/https://paper.example.net/a?b=1|url-status=dead}}
See [https://www.example.com/report The report] and [[Internal link|a link]].
<!-- [https://hidden.example.org/x an old source] -->
<!--
https://hidden.example.org/y
--> After the comment https://after.example.org/z
<syntaxhighlight lang="bash">
curl https://code.example.org/api
</syntaxhighlight>
Inline <code>https://inline.example.org/c</code>, <source>get("https://src.example.org/")</source>.
"""


def _dump(tmp_path: Path, *flags: str) -> set[tuple[str, str]]:
    folder = tmp_path / "wiki"
    folder.mkdir(exist_ok=True)
    (folder / "flood.wiki").write_text(WIKI, encoding="utf-8")
    done = run_citecheck(["check", str(folder), "--dump", *flags], tmp_path)
    assert done.returncode == 0, done.stderr
    found = set()
    for line in done.stdout.splitlines():
        where, url = line.split("  ", 1)
        found.add((where.rsplit("/", 1)[-1], url))
    return found


CITED = {
    ("flood.wiki:1", "https://news.example.org/flood"),
    ("flood.wiki:3", "https://paper.example.net/a?b=1"),
    ("flood.wiki:4", "https://www.example.com/report"),
    ("flood.wiki:8", "https://after.example.org/z"),
}
CODE = {
    ("flood.wiki:10", "https://code.example.org/api"),
    ("flood.wiki:12", "https://inline.example.org/c"),
    ("flood.wiki:12", "https://src.example.org/"),
}


def test_wikitext_cites_what_its_reader_clicks(tmp_path: Path) -> None:
    assert _dump(tmp_path) == CITED


def test_include_verbatim_cites_the_code_but_never_a_comment(tmp_path: Path) -> None:
    assert _dump(tmp_path, "--include-verbatim") == CITED | CODE


def test_blanking_keeps_every_line() -> None:
    assert readable(WIKI, "/posts/flood.wiki").count("\n") == WIKI.count("\n")


@pytest.mark.parametrize(
    "hostile", ["<!--" * 30_000, "<code " * 30_000, "<pre>a" * 30_000, "<pre>a</pre>" * 20_000]
)
def test_blanking_is_linear(hostile: str) -> None:
    normal = ("See https://real.example/a, a line of a post.\n" * 4000)[: len(hostile)]
    base = cpu_seconds(lambda: readable(normal, "p.wiki"))
    cost = cpu_seconds(lambda: readable(hostile, "p.wiki"))
    assert cost < 50 * base, (cost, base)
