"""The run history's rows (``store.verdict_rows``), written at the end of every run, warm ones
too: each host's registered domain is found once a run, and is the one each URL's own parse
gives, whatever the URL looks like (issue 19, warm rerun)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from checker.fetch import store
from checker.fetch.store import verdict_rows
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Document,
    Report,
    Status,
)

ODD_URLS = [
    "https://news.alpha.com/a?b=1",
    "https://user:pw@news.alpha.com/a",
    "HTTPS://News.Alpha.COM:8443/a#x",
    "https://beta.co.uk?x=1",
    "https://beta.co.uk#frag",
    "http://[::1]:8080/p",
    "http://[::1/broken",
    "mailto:someone@alpha.com",
    "htps//missing.example.com/a",
    "1http://bad-scheme.example.com/",
    "https://",
    "https:///path-only",
    "https://192.168.0.1/x",
]


def _report(urls: list[str]) -> Report:
    citations = tuple(Citation(CitationKind.LINK, url) for url in urls)
    document = Document("https://blog.example/p1", "in", "t", date(2025, 1, 10), citations)
    checked = CheckedDocument(document, tuple(CheckedCitation(c, Status.OK) for c in citations))
    return Report(("in",), (checked,), "0", "2025-03-10T12:00:00+00:00", "2025-03-10T12:00:00")


def test_each_hosts_domain_is_found_once_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    urls = [f"https://news{n % 3}.alpha.com/story-{n}" for n in range(300)]
    parsed: list[str] = []
    real = store.urlsplit

    def counting(url: str, *args: Any) -> Any:
        parsed.append(url)
        return real(url, *args)

    monkeypatch.setattr(store, "urlsplit", counting)
    rows = verdict_rows(_report(urls), 1, "")
    assert [row[6] for row in rows] == ["alpha.com"] * 300
    assert len(parsed) <= 3  # before: one parse per citation


@pytest.mark.parametrize("url", ODD_URLS)
def test_the_domain_is_the_one_the_urls_own_parse_gives(url: str) -> None:
    [row] = verdict_rows(_report([url]), 1, "")
    assert row[6] == store._domain_of(url)  # the URL's own parse, without the run's cache
