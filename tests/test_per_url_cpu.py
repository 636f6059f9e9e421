"""Work done once a URL or a citation that was done again on the way (issue 19, per-URL CPU).

Each test holds a speed-only change to its contract: the same value, computed once."""

from __future__ import annotations

import itertools

from checker import urls
from checker.model import Citation, CitationKind, Cited, FetchResult, Outcome
from checker.sharing import site_of
from checker.verify.citation import memo_keys

_UNIQUE = itertools.count()


def test_a_citations_memo_subject_is_the_same_for_all_its_keys() -> None:
    """On a store a citation has two or three keys (its plain keys, the text's, the
    judgement's): one subject, made from the citation's values (``repr`` of the citation and
    its SHA-256 were ~20 µs of each call; tests/verify/test_memo_keys.py), inputs by answer."""
    citation = Citation(
        CitationKind.SOURCE, f"https://memo.example/{next(_UNIQUE)}", Cited(title="A story")
    )
    first = FetchResult(citation.url or "", Outcome.OK, status_code=200, text="<p>one</p>")
    second = FetchResult(citation.url or "", Outcome.OK, status_code=404, text="<p>two</p>")
    keys = [memo_keys(citation, first), memo_keys(citation, second), memo_keys(citation, first)]
    assert len({subject for subject, _ in keys}) == 1
    assert keys[0] == keys[2] and keys[0][1] != keys[1][1]  # the inputs still differ by answer
    # an equal citation (another object, the same fields) has the same subject
    twin = Citation(CitationKind.SOURCE, citation.url, Cited(title="A story"))
    assert memo_keys(twin, first) == keys[0]


def test_an_unhashable_citation_still_has_its_memo_subject() -> None:
    """A library caller's citation holding a list (its type says tuple) has a subject, the
    same every call, not a ``TypeError``."""
    citation = Citation(CitationKind.LINK, "https://memo.example/list", fragments=["a"])  # type: ignore[arg-type]
    result = FetchResult(citation.url or "", Outcome.OK, status_code=200, text="<p>one</p>")
    subject, _ = memo_keys(citation, result)
    assert subject.startswith("judge:") and memo_keys(citation, result)[0] == subject


def test_a_jobs_site_is_read_from_the_host_the_run_split_already() -> None:
    """``site_of`` (each job on the driver) takes ``urls.url_host``'s kept host, not a
    ``urlsplit`` of its own."""
    url = f"https://news{next(_UNIQUE)}.bbc.co.uk/a"
    assert urls.url_host(url) == url.split("/")[2]
    hits = urls.url_host.cache_info().hits
    assert site_of(url) == "bbc.co.uk"
    assert urls.url_host.cache_info().hits == hits + 1
    assert site_of("http://[bad") == "" and site_of(None) == ""
