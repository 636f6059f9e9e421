"""What judging a source page remembers between calls and pages (issue 19).

Judging one citation compares the same two titles several times over, so ``match._loose`` keys
each title once.  A run cites few bylines and publications over many pages, so
``match.publisher_matches`` reads a publication's name once and a host's labels once, and
``match.author_absent`` folds a byline once: counted through the readers they call, never by
timing.  The answers stay those of a cold read (every cache emptied before each call) on the
cases of ``test_match``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

import checker.verify.match as match_module
from checker.verify.citation import title_finding
from checker.verify.match import author_absent, publisher_matches, title_matches
from checker.verify.metadata import PageMetadata
from tests.verify.test_match import ABSENT_PAGE, PUBLISHER_CASES, TITLE_CASES

_CACHES = ("_publication", "_site_words", "_domain_labels", "_name_pairs", "_loose")


def _empty_caches() -> None:
    for name in _CACHES:
        cache_clear = getattr(getattr(match_module, name, None), "cache_clear", None)
        if cache_clear is not None:
            cache_clear()


@pytest.fixture(autouse=True)
def _cold() -> Iterator[None]:
    _empty_caches()
    yield
    _empty_caches()


def _counted(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Any]:
    calls: list[Any] = []
    real: Callable[..., Any] = getattr(match_module, name)

    def counting(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(match_module, name, counting)
    return calls


def test_a_publication_is_read_once_over_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    words = _counted(monkeypatch, "_words")
    urls = [f"https://news{n}.example.org/2024/story-{n}" for n in range(5)]
    for url in urls * 2:  # the author check and the publication check ask alike
        assert not publisher_matches("The National Interest", url, ()).matched
    assert words == [("The National Interest",)]


def test_a_site_name_is_read_once_over_its_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    words = _counted(monkeypatch, "_words")
    for n in range(5):
        url = f"https://example.org/2024/story-{n}"
        assert publisher_matches("National Defense", url, ("National Defense Magazine",)).matched
    assert sorted(set(words)) == [("National Defense",), ("National Defense Magazine",)]
    assert len(words) == 2


def test_a_host_is_split_into_labels_once(monkeypatch: pytest.MonkeyPatch) -> None:
    digits = _counted(monkeypatch, "_digits")
    for n in range(5):  # no label matches: every label of the host is compared on every call
        publisher_matches("Foreign Affairs", f"https://www.nationalinterest.org/x/{n}", ())
    labels = [args for args in digits if args == ("nationalinterest",)]
    assert labels == [("nationalinterest",)]


def test_a_byline_is_folded_once_over_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = _counted(monkeypatch, "_name_tokens")
    pages = [f"<html><body><p>Story {n} by someone else.</p></body></html>" for n in range(5)]
    assert all(author_absent("Jennifer Jacobs", page) for page in pages)
    first = len(tokens)
    assert first > 0
    assert all(author_absent("Jennifer Jacobs", page) for page in pages)
    assert len(tokens) == first  # the second round of pages folds the byline no more


def _warm_and_cold(read: Callable[[], Any]) -> tuple[Any, Any]:
    _empty_caches()
    cold = read()
    for _ in range(2):
        warm = read()
    return cold, warm


@pytest.mark.parametrize(("publisher", "url", "names", "matched"), PUBLISHER_CASES)
def test_publisher_matches_answers_as_a_cold_read(
    publisher: str, url: str, names: tuple[str, ...], matched: bool
) -> None:
    # the other cases first, so that each case's caches hold other names and hosts too
    for other, other_url, other_names, _ in PUBLISHER_CASES:
        publisher_matches(other, other_url, other_names)
    warm = publisher_matches(publisher, url, names)
    cold, again = _warm_and_cold(lambda: publisher_matches(publisher, url, names))
    assert warm == cold == again
    assert cold.matched is matched


BYLINES = [
    "Jennifer Jacobs",
    "Jennifer Jacobs and Mark Twain",
    "Chan Lee",
    "Lee Chan",
    "Álvaro Gómez",
    "Jürgen Müller",
    "Juergen Mueller",
    "Amber Guetebier  Shares",
    "Jennifer Jacobs and Lee Chan",
    "Redaktion",
    "R. R.",
    "",
]
PAGES = [ABSENT_PAGE, "<p>Mark Twain wrote it.</p>", "<p>nobody</p>", "<p>Muller Jurgen</p>"]


@pytest.mark.parametrize("cited", BYLINES)
def test_author_absent_answers_as_a_cold_read(cited: str) -> None:
    for other in BYLINES:
        for page in PAGES:
            author_absent(other, page)
    for page in PAGES:
        warm = author_absent(cited, page)
        cold, again = _warm_and_cold(lambda page=page: author_absent(cited, page))  # type: ignore[misc]
        assert warm == cold == again


def test_a_citation_s_titles_are_keyed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    normalized = _counted(monkeypatch, "normalize")
    cited = "Market sanctions election treaty parliament summit agreement"
    page = PageMetadata(titles=(f"{cited}: what it means",))
    assert title_finding((cited,), page) is None
    assert sorted(set(normalized)) == sorted({(cited,), (page.titles[0],)})
    assert len(normalized) == 2


@pytest.mark.parametrize(("cited", "titles", "matched"), TITLE_CASES)
def test_title_matches_answers_as_a_cold_read(cited: str, titles: list[str], matched: bool) -> None:
    for other, other_titles, _ in TITLE_CASES:
        title_matches(other, other_titles)
    warm = title_matches(cited, titles)
    cold, again = _warm_and_cold(lambda: title_matches(cited, titles))
    assert warm == cold == again
    assert cold.matched is matched
