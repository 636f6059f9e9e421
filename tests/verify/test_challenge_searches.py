"""How often ``availability._is_challenge`` searches an article for a needle (issue 19, session 21).

Each absent needle is a search of the whole page (~7 µs on a 12 KB article): a rare word of
two challenge phrases ("verify", "confirm") was searched up to three times, the others twice,
and the three markers that share "chl" and the two that share "captcha" were searched one by
one on every page.  Now each rare word is searched once and a stem's markers only when the
stem is there.  The verdicts stay the straightforward reading's (test_challenge_precheck.py,
test_challenge_phrase_words.py); these count the searches.
"""

from __future__ import annotations

from collections import Counter

import pytest

import checker.verify.availability as availability_module
from checker.model import FetchResult, Outcome
from checker.verify.availability import _CHALLENGE_MARKERS, _PHRASE_WORDS, _is_challenge

URL = "https://news.example.com/2025/02/council-meets"
NEWS = (
    "<html><head><title>Council meets | Example News</title></head><body><article>"
    "<p>The security council will continue its talks, officials confirmed; some were blocked "
    "by unusual procedure and a blocker, and would verify the accessing of files.</p>"
    + "<p>The talks went nowhere this week, the ministers said in Geneva.</p>" * 150
    + "</article></body></html>"
)


class _Counted(str):
    """A lowered page that notes every needle searched in it."""

    searches: Counter[str]

    def __contains__(self, needle: object) -> bool:
        self.searches[str(needle)] += 1
        return super().__contains__(needle)  # type: ignore[operator]


def _searches(text: str, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    searches: Counter[str] = Counter()
    lowered = availability_module._ascii_lowered

    def counted(page: str) -> str | bytes:
        found = lowered(page)
        assert isinstance(found, str)  # these pages are ASCII
        wrapped = _Counted(found)
        wrapped.searches = searches
        return wrapped

    monkeypatch.setattr(availability_module, "_ascii_lowered", counted)
    answer = FetchResult(URL, Outcome.OK, final_url=URL, status_code=200, text=text)
    assert not _is_challenge(answer)
    return searches


def test_each_rare_word_is_searched_once_on_an_article(monkeypatch: pytest.MonkeyPatch) -> None:
    searches = _searches(NEWS, monkeypatch)
    rare = set(_PHRASE_WORDS.values())
    assert rare <= set(searches)
    assert {word: searches[word] for word in rare if searches[word] > 1} == {}
    # a phrase's other words are looked for only when its rare word is there
    assert "sucuri" not in NEWS.lower() and "website" not in searches


def test_a_stems_markers_are_searched_only_where_the_stem_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    searches = _searches(NEWS, monkeypatch)
    sharing = [m for m in _CHALLENGE_MARKERS if "chl" in m or "captcha" in m]
    assert len(sharing) == 5
    assert not set(sharing) & set(searches)
    assert {"chl", "captcha"} <= set(searches)
    with_stems = NEWS.replace("Geneva", "Geneva chl captcha", 1)
    searches = _searches(with_stems, monkeypatch)
    assert set(sharing) <= set(searches)  # there, each of them is looked for
