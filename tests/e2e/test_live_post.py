"""The second seed (a live-update post of 21 embedded tweets) and a page of other platforms' embeds,
end to end through real sockets against fixture endpoints that behave like the real ones.

The truth comes from the fixture's own defect table (``checker.sampleweb.social_web``): each embed,
link and quoted paragraph there has the exact findings a correct checker reports; everything the
table does not list is faithful and must raise nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.config import Config, ConnectTo
from checker.findings import Code
from checker.model import CheckedCitation, CitationKind, Report
from checker.pipeline import check
from checker.sampleweb import SampleWeb, demo_web
from checker.sampleweb.social_web import (
    EMBED_CASES,
    EXPECTED,
    LIVE_POST_URL,
    MIRROR_HANDLES,
    PLATFORMS_POST_URL,
    QUOTE_CASES,
    expected_for,
)


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    with SampleWeb(demo_web()) as site:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(r) for r in site.connect_to()),
            cacert=site.ca_path,
            retries=0,
            crawl=False,
            archive="off",
            mirror_accounts=frozenset(h.lower() for h in MIRROR_HANDLES),
        )
        yield check([LIVE_POST_URL, PLATFORMS_POST_URL], config)


def _key_and_expected(checked: CheckedCitation) -> tuple[str | None, frozenset[Code] | None]:
    citation = checked.citation
    if citation.kind is CitationKind.QUOTE:
        text = citation.cited.text or ""
        for key, expected in QUOTE_CASES.items():
            if key in text:
                return key, expected
        return None, None
    for url in (citation.url, checked.final_url):
        key = _embed_or_link_key(url)
        if key is not None:
            return key, expected_for(key)
    return None, None


def _embed_or_link_key(url: str | None) -> str | None:
    """The truth table's key for ``url``: itself, or the embed it is another spelling of."""
    if url is None:
        return None
    if url in EXPECTED:
        return url
    return next((case.key for case in EMBED_CASES if url in case.aliases), None)


def _citations(report: Report) -> list[CheckedCitation]:
    return [c for d in report.documents for c in d.citations]


def test_both_pages_are_read(report: Report) -> None:
    assert [d.document.url for d in report.documents] == [LIVE_POST_URL, PLATFORMS_POST_URL]
    embeds = [c for c in _citations(report) if c.citation.kind is CitationKind.EMBED]
    live = [c for c in report.documents[0].citations if c.citation.kind is CitationKind.EMBED]
    assert len(live) == 21
    assert len(embeds) >= 21 + 10


def test_every_citation_has_exactly_its_expected_findings(report: Report) -> None:
    wrong = []
    for checked in _citations(report):
        _, expected = _key_and_expected(checked)
        codes = frozenset(f.code for f in checked.findings)
        if codes != (expected or frozenset()):
            wrong.append(
                f"{checked.citation.kind} {checked.citation.url} {checked.status}: "
                f"got {sorted(codes)}, want {sorted(expected or ())} — {checked.note}"
            )
    assert not wrong, "\n".join(wrong)


def test_every_planted_defect_is_reached(report: Report) -> None:
    reached = {_key_and_expected(c)[0] for c in _citations(report)}
    defects = {key for key, expected in EXPECTED.items() if expected}
    assert defects <= reached, sorted(defects - reached)
