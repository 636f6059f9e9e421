"""A failed quote's word diff and a dead link's Robust Links anchor in report.html (issue 17).

Verify keeps the closest passage of the source; the HTML report shows the quote against it word
by word (character by character in CJK), escaped.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from checker.config import Config
from checker.model import Observed, Report
from checker.report import build_document
from checker.report.html import DIFF_LIMIT, render, word_diff
from checker.verify.quotes import SOURCE_PASSAGE_LIMIT, find_quote
from checker.verify.robust_links import robust_link

EN = (
    "Kremlin spokesman Dmitry Peskov said the call lasted nearly 90 minutes. He said Moscow "
    "would not discuss territorial exchanges with anyone."
)
CAPTURED = datetime(2024, 1, 2, tzinfo=UTC)
JA = "ロシア大統領府のペスコフ報道官は12日、報道陣の取材に対し「それは不可能だ」と述べました。"


def _page(*paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    intro = "<p>" + "The talks were announced on Wednesday by both capitals at once. " * 4 + "</p>"
    article = f"<article>{intro}{body}</article>"
    return f"<html><head><title>t</title></head><body>{article}</body></html>"


def _tags(segments: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(s["tag"], s["text"]) for s in segments]


def test_a_changed_quote_keeps_the_sources_closest_passage() -> None:
    quoted = EN.replace("90 minutes", "30 minutes")
    match = find_quote(quoted, _page(EN), "https://news.example/a")
    assert not match.found and match.altered
    # The whole quoted passage's counterpart, both sentences, not only the changed one.
    assert match.source_passage.startswith("Kremlin spokesman")
    assert match.source_passage.endswith("with anyone.")
    assert "The talks were announced" not in match.source_passage


def test_the_source_passage_is_bounded() -> None:
    long_quote = " ".join(f"Sentence number {n} says something quite specific." for n in range(200))
    source = long_quote.replace("number 7 ", "number 8 ")
    match = find_quote(long_quote, _page(source), "https://news.example/a")
    assert not match.found
    assert 0 < len(match.source_passage) <= SOURCE_PASSAGE_LIMIT


def test_word_diff_marks_words_the_post_changed() -> None:
    segments = word_diff(EN.replace("90 minutes", "30 minutes"), EN)
    assert ("del", "30") in _tags(segments) and ("ins", "90") in _tags(segments)
    assert "".join(s["text"] for s in segments if s["tag"] != "ins") == EN.replace("90", "30")
    assert "".join(s["text"] for s in segments if s["tag"] != "del") == EN


def test_word_diff_of_japanese_is_by_character() -> None:
    quoted = JA.replace("12日", "13日").replace("取材に対し", "取材に")
    assert _tags(word_diff(quoted, JA)) == [
        ("eq", "ロシア大統領府のペスコフ報道官は"),
        ("del", "13"),  # a number is one word
        ("ins", "12"),
        ("eq", "日、報道陣の取材に"),
        ("ins", "対し"),
        ("eq", "「それは不可能だ」と述べました。"),
    ]


def test_word_diff_ignores_width_case_and_spacing() -> None:
    assert _tags(word_diff("ＢＢＣ  said\nit", "bbc said it")) == [("eq", "ＢＢＣ said it")]


def test_word_diff_is_bounded() -> None:
    segments = word_diff("word " * 5000, "other " * 5000)
    assert sum(len(s["text"]) for s in segments) <= 2 * DIFF_LIMIT


def test_the_report_shows_the_diff_escaped(report: Report) -> None:
    """The sample's quote with a hostile source passage: segments are data, never markup."""
    documents = list(report.documents)
    for d, document in enumerate(documents):
        for c, checked in enumerate(document.citations):
            if checked.citation.kind.value == "quote":
                observed = Observed(status_code=200, text="Russia is <b>losing</b> & retreating")
                citations = list(document.citations)
                citations[c] = replace(checked, observed=observed)
                documents[d] = replace(document, citations=tuple(citations))
    page = render(build_document(replace(report, documents=tuple(documents)), config=Config()))
    assert '<p class="diff">' in page
    assert '<ins title="in the source, not in the post">&lt;b&gt;losing&lt;/b&gt; &amp; ' in page
    assert '<del title="in the post, not in the source">winning</del>' in page
    assert "<b>losing" not in page


def test_a_robust_links_anchor_is_shown_as_code_to_paste(report: Report) -> None:
    """The dead link's fix names its archived copy; the anchor is a box of escaped code."""
    gone = "https://news.example.com/2024/01/gone-story/"
    anchor = robust_link(
        gone, f"https://web.archive.org/web/20240102000000/{gone}", CAPTURED, "Gone"
    )
    documents = list(report.documents)
    for d, document in enumerate(documents):
        citations = list(document.citations)
        for c, checked in enumerate(citations):
            if checked.citation.url == gone:
                (finding,) = checked.findings
                fix = f"cite the archived copy of 2024-01-02: {anchor}"
                citations[c] = replace(checked, findings=(replace(finding, suggestion=fix),))
        documents[d] = replace(document, citations=tuple(citations))
    page = render(build_document(replace(report, documents=tuple(documents)), config=Config()))
    assert (
        "Fix: cite the archived copy of 2024-01-02, with this Robust Links anchor (the original "
        "and its archived copy in one link) to paste in the post:</p>"
    ) in page
    assert f'<pre class="snippet"><code>&lt;a href=&#34;{gone}&#34; data-originalurl=' in page
    assert "Gone&lt;/a&gt;</code></pre>" in page


def test_a_rewritten_sentence_reads_as_whole_changes_not_confetti() -> None:
    """Shared odd characters (``の``, ``を``) between two changes are part of the change."""
    post = (
        "SBUはこの人物の名前を公表していないが、ウクライナ・メディアはSBU関係筋の話として"
        "伝えている。"
    )
    source = (
        "SBUはこの人物の名前や階級を公表しておらず、現地メディアの報道についてもコメントを"
        "控えている。"
    )
    segments = word_diff(post, source)
    kept = [s["text"] for s in segments if s["tag"] == "eq"]
    assert all(len(text) > 2 for text in kept[1:-1]), kept
    assert "".join(s["text"] for s in segments if s["tag"] != "ins") == post
    assert "".join(s["text"] for s in segments if s["tag"] != "del") == source
