"""The store keeps no secret a page echoes from the URL asked for (trust, session 39).

A page's canonical link, ``og:url`` or a "not found: …" text repeats the URL it was asked for;
the store redacted that URL's own column and kept the body whole, the URL's
``?access_token=…`` and password in it, in a file CI caches share.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest

from checker.config import Config
from checker.redact import REDACTED, redact_echoes, secret_pieces
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Request, Response, Web
from tests.fetch.support import config_for, fetch_counting

SITE = "https://echo.example.com"
ASKED = f"{SITE}/page?access_token=s3cr3tT0kenValue&page=2"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _echo(request: Request) -> Response:
    said = escape(request.url, quote=True)
    page = f'<title>Echo</title><link rel="canonical" href="{said}"><p>asked {said}</p>'
    return Response(200, _HTML, page.encode())


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    web.add(ASKED, _echo)
    with SampleWeb(web) as running:
        yield running


@pytest.fixture
def config(site: SampleWeb, tmp_path: Path) -> Config:
    return config_for(site, store=tmp_path / "store.sqlite3", retries=0)


def test_a_page_echoing_its_urls_secret_is_stored_without_it(config: Config) -> None:
    [first], sent = fetch_counting(config, [ASKED])
    assert sent == 1 and first.text is not None and "s3cr3tT0kenValue" in first.text
    assert config.store.path is not None
    data = b"".join(p.read_bytes() for p in config.store.path.parent.glob("store.sqlite3*"))
    assert b"s3cr3tT0kenValue" not in data
    [again], sent = fetch_counting(config, [ASKED])  # the warm run still reuses its answer
    assert sent == 0 and again.from_store and again.text is not None
    assert f"access_token={REDACTED}" in again.text and "<title>Echo</title>" in again.text


def test_secret_pieces_are_what_the_redaction_hides() -> None:
    url = "https://user:pa55word@x.example/ok?access_token=t0ken%2Fvalue&page=2"
    assert set(secret_pieces(url)) == {"user:pa55word", "pa55word", "t0ken%2Fvalue", "t0ken/value"}
    assert secret_pieces("https://x.example/plain?page=2") == ()
    assert redact_echoes("Hello pa55word, t0ken/value; page=2", url) == (
        f"Hello {REDACTED}, {REDACTED}; page=2"
    )
    assert redact_echoes("user admin", "https://admin:pw@x.example/") == "user admin"  # short
    words = "a password, a passphrase"  # a word is no drawn secret: a quote keeps it
    assert redact_echoes(words, "https://u:password@x.example/?key=passphrase") == words
