"""The quote search's cost is about linear in the page's and the quote's lengths (session 18).

rapidfuzz's alignment of a sentence over the whole source costs the product of their lengths:
a 1,000-word quote without a sentence end, absent from a 50,000-word page, cost 17 s of CPU on
the run's one judging thread.  Above a budget the source is searched only in candidate windows
(k-gram votes), with the same verdicts: a changed word, number, name or negation is still caught.
"""

from __future__ import annotations

import random
import time

import pytest
from rapidfuzz import fuzz

from checker.model import Citation, CitationKind, Cited, FetchResult, Outcome
from checker.verify import quotes
from checker.verify.citation import _judge
from checker.verify.quotes import QuoteMatch, find_quote
from tests.verify.test_quotes import EN

_WORDS = [f"w{n}x{n * 7 % 13}" for n in range(300)]

JA = [
    "これについて、ロシア大統領府のペスコフ報道官は12日、報道陣の取材に対し「それは不可能だ。"
    "ロシアは領土の交換について議論したこともないし、今後も議論することはない」と述べました。",
    "調停役を担う国については、▽中国を挙げた人がもっとも多く23%、▽次いでアメリカが20%、"
    "▽トルコが8%などとなっています。",
]


def _filler(sentences: int, seed: int) -> list[str]:
    """Distinct English-like sentences: a long article the quoted paragraphs stand in."""
    pick = random.Random(seed)
    vocabulary = [
        "officials", "reported", "market", "council", "weather", "museum", "river", "season",
        "engineers", "library", "harvest", "station", "village", "orchestra", "committee",
        "bridge", "festival", "railway", "garden", "harbour", "teachers", "factory", "island",
    ]  # fmt: skip
    return [
        " ".join(pick.choice(vocabulary) for _ in range(12)).capitalize() + f" {n}."
        for n in range(sentences)
    ]


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>A</title></head><body><article>{body}</article></body></html>"


def _big_page(quoted: list[str], sentences: int = 12_000) -> str:
    """A page of ~1,000,000 characters with the quoted paragraphs in its middle."""
    filler = _filler(sentences, seed=18)
    half = len(filler) // 2
    paragraphs = [" ".join(filler[i : i + 20]) for i in range(0, half, 20)]
    paragraphs += quoted
    paragraphs += [" ".join(filler[i : i + 20]) for i in range(half, len(filler), 20)]
    return _page(paragraphs)


CASES = [
    (EN[0], True),
    (EN[1].replace("90", "80"), False),  # a number
    (EN[1].replace("would not discuss", "would discuss"), False),  # a negation dropped
    (EN[0].replace("lengthy", "short"), False),  # a word
    (EN[0].replace("Putin", "Lavrov"), False),  # a name
    (EN[0].replace(" The two leaders", " […] The two leaders"), True),  # a cut mark
    ("\n".join(EN), True),
    (JA[0].replace("領土の交換", "領土交換"), True),  # a particle dropped
    (JA[1].replace("23%", "32%"), False),  # a number
    (JA[0].replace("議論することはない", "議論することはある"), False),  # a negation
]


