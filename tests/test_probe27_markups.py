"""Probe 27: the markups a docs or CI user points a link checker at, read as text.

AsciiDoc's URL macro with attributes in its text, ``https://x/a[Docs^]`` (open in a new window)
or ``https://x/a[Docs,window=_blank]``, was cited with its bracket (``…/a[Docs^]``), a URL
nobody wrote: a false ``broken``.  Asciidoctor ends the URL at its ``[``.

Through the real CLI on the fixture web.
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

from checker.cli import ExitCode
from checker.extract import markups
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://docs.fixture-p27.example"


def test_an_asciidoc_url_macros_text_is_not_part_of_its_url(tmp_path: Path) -> None:
    web = Web()
    for path in ("/new-window", "/attributes", "/plain"):
        web.page(f"{HOST}{path}", "<title>Docs</title><article><h1>Docs</h1><p>Text.</p>")
    doc = tmp_path / "guide.adoc"
    doc.write_text(
        "= Guide\n\n"
        f"Read {HOST}/new-window[Guide^] first.\n"
        f"Then {HOST}/attributes[Reference,window=_blank] and\n"
        f"link:{HOST}/plain[the plain one].\n",
        encoding="utf-8",
    )
    code, report, asked = run_on_web(web, str(doc), tmp_path / "out")
    (document,) = report["documents"]
    assert [(c["url"], c["line"], c["status"]) for c in document["citations"]] == [
        (f"{HOST}/new-window", 3, "ok"),
        (f"{HOST}/attributes", 4, "ok"),
        (f"{HOST}/plain", 5, "ok"),
    ]
    assert not any("[" in url for url in asked)
    assert code == ExitCode.OK


def test_brackets_in_a_query_stay_outside_asciidoc(tmp_path: Path) -> None:
    """The near miss: in a plain text file a query's brackets are the URL's own."""
    web = Web()
    url = f"{HOST}/search?filter[status]=open"
    web.page(url, "<title>Results</title><article><h1>Results</h1><p>Text.</p></article>")
    notes = tmp_path / "notes.txt"
    notes.write_text(f"The open ones: {url} for now.\n", encoding="utf-8")
    code, report, _asked = run_on_web(web, str(notes), tmp_path / "out")
    (document,) = report["documents"]
    assert [c["url"] for c in document["citations"]] == [url]
    assert code == ExitCode.OK


def test_the_asciidoc_macros_bracket_is_set_apart_as_the_first_reading_set_it() -> None:
    """Every line of ``://``, ``[``, ``]``, spaces, ``<`` and URL letters reads as the
    pattern it replaced read it (that one matched at each ``://``)."""
    first_reading = re.compile(r"(://[^\s\[\]<>]+)\[")
    pieces = ["://", "[", "]", " ", "<", "a", "b/", "https://x.example/p", "a["]
    rng = random.Random(27)
    for _ in range(20_000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        assert markups._adoc_url_text_apart(line) == first_reading.sub(r"\1 [", line), line
