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

from pathlib import Path

import pytest

from checker.findings import Code, Severity
from checker.model import CitationKind, Status
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Request, Response
from checker.urls import MAX_HEADER_CHARS, memento_original
from tests.fetch.support import check_sources_on, codes, config_for
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


_PRELOADS = ", ".join(f"</static/chunk-{n:05d}.js>; rel=preload; as=script" for n in range(120))


def test_an_original_named_past_what_the_store_keeps_is_judged_alike_cold_and_warm(
    tmp_path: Path,
) -> None:
    """The part of a ``Link`` searched is what the store keeps of a header: an original named
    past it was compared cold and "not compared" warm (mend 33n).  Two copies checked through
    one store twice, the second run answered from the store (mend 34p: the test before
    compared ``None`` with ``None`` by construction, and no run read a stored ``Link``)."""
    late = f'{_PRELOADS}, <{ORIGINAL}>; rel="original"'
    early = f'<{ORIGINAL}>; rel="original", {_PRELOADS}'
    assert len(early) == len(late) > MAX_HEADER_CHARS
    asked: list[str] = []

    def archive(request: Request) -> Response:
        asked.append(request.path)
        link = late if request.path == "/Late1" else early
        return Response(200, (("Content-Type", "text/html; charset=utf-8"), ("Link", link)), _PAGE)

    web = Web()
    web.fallback("archive.ph", archive)
    cited = ("https://archive.ph/Late1", "https://archive.ph/Early")
    posts = [
        f"# 翻訳記事{n}(Foreign Affairs)\n\nこれは翻訳記事の本文です。\n\n■\n\n"
        f"{TITLE}\nBy Jane Doe\nMay 12, 2025\n{url}\n"
        for n, url in enumerate(cited)
    ]
    (tmp_path / "posts").mkdir()
    for n, post in enumerate(posts):
        (tmp_path / "posts" / f"post-{n}.md").write_text(post, encoding="utf-8")
    runs = []
    with SampleWeb(web) as site:
        for run in ("cold", "warm"):
            config = config_for(
                site, archive="off", retries=0, timeout=5.0, report_dir=tmp_path / run,
                store=tmp_path / "store",
            )  # fmt: skip
            report = check([str(tmp_path / "posts")], config)
            runs.append({c.citation.url: c.findings for d in report.documents for c in d.citations})
    cold, warm = runs
    assert sorted(asked) == ["/Early", "/Late1"]  # the warm run read the store's answers
    assert warm == cold
    assert cold["https://archive.ph/Early"] == ()
    (note,) = cold["https://archive.ph/Late1"]
    assert "publication could not be compared" in note.message


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
