"""Left 33b: a PDF is a PDF whatever type its server gives it.

The same PDF bytes, cited as a source with their title, were "not read" as
``application/pdf`` (a ``blocked`` note: the title could not be compared) but decoded as text
when served ``application/octet-stream`` (sniffed: a PDF's first bytes may all be printable)
or ``text/html`` (a CMS that labels every answer so): their markup read as a page's, the title
a ``title-mismatch`` against ``%PDF-1.4 …`` on a right citation.  A body that opens with a
file's signature is that file (WHATWG's MIME sniffing reads the PDF and image signatures
first); the note says what it is and how it was served.  A page that mentions ``%PDF-`` in
its text is still read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.findings import Code, Severity
from checker.model import CitationKind, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_sources_on, codes

_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"3 0 obj << /Title (Annual report 2024) /Author (Jane Doe) >> endobj\n"
    b"trailer << /Root 1 0 R /Info 3 0 R >>\n%%EOF\n"
)
_TYPES = ("application/pdf", "application/octet-stream", "text/html; charset=utf-8", "text/plain")


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    web = Web()
    cited = {}
    for number, kind in enumerate(_TYPES):
        url = f"https://files{number}.test/reports/annual-2024"
        web.add(url, Response(200, (("Content-Type", kind),), _PDF))
        cited[url] = "Annual report 2024"
    return dict(check_sources_on(web, cited, tmp_path_factory.mktemp("sniffed")))


@pytest.mark.parametrize("number", range(len(_TYPES)), ids=_TYPES)
def test_a_pdf_is_not_read_as_text_whatever_its_type(checked: dict, number: int) -> None:
    citation = checked[f"https://files{number}.test/reports/annual-2024"]
    assert citation.citation.kind is CitationKind.SOURCE
    assert citation.status is Status.OK, citation.findings
    assert Code.TITLE_MISMATCH not in codes(citation), citation.findings
    (note,) = [f for f in citation.findings if f.code is Code.BLOCKED]
    assert note.severity is Severity.INFO
    assert "pdf" in note.message.lower(), note.message


def test_a_page_about_pdf_headers_is_read(tmp_path: Path) -> None:
    web = Web()
    url = "https://docs.test/2025/05/pdf-headers.html"
    web.page(
        url,
        "<html><head><title>Annual report 2024</title></head><body><h1>Annual report 2024</h1>"
        "<p>By Jane Doe, May 12, 2025</p><p>%PDF-1.7 is how every PDF begins.</p></body></html>",
    )
    citation = check_sources_on(web, {url: "Annual report 2024"}, tmp_path)[url]
    assert citation.status is Status.OK
    assert Code.BLOCKED not in codes(citation), citation.findings


_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@pytest.mark.parametrize("kind", ["text/html; charset=utf-8", "text/plain"])
def test_a_gif_is_not_read_as_a_page_whatever_its_type(tmp_path: Path, kind: str) -> None:
    """``GIF87a``/``GIF89a`` are signatures too (WHATWG sniffs them): the scan that skipped
    every alphanumeric mark read the image as a page, its bytes compared with the cited title
    (mend 33n)."""
    web = Web()
    url = "https://files.test/charts/budget-2024"
    web.add(url, Response(200, (("Content-Type", kind),), _GIF))
    citation = check_sources_on(web, {url: "Budget chart 2024"}, tmp_path)[url]
    assert Code.TITLE_MISMATCH not in codes(citation), citation.findings
    (note,) = [f for f in citation.findings if f.code is Code.BLOCKED]
    assert "an image" in note.message, note.message
