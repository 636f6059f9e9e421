"""A charset label that lies (session 21): UTF-8 bytes under ``charset=ISO-8859-1``.

Many servers add ``charset=ISO-8859-1`` (their default) to every page whatever it holds.  The
page's UTF-8 was decoded as labelled: "Café — déjà" became "CafÃ© â€” dÃ©jÃ\xa0",
and a post citing the title right got a false ``title-mismatch``.  Bytes whose non-ASCII parts
are all well-formed UTF-8 are UTF-8; a real Latin-1 or Shift_JIS page is still decoded as
labelled.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.encoding import decode_body
from checker.findings import Code
from tests.fetch.support import OneAnswerServer, check_post_on, http_answer

TITLE = "Café Culture Returns to the Old Town"
PAGE = (
    f"<html><head><title>{TITLE}</title><meta property='og:type' content='article'></head>"
    f"<body><article><h1>{TITLE}</h1><p>Les cafés rouvrent — déjà. "
    + "Un long paragraphe sur la réouverture. " * 8
    + "</p></article></body></html>"
)
POST = f"""# 記事

本文です。

■
{TITLE}
http://src.example/news/cafe
"""


@pytest.mark.parametrize(
    ("body", "label", "text", "encoding"),
    [
        ("Café — déjà".encode(), "text/html; charset=ISO-8859-1", "Café — déjà", "utf-8"),
        ("Café".encode(), "text/html; charset=windows-1252", "Café", "utf-8"),
        ("ページ".encode(), "text/html; charset=Shift_JIS", "ページ", "utf-8"),
        # near misses: what the label says is right
        ("Café".encode("latin-1"), "text/html; charset=ISO-8859-1", "Café", "cp1252"),
        ("ページ".encode("shift_jis"), "text/html; charset=Shift_JIS", "ページ", "cp932"),
        (b"plain", "text/html; charset=ISO-8859-1", "plain", "cp1252"),
    ],
)
def test_utf8_bytes_under_a_legacy_label_are_utf8(
    body: bytes, label: str, text: str, encoding: str
) -> None:
    assert decode_body(body, label) == (text, encoding)


def test_a_utf16_bom_is_never_overruled() -> None:
    body = "\ufeffCafé".encode("utf-16-le")
    assert decode_body(body, "text/html; charset=ISO-8859-1")[0] == "Café"


@pytest.fixture
def site() -> Iterator[OneAnswerServer]:
    server = OneAnswerServer(http_answer("200 OK", "text/html; charset=ISO-8859-1", PAGE.encode()))
    yield server
    server.close()


def test_a_right_title_under_a_lying_label_is_no_mismatch(
    tmp_path: Path, site: OneAnswerServer
) -> None:
    report = check_post_on(site, tmp_path, POST)
    (checked,) = report.documents[0].citations
    assert checked.observed is not None
    assert checked.observed.title == TITLE
    assert Code.TITLE_MISMATCH not in {f.code for f in checked.findings}, checked.findings