@pytest.mark.parametrize(("passage", "found"), CASES)
def test_the_windowed_search_gives_the_exact_searchs_verdicts(
    passage: str, found: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forced onto the windowed search (budget 0), every verdict is the exact search's: found,
    altered, score, the sentence named.  The closest source text may start or end a few
    characters apart (rapidfuzz breaks ties between equal alignments by where its haystack
    starts), so it is compared by similarity."""
    en_page, ja_page = _page(_filler(40, 1) + EN), _page(JA)
    page = ja_page if passage[0] in "これ調" else en_page
    exact = find_quote(passage, page, "https://example.com/a")
    monkeypatch.setattr(quotes, "_EXACT_BUDGET", 0)
    windowed = find_quote(passage, page, "https://example.com/a")
    assert exact.found is found
    same = ("found", "score", "missing", "altered", "translated")
    assert [getattr(windowed, f) for f in same] == [getattr(exact, f) for f in same]
    assert fuzz.ratio(windowed.best_passage, exact.best_passage) >= 90
    assert fuzz.ratio(windowed.source_passage, exact.source_passage) >= 90


def test_an_altered_quote_on_a_large_page_is_caught_and_aligned_in_windows_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a ~1 MB page every alignment rapidfuzz is asked for is a window, but for short
    sentences within their budget (two searches here); the changed number is caught and the
    faithful quote found, as on a small page."""
    page = _big_page(EN)
    calls: list[tuple[int, int]] = []
    real = fuzz.partial_ratio_alignment

    def counted(s1: str, s2: str, **kwargs: object) -> object:
        calls.append((len(s1), len(s2)))
        return real(s1, s2, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(quotes.fuzz, "partial_ratio_alignment", counted)
    altered = find_quote(EN[1].replace("90", "80"), page, "https://example.com/a")
    faithful = find_quote(EN[1], page, "https://example.com/a")
    small = find_quote(EN[1].replace("90", "80"), _page(EN), "https://example.com/a")
    assert faithful.found
    assert not altered.found and altered.altered
    assert (altered.missing, altered.score, altered.best_passage) == (
        small.missing,
        small.score,
        small.best_passage,
    )
    wide = [(needle, haystack) for needle, haystack in calls if haystack >= 2_000]
    assert calls and all(needle <= quotes._SHORT for needle, _ in wide), calls
    assert sum(needle * haystack for needle, haystack in wide) <= 2 * quotes._SHORT_BUDGET


def test_an_over_long_sentence_is_aligned_in_pieces() -> None:
    """A sentence of thousands of characters is cut at white space into pieces of at most
    ``_PIECE`` skeleton characters, none lost."""
    text = " ".join(random.Random(3).choice(_WORDS) for _ in range(1_500))
    pieces = quotes._split_long(text)
    assert len(pieces) > 1
    assert "".join(pieces) == text
    assert all(len(quotes._Skeleton.of(p).chars) <= quotes._PIECE for p in pieces)
    unbroken = "あ" * 3_000  # no white space at all: cut anyway
    assert all(len(p) <= quotes._PIECE for p in quotes._split_long(unbroken))


def test_a_sentence_sharing_nothing_with_the_page_is_not_found_on_the_large_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(quotes, "_EXACT_BUDGET", 0)
    absent = "Zebras quietly juggle purple xylophones beyond Jupiter while owls knit quilts."
    assert len(quotes._Skeleton.of(absent).chars) > quotes._SHORT
    match = find_quote(absent, _page(EN), "https://e.x/a")
    assert match == QuoteMatch(False, 0.0, "", missing=absent)


def _quote_work(page_words: int, quote_words: int) -> tuple[Citation, FetchResult]:
    """A quote of ``quote_words`` absent from a page of ``page_words`` (one sentence each)."""
    pick = random.Random(page_words * 31 + quote_words)
    body = " ".join(pick.choice(_WORDS) for _ in range(page_words))
    quote = " ".join(pick.choice(_WORDS) for _ in range(quote_words)) + " zzz"
    url = "https://quotes.example/a"
    page = f"<html><head><title>T</title></head><body><article><p>{body}</p></article></body>"
    result = FetchResult(url, Outcome.OK, status_code=200, text=page, final_url=url)
    return Citation(CitationKind.QUOTE, url, Cited(text=quote)), result


def _cpu(page_words: int, quote_words: int) -> float:
    citation, result = _quote_work(page_words, quote_words)
    started = time.process_time()
    _judge(citation, result)
    return time.process_time() - started


@pytest.mark.slow
def test_a_quote_ten_times_longer_on_a_page_ten_times_longer_costs_no_hundred_times() -> None:
    """CPU as a ratio taken in one run: linear in what is read would be ~10-20x, the product of
    the two lengths ~100x (before: 0.04 s -> 17 s, 450x)."""
    _cpu(2_000, 40)  # imports, first use
    small = min(_cpu(5_000, 100) for _ in range(3))
    large = min(_cpu(50_000, 1_000) for _ in range(2))
    assert large < 40 * small, (small, large)


def _sentences_cpu(passage: str) -> float:
    started = time.process_time()
    quotes._sentences(passage)
    return time.process_time() - started


@pytest.mark.parametrize("mark", [".", ". ", "!"])
def test_a_passage_of_sentence_ends_alone_is_cut_in_linear_time(mark: str) -> None:
    """Pieces without a letter ride with the next one; the carried text was re-read at each
    piece, so 8,000 dots cost 8 s and 40,000 minutes.  Ten times the dots, ~ten times the CPU
    (quadratic was 100x; ratio in one run, best of three)."""
    small = min(_sentences_cpu(mark * 2_000 + " word") for _ in range(3))
    large = min(_sentences_cpu(mark * 20_000 + " word") for _ in range(3))
    assert large < 30 * max(small, 1e-3), (small, large)
    assert quotes._sentences(mark * 10 + " a few words") == [mark * 10 + " a few words"]
