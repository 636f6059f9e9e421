"""Left 33b: a source cited as an archive's copy at a short address (``archive.ph/AbCd1``).

Session 32 compared the publication a post names with the original a copy's address names
(an AMP cache's, a Wayback replay's), but archive.today's short ids name none: the copy was
judged as archive.ph's own page, "the post names “Foreign Affairs” but the URL is on
archive.ph", a ``publisher-mismatch`` for every such citation.  The archive's answer names its
original in its Memento ``Link`` header (RFC 7089, ``rel="original"``), which is compared;
without one, nothing names the publisher, and the note says the publication was not compared
(no false alarm, no silent pass).
"""

from __future__ import annotations

import pytest

from checker.findings import Code, Severity
from checker.model import CitationKind, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from checker.urls import memento_original
from tests.fetch.support import check_sources_on, codes
from tests.test_probe32_copy_publisher import ARTICLE as ORIGINAL
from tests.test_probe32_copy_publisher import TITLE, _page

_MIRROR = "https://mirror.test/2025/05/rearmament"
_PAGE = _page("Front page")  # (probe 32's copy of the article: no site name of its own)


def _answer(original: str | None) -> Response:
    headers = [("Content-Type", "text/html; charset=utf-8")]
    if original is not None:
        headers.append(
            (
                "Link",
                f'<{original}>; rel="original", <https://archive.ph/tg/{original}>; rel=timegate',
            )
        )
    return Response(200, tuple(headers), _PAGE)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict:
    web = Web()
    web.add("https://archive.ph/AbCd1", _answer(ORIGINAL))
    web.add("https://archive.ph/XyZ12", _answer(None))
    web.add("https://archive.ph/Qw3rT", _answer("https://www.elsewhere.test/2025/05/rearmament"))
    web.add(_MIRROR, _answer(ORIGINAL))
    cited = dict.fromkeys(
        (
            "https://archive.ph/AbCd1",
            "https://archive.ph/XyZ12",
            "https://archive.ph/Qw3rT",
            _MIRROR,
        ),
        TITLE,
    )
    folder = tmp_path_factory.mktemp("archive-ids")
    return check_sources_on(
        web, cited, folder, heading="翻訳記事{}(Foreign Affairs)", text="これは翻訳記事の本文です。"
    )


def test_a_short_address_whose_answer_names_the_original_is_the_originals(checked: dict) -> None:
    citation = checked["https://archive.ph/AbCd1"]
    assert citation.citation.kind is CitationKind.SOURCE
    assert citation.citation.cited.publisher == "Foreign Affairs"
    assert citation.status is Status.OK
    assert codes(citation) == set(), citation.findings


def test_a_short_address_naming_nothing_says_the_publication_was_not_compared(
    checked: dict,
) -> None:
    citation = checked["https://archive.ph/XyZ12"]
    assert Code.PUBLISHER_MISMATCH not in codes(citation), citation.findings
    (note,) = citation.findings
    assert (note.code, note.severity) == (Code.BLOCKED, Severity.INFO)
    assert "publication could not be compared" in note.message


def test_a_copy_of_another_sites_page_still_mismatches(checked: dict) -> None:
    assert Code.PUBLISHER_MISMATCH in codes(checked["https://archive.ph/Qw3rT"])


def test_a_mirror_naming_the_original_in_its_link_is_still_another_site(checked: dict) -> None:
    """Only an archive's ``Link`` names a copy's original: any site may send ``rel="original"``
    (a mirror, a scraper), and read so it hid a ``publisher-mismatch`` (mend 33n)."""
    assert Code.PUBLISHER_MISMATCH in codes(checked[_MIRROR]), checked[_MIRROR].findings


def test_an_original_named_past_what_the_store_keeps_is_not_read_cold() -> None:
    """The part of a ``Link`` searched is what the store keeps of a header: an original named
    past it was compared cold and "not compared" warm (mend 33n)."""
    import json  # noqa: PLC0415

    from checker.fetch.store import _stored_headers  # noqa: PLC0415 (the store's own cut)

    def kept(value: str) -> str:
        return json.loads(_stored_headers({"Link": value})[0])["Link"]

    preloads = ", ".join(f"</static/chunk-{n:05d}.js>; rel=preload; as=script" for n in range(120))
    link = f'{preloads}, <https://news.example/a>; rel="original"'
    assert 4_096 < len(link) < 8_192
    assert memento_original(link) == memento_original(kept(link))
    short = '<https://news.example/a>; rel="original", ' + preloads
    assert memento_original(short) == memento_original(kept(short))
    assert memento_original(short) == "https://news.example/a"


@pytest.mark.parametrize(
    ("link", "original"),
    [
        ('<https://a.test/x>; rel="original"', "https://a.test/x"),
        (
            '<https://a.test/t>; rel="timegate", <https://a.test/x>; rel="original latest-version"',
            "https://a.test/x",
        ),
        ('<https://a.test/x>; type="text/html"; rel=original', "https://a.test/x"),
        ('<https://a.test/x>; rel="preload"; as="style"', None),
        ("", None),
        (None, None),
    ],
)
def test_memento_original(link: str | None, original: str | None) -> None:
    assert memento_original(link) == original
