"""Probe 32: a host name is asked for as a browser asks for it (UTS 46), not refused.

``café.fr`` written with a combining accent (text from macOS, decomposed) and ``ＡＢＣ.com`` in
full-width letters (a Japanese input method's) open ``café.fr`` and ``abc.com`` in every
browser: the URL standard maps a name's case, width and compatibility forms and composes it
(NFC) before IDNA.  IDNA 2008, as httpx applies it, refuses both, so such a link was
``malformed-url``, an error, for a page that opens.  Checked through the sample web (loopback
TLS, ``--connect-to``), which routes the name the request asks for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.findings import Code
from checker.model import Status
from checker.sampleweb import Web
from checker.urls import browser_mapped
from tests.fetch.support import check_links_on, codes

if TYPE_CHECKING:
    from pathlib import Path

DECOMPOSED = "https://cafe\u0301.fixture-p32.example/menu"
FULL_WIDTH = "https://ＡＢＣ.fixture-p32.example/news?id=1"


@pytest.mark.parametrize(
    ("url", "mapped"),
    [
        (DECOMPOSED, "https://café.fixture-p32.example/menu"),
        (FULL_WIDTH, "https://abc.fixture-p32.example/news?id=1"),
        ("https://user@MÜNCHEN.example:8443/x", "https://user@münchen.example:8443/x"),
        ("https://münchen.example/x", None),  # already as a browser asks: nothing to map
        ("https://example.com/ＡＢＣ", None),  # the path is no host name
        ("https://[::1]:8080/", None),
        ("mailto:someone", None),
    ],
)
def test_browser_mapped(url: str, mapped: str | None) -> None:
    assert browser_mapped(url) == mapped


def test_a_link_to_a_name_browsers_map_is_checked(tmp_path: Path) -> None:
    web = Web()
    for page in (
        "https://xn--caf-dma.fixture-p32.example/menu",
        "https://abc.fixture-p32.example/news?id=1",
    ):
        web.page(page, "<title>Menu</title><article><h1>Menu</h1><p>Soup of the day.</p></article>")
    checked = check_links_on(web, [DECOMPOSED, FULL_WIDTH], tmp_path)
    assert checked[DECOMPOSED].status is Status.OK
    assert checked[FULL_WIDTH].status is Status.OK


@pytest.mark.parametrize(
    "host",
    [
        "evil.example＼bank.example",  # full-width reverse solidus: a backslash
        "evil.example％41.example",
        "evil.example＜b＞.example",
        "evil.example｜bank.example",
        "evil.example［1］.example",
        "evil.example＾bank.example",
        "evil.example\u3000bank.example",  # the ideographic space: a space
    ],
)
def test_a_name_mapped_to_what_no_host_holds_is_not_mapped(host: str) -> None:
    """UTS 46 maps these full-width forms to characters the URL standard forbids in a domain:
    a browser refuses such a name.  Mapped, ``evil.example＼bank.example`` was asked for as
    the host ``evil.example\\bank.example``; it is not mapped, so the link is malformed."""
    assert browser_mapped(f"https://{host}/x") is None


def test_a_link_whose_name_maps_to_a_backslash_is_malformed(tmp_path: Path) -> None:
    url = "https://evil.fixture-p32.example＼bank.fixture-p32.example/x"
    web = Web()
    web.page("https://evil.fixture-p32.example/x", "<title>Evil</title><p>Not the bank.</p>")
    checked = check_links_on(web, [url], tmp_path)
    assert (checked[url].status, codes(checked[url])) == (Status.BROKEN, {Code.MALFORMED_URL})
